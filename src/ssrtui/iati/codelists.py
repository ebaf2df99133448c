"""The IATI and OECD DAC codelists the importer needs, shipped with ssrtui (see the YAML headers)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent / "codelists"


@lru_cache(maxsize=1)
def codelists() -> dict[str, dict[str, str]]:
    """Every shipped codelist by its IATI name: ``codelists()["ActivityStatus"]["2"]``."""
    merged: dict[str, dict[str, str]] = {}
    for name in ("iati.yaml", "dac.yaml"):
        with open(_HERE / name, encoding="utf-8") as handle:
            merged.update(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return merged


def name(codelist: str, code: str) -> str | None:
    """The published name of ``code`` in ``codelist``, or None when the code is not in it."""
    return codelists()[codelist].get(code)


@lru_cache(maxsize=None)  # a few hundred codes, asked for at every activity
def country_display(code: str) -> str | None:
    """A country's name for reading: ``NIGER (THE)`` -> ``Niger``, ``CÔTE D'IVOIRE`` -> ``Côte d'Ivoire``."""
    raw = name("Country", code)
    if raw is None:
        return None
    raw = raw.replace(" (THE)", "")
    small = {"and", "of", "the", "da"}
    words = []
    for i, word in enumerate(raw.lower().split(" ")):
        if i and word.strip("()") in small:
            words.append(word)
            continue
        opening = "(" if word.startswith("(") else ""
        parts = [p[:1].upper() + p[1:] for p in word[len(opening):].split("-")]
        word = opening + "-".join(parts)
        if word.startswith("D'"):
            word = "d'" + word[2:3].upper() + word[3:]
        words.append(word)
    return " ".join(words)

"""Every fact of the five seed documents is stated in a record's own fields (not only in a quote).

`tests/coverage/<NNN>.yaml` lists, per seed document, the facts it states: which paragraph they come
from and where the dataset states them (record id, field, the words that must be there). A fact
that disappears from its record fails here; so does a paragraph of a seed that no fact covers
(unless it is listed under ``no_facts`` with the reason, e.g. a page menu).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from ssrtui import render
from ssrtui.store import open_dataset

ROOT = Path(__file__).resolve().parent.parent
LISTS = sorted((Path(__file__).parent / "coverage").glob("*.yaml"))
SEEDS = sorted((ROOT / "seeds").glob("0*.txt"))


def paragraphs(document: Path) -> list[str]:
    """The document's paragraphs (blocks separated by blank lines), numbered from 1 in the lists."""
    return [p for p in re.split(r"\n\s*\n", document.read_text(encoding="utf-8")) if p.strip()]


def folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def field_text(data, rec: dict, field: str) -> str:
    """What a user reads in one field of a record, as plain text."""
    value = rec.get(field)
    if field == "figures":
        return " | ".join(render.figure_text(f) + " " + f["label"] for f in value or ())
    if field == "links":
        return " | ".join(f"{link['role']} {link['to']} {data.name_of(link['to'])} {link.get('note', '')}" for link in value or ())
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else str(value)


def load_list(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    return open_dataset()


def test_every_seed_has_a_coverage_list():
    listed = {load_list(p)["document"] for p in LISTS}
    assert listed == {f"seeds/{s.name}" for s in SEEDS}


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_every_listed_fact_is_in_its_record(path, data):
    missing = []
    for fact in load_list(path)["facts"]:
        rec = data.get(fact["record"])
        if rec is None:
            missing.append(f"{fact['id']}: no record {fact['record']}")
            continue
        text = folded(field_text(data, rec, fact["field"]))
        absent = [w for w in fact["words"] if folded(w) not in text]
        if absent:
            missing.append(f"{fact['id']} ({fact['fact']}): {fact['record']}.{fact['field']} lacks {absent}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_every_paragraph_is_covered_or_explained(path):
    listing = load_list(path)
    count = len(paragraphs(ROOT / listing["document"]))
    covered = {fact["paragraph"] for fact in listing["facts"]}
    explained = set((listing.get("no_facts") or {}).keys())
    assert covered | explained <= set(range(1, count + 1)), "paragraph numbers out of range"
    assert set(range(1, count + 1)) - covered - explained == set()


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_fact_ids_are_unique_and_words_given(path):
    facts = load_list(path)["facts"]
    ids = [f["id"] for f in facts]
    assert len(ids) == len(set(ids))
    assert all(f["words"] and f["field"] and f["fact"] for f in facts)


def update_entries(document: Path) -> list[str]:
    """The dated entries of an updates list (bullets opening with a bold date), whitespace-folded."""
    text = document.read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n(?=- \*\*)", text):
        if block.startswith("- **") and not block.startswith("- **["):  # the legend of confidence marks
            entries.append(" ".join(block.split("\n## ")[0].split("\n---")[0].split()))
    return entries


def test_every_confirmed_update_is_in_the_dataset(data):
    """Each [2+], [1] or [disputed] entry of updates-2016-2026.md is quoted by a record that cites it
    ([uncertain] entries stay out unless a second source confirms them)."""
    quotes = [
        " ".join(cite["quote"].split())
        for rec in data.ordered for cite in rec.get("sources", ())
        if cite["source"] == "src-updates-2016-2026" and cite.get("quote")
    ]
    entries = update_entries(ROOT / "seeds" / "updates-2016-2026.md")
    assert len(entries) > 140
    missing = [e[:100] for e in entries if "[uncertain" not in e and not any(q in e for q in quotes)]
    assert missing == []

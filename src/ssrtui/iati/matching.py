"""Names made into ids, names compared loosely, and quotes found verbatim in an activity's XML."""

from __future__ import annotations

import re
import unicodedata

from .activity import fold

MATCH_KINDS = {  # what an imported record may be matched to in --link-to data, best first
    "org": ("donor", "organisation", "institution", "country"),
    "country": ("country",),
}
_QUOTE_BREAKS = re.compile(r"[&<>\"'\u2018\u2019\u201c\u201d]")


def slug(text: str, limit: int = 70) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-") or "x"


def match_key(text: str) -> str:
    """Names compared loosely: accents, case, punctuation, a leading 'the' and '(the)' ignored."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(the\)|^the\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]+", "", text)


def find_quote(texts: list[str], raw_folded: str) -> str | None:
    """A passage of one of ``texts`` found verbatim (whitespace folded) in the activity's raw XML.

    The whole text is tried first (cut to ~200 characters), then its longest runs without the
    characters XML may have escaped (``& < > " '``), so entities in the file never break a quote.
    """
    for text in texts:
        candidates = [text] + sorted(_QUOTE_BREAKS.split(text), key=len, reverse=True)[:4]
        for candidate in candidates:
            candidate = fold(candidate)
            if len(candidate) > 200:
                candidate = candidate[:200].rsplit(" ", 1)[0]
            if len(candidate) >= 2 and candidate in raw_folded:
                return candidate
    return None


class Ids:
    """Unique slugs, never one the --link-to data already uses."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def new(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


class LinkIndex:
    """Names and aliases of the --link-to records, to match imported bodies and countries."""

    def __init__(self, records: list[dict]):
        self.ids = {r["id"] for r in records}
        self.by_key: dict[tuple[str, str], str] = {}
        for kind_order in MATCH_KINDS.values():
            for kind in reversed(kind_order):  # best kind written last wins
                for rec in records:
                    if rec["kind"] != kind:
                        continue
                    for text in [rec["name"], *rec.get("aliases", [])]:
                        key = match_key(text)
                        if key:
                            self.by_key[(kind_order[0], key)] = rec["id"]

    def find(self, what: str, names: list[str]) -> str | None:
        group = MATCH_KINDS[what][0]
        for text in names:
            found = self.by_key.get((group, match_key(text)))
            if found:
                return found
        return None

"""Building the search index from records: which words each record has, and how much each counts.

Everything a query reads is computed here, once, so the index answers without the records (a
saved index is read back by ``indexfile`` and never needs them).
"""

from __future__ import annotations

from . import dates
from .textfold import STOPWORDS, find_words, fold

#: How much a hit in each field counts.
WEIGHTS = {"name": 10.0, "aliases": 8.0, "tags": 3.0, "summary": 3.0, "description": 1.0}
DATE_WEIGHT = 5.0  # a record dated 2012 answers "2012"
DATE_FIELDS = ("date", "start", "end")
FIGURE_WEIGHT = 2.0  # "eucap budget" finds the record whose figures include a budget
KIND_WEIGHT = 1.0  # "donors" finds donor records
#: Glossary terms and source documents rank just below the records they describe.
KIND_FACTOR = {"term": 0.85, "source": 0.85}
NO_YEAR = (0, 0)
OPEN_YEAR = 9999  # the last year of a period that runs on: it matches any later year
NO_ALIASES: tuple[str, ...] = ()


def _exact_keys(folded_tokens: list[str]) -> list[str]:
    """The exact-match keys of a name: its words run together, and again without stopwords
    ("President of Mali" is also "president mali")."""
    keys = ["".join(folded_tokens)]
    if not STOPWORDS.isdisjoint(folded_tokens):
        content = [t for t in folded_tokens if t not in STOPWORDS]
        if content:
            keys.append("".join(content))
    return keys


def build(index, records: list[dict]) -> None:
    """Fill ``index`` (a new ``search.SearchIndex``) from the records, in their order (positions)."""
    index.kinds = [rec["kind"] for rec in records]
    index.positions = {rec["id"]: position for position, rec in enumerate(records)}
    aliases_folded: list[tuple[str, int]] = []
    postings = index.postings
    names = index.names
    exact = index.exact
    aliases = index.aliases = [NO_ALIASES] * len(records)
    # One float object per distinct weight, shared by every posting (saves ~24 bytes each).
    scaled = {
        factor: {name: base * factor for name, base in [*WEIGHTS.items(), ("date", DATE_WEIGHT), ("figure", FIGURE_WEIGHT)]}
        for factor in {1.0, *KIND_FACTOR.values()}
    }
    for position, rec in enumerate(records):
        name_tokens = find_words(fold(rec["name"]))
        names.append(" ".join(name_tokens))
        when = (dates.record_date(rec) or "").replace("-", "")
        index.recency.append(int(when.ljust(8, "0")) if when.isdigit() else 0)
        for key in _exact_keys(name_tokens):
            exact.setdefault(key, []).append(position)
        if rec["kind"] == "person" and len(name_tokens) > 1:  # a surname names the person
            exact.setdefault(name_tokens[-1], []).append(position)
        best = _field_words(rec, name_tokens, scaled[KIND_FACTOR.get(rec["kind"], 1.0)])
        mine = []
        for alias in rec.get("aliases", ()):
            folded_tokens = find_words(fold(alias))
            if folded_tokens:
                for key in _exact_keys(folded_tokens):
                    exact.setdefault(key, []).append(position)
                mine.append(" ".join(folded_tokens))
                aliases_folded.append((mine[-1], position))
        if mine:
            aliases[position] = mine
        for token, weight in best.items():
            slot = postings.get(token)
            if slot is None:
                postings[token] = {position: weight}
            else:
                slot[position] = weight
    by_name = sorted([*((name, position) for position, name in enumerate(names)), *aliases_folded])
    index.name_keys = [name for name, _ in by_name]
    index.name_positions = [position for _, position in by_name]
    _facets(index, records)


def _field_words(rec: dict, name_tokens: list[str], weights: dict[str, float]) -> dict[str, float]:
    """Token -> the highest weight of the fields it appears in, within one record."""
    best: dict[str, float] = {}
    for fld in WEIGHTS:
        value = rec.get(fld)
        if not value:
            continue
        weight = weights[fld]
        for text in value if isinstance(value, list) else (value,):
            for token in name_tokens if fld == "name" else find_words(fold(text)):
                if best.get(token, 0.0) < weight:
                    best[token] = weight
    for fld in DATE_FIELDS:
        value = rec.get(fld)
        year = str(dates.year_of(value)) if value else ""
        if year and best.get(year, 0.0) < weights["date"]:
            best[year] = weights["date"]
    for figure in rec.get("figures", ()):
        for token in find_words(fold(figure["label"])):
            if best.get(token, 0.0) < weights["figure"]:
                best[token] = weights["figure"]
    for token in find_words(rec["kind"]):
        if best.get(token, 0.0) < KIND_WEIGHT:
            best[token] = KIND_WEIGHT
    return best


def _facets(index, records: list[dict]) -> None:
    """Year spans, statuses, glossary definitions and figure labels, for facets and answers."""
    index.years = [_year_span(rec) for rec in records]
    index.status = [rec.get("status", "") for rec in records]
    positions = index.positions
    for position, rec in enumerate(records):
        if rec["kind"] == "term":
            defined = [positions.get(link["to"], -1) for link in rec.get("links", ()) if link["role"] == "defines"]
            if any(p >= 0 for p in defined):
                index.defines[position] = [p for p in defined if p >= 0]
        for number, figure in enumerate(rec.get("figures", ())):
            for token in dict.fromkeys(find_words(fold(figure["label"]))):
                index.figures.setdefault(token, []).append((position, number))


def _year_span(rec: dict) -> tuple[int, int]:
    """First and last year a record covers (``dates.year_span``: a period that runs on is open
    to any later year), anything undated (0, 0)."""
    return dates.year_span(rec, until=OPEN_YEAR) or NO_YEAR

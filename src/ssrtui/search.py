"""An in-memory token index: ranked, accent/case-insensitive, prefix and typo tolerant.

Built once when the dataset loads; a query touches only the index, never the store.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

_TOKEN = re.compile(r"[0-9a-z]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})

#: How much a hit in each field counts.
WEIGHTS = {"name": 10.0, "aliases": 8.0, "tags": 3.0, "summary": 3.0, "description": 1.0}
DATE_WEIGHT = 5.0  # a record dated 2012 answers "2012"
DATE_FIELDS = ("date", "start", "end")
#: Question words dropped from multi-word queries ("who heads EUCAP").
STOPWORDS = frozenset(
    "a an and are at by de des did does du for from how in is it la le les of on or the to was were what "
    "when where which who whom whose why with".split()
)
PREFIX_FACTOR = 0.7
FUZZY_FACTOR = 0.4
MAX_PREFIX_EXPANSION = 256
EXACT_BONUS = 1000.0
NAME_PREFIX_BONUS = 100.0
#: Glossary terms and source documents rank just below the records they describe.
KIND_FACTOR = {"term": 0.85, "source": 0.85}


def fold(text: str) -> str:
    """Lowercase without accents: 'Gendarmerie nationale' and 'GENDARMÉRIE' meet."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def compact(text: str) -> str:
    """The key for exact name/acronym matches: 'EMP-ABB' == 'emp abb' == 'empabb'."""
    return "".join(tokens(text))


def within_distance(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        best = i
        for j, cb in enumerate(b, start=1):
            cost = previous[j - 1] + (ca != cb)
            value = min(previous[j] + 1, current[j - 1] + 1, cost)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


@dataclass(frozen=True)
class Hit:
    position: int
    score: float


class SearchIndex:
    """Postings per token, a sorted vocabulary for prefixes, exact-name keys."""

    def __init__(self, kinds: list[str]):
        self.kinds = kinds
        self.postings: dict[str, dict[int, float]] = {}
        self.exact: dict[str, list[int]] = {}
        self.names: list[str] = []  # folded name tokens joined by spaces, for prefix bonus and ties
        self._vocab: list[str] | None = None
        self._buckets: dict[tuple[str, int], list[str]] | None = None

    @classmethod
    def build(cls, records: list[dict]) -> "SearchIndex":
        index = cls([rec["kind"] for rec in records])
        postings = index.postings
        for position, rec in enumerate(records):
            index.names.append(" ".join(tokens(rec["name"])))
            for text in [rec["name"], *rec.get("aliases", ())]:
                index.exact.setdefault(compact(text), []).append(position)
            for fld, weight in WEIGHTS.items():
                value = rec.get(fld)
                if not value:
                    continue
                texts = value if isinstance(value, list) else [value]
                for text in texts:
                    for token in _TOKEN.findall(fold(text)):
                        slot = postings.get(token)
                        if slot is None:
                            postings[token] = {position: weight}
                        elif slot.get(position, 0.0) < weight:
                            slot[position] = weight
            for fld in DATE_FIELDS:
                value = rec.get(fld)
                if value:
                    slot = postings.setdefault(value[:4], {})
                    if slot.get(position, 0.0) < DATE_WEIGHT:
                        slot[position] = DATE_WEIGHT
        return index

    @property
    def vocab(self) -> list[str]:
        if self._vocab is None:
            self._vocab = sorted(self.postings)
        return self._vocab

    def _fuzzy_candidates(self, term: str) -> list[str]:
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for token in self.postings:
                buckets.setdefault((token[0], len(token)), []).append(token)
            self._buckets = buckets
        limit = 1 if len(term) < 7 else 2
        found = []
        for length in range(len(term) - limit, len(term) + limit + 1):
            for token in self._buckets.get((term[0], length), ()):
                if within_distance(term, token, limit):
                    found.append(token)
        return found

    def _term_scores(self, term: str) -> dict[int, float]:
        scores: dict[int, float] = dict(self.postings.get(term, {}))
        if len(term) > 3 and term.endswith("s"):  # plural: "heads" finds "head"
            for position, weight in self.postings.get(term[:-1], {}).items():
                if scores.get(position, 0.0) < weight:
                    scores[position] = weight
        vocab = self.vocab
        start = bisect_left(vocab, term)
        expanded = 0
        for token in vocab[start:]:
            if not token.startswith(term):
                break
            if token == term:
                continue
            expanded += 1
            if expanded > MAX_PREFIX_EXPANSION:
                break
            for position, weight in self.postings[token].items():
                value = weight * PREFIX_FACTOR
                if scores.get(position, 0.0) < value:
                    scores[position] = value
        if not scores and len(term) >= 4:
            for token in self._fuzzy_candidates(term):
                for position, weight in self.postings[token].items():
                    value = weight * FUZZY_FACTOR
                    if scores.get(position, 0.0) < value:
                        scores[position] = value
        return scores

    def search(self, query: str, kind: str | None = None, limit: int | None = 50) -> list[Hit]:
        """Ranked hits: exact name/acronym first, then name prefixes, then by field weight."""
        terms = list(dict.fromkeys(tokens(query)))
        if not terms:
            return []
        meaningful = [t for t in terms if t not in STOPWORDS]
        if meaningful and len(meaningful) < len(terms):
            terms = meaningful
        per_term = [self._term_scores(term) for term in terms]
        per_term.sort(key=len)
        combined = dict(per_term[0])
        for scores in per_term[1:]:
            combined = {pos: score + scores[pos] for pos, score in combined.items() if pos in scores}
        if not combined and len(per_term) > 1:
            combined = {}
            for scores in per_term:
                for pos, score in scores.items():
                    combined[pos] = combined.get(pos, 0.0) + score * 0.5
        folded = " ".join(terms)
        for pos in self.exact.get("".join(terms), ()):
            combined[pos] = combined.get(pos, 0.0) + EXACT_BONUS
        if kind is not None:
            combined = {pos: s for pos, s in combined.items() if self.kinds[pos] == kind}
        hits = []
        for pos, score in combined.items():
            if self.names[pos].startswith(folded):
                score += NAME_PREFIX_BONUS
            score *= KIND_FACTOR.get(self.kinds[pos], 1.0)
            hits.append(Hit(pos, round(score, 3)))
        hits.sort(key=lambda h: (-h.score, self.names[h.position]))
        return hits[:limit] if limit is not None else hits

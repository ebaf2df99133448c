"""Ranking a query against the search index: accent/case-insensitive, prefix, variant, synonym and
typo tolerant, names and acronyms first.

The index is built from the records (``index_build``) or read back from the file kept beside the
store (``indexfile``); either way a query touches only the index, never the records.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from typing import NamedTuple

from . import schema
from .index_build import KIND_FACTOR
from .textfold import STOPWORDS, tokens
from .typos import candidates, nearest
from .words import stem, stem_prefix, table

FEW_RESULTS = 5  # below this many all-words hits, records matching some words are added after them
PREFIX_FACTOR = 0.7
VARIANT_FACTOR = 0.9  # "soldiers" finds "soldier", "funding" "funds"
SYNONYM_FACTOR = 0.75  # "troops" finds "personnel" (synonyms.txt)
FUZZY_FACTOR = 0.4
MAX_PREFIX_EXPANSION = 256
MAX_VARIANT_SCAN = 512
EXACT_BONUS = 1000.0
NAME_PREFIX_BONUS = 100.0
SECONDARY_KINDS = frozenset(schema.NOT_ACTORS)
#: An entity named by the query outranks the events that merely start with its name.
PREFIX_KIND_FACTOR = {"term": 0.85, "source": 0.85, "event": 0.9}


class Hit(NamedTuple):
    position: int
    score: float


class SearchIndex:
    """Postings per token, a sorted vocabulary for prefixes and typos, exact-name keys.

    What each attribute holds (filled by ``index_build.build``, or read lazily from a saved index):
    ``kinds``, ``names`` (folded), ``recency`` (yyyymmdd), ``aliases`` (folded, per position),
    ``years`` and ``status`` (facets) per position; ``postings`` token -> {position: weight};
    ``exact`` key -> positions; ``name_keys``/``name_positions`` names and aliases sorted, for the
    name-prefix bonus; ``defines`` term position -> what it defines; ``figures`` label word ->
    (position, figure number); ``positions`` record id -> position.
    """

    def __init__(self):
        self.kinds: list[str] = []
        self.postings: dict[str, dict[int, float]] = {}
        self.exact: dict[str, list[int]] = {}
        self.names: list[str] = []
        self.recency: list[int] = []
        self.name_keys: list[str] = []
        self.name_positions: list[int] = []
        self.aliases: list = []
        self.years: list[tuple[int, int]] = []
        self.status: list[str] = []
        self.defines: dict[int, list[int]] = {}
        self.figures: dict[str, list[tuple[int, int]]] = {}
        self.positions: dict[str, int] = {}
        self._vocab: list[str] | None = None
        self._variants: dict[str, list[str]] = {}

    @classmethod
    def build(cls, records: list[dict]) -> "SearchIndex":
        from .index_build import build

        index = cls()
        build(index, records)
        return index

    @property
    def vocab(self) -> list[str]:
        """Every indexed word, sorted (for prefixes, variants and typos)."""
        if self._vocab is None:
            self._vocab = sorted(self.postings)
        return self._vocab

    def position(self, record_id: str) -> int:
        """A record's position in the index (-1 when absent)."""
        return self.positions.get(record_id, -1)

    def figures_matching(self, term: str) -> list[tuple[int, int]]:
        """(position, figure number) of the figures whose label has the term."""
        return self.figures.get(term, [])

    def suggest(self, term: str) -> str | None:
        """The indexed word nearest a word that matches nothing (for "did you mean")."""
        if len(term) < 3 or term in self.postings:
            return None
        return nearest(self.vocab, term, lambda token: len(self.postings[token]))

    @staticmethod
    def _keep_best(scores: dict[int, float], more: dict[int, float], factor: float = 1.0) -> None:
        """Merge ``more`` (times ``factor``) into ``scores``, keeping each position's best score."""
        for position, weight in more.items():
            value = weight * factor
            if scores.get(position, 0.0) < value:
                scores[position] = value

    def _prefix_scores(self, term: str, done: frozenset[str] | set[str] = frozenset()) -> dict[int, float]:
        """Scores from the tokens that extend ``term`` (typing in progress), except those ``done``."""
        scores: dict[int, float] = {}
        vocab = self.vocab
        expanded = 0
        for i in range(bisect_left(vocab, term), len(vocab)):  # no copy of the vocabulary's tail
            token = vocab[i]
            if not token.startswith(term):
                break
            if token == term or token in done:
                continue
            expanded += 1
            if expanded > MAX_PREFIX_EXPANSION:
                break
            self._keep_best(scores, self.postings[token], PREFIX_FACTOR)
        return scores

    def variants(self, term: str) -> list[str]:
        """Indexed words sharing the term's root ("soldiers": "soldier"; "countries": "country")."""
        found = self._variants.get(term)
        if found is None:
            root = stem(term)
            prefix = stem_prefix(root)
            found = []
            if len(prefix) >= 4:
                vocab = self.vocab
                first = bisect_left(vocab, prefix)
                for i in range(first, min(len(vocab), first + MAX_VARIANT_SCAN)):
                    token = vocab[i]
                    if not token.startswith(prefix):
                        break
                    if token != term and stem(token) == root:
                        found.append(token)
            if len(self._variants) > 4096:
                self._variants.clear()
            self._variants[term] = found
        return found

    def _term_scores(self, term: str) -> dict[int, float]:
        postings = self.postings
        variants = self.variants(term)
        # Start from the larger of the word's own postings and its prefix expansion (typing in
        # progress) and merge the rest in; a variant that extends the term counts above its prefix.
        prefix = self._prefix_scores(term, set(variants))
        exact = postings.get(term, {})
        if len(prefix) >= len(exact):
            scores = prefix
            self._keep_best(scores, exact)
        else:
            scores = dict(exact)
            self._keep_best(scores, prefix)
        words = table()
        target = words.variants.get(term)
        if target is not None:  # "Japanese" -> "Japan", "Malian" -> "Mali"
            self._keep_best(scores, postings.get(target, {}))
        for token in variants:
            self._keep_best(scores, postings[token], VARIANT_FACTOR)
        for synonym in words.synonyms(target or term):
            self._keep_best(scores, postings.get(synonym, {}), SYNONYM_FACTOR)
        if not scores and len(term) >= 4:
            for token in candidates(self.vocab, term):
                self._keep_best(scores, postings[token], FUZZY_FACTOR)
        return scores

    @staticmethod
    def _terms(query: str) -> list[str]:
        """Query words, without question words when other words remain."""
        terms = list(dict.fromkeys(tokens(query)))
        meaningful = [t for t in terms if t not in STOPWORDS]
        return meaningful if meaningful else terms

    def _combined(self, terms: list[str], kind: str | None) -> dict[int, float]:
        """Score per matching position: all-words hits, then (when few) partial hits ranked below them."""
        per_term = sorted((self._term_scores(term) for term in terms), key=len)
        combined = dict(per_term[0])
        for scores in per_term[1:]:
            combined = {pos: score + scores[pos] for pos, score in combined.items() if pos in scores}
        if len(combined) < FEW_RESULTS and len(per_term) > 1:
            # Natural questions rarely share every word with the answer: add records matching some
            # words, rarer words counting more, ranked after the all-words hits.
            total = len(self.kinds) + 1
            ceiling = min(combined.values(), default=float("inf"))
            partial: dict[int, float] = {}
            for scores in per_term:
                rarity = math.log(total / (1 + len(scores)))
                for pos, score in scores.items():
                    if pos not in combined:
                        partial[pos] = partial.get(pos, 0.0) + score * rarity * 0.1
            if partial and ceiling != float("inf"):
                top = max(partial.values())
                partial = {pos: score * min(1.0, 0.9 * ceiling / top) for pos, score in partial.items()}
            combined.update(partial)
        for pos in self.exact.get("".join(terms), ()):
            combined[pos] = combined.get(pos, 0.0) + EXACT_BONUS * KIND_FACTOR.get(self.kinds[pos], 1.0)
            for defined in self.defines.get(pos, ()):  # "eucap" names the mission before its glossary term
                combined[defined] = max(combined.get(defined, 0.0), combined[pos]) + EXACT_BONUS * (1 - KIND_FACTOR["term"]) + 1
        if kind is not None:
            kinds = self.kinds
            combined = {pos: score for pos, score in combined.items() if kinds[pos] == kind}
        return combined

    def keep(self, positions, kind: str | None = None, years: tuple[int, int] | None = None, status: str | None = None):
        """The positions that pass the facets (kind, a year range the record overlaps, status)."""
        kinds = self.kinds  # the spans and statuses of every record are computed only for a facet that needs them
        spans = self.years if years is not None else ()
        statuses = self.status if status is not None else ()
        for pos in positions:
            if kind is not None and kinds[pos] != kind:
                continue
            if status is not None and statuses[pos] != status:
                continue
            if years is not None:
                first, last = spans[pos]
                if first == 0 or last < years[0] or first > years[1]:
                    continue
            yield pos

    def search(self, query: str, kind: str | None = None, limit: int | None = 50,
               years: tuple[int, int] | None = None, status: str | None = None) -> list[Hit]:
        """Ranked hits: exact name/acronym first, then name prefixes, then by field weight."""
        terms = self._terms(query)
        if not terms:
            return []
        combined = self._combined(terms, kind)
        if years is not None or status is not None:
            combined = {pos: combined[pos] for pos in self.keep(combined, years=years, status=status)}
        folded = " ".join(terms)
        name_keys = self.name_keys
        start = bisect_left(name_keys, folded)
        end = bisect_left(name_keys, folded + "\U0010ffff", lo=start)
        if end - start <= len(combined):
            prefixed = {pos for pos in self.name_positions[start:end] if pos in combined}
        else:  # fewer hits than names with that prefix: test the hits' own names
            aliases = self.aliases
            prefixed = {pos for pos in combined if self.names[pos].startswith(folded)
                        or any(a.startswith(folded) for a in aliases[pos])}
        for pos in prefixed:
            combined[pos] += NAME_PREFIX_BONUS * PREFIX_KIND_FACTOR.get(self.kinds[pos], 1.0)
        names, recency, kinds = self.names, self.recency, self.kinds
        # ties: actors before events, terms and sources; then the newest; then by name
        order = lambda item: (-item[1], kinds[item[0]] in SECONDARY_KINDS, -recency[item[0]], names[item[0]])  # noqa: E731
        if limit is not None and limit < len(combined):
            best = heapq.nsmallest(limit, combined.items(), key=order)
        else:
            best = sorted(combined.items(), key=order)
        return [Hit(pos, round(score, 3)) for pos, score in best]

    def scores(self, query: str) -> dict[int, float]:
        """Every matching position with its score, unsorted (to weigh candidates cheaply)."""
        terms = self._terms(query)
        return self._combined(terms, None) if terms else {}

    def matching(self, query: str, kind: str | None = None) -> set[int]:
        """Every position matching the query, unranked (for lists that keep their own order)."""
        terms = self._terms(query)
        return set(self._combined(terms, kind)) if terms else set()

"""An in-memory token index: ranked, accent/case-insensitive, prefix and typo tolerant.

Built once when the dataset loads (or read back from the file ``to_bytes`` wrote beside the
store); a query touches only the index, never the store.
"""

from __future__ import annotations

import hashlib
import heapq
import marshal
import math
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from . import dates, schema
from .words import stem, stem_prefix, table

_TOKEN = re.compile(r"[0-9a-z]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})

#: How much a hit in each field counts.
WEIGHTS = {"name": 10.0, "aliases": 8.0, "tags": 3.0, "summary": 3.0, "description": 1.0}
DATE_WEIGHT = 5.0  # a record dated 2012 answers "2012"
DATE_FIELDS = ("date", "start", "end")
#: Question words dropped from multi-word queries ("who heads EUCAP").
STOPWORDS = frozenset(
    "a an and are at by de des did do does du for from how in is it la le les many much of on or the to "
    "was were what when where which who whom whose why with".split()
)
FIGURE_WEIGHT = 2.0  # "eucap budget" finds the record whose figures include a budget
KIND_WEIGHT = 1.0  # "donors" finds donor records
FEW_RESULTS = 5  # below this many all-words hits, records matching some words are added after them
PREFIX_FACTOR = 0.7
VARIANT_FACTOR = 0.9  # "soldiers" finds "soldier", "funding" "funds"
SYNONYM_FACTOR = 0.75  # "troops" finds "personnel" (synonyms.txt)
FUZZY_FACTOR = 0.4
MAX_PREFIX_EXPANSION = 256
MAX_VARIANT_SCAN = 512
MAX_SUGGEST_COMPARISONS = 4000
EXACT_BONUS = 1000.0
NAME_PREFIX_BONUS = 100.0
#: Glossary terms and source documents rank just below the records they describe.
KIND_FACTOR = {"term": 0.85, "source": 0.85}
SECONDARY_KINDS = frozenset(schema.NOT_ACTORS)
#: An entity named by the query outranks the events that merely start with its name.
PREFIX_KIND_FACTOR = {"term": 0.85, "source": 0.85, "event": 0.9}
NO_YEAR = (0, 0)
OPEN_YEAR = 9999  # the last year of a period that runs on: it matches any later year
#: Bumped whenever what ``build`` computes or how ``to_bytes`` lays it out changes.
INDEX_FORMAT = 2
_MAGIC = b"ssrtui-index\0"


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lowercase without accents: 'Gendarmerie nationale' and 'GENDARMÉRIE' meet."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return _COMBINING.sub("", decomposed).casefold()


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


class _Postings(dict):
    """Token -> {position: weight} read back from a saved index: each token's postings stay marshal
    bytes until first asked for (a query touches a few hundred tokens of hundreds of thousands)."""

    __slots__ = ()

    def __getitem__(self, token: str) -> dict[int, float]:
        value = dict.__getitem__(self, token)
        if type(value) is bytes:
            value = marshal.loads(value)
            dict.__setitem__(self, token, value)
        return value

    def get(self, token: str, default=None):
        return self[token] if dict.__contains__(self, token) else default


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
        self.sorted_names: list[tuple[str, int]] = []  # for the name-prefix bonus by bisection
        self.recency: list[int] = []  # yyyymmdd of a record's date or start: newer wins ties
        self._years: list[tuple[int, int]] | None = None  # built on first use (see ``years``)
        self._status: list[str] | None = None
        self._defines: dict[int, list[int]] | None = None
        self.alias_names: dict[int, list[str]] = {}  # folded aliases, for the name-prefix bonus
        self.records: list[dict] = []
        self._vocab: list[str] | None = None
        self._buckets: dict[tuple[str, int], list[str]] | None = None
        self._variants: dict[str, list[str]] = {}
        self._figures: dict[str, list[tuple[int, int]]] | None = None
        self._positions: dict[str, int] | None = None

    @classmethod
    def build(cls, records: list[dict]) -> "SearchIndex":
        index = cls([rec["kind"] for rec in records])
        index.records = records
        aliases_folded: list[tuple[str, int]] = []
        stop = STOPWORDS
        postings = index.postings
        names = index.names
        exact = index.exact
        findall = _TOKEN.findall
        # One float object per distinct weight, shared by every posting (saves ~24 bytes each).
        scaled = {
            factor: {name: base * factor for name, base in [*WEIGHTS.items(), ("date", DATE_WEIGHT), ("figure", FIGURE_WEIGHT)]}
            for factor in {1.0, *KIND_FACTOR.values()}
        }
        kind_weight = float(KIND_WEIGHT)
        for position, rec in enumerate(records):
            name_tokens = findall(fold(rec["name"]))
            names.append(" ".join(name_tokens))
            when = (dates.record_date(rec) or "").replace("-", "")
            index.recency.append(int(when.ljust(8, "0")) if when.isdigit() else 0)
            exact.setdefault("".join(name_tokens), []).append(position)
            if rec["kind"] == "person" and len(name_tokens) > 1:  # a surname names the person
                exact.setdefault(name_tokens[-1], []).append(position)
            if not stop.isdisjoint(name_tokens):  # "President of Mali" is also "president mali"
                content = [t for t in name_tokens if t not in stop]
                if content:
                    exact.setdefault("".join(content), []).append(position)
            weights = scaled[KIND_FACTOR.get(rec["kind"], 1.0)]
            best: dict[str, float] = {}  # token -> highest field weight within this record
            for fld in WEIGHTS:
                value = rec.get(fld)
                if not value:
                    continue
                weight = weights[fld]
                for text in value if isinstance(value, list) else (value,):
                    folded_tokens = name_tokens if fld == "name" else findall(fold(text))
                    if fld == "aliases" and folded_tokens:
                        exact.setdefault("".join(folded_tokens), []).append(position)
                        if not stop.isdisjoint(folded_tokens):
                            content = [t for t in folded_tokens if t not in stop]
                            if content:
                                exact.setdefault("".join(content), []).append(position)
                        alias = " ".join(folded_tokens)
                        aliases_folded.append((alias, position))
                        index.alias_names.setdefault(position, []).append(alias)
                    for token in folded_tokens:
                        if best.get(token, 0.0) < weight:
                            best[token] = weight
            for fld in DATE_FIELDS:
                value = rec.get(fld)
                year = str(dates.year_of(value)) if value else ""
                if year and best.get(year, 0.0) < weights["date"]:
                    best[year] = weights["date"]
            for figure in rec.get("figures", ()):
                for token in findall(fold(figure["label"])):
                    if best.get(token, 0.0) < weights["figure"]:
                        best[token] = weights["figure"]
            for token in findall(rec["kind"]):
                if best.get(token, 0.0) < kind_weight:
                    best[token] = kind_weight
            for token, weight in best.items():
                slot = postings.get(token)
                if slot is None:
                    postings[token] = {position: weight}
                else:
                    slot[position] = weight
        index.sorted_names = sorted([*((name, position) for position, name in enumerate(index.names)), *aliases_folded])
        return index

    def to_bytes(self, key: str) -> bytes:
        """The built index as plain lists and dicts (marshal), for the records fingerprinted ``key``.

        A SHA-256 of the payload leads it, so a truncated or damaged file is refused before
        marshal parses a byte of it (marshal is not meant for data it did not write).
        """
        postings = {token: value if type(value) is bytes else marshal.dumps(value) for token, value in dict.items(self.postings)}
        payload = marshal.dumps((INDEX_FORMAT, key, len(self.kinds), postings, self.exact, self.names,
                                 self.sorted_names, self.recency, self.alias_names))
        return _MAGIC + hashlib.sha256(payload).digest() + payload

    @classmethod
    def from_bytes(cls, data: bytes, key: str, records: list[dict]) -> "SearchIndex | None":
        """The index ``to_bytes`` wrote for exactly these records (same ``key`` and count), else None."""
        start = len(_MAGIC) + 32
        if not data.startswith(_MAGIC) or hashlib.sha256(data[start:]).digest() != data[len(_MAGIC):start]:
            return None
        try:
            fields = marshal.loads(data[start:])
        except (EOFError, ValueError, TypeError):
            return None
        if type(fields) is not tuple or len(fields) != 9 or fields[:3] != (INDEX_FORMAT, key, len(records)):
            return None
        postings, exact, names, sorted_names, recency, alias_names = fields[3:]
        shapes = ((postings, dict), (exact, dict), (names, list), (sorted_names, list), (recency, list), (alias_names, dict))
        if any(type(value) is not kind for value, kind in shapes) or len(names) != len(records) or len(recency) != len(records):
            return None
        index = cls([rec["kind"] for rec in records])
        index.records = records
        index.postings, index.exact, index.names, index.sorted_names = _Postings(postings), exact, names, sorted_names
        index.recency, index.alias_names = recency, alias_names
        return index

    @property
    def years(self) -> list[tuple[int, int]]:
        """First and last year each record covers, for year facets (built on first use)."""
        if self._years is None:
            self._years = [_year_span(rec) for rec in self.records]
        return self._years

    @property
    def status(self) -> list[str]:
        """Each record's status, for status facets (built on first use)."""
        if self._status is None:
            self._status = [rec.get("status", "") for rec in self.records]
        return self._status

    @property
    def defines(self) -> dict[int, list[int]]:
        """Glossary term -> the records it defines ("eucap" names the mission before its term)."""
        if self._defines is None:
            defines: dict[int, list[int]] = {}
            for position, rec in enumerate(self.records):
                if rec["kind"] == "term":
                    defined = [self.position(link["to"]) for link in rec.get("links", ()) if link["role"] == "defines"]
                    if any(p >= 0 for p in defined):
                        defines[position] = [p for p in defined if p >= 0]
            self._defines = defines
        return self._defines

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
            for token in self._fuzzy_candidates(term):
                self._keep_best(scores, self.postings[token], FUZZY_FACTOR)
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
        sorted_names = self.sorted_names
        start = bisect_left(sorted_names, (folded,))
        end = bisect_left(sorted_names, (folded + "\U0010ffff",), lo=start)
        if end - start <= len(combined):
            prefixed = {pos for _, pos in sorted_names[start:end] if pos in combined}
        else:  # fewer hits than names with that prefix: test the hits' own names
            aliases = self.alias_names
            prefixed = {pos for pos in combined if self.names[pos].startswith(folded)
                        or any(a.startswith(folded) for a in aliases.get(pos, ()))}
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

    def figures_matching(self, term: str) -> list[tuple[int, int]]:
        """(position, figure number) of the figures whose label has the term (built on first use)."""
        if self._figures is None:
            figures: dict[str, list[tuple[int, int]]] = {}
            for position, rec in enumerate(self.records):
                for number, figure in enumerate(rec.get("figures", ())):
                    for token in dict.fromkeys(tokens(figure["label"])):
                        figures.setdefault(token, []).append((position, number))
            self._figures = figures
        return self._figures.get(term, [])

    def suggest(self, term: str) -> str | None:
        """The indexed word nearest a word that matches nothing (for "did you mean"): same first
        letter (or its second, for a swap), up to 3 edits, a bounded number of comparisons."""
        if len(term) < 3 or term in self.postings:
            return None
        self._fuzzy_candidates(term)  # builds the buckets
        buckets = self._buckets
        assert buckets is not None
        for limit in (1, 2, 3):
            found = []
            compared = 0
            for first in dict.fromkeys((term[0], term[1])):
                for length in range(len(term) - limit, len(term) + limit + 1):
                    for token in buckets.get((first, length), ()):
                        compared += 1
                        if compared > MAX_SUGGEST_COMPARISONS:
                            break
                        if within_distance(term, token, limit):
                            found.append(token)
            if found:
                return max(found, key=lambda t: (len(self.postings[t]), t))
        return None

    def position(self, record_id: str) -> int:
        """A record's position in the index (-1 when absent)."""
        if self._positions is None:
            self._positions = {rec["id"]: position for position, rec in enumerate(self.records)}
        return self._positions.get(record_id, -1)

    def scores(self, query: str) -> dict[int, float]:
        """Every matching position with its score, unsorted (to weigh candidates cheaply)."""
        terms = self._terms(query)
        return self._combined(terms, None) if terms else {}

    def matching(self, query: str, kind: str | None = None) -> set[int]:
        """Every position matching the query, unranked (for lists that keep their own order)."""
        terms = self._terms(query)
        return set(self._combined(terms, kind)) if terms else set()


def _year_span(rec: dict) -> tuple[int, int]:
    """First and last year a record covers (``dates.year_span``: a period that runs on is open
    to any later year), anything undated (0, 0)."""
    return dates.year_span(rec, until=OPEN_YEAR) or NO_YEAR

"""The timeline: every event in date order, grouped by year, and the filters over it.

Three filters: words (the search's rules: accents and case folded, aliases, a word being typed
matches the words it starts, variants and synonyms, typos when a word matches nothing; but as a
filter, every word must match and a prefix is never capped), a period of years, and an actor
(a kind of actor, or actors named by name or alias: "Denmark", "EUCAP"). While the words grow,
only the previous result is filtered again, where that provably gives what a fresh filter gives
(see ``_covers``). The interface shows what ``Timeline.select`` returns; no Textual here. The
period strip's content is ``periods.py``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from . import dates, schema
from .dataset import KIND_ORDER, Dataset
from .textfold import STOPWORDS, compact, tokens
from .typos import candidates
from .words import table

#: A word's expansions kept for the next keystroke (typing revisits the same few words).
_TOKEN_CACHE = 64


# ---- dates (their one definition is dates.py) --------------------------------------------------------
def event_year(rec: dict) -> int | None:
    """The year an event is placed in (its year group); None when undated."""
    return dates.record_year(rec)


def day_in_year(rec: dict) -> str:
    """An event's day and month, its year left out (the row shows it once): '21 Mar', '' for a year."""
    when = dates.record_date(rec)
    return dates.display(when).removesuffix(str(event_year(rec))).strip() if when else ""


# ---- parsing what the user typed -----------------------------------------------------------------
def parse_period(text: str) -> tuple[int, int] | None:
    """'2012-2015', '2012–2015', '2012' or '2012-' → inclusive year range; None if empty/invalid."""
    text = text.strip().replace("–", "-").replace(" ", "")
    if not text:
        return None
    first, dash, second = text.partition("-")
    try:
        low = int(first) if first else 0
        high = int(second) if second else (9999 if dash else low)
    except ValueError:
        return None
    return (min(low, high), max(low, high))


def query_words(text: str) -> list[str]:
    """The words a filter must match: folded, once each, question words dropped when others remain."""
    words = list(dict.fromkeys(tokens(text)))
    meaningful = [w for w in words if w not in STOPWORDS]
    return meaningful or words


def starts_year(events: Sequence[dict], i: int) -> bool:
    """The event at ``i`` is the first of its year in ``events`` (its row shows the year)."""
    return i == 0 or event_year(events[i]) != event_year(events[i - 1])


class Actors(NamedTuple):
    """What the actor field names: a kind of actor, or actors found by name or alias (maybe none)."""

    text: str
    kind: str | None
    records: tuple[dict, ...]


class Selection(Sequence):
    """The events shown, in date order: positions in the dataset's display order."""

    def __init__(self, ordered: list[dict], positions: list[int], timeline: "Timeline | None", total: int,
                 actors: Actors | None = None, period: tuple[int, int] | None = None):
        self.positions = positions
        self.total = total  # events in the data, filtered or not
        self.actors = actors
        self.period = period
        self._ordered = ordered
        self._timeline = timeline

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._ordered[p] for p in self.positions[i]]
        return self._ordered[self.positions[i]]

    def index_of(self, record_id: str) -> int | None:
        """Where a record is in the selection (bisection: positions are sorted)."""
        pos = self._timeline.where.get(record_id) if self._timeline is not None else None
        if pos is None:
            return None
        i = bisect_left(self.positions, pos)
        return i if i < len(self.positions) and self.positions[i] == pos else None


class Timeline:
    """A dataset's events and the filters over them; keeps the last words' result to narrow it."""

    def __init__(self, data: Dataset):
        self.data = data
        self.all = _positions(data.ordered, data.of_kind("event"))
        self.narrowed = False  # the last words were matched by narrowing the previous result
        self._where: dict[str, int] | None = None
        self._years: dict[int, int | None] | None = None
        self._last: tuple[list[str], list[int]] | None = None
        self._tokens: dict[str, list[str]] = {}
        self._involving: dict[object, frozenset[int]] = {}
        self._actor_names: list[tuple[str, str]] | None = None

    def select(self, text: str = "", period: str = "", actor: str = "") -> Selection:
        """The events matching the words, within the years, involving the actor (each optional)."""
        positions = self.text_positions(text)
        years = parse_period(period)
        if years is not None:  # an undated event has no year in any period
            low, high = years
            year = self.years
            positions = [p for p in positions if (y := year[p]) is not None and low <= y <= high]
        actors = self.actors(actor)
        if actors is not None:
            allowed = self.involving(actors)
            positions = [p for p in positions if p in allowed]
        return Selection(self.data.ordered, positions, self, len(self.all), actors, years)

    @property
    def where(self) -> dict[str, int]:
        """Event id -> position (built on first use: a load shows the events before it is needed)."""
        if self._where is None:
            ordered = self.data.ordered
            self._where = {ordered[pos]["id"]: pos for pos in self.all}
        return self._where

    @property
    def years(self) -> dict[int, int | None]:
        """Each event's year by position (computed on the first period filter)."""
        if self._years is None:
            ordered = self.data.ordered
            self._years = {pos: event_year(ordered[pos]) for pos in self.all}
        return self._years

    # ---- words ----------------------------------------------------------------------------------
    def word_tokens(self, word: str) -> list[str]:
        """The indexed words a query word matches, by the search's rules: the words it starts (itself
        included), its variants and synonyms; its typo neighbours only when none of those exist."""
        found = self._tokens.get(word)
        if found is not None:
            return found
        index = self.data.index
        vocab, postings = index.vocab, index.postings
        found = []
        for i in range(bisect_left(vocab, word), len(vocab)):
            if not vocab[i].startswith(word):
                break
            found.append(vocab[i])
        words = table()
        target = words.variants.get(word)  # "malian" -> "mali"
        extra = [*index.variants(word), *([target] if target else []), *words.synonyms(target or word)]
        found += [t for t in dict.fromkeys(extra) if t in postings and not t.startswith(word)]
        if not found and len(word) >= 4:
            found = candidates(vocab, word)  # the search's own typo rule
        if len(self._tokens) >= _TOKEN_CACHE:
            self._tokens.clear()
        self._tokens[word] = found
        return found

    def text_positions(self, text: str) -> list[int]:
        """Positions of the events matching every word, in date order (all events for no word)."""
        words = query_words(text)
        self.narrowed = False
        if not words:
            return self.all
        last = self._last
        if last is not None and self._covers(last[0], words):
            positions: list[int] | None = last[1]
            todo = [w for w in words if w not in last[0]]
            self.narrowed = True
        else:
            positions, todo = None, words
        postings = self.data.index.postings
        for word in sorted(todo, key=lambda w: sum(len(postings[t]) for t in self.word_tokens(w))):
            positions = self._narrow(positions, [postings[t] for t in self.word_tokens(word)])
        assert positions is not None
        self._last = (words, positions)
        return positions

    def _covers(self, before: list[str], words: list[str]) -> bool:
        """Every event matching ``words`` matched ``before``: each earlier word is still there, or a
        word now typed matches only indexed words it starts (so a subset of what it matched: typos,
        variants and synonyms of the longer word need not start with it, and then this is False)."""
        return all(
            old in words or any(all(t.startswith(old) for t in self.word_tokens(w)) for w in words)
            for old in before
        )

    def _narrow(self, positions: list[int] | None, postings: list[dict[int, float]]) -> list[int]:
        """The events of ``positions`` (all events for None) found in any of ``postings``: by looking
        each event up when that is cheaper than gathering the postings (a long word, few events)."""
        if positions is not None and len(postings) == 1:
            found = postings[0]
            return [p for p in positions if p in found]
        if positions is not None and (6 + len(postings)) * len(positions) <= sum(map(len, postings)) // 2:
            return [p for p in positions if any(p in found for found in postings)]
        union: set[int] = set()
        for found in postings:
            union.update(found)
        if positions is None:
            return sorted(union.intersection(self.all))
        return [p for p in positions if p in union]

    # ---- actors ---------------------------------------------------------------------------------
    def actors(self, text: str) -> Actors | None:
        """What the actor field names: a kind ("donors", "armed group"), else the actors whose
        name or alias is the text ("Denmark"; a glossary term stands for what it defines:
        "EUCAP"), else those whose name or alias starts with it. None for an empty field."""
        key = compact(text)
        if not key:
            return None
        for kind in schema.ACTOR_KINDS:
            if key in (compact(label) for label in schema.KINDS[kind]):
                return Actors(text, kind, ())
        index, ordered = self.data.index, self.data.ordered
        found = list(index.exact.get(key, ()))
        found += [d for pos in found for d in index.defines.get(pos, ())]
        if not any(ordered[pos]["kind"] in schema.ACTOR_KINDS for pos in found):
            folded = " ".join(tokens(text))  # names and aliases as the index sorted them
            keys = index.name_keys
            start = bisect_left(keys, folded)
            end = bisect_left(keys, folded + "\U0010ffff", lo=start)
            found = list(index.name_positions[start:end])
        chosen = {pos: ordered[pos] for pos in found if ordered[pos]["kind"] in schema.ACTOR_KINDS}
        return Actors(text, None, tuple(chosen.values()))

    def complete_actor(self, text: str) -> str | None:
        """The actor field's completion: the first kind of actor, else actor's name or alias, that
        starts with the text (case aside)."""
        typed = text.casefold()
        for kind in schema.ACTOR_KINDS:
            for label in schema.KINDS[kind]:
                if label.casefold().startswith(typed):
                    return label
        if self._actor_names is None:
            actors = (rec for kind in schema.ACTOR_KINDS for rec in self.data.of_kind(kind))
            self._actor_names = sorted({(name.casefold(), name) for rec in actors for name in (rec["name"], *rec.get("aliases", ()))})
        names = self._actor_names
        i = bisect_left(names, (typed,))
        return names[i][1] if i < len(names) and names[i][0].startswith(typed) else None

    def involving(self, actors: Actors) -> frozenset[int]:
        """Positions of the events linked to the actors, or to any actor of the kind, either way."""
        key = actors.kind or tuple(rec["id"] for rec in actors.records)
        found = self._involving.get(key)
        if found is None:
            found = self._linked_to_kind(actors.kind) if actors.kind else self._linked_to(key)
            if len(self._involving) > 32:
                self._involving.clear()
            self._involving[key] = found
        return found

    def _linked_to(self, ids: tuple[str, ...]) -> frozenset[int]:
        where, backlinks = self.where, self.data.backlinks
        found = set()
        for actor_id in ids:
            found.update(where[b.source] for b in backlinks.get(actor_id, ()) if b.source in where)
            rec = self.data.get(actor_id) or {}
            found.update(where[link["to"]] for link in rec.get("links", ()) if link["to"] in where)
        return frozenset(found)

    def _linked_to_kind(self, kind: str) -> frozenset[int]:
        """Linked, either way, to any record of the kind: from the kind's side, its records and the
        links to them (an event links to few records, so this visits each link once)."""
        return self._linked_to(tuple(rec["id"] for rec in self.data.of_kind(kind)))


def _positions(ordered: list[dict], events: list[dict]) -> list[int]:
    """Where the events are in the display order: one run when, as sorted, they follow each other."""
    if events:  # display order sorts by kind first (``dataset.display_key``): find the run by bisection
        event_order = KIND_ORDER["event"]
        first = bisect_left(ordered, event_order, key=lambda rec: KIND_ORDER[rec["kind"]])
        if ordered[first:first + len(events)] == events:  # the same records (identity first: fast)
            return list(range(first, first + len(events)))
    return [pos for pos, rec in enumerate(ordered) if rec["kind"] == "event"]

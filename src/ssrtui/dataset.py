"""The dataset as the TUI and CLI use it: records, reverse links and the search index."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from . import dates, schema
from .search import SearchIndex


class Backlink(NamedTuple):
    """A link seen from its target: ``source`` links here with ``role`` (read as ``inverse``).

    A named tuple: a load makes one per link (hundreds of thousands at 100k records).
    """

    source: str
    role: str
    inverse: str
    link: dict


KIND_ORDER = {kind: i for i, kind in enumerate(schema.KINDS)}

#: A figure's size stays below this: 15 digits before the decimal point show and sum safely.
FIGURE_LIMIT = 10 ** 15


@contextmanager
def paused_gc(freeze: bool = False):
    """Pause the cyclic collector while building many small long-lived objects it would rescan
    in vain; ``freeze`` then moves them out of its reach for good (no stalls while filtering)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        if freeze:
            gc.freeze()


def display_key(rec: dict):
    """Display order: by kind in tab order, events by date, everything else by name."""
    return KIND_ORDER[rec["kind"]], record_sort_key(rec)


def record_sort_key(rec: dict):
    if rec["kind"] == "event":
        return dates.sort_key(dates.record_date(rec)), rec["name"].casefold()
    return rec["name"].casefold(), ""


@dataclass
class Dataset:
    records: dict[str, dict]
    ordered: list[dict]
    warnings: list[str] = field(default_factory=list)
    built_at: str = ""
    #: Why the compiled store could not be used (one line), when the data was compiled in memory.
    cache_problem: str | None = None
    #: Where the search index is kept between runs (``store.IndexFile``): ``load(records)``, ``save(index)``.
    index_file: object | None = field(default=None, repr=False)
    _by_kind: dict[str, list[dict]] | None = field(default=None, repr=False)
    _as_of: str | None = field(default=None, repr=False)
    _index: SearchIndex | None = field(default=None, repr=False)
    _citations: dict[str, list[str]] | None = field(default=None, repr=False)
    _index_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _backlinks: dict[str, list[Backlink]] | None = field(default=None, repr=False)
    _backlinks_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_records(cls, records: list[dict], warnings: list[str] | None = None, built_at: str = "", presorted: bool = False,
                     cache_problem: str | None = None, index_file=None) -> "Dataset":
        """Records by id; reverse links and the search index follow on first use (see ``backlinks``, ``index``)."""
        with paused_gc(freeze=True):
            data = cls._build(records, warnings, built_at, presorted, cache_problem)
        data.index_file = index_file
        return data

    @classmethod
    def _build(cls, records: list[dict], warnings: list[str] | None, built_at: str, presorted: bool,
               cache_problem: str | None) -> "Dataset":
        ordered = records if presorted else sorted(records, key=display_key)
        by_id = {rec["id"]: rec for rec in ordered}
        return cls(by_id, ordered, warnings or [], built_at, cache_problem)

    @property
    def backlinks(self) -> dict[str, list[Backlink]]:
        """Target id -> the links pointing at it, derived once, on first use (off the path to the first screen)."""
        if self._backlinks is None:
            with self._backlinks_lock, paused_gc(freeze=True):
                if self._backlinks is None:
                    backlinks: dict[str, list[Backlink]] = {}
                    roles = schema.ROLES
                    for rec in self.ordered:
                        for link in rec.get("links", ()):
                            backlinks.setdefault(link["to"], []).append(Backlink(rec["id"], link["role"], roles[link["role"]], link))
                    self._backlinks = backlinks
        return self._backlinks

    @property
    def index(self) -> SearchIndex:
        """The search index, read from ``index_file`` or built (and saved there) once, on first use;
        thread-safe so a worker can build it early."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    with paused_gc(freeze=True):
                        index = self.index_file.load(self.ordered) if self.index_file is not None else None
                        if index is None:
                            index = SearchIndex.build(self.ordered)
                            if self.index_file is not None:
                                self.index_file.save(index)
                        self._index = index
        return self._index

    def __len__(self) -> int:
        return len(self.ordered)

    def get(self, record_id: str) -> dict | None:
        return self.records.get(record_id)

    def of_kind(self, kind: str) -> list[dict]:
        """Records of one kind in display order (computed once)."""
        if self._by_kind is None:
            self._by_kind = {}
            for rec in self.ordered:
                self._by_kind.setdefault(rec["kind"], []).append(rec)
        return self._by_kind.get(kind, [])

    def matching_ids(self, query: str, kind: str | None = None) -> set[str]:
        """Ids of every record matching the query, unranked."""
        return {self.ordered[pos]["id"] for pos in self.index.matching(query, kind)}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for rec in self.ordered:
            out[rec["kind"]] = out.get(rec["kind"], 0) + 1
        return out

    def search(self, query: str, kind: str | None = None, limit: int | None = 50) -> list[tuple[dict, float]]:
        """Ranked hits; questions and facets are understood (see ``ask``)."""
        return self.ask(query, kind=kind, limit=limit).hits

    def ask(self, query: str, kind: str | None = None, limit: int | None = 50):
        """Hits, the answer line for the top hit and, when nothing matches, a suggestion."""
        from .answer import ask

        return ask(self, query, kind=kind, limit=limit)

    def cited_by(self, source_id: str) -> list[str]:
        """Ids of the records that cite a source, in display order (computed once)."""
        if self._citations is None:
            citations: dict[str, list[str]] = {}
            for rec in self.ordered:
                for cited in dict.fromkeys(c["source"] for c in rec.get("sources", ())):
                    if cited != rec["id"]:
                        citations.setdefault(cited, []).append(rec["id"])
            self._citations = citations
        return self._citations.get(source_id, [])

    def name_of(self, record_id: str) -> str:
        rec = self.records.get(record_id)
        return rec["name"] if rec else f"{record_id} (missing)"

    def as_of(self) -> str:
        """The newest date the data states something as of: its freshness."""
        if self._as_of is not None:
            return self._as_of
        newest = ""
        for rec in self.ordered:
            for key in ("status_as_of", "published"):
                value = rec.get(key)
                if value and dates.sort_key(value) > dates.sort_key(newest or "0000"):
                    newest = value
        self._as_of = newest
        return newest

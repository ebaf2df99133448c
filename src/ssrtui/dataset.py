"""The dataset as the TUI and CLI use it: records, reverse links and the search index.

The records are a list in memory, or (``store.open_dataset(lazy=True)``) a sequence over the
compiled store that parses a record when it is first asked for. What is derived from all of them
(the search index, backlinks, citations, freshness) is read from the file saved beside the store
(``indexfile.Saved``) when there is one, else derived from the records on first use.
"""

from __future__ import annotations

from _thread import allocate_lock  # threading's Lock, without importing threading on the CLI path
from collections.abc import Mapping

from . import dates, schema
from . import links
from .memory import paused_gc
from .search import SearchIndex

KIND_ORDER = {kind: i for i, kind in enumerate(schema.KINDS)}

#: A figure's size stays below this: 15 digits before the decimal point show and sum safely.
FIGURE_LIMIT = 10 ** 15


def display_key(rec: dict):
    """Display order: by kind in tab order, events by date, everything else by name."""
    return KIND_ORDER[rec["kind"]], record_sort_key(rec)


def record_sort_key(rec: dict):
    if rec["kind"] == "event":
        return dates.sort_key(dates.record_date(rec)), rec["name"].casefold()
    return rec["name"].casefold(), ""


class _ById(Mapping):
    """Record id -> record through the saved positions (a lookup parses at most the one record)."""

    def __init__(self, data: "Dataset"):
        self._data = data

    def __getitem__(self, record_id: str) -> dict:
        position = self._data.position(record_id)
        if position < 0:
            raise KeyError(record_id)
        return self._data.ordered[position]

    def __iter__(self):
        return (rec["id"] for rec in self._data.ordered)

    def __len__(self) -> int:
        return len(self._data.ordered)


class Dataset:
    """Records in display order (``ordered``) and by id (``records``), their links and index.

    ``saved``: what was saved beside the store for exactly these records (``indexfile.Saved``);
    ``index_file``: where to save the index and links once derived (a callable), or None.
    """

    def __init__(self, ordered, warnings: list[str] | None = None, built_at: str = "", cache_problem: str | None = None,
                 saved=None, index_file=None):
        self.ordered = ordered
        self.warnings = warnings or []
        self.built_at = built_at
        #: Why the compiled store could not be used (one line), when the data was compiled in memory.
        self.cache_problem = cache_problem
        self.saved = saved
        self.index_file = index_file
        self._index: SearchIndex | None = saved.index if saved is not None else None
        self._index_lock = allocate_lock()
        self._parse_lock = allocate_lock()  # one kind parsed (the UI thread) or all of them (a worker) at a time
        # by id: a dict when every record is in memory (the interface looks ids up in loops),
        # else through the saved positions, parsing only the record looked up
        self._records: Mapping[str, dict] | None = None if type(ordered) is list else _ById(self)
        self._positions = None
        self._tables: tuple | None = (saved.backlinks, saved.citing) if saved is not None else None
        self._backlinks: Mapping[str, list[links.Backlink]] | None = None
        self._by_kind: dict[str, list[dict]] = {}
        self._as_of: str | None = saved.as_of if saved is not None else None

    @classmethod
    def from_records(cls, records: list[dict], warnings: list[str] | None = None, built_at: str = "", presorted: bool = False,
                     cache_problem: str | None = None, **kwargs) -> "Dataset":
        """Records held in memory (sorted unless ``presorted``); links and index follow on first use."""
        with paused_gc(freeze=True):
            ordered = records if presorted else sorted(records, key=display_key)
            data = cls(list(ordered), warnings, built_at, cache_problem, **kwargs)
            data.records  # noqa: B018 - by id, while the collector is paused
        return data

    @property
    def in_memory(self) -> bool:
        """Whether every record is parsed and held in ``ordered`` (a list)."""
        return type(self.ordered) is list

    def load_all(self) -> None:
        """Parse every record now and derive every backlink (the interface scans them all; its
        worker calls this after the visible tab is filled). Records parsed before stay the same
        objects, so lists already shown keep pointing at the records the rest of the app finds."""
        if not self.in_memory:
            with self._parse_lock, paused_gc(freeze=True):
                parse_all = getattr(self.ordered, "parse_all", None)  # the store's records, a run at a time
                ordered = parse_all() if parse_all is not None else list(self.ordered)
                self._records = {rec["id"]: rec for rec in ordered}
                self._backlinks = links.every_backlink(ordered)
                self.ordered = ordered
        self.backlinks  # noqa: B018 - derived here, off the UI thread, when the records were in memory already

    @property
    def records(self) -> Mapping[str, dict]:
        """Record id -> record."""
        if self._records is None:
            self._records = {rec["id"]: rec for rec in self.ordered}
        return self._records

    def position(self, record_id: str) -> int:
        """A record's place in ``ordered`` (-1 when absent)."""
        if self._positions is None:
            if self.saved is not None:
                self._positions = self.saved.index.positions
            elif self._index is not None:
                self._positions = self._index.positions
            else:
                self._positions = {rec["id"]: position for position, rec in enumerate(self.ordered)}
        return self._positions.get(record_id, -1)

    def link_tables(self) -> tuple:
        """Backlinks and citations by position (``links.link_tables``)."""
        if self._tables is None:
            with paused_gc(freeze=True):
                self._tables = links.link_tables(self.ordered, self.position)
        return self._tables

    def get(self, record_id: str) -> dict | None:
        return self.records.get(record_id)

    @property
    def backlinks(self) -> Mapping[str, list[links.Backlink]]:
        """Record id -> the links pointing at it (``get(id, ())``): all at once when every record is
        in memory (the interface scans them), else each made when first asked for."""
        if self._backlinks is None:
            if type(self.ordered) is list:
                with paused_gc(freeze=True):
                    self._backlinks = links.every_backlink(self.ordered)
            else:
                self._backlinks = links.Backlinks(self, self.link_tables()[0])
        return self._backlinks

    @property
    def index(self) -> SearchIndex:
        """The search index, saved or built (and saved) once, on first use; thread-safe so a worker
        can make it early."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    with paused_gc(freeze=True):
                        index = SearchIndex.build(self.ordered)
                    if self.index_file is not None:
                        backlinks, citing = self.link_tables()
                        self.index_file(index, backlinks, citing, self.as_of())
                    self._index = index
        return self._index

    def __len__(self) -> int:
        return len(self.ordered)

    def of_kind(self, kind: str) -> list[dict]:
        """Records of one kind in display order (computed once): with a saved index, the kind's run
        of positions (only those records are parsed); else from every record."""
        found = self._by_kind.get(kind)
        if found is None:
            with self._parse_lock:
                return self._of_kind(kind)
        return found

    def _of_kind(self, kind: str) -> list[dict]:
        found = self._by_kind.get(kind)
        if found is None:
            spans = self.saved.index.kind_spans if self.saved is not None else {}
            span = spans.get(kind)
            if span is not None:
                found = self.ordered[span[0]:span[1]]
            elif self.saved is not None and kind not in spans:
                found = []
            else:  # every kind at once, in one pass
                by_kind: dict[str, list[dict]] = {}
                for rec in self.ordered:
                    by_kind.setdefault(rec["kind"], []).append(rec)
                self._by_kind = by_kind
                return by_kind.setdefault(kind, [])
            self._by_kind[kind] = found
        return found

    def matching_ids(self, query: str, kind: str | None = None) -> set[str]:
        """Ids of every record matching the query, unranked."""
        return {self.ordered[pos]["id"] for pos in self.index.matching(query, kind)}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind in self.index.kinds if self.saved is not None else (rec["kind"] for rec in self.ordered):
            out[kind] = out.get(kind, 0) + 1
        return out

    def search(self, query: str, kind: str | None = None, limit: int | None = 50) -> list[tuple[dict, float]]:
        """Ranked hits; questions and facets are understood (see ``ask``)."""
        return self.ask(query, kind=kind, limit=limit).hits

    def ask(self, query: str, kind: str | None = None, limit: int | None = 50):
        """Hits, the answer line for the top hit and, when nothing matches, a suggestion."""
        from .answer import ask

        return ask(self, query, kind=kind, limit=limit)

    def cited_by(self, source_id: str) -> list[str]:
        """Ids of the records that cite a source, in display order."""
        position = self.position(source_id)
        if position < 0:
            return []
        return [self.ordered[p]["id"] for p in self.link_tables()[1][position]]

    def name_of(self, record_id: str) -> str:
        rec = self.records.get(record_id)
        return rec["name"] if rec else f"{record_id} (missing)"

    def as_of(self) -> str:
        """The newest date the data states something as of: its freshness."""
        if self._as_of is None:
            newest = ""
            for rec in self.ordered:
                for key in ("status_as_of", "published"):
                    value = rec.get(key)
                    if value and dates.sort_key(value) > dates.sort_key(newest or "0000"):
                        newest = value
            self._as_of = newest
        return self._as_of

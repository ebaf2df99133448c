"""The file kept beside the compiled store: the search index and the links between records, saved
so that a command opens them in milliseconds and decodes only what it reads (``packed``).

It also holds where each record lies in the store file (``offsets``), so that a command needing a
few records parses only those. It is valid only for the store whose records table has the SHA-256
it was saved under (and this format): a file for other records, truncated or damaged is ignored
and replaced; failing to read or write it only costs time.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from bisect import bisect_left
from functools import cached_property
from pathlib import Path

from .packed import Chunked, HashedMap, Sections, Slots, pack, pack_chunked, pack_map, pack_slots
from .search import SearchIndex

#: Bumped whenever what is saved, or how, changes.
INDEX_FORMAT = 3
MAGIC = b"ssrtui-index\0"
_OFFSETS = "Q"


def index_path(store: Path) -> Path:
    return store.with_suffix(".index")


class Saved:
    """A file read back: the index, the links by position, the data's freshness, the records' offsets."""

    def __init__(self, sections: Sections):
        self.sections = sections
        self.index = SavedIndex(sections)
        self.backlinks = Chunked(sections.raw("backlinks"))
        self.citing = Chunked(sections.raw("citing"))
        self.as_of: str = sections.value("as_of")

    @cached_property
    def offsets(self) -> array | None:
        """Where each record's JSON starts in the store, then where the records table ends (None: not saved)."""
        raw = self.sections.raw("offsets")
        if not raw:
            return None
        found = array(_OFFSETS)
        found.frombytes(raw)
        return found


def load(path: Path, key: tuple) -> Saved | None:
    """The file at ``path`` if it was saved for ``key`` (format, records digest, count), else None."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    sections = Sections.unpack(data, MAGIC)
    if sections is None or sections.key != (INDEX_FORMAT, *key):
        return None
    return Saved(sections)


def save(path: Path, key: tuple, index: SearchIndex, backlinks: list, citing: list, as_of: str,
         offsets: list[int] | None) -> None:
    """Write the file for ``key`` atomically; a cache that cannot be written is no error."""
    from .atomic import write_bytes

    vocab = index.vocab
    runs: list[tuple[str, int]] = []
    for kind in index.kinds:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + 1)
        else:
            runs.append((kind, 1))
    sections = {
        "kind_runs": marshal.dumps(runs),
        "vocab": marshal.dumps(vocab),
        "postings": pack_slots(index.postings[token] for token in vocab),
        "exact": pack_map(index.exact),
        "names": marshal.dumps(index.names),
        "recency": marshal.dumps(index.recency),
        "name_keys": marshal.dumps(index.name_keys),
        "name_positions": marshal.dumps(index.name_positions),
        "aliases": pack_chunked(list(index.aliases)),
        "years": marshal.dumps(index.years),
        "status": marshal.dumps([sys.intern(s) for s in index.status]),  # each value written once
        "defines": marshal.dumps(index.defines),
        "figures": pack_map(index.figures),
        "positions": pack_map(index.positions),
        "backlinks": pack_chunked(backlinks),
        "citing": pack_chunked(citing),
        "as_of": marshal.dumps(as_of),
        "offsets": array(_OFFSETS, offsets).tobytes() if offsets is not None else b"",
    }
    try:
        write_bytes(path, pack(MAGIC, (INDEX_FORMAT, *key), sections), follow_symlinks=False)
    except OSError:
        pass


class _SavedPostings:
    """Token -> {position: weight}: the sorted vocabulary finds a token's slot, decoded on first use."""

    __slots__ = ("_vocab", "_slots")

    def __init__(self, vocab: list[str], slots: Slots):
        self._vocab = vocab
        self._slots = slots

    def _slot(self, token: str) -> int:
        i = bisect_left(self._vocab, token)
        return i if i < len(self._vocab) and self._vocab[i] == token else -1

    def __getitem__(self, token: str) -> dict[int, float]:
        i = self._slot(token)
        if i < 0:
            raise KeyError(token)
        return self._slots.slot(i)

    def get(self, token: str, default=None):
        i = self._slot(token)
        return self._slots.slot(i) if i >= 0 else default

    def __contains__(self, token: str) -> bool:
        return self._slot(token) >= 0

    def __iter__(self):
        return iter(self._vocab)

    def __len__(self) -> int:
        return len(self._vocab)


class SavedIndex(SearchIndex):
    """A ``SearchIndex`` read back: each part is decoded when a query first needs it."""

    def __init__(self, sections: Sections):
        # not SearchIndex.__init__: it would set the attributes that are read lazily here
        self._sections = sections
        self._variants = {}

    @cached_property
    def kinds(self) -> list[str]:
        found: list[str] = []
        for kind, count in self._sections.value("kind_runs"):
            found += [kind] * count
        return found

    @cached_property
    def kind_spans(self) -> dict[str, tuple[int, int] | None]:
        """Kind -> (first position, past the last) of its records, which display order keeps
        together (None for a kind whose records are not together)."""
        spans: dict[str, tuple[int, int] | None] = {}
        at = 0
        for kind, count in self._sections.value("kind_runs"):
            spans[kind] = None if kind in spans else (at, at + count)
            at += count
        return spans

    @cached_property
    def vocab(self) -> list[str]:
        return self._sections.value("vocab")

    @cached_property
    def postings(self) -> _SavedPostings:
        return _SavedPostings(self.vocab, Slots(self._sections.raw("postings")))

    @cached_property
    def exact(self) -> HashedMap:
        return HashedMap(self._sections.raw("exact"))

    @cached_property
    def names(self) -> list[str]:
        return self._sections.value("names")

    @cached_property
    def recency(self) -> list[int]:
        return self._sections.value("recency")

    @cached_property
    def name_keys(self) -> list[str]:
        return self._sections.value("name_keys")

    @cached_property
    def name_positions(self) -> list[int]:
        return self._sections.value("name_positions")

    @cached_property
    def aliases(self) -> Chunked:
        return Chunked(self._sections.raw("aliases"))

    @cached_property
    def years(self) -> list[tuple[int, int]]:
        return self._sections.value("years")

    @cached_property
    def status(self) -> list[str]:
        return self._sections.value("status")

    @cached_property
    def defines(self) -> dict[int, list[int]]:
        return self._sections.value("defines")

    @cached_property
    def figures(self) -> HashedMap:
        return HashedMap(self._sections.raw("figures"))

    @cached_property
    def positions(self) -> HashedMap:
        return HashedMap(self._sections.raw("positions"))

"""The compiled store file: TinyDB's JSON layout, written in one pass, read through TinyDB.

The file is ``{"records":{"1":{...},...},"meta":{"1":{...}}}``: any TinyDB opens it (``TinyDB(path)``)
and queries it with ``Query()``. ssrtui reads it through ``ReadOnlyStore``, a read-only TinyDB
``Storage`` whose records table parses a record only when it is asked for, given where each record
lies (``offsets``, kept in the index file beside the store); without them, or when every record
is asked for, the table is parsed whole with one ``json.loads``. The meta holds the SHA-256 of the
records table's text: a store whose table does not match it was not written by ``write_store``
(damaged, or edited by hand) and is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .memory import paused_gc

RECORDS = "records"
META = "meta"
#: Bumped whenever the store's layout or meta changes.
STORE_FORMAT = 2
_HEAD = b'{"' + RECORDS.encode() + b'":'
_META_KEY = b',"' + META.encode() + b'":'
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def layout(records: list[dict]) -> tuple[bytes, list[int]]:
    """The records table's JSON text (documents keyed "1", "2", ... in order) and, for each record,
    the file offset where its JSON starts, then the offset where the table ends."""
    parts = []
    offsets = []
    at = len(_HEAD) + 1  # after '{"records":{'
    for number, rec in enumerate(records, start=1):
        key = f'{"," if number > 1 else ""}"{number}":'.encode()
        text = _ENCODER.encode(rec).encode("utf-8")
        offsets.append(at + len(key))
        parts.append(key)
        parts.append(text)
        at += len(key) + len(text)
    offsets.append(at + 1)  # past the table's closing brace
    return b"{" + b"".join(parts) + b"}", offsets


def write_store(path: Path, table: bytes, data_hash: str, documents: list[str], count: int,
                stats: str | None = None, built_at: str | None = None) -> str:
    """Write a complete store atomically in one pass: ``table`` (from ``layout``), then the meta.

    ``data_hash`` is the fingerprint of the files the records were compiled from, ``documents``
    the documents they cite (what to fingerprint next time), ``stats`` the digest of the files'
    sizes and times (``datafolder.file_stats``) taken before, None when unknown. Returns the
    records table's SHA-256.
    """
    from .atomic import write_bytes
    from .schema import SCHEMA_VERSION

    digest = hashlib.sha256(table).hexdigest()
    meta = {
        "format": STORE_FORMAT,
        "schema": SCHEMA_VERSION,
        "hash": data_hash,
        "stats": stats,
        "documents": documents,
        "count": count,
        "built_at": built_at or time.strftime("%Y-%m-%d %H:%M:%S"),
        "records_sha256": digest,
    }
    tail = _META_KEY + _ENCODER.encode({"1": meta}).encode("utf-8") + b"}"
    write_bytes(path, _HEAD + table + tail, follow_symlinks=False)
    return digest


class StoredTable(Mapping):
    """The records table of a store file as TinyDB reads it (doc id text -> record), parsed lazily.

    Each record parsed is kept, so a record is the same object however it was reached.
    """

    def __init__(self, raw: bytes, start: int, end: int, count: int):
        self._raw = raw
        self._start, self._end = start, end
        self._count = count
        self._offsets = None
        self._parsed: dict[int, dict] = {}
        self._whole: dict[str, dict] | None = None

    def text(self) -> bytes:
        """The records table's JSON text, as in the file (before ``whole`` parsed it)."""
        return self._raw[self._start:self._end]

    def locate(self, offsets) -> bool:
        """Where each record lies (``layout``'s offsets for this very table): records then parse one
        by one. False (and ignored) when they do not fit this table."""
        if offsets is None or len(offsets) != self._count + 1 or offsets[-1] != self._end:
            return False
        self._offsets = offsets
        return True

    def _value_end(self, number: int) -> int:
        """Where document ``number`` ends: at the next one's key (',"N":'), or the table's brace."""
        offsets = self._offsets
        return offsets[number] - len(str(number + 1)) - 4 if number < self._count else offsets[number] - 1

    def _one(self, number: int) -> dict | None:
        if not 1 <= number <= self._count:
            return None
        rec = self._parsed.get(number)
        if rec is None:
            rec = self._parsed[number] = json.loads(self._raw[self._offsets[number - 1]:self._value_end(number)])
        return rec

    def span(self, first: int, last: int) -> list[dict]:
        """Documents ``first`` to ``last`` (numbers, inclusive), parsed together in one decode
        when their offsets are known (records parsed before are kept as they were)."""
        if self._whole is not None or self._offsets is None or last < first:
            return [self.get(str(number)) for number in range(first, last + 1)]
        import msgspec.json  # twice as fast as json (see ``whole``)

        start = self._offsets[first - 1] - len(str(first)) - 3  # from the first one's key ('"N":')
        found = msgspec.json.decode(b"{" + self._raw[start:self._value_end(last)] + b"}")
        parsed = self._parsed
        return [parsed.setdefault(number, found[str(number)]) for number in range(first, last + 1)]

    def whole(self) -> dict[str, dict]:
        """Every record, parsed with one ``json.loads`` (records parsed before are kept as they were)."""
        if self._whole is None:
            import msgspec.json  # parses the whole table twice as fast as json, into 20% less memory

            with paused_gc(freeze=True):  # a million new objects the collector would rescan in vain
                whole = msgspec.json.decode(self._raw)[RECORDS]  # the whole file: slicing it first would copy it
            for number, rec in self._parsed.items():
                whole[str(number)] = rec
            self._whole = whole
            self._raw = b""  # every record is parsed: the text is no longer needed
        return self._whole

    def drop_text(self) -> None:
        """Every record is parsed (``span`` by ``span``): keep them by number, free the file's text."""
        if self._whole is None and len(self._parsed) == self._count:
            self._whole = {str(number): rec for number, rec in self._parsed.items()}
            self._raw, self._parsed = b"", {}

    def get(self, key, default=None):
        if self._whole is None and self._offsets is not None:
            try:
                found = self._one(int(key))
            except ValueError:
                found = None
            return default if found is None else found
        return self.whole().get(key, default)

    def __getitem__(self, key):
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self):
        return iter(self.whole())

    def __len__(self) -> int:
        return self._count if self._whole is None else len(self._whole)

    def items(self):
        return self.whole().items()

    def values(self):
        return self.whole().values()


class ReadOnlyStore(Storage):
    """TinyDB storage for the compiled store: read once, never written (ssrtui writes it itself, in
    one atomic pass, with ``write_store``). ``records_sha256`` is the digest of the records table
    as found in the file (None unless the file is laid out as ``write_store`` lays it out)."""

    def __init__(self, path: Path):
        self.path = path
        self._tables: dict | None = None
        self.records_sha256: str | None = None

    def read(self) -> dict | None:
        if self._tables is None:
            with open(self.path, "rb") as handle:
                raw = handle.read()
            self._tables = self._laid_out(raw) or json.loads(raw)
        return dict(self._tables)  # TinyDB may put a table in the dict it is given: never in ours

    def _laid_out(self, raw: bytes) -> dict | None:
        """The tables of a file ``write_store`` wrote (the records left unparsed), else None."""
        end = raw.rfind(_META_KEY)
        if not raw.startswith(_HEAD) or end < 0 or not raw.endswith(b"}"):
            return None
        try:
            meta = json.loads(raw[end + len(_META_KEY):-1])
            count = meta["1"]["count"]
        except (ValueError, KeyError, TypeError):
            return None
        if type(count) is not int:
            return None
        self.records_sha256 = hashlib.sha256(memoryview(raw)[len(_HEAD):end]).hexdigest()
        return {RECORDS: StoredTable(raw, len(_HEAD), end, count), META: meta}

    def write(self, data) -> None:
        raise PermissionError(f"the compiled store {self.path} is read-only; it is rebuilt from the YAML")


class _PlainTable(Table):
    """Documents as the plain dicts stored: TinyDB's Document would copy every record."""

    document_class = staticmethod(lambda doc, doc_id: doc)

    def all(self) -> list[dict]:
        """Every document, as stored, in order (TinyDB's would call ``document_class`` on each)."""
        return list(self._read_table().values())


class StoreDB(TinyDB):
    """The compiled store opened through TinyDB with ``ReadOnlyStore``."""

    table_class = _PlainTable

    def __init__(self, path: Path):
        super().__init__(path, storage=ReadOnlyStore)

    def records_table(self) -> StoredTable | None:
        """The lazily parsed records table, when the file is laid out as ``write_store`` writes it."""
        table = (self.storage.read() or {}).get(RECORDS)
        return table if isinstance(table, StoredTable) else None


class StoredRecords(Sequence):
    """The store's records in display order, read through TinyDB: record i is document i + 1,
    parsed when first asked for; iterating parses them all at once."""

    def __init__(self, db: StoreDB, count: int):
        self._db = db
        self._table = db.table(RECORDS)
        self._count = count
        self._all: list[dict] | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._count)
            if self._all is None and step == 1:  # a run of records (one kind's): parsed together
                return self._db.records_table().span(start + 1, stop)
            return [self[j] for j in range(start, stop, step)]
        if self._all is not None:
            return self._all[i]
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        return self._table.get(doc_id=i + 1)

    def __iter__(self):
        if self._all is None:
            self._all = self._table.all()
        return iter(self._all)

    def parse_all(self, step: int = 5000) -> list[dict]:
        """Every record, parsed ``step`` at a time: between runs other threads get the interpreter
        (the interface stays responsive while its worker parses). Records parsed before are kept."""
        if self._all is None:
            table = self._db.records_table()
            found: list[dict] = []
            for first in range(1, self._count + 1, step):
                found += table.span(first, min(first + step - 1, self._count))
            table.drop_text()  # 50 MB at 100,000 records
            self._all = found
        return self._all

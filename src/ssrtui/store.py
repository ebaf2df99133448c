"""The compiled TinyDB store: YAML compiled once, reused until a data file changes.

The store is a cache. It is written to a temporary file, flushed and moved into
place atomically, so a crash never leaves a half-written store; a store that is
truncated, inconsistent or of the wrong shape is rebuilt, never trusted. When the
cache cannot be read or written the data is compiled in memory and the Dataset's
``cache_problem`` says why. When the YAML has errors the last good store stays in
place and is still served (stale). What a rebuild depends on (the YAML files and
the documents they cite) is decided by ``datafolder``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from . import schema
from .atomic import write_bytes
from .datafolder import cited_documents, file_stats, fingerprint, watched_files
from .dataset import FIGURE_LIMIT, Dataset, display_key, paused_gc
from .paths import bundled_data_dir, cache_dir
from .problems import DataError
from .search import SearchIndex
from .textsafe import path_text

RECORDS = "records"
META = "meta"


def resolve_dirs(data_dirs: list[str | Path] | None) -> list[Path]:
    """The folders to read: those given (absolute, links resolved as far as they go), else the active pack's, else the bundled dataset."""
    if not data_dirs:
        from .packs import active_dirs  # an installed pack replaces the bundled data until rolled back

        return active_dirs() or [bundled_data_dir()]
    return [_absolute(Path(os.path.expanduser(d))) for d in data_dirs]


def _absolute(folder: Path) -> Path:
    try:
        return Path(os.path.realpath(folder))
    except OSError:  # a relative folder and a working folder that was deleted: reported as not a folder
        return folder


def store_path(data_dirs: list[Path]) -> Path:
    """The store of these folders in the cache folder; NoUserFolder (an OSError) when there is none."""
    key = hashlib.sha256(b"\n".join(os.fsencode(d) for d in data_dirs)).hexdigest()[:16]
    return cache_dir() / f"store-{key}.json"


def cache_problem(path: Path | None, err: OSError) -> str:
    """The one line that says the cache cannot be used (the CLI prints it, the interface shows it)."""
    where = f" {path_text(path)}" if path is not None else ""
    reason = err.strerror or str(err) or type(err).__name__
    return f"cannot use the cache{where}: {path_text(reason)}; working from memory"


def write_store(path: Path, records: list[dict], data_hash: str, stats: str | None = None, built_at: str | None = None) -> None:
    """Write a complete store (records in display order, then meta) atomically.

    ``data_hash`` is the fingerprint of the files the records were compiled from; ``stats`` the
    digest of their sizes and times (``datafolder.file_stats``) taken before, None when unknown.

    The file is TinyDB's JSON layout (one table per key, documents keyed by id), written in a
    single pass: going through TinyDB's API would rewrite the whole file once per table.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # one string, then one atomic write (temp file, fsync, replace, fsync of the folder): dumps is
    # faster than json.dump's chunked writes, and the writer is the project's one atomic writer
    table = json.dumps({str(n): rec for n, rec in enumerate(records, start=1)}, ensure_ascii=False, separators=(",", ":"))
    table_bytes = table.encode("utf-8")
    meta = {
        "hash": data_hash,
        "stats": stats,
        "schema": schema.SCHEMA_VERSION,
        "count": len(records),
        "built_at": built_at or time.strftime("%Y-%m-%d %H:%M:%S"),
        "records_sha256": hashlib.sha256(table_bytes).hexdigest(),
    }
    tail = json.dumps({META: {"1": meta}}, ensure_ascii=False, separators=(",", ":"))
    write_bytes(path, _HEAD + table_bytes + b"," + tail[1:].encode("utf-8"), follow_symlinks=False)


#: How a store written by ``write_store`` begins, and where its records table ends.
_HEAD = b'{"' + RECORDS.encode() + b'":'
_META_KEY = b',"' + META.encode() + b'":'


def read_store(path: Path) -> tuple[dict, list[dict]] | None:
    """The store's meta and records, or None if it is missing, unreadable or not to be trusted."""
    try:
        return _read_store(path)
    except OSError:
        return None


class ReadOnlyStore(Storage):
    """TinyDB storage for the compiled store: the file is parsed once (one ``json.loads``) and never written.

    ssrtui writes the store itself, in one atomic pass (``write_store``); through TinyDB it only reads.
    """

    def __init__(self, path: Path):
        self.path = path
        self._data: dict | None = None
        #: SHA-256 of the records table's text when the file is laid out as ``write_store`` writes it
        self.records_sha256: str | None = None

    def read(self) -> dict | None:
        if self._data is None:
            with open(self.path, "rb") as handle:
                raw = handle.read()
            self._data = json.loads(raw)
            end = raw.rfind(_META_KEY)
            if raw.startswith(_HEAD) and end > 0:
                self.records_sha256 = hashlib.sha256(memoryview(raw)[len(_HEAD):end]).hexdigest()
        return self._data

    def write(self, data) -> None:
        raise PermissionError(f"the compiled store {self.path} is read-only; it is rebuilt from the YAML")


class _PlainTable(Table):
    """Documents as the plain dicts stored: TinyDB's Document would copy every record on each load."""

    document_class = staticmethod(lambda doc, doc_id: doc)


class _StoreDB(TinyDB):
    table_class = _PlainTable


def _read_store(path: Path) -> tuple[dict, list[dict]] | None:
    """Like read_store, but an OSError other than a missing file (the cache is unusable) is raised."""
    if not path.exists() and not path.is_symlink():
        return None
    db = _StoreDB(path, storage=ReadOnlyStore)
    # frozen: the collector would otherwise scan the million new objects at its next run (~0.4 s at 100k)
    with paused_gc(freeze=True):
        try:
            meta = db.table(META).get(doc_id=1)
            records = db.table(RECORDS).all()
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
    if type(meta) is not dict or meta.get("schema") != schema.SCHEMA_VERSION or meta.get("count") != len(records):
        return None
    if type(meta.get("hash")) is not str or type(meta.get("built_at", "")) is not str or type(meta.get("stats")) not in (str, type(None)):
        return None
    # The records are exactly as write_store wrote them (validated) when their digest matches: the
    # per-field checks, the slowest part of a load, are for a store damaged or written by hand.
    # (The digest catches damage, not a forger who can write to the cache folder.)
    intact = db.storage.records_sha256 is not None and meta.get("records_sha256") == db.storage.records_sha256
    if not intact and not all(_fits_record(rec) for rec in records):
        return None
    return meta, records


# What the interface relies on, per field type of the schema: one small check each, chosen once.
_DATE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")


def _is_text(value) -> bool:
    return type(value) is str


def _choice(allowed):
    return lambda value: type(value) is str and value in allowed


def _is_figure(value) -> bool:
    return type(value) is str or (type(value) in (int, float) and math.isfinite(value) and abs(value) < FIGURE_LIMIT)


def _items(spec: dict, required):
    checks = {key: _CHECKS[kind] for key, kind in spec.items()}

    def check(value) -> bool:
        if type(value) is not list:
            return False
        for item in value:
            if type(item) is not dict or any(key not in item for key in required):
                return False
            for key, sub in item.items():
                fits = checks.get(key)
                if fits is None or not fits(sub):
                    return False
        return True
    return check


_CHECKS = {
    "text": _is_text, "slug": _is_text, "kind": _choice(schema.KINDS), "role": _choice(schema.ROLES),
    "status": _choice(schema.STATUSES), "date": lambda value: type(value) is str and _DATE.fullmatch(value) is not None,
    "texts": lambda value: type(value) is list and all(type(item) is str for item in value),
    "year": lambda value: type(value) is int, "number-or-text": _is_figure,
}
_CHECKS["links"] = _items(schema.LINK_FIELDS, ("to", "role"))
_CHECKS["sources"] = _items(schema.SOURCE_FIELDS, ("source",))
_CHECKS["figures"] = _items(schema.FIGURE_FIELDS, schema.FIGURE_REQUIRED)
_FIELD_CHECKS = {key: _CHECKS[kind] for key, kind in schema.FIELDS.items()}


def _fits_record(rec) -> bool:
    """A stored record has its required fields and each field the shape validation gives it (``_`` fields aside)."""
    if type(rec) is not dict or any(key not in rec for key in schema.REQUIRED):
        return False
    for key, value in rec.items():
        fits = _FIELD_CHECKS.get(key)
        if fits is None:
            if not key.startswith("_"):
                return False
        elif not fits(value):
            return False
    return True


class IndexFile:
    """The search index kept beside the store, valid only for the records fingerprinted ``key``.

    A file for other records (another fingerprint or format), truncated or damaged is ignored and
    replaced by the index built from the records; failing to read or write it only costs time.
    """

    def __init__(self, path: Path, key: str):
        self.path = path
        self.key = key

    def load(self, records: list[dict]) -> SearchIndex | None:
        try:
            with open(self.path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return SearchIndex.from_bytes(data, self.key, records)

    def save(self, index: SearchIndex) -> None:
        try:
            write_bytes(self.path, index.to_bytes(self.key), follow_symlinks=False)
        except OSError:
            pass


def index_path(store: Path) -> Path:
    return store.with_suffix(".index")


class _Cache:
    """The store file of some data folders; remembers the first reason it could not be used."""

    def __init__(self, data_dirs: list[Path]):
        self.problem: str | None = None
        self.written_hash: str | None = None  # the fingerprint of the store last written
        try:
            self.path: Path | None = store_path(data_dirs)
        except OSError as err:  # no user folder to put it in
            self.path = None
            self.problem = cache_problem(None, err)

    def read(self) -> tuple[dict, list[dict]] | None:
        if self.path is None:
            return None
        try:
            return _read_store(self.path)
        except OSError as err:
            self.problem = self.problem or cache_problem(self.path, err)
            return None

    def write(self, records: list[dict], data_hash: str, stats: str | None = None, built_at: str | None = None) -> None:
        if self.path is None:
            return
        try:
            write_store(self.path, records, data_hash, stats, built_at)
            self.written_hash = data_hash
        except OSError as err:
            self.problem = self.problem or cache_problem(self.path, err)

    def index_file(self, data_hash: str | None) -> IndexFile | None:
        """Where to keep the index of the records fingerprinted ``data_hash`` (None: in memory only)."""
        if self.path is None or data_hash is None:
            return None
        return IndexFile(index_path(self.path), data_hash)


def build(data_dirs: list[Path]) -> tuple[list[dict], str | None]:
    """Validate, compile and write the store: the records and why the store could not be written (None if it was).

    Raises DataError, leaving any old store alone, when the data has problems.
    """
    cache = _Cache(data_dirs)
    return _build(data_dirs, cache), cache.problem


def _build(data_dirs: list[Path], cache: _Cache, before: tuple[list[str], str, str | None] | None = None) -> list[dict]:
    """Compile and write the store under its fingerprint.

    ``before`` is (cited documents, fingerprint, file stats) taken before compiling; it is used when
    the new records cite the same documents, so a file edited during the compile leaves an outdated
    fingerprint (rebuilt next time), never outdated records under a current one. Otherwise the
    stats are left unknown: the next load hashes the files once to vouch for them.
    """
    from .validate import compile_data  # only a rebuild pays for the YAML machinery

    compiled = compile_data(data_dirs)
    if compiled.problems:
        raise DataError(compiled.problems)
    records = sorted(compiled.records, key=display_key)  # stored in display order: loads skip the sort
    same_documents = before is not None and before[0] == cited_documents(records)
    if same_documents:
        cache.write(records, before[1], before[2])
    else:
        cache.write(records, fingerprint(watched_files(data_dirs, cited_documents(records))))
    return records


def open_dataset(data_dirs: list[str | Path] | None = None, force: bool = False) -> Dataset:
    """Load the dataset, rebuilding the store only when the YAML or a cited document changed.

    Files whose sizes and times match those stored are not read; otherwise their contents are
    hashed, and a store whose hash still matches (a file touched, not changed) is kept and
    rewritten with the new times.

    When the YAML has problems but an older good store exists, that store is used and the
    problems are attached as warnings; otherwise DataError. When the cache cannot be used the
    data is compiled in memory and ``cache_problem`` says why.
    """
    dirs = resolve_dirs(data_dirs)
    cache = _Cache(dirs)
    stored = cache.read()
    before = None
    if stored is not None:
        meta, records = stored
        documents = cited_documents(records)
        files = watched_files(dirs, documents)
        stats = file_stats(files)  # before hashing: a change in between shows next time
        kept = cache.index_file(meta["hash"])
        if not force and stats is not None and meta.get("stats") == stats:
            return Dataset.from_records(records, built_at=meta.get("built_at", ""), presorted=True, index_file=kept)
        before = documents, fingerprint(files), stats
        if not force and meta["hash"] == before[1]:
            if stats is not None:
                cache.write(records, before[1], stats, meta.get("built_at"))  # same build, newer times
            return Dataset.from_records(records, built_at=meta.get("built_at", ""), presorted=True, cache_problem=cache.problem,
                                        index_file=kept)
    try:
        records = _build(dirs, cache, before)
    except DataError as err:
        if stored is None:
            raise
        warnings = [f"data has {len(err.problems)} problem(s); showing the last good build ({stored[0].get('built_at', '?')})"]
        warnings += [str(p) for p in err.problems]
        return Dataset.from_records(stored[1], warnings=warnings, built_at=stored[0].get("built_at", ""), presorted=True,
                                    cache_problem=cache.problem, index_file=cache.index_file(stored[0]["hash"]))
    return Dataset.from_records(records, built_at=time.strftime("%Y-%m-%d %H:%M:%S"), presorted=True, cache_problem=cache.problem,
                                index_file=cache.index_file(cache.written_hash))

"""The compiled store: YAML compiled once, reused until a data file changes.

The store is a cache (``storefile``: TinyDB's layout, written atomically in one pass) with its
search index and links saved beside it (``indexfile``). A store that is truncated, damaged or
edited is rebuilt, never trusted; an index file for other records is rebuilt. When the cache
cannot be read or written the data is compiled in memory and the Dataset's ``cache_problem`` says
why. When the YAML has errors the last good store stays in place and is still served (stale).
What a rebuild depends on (the YAML files and the documents they cite) is decided by ``datafolder``.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from . import indexfile
from .datafolder import cited_documents, file_stats, fingerprint, watched_files
from .dataset import Dataset, display_key
from .paths import bundled_data_dir, cache_dir
from .problems import DataError
from .storefile import META, RECORDS, STORE_FORMAT, ReadOnlyStore, StoreDB, StoredRecords, layout, write_store
from .textsafe import path_text

__all__ = ["ReadOnlyStore", "build", "open_dataset", "read_store", "resolve_dirs", "store_path"]


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


class Stored:
    """A store file as written by ``write_store`` for this schema, its records table intact."""

    def __init__(self, path: Path, db: StoreDB, meta: dict):
        self.path = path
        self.db = db
        self.meta = meta
        self.key = (meta["records_sha256"], meta["count"])  # what an index file must have been saved for

    def dataset(self, lazy: bool, **kwargs) -> Dataset:
        """The stored records with the index file saved for them (re-made when missing or stale);
        ``lazy``: parse each record when first asked for (needs the saved offsets)."""
        saved = indexfile.load(indexfile.index_path(self.path), self.key)
        built_at = self.meta["built_at"]
        table = self.db.records_table()
        if lazy and saved is not None and table.locate(saved.offsets):
            return Dataset(StoredRecords(self.db, self.meta["count"]), built_at=built_at, saved=saved, **kwargs)
        records = self.db.table(RECORDS).all()
        if saved is not None:
            return Dataset.from_records(records, built_at=built_at, presorted=True, saved=saved, **kwargs)
        data = Dataset.from_records(records, built_at=built_at, presorted=True, index_file=_saver(self.path, self.key, self._offsets(records)),
                                    **kwargs)
        if lazy:
            data.index  # noqa: B018 - made and saved now, so the next command reads only what it shows
        return data

    def _offsets(self, records: list[dict]):
        """Where each record lies in the file, when re-laying the records out gives the very table
        stored (then the offsets are right); else None."""
        def offsets() -> list[int] | None:
            table, found = layout(records)
            return found if hashlib.sha256(table).hexdigest() == self.key[0] else None
        return offsets


def _saver(store: Path, key: tuple, offsets):
    """Saves the index and links made from the records stored under ``key`` beside ``store``;
    ``offsets()`` says where each record lies in the store file."""
    def save(index, backlinks, citing, as_of) -> None:
        indexfile.save(indexfile.index_path(store), key, index, backlinks, citing, as_of, offsets())
    return save


def read_stored(path: Path) -> Stored | None:
    """The store at ``path`` if it is one ``write_store`` wrote for this schema and its records
    table is intact; None if it is missing or not to be trusted. Other OSErrors are raised."""
    from .schema import SCHEMA_VERSION

    if not path.exists() and not path.is_symlink():
        return None
    db = StoreDB(path)
    try:
        meta = db.table(META).get(doc_id=1)
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if not _fits_meta(meta) or meta["format"] != STORE_FORMAT or meta["schema"] != SCHEMA_VERSION:
        return None
    if db.storage.records_sha256 is None or meta.get("records_sha256") != db.storage.records_sha256:
        return None  # damaged, or edited since write_store wrote it
    return Stored(path, db, meta)


_META_TYPES = {"format": (int,), "schema": (int,), "hash": (str,), "stats": (str, type(None)), "documents": (list,),
               "count": (int,), "built_at": (str,), "records_sha256": (str,)}


def _fits_meta(meta) -> bool:
    """The meta has every field ``write_store`` writes, each of its type (the records digest does not cover it)."""
    return (type(meta) is dict and all(type(meta.get(key, ...)) in types for key, types in _META_TYPES.items())
            and all(type(doc) is str for doc in meta["documents"]))


def read_store(path: Path) -> tuple[dict, list[dict]] | None:
    """The store's meta and records, or None if it is missing, unreadable or not to be trusted."""
    try:
        stored = read_stored(path)
    except OSError:
        return None
    return None if stored is None else (stored.meta, stored.db.table(RECORDS).all())


class _Cache:
    """The store file of some data folders; remembers the first reason it could not be used."""

    def __init__(self, data_dirs: list[Path]):
        self.problem: str | None = None
        try:
            self.path: Path | None = store_path(data_dirs)
        except OSError as err:  # no user folder to put it in
            self.path = None
            self.problem = cache_problem(None, err)

    def read(self) -> Stored | None:
        if self.path is None:
            return None
        try:
            return read_stored(self.path)
        except OSError as err:
            self.problem = self.problem or cache_problem(self.path, err)
            return None

    def write(self, table: bytes, meta: dict) -> str | None:
        """Write a store (``write_store``'s arguments in ``meta``); its records digest, None if it could not be written."""
        if self.path is None:
            return None
        try:
            return write_store(self.path, table, **meta)
        except OSError as err:
            self.problem = self.problem or cache_problem(self.path, err)
            return None


def build(data_dirs: list[Path]) -> tuple[list[dict], str | None]:
    """Validate, compile and write the store: the records and why the store could not be written (None if it was).

    Raises DataError, leaving any old store alone, when the data has problems.
    """
    cache = _Cache(data_dirs)
    return _build(data_dirs, cache).ordered, cache.problem


def _build(data_dirs: list[Path], cache: _Cache, before: tuple[list[str], str, str | None] | None = None) -> Dataset:
    """Compile and write the store under its fingerprint, and its index file beside it.

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
    documents = cited_documents(records)
    if before is not None and before[0] == documents:
        data_hash, stats = before[1], before[2]
    else:
        data_hash, stats = fingerprint(watched_files(data_dirs, documents)), None
    table, offsets = layout(records)
    digest = cache.write(table, {"data_hash": data_hash, "documents": documents, "count": len(records), "stats": stats})
    saver = _saver(cache.path, (digest, len(records)), lambda: offsets) if digest is not None else None
    data = Dataset.from_records(records, built_at=time.strftime("%Y-%m-%d %H:%M:%S"), presorted=True,
                                cache_problem=cache.problem, index_file=saver)
    if saver is not None:
        data.index  # noqa: B018 - the store and its index file are written together
    return data


def open_dataset(data_dirs: list[str | Path] | None = None, force: bool = False, lazy: bool = False) -> Dataset:
    """Load the dataset, rebuilding the store only when the YAML or a cited document changed.

    Files whose sizes and times match those stored are not read; otherwise their contents are
    hashed, and a store whose hash still matches (a file touched, not changed) is kept and
    rewritten with the new times. ``lazy``: parse only the records asked for (a command that shows
    a few); the interface parses them all at once, off its UI thread.

    When the YAML has problems but an older good store exists, that store is used and the
    problems are attached as warnings; otherwise DataError. When the cache cannot be used the
    data is compiled in memory and ``cache_problem`` says why.
    """
    dirs = resolve_dirs(data_dirs)
    cache = _Cache(dirs)
    stored = cache.read()
    before = None
    if stored is not None:
        meta = stored.meta
        files = watched_files(dirs, meta["documents"])
        stats = file_stats(files)  # before hashing: a change in between shows next time
        if not force and stats is not None and meta["stats"] == stats:
            return stored.dataset(lazy)
        before = meta["documents"], fingerprint(files), stats
        if not force and meta["hash"] == before[1]:
            if stats is not None:  # same build, newer times: the same table under a new meta
                cache.write(stored.db.records_table().text(), {"data_hash": meta["hash"], "documents": meta["documents"],
                                                               "count": meta["count"], "stats": stats, "built_at": meta["built_at"]})
            return stored.dataset(lazy, cache_problem=cache.problem)
    try:
        return _build(dirs, cache, before)
    except DataError as err:
        if stored is None:
            raise
        warnings = [f"data has {len(err.problems)} problem(s); showing the last good build ({stored.meta['built_at']})"]
        warnings += [str(p) for p in err.problems]
        return stored.dataset(lazy, warnings=warnings, cache_problem=cache.problem)

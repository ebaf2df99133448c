"""The compiled TinyDB store: YAML compiled once, reused until a data file changes.

The store is a cache. It is written to a temporary file, flushed and moved into
place atomically, so a crash never leaves a half-written store; a store that is
unreadable, truncated or inconsistent is rebuilt, never trusted. When the YAML
has errors the last good store stays in place and is still served (stale).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from pathlib import Path

from . import dates, schema
from .datafolder import fingerprint
from .dataset import FIGURE_LIMIT, Dataset, display_key, paused_gc
from .paths import bundled_data_dir, cache_dir
from .problems import DataError
from .textsafe import path_text

RECORDS = "records"
META = "meta"


def resolve_dirs(data_dirs: list[str | Path] | None) -> list[Path]:
    """The folders to read: those given (absolute, links resolved as far as they go), else the bundled dataset."""
    if not data_dirs:
        return [bundled_data_dir()]
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


def write_store(path: Path, records: list[dict], data_hash: str) -> None:
    """Write a complete store (records in display order, then meta) atomically.

    The file is TinyDB's JSON layout (one table per key, documents keyed by id), written in a
    single pass: going through TinyDB's API would rewrite the whole file once per table.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        RECORDS: {str(n): rec for n, rec in enumerate(records, start=1)},
        META: {"1": {
            "hash": data_hash,
            "schema": schema.SCHEMA_VERSION,
            "count": len(records),
            "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        }},
    }
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_store(path: Path) -> tuple[dict, list[dict]] | None:
    """The store's meta and records, or None if it is missing, unreadable or not to be trusted."""
    try:
        return _read_store(path)
    except OSError:
        return None


def _read_store(path: Path) -> tuple[dict, list[dict]] | None:
    """Like read_store, but an OSError other than a missing file (the cache is unusable) is raised."""
    try:
        handle = open(path, encoding="utf-8")
    except FileNotFoundError:
        return None
    with paused_gc(), handle:
        try:
            raw = json.load(handle)
            meta = next(iter(raw[META].values()))
            table = raw[RECORDS]
            records = [table[key] for key in sorted(table, key=int)]
        except (ValueError, KeyError, TypeError, StopIteration, AttributeError, RecursionError):
            return None
    if type(meta) is not dict or meta.get("schema") != schema.SCHEMA_VERSION or meta.get("count") != len(records):
        return None
    if type(meta.get("hash")) is not str or type(meta.get("built_at", "")) is not str:
        return None
    if not all(_fits_record(rec) for rec in records):
        return None
    return meta, records


_SPECS = {"links": (schema.LINK_FIELDS, ("to", "role")), "sources": (schema.SOURCE_FIELDS, ("source",)),
          "figures": (schema.FIGURE_FIELDS, schema.FIGURE_REQUIRED)}


def _fits(value, kind: str) -> bool:
    """Whether a stored value has the shape validation gives a field of this type (what the interface relies on)."""
    if kind in ("text", "slug"):
        return type(value) is str
    if kind in ("kind", "role", "status"):
        return type(value) is str and value in {"kind": schema.KINDS, "role": schema.ROLES, "status": schema.STATUSES}[kind]
    if kind == "date":
        return type(value) is str and dates.normalise(value)[1] is None
    if kind == "texts":
        return type(value) is list and all(type(item) is str for item in value)
    if kind == "year":
        return type(value) is int
    if kind == "number-or-text":
        return type(value) is str or (type(value) in (int, float) and math.isfinite(value) and abs(value) < FIGURE_LIMIT)
    spec, required = _SPECS[kind]
    return type(value) is list and all(
        type(item) is dict and all(key in item for key in required)
        and all(key in spec and _fits(sub, spec[key]) for key, sub in item.items())
        for item in value
    )


def _fits_record(rec) -> bool:
    """A stored record has its required fields and each field its shape (bookkeeping ``_`` fields aside)."""
    return type(rec) is dict and all(key in rec for key in schema.REQUIRED) and all(
        key.startswith("_") or (key in schema.FIELDS and _fits(value, schema.FIELDS[key])) for key, value in rec.items()
    )


class _Cache:
    """The store file of some data folders; remembers the first reason it could not be used."""

    def __init__(self, data_dirs: list[Path]):
        self.problem: str | None = None
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

    def write(self, records: list[dict], data_hash: str) -> None:
        if self.path is None:
            return
        try:
            write_store(self.path, records, data_hash)
        except OSError as err:
            self.problem = self.problem or cache_problem(self.path, err)


def build(data_dirs: list[Path]) -> tuple[list[dict], str | None]:
    """Validate, compile and write the store: the records and why the store could not be written (None if it was).

    Raises DataError, leaving any old store alone, when the data has problems.
    """
    cache = _Cache(data_dirs)
    return _build(data_dirs, cache), cache.problem


def _build(data_dirs: list[Path], cache: _Cache) -> list[dict]:
    from .validate import compile_data  # only a rebuild pays for the YAML machinery

    compiled = compile_data(data_dirs)
    if compiled.problems:
        raise DataError(compiled.problems)
    records = sorted(compiled.records, key=display_key)  # stored in display order: loads skip the sort
    cache.write(records, fingerprint(data_dirs, records))
    return records


def open_dataset(data_dirs: list[str | Path] | None = None, force: bool = False) -> Dataset:
    """Load the dataset, rebuilding the store only when the YAML or a cited document changed.

    When the YAML has problems but an older good store exists, that store is used and the
    problems are attached as warnings; otherwise DataError. When the cache cannot be used the
    data is compiled in memory and ``cache_problem`` says why.
    """
    dirs = resolve_dirs(data_dirs)
    cache = _Cache(dirs)
    stored = cache.read()
    if not force and stored is not None and stored[0].get("hash") == fingerprint(dirs, stored[1]):
        return Dataset.from_records(stored[1], built_at=stored[0].get("built_at", ""), presorted=True)
    try:
        records = _build(dirs, cache)
    except DataError as err:
        if stored is None:
            raise
        warnings = [f"data has {len(err.problems)} problem(s); showing the last good build ({stored[0].get('built_at', '?')})"]
        warnings += [str(p) for p in err.problems]
        return Dataset.from_records(stored[1], warnings=warnings, built_at=stored[0].get("built_at", ""), presorted=True,
                                    cache_problem=cache.problem)
    return Dataset.from_records(records, built_at=time.strftime("%Y-%m-%d %H:%M:%S"), presorted=True, cache_problem=cache.problem)

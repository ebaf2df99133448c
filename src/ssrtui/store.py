"""The compiled TinyDB store: YAML compiled once, reused until a data file changes.

The store is a cache. It is written to a temporary file, flushed and moved into
place atomically, so a crash never leaves a half-written store; a store that is
unreadable, truncated or inconsistent is rebuilt, never trusted. When the YAML
has errors the last good store stays in place and is still served (stale).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from . import __version__, schema
from .dataset import Dataset, display_key, paused_gc
from .paths import bundled_data_dir, cache_dir, data_files
from .problems import DataError

RECORDS = "records"
META = "meta"


def resolve_dirs(data_dirs: list[str | Path] | None) -> list[Path]:
    """The folders to read: those given, else the bundled dataset."""
    if not data_dirs:
        return [bundled_data_dir()]
    return [Path(d).expanduser().resolve() for d in data_dirs]


def store_path(data_dirs: list[Path]) -> Path:
    key = hashlib.sha256("\n".join(str(d.resolve()) for d in data_dirs).encode()).hexdigest()[:16]
    return cache_dir() / f"store-{key}.json"


def content_hash(data_dirs: list[Path]) -> str:
    """A hash of every data file and source document, plus the format version."""
    digest = hashlib.sha256(f"{schema.SCHEMA_VERSION}:{__version__}".encode())
    files = data_files([d for d in data_dirs if d.is_dir()])
    for folder in data_dirs:
        seeds = folder.parent / "seeds"
        if seeds.is_dir():
            files.extend(sorted(p for p in seeds.iterdir() if p.is_file()))
    for path in files:
        digest.update(str(path).encode())
        digest.update(b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


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
    """The store's meta and records, or None if it is missing or not to be trusted."""
    with paused_gc():
        return _read_store(path)


def _read_store(path: Path) -> tuple[dict, list[dict]] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        meta = next(iter(raw[META].values()))
        table = raw[RECORDS]
        records = [table[key] for key in sorted(table, key=int)]
        if meta.get("schema") != schema.SCHEMA_VERSION or meta.get("count") != len(records):
            return None
        if not all(isinstance(r, dict) and {"id", "kind", "name"} <= r.keys() and r["kind"] in schema.KINDS for r in records):
            return None
        return meta, records
    except (OSError, ValueError, KeyError, TypeError, StopIteration, AttributeError):
        return None


def build(data_dirs: list[Path], data_hash: str | None = None) -> list[dict]:
    """Validate and compile; raise DataError (leaving any old store alone) on problems."""
    from .validate import compile_data  # only a rebuild pays for the YAML machinery

    data_hash = data_hash or content_hash(data_dirs)
    compiled = compile_data(data_dirs)
    if compiled.problems:
        raise DataError(compiled.problems)
    records = sorted(compiled.records, key=display_key)  # stored in display order: loads skip the sort
    write_store(store_path(data_dirs), records, data_hash)
    return records


def open_dataset(data_dirs: list[str | Path] | None = None, force: bool = False) -> Dataset:
    """Load the dataset, rebuilding the store only when the YAML changed.

    When the YAML has problems but an older good store exists, that store is
    used and the problems are attached as warnings; otherwise DataError.
    """
    dirs = resolve_dirs(data_dirs)
    path = store_path(dirs)
    data_hash = content_hash(dirs)
    stored = None if force else read_store(path)
    if stored is not None and stored[0].get("hash") == data_hash:
        return Dataset.from_records(stored[1], built_at=stored[0].get("built_at", ""), presorted=True)
    try:
        records = build(dirs, data_hash)
    except DataError as err:
        old = read_store(path)
        if old is None:
            raise
        warnings = [f"data has {len(err.problems)} problem(s); showing the last good build ({old[0].get('built_at', '?')})"]
        warnings += [str(p) for p in err.problems]
        return Dataset.from_records(old[1], warnings=warnings, built_at=old[0].get("built_at", ""), presorted=True)
    return Dataset.from_records(records, built_at=time.strftime("%Y-%m-%d %H:%M:%S"), presorted=True)

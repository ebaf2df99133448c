"""The pack file: one zip that carries a reference update to the field, checked before it is used.

A pack holds ``manifest.json`` and ``content/``: the data folders (``content/data``, ``content/data-2``, ...)
and the documents their sources cite, at the same path relative to ``content/`` as beside the folders
(``content/seeds/x.txt``). The manifest lists the SHA-256 of every other member; a member that is not
listed, a listed file that is missing or differs, or an archive that is hostile (absolute or climbing
names, links, duplicates, huge or highly compressed members, too many members) is refused before any
byte is written. Installing one is ``packs.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import __version__, schema
from .atomic import write_bytes
from .datafolder import MAX_FILE_BYTES, cited_documents, document_path, read_bounded, yaml_files

if TYPE_CHECKING:  # zipfile is imported where packs are built or verified: not to find the active one
    import zipfile

FORMAT = "ssrtui-pack"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content"
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = MAX_FILE_BYTES
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed: text compresses ~5-10x; a bomb compresses ~1000x
RATIO_FLOOR = 1024 * 1024  # members smaller than this are never a bomb, whatever their ratio
NO_TERMS = "terms not stated"
TERMS_FIELDS = ("licence", "license", "terms")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")

class PackError(Exception):
    """A pack that cannot be built, verified or installed: one line saying which file and what failed."""


class OutputError(PackError):
    """The pack file being built cannot be written (the README's exit 2, like any output file)."""


# -- build ---------------------------------------------------------------------------------------


def _members(data_dirs: list[Path], records: list[dict]) -> tuple[dict[str, Path], list[str]]:
    """Member name -> file (every YAML file under ``content/data[-N]``, every cited document at its
    relative path under ``content/``), and the data folders' names in the pack."""
    members: dict[str, Path] = {}
    folders = []
    for i, folder in enumerate(data_dirs):
        rel_folder = f"{CONTENT}/data" + (f"-{i + 1}" if i else "")
        folders.append(rel_folder)
        files, _ = yaml_files([folder])
        for path in files:
            members[f"{rel_folder}/{path.relative_to(folder).as_posix()}"] = path
    for rel in cited_documents(records):
        path = document_path(rel, data_dirs)
        if path is not None:
            members.setdefault(f"{CONTENT}/{PurePosixPath(rel).as_posix()}", path)
    return members, folders


def build(data_dirs: list[Path], output: Path, name: str, version: str) -> dict:
    """Write a pack of these data folders to ``output`` (atomically); its manifest. PackError when the
    data has problems or a file cannot be read."""
    import zipfile  # only building, verifying or installing a pack needs it

    from .dataset import Dataset
    from .validate import compile_data

    for label, value in (("name", name), ("version", version)):
        if not _NAME.match(value):
            raise PackError(f"pack {label} '{value}' must be letters, digits, '.', '_', '+' or '-' (at most 64)")
    compiled = compile_data(data_dirs)
    if compiled.problems:
        raise PackError("\n".join(str(p) for p in sorted(compiled.problems)) + f"\nthe data has {len(compiled.problems)} problem(s); no pack written")
    records = compiled.records
    members, folders = _members(data_dirs, records)
    counts: dict[str, int] = {}
    for rec in records:
        counts[rec["kind"]] = counts.get(rec["kind"], 0) + 1
    blobs = {}
    for member, path in sorted(members.items()):
        try:
            blobs[member] = read_bounded(path)
        except OSError as err:
            raise PackError(f"{path}: cannot read: {err.strerror or err}") from None
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": name,
        "version": version,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "current_to": Dataset.from_records(records).as_of(),
        "schema_version": schema.SCHEMA_VERSION,
        "ssrtui_version": __version__,
        "folders": folders,
        "records": len(records),
        "counts": dict(sorted(counts.items())),
        "sources": [
            {"id": rec["id"], "name": rec["name"], "terms": next((str(rec[f]) for f in TERMS_FIELDS if rec.get(f)), NO_TERMS)}
            for rec in sorted(records, key=lambda r: r["id"]) if rec["kind"] == "source"
        ],
        "files": {member: hashlib.sha256(blob).hexdigest() for member, blob in blobs.items()},
    }
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for member, blob in blobs.items():
            zf.writestr(member, blob)
    try:
        write_bytes(output, buffer.getvalue())
    except OSError as err:
        raise OutputError(f"{output}: cannot write: {err.strerror or err}") from None
    return manifest


# -- verify ---------------------------------------------------------------------------------------


def safe_name(name: str) -> str | None:
    """Why a member name is refused, or None: it must stay inside the folder it is unpacked into."""
    if not name or "\\" in name or "\0" in name or any(ord(c) < 32 for c in name):
        return "has a control character or backslash in its name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "climbs out with '..'"
    if any(p in ("", ".") for p in parts):
        return "has an empty or '.' part in its name"
    return None


def _check_listing(zf: zipfile.ZipFile, where: str) -> list[zipfile.ZipInfo]:
    """The archive's file members, after refusing every hostile entry in its listing."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackError(f"{where}: refused: {len(infos)} members (at most {MAX_MEMBERS})")
    seen: set[str] = set()
    files = []
    total = 0
    for info in infos:
        name = info.filename
        reason = safe_name(name)
        if reason:
            raise PackError(f"{where}: refused: member '{name}' {reason}")
        key = name.rstrip("/")
        if key in seen:
            raise PackError(f"{where}: refused: member '{name}' appears twice")
        seen.add(key)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackError(f"{where}: refused: member '{name}' is a symbolic link")
        if info.is_dir():
            continue
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: written without a file type (Python's writestr)
            raise PackError(f"{where}: refused: member '{name}' is not a regular file")
        if info.flag_bits & 0x1:
            raise PackError(f"{where}: refused: member '{name}' is encrypted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise PackError(f"{where}: refused: member '{name}' is {info.file_size} bytes (at most {MAX_MEMBER_BYTES})")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackError(f"{where}: refused: member '{name}' expands {info.file_size // max(info.compress_size, 1)}x (a zip bomb?)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError(f"{where}: refused: members add up to more than {MAX_TOTAL_BYTES} bytes")
        files.append(info)
    return files


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    """A member's bytes, never more than it declares (a lying header is refused, not obeyed)."""
    import zipfile

    try:
        with zf.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as err:
        raise PackError(f"{where}: member '{info.filename}' is damaged ({type(err).__name__})") from None
    if len(data) != info.file_size:
        raise PackError(f"{where}: member '{info.filename}' is not the size its header declares")
    return data


def _check_manifest(manifest, where: str) -> dict:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackError(f"{where}: {MANIFEST} is not an ssrtui pack manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise PackError(f"{where}: {MANIFEST}: pack format {manifest.get('format_version')!r} is not supported (this ssrtui reads {FORMAT_VERSION})")
    for key in ("name", "version"):
        if not isinstance(manifest.get(key), str) or not _NAME.match(manifest[key]):
            raise PackError(f"{where}: {MANIFEST}: {key} is missing or not a plain name")
    if manifest.get("schema_version") != schema.SCHEMA_VERSION:
        raise PackError(f"{where}: {MANIFEST}: schema version {manifest.get('schema_version')!r} is not this ssrtui's ({schema.SCHEMA_VERSION})")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise PackError(f"{where}: {MANIFEST}: files is missing or not a table of checksums")
    folders = manifest.get("folders")
    if not isinstance(folders, list) or not folders or not all(
            isinstance(f, str) and f.startswith(CONTENT + "/") and safe_name(f) is None for f in folders):
        raise PackError(f"{where}: {MANIFEST}: folders is missing or names a folder outside {CONTENT}/")
    return manifest


def verify(path: Path, sink=None) -> dict:
    """Check a pack file: its listing, its manifest and every checksum. Its manifest, else PackError.

    ``sink(name, data)`` receives each member once its checksum holds (install writes them out).
    """
    import zipfile

    where = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: a FIFO would wait forever
            raise PackError(f"{where}: not a regular file")
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            size = info.st_size
            if not stat.S_ISREG(info.st_mode):  # swapped meanwhile
                raise PackError(f"{where}: not a regular file")
            try:
                zf = zipfile.ZipFile(handle)
            except (zipfile.BadZipFile, EOFError, ValueError, OSError):
                raise PackError(f"{where}: not a pack: not a zip archive, or truncated ({size} bytes)") from None
            with zf:
                files = _check_listing(zf, where)
                by_name = {info.filename: info for info in files}
                if MANIFEST not in by_name:
                    raise PackError(f"{where}: no {MANIFEST}: not an ssrtui pack")
                raw = _read_member(zf, by_name.pop(MANIFEST), where)
                try:
                    manifest = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    raise PackError(f"{where}: {MANIFEST} is not valid JSON") from None
                _check_manifest(manifest, where)
                listed = manifest["files"]
                for name in sorted(by_name):
                    if name not in listed:
                        raise PackError(f"{where}: member '{name}' is not listed in {MANIFEST}")
                for name in sorted(listed):
                    if name not in by_name:
                        raise PackError(f"{where}: '{name}' is listed in {MANIFEST} but missing")
                    if safe_name(name) or not name.startswith(CONTENT + "/"):
                        raise PackError(f"{where}: {MANIFEST} lists '{name}' outside {CONTENT}/")
                    data = _read_member(zf, by_name[name], where)
                    if hashlib.sha256(data).hexdigest() != listed[name]:
                        raise PackError(f"{where}: '{name}' does not match its checksum in {MANIFEST}")
                    if sink is not None:
                        sink(name, data)
    except OSError as err:
        raise PackError(f"{where}: cannot read: {err.strerror or err}") from None
    return manifest

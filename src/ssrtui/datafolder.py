"""What a data folder holds: its YAML files, the documents its records cite, and their fingerprint.

Validation reads exactly the files listed here and the store fingerprints exactly the same files,
so editing anything validation reads triggers a rebuild. Files are read with a size bound and
never block (a FIFO named ``x.yaml`` is refused, not opened for a read that would wait forever).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

from . import __version__, schema

MAX_FILE_BYTES = 32 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")


class RefusedFile(OSError):
    """A file ssrtui will not read: larger than the limit, or not a regular file."""


def yaml_files(data_dirs: list[Path]) -> tuple[list[Path], list[OSError]]:
    """Every ``*.yaml``/``*.yml`` below the folders in a stable order, and why a folder could not be listed.

    Links to folders are not followed (no loops, no walking the whole disk through a link to ``/``);
    a dangling link (an editor's lock file) is no file. Anything else that is not a regular file is
    listed, so that reading it gives a located problem.
    """
    found: list[Path] = []
    unreadable: list[OSError] = []
    for folder in data_dirs:
        files = [
            Path(root, name)
            for root, _, names in os.walk(folder, onerror=unreadable.append)
            for name in names
            if name.endswith(YAML_SUFFIXES) and name not in YAML_SUFFIXES and os.path.exists(os.path.join(root, name))
        ]
        found.extend(sorted(files, key=lambda path: path.parts))
    return found, unreadable


def document_path(rel: str, data_dirs: list[Path]) -> Path | None:
    """The file a source's ``path:`` names: beside a data folder (``seeds/x``), else inside it.

    None when there is none, or when ``rel`` is absolute or climbs out with ``..`` (never read).
    """
    parts = Path(rel).parts
    if not parts or Path(rel).is_absolute() or ".." in parts:
        return None
    for folder in data_dirs:
        for base in (folder.parent, folder):
            candidate = base / rel
            if os.path.lexists(candidate) and not candidate.is_dir():
                return candidate
    return None


def cited_documents(records: list[dict]) -> list[str]:
    """The ``path:`` of every source record: the documents validation checks quotes against."""
    return sorted({rec["path"] for rec in records if rec.get("kind") == "source" and isinstance(rec.get("path"), str)})


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; RefusedFile (an OSError) otherwise.

    The size is checked before reading (a 2 GiB sparse file is refused at once) and the read stops
    at ``limit + 1`` bytes in case the file grows meanwhile.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile("not a regular file")
        if info.st_size > limit:
            raise RefusedFile(f"larger than {limit // (1024 * 1024)} MiB")
        chunks, total = [], 0
        while chunk := os.read(fd, max(info.st_size + 1 - total, 1 << 16)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise RefusedFile(f"larger than {limit // (1024 * 1024)} MiB")
            if total <= info.st_size:  # a short read of a regular file is its end
                break
        return b"".join(chunks)
    finally:
        os.close(fd)


def watched_files(data_dirs: list[Path], documents: list[str]) -> list[Path | None]:
    """What a build reads: every YAML file, then each cited document (None where it is missing)."""
    files: list[Path | None] = yaml_files([d for d in data_dirs if d.is_dir()])[0]
    return files + [document_path(rel, data_dirs) for rel in documents]


#: A file changed this recently may change again within the same timestamp tick: its stat is no proof.
SETTLED_NS = 2_000_000_000


def file_stats(files: list[Path | None]) -> str | None:
    """A digest of each file's path, size, inode, mtime and ctime (ns): the cheap check before hashing.

    None when it proves nothing: a file cannot be stat'ed, or one changed within the last
    ``SETTLED_NS`` (an edit in the same clock tick would keep its mtime). An edit that restores
    size and mtime still moves ctime, which only the kernel sets.
    """
    settled = time.time_ns() - SETTLED_NS
    digest = hashlib.sha256(f"{schema.SCHEMA_VERSION}:{__version__}".encode())
    for path in files:
        if path is None:
            digest.update(b"<missing>\0")
            continue
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if info.st_mtime_ns > settled or info.st_ctime_ns > settled:
            return None
        digest.update(os.fsencode(path) + f"\0{info.st_size}:{info.st_ino}:{info.st_mtime_ns}:{info.st_ctime_ns}\0".encode())
    return digest.hexdigest()


def fingerprint(files: list[Path | None]) -> str:
    """A hash of the contents of the files (see ``watched_files``), plus the format version.

    A file that cannot be read hashes as its reason, so it changes the fingerprint without stopping it.
    """
    digest = hashlib.sha256(f"{schema.SCHEMA_VERSION}:{__version__}".encode())
    for path in files:
        if path is None:
            digest.update(b"<missing>\0")
            continue
        digest.update(os.fsencode(path) + b"\0")
        try:
            digest.update(read_bounded(path))
        except (OSError, ValueError) as err:
            digest.update(f"<{type(err).__name__}: {err}>".encode("utf-8", "backslashreplace"))
        digest.update(b"\0")
    return digest.hexdigest()

"""What a data folder holds: its YAML files, the documents its records cite, and their fingerprint.

Validation reads exactly the files listed here and the store fingerprints exactly the same files,
so editing anything validation reads triggers a rebuild. Files are read with a size bound and
never block (a FIFO named ``x.yaml`` is refused, not opened for a read that would wait forever).
"""

from __future__ import annotations

import hashlib
import os
import stat
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


def fingerprint(data_dirs: list[Path], records: list[dict]) -> str:
    """A hash of every YAML file and of every document the records cite, plus the format version.

    It reads every file (size and mtime shortcuts are left for later); a file that cannot be read
    hashes as its reason, so it changes the fingerprint without stopping it.
    """
    digest = hashlib.sha256(f"{schema.SCHEMA_VERSION}:{__version__}".encode())
    files: list[Path | None] = yaml_files([d for d in data_dirs if d.is_dir()])[0]
    files += [document_path(rel, data_dirs) for rel in cited_documents(records)]
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

"""Crash-safe file writes, the one way ssrtui writes a file (store, notes, exports).

A regular file is never written in place: the bytes go to a temp file in the same folder, which is
fsynced and moved over the target with ``os.replace``, and the folder is fsynced, so a reader sees
the old file or the new one, never half of one. Temps are named ``.NAME.PID.RANDOM.tmp`` so that
those of a killed writer can be told from a running one's and removed.

A FIFO or a character device (``--output /dev/stdout``, a pipe) is written through: replacing it
would swap a system node for a regular file. A symlink is followed to its target by default; the
files ssrtui owns (notes) pass ``follow_symlinks=False`` so that a planted link is replaced, never
written through. Folders, sockets and block devices are refused with an OSError saying why.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from pathlib import Path

NEW_FILE_MODE = 0o644
STALE_AFTER = 86400  # seconds: a temp this old is stale whoever wrote it (its PID may be reused)
_NAME_CHARS = 64  # of the target's name kept in a temp's name, which must stay under NAME_MAX


def write_text(path: os.PathLike | str, text: str, *, mode: int | None = None, follow_symlinks: bool = True) -> None:
    """Write ``text`` as UTF-8 to ``path``; see ``write_bytes``."""
    write_bytes(path, text.encode("utf-8"), mode=mode, follow_symlinks=follow_symlinks)


def write_bytes(path: os.PathLike | str, data: bytes, *, mode: int | None = None, follow_symlinks: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all; the parent folders are created.

    ``mode``: the file's permission bits. Without it a replaced file keeps its own and a new file
    gets 0o644 less the umask; with it the file gets exactly ``mode`` (0o600 for private files).
    ``follow_symlinks=False``: whatever is at ``path`` (a symlink, a FIFO, a device) is replaced
    by a regular file, never followed or written through.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not follow_symlinks:
        current = _stat(path, follow_symlinks=False)
        if current is not None and stat.S_ISDIR(current.st_mode):
            _refuse(path, current)
        _replace(path, data, mode, current if current is not None and stat.S_ISREG(current.st_mode) else None)
        return
    current = _stat(path)
    if current is not None and (stat.S_ISFIFO(current.st_mode) or stat.S_ISCHR(current.st_mode)):
        if _write_through(path, data):
            return
        current = _stat(path)  # it was swapped for another kind of file meanwhile
    if current is not None and not stat.S_ISREG(current.st_mode):
        _refuse(path, current)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # replace the target, keep the link
    _replace(target, data, mode, current)


def _stat(path: Path, follow_symlinks: bool = True) -> os.stat_result | None:
    try:
        return os.stat(path, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return None


def _write_through(path: Path, data: bytes) -> bool:
    """Write to a FIFO or character device as it is (no replace); False if it is no longer one."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)  # a FIFO: waits for its reader
    try:
        kind = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
            return False
        _write_all(fd, data)
        return True
    finally:
        os.close(fd)


def _refuse(path: Path, current: os.stat_result) -> None:
    """A folder, socket or block device is never written to or replaced."""
    kind = current.st_mode
    if stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    what = "a socket" if stat.S_ISSOCK(kind) else "a block device" if stat.S_ISBLK(kind) else "not a regular file"
    raise OSError(errno.EINVAL, f"is {what}; ssrtui writes only to a file, a FIFO or a character device", str(path))


def _replace(path: Path, data: bytes, mode: int | None, current: os.stat_result | None) -> None:
    """Temp file in the same folder, fsync, os.replace, fsync the folder."""
    folder = path.parent
    _remove_stale_temps(folder, path.name)
    tmp = folder / f".{path.name[:_NAME_CHARS]}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    create_mode = NEW_FILE_MODE if mode is None else 0o600  # the kernel applies the umask
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, create_mode)
    try:
        try:
            if mode is not None or current is not None:
                os.fchmod(fd, mode if mode is not None else stat.S_IMODE(current.st_mode))
            if current is not None and (current.st_uid, current.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, current.st_uid, current.st_gid)  # root editing a user's file
                except PermissionError:
                    pass
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.ENOTSUP):  # some file systems cannot sync a folder
            raise
    finally:
        os.close(fd)


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove this target's temps left by a dead writer (or older than a day). Best effort."""
    prefix = f".{name[:_NAME_CHARS]}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        middle = entry.name[len(prefix):-len(".tmp")]
        owner = re.fullmatch(r"(\d+)\.[0-9a-f]{8}", middle)
        if owner is None and not re.fullmatch(r"\w{8}", middle):  # \w{8}: an older ssrtui's mkstemp temp
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if old or (owner is not None and not process_alive(int(owner.group(1)))):
                os.unlink(entry.path)
        except OSError:
            pass


def process_alive(pid: int) -> bool:
    """Whether a writer's process may still run: its leftovers are removed only when it surely does not
    (no such process, or a pid no process can have); when we cannot tell, they are left alone."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # someone else's process (EPERM), or cannot tell
    return True

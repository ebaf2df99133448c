"""Personal notes and bookmarks, kept apart from the compiled store and never lost.

They live in a TinyDB file in the user data folder, keyed by record id (never by
TinyDB document ids, which a rebuild would not preserve). Every change is a
locked read-modify-write written by ``ssrtui.atomic`` (temp file, fsync, replace),
so two running ssrtui instances and a kill -9 mid-write lose nothing. A file that
is not notes (bad JSON or the wrong shape) is moved aside under a name never used
before, with a message, and the last good copy (``.bak``, refreshed after every
write) is restored. The notes are private: every file is 0600 in a folder created
0700, and a symlink planted at any of their names is replaced, never followed.
A location that cannot be used raises ``NotesError``: one line, path and reason.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from . import atomic, dates
from .paths import user_data_dir
from .textsafe import path_text

NOTES = "notes"
BOOKMARKS = "bookmarks"
PRIVATE = 0o600
_REQUIRED = {NOTES: ("record", "text"), BOOKMARKS: ("record",)}  # str fields every item must have


class NotesError(OSError):
    """The notes cannot be read or saved; str() is one line naming the path and the reason."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _error(doing: str, path: Path, err: OSError | str) -> NotesError:
    reason = err if isinstance(err, str) else (err.strerror or str(err))
    reason = reason[:1].lower() + reason[1:]
    return NotesError(getattr(err, "errno", None), f"cannot {doing} {path_text(path)}: {reason}", str(path))


class _Damaged(ValueError):
    """Readable, but not notes (bad JSON or the wrong shape): moved aside, never used."""


def _parse(raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise _Damaged("not JSON" if raw.strip() else "empty") from None
    if not isinstance(data, dict):
        raise _Damaged("not a JSON object")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(item, dict) for item in table.values()):
            raise _Damaged("a table is not a set of items")
        fields = _REQUIRED.get(name, ())
        if not all(isinstance(item.get(field), str) for item in table.values() for field in fields):
            raise _Damaged(f"a {name} item without {' or '.join(fields)}")
    return data


def _make_private(path: Path, fd: int | None = None) -> None:
    """chmod 0600 a regular file at ``path`` (never through a symlink); best effort."""
    opened = fd is None
    try:
        if opened:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != PRIVATE:
            os.fchmod(fd, PRIVATE)
    except OSError:
        pass
    finally:
        if opened and fd is not None:
            os.close(fd)


class _Storage:
    """TinyDB storage over a NotesStore: checked reads, atomic private writes with a backup."""

    def __init__(self, store: "NotesStore"):
        self.store = store

    def read(self) -> dict:
        return self.store._load()

    def write(self, data: dict) -> None:
        self.store._save(data)

    def close(self) -> None:
        pass


class NotesStore:
    """Notes (one per record) and bookmarks, safe across processes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.backup = self.path.with_suffix(self.path.suffix + ".bak")
        self.lock_path = self.path.with_suffix(self.path.suffix + ".lock")
        self.messages: list[str] = []
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as err:
            raise _error("create the notes folder", self.path.parent, err) from None
        with self._locked():
            self._load()
            for existing in (self.path, self.backup):  # written world-readable by older versions
                _make_private(existing)

    @classmethod
    def default(cls) -> "NotesStore":
        """The user's notes; NotesError (one line) when there is no user folder to keep them in."""
        try:
            folder = user_data_dir()
        except OSError as err:  # paths.NoUserFolder: no absolute XDG_DATA_HOME or HOME
            raise NotesError(None, f"cannot keep notes: {err}") from None
        return cls(folder / "notes.json")

    @contextmanager
    def _locked(self):
        fd = self._open_lock()
        try:
            yield
        finally:
            os.close(fd)  # releases the flock

    def _open_lock(self) -> int:
        """An flock'ed regular lock file; a symlink at its name is removed, never followed."""
        for _attempt in range(100):
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE)
            except OSError as err:
                if err.errno == errno.ELOOP and self.lock_path.is_symlink():
                    try:
                        self.lock_path.unlink()
                    except FileNotFoundError:
                        pass
                    except OSError as unlink_err:
                        raise _error("replace the symlink at the notes lock", self.lock_path, unlink_err) from None
                    continue
                raise _error("open the notes lock", self.lock_path, err) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                held, named = os.fstat(fd), os.lstat(self.lock_path)
            except OSError as err:
                os.close(fd)
                if isinstance(err, FileNotFoundError):
                    continue
                raise _error("lock the notes with", self.lock_path, err) from None
            if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):  # still the file at that name
                _make_private(self.lock_path, fd)
                return fd
            os.close(fd)
        raise _error("lock the notes with", self.lock_path, "the lock file keeps being replaced")

    def _read(self, path: Path) -> dict | None:
        """The tables at ``path``; None if there is no file. Raises _Damaged or NotesError."""
        try:
            kind = os.stat(path).st_mode
            if not stat.S_ISREG(kind):
                raise _error("read notes from", path, "is a folder, not a file" if stat.S_ISDIR(kind) else "not a regular file")
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except NotesError:
            raise
        except OSError as err:
            raise _error("read notes from", path, err) from None
        return _parse(raw)

    def _load(self) -> dict:
        """The notes' tables (call under the lock): a damaged file is moved aside, the backup restored."""
        try:
            return self._read(self.path) or {}
        except _Damaged as damage:
            reason = str(damage)
        aside = self._move_aside()
        message = f"notes file was damaged and moved to {path_text(aside)} ({reason})"
        try:
            good = self._read(self.backup)
        except (_Damaged, NotesError):
            good = None
        if good is None:
            self.messages.append(message + "; no good copy to restore")
            return {}
        try:
            self._write(self.path, good, "save notes to")
        except NotesError:
            try:
                os.replace(aside, self.path)  # put it back: the next start tries again
            except OSError:
                pass
            raise
        self.messages.append(message + "; restored the last good copy")
        return good

    def _move_aside(self) -> Path:
        """Rename the damaged file to ``notes.json.corrupt-STAMP[-N]``, a name not yet used."""
        first = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        aside, number = first, 1
        while os.path.lexists(aside):
            number += 1
            aside = first.with_name(f"{first.name}-{number}")
        try:
            os.replace(self.path, aside)
        except OSError as err:
            raise _error("move the damaged notes file aside from", self.path, err) from None
        _make_private(aside)
        return aside

    def _write(self, path: Path, data: dict, doing: str) -> None:
        try:
            atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1), mode=PRIVATE, follow_symlinks=False)
        except OSError as err:
            raise _error(doing, path, err) from None

    def _save(self, data: dict) -> None:
        self._write(self.path, data, "save notes to")
        self._write(self.backup, data, "save the backup of notes to")

    @contextmanager
    def _db(self):
        """A TinyDB over the file, held under the lock for one read-modify-write."""
        from tinydb import TinyDB

        with self._locked():
            db = TinyDB(self, storage=_Storage)
            try:
                yield db
            finally:
                db.close()

    def _read_table(self, name: str) -> list[dict]:
        with self._locked():
            return list(self._load().get(name, {}).values())

    # notes -----------------------------------------------------------------
    def note(self, record_id: str) -> str:
        for item in self._read_table(NOTES):
            if item["record"] == record_id:
                return item["text"]
        return ""

    def set_note(self, record_id: str, text: str) -> None:
        from tinydb import Query

        with self._db() as db:
            table = db.table(NOTES)
            if text.strip():
                table.upsert({"record": record_id, "text": text, "updated": time.strftime("%Y-%m-%d %H:%M")}, Query().record == record_id)
            else:
                table.remove(Query().record == record_id)
            db.table("drafts").remove(Query().record == record_id)

    def notes(self) -> dict[str, dict]:
        return {item["record"]: item for item in self._read_table(NOTES)}

    # bookmarks -------------------------------------------------------------
    def bookmarks(self) -> list[str]:
        items = sorted(self._read_table(BOOKMARKS), key=lambda i: str(i.get("added", "")))
        return [item["record"] for item in items]

    def is_bookmarked(self, record_id: str) -> bool:
        return record_id in self.bookmarks()

    def toggle_bookmark(self, record_id: str) -> bool:
        """Add or remove a bookmark; returns whether it is now bookmarked."""
        from tinydb import Query

        with self._db() as db:
            table = db.table(BOOKMARKS)
            if table.contains(Query().record == record_id):
                table.remove(Query().record == record_id)
                return False
            table.insert({"record": record_id, "added": time.strftime("%Y-%m-%d %H:%M:%S")})
            return True

    def export(self, names: dict[str, str], fmt: str = "markdown") -> str:
        """Notes and bookmarks; a record missing from the data is shown as missing."""
        notes = self.notes()
        marks = self.bookmarks()
        if fmt == "json":
            return json.dumps({
                "bookmarks": [{"record": r, "name": names.get(r), "missing": r not in names} for r in marks],
                "notes": [{"record": r, "name": names.get(r), "missing": r not in names, "text": n.get("text", ""), "updated": n.get("updated")} for r, n in notes.items()],
            }, ensure_ascii=False, indent=2) + "\n"
        label = lambda r: f"{names[r]} [{r}]" if r in names else f"{r} (record no longer in the data)"  # noqa: E731
        out = ["# Bookmarks", ""] + [f"- {label(r)}" for r in marks] + ["", "# Notes", ""]
        for record_id, item in notes.items():
            out += [f"## {label(record_id)}", f"*{dates.display(item.get('updated', ''))}*", "", item.get("text", ""), ""]
        return "\n".join(out) + "\n"

    # drafts: the unsaved text of the note editor, kept when it is closed or the app is stopped
    def save_draft(self, record_id: str, text: str) -> None:
        from tinydb import Query

        with self._db() as db:
            db.table("drafts").upsert({"record": record_id, "text": text, "updated": time.strftime("%Y-%m-%d %H:%M")}, Query().record == record_id)

    def draft(self, record_id: str) -> str | None:
        for item in self._read_table("drafts"):
            if item.get("record") == record_id:
                return item.get("text", "")
        return None

    def discard_draft(self, record_id: str) -> None:
        from tinydb import Query

        with self._db() as db:
            db.table("drafts").remove(Query().record == record_id)

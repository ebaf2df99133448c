"""Personal notes and bookmarks, kept apart from the compiled store and never lost.

They live in a TinyDB file in the user data folder, keyed by record id (never by
TinyDB document ids, which a rebuild would not preserve). Every change is a
locked read-modify-write whose write goes to a temporary file, is fsynced and
moved into place, so two running ssrtui instances and a kill -9 mid-write lose
nothing. A corrupt file is moved aside with a message and the last good copy
(``.bak``, refreshed after every successful write) is restored.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .paths import user_data_dir

NOTES = "notes"
BOOKMARKS = "bookmarks"


class _AtomicJSONStorage:
    """A TinyDB storage that reads leniently and writes atomically."""

    def __init__(self, path: str):
        self.path = Path(path)

    def read(self):
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a TinyDB document")
        return data

    def write(self, data) -> None:
        payload = json.dumps(data, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def close(self) -> None:
        pass


class NotesStore:
    """Notes (one per record) and bookmarks, safe across processes."""

    def __init__(self, path: Path):
        self.path = path
        self.backup = path.with_suffix(path.suffix + ".bak")
        self.lock_path = path.with_suffix(path.suffix + ".lock")
        self.messages: list[str] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._recover_if_corrupt()

    @classmethod
    def default(cls) -> "NotesStore":
        return cls(user_data_dir() / "notes.json")

    @contextmanager
    def _locked(self):
        with open(self.lock_path, "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _recover_if_corrupt(self) -> None:
        try:
            _AtomicJSONStorage(str(self.path)).read()
            return
        except (ValueError, UnicodeDecodeError):
            pass
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.path, aside)
        message = f"notes file was damaged and moved to {aside}"
        try:
            if self.backup.exists():
                _AtomicJSONStorage(str(self.backup)).read()
                shutil.copyfile(self.backup, self.path)
                message += "; restored the last good copy"
        except (ValueError, UnicodeDecodeError):
            message += "; no good copy to restore"
        self.messages.append(message)

    @contextmanager
    def _db(self):
        """A TinyDB over the file, held under the lock for one read-modify-write."""
        from tinydb import TinyDB

        with self._locked():
            self._recover_if_corrupt()
            db = TinyDB(str(self.path), storage=_AtomicJSONStorage)
            try:
                yield db
            finally:
                db.close()
            if self.path.exists():
                shutil.copyfile(self.path, self.backup)

    def _read_table(self, name: str) -> list[dict]:
        with self._locked():
            try:
                data = _AtomicJSONStorage(str(self.path)).read() or {}
            except (ValueError, UnicodeDecodeError):
                return []
        return list((data.get(name) or {}).values())

    # notes -----------------------------------------------------------------
    def note(self, record_id: str) -> str:
        for item in self._read_table(NOTES):
            if item.get("record") == record_id:
                return item.get("text", "")
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
        return {item["record"]: item for item in self._read_table(NOTES) if "record" in item}

    # bookmarks -------------------------------------------------------------
    def bookmarks(self) -> list[str]:
        items = sorted(self._read_table(BOOKMARKS), key=lambda i: i.get("added", ""))
        return [item["record"] for item in items if "record" in item]

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
        label = lambda r: f"{names[r]} [{r}]" if r in names else f"{r} (missing from the data)"  # noqa: E731
        out = ["# Bookmarks", ""] + [f"- {label(r)}" for r in marks] + ["", "# Notes", ""]
        for record_id, item in notes.items():
            out += [f"## {label(record_id)}", f"*{item.get('updated', '')}*", "", item.get("text", ""), ""]
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

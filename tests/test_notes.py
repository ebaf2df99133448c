"""Notes and bookmarks survive concurrent writers, kill -9, corruption and data changes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

from ssrtui.cli import main
from ssrtui.notes import NotesStore


def test_notes_and_bookmarks_keyed_by_record_id(tmp_path):
    store = NotesStore(tmp_path / "notes.json")
    store.set_note("cnrss", "first")
    store.set_note("moi", "second")
    store.set_note("cnrss", "edited")
    assert store.note("cnrss") == "edited" and store.note("moi") == "second"
    assert store.toggle_bookmark("cnrss") is True
    assert store.toggle_bookmark("moi") is True
    assert store.toggle_bookmark("cnrss") is False
    assert store.bookmarks() == ["moi"]
    raw = json.loads((tmp_path / "notes.json").read_text())
    assert {doc["record"] for doc in raw["notes"].values()} == {"cnrss", "moi"}
    store.set_note("moi", "  ")
    assert store.note("moi") == ""


def test_rebuilding_the_compiled_store_never_touches_notes(tmp_path, small_data, monkeypatch):
    from ssrtui import store as compiled

    notes = NotesStore.default()
    notes.set_note("eucap", "keep me")
    compiled.build([small_data])
    compiled.open_dataset([small_data], force=True)
    assert NotesStore.default().note("eucap") == "keep me"
    assert not str(notes.path).startswith(str(compiled.store_path([small_data]).parent))


def test_corrupt_notes_file_is_moved_aside_and_last_good_copy_restored(tmp_path):
    path = tmp_path / "notes.json"
    store = NotesStore(path)
    store.set_note("cnrss", "precious")
    store.toggle_bookmark("moi")
    path.write_text('{"notes": {"1": {"record": "cnr', encoding="utf-8")  # torn write
    again = NotesStore(path)
    assert again.messages and "moved to" in again.messages[0] and "restored the last good copy" in again.messages[0]
    assert again.note("cnrss") == "precious" and again.bookmarks() == ["moi"]
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and "cnr" in aside[0].read_text()


def test_garbage_without_backup_starts_empty_but_keeps_the_garbage(tmp_path):
    path = tmp_path / "notes.json"
    path.write_bytes(b"\xff\xfe not json")
    store = NotesStore(path)
    assert "no good copy" in store.messages[0] or "moved to" in store.messages[0]
    store.set_note("x", "new")
    assert store.note("x") == "new"
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())


def _writer(path: str, prefix: str, count: int) -> None:
    store = NotesStore(__import__("pathlib").Path(path))
    for i in range(count):
        store.set_note(f"{prefix}-{i}", f"note {i} from {prefix}")
        store.toggle_bookmark(f"{prefix}-{i}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "notes.json")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(path, name, 40)) for name in ("a", "b", "c")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    store = NotesStore(tmp_path / "notes.json")
    assert len(store.notes()) == 120
    assert len(store.bookmarks()) == 120
    assert store.note("b-39") == "note 39 from b"


def test_kill_9_during_writes_loses_no_committed_note(tmp_path):
    """A writer is killed at random points; every note it reported saved is still readable."""
    path = tmp_path / "notes.json"
    log = tmp_path / "saved.log"
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from ssrtui.notes import NotesStore
        store = NotesStore(Path({str(path)!r}))
        with open({str(log)!r}, "a") as log:
            for i in range(100000):
                store.set_note(f"rec-{{i}}", "x" * 2000 + str(i))
                log.write(f"rec-{{i}}\\n")
                log.flush()
    """)
    for round_ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", script])
        time.sleep(0.4 + 0.13 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        store = NotesStore(path)
        assert store.messages == [], store.messages  # never torn
        saved = log.read_text().split()
        notes = store.notes()
        assert saved and all(record in notes for record in saved)
        assert all(notes[r]["text"].startswith("x" * 2000) for r in saved)


def test_notes_export_marks_missing_records(tmp_path, small_data, capsys):
    store = NotesStore.default()
    store.toggle_bookmark("eucap")
    store.toggle_bookmark("vanished-record")
    store.set_note("vanished-record", "still mine")
    code = main(["notes", "export", "--data", str(small_data)])
    out = capsys.readouterr().out
    assert code == 0
    assert "- EUCAP Sahel Mali [eucap]" in out
    assert "vanished-record (missing from the data)" in out and "still mine" in out
    code = main(["notes", "export", "--format", "json", "--data", str(small_data)])
    data = json.loads(capsys.readouterr().out)
    assert {"record": "vanished-record", "name": None, "missing": True} in data["bookmarks"]

"""Notes and bookmarks survive concurrent writers, kill -9, corruption and data changes."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

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
    assert "moved to" in store.messages[0] and "no good copy to restore" in store.messages[0]
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
    assert "vanished-record (record no longer in the data)" in out and "still mine" in out
    code = main(["notes", "export", "--format", "json", "--data", str(small_data)])
    data = json.loads(capsys.readouterr().out)
    assert {"record": "vanished-record", "name": None, "missing": True} in data["bookmarks"]


# Hostile and broken notes files (issue #9) ------------------------------------------------------

WRONG_SHAPES = ["[]", '"notes"', "null", '{"notes": []}', '{"notes": {"1": "x"}}', '{"notes": {"1": {"record": 1, "text": "x"}}}',
                '{"bookmarks": {"1": {"no-record": 1}}}', '{"bookmarks": [["moi"]]}', "", "[" * 100000]


def _notes_export(data: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ssrtui", "notes", "export", "--data", str(data)],
                          capture_output=True, text=True, timeout=60, env=env)


def _corrupt_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


@pytest.mark.parametrize("shape", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_notes_file_of_the_wrong_shape_is_moved_aside_and_the_backup_restored(tmp_path, shape):
    path = tmp_path / "notes.json"
    NotesStore(path).set_note("cnrss", "precious")
    path.write_text(shape, encoding="utf-8")
    again = NotesStore(path)
    assert len(again.messages) == 1 and "restored the last good copy" in again.messages[0]
    assert again.note("cnrss") == "precious" and again.notes().keys() == {"cnrss"} and again.bookmarks() == []
    assert [p.read_text() for p in _corrupt_aside(tmp_path)] == [shape]


def test_notes_export_moves_a_wrong_shape_aside_instead_of_crashing(tmp_path, small_data):
    folder = tmp_path / "share" / "ssrtui"
    folder.mkdir(parents=True)
    (folder / "notes.json").write_text('{"notes": {"1": "x"}}')
    done = _notes_export(small_data)
    assert done.returncode == 0, done.stderr
    assert "moved to" in done.stderr and "no good copy to restore" in done.stderr and "Traceback" not in done.stderr
    assert "# Notes" in done.stdout
    assert [p.read_text() for p in _corrupt_aside(folder)] == ['{"notes": {"1": "x"}}']


def test_two_corruptions_in_the_same_second_keep_both_files(tmp_path, monkeypatch):
    monkeypatch.setattr(time, "strftime", lambda fmt, *args: "20260101-120000")
    path = tmp_path / "notes.json"
    path.write_text("first garbage")
    NotesStore(path)
    path.write_text("second garbage")
    NotesStore(path)
    assert sorted(p.read_text() for p in _corrupt_aside(tmp_path)) == ["first garbage", "second garbage"]


def test_symlinked_notes_files_are_replaced_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    folder = tmp_path / "ssrtui"
    folder.mkdir()
    (folder / "notes.json.bak").symlink_to(victim)
    (folder / "notes.json").symlink_to(victim)  # not notes: moved aside (the link itself)
    store = NotesStore(folder / "notes.json")
    store.set_note("cnrss", "mine")
    assert victim.read_text() == "do not touch"
    for name in ("notes.json", "notes.json.bak"):
        assert not (folder / name).is_symlink()
        assert json.loads((folder / name).read_text())["notes"]["1"]["text"] == "mine"


def test_every_notes_file_is_private_and_the_folder_created_0700(tmp_path):
    folder = tmp_path / "share" / "ssrtui"
    store = NotesStore(folder / "notes.json")
    store.set_note("cnrss", "private")
    (folder / "notes.json").unlink()
    (folder / "notes.json").write_text("garbage")  # a new file: 0644 under the usual umask
    NotesStore(folder / "notes.json").toggle_bookmark("moi")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert {p.name.split(".corrupt-")[0] for p in files} == {"notes.json", "notes.json.bak", "notes.json.lock"}
    assert len(files) == 4 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files), [(p.name, oct(p.stat().st_mode)) for p in files]


def test_a_world_readable_backup_from_an_older_version_is_made_private(tmp_path):
    path = tmp_path / "notes.json"
    NotesStore(path).set_note("cnrss", "private")
    (tmp_path / "notes.json.bak").chmod(0o644)
    NotesStore(path)
    assert stat.S_IMODE((tmp_path / "notes.json.bak").stat().st_mode) == 0o600


def test_a_dangling_lock_symlink_does_not_create_its_target(tmp_path):
    target = tmp_path / "elsewhere.txt"
    (tmp_path / "notes.json.lock").symlink_to(target)
    store = NotesStore(tmp_path / "notes.json")
    store.set_note("cnrss", "x")
    assert not target.exists() and not os.path.lexists(target)
    lock = tmp_path / "notes.json.lock"
    assert not lock.is_symlink() and lock.is_file() and stat.S_IMODE(lock.stat().st_mode) == 0o600


def _one_line_naming(err: Exception, path: Path) -> str:
    text = str(err)
    assert "\n" not in text and str(path) in text, text
    return text


def test_notes_path_that_is_a_folder_raises_one_notes_error(tmp_path):
    from ssrtui.notes import NotesError

    path = tmp_path / "notes.json"
    path.mkdir()
    with pytest.raises(NotesError) as failed:
        NotesStore(path).notes()
    assert "cannot read notes from" in _one_line_naming(failed.value, path)
    assert isinstance(failed.value, OSError) and path.is_dir()


def test_notes_folder_under_a_regular_file_raises_one_notes_error(tmp_path):
    from ssrtui.notes import NotesError

    (tmp_path / "file").write_text("not a folder")
    path = tmp_path / "file" / "ssrtui" / "notes.json"
    with pytest.raises(NotesError) as failed:
        NotesStore(path)
    _one_line_naming(failed.value, path.parent)


def test_disk_full_raises_one_notes_error_and_keeps_the_previous_notes(tmp_path, monkeypatch):
    from ssrtui.notes import NotesError

    path = tmp_path / "notes.json"
    store = NotesStore(path)
    store.set_note("cnrss", "saved before the disk filled")
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(NotesError) as failed:
        store.set_note("moi", "lost? no: refused")
    assert "cannot save notes to" in _one_line_naming(failed.value, path)
    monkeypatch.undo()
    assert path.read_bytes() == before and NotesStore(path).note("cnrss") == "saved before the disk filled"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder; the root-proof cases are the tests above")
def test_read_only_notes_folder_raises_one_notes_error(tmp_path):
    """Only meaningful when not root: a chmod 0500 folder does not stop root from writing."""
    from ssrtui.notes import NotesError

    path = tmp_path / "ro" / "notes.json"
    NotesStore(path).set_note("cnrss", "kept")
    path.parent.chmod(0o500)
    try:
        with pytest.raises(NotesError) as failed:
            NotesStore(path).set_note("moi", "refused")
        _one_line_naming(failed.value, path.parent)
    finally:
        path.parent.chmod(0o700)
    assert NotesStore(path).notes().keys() == {"cnrss"}


def _broken_locations(tmp_path: Path) -> dict[str, dict]:
    """Environments where the notes cannot be used, as root too."""
    folder_notes = tmp_path / "folder-notes"
    (folder_notes / "ssrtui" / "notes.json").mkdir(parents=True)
    (tmp_path / "a-file").write_text("x")
    return {
        "notes path is a folder": {"XDG_DATA_HOME": str(folder_notes)},
        "XDG_DATA_HOME inside a file": {"XDG_DATA_HOME": str(tmp_path / "a-file" / "share")},
        "XDG_DATA_HOME is a file": {"XDG_DATA_HOME": str(tmp_path / "a-file")},
    }


def test_notes_export_in_a_broken_location_says_one_line_and_exits_2(tmp_path, small_data):
    for case, env in _broken_locations(tmp_path).items():
        done = _notes_export(small_data, env={**os.environ, **env})
        assert done.returncode == 2, (case, done.stderr)
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, (case, done.stderr)
        assert done.stderr.startswith("ssrtui: cannot ") and env["XDG_DATA_HOME"] in done.stderr, (case, done.stderr)


def test_notes_export_on_a_full_disk_says_one_line_and_exits_2(tmp_path, small_data):
    """Restoring the backup over a damaged file hits ENOSPC: one line, exit 2, the backup kept."""
    folder = tmp_path / "share" / "ssrtui"
    NotesStore(folder / "notes.json").set_note("eucap", "mine")
    (folder / "notes.json").write_text("garbage")
    script = textwrap.dedent(f"""
        import errno, os, sys
        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync = full
        from ssrtui.cli import main
        sys.exit(main(["notes", "export", "--data", {str(small_data)!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("ssrtui: cannot save notes to ") and str(folder / "notes.json") in done.stderr
    assert NotesStore(folder / "notes.json").note("eucap") == "mine"


def test_notes_export_without_any_user_folder_says_one_line_and_exits_2(tmp_path, small_data):
    """An empty HOME and no XDG_DATA_HOME: nowhere to keep notes, said in one line, nothing written."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = ""
    done = _notes_export(small_data, env=env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("ssrtui: cannot keep notes: ")
    assert not Path("/.local/share/ssrtui").exists()

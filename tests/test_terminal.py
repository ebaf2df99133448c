"""Terminals of every kind: no TTY, TERM=dumb, NO_COLOR, signals, crashes."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import time
import uuid

import pytest

from test_e2e_tmux import EXE, built_cache, new_session, session, tmux, wait_for  # noqa: F401  (fixtures)
from tui_helpers import make_app


def run_in_pty(args: list[str], env: dict) -> tuple[int, str]:
    """Run with a real pseudo-terminal on stdin/stdout; return (exit code, output)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    output = b""
    try:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        code = proc.wait(timeout=20)
        os.close(leader)
    return code, output.decode("utf-8", "replace")


def test_term_dumb_is_refused_cleanly(tmp_path):
    env = {**os.environ, "TERM": "dumb", "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    code, output = run_in_pty([str(EXE)], env)
    assert code == 4
    assert output.strip() == "ssrtui: TERM=dumb cannot show the interface (try: ssrtui search QUERY)"


def test_piped_stdin_is_refused_without_hanging(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    done = subprocess.run([str(EXE)], input="q\n", capture_output=True, text=True, timeout=20, env=env)
    assert done.returncode == 4 and "interactive terminal" in done.stderr and "Traceback" not in done.stderr


def _pid_of(marker: str) -> int:
    """The interpreter running ssrtui whose environment mentions ``marker`` (its own XDG folder)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                argv = handle.read().split(b"\0")
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:
            continue
        if str(EXE).encode() in argv and marker.encode() in environ:
            return int(entry)
    raise AssertionError(f"no ssrtui process for {marker}")


@pytest.mark.parametrize("sig, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_signals_restore_terminal_and_keep_notes(session, tmp_path, sig, code):  # noqa: F811
    wait_for(session, "EUCAP Sahel Mali")
    tmux("send-keys", "-t", session, "b")
    wait_for(session, "Bookmarked")
    pid = _pid_of(str(tmp_path / "share"))
    os.kill(pid, getattr(__import__("signal"), sig))
    screen = wait_for(session, f"SSRTUI-EXITED {code}")
    assert "Missions" not in screen  # the alternate screen is gone: the terminal is restored
    notes = json.loads((tmp_path / "share" / "ssrtui" / "notes.json").read_text())
    assert [b["record"] for b in notes["bookmarks"].values()] == ["afisma"]


@pytest.mark.parametrize("sig, code", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGQUIT", 131)])
def test_signals_keep_the_open_note_as_a_draft_and_restore_the_terminal(session, tmp_path, sig, code):  # noqa: F811
    wait_for(session, "EUCAP Sahel Mali")
    tmux("send-keys", "-t", session, "n")
    wait_for(session, "Esc keeps a draft")
    tmux("send-keys", "-t", session, "-l", "typed before the stop")
    wait_for(session, "typed before the stop")
    os.kill(_pid_of(str(tmp_path / "share")), getattr(__import__("signal"), sig))
    screen = wait_for(session, f"SSRTUI-EXITED {code}")
    assert "Missions" not in screen and "Traceback" not in screen  # the terminal is restored
    assert "\x1b" not in tmux("capture-pane", "-p", "-e", "-t", session).split("SSRTUI-EXITED")[1]
    notes = json.loads((tmp_path / "share" / "ssrtui" / "notes.json").read_text())
    assert [(d["record"], d["text"]) for d in notes["drafts"].values()] == [("afisma", "typed before the stop")]
    assert not notes.get("notes")


def test_no_color_gives_a_monochrome_screen(tmp_path, built_cache):
    name = f"ssrtui-nc-{uuid.uuid4().hex[:8]}"
    shutil.copytree(built_cache, tmp_path / "c")
    command = (
        f"env -u COLUMNS -u LINES NO_COLOR=1 TERM=xterm-256color XDG_CACHE_HOME={tmp_path}/c "
        f"XDG_DATA_HOME={tmp_path}/d {EXE}; sleep 30"
    )
    new_session(name, command, 120, 40)
    try:
        wait_for(name, "EUCAP Sahel Mali")
        time.sleep(0.5)
        raw = tmux("capture-pane", "-p", "-e", "-t", name)
        colours = re.findall(r"\x1b\[[0-9;]*?(?:38|48);2;(\d+);(\d+);(\d+)", raw)
        assert all(r == g == b for r, g, b in colours), set(colours) - {c for c in colours if c[0] == c[1] == c[2]}
        assert not re.search(r"\x1b\[[0-9;]*(?:38|48);5;(?!(?:0|7|8|15|16|23[2-9]|24[0-9]|25[0-5])m)\d+", raw)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


async def test_unexpected_error_exits_cleanly_without_record_text(tmp_path, monkeypatch, capsys):
    from ssrtui.notes import NotesStore
    from ssrtui.tui.app import UnexpectedError
    from ssrtui.tui.record_detail import RecordDetail

    secret = "TOP-SECRET-NOTE-TEXT"
    app = make_app(tmp_path)
    app.notes = NotesStore(tmp_path / "notes.json")
    app.notes.set_note("eucap-sahel-mali", secret)

    def explode(self, *args, **kwargs):
        raise RuntimeError(f"boom while showing {secret} and EUCAP Sahel Mali")

    with pytest.raises(UnexpectedError) as raised:  # Pilot re-raises what ended the app
        async with app.run_test(size=(120, 40)) as pilot:
            await app.ready.wait()
            await pilot.pause()
            monkeypatch.setattr(RecordDetail, "show", explode)
            await pilot.press("j")
            await pilot.pause()
    assert isinstance(raised.value.__cause__, RuntimeError)
    assert app.return_code == 70  # README: 70 is an unexpected internal error
    printed = capsys.readouterr().err
    log_path = tmp_path / "share" / "ssrtui" / "crash.log"
    assert printed == f"ssrtui: unexpected error (RuntimeError); your notes are saved. Details: {log_path}\n"
    assert secret not in printed and "EUCAP" not in printed
    log = (tmp_path / "share" / "ssrtui" / "crash.log").read_text()
    assert "RuntimeError" in log and secret not in log and "EUCAP" not in log
    assert NotesStore(tmp_path / "notes.json").note("eucap-sahel-mali") == secret


def test_cli_internal_error_prints_no_traceback(capsys, monkeypatch, small_data, tmp_path):
    from ssrtui import cli

    def explode(args):
        raise KeyError("EUCAP Sahel Mali secret text")

    monkeypatch.setitem(cli.COMMANDS, "search", explode)
    code = cli.main(["search", "x", "--data", str(small_data)])
    err = capsys.readouterr().err
    log = tmp_path / "share" / "ssrtui" / "crash.log"
    assert code == 70 and err == f"ssrtui: internal error (KeyError); please report it with {log}\n"

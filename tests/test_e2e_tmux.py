"""End to end: the installed `ssrtui` in a real terminal (tmux), searched, opened and quit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("ssrtui")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20).stdout


def new_session(name: str, command: str, width: int = 140, height: int = 42) -> None:
    """Start a detached tmux session; retried, as a tmux server that is just exiting refuses it."""
    for attempt in range(5):
        done = subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command],
                              capture_output=True, text=True, timeout=20)
        if done.returncode == 0:
            return
        time.sleep(0.3 * (attempt + 1))
    raise AssertionError(f"tmux would not start a session: {done.stderr.strip()}")


def wait_for(session: str, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if needle in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared; screen was:\n{screen}")


def start(tmp_path, width: int = 140, height: int = 42) -> str:
    """The installed ssrtui in a new tmux session of that size, with its own cache and data folders."""
    assert shutil.which("tmux"), "tmux is required for the end-to-end test (.ci/run installs it)"
    assert EXE.exists(), f"ssrtui is not installed next to {sys.executable}"
    name = f"ssrtui-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "TERM": "xterm-256color",
    }
    # COLUMNS/LINES from the test runner would pin the app to 80x24; the real terminal decides.
    command = "env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items()) + f" {EXE}; echo SSRTUI-EXITED $?; sleep 30"
    new_session(name, command, width, height)
    return name


@pytest.fixture
def session(tmp_path):
    name = start(tmp_path)
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


@pytest.fixture
def small_session(tmp_path):
    """A laptop's default terminal: 80x24."""
    name = start(tmp_path, 80, 24)
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


def test_search_open_record_and_quit(session):
    wait_for(session, "records")
    screen = wait_for(session, "EUCAP Sahel Mali")
    assert "Missions" in screen and "Timeline" in screen
    tmux("send-keys", "-t", session, "C-p")
    time.sleep(0.5)
    tmux("send-keys", "-t", session, "-l", "gendarmery")
    wait_for(session, "National Gendarmerie")
    tmux("send-keys", "-t", session, "Enter")
    screen = wait_for(session, "Under authority of")
    assert "Ministry of Internal Security and Civil Protection" in screen
    assert "4,000" in screen
    tmux("send-keys", "-t", session, "Enter")  # follow the first link: the ministry
    screen = wait_for(session, "Has authority over")
    assert "National Gendarmerie › Ministry of Internal Security" in screen
    tmux("send-keys", "-t", session, "Escape")
    wait_for(session, "Under authority of")
    tmux("send-keys", "-t", session, "q")
    screen = wait_for(session, "SSRTUI-EXITED 0")
    assert "Traceback" not in screen


def test_field_task_at_80x24(small_session):
    """Ask who leads EUCAP from the palette, open it, drill into the head of mission, come back, quit."""
    session = small_session
    wait_for(session, "records")
    tmux("send-keys", "-t", session, "C-p")
    time.sleep(0.5)
    tmux("send-keys", "-t", session, "-l", "who leads eucap")
    screen = wait_for(session, "led by Peter Grabow Kolding")
    assert "Source:" in screen
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, "Led by")
    tmux("send-keys", "-t", session, "Enter")  # the first link: the current head of mission
    screen = wait_for(session, "EUCAP Sahel Mali › Peter Grabow Kolding")
    assert "Head of Mission" in screen
    tmux("send-keys", "-t", session, "Escape")
    wait_for(session, "Led by")
    tmux("send-keys", "-t", session, "q")
    screen = wait_for(session, "SSRTUI-EXITED 0")
    assert "Traceback" not in screen


def test_q_right_at_launch_quits_cleanly(tmp_path):
    """q while the tabs' panes are still mounting quits with 0 (it used to crash every time)."""
    for attempt in range(3):
        name = f"ssrtui-q-{uuid.uuid4().hex[:8]}"
        command = (f"env -u COLUMNS -u LINES XDG_CACHE_HOME={tmp_path}/c XDG_DATA_HOME={tmp_path}/d "
                   f"TERM=xterm-256color {EXE}; echo SSRTUI-EXITED $?; sleep 30")
        new_session(name, command)
        try:
            tmux("send-keys", "-t", name, "q")
            screen = wait_for(name, "SSRTUI-EXITED")
            assert "SSRTUI-EXITED 0" in screen and "unexpected error" not in screen, screen
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)

"""End to end: the installed `ssrtui` in a real terminal (tmux), searched, opened and quit."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def built_cache(tmp_path_factory) -> Path:
    """A cache folder holding the bundled data's store and search index, built once (per test worker)
    by the installed ssrtui; the sessions below start from a copy, as a user's second launch does."""
    assert EXE.exists(), f"ssrtui is not installed next to {sys.executable}"
    root = tmp_path_factory.mktemp("built")
    env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "XDG_DATA_HOME": str(root / "share")}
    subprocess.run([str(EXE), "search", "gendarmerie"], env=env, capture_output=True, timeout=60, check=True)
    return root / "cache"


def start(tmp_path, width: int = 140, height: int = 42, cache: Path | None = None) -> str:
    """The installed ssrtui in a new tmux session of that size, with its own cache and data folders
    (the cache a copy of ``cache`` when given: the store is then not rebuilt at launch)."""
    assert shutil.which("tmux"), "tmux is required for the end-to-end test (.ci/run installs it)"
    assert EXE.exists(), f"ssrtui is not installed next to {sys.executable}"
    if cache is not None:
        shutil.copytree(cache, tmp_path / "cache")
    name = f"ssrtui-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }
    # COLUMNS/LINES from the test runner would pin the app to 80x24; the real terminal decides.
    command = "env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items()) + f" {EXE}; echo SSRTUI-EXITED $?; sleep 30"
    new_session(name, command, width, height)
    return name


@pytest.fixture
def session(tmp_path, built_cache):
    name = start(tmp_path, cache=built_cache)
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


@pytest.fixture
def small_session(tmp_path, built_cache):
    """A laptop's default terminal: 80x24."""
    name = start(tmp_path, 80, 24, cache=built_cache)
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


def palette_drill_and_back(session: str, query: str, hit: str, opened: str, crumb: str) -> tuple[str, str, str]:
    """A field task: search from ctrl+p, open the hit, follow its first link, come back, quit.
    Returns the screens of the palette, the opened record and the linked record, for the caller's checks."""
    wait_for(session, "records")
    tmux("send-keys", "-t", session, "C-p")
    wait_for(session, "Donors × sectors")  # the palette is open: it lists the app's commands (the donor map's)
    tmux("send-keys", "-t", session, "-l", query)
    palette = wait_for(session, hit)
    tmux("send-keys", "-t", session, "Enter")
    record = wait_for(session, opened)
    tmux("send-keys", "-t", session, "Enter")  # follow the first link
    linked = wait_for(session, crumb)
    tmux("send-keys", "-t", session, "Escape")
    wait_for(session, opened)
    tmux("send-keys", "-t", session, "q")
    assert "Traceback" not in wait_for(session, "SSRTUI-EXITED 0")
    return palette, record, linked


def test_search_open_record_and_quit(session):
    screen = wait_for(session, "EUCAP Sahel Mali")
    assert "Missions" in screen and "Timeline" in screen
    _, record, linked = palette_drill_and_back(session, "gendarmery", "National Gendarmerie", "Under authority of",
                                               "National Gendarmerie › Ministry of Internal Security")
    assert "Ministry of Internal Security and Civil Protection" in record and "4,000" in record
    assert "Has authority over" in linked


def test_field_task_at_80x24(small_session):
    """Ask who leads EUCAP from the palette (the answer line names the head), open the mission, drill into
    the head of mission, come back, quit: at a laptop's default 80x24."""
    palette, _, linked = palette_drill_and_back(small_session, "who leads eucap", "led by Peter Grabow Kolding",
                                                "Led by", "EUCAP Sahel Mali › Peter Grabow Kolding")
    assert "Source:" in palette and "Head of Mission" in linked


def test_q_right_at_launch_quits_cleanly(tmp_path):
    """q while the tabs' panes are still mounting quits with 0 (it used to crash every time)."""
    for attempt in range(3):
        name = f"ssrtui-q-{uuid.uuid4().hex[:8]}"
        command = (f"env -u COLUMNS -u LINES XDG_CACHE_HOME={tmp_path}/c XDG_DATA_HOME={tmp_path}/d XDG_CONFIG_HOME={tmp_path}/cfg "
                   f"TERM=xterm-256color {EXE}; echo SSRTUI-EXITED $?; sleep 30")
        new_session(name, command)
        try:
            tmux("send-keys", "-t", name, "q")
            screen = wait_for(name, "SSRTUI-EXITED")
            assert "SSRTUI-EXITED 0" in screen and "unexpected error" not in screen, screen
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)


def test_keys_typed_at_launch_are_not_lost(tmp_path):
    """Keys sent the moment the app is launched, before it has drawn anything, act once the tabs are
    filled: a tab and End (issue #12: they were lost), then a palette search typed at launch shows
    its hits (it stayed on "No matches")."""
    name = start(tmp_path / "end", 80, 24)
    try:
        tmux("send-keys", "-t", name, "-l", "3G")
        screen = wait_for(name, "Donor · united-states")  # the last donor is the one shown
        assert "Tip:" in screen
        tmux("send-keys", "-t", name, "q")
        wait_for(name, "SSRTUI-EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)
    name = start(tmp_path / "palette", 80, 24)
    try:
        tmux("send-keys", "-t", name, "C-p")
        tmux("send-keys", "-t", name, "-l", "eucap")
        screen = wait_for(name, "led by Peter Grabow Kolding")
        assert "No matches" not in screen
        tmux("send-keys", "-t", name, "Enter")
        assert "→ Peter Grabow Kolding" in wait_for(name, "Led by")  # the mission opened at its links
        tmux("send-keys", "-t", name, "q")
        wait_for(name, "SSRTUI-EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)

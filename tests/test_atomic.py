"""The one crash-safe writer: a regular file is replaced whole (its mode kept), a FIFO or a
character device is written through, a symlink is followed to its target (or replaced, for the
files ssrtui owns), other targets are refused, and temps left by a killed writer are removed."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from ssrtui import atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _read_fifo_in_thread(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:  # blocks until a writer opens the FIFO
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, received


def _character_device(tmp_path: Path) -> Path:
    """A null device node of our own in tmp_path; /dev/null itself (never altered) if mknod is not allowed."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.close(os.open(node, os.O_WRONLY))
        return node
    except OSError:
        return Path("/dev/null")


def test_new_file_gets_0644_less_umask_or_the_given_mode(tmp_path):
    old = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "export.md", "hello\n")
        atomic.write_text(tmp_path / "private.json", "{}", mode=0o600)
    finally:
        os.umask(old)
    assert (tmp_path / "export.md").read_text() == "hello\n"
    assert stat.S_IMODE((tmp_path / "export.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []


def test_replacing_a_file_keeps_its_permission_bits(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_an_explicit_mode_is_applied_to_an_existing_file(tmp_path):
    target = tmp_path / "notes.json.bak"
    target.write_text("old")
    target.chmod(0o644)
    atomic.write_bytes(target, b"new", mode=0o600)
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real" / "out.json"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_a_symlink_is_replaced_not_followed_when_asked(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    link = tmp_path / "notes.json.bak"
    link.symlink_to(victim)
    atomic.write_text(link, "{}", mode=0o600, follow_symlinks=False)
    assert victim.read_text() == "do not touch"
    assert not link.is_symlink() and link.read_text() == "{}"


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = _read_fifo_in_thread(fifo)
    atomic.write_text(fifo, "through the pipe\n" * 10000)  # more than a pipe buffer
    reader.join(timeout=20)
    assert not reader.is_alive()
    assert received == [("through the pipe\n" * 10000).encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_character_device_is_written_through_not_replaced(tmp_path):
    device = _character_device(tmp_path)
    before = os.lstat(device)
    atomic.write_text(device, "discarded\n")
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert _leftovers(device.parent) == []


def test_a_folder_or_a_socket_is_refused_with_a_reason(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as refused:
        atomic.write_text(folder, "x")
    assert "folder" in refused.value.strerror
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OSError) as refused:
            atomic.write_text(sock_path, "x")
        assert "socket" in refused.value.strerror
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert folder.is_dir() and _leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "notes.json"
    target.write_text("previous")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as failed:
        atomic.write_text(target, "next " * 1000)
    assert failed.value.errno == errno.ENOSPC
    assert target.read_text() == "previous" and _leftovers(tmp_path) == []


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_stale_temp_of_a_dead_writer_is_removed_a_live_one_kept(tmp_path):
    target = tmp_path / "notes.json"
    dead = tmp_path / f".notes.json.{_dead_pid()}.0123abcd.tmp"
    live = tmp_path / f".notes.json.{os.getppid()}.4567cdef.tmp"
    other = tmp_path / f".other.json.{_dead_pid()}.89abcdef.tmp"
    for temp in (dead, live, other):
        temp.write_text("half a write")
    atomic.write_text(target, "whole")
    assert target.read_text() == "whole"
    assert not dead.exists()
    assert live.exists() and other.exists()  # a running writer's temp, another target's temp


def test_a_temp_older_than_a_day_is_removed_whoever_wrote_it(tmp_path):
    target = tmp_path / "notes.json"
    old = tmp_path / f".notes.json.{os.getppid()}.0123abcd.tmp"
    legacy = tmp_path / ".notes.json.k2j_x9qa.tmp"  # named by an older ssrtui (no PID)
    for temp in (old, legacy):
        temp.write_text("half a write")
        two_days_ago = time.time() - 2 * 86400
        os.utime(temp, (two_days_ago, two_days_ago))
    atomic.write_text(target, "whole")
    assert not old.exists() and not legacy.exists()

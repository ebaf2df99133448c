"""`ssrtui export --output PATH` writes through a FIFO, a device or a symlink instead of replacing
it, keeps a file's mode, and refuses a folder or a socket with one line and exit 2."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_dataset
from test_atomic import _character_device, _read_fifo_in_thread


@pytest.fixture
def data(tmp_path) -> Path:
    return write_dataset(tmp_path / "project")


def _export(data: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ssrtui", "export", "--data", str(data), "--output", str(output)],
        capture_output=True, text=True, timeout=60,
    )


def _ids(text: str) -> set[str]:
    return {rec["id"] for rec in json.loads(text)["records"]}


def test_export_into_a_fifo_writes_through_it(tmp_path, data):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = _read_fifo_in_thread(fifo)
    done = _export(data, fifo)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert not reader.is_alive() and "eucap" in _ids(received[0].decode())
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_into_a_character_device_keeps_the_device(tmp_path, data):
    device = _character_device(tmp_path)
    before = os.lstat(device)
    done = _export(data, device)
    assert done.returncode == 0, done.stderr
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_export_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path, data):
    real = tmp_path / "exports" / "records.json"
    real.parent.mkdir()
    real.write_text("[]")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    done = _export(data, link)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "eucap" in _ids(real.read_text())


def test_export_keeps_the_mode_of_the_file_it_replaces(tmp_path, data):
    target = tmp_path / "records.json"
    target.write_text("[]")
    target.chmod(0o640)
    done = _export(data, target)
    assert done.returncode == 0, done.stderr
    assert "eucap" in _ids(target.read_text())
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_export_into_a_folder_or_a_socket_is_refused_in_one_line(tmp_path, data):
    folder = tmp_path / "folder"
    folder.mkdir()
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        for target in (folder, sock_path):
            done = _export(data, target)
            assert done.returncode == 2
            assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
            assert str(target) in done.stderr
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode) and folder.is_dir()

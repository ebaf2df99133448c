"""Hostile input and a hostile machine, through the real command in subprocesses.

Every case runs validate, build, search, show and export (sharing one cache folder) and
checks what a user relies on: the documented exit code, one clear line instead of a traceback,
no escape code reaching the terminal, and nothing written outside the case's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RECORDS, write_dataset

COMMANDS = {
    "validate": ["validate"],
    "build": ["build"],
    "search": ["search", "gendarmerie"],
    "show": ["show", "eucap"],
    "export": ["export", "--format", "csv"],
}
GOOD_RECORD = "- {id: extra, kind: term, name: Extra term}\n"


def _good(tmp: Path) -> Path:
    return write_dataset(tmp / "project")


# Each case: (tmp) -> (data folder, extra environment); with the exit code every command must give.
def symlink_loop_folder(tmp):
    loop = tmp / "loop"
    loop.symlink_to(loop)
    return loop, {}


def symlink_loop_inside(tmp):
    data = _good(tmp)
    (data / "sub").mkdir()
    (data / "sub" / "up").symlink_to(data)
    (data / "sub" / "self").symlink_to(data / "sub" / "self")
    return data, {}


def link_to_the_root_folder(tmp):  # never walks the whole disk
    data = _good(tmp)
    (data / "everything").symlink_to("/")
    return data, {}


def fifo_named_yaml(tmp):
    data = _good(tmp)
    os.mkfifo(data / "pipe.yaml")
    return data, {}


def device_named_yaml(tmp):
    data = _good(tmp)
    (data / "zero.yaml").symlink_to("/dev/zero")
    return data, {}


def folder_named_yaml(tmp):
    data = _good(tmp)
    (data / "more.yaml").mkdir()
    (data / "more.yaml" / "inside.yaml").write_text(GOOD_RECORD)
    return data, {}


def dangling_symlink(tmp):  # an editor's lock file (.#records.yaml) is no data file
    data = _good(tmp)
    (data / ".#records.yaml").symlink_to("nobody@host.1234")
    return data, {}


def nul_bytes(tmp):
    data = _good(tmp)
    (data / "nul.yaml").write_bytes(b"- {id: a, kind: term, name: A\x00B}\n")
    return data, {}


def binary_garbage(tmp):
    data = _good(tmp)
    (data / "garbage.yaml").write_bytes(random.Random(9).randbytes(64 * 1024))
    return data, {}


def lines_100k(tmp):
    data = _good(tmp)
    body = "".join(f"    line {n} of a long description\n" for n in range(100_000))
    (data / "long.yaml").write_text(f"- id: long\n  kind: term\n  name: Long\n  description: |\n{body}")
    return data, {}


def files_10k(tmp):
    data = _good(tmp)
    many = data / "many"
    many.mkdir()
    (many / "00000.yaml").write_bytes(b"# nothing yet\n")
    for n in range(1, 10_000):  # hard links: 10,000 files to read, created in a blink
        os.link(many / "00000.yaml", many / f"{n:05}.yaml")
    return data, {}


def sparse_2gib_yaml(tmp):
    data = _good(tmp)
    os.truncate(os.open(data / "huge.yaml", os.O_CREAT | os.O_WRONLY, 0o644), 2 * 1024 ** 3)
    return data, {}


def sparse_2gib_document(tmp):
    data = _good(tmp)
    os.truncate(tmp / "project" / "seeds" / "doc.txt", 2 * 1024 ** 3)
    return data, {}


def escape_codes_in_file_name(tmp):
    data = _good(tmp)
    (data / "a\x1b]0;pwned\x07.yaml").write_text("- {id: a, kind: force}\n")
    return data, {}


def non_utf8_file_name(tmp):
    data = _good(tmp)
    (data / os.fsdecode(b"\xff\xfe.yaml")).write_text(GOOD_RECORD)
    return data, {}


def integer_5000_digits(tmp):
    data = _good(tmp)
    (data / "big.yaml").write_text("- {id: a, kind: term, name: A, figures: [{label: x, value: " + "9" * 5000 + "}]}\n")
    return data, {}


def figure_310_digits(tmp):
    data = _good(tmp)
    (data / "big.yaml").write_text("- {id: a, kind: term, name: A, figures: [{label: x, value: 1" + "0" * 309 + "}]}\n")
    return data, {}


def control_characters_in_text(tmp):
    data = _good(tmp)
    (data / "ctl.yaml").write_text('- {id: a, kind: term, name: "A\\e]0;pwned\\a"}\n')
    return data, {}


def formula_names(tmp):
    data = write_dataset(tmp / "project", RECORDS + '- {id: f, kind: term, name: "=HYPERLINK(1)"}\n')
    return data, {}


def data_folder_is_a_file(tmp):
    target = tmp / "file.yaml"
    target.write_text(GOOD_RECORD)
    return target, {}


def document_is_a_fifo(tmp):
    data = _good(tmp)
    doc = tmp / "project" / "seeds" / "doc.txt"
    doc.unlink()
    os.mkfifo(doc)
    return data, {}


def cache_folder_is_a_file(tmp):
    (tmp / "cache").mkdir()
    (tmp / "cache" / "ssrtui").write_text("in the way")
    return _good(tmp), {}


def empty_home_no_xdg(tmp):
    return _good(tmp), {"HOME": "", "XDG_CACHE_HOME": None, "XDG_DATA_HOME": None}


def relative_xdg_folders(tmp):
    return _good(tmp), {"HOME": "", "XDG_CACHE_HOME": "cache", "XDG_DATA_HOME": "share"}


def ascii_terminal(tmp):
    data = write_dataset(tmp / "project", RECORDS.replace("name: National Police", "name: Police nationale — Ségou"))
    return data, {"PYTHONIOENCODING": "ascii"}


def unreadable_file(tmp):
    data = _good(tmp)
    (data / "secret.yaml").write_text(GOOD_RECORD)
    (data / "secret.yaml").chmod(0)
    return data, {}


def unreadable_folder(tmp):
    data = _good(tmp)
    (data / "locked").mkdir()
    (data / "locked" / "x.yaml").write_text(GOOD_RECORD)
    (data / "locked").chmod(0)
    return data, {}


AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_READS_ANYTHING = pytest.mark.skipif(AS_ROOT, reason="root reads a chmod 000 file; the FIFO, device and dangling cases cover unreadable files as root")

CASES = [
    (symlink_loop_folder, 1), (symlink_loop_inside, 0), (link_to_the_root_folder, 0), (fifo_named_yaml, 1), (device_named_yaml, 1),
    (folder_named_yaml, 0), (dangling_symlink, 0), (nul_bytes, 1), (binary_garbage, 1), (lines_100k, 0),
    (files_10k, 0), (sparse_2gib_yaml, 1), (sparse_2gib_document, 1), (escape_codes_in_file_name, 1),
    (non_utf8_file_name, 0), (integer_5000_digits, 1), (figure_310_digits, 1),
    (control_characters_in_text, 1), (formula_names, 0), (data_folder_is_a_file, 1),
    (document_is_a_fifo, 1), (cache_folder_is_a_file, 0), (empty_home_no_xdg, 0),
    (relative_xdg_folders, 0), (ascii_terminal, 0),
    pytest.param(unreadable_file, 1, marks=ROOT_READS_ANYTHING),
    pytest.param(unreadable_folder, 1, marks=ROOT_READS_ANYTHING),
]


def _snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every entry below root (outside ``skip``) with its size and modification time, never read."""
    found = {}
    for folder, dirs, names in os.walk(root):
        if Path(folder) == skip:
            dirs[:] = []
            continue
        for name in dirs + names:
            path = os.path.join(folder, name)
            if Path(path) == skip:
                continue
            info = os.lstat(path)
            found[path] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.mark.parametrize("make, expected", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_hostile_input_gives_documented_exit_codes_and_one_line(tmp_path, make, expected):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    data, extra_env = make(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHONIOENCODING"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "share"))
    for key, value in extra_env.items():
        env.pop(key, None) if value is None else env.__setitem__(key, value)
    before = _snapshot(tmp_path, tmp_path / "cache")

    def start(name: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "ssrtui", *COMMANDS[name], "--data", os.fsdecode(data)], cwd=work,
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    # validate and build first, side by side; then the readers of the store the build left, side by side
    results = {}
    for batch in (("validate", "build"), ("search", "show", "export")):
        procs = {name: start(name) for name in batch}
        results.update({name: (*proc.communicate(timeout=30), proc.returncode) for name, proc in procs.items()})
    for name, (out, err, code) in results.items():
        assert code == expected, (name, code, out[-500:], err[-500:])
        assert b"Traceback" not in err and b"internal error" not in err, (name, err[-500:])
        assert b"\x1b" not in out + err and b"\x07" not in out + err, name
        if code:
            assert err.strip(), name  # a failure always says why, on stderr
        assert len(err.splitlines()) <= (2 if code == 0 else 10_000), (name, err[-500:])
    if expected == 0:
        assert b"National Gendarmerie" in results["search"][0] and b"EUCAP Sahel Mali" in results["show"][0]
        assert b"Police nationale \\u2014 S\\xe9gou" in results["show"][0] or extra_env.get("PYTHONIOENCODING") != "ascii"
    after = _snapshot(tmp_path, tmp_path / "cache")
    assert {k: v for k, v in after.items() if before.get(k) != v} == {} and before.keys() <= after.keys()
    # where a store lands when an empty HOME is taken for the root or the working folder
    key = hashlib.sha256(os.fsencode(os.path.realpath(data))).hexdigest()[:16]
    assert not (work / ".cache").exists() and not Path(f"/.cache/ssrtui/store-{key}.json").exists()

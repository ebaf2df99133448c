"""Data packs: build, verify (hostile archives refused), install, the active pack used by commands, list, rollback."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import RECORDS, write_dataset
from ssrtui import packfile, packs
from ssrtui.cli import main
from ssrtui.paths import user_data_dir


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pack(tmp_path, small_data, capsys) -> Path:
    out = tmp_path / "p.ssrpack"
    code, _, err = run(capsys, "pack", "build", "--data", str(small_data), "--output", str(out), "--name", "mali", "--version", "1")
    assert code == 0, err
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rewrite(path: Path, contents: dict[str, bytes], extra=None) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
        if extra:
            extra(zf)


def test_build_holds_data_documents_and_manifest(pack):
    contents = members(pack)
    manifest = json.loads(contents["manifest.json"])
    assert set(contents) == {"manifest.json", "content/data/records.yaml", "content/seeds/doc.txt"}
    assert (manifest["name"], manifest["version"], manifest["records"]) == ("mali", "1", 6)
    assert manifest["counts"]["force"] == 2 and manifest["current_to"] == "2025-01-27"
    assert manifest["schema_version"] == 1 and manifest["built"].endswith("Z")
    assert manifest["sources"] == [{"id": "doc", "name": "Test document", "terms": "terms not stated"}]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(contents[name]).hexdigest() == digest


def test_build_refuses_data_with_problems(capsys, tmp_path):
    data = write_dataset(tmp_path, "- {id: a, kind: force}\n")
    code, _, err = run(capsys, "pack", "build", "--data", str(data), "--output", str(tmp_path / "x.zip"))
    assert code == 1 and "name: missing required field" in err and "no pack written" in err
    assert not (tmp_path / "x.zip").exists()


def test_build_defaults_to_the_bundled_data(capsys, tmp_path):
    out = tmp_path / "bundled.zip"
    code, _, err = run(capsys, "pack", "build", "--output", str(out), "--version", "2026.1")
    assert code == 0, err
    manifest = json.loads(members(out)["manifest.json"])
    assert manifest["records"] > 100 and any(n.startswith("content/seeds/") for n in manifest["files"])


def test_verify_accepts_a_good_pack(capsys, pack):
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 0 and "every checksum holds" in err


def test_verify_names_the_file_whose_checksum_fails(capsys, pack):
    contents = members(pack)
    contents["content/seeds/doc.txt"] += b"tampered"
    rewrite(pack, contents)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "'content/seeds/doc.txt' does not match its checksum" in err


def test_verify_refuses_missing_manifest(capsys, pack):
    contents = members(pack)
    del contents["manifest.json"]
    rewrite(pack, contents)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "no manifest.json" in err


def test_verify_refuses_unlisted_and_missing_members(capsys, pack):
    contents = members(pack)
    rewrite(pack, {**contents, "content/data/extra.yaml": b"[]"})
    assert run(capsys, "pack", "verify", str(pack))[2].count("'content/data/extra.yaml' is not listed") == 1
    del contents["content/data/records.yaml"]
    rewrite(pack, contents)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "'content/data/records.yaml' is listed in manifest.json but missing" in err


def test_verify_refuses_truncated_file(capsys, pack):
    pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "not a zip archive, or truncated" in err


@pytest.mark.parametrize("name, reason", [
    ("/etc/evil", "is an absolute path"),
    ("content/../../evil", "climbs out with '..'"),
    ("C:/evil", "is an absolute path"),
])
def test_verify_refuses_escaping_names(capsys, pack, name, reason):
    rewrite(pack, {**members(pack), name: b"x"})
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and f"member '{name}' {reason}" in err


def test_verify_refuses_symlink_member(capsys, pack):
    def add_link(zf):
        info = zipfile.ZipInfo("content/data/link.yaml")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    rewrite(pack, members(pack), add_link)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "'content/data/link.yaml' is a symbolic link" in err


def test_verify_refuses_duplicate_names(capsys, pack):
    contents = members(pack)

    def dup(zf):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zf.writestr("content/data/records.yaml", b"[]")
    rewrite(pack, contents, dup)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "'content/data/records.yaml' appears twice" in err


def test_verify_refuses_zip_bomb_by_ratio(capsys, pack):
    rewrite(pack, {**members(pack), "content/seeds/bomb.txt": b"\0" * (8 * 1024 * 1024)})
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "'content/seeds/bomb.txt' expands" in err and "zip bomb" in err


def test_verify_refuses_huge_declared_size(capsys, pack, monkeypatch):
    monkeypatch.setattr(packfile, "MAX_MEMBER_BYTES", 2000)
    rewrite(pack, {**members(pack), "content/seeds/big.txt": bytes(range(256)) * 8})
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "member 'content/seeds/big.txt' is 2048 bytes (at most 2000)" in err


def test_verify_refuses_a_header_that_lies_about_size(capsys, pack):
    data = pack.read_bytes()
    with zipfile.ZipFile(pack) as zf:
        info = zf.getinfo("content/seeds/doc.txt")
    # shrink the declared size in the central directory: the member then holds more than it says
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"content/seeds/doc.txt", data.find(b"PK\x01\x02")) + 1)
    patched = bytearray(data)
    patched[central + 24: central + 28] = (info.file_size - 5).to_bytes(4, "little")
    pack.write_bytes(bytes(patched))
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "member 'content/seeds/doc.txt' is " in err  # damaged or not its declared size: refused either way


def test_verify_refuses_too_many_members(capsys, pack, monkeypatch):
    monkeypatch.setattr(packfile, "MAX_MEMBERS", 2)
    code, _, err = run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "3 members (at most 2)" in err


# -- install, active pack, list, rollback -----------------------------------------------------


def build_variant(capsys, tmp_path, version: str, records: str = RECORDS) -> Path:
    data = write_dataset(tmp_path / f"v{version}", records)
    out = tmp_path / f"mali-{version}.zip"
    code, _, err = run(capsys, "pack", "build", "--data", str(data), "--output", str(out), "--name", "mali", "--version", version)
    assert code == 0, err
    return out


RENAMED = RECORDS.replace("name: National Police\n", "name: Police of Mali\n")


def test_install_makes_commands_use_the_pack_and_rollback_restores(capsys, tmp_path):
    v1 = build_variant(capsys, tmp_path, "1")
    v2 = build_variant(capsys, tmp_path, "2", RENAMED)
    assert run(capsys, "show", "police")[0] == 3  # the bundled data has no such record
    code, _, err = run(capsys, "pack", "install", str(v1))
    assert code == 0 and "installed pack mali 1" in err
    code, out, _ = run(capsys, "show", "police", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "National Police"
    assert run(capsys, "pack", "install", str(v2))[0] == 0
    assert json.loads(run(capsys, "show", "police", "--json")[1])[0]["name"] == "Police of Mali"
    listed = json.loads(run(capsys, "pack", "list", "--json")[1])
    assert [(p["version"], p["active"]) for p in listed] == [("1", False), ("2", True)]
    assert listed[1]["current_to"] == "2025-01-27" and listed[1]["installed"]
    assert run(capsys, "pack", "rollback")[0] == 0
    assert json.loads(run(capsys, "show", "police", "--json")[1])[0]["name"] == "National Police"
    assert run(capsys, "pack", "rollback")[2].strip() == "active: the bundled data"
    assert run(capsys, "show", "police")[0] == 3
    code, _, err = run(capsys, "pack", "rollback")
    assert code == 1 and "no earlier pack" in err


def test_data_option_overrides_the_active_pack(capsys, tmp_path):
    assert run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))[0] == 0
    other = write_dataset(tmp_path / "other", RENAMED)
    assert json.loads(run(capsys, "show", "police", "--json", "--data", str(other))[1])[0]["name"] == "Police of Mali"


def test_plain_list_marks_the_active_pack(capsys, tmp_path):
    assert run(capsys, "pack", "list")[2].startswith("no packs installed")
    run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))
    out = run(capsys, "pack", "list")[1]
    assert out.startswith("* mali 1  current to 27 Jan 2025  installed ")


def test_a_pack_that_fails_verification_changes_nothing(capsys, tmp_path):
    good = build_variant(capsys, tmp_path, "1")
    run(capsys, "pack", "install", str(good))
    before = sorted(p.name for p in (user_data_dir() / "packs").iterdir())
    active = (user_data_dir() / "packs" / "active.json").read_bytes()
    bad = build_variant(capsys, tmp_path, "2", RENAMED)
    contents = members(bad)
    contents["content/data/records.yaml"] += b"\n"
    rewrite(bad, contents)
    code, _, err = run(capsys, "pack", "install", str(bad))
    assert code == 1 and "does not match its checksum" in err
    assert sorted(p.name for p in (user_data_dir() / "packs").iterdir()) == before
    assert (user_data_dir() / "packs" / "active.json").read_bytes() == active


def test_a_pack_whose_data_fails_validation_changes_nothing(capsys, tmp_path):
    good = build_variant(capsys, tmp_path, "1")
    contents = members(good)
    manifest = json.loads(contents["manifest.json"])
    broken = b"- {id: a, kind: force}\n"
    contents["content/data/records.yaml"] = broken
    manifest["files"]["content/data/records.yaml"] = hashlib.sha256(broken).hexdigest()
    contents["manifest.json"] = json.dumps(manifest).encode()
    rewrite(good, contents)
    code, _, err = run(capsys, "pack", "install", str(good))
    assert code == 1 and "name: missing required field" in err and "nothing installed" in err
    assert [p.name for p in (user_data_dir() / "packs").iterdir()] == []


def test_notes_survive_install_and_rollback(capsys, tmp_path):
    notes = user_data_dir() / "notes.json"
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_text('{"police": {"note": "mine"}}')
    run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))
    run(capsys, "pack", "rollback")
    assert notes.read_text() == '{"police": {"note": "mine"}}'


def test_reinstalling_different_content_under_the_same_version_is_refused(capsys, tmp_path):
    run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))
    other = write_dataset(tmp_path / "x", RENAMED)
    out = tmp_path / "same-version.zip"
    run(capsys, "pack", "build", "--data", str(other), "--output", str(out), "--name", "mali", "--version", "1")
    code, _, err = run(capsys, "pack", "install", str(out))
    assert code == 1 and "already installed with different content" in err
    assert json.loads(run(capsys, "show", "police", "--json")[1])[0]["name"] == "National Police"


def test_exports_name_the_active_pack(capsys, tmp_path):
    run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))
    out = run(capsys, "export", "--format", "markdown")[1]
    assert out.startswith("# ssrtui export\n\nData: pack mali 1, current to 27 Jan 2025\n\n")
    code, _, err = run(capsys, "export", "--output", str(tmp_path / "e.json"))
    assert code == 0 and err.strip().endswith("(pack mali 1, current to 27 Jan 2025)")
    assert json.loads((tmp_path / "e.json").read_text())["data"] == "pack mali 1, current to 27 Jan 2025"
    code, out, _ = run(capsys, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {row["data"] for row in rows} == {"pack mali 1, current to 27 Jan 2025"}


def test_install_says_what_changed_and_keeps_it_for_whats_new_once(capsys, tmp_path):
    import re

    err = run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))[2]
    assert re.search(r"since the bundled data: \d+ added, \d+ removed, \d+ changed", err)
    code, _, err = run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "2", RENAMED)))
    assert code == 0 and "since pack mali 1: 0 added, 0 removed, 1 changed (ssrtui diff shows them)" in err
    news = packs.whats_new()
    assert (news["name"], news["version"], news["changed"]) == ("mali", "2", [{"id": "police", "fields": ["name"]}])
    assert "name: National Police -> Police of Mali" in news["text"]
    assert packs.whats_new() is None  # shown once


def test_verify_refuses_a_fifo_without_waiting(capsys, tmp_path):
    import os

    fifo = tmp_path / "p.zip"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "pack", "verify", str(fifo))
    assert code == 1 and "not a regular file" in err


def test_build_into_an_unwritable_place_is_exit_2(capsys, small_data, tmp_path):
    code, _, err = run(capsys, "pack", "build", "--data", str(small_data), "--output", str(tmp_path))
    assert code == 2 and "cannot write" in err


def test_an_install_killed_midway_leaves_nothing_that_counts(capsys, tmp_path):
    leftover = user_data_dir() / "packs" / ".install-999999999-1"
    (leftover / "content").mkdir(parents=True)
    run(capsys, "pack", "install", str(build_variant(capsys, tmp_path, "1")))
    assert not leftover.exists()
    assert [p["version"] for p in json.loads(run(capsys, "pack", "list", "--json")[1])] == ["1"]


def test_a_member_that_would_unpack_over_another_is_refused(capsys, tmp_path):
    good = build_variant(capsys, tmp_path, "1")
    contents = members(good)
    manifest = json.loads(contents["manifest.json"])
    contents["content/seeds/doc.txt/inner.txt"] = b"x"
    manifest["files"]["content/seeds/doc.txt/inner.txt"] = hashlib.sha256(b"x").hexdigest()
    contents["manifest.json"] = json.dumps(manifest).encode()
    rewrite(good, contents)
    code, _, err = run(capsys, "pack", "install", str(good))
    assert code == 1 and "cannot unpack 'content/seeds/doc.txt/inner.txt'" in err
    assert [p.name for p in (user_data_dir() / "packs").iterdir()] == []

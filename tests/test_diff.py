"""`ssrtui diff OLD NEW`: added, removed and changed records between packs or data folders."""

from __future__ import annotations

import json
import zipfile

from conftest import RECORDS, write_dataset
from ssrtui.cli import main

NEW = (RECORDS.replace("name: National Police\n", "name: Police of Mali\n")
       .replace("status: active\n", "status: ended\n")
       .replace("- id: coup-2012\n  kind: event\n  name: Military coup in Bamako\n  date: 2012-03\n  links:\n    - {to: gendarmerie, role: involves}\n  sources:\n    - {source: doc, quote: \"Notes on\"}\n", "")
       + "- id: fama\n  kind: force\n  name: Malian Armed Forces\n")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def folders(tmp_path):
    return write_dataset(tmp_path / "old"), write_dataset(tmp_path / "new", NEW)


def test_json_lists_added_removed_and_changed_fields(capsys, tmp_path):
    old, new = folders(tmp_path)
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json")
    assert code == 0
    assert json.loads(out) == {"added": ["fama"], "removed": ["coup-2012"],
                               "changed": [{"id": "eucap", "fields": ["status"]}, {"id": "police", "fields": ["name"]}]}


def test_plain_output_shows_before_and_after(capsys, tmp_path):
    old, new = folders(tmp_path)
    out = run(capsys, "diff", str(old), str(new))[1]
    assert out.splitlines() == [
        "1 added, 1 removed, 2 changed",
        "+ fama  (force) Malian Armed Forces",
        "- coup-2012  (event) Military coup in Bamako",
        "~ eucap  (mission) EUCAP Sahel Mali",
        "    status: active -> ended",
        "~ police  (force) Police of Mali",
        "    name: National Police -> Police of Mali",
    ]


def test_packs_compare_like_their_folders(capsys, tmp_path):
    old, new = folders(tmp_path)
    for name, folder in (("old.zip", old), ("new.zip", new)):
        assert run(capsys, "pack", "build", "--data", str(folder), "--output", str(tmp_path / name), "--version", "1")[0] == 0
    pack_diff = run(capsys, "diff", str(tmp_path / "old.zip"), str(tmp_path / "new.zip"), "--json")[1]
    mixed = run(capsys, "diff", str(tmp_path / "old.zip"), str(new), "--json")[1]
    assert json.loads(pack_diff) == json.loads(mixed) == json.loads(run(capsys, "diff", str(old), str(new), "--json")[1])


def test_identical_data_has_no_changes(capsys, tmp_path):
    old = write_dataset(tmp_path / "a")
    assert run(capsys, "diff", str(old), str(old), "--json")[1] == run(capsys, "diff", str(old), str(write_dataset(tmp_path / "b")), "--json")[1]
    assert json.loads(run(capsys, "diff", str(old), str(old), "--json")[1]) == {"added": [], "removed": [], "changed": []}


def test_a_bad_side_is_one_line_and_exit_1(capsys, tmp_path):
    old = write_dataset(tmp_path / "a")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../evil", "x")
    code, out, err = run(capsys, "diff", str(old), str(bad))
    assert code == 1 and out == "" and "member '../evil' climbs out with '..'" in err
    code, _, err = run(capsys, "diff", str(old), str(tmp_path / "nothing"))
    assert code == 1 and "no such pack file or data folder" in err

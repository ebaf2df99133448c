"""The user's own records over the active pack: marked, replacing pack records by id, broken files never hiding the pack."""

from __future__ import annotations

import json
import textwrap

from conftest import write_dataset
from ssrtui.cli import main
from ssrtui.paths import user_data_dir


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def install_small_pack(capsys, tmp_path):
    data = write_dataset(tmp_path / "hq")
    out = tmp_path / "p.zip"
    assert run(capsys, "pack", "build", "--data", str(data), "--output", str(out), "--name", "mali", "--version", "1")[0] == 0
    assert run(capsys, "pack", "install", str(out))[0] == 0


def user_file(name: str, text: str):
    folder = user_data_dir() / "records"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_user_records_are_added_and_marked(capsys, tmp_path):
    install_small_pack(capsys, tmp_path)
    user_file("mine.yaml", """
        - id: my-contact
          kind: person
          name: Local liaison officer
          links:
            - {to: gendarmerie, role: member-of}
    """)
    code, out, _ = run(capsys, "show", "my-contact", "--json")
    assert code == 0 and json.loads(out)[0]["origin"] == "user"
    code, out, _ = run(capsys, "show", "my-contact")
    assert out.startswith("Local liaison officer  [Person]  id: my-contact\nYour record\n")
    backlinks = json.loads(run(capsys, "show", "gendarmerie", "--json")[1])[0]["backlinks"]
    assert {"from": "my-contact", "role": "has-member"} in backlinks and len(backlinks) == 3


def test_a_user_record_with_a_pack_id_replaces_it(capsys, tmp_path):
    install_small_pack(capsys, tmp_path)
    user_file("police.yaml", "- {id: police, kind: force, name: Police nationale du Mali}\n")
    rec = json.loads(run(capsys, "show", "police", "--json")[1])[0]
    assert rec["name"] == "Police nationale du Mali" and rec["origin"] == "user"
    assert run(capsys, "show", "police")[1].splitlines()[1] == "Your record, replacing the pack's"
    assert [r["id"] for r in json.loads(run(capsys, "search", "police", "--json")[1])].count("police") == 1


def test_a_broken_user_file_never_hides_the_pack(capsys, tmp_path):
    install_small_pack(capsys, tmp_path)
    user_file("a-broken.yaml", "- {id: x, kind: force\n")
    user_file("b-mixed.yaml", """
        - {id: good-one, kind: term, name: DDR}
        - {id: dangling, kind: term, name: SSR, links: [{to: nowhere, role: linked-to}]}
    """)
    code, out, err = run(capsys, "show", "gendarmerie", "good-one", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["gendarmerie", "good-one"]
    assert "a-broken.yaml:" in err and "b-mixed.yaml:3:" in err and "links[0].to: no record with id 'nowhere'" in err
    assert all(line.startswith("ssrtui: warning: your records: ") for line in err.splitlines())
    assert run(capsys, "show", "dangling")[0] == 3


def test_data_option_leaves_user_records_out(capsys, tmp_path):
    user_file("mine.yaml", "- {id: my-term, kind: term, name: Mine}\n")
    data = write_dataset(tmp_path / "other")
    assert run(capsys, "show", "my-term", "--data", str(data))[0] == 3


def test_help_names_the_user_records_folder(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "ssrtui/records/" in capsys.readouterr().out

"""The `ssrtui` command-line contract: output, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys


from conftest import write_dataset
from ssrtui import schema
from ssrtui.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean(capsys, small_data):
    code, out, err = run(capsys, "validate", "--data", str(small_data))
    assert code == 0 and out == "" and "ok: 6 records" in err


def test_validate_lists_every_problem_and_fails(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, "- {id: a, kind: force}\n- {id: b, kind: nope, name: B}\n")
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "data/records.yaml:1:3: name: missing required field",
        f"data/records.yaml:2:17: kind: unknown kind 'nope' (known: {', '.join(schema.KINDS)})",
    ]


def test_search_text_and_json(capsys, small_data):
    code, out, _ = run(capsys, "search", "gendarmery", "--data", str(small_data))
    assert code == 0 and out.splitlines()[0].startswith("gendarmerie")
    code, out, _ = run(capsys, "search", "national", "--json", "--kind", "force", "--data", str(small_data))
    hits = json.loads(out)
    assert {h["id"] for h in hits} == {"gendarmerie", "police"}
    assert all({"id", "kind", "name", "score"} <= h.keys() for h in hits)
    code, out, _ = run(capsys, "search", "national", "--limit", "1", "--json", "--data", str(small_data))
    assert len(json.loads(out)) == 1


def test_show_gives_links_backlinks_and_quotes(capsys, small_data):
    code, out, _ = run(capsys, "show", "gendarmerie", "--data", str(small_data))
    assert code == 0
    assert "National Gendarmerie  [Security force]" in out
    assert "Under authority of:\n  Ministry of Internal Security and Civil Protection  [moi]" in out
    assert "Supported by:\n  EUCAP Sahel Mali  [eucap]" in out
    assert "“The National Gendarmerie counts 4,000 people,”" in out
    assert "Personnel: 4,000 (2015)" in out


def test_show_json_and_many_ids(capsys, small_data):
    code, out, _ = run(capsys, "show", "eucap", "police", "--json", "--data", str(small_data))
    items = json.loads(out)
    assert [i["id"] for i in items] == ["eucap", "police"]
    assert {"from": "eucap", "role": "supported-by"} in items[1]["backlinks"]


def test_show_unknown_id(capsys, small_data):
    code, out, err = run(capsys, "show", "gendarmery", "--data", str(small_data))
    assert code == 3 and out == ""
    assert err == "ssrtui: no record with id 'gendarmery'; did you mean: gendarmerie\n"


def test_export_formats(capsys, small_data, tmp_path):
    code, out, _ = run(capsys, "export", "--data", str(small_data))
    records = json.loads(out)
    assert len(records) == 6 and all({"id", "kind", "name"} <= r.keys() for r in records)
    assert not any(k.startswith("_") for r in records for k in r)
    code, out, _ = run(capsys, "export", "--format", "csv", "--kind", "force", "--data", str(small_data))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["gendarmerie", "police"]
    assert rows[0]["aliases"] == "Gendarmerie nationale"
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "export", "--format", "markdown", "--output", str(target), "--data", str(small_data))
    assert code == 0 and out == "" and "exported 6 records" in err
    assert "## EUCAP Sahel Mali" in target.read_text()


def test_usage_errors_are_one_line(capsys):
    code, out, err = run(capsys, "search")
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("ssrtui: ")
    code, out, err = run(capsys, "frobnicate")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_missing_data_dir(capsys, tmp_path):
    code, out, err = run(capsys, "search", "x", "--data", str(tmp_path / "nope"))
    assert code == 1 and "not a folder" in err


def _ssrtui() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "ssrtui")
    return [exe] if os.path.exists(exe) else [sys.executable, "-m", "ssrtui"]


def test_installed_command_version_and_no_terminal(small_data):
    done = subprocess.run(_ssrtui() + ["--version"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.startswith("ssrtui ")
    done = subprocess.run(_ssrtui() + ["--data", str(small_data)], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert done.returncode == 4
    assert done.stderr.strip() == "ssrtui: the interface needs an interactive terminal (try: ssrtui search QUERY)"


def test_cli_never_imports_textual(small_data):
    code = (
        "import sys; from ssrtui.cli import main; "
        f"main(['search', 'police', '--data', {str(small_data)!r}]); "
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr.endswith("[]"), done.stderr


def test_bundled_data_is_valid(capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0, out


def test_show_source_lists_the_records_citing_it(capsys, small_data):
    code, out, _ = run(capsys, "show", "doc", "--data", str(small_data))
    assert code == 0
    cited = out.split("Cited by (5):\n", 1)[1].splitlines()
    assert {line.strip().rsplit("[", 1)[1].rstrip("]") for line in cited if line.strip()} == {
        "gendarmerie", "police", "moi", "eucap", "coup-2012"}


def test_show_and_export_give_a_sources_publisher_and_date(capsys, tmp_path):
    """A report known from a reading list: who published it and when are all the user has."""
    from conftest import RECORDS
    report = RECORDS + (
        "- {id: report, kind: source, name: A report, publisher: Institute of Development Studies, "
        "published: '2012-08', sources: [{source: doc, quote: \"counts 4,000\"}]}\n")
    data = write_dataset(tmp_path, report)
    code, out, _ = run(capsys, "show", "report", "--data", str(data))
    assert code == 0
    assert "Publisher: Institute of Development Studies" in out and "Published: August 2012" in out
    code, out, _ = run(capsys, "export", "--format", "markdown", "--kind", "source", "--data", str(data))
    assert "**Publisher:** Institute of Development Studies" in out and "**Published:** August 2012" in out


def test_office_holders_newest_first_with_periods_as_stated(capsys):
    code, out, _ = run(capsys, "show", "president-of-mali")
    holders = out.split("Office held by:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    names = [line.strip().split(" (")[0] for line in holders]
    assert names == ["Assimi Goïta", "Bah N'Daw", "Ibrahim Boubacar Keïta", "Dioncounda Traoré",
                     "Amadou Toumani Touré", "Modibo Keita"]
    assert "Dioncounda Traoré (from April 2012)" in out  # no end in the sources: not "present"
    assert "Bah N'Daw (25 September 2020 – 24 May 2021)" in out

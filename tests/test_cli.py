"""The `ssrtui` command-line contract: output, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import csv
import hashlib
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
    records = json.loads(out)["records"]
    assert records[1]["sources"][0]["quote"] == "The National Gendarmerie counts 4,000 people,"  # citations travel
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
    cited = out.split("Cited by (5):\n", 1)[1].split("\n\n", 1)[0].splitlines()
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
    assert "Publisher: Institute of Development Studies" in out and "Published: Aug 2012" in out
    code, out, _ = run(capsys, "export", "--format", "markdown", "--kind", "source", "--data", str(data))
    assert "**Publisher:** Institute of Development Studies" in out and "**Published:** Aug 2012" in out


def test_office_holders_newest_first_with_periods_as_stated(capsys):
    code, out, _ = run(capsys, "show", "president-of-mali")
    holders = out.split("Office held by:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    names = [line.strip().split(" (")[0] for line in holders]
    assert names == ["Assimi Goïta", "Bah N'Daw", "Ibrahim Boubacar Keïta", "Dioncounda Traoré",
                     "Amadou Toumani Touré", "Modibo Keita"]
    assert "Dioncounda Traoré (from Apr 2012)" in out  # no end in the sources: not "present"
    assert "Bah N'Daw (25 Sep 2020 – 24 May 2021)" in out


# --- hardening (issue #9) -------------------------------------------------------------------------
EXTRA = "- {id: extra, kind: term, name: Extra term}\n"


def test_data_means_the_same_before_or_after_the_command(capsys, small_data, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "more.yaml").write_text(EXTRA, encoding="utf-8")
    for argv, count in [
        (["--data", str(small_data), "validate"], 6),
        (["validate", "--data", str(small_data)], 6),
        (["--data", str(small_data), "--data", str(other), "validate"], 7),
        (["--data", str(small_data), "validate", "--data", str(other)], 7),
        (["validate", "--data", str(small_data), "--data", str(other)], 7),
    ]:
        code, out, err = run(capsys, *argv)
        assert code == 0 and f"ok: {count} records" in err, (argv, err)
    code, out, _ = run(capsys, "--data", str(small_data), "search", "extra", "--data", str(other), "--json")
    assert code == 0 and [h["id"] for h in json.loads(out)][:1] == ["extra"]


CACHE_WARNING = "ssrtui: warning: cannot use the cache"


def _search_from_memory(capsys, small_data) -> str:
    """`search` works with an unusable cache: results, exit 0, one warning line naming the cache."""
    code, out, err = run(capsys, "search", "gendarmerie", "--data", str(small_data))
    assert code == 0 and out.startswith("gendarmerie"), err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(CACHE_WARNING) and lines[0].endswith("; working from memory"), err
    return lines[0]


def test_cache_folder_that_is_a_file(capsys, small_data, isolated_home):
    (isolated_home / "cache").mkdir()
    (isolated_home / "cache" / "ssrtui").write_text("not a folder")
    assert str(isolated_home / "cache" / "ssrtui") in _search_from_memory(capsys, small_data)


def test_store_path_that_is_a_folder(capsys, small_data):
    from ssrtui.store import store_path

    store_path([small_data]).mkdir(parents=True)
    assert str(store_path([small_data])) in _search_from_memory(capsys, small_data)


def test_read_only_cache(capsys, small_data, monkeypatch, isolated_home):
    import errno

    real_open = os.open
    cache = str(isolated_home / "cache")

    def refuse_new_files(path, flags, *args, **kwargs):  # what a read-only folder does, even for root
        if flags & os.O_CREAT and os.fspath(path).startswith(cache):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_new_files)
    _search_from_memory(capsys, small_data)


def test_full_disk(capsys, small_data, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    _search_from_memory(capsys, small_data)
    from ssrtui.store import store_path

    assert not store_path([small_data]).parent.exists() or list(store_path([small_data]).parent.iterdir()) == []


def test_unreadable_store(capsys, small_data, monkeypatch):
    from ssrtui import storefile

    run(capsys, "build", "--data", str(small_data))

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storefile, "open", unreadable, raising=False)  # chmod 000 does not stop root
    _search_from_memory(capsys, small_data)


def test_build_with_an_unusable_cache_validates_and_says_so(capsys, small_data, isolated_home):
    (isolated_home / "cache").mkdir()
    (isolated_home / "cache" / "ssrtui").write_text("not a folder")
    code, out, err = run(capsys, "build", "--data", str(small_data))
    assert code == 0 and err.count(CACHE_WARNING) == 1 and "6 records" in err


def test_dataset_carries_the_cache_problem_for_the_interface(small_data, isolated_home):
    from ssrtui.store import open_dataset

    assert open_dataset([small_data]).cache_problem is None
    (isolated_home / "cache").rename(isolated_home / "old-cache")
    (isolated_home / "cache").write_text("not a folder")
    data = open_dataset([small_data])
    assert data.get("eucap") is not None
    assert data.cache_problem.startswith("cannot use the cache ") and "\n" not in data.cache_problem


def _bad_names(tmp_path) -> "Path":
    data = write_dataset(tmp_path, RECORDS_WITH_NAMES)
    return data


RECORDS_WITH_NAMES = "\n".join(
    f"- {{id: n{i}, kind: term, name: {json.dumps(name)}}}" for i, name in enumerate(["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "plain"])
) + "\n"


def test_csv_neutralises_formulas(capsys, tmp_path):
    data = write_dataset(tmp_path, RECORDS_WITH_NAMES)
    code, out, _ = run(capsys, "export", "--format", "csv", "--data", str(data))
    assert code == 0
    names = {row["id"]: row["name"] for row in csv.DictReader(io.StringIO(out))}
    assert names == {"n0": "'=1+1", "n1": "'+1", "n2": "'-1", "n3": "'@SUM(A1)", "n4": "'\t=cmd", "n5": "plain"}


def test_csv_neutralises_carriage_return_cells():
    from ssrtui.exports import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv([{"id": "x", "kind": "term", "name": "\r=1", "summary": "-"}]))))
    assert rows[0]["name"] == "'\r=1" and rows[0]["summary"] == "'-"


def test_file_names_with_escape_codes_are_printed_visibly(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / "a\x1b]0;pwned\x07.yaml").write_text("- {id: a, kind: force}\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert out == "data/a\\x1b]0;pwned\\x07.yaml:1:3: name: missing required field\n"
    assert "\x1b" not in err and "\x07" not in err


def test_non_utf8_file_name_builds_what_validate_accepts(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / os.fsdecode(b"\xff.yaml")).write_text(EXTRA, encoding="utf-8")
    assert run(capsys, "validate", "--data", str(data))[0] == 0
    assert run(capsys, "build", "--data", str(data))[0] == 0
    code, out, _ = run(capsys, "search", "extra", "--data", str(data))
    assert code == 0 and out.startswith("extra")
    code, out, _ = run(capsys, "show", "extra", "--json", "--data", str(data))
    assert code == 0 and json.loads(out)[0]["name"] == "Extra term"
    (data / os.fsdecode(b"\xff.yaml")).write_text("- {id: extra, kind: term}\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--data", str(data))
    assert code == 1 and out.startswith("data/\\xff.yaml:1:3: name:")


def _subprocess_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHONIOENCODING"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "share"))
    env.update(extra)
    return env


def test_ascii_terminal_degrades_characters_never_crashes(tmp_path):
    env = _subprocess_env(tmp_path, PYTHONIOENCODING="ascii")
    for argv in (["show", "president-of-mali"], ["export", "--format", "markdown"], ["search", "goïta"]):
        done = subprocess.run([sys.executable, "-m", "ssrtui", *argv], capture_output=True, env=env, timeout=60)
        assert done.returncode == 0, (argv, done.stderr)
        assert b"Traceback" not in done.stderr
    assert b"Go\\xefta" in done.stdout or b"Go?ta" in done.stdout


def _many_problems(tmp_path):
    data = tmp_path / "bad"
    data.mkdir()
    (data / "bad.yaml").write_text("".join(f"- {{id: a{i}, kind: force}}\n" for i in range(4000)), encoding="utf-8")
    return data


def test_closed_pipe_keeps_the_failure_exit_code(tmp_path):
    data = _many_problems(tmp_path)
    env = _subprocess_env(tmp_path)
    for argv, stderr in ((["validate"], subprocess.DEVNULL), (["build"], subprocess.STDOUT)):
        proc = subprocess.Popen([sys.executable, "-m", "ssrtui", *argv, "--data", str(data)], stdout=subprocess.PIPE,
                                stderr=stderr if stderr is not subprocess.DEVNULL else subprocess.PIPE, env=env)
        first = proc.stdout.readline()
        proc.stdout.close()
        errors = proc.stderr.read() if proc.stderr else b""
        assert proc.wait(timeout=60) == 1, argv
        assert b"missing required field" in first
        assert b"Traceback" not in errors and b"Exception ignored" not in errors, errors


def test_pipefail_shell_pipeline_reports_the_failure(tmp_path):
    data = _many_problems(tmp_path)
    command = f"set -o pipefail; {sys.executable} -m ssrtui validate --data {data} 2>/dev/null | head -1 >/dev/null"
    done = subprocess.run(["bash", "-c", command], env=_subprocess_env(tmp_path), timeout=60)
    assert done.returncode == 1


def test_empty_home_writes_nothing_and_works_from_memory(tmp_path, small_data):
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = ""
    done = subprocess.run([sys.executable, "-m", "ssrtui", "search", "police", "--data", str(small_data)],
                          capture_output=True, text=True, env=env, cwd=work, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("police"), done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(CACHE_WARNING) and "HOME" in lines[0], lines
    assert list(work.iterdir()) == []
    key = hashlib.sha256(os.fsencode(small_data)).hexdigest()[:16]  # where an empty HOME taken for '/' puts it
    assert not os.path.exists(f"/.cache/ssrtui/store-{key}.json")


def test_internal_error_writes_a_crash_log_and_names_it(capsys, small_data, monkeypatch, isolated_home):
    from ssrtui import cli

    def bug(args):
        raise ZeroDivisionError("secret record text")

    monkeypatch.setitem(cli.COMMANDS, "search", bug)
    code, out, err = run(capsys, "search", "x", "--data", str(small_data))
    log = isolated_home / "share" / "ssrtui" / "crash.log"
    assert code == 70 and out == ""
    assert err.splitlines() == [f"ssrtui: internal error (ZeroDivisionError); please report it with {log}"]
    text = log.read_text()
    assert text.startswith("ZeroDivisionError\n") and "test_cli.py:" in text and "secret" not in text


def test_data_that_is_a_file_is_a_data_problem(capsys, tmp_path):
    target = tmp_path / "file.yaml"
    target.write_text(EXTRA)
    for command in ("validate", "build", "search"):
        argv = [command] + (["x"] if command == "search" else []) + ["--data", str(target)]
        code, out, err = run(capsys, *argv)
        assert code == 1 and "not a folder" in err + out, (command, err)
        assert "Traceback" not in err


def test_export_into_a_path_below_a_file_is_exit_2(capsys, small_data, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    code, out, err = run(capsys, "export", "--output", str(blocker / "out.json"), "--data", str(small_data))
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith("ssrtui: cannot write ")


def test_huge_integer_is_a_located_problem_not_a_crash(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / "big.yaml").write_text("- {id: a, kind: force, name: A, figures: [{label: x, value: " + "9" * 5000 + "}]}\n")
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and out.startswith("data/big.yaml:1:61: number: number too long"), out[:200]
    code, out, err = run(capsys, "search", "a", "--data", str(data))
    assert code == 1 and "number too long" in err


def test_empty_data_name_is_a_usage_error(capsys):
    code, out, err = run(capsys, "search", "police", "--data", "")
    assert code == 2 and out == "" and err == "ssrtui: --data needs a folder, got an empty name\n"


def test_relative_data_after_the_working_folder_was_deleted(tmp_path, small_data):
    gone = tmp_path / "gone"
    gone.mkdir()
    code = f"import os, sys; from ssrtui.cli import main; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); sys.exit(main(['search', 'x', '--data', 'data']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_subprocess_env(tmp_path), timeout=60)
    assert done.returncode == 1 and "data:1:1: data: not a folder" in done.stderr, done.stderr

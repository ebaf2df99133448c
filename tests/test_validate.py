"""Validation of records: every problem located as file:line:col: field: message."""

from __future__ import annotations

import os

import pytest

from conftest import RECORDS, write_dataset
from ssrtui.validate import compile_data

GOOD_SOURCE = """
- id: doc
  kind: source
  name: Test document
  path: seeds/doc.txt
"""


def check(tmp_path, body: str) -> list[str]:
    data = write_dataset(tmp_path, GOOD_SOURCE + body)
    return [str(p) for p in compile_data([data]).problems]


def test_small_dataset_is_clean(small_data):
    compiled = compile_data([small_data])
    assert compiled.problems == []
    assert {r["id"] for r in compiled.records} >= {"gendarmerie", "eucap", "coup-2012"}
    eucap = next(r for r in compiled.records if r["id"] == "eucap")
    assert eucap["start"] == "2015-01-15" and eucap["status_as_of"] == "2025-01-27"


@pytest.mark.parametrize("body, expected", [
    ("- {id: a, kind: force}\n", "data/records.yaml:6:3: name: missing required field"),
    ("- {id: a, kind: spaceship, name: A}\n", "data/records.yaml:6:17: kind: unknown kind 'spaceship'"),
    ("- {id: Bad_Id, kind: force, name: A}\n", "data/records.yaml:6:8: id: 'Bad_Id' is not an id"),
    ("- {id: a, kind: force, name: [x]}\n", "data/records.yaml:6:30: name: expected text, got a list"),
    ("- {id: a, kind: force, name: A, colour: red}\n", "data/records.yaml:6:33: colour: unknown field"),
    ("- {id: a, kind: event, name: A, date: 2015-02-30}\n", "date: impossible date '2015-02-30'"),
    ("- {id: a, kind: event, name: A, date: '2015-13'}\n", "date: impossible date '2015-13' (month 13)"),
    ("- {id: a, kind: event, name: A, date: 'June 2015'}\n", "date: 'June 2015' is not a date"),
    ("- {id: a, kind: force, name: no}\n", "name: 'no' is read by YAML 1.1 as a yes/no boolean; put it in quotes"),
    ("- {id: a, kind: force, name: A, figures: [{label: x, value: .nan}]}\n", "figures[0].value: '.nan' is read by YAML 1.1 as a special float"),
    ("- {id: a, kind: force, name: A, figures: [{label: x}]}\n", "figures[0].value: missing required field"),
    ("- {id: a, kind: force, name: A, links: [{to: doc, role: befriends}]}\n", "links[0].role: unknown role 'befriends'"),
    ("- {id: a, kind: force, name: A, links: [{to: nowhere, role: supports}]}\n", "links[0].to: no record with id 'nowhere'"),
    ("- {id: a, kind: force, name: A, sources: [{source: a, quote: x}]}\n", "sources[0].source: 'a' is a force, not a source"),
    ("- {id: a, kind: force, name: A, sources: [{source: doc, quote: 'not in the text'}]}\n", "sources[0].quote: not found verbatim in seeds/doc.txt"),
    ("- {id: a, kind: mission, name: A, start: '2015-09', end: '2015-05'}\n", "end: ends (2015-05) before it starts (2015-09)"),
    ("- {id: a, kind: mission, name: A, status: finished}\n", "status: unknown status 'finished'"),
    ("- {id: s, kind: source, name: S, path: seeds/missing.txt}\n", "path: document 'seeds/missing.txt' not found"),
    ("- {id: s, kind: source, name: S}\n", "path: a source needs a 'path'"),
    ("- just text\n", "record: expected a mapping, got text"),
    ("- {id: s, kind: source, name: S, path: ../../etc/passwd}\n", "path: must be a relative path like seeds/<file>, without '..'"),
    ("- {id: s, kind: source, name: S, path: /etc/passwd}\n", "path: must be a relative path like seeds/<file>, without '..'"),
])
def test_each_rule_reports_a_located_problem(tmp_path, monkeypatch, body, expected):
    monkeypatch.chdir(tmp_path)
    found = check(tmp_path, body)
    assert any(expected in p for p in found), found


def test_disputed_range_that_ends_before_it_starts_is_allowed(tmp_path):
    found = check(tmp_path, "- {id: a, kind: programme, name: A, start: '2015-09-21', end: '2015-05-21', disputed: the source's dates are reversed}\n")
    assert found == []


def test_duplicate_ids_name_both_places(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE)
    (data / "more.yaml").write_text("- {id: doc, kind: term, name: Other}\n", encoding="utf-8")
    found = [str(p) for p in compile_data([data]).problems]
    assert found == ["data/records.yaml:2:3: id: duplicate id 'doc' (first at data/more.yaml:1)"]


def test_every_problem_in_every_file_is_listed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE + "- {id: a, kind: force}\n")
    (data / "bad.yaml").write_text("- a: [1,\n", encoding="utf-8")
    (data / "tabs.yaml").write_text("- id: b\n\tkind: force\n", encoding="utf-8")
    found = [str(p) for p in compile_data([data]).problems]
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {"data/records.yaml", "data/bad.yaml", "data/tabs.yaml"}


def test_top_level_must_be_a_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, "id: a\nkind: force\n")
    found = [str(p) for p in compile_data([data]).problems]
    assert found == ["data/records.yaml:1:1: file: expected a list of records (each starting with '- ')"]


def test_a_work_listed_in_a_document_is_a_source_without_path_or_url(tmp_path):
    """A report named in a note's reading list has no local copy or address: it rests on the note's quote."""
    cited = "- {id: report, kind: source, name: R, publisher: P, published: '2015', sources: [{source: doc, quote: \"counts 4,000\"}]}\n"
    assert check(tmp_path, cited) == []
    uncited = "- {id: report, kind: source, name: R, sources: [{source: doc}]}\n"
    assert any("path: a source needs a 'path'" in p for p in check(tmp_path, uncited))


def test_quote_check_folds_whitespace(tmp_path):
    found = check(tmp_path, RECORDS.split("- id: doc")[0] + "- {id: g, kind: force, name: G, sources: [{source: doc, quote: \"counts   4,000\\n people,\"}]}\n")
    assert found == []


def test_quotes_are_found_in_any_order_and_a_missing_one_is_reported(tmp_path):
    """Quotes of one document, cited backwards, forwards and twice: each found; one not in it reported."""
    quotes = ["Notes on the Gendarmerie.", "supports the Gendarmerie", "counts 4,000 people", "Notes on",
              "100 of whom are women", "Notes on the Gendarmerie.", "4,000 people, 100"]
    body = "".join(f"- {{id: r{i}, kind: force, name: R{i}, sources: [{{source: doc, quote: \"{q}\"}}]}}\n" for i, q in enumerate(quotes))
    assert check(tmp_path, body) == []
    body += "- {id: gone, kind: force, name: Gone, sources: [{source: doc, quote: \"the Gendarmerie counts\"}]}\n"
    [problem] = check(tmp_path, body)
    assert problem.endswith('data/records.yaml:13:3: sources[0].quote: not found verbatim in seeds/doc.txt: "the Gendarmerie counts"')


def test_bom_empty_and_comment_only_files_are_fine(tmp_path):
    data = write_dataset(tmp_path, GOOD_SOURCE)
    (data / "bom.yaml").write_bytes("\ufeff- {id: b, kind: term, name: B, sources: [{source: doc, quote: Notes}]}\n".encode("utf-8"))
    (data / "empty.yaml").write_bytes(b"")
    (data / "comments.yml").write_text("# nothing yet\n# still nothing\n", encoding="utf-8")
    compiled = compile_data([data])
    assert compiled.problems == []
    assert {r["id"] for r in compiled.records} == {"doc", "b"}


@pytest.mark.parametrize("value", ["1000000000000000", "-1000000000000000", "1.0e15", "1.0e400"])
def test_figure_values_must_be_sane_figures(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    found = check(tmp_path, f"- {{id: a, kind: force, name: A, figures: [{{label: x, value: {value}}}]}}\n")
    assert len(found) == 1 and found[0].startswith("data/records.yaml:6:61: figures[0].value: "), found


def test_largest_sane_figure_passes(tmp_path):
    assert check(tmp_path, "- {id: a, kind: force, name: A, figures: [{label: x, value: 999999999999999}, {label: y, value: -2.5}]}\n") == []


def test_huge_sparse_yaml_file_is_refused_fast(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE)
    with open(data / "huge.yaml", "wb") as handle:
        os.truncate(handle.fileno(), 2 * 1024 ** 3)
    started = time.perf_counter()
    found = [str(p) for p in compile_data([data]).problems]
    assert time.perf_counter() - started < 2
    assert found == ["data/huge.yaml:1:1: file: larger than 32 MiB"]


def test_huge_source_document_is_a_located_problem(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE + "- {id: a, kind: term, name: A, sources: [{source: doc, quote: Notes}]}\n")
    os.truncate(tmp_path / "seeds" / "doc.txt", 2 * 1024 ** 3)
    started = time.perf_counter()
    found = [str(p) for p in compile_data([data]).problems]
    assert time.perf_counter() - started < 2
    assert found == ["data/records.yaml:2:3: path: document 'seeds/doc.txt' is larger than 32 MiB"]


def test_a_fifo_named_yaml_is_skipped_with_a_located_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE)
    os.mkfifo(data / "pipe.yaml")
    os.mkfifo(tmp_path / "seeds" / "fifo.txt")
    (data / "more.yaml").write_text("- {id: f, kind: source, name: F, path: seeds/fifo.txt}\n", encoding="utf-8")
    found = [str(p) for p in sorted(compile_data([data]).problems)]
    assert found == [
        "data/more.yaml:1:3: path: document 'seeds/fifo.txt' is not a regular file",
        "data/pipe.yaml:1:1: file: not a regular file",
    ]


def test_problems_print_control_characters_visibly():
    from ssrtui.problems import Problem

    problem = Problem("a\x1b]0;x\x07.yaml", 1, 2, "na\x1bme", "bad \x9b value\nnext")
    assert str(problem) == "a\\x1b]0;x\\x07.yaml:1:2: na\\x1bme: bad \\x9b value\\nnext"


def test_a_folder_that_cannot_be_listed_is_a_located_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = write_dataset(tmp_path, GOOD_SOURCE)
    (data / "locked").mkdir()
    (data / "locked" / "x.yaml").write_text("- {id: x, kind: term, name: X}\n", encoding="utf-8")
    scandir = os.scandir

    def refuse(path="."):  # what chmod 000 does to anyone but root
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = [str(p) for p in compile_data([data]).problems]
    assert len(found) == 1 and found[0].startswith("data/locked:1:1: data: cannot read folder: "), found

"""The hardened YAML reader: hostile input gives located problems, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest

import yaml

import ssrtui.yamlsafe as yamlsafe
from ssrtui.yamlsafe import MAX_DEPTH, Ambiguous, BadDate, decode, load

LOADERS = [yaml.SafeLoader] + ([yaml.CLoader] if hasattr(yaml, "CLoader") else [])


@pytest.fixture(autouse=True, params=LOADERS, ids=lambda loader: loader.__name__)
def parser(request, monkeypatch):
    """Every reader test runs on libyaml's C parser and on PyYAML's pure-Python one."""
    monkeypatch.setattr(yamlsafe, "_Parser", request.param)
    return request.param


def problems_of(text: str) -> list[str]:
    return [str(p) for p in load(text, "f.yaml")[1]]


def test_plain_values_and_marks():
    value, problems = load("- id: a\n  year: 2015\n  when: 2015-06-20\n  ok: true\n", "f.yaml")
    assert problems == []
    assert value == [{"id": "a", "year": 2015, "when": dt.date(2015, 6, 20), "ok": True}]
    assert value[0].marks["when"][:2] == (3, 9)
    assert value.marks[0][0] == 1


@pytest.mark.parametrize("text, needle", [
    ("- !!python/object/apply:os.system ['echo hi']\n", "tag tag:yaml.org,2002:python/object/apply:os.system not allowed"),
    ("- !custom x\n", "tag !custom not allowed"),
    ("- &a [1]\n- *a\n", "anchor &a not allowed"),
    ("a: &x 1\nb: *x\n", "anchor &x not allowed"),
    ("- {<<: {a: 1}, b: 2}\n", "merge keys (<<) not allowed"),
    ("- a: 1\n\tb: 2\n", "tab used for indentation"),
    ("- a: [1, 2\n", "yaml:"),
    ("---\n- a\n---\n- b\n", "more than one YAML document"),
    ("- ? [a]\n  : 1\n", "mapping keys must be plain text"),
])
def test_rejected_constructs(text, needle):
    found = problems_of(text)
    assert found and any(needle in p for p in found), found


def test_billion_laughs_is_refused_at_first_anchor():
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    value, problems = load(text, "f.yaml")
    assert value is None
    assert str(problems[0]) == "f.yaml:1:4: yaml: anchor &a not allowed (no anchors or aliases)"


def test_own_depth_guard_just_past_the_limit():
    depth = MAX_DEPTH + 1
    text = "- a: " + "[" * depth + "]" * depth + "\n"
    value, problems = load(text, "f.yaml")
    assert value is None
    assert [str(p) for p in problems] == [f"f.yaml:1:{5 + MAX_DEPTH - 1}: yaml: nesting deeper than {MAX_DEPTH} levels"]


def test_nesting_at_the_limit_is_fine():
    depth = MAX_DEPTH - 2  # the file's list and the record's mapping are two levels
    value, problems = load("- a: " + "[" * depth + "]" * depth + "\n", "f.yaml")
    assert problems == [] and value is not None


def test_deep_nesting_is_bounded_without_crashing():
    text = "[" * 200_000 + "]" * 200_000
    value, problems = load(text, "f.yaml")
    assert value is None
    assert len(problems) == 1  # whoever stops first (our guard or libyaml's), one located problem
    assert problems[0].file == "f.yaml" and problems[0].line == 1 and problems[0].field == "yaml"


def test_duplicate_key_names_both_lines():
    found = problems_of("- id: a\n  name: x\n  name: y\n")
    assert found == ["f.yaml:3:3: name: duplicate key (first at line 2)"]


@pytest.mark.parametrize("text, meaning", [
    ("no", "boolean"), ("on", "boolean"), ("1:30", "integer"), ("1_000", "integer"),
    ("0x1F", "integer"), (".nan", "float"), (".inf", "float"), ("010", "integer"),
])
def test_yaml11_surprises_stay_text_but_are_flagged(text, meaning):
    value, problems = load(f"- v: {text}\n", "f.yaml")
    assert problems == []
    assert isinstance(value[0]["v"], Ambiguous) and value[0]["v"] == text
    assert meaning in value[0]["v"].meaning


def test_impossible_plain_date_is_kept_for_a_field_error():
    value, _ = load("- d: 2015-02-30\n", "f.yaml")
    assert isinstance(value[0]["d"], BadDate)


@pytest.mark.parametrize("escape, label", [
    ("\\u202e", "bidirectional override U+202E"),
    ("\\x07", "control character U+0007"),
])
def test_dangerous_characters_in_strings(escape, label):
    found = problems_of(f'- name: "a{escape}b"\n')
    assert found == [f"f.yaml:1:9: text: {label} not allowed"]


def test_lone_surrogate_escape_is_refused():
    found = problems_of('- name: "a\\ud800b"\n')
    assert len(found) == 1 and found[0].startswith("f.yaml:1:")


def test_raw_control_character_is_located():
    found = problems_of("- a: b\n- c: d\x01\n")
    assert found[0].startswith("f.yaml:2:")


def test_empty_and_comment_only_files_are_fine():
    assert load("", "f.yaml") == (None, [])
    assert load("# nothing here\n\n# at all\n", "f.yaml") == (None, [])


def test_decode_bom_and_bad_bytes():
    text, problems = decode("\ufeff- a: b\n".encode("utf-8"), "f.yaml")
    assert text == "- a: b\n" and problems == []
    text, problems = decode(b"- a: b\n- c: \xff\xfe\n", "f.yaml")
    assert text is None
    assert str(problems[0]) == "f.yaml:2:6: encoding: not UTF-8 (byte 0xff)"


def test_oversized_file_refused(monkeypatch):
    import ssrtui.yamlsafe as ys

    monkeypatch.setattr(ys, "MAX_FILE_BYTES", 10)
    text, problems = decode(b"- a: bcdefghijkl\n", "f.yaml")
    assert text is None and "larger than" in str(problems[0])


@pytest.mark.parametrize("number", ["9" * 31, "-" + "9" * 5000, "1" * 20 + "." + "5" * 20, "0." + "1" * 40],
                         ids=["31-digits", "5000-digits", "40-digit-float", "42-digit-fraction"])
def test_numbers_past_30_digits_are_a_located_problem(number):
    value, problems = load(f"- a: x\n  b: {number}\n", "f.yaml")
    assert [str(p) for p in problems] == ["f.yaml:2:6: number: number too long (more than 30 digits; quote it if it is text)"]
    assert value[0]["b"] == number


def test_thirty_digits_are_a_number():
    value, problems = load("- " + "9" * 30 + "\n", "f.yaml")
    assert problems == [] and value == [int("9" * 30)]

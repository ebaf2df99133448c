"""Property tests: any input loads or gives clean located problems; the store round-trips."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssrtui import store
from ssrtui.problems import Problem
from ssrtui.validate import compile_data
from ssrtui.yamlsafe import decode, load

BAD = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))

#: bad document -> (field, ssrtui's own words) of the problem it must give; None where only the
#: parser knows what is wrong (its wording is not ours to assert).
EXPECTED = {
    "bidi": ("text", "bidirectional override U+202E not allowed"),
    "billion-laughs": ("yaml", "anchor &a not allowed"),
    "binary-tag": ("yaml", "tag tag:yaml.org,2002:binary not allowed"),
    "complex-key": ("yaml", "mapping keys must be plain text"),
    "control-char": ("text", "control character U+0007 not allowed"),
    "dangling-link": ("links[0].to", "no record with id 'nowhere'"),
    "deep-nesting": ("yaml", None),
    "duplicate-key": ("kind", "duplicate key (first at line 2)"),
    "impossible-date": ("date", "impossible date '2015-02-30'"),
    "infinity": ("figures[0].value", "put it in quotes"),
    "latin1": ("encoding", "not UTF-8 (byte 0xe9)"),
    "merge-key": ("yaml", "merge keys (<<) not allowed"),
    "norway": ("name", "yes/no boolean; put it in quotes"),
    "not-a-list": ("file", "expected a list of records"),
    "python-tag": ("yaml", "python/object/apply:os.system not allowed"),
    "reversed-range": ("end", "before it starts"),
    "str-tag": ("yaml", "tag tag:yaml.org,2002:str not allowed"),
    "syntax": ("yaml", None),
    "tab-indent": ("yaml", "tab used for indentation"),
    "two-documents": ("yaml", "more than one YAML document"),
}


def test_every_bad_document_has_an_expectation():
    assert {p.stem for p in BAD} == set(EXPECTED)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_every_bad_document_gives_located_problems(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / path.name).write_bytes(path.read_bytes())
    problems = compile_data([data]).problems
    assert problems, f"{path.name} was accepted"
    field, words = EXPECTED[path.stem]
    assert any(p.field == field and (words is None or words in p.message) for p in problems), problems
    for problem in problems:
        assert problem.file == f"data/{path.name}"
        assert problem.line >= 1 and problem.col >= 1 and problem.field and problem.message
        assert "\n" not in str(problem)
    assert not Path("/tmp/pwned").exists()


YAML_ALPHABET = string.printable + "éà’–\u202e\ufeff\x00\x85"
yaml_fragments = st.lists(
    st.sampled_from([
        "- ", "  ", "\n", ": ", "id", "kind", "name", "force", "[", "]", "{", "}", ",", "&a ", "*a",
        "!!python/object ", "!tag ", "<<: ", "? ", "'", '"', "|\n", ">\n", "#", "---\n", "...\n",
        "2015-02-30", "no", "1:30", ".nan", "0x1F", "\t", "%YAML 1.1\n", "\\u202e", "\\ud800",
    ]) | st.text(YAML_ALPHABET, max_size=8),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_fragments)
def test_loader_never_crashes(text):
    value, problems = load(text, "f.yaml")
    assert all(isinstance(p, Problem) for p in problems)
    if problems and value is None:
        assert all(p.line >= 1 for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_any_bytes_never_crashes(raw):
    text, problems = decode(raw, "f.yaml")
    assert (text is None) == bool(problems)
    if text is not None:
        load(text, "f.yaml")


slug = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
safe_text = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"), min_size=1, max_size=30).filter(lambda s: s.strip() == s and s.strip())


@st.composite
def datasets(draw):
    ids = draw(st.lists(slug, min_size=1, max_size=12, unique=True))
    records = []
    for rid in ids:
        rec = {"id": rid, "kind": draw(st.sampled_from(["mission", "force", "event", "donor"])), "name": draw(safe_text)}
        if draw(st.booleans()):
            rec["aliases"] = draw(st.lists(safe_text, max_size=3))
        if draw(st.booleans()):
            rec["date"] = draw(st.sampled_from(["2012", "2013-07", "2015-06-20"]))
        if draw(st.booleans()):
            rec["figures"] = [{"label": draw(safe_text), "value": draw(st.integers(0, 10**6)), "year": 2015}]
        others = [o for o in ids if o != rid]
        if others and draw(st.booleans()):
            rec["links"] = [{"to": draw(st.sampled_from(others)), "role": "supports"}]
        records.append(rec)
    return records


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_yaml_to_store_round_trip(tmp_path_factory, records):
    import json

    root = tmp_path_factory.mktemp("rt")
    data = root / "data"
    data.mkdir()
    # JSON is valid YAML flow syntax: an exact, quoted rendering of the records.
    (data / "r.yaml").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    loaded = store.open_dataset([data])
    stored = store.read_store(store.store_path([data]))
    assert stored is not None
    for rec in records:
        got = loaded.get(rec["id"])
        assert {k: v for k, v in got.items() if not k.startswith("_")} == rec
    assert len(loaded) == len(records)

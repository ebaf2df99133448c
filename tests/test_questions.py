"""Questions asked the way people ask them (tests/questions.yaml) against the bundled data: the
record that answers is in the top 5 (first when marked) and the answer line says what it must."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ssrtui.textfold import fold
from ssrtui.store import open_dataset

QUESTIONS = yaml.safe_load((Path(__file__).with_name("questions.yaml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    return open_dataset(None)


def test_the_question_file_covers_both_languages_and_answers():
    assert len(QUESTIONS) >= 150
    assert sum(1 for q in QUESTIONS if q["lang"] == "fr") >= 40
    assert sum(1 for q in QUESTIONS if q.get("answer")) >= 50
    assert {q["seed"] for q in QUESTIONS} >= {"eucap", "mandates", "background", "empabb", "dcaf", "updates", "updates2"}


@pytest.mark.parametrize("case", QUESTIONS, ids=[q["q"] for q in QUESTIONS])
def test_question(data, case):
    result = data.ask(case["q"], limit=5)
    found = [rec["id"] for rec, _ in result.hits]
    assert data.get(case["expect"]) is not None, f"unknown record {case['expect']}"
    if case.get("first"):
        assert found[:1] == [case["expect"]], found
    assert case["expect"] in found, found
    if case.get("answer"):
        assert result.answer is not None, f"no answer line; hits {found}"
        line = fold(result.answer.line())
        for word in case["answer"]:
            assert fold(str(word)) in line, result.answer.line()
        assert result.answer.source_name, "the answer line cites its source"

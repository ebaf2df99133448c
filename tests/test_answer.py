"""Questions, facets, word variants and the answer line on a small hand-made dataset."""

from __future__ import annotations

import pytest

from ssrtui.dataset import Dataset
from ssrtui.render import preview
from ssrtui.words import stem, table


def rec(id, kind, name, **extra):
    return {"id": id, "kind": kind, "name": name, **extra}


SRC = [{"source": "doc", "quote": "The Armed Forces consist of 13,800 personnel; Ann Lee heads the mission."}]


@pytest.fixture
def data():
    return Dataset.from_records([
        rec("doc", "source", "Background note"),
        rec("fama", "force", "Malian Armed Forces", aliases=["FAMa"], figures=[{"label": "Personnel", "value": 13800}], sources=SRC),
        rec("mission", "mission", "EUCAP Sahel Mali", start="2015-01-15", status="active", status_as_of="2025-05-21",
            links=[{"to": "lee", "role": "led-by", "start": "2023-04-11"}, {"to": "old", "role": "led-by", "start": "2017", "end": "2020"},
                   {"to": "bamako", "role": "located-in"}], sources=SRC),
        rec("term-eucap", "term", "EUCAP", links=[{"to": "mission", "role": "defines"}]),
        rec("lee", "person", "Ann Lee", summary="Former trainer of the police."),
        rec("police", "force", "National Police"),
        rec("old", "person", "Bob Old"),
        rec("bamako", "place", "Bamako"),
        rec("japan", "donor", "Japan", summary="Donor."),
        rec("school", "programme", "Peacekeeping school project", start="2023", end="2024", status="ended", links=[{"to": "japan", "role": "funded-by"}], sources=SRC),
        rec("coup", "event", "Military coup in Bamako", date="2012-03-22", sources=SRC),
        rec("talks", "event", "Peace talks", date="2014-07"),
    ])


def ids(hits):
    return [r["id"] for r, _ in hits]


def test_an_acronym_names_the_entity_before_its_glossary_term(data):
    assert ids(data.search("eucap"))[:2] == ["mission", "term-eucap"]


def test_who_leads_puts_the_entity_then_its_current_head_and_answers_with_the_date(data):
    result = data.ask("who leads EUCAP")
    assert ids(result.hits)[:2] == ["mission", "lee"]
    assert result.answer.line() == "EUCAP Sahel Mali: led by Ann Lee since 11 Apr 2023 — Background note"
    assert data.ask("qui dirige EUCAP").answer.text == result.answer.text


def test_a_question_about_a_record_without_a_head_gets_no_one_elses_head(data):
    result = data.ask("who leads the police")
    assert ids(result.hits)[0] == "police" and result.answer is None


def test_how_many_follows_synonyms_to_the_figure(data):
    result = data.ask("how many soldiers")
    assert ids(result.hits)[0] == "fama"
    assert "13,800" in result.answer.text


def test_when_where_and_status(data):
    assert data.ask("when did the coup happen").answer.text == "Military coup in Bamako: 22 Mar 2012"
    assert data.ask("where is EUCAP based").answer.text == "EUCAP Sahel Mali: in Bamako"
    assert "active (as of 21 May 2025)" in data.ask("is EUCAP still active").answer.text


def test_relation_questions_follow_links(data):
    result = data.ask("who funds the peacekeeping school project")
    assert ids(result.hits)[:2] == ["school", "japan"]
    assert result.answer.text.endswith("funded by Japan")
    assert "Peacekeeping school project" in data.ask("what does Japan fund").answer.text


def test_kind_and_facets_hold_for_the_records_an_answer_brings(data):
    result = data.ask("who leads EUCAP", kind="mission")
    assert ids(result.hits) == ["mission"] and "Ann Lee" in result.answer.text
    result = data.ask("kind:person who leads EUCAP")
    assert result.answer is None and "mission" not in ids(result.hits)


def test_word_variants_in_both_languages(data):
    assert ids(data.search("Japanese"))[0] == "japan"
    assert stem("gendarmes") == stem("gendarmerie") and stem("policiers") == stem("police")
    assert stem("countries") == stem("country") and stem("funding") == stem("funds")
    assert "personnel" in table().synonyms("troops") and "financement" in table().synonyms("budget")


def test_facets_filter_and_combine_with_words(data):
    assert ids(data.search("kind:donor")) == ["japan"]
    assert ids(data.search("year:2012")) == ["coup"]
    assert ids(data.search("2013-2016 talks")) == ["talks"]
    assert "school" not in ids(data.search("status:active"))
    assert data.ask("kind:nonsense").suggestion.startswith("unknown kind")


def test_nothing_found_always_says_what_to_try(data):
    assert data.ask("bamakko coupp").hits or data.ask("bamakko coupp").suggestion
    assert data.ask("bamkao").suggestion is None or "bamako" in data.ask("bamkao").suggestion
    result = data.ask("xqzzyv")
    assert result.hits == [] and result.suggestion


def test_previews_never_cut_a_word_or_a_number():
    text = "The Malian Armed Forces consist of 13,800 personnel and are responsible for defence"
    for limit in range(10, len(text)):
        cut = preview(text, limit)
        assert len(cut) <= limit
        assert cut.rstrip("…") == text[: len(cut.rstrip("…"))]
        kept = cut.rstrip("…")
        assert len(kept) == len(text) or text[len(kept)] == " " or not text[len(kept)].isalnum() or text[len(kept) - 1] in " "
        assert "13," not in cut or "13,800" in cut


def run_cli(capsys, *argv):
    from ssrtui.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_answer_line_above_the_hits(capsys, small_data):
    code, out, _ = run_cli(capsys, "search", "how", "many", "gendarmes", "--data", str(small_data))
    assert code == 0
    first, blank, hit = out.splitlines()[:3]
    assert first == "→ National Gendarmerie: Personnel: 4,000 (2015) — Test document"
    assert blank == "" and hit.startswith("gendarmerie")


def test_cli_json_carries_the_answer_on_the_top_hit(capsys, small_data):
    import json

    code, out, _ = run_cli(capsys, "search", "is", "EUCAP", "still", "active", "--json", "--data", str(small_data))
    hits = json.loads(out)
    assert code == 0 and hits[0]["id"] == "eucap"
    assert hits[0]["answer"]["text"].startswith("EUCAP Sahel Mali: active (as of 27 Jan 2025)")
    assert hits[0]["answer"]["source"] == "doc" and "answer" not in hits[1:]


def test_cli_says_what_to_try_when_nothing_matches(capsys, small_data):
    code, out, err = run_cli(capsys, "search", "polxxe", "--data", str(small_data))
    assert code == 0 and out == ""
    assert err.strip() == "no matches; did you mean: police"
    code, out, err = run_cli(capsys, "search", "qqqqqqqqq", "--data", str(small_data))
    assert code == 0 and err.startswith("no matches; try a name, an acronym or a year")


@pytest.mark.parametrize("query, intent, words", [
    ("who leads EUCAP", "leader", ["eucap"]),
    ("qui dirige l'EUCAP", "leader", ["eucap"]),
    ("current president of Mali", "leader", ["president", "mali"]),
    ("how many soldiers", "figure", ["soldiers"]),
    ("combien de gendarmes", "figure", ["gendarmes"]),
    ("when did the coup happen", "date", ["coup"]),
    ("quand a eu lieu le coup", "date", ["coup"]),
    ("where is EUCAP based", "place", ["eucap"]),
    ("où se trouve l'EMP-ABB", "place", ["emp", "abb"]),
    ("is EUTM still active", "status", ["eutm"]),
    ("which donors fund justice reform", "relation", ["justice", "reform"]),
    ("qui finance la réforme de la justice", "relation", ["reforme", "justice"]),
    ("gendarmerie", None, ["gendarmerie"]),
])
def test_questions_are_read_in_english_and_french(query, intent, words):
    from ssrtui.question import parse

    q = parse(query)
    assert (q.intent, q.words) == (intent, words)


def test_facets_are_read_from_the_query():
    from ssrtui.question import parse

    q = parse("kind:donors status:active 2012-2015 justice")
    assert (q.kind, q.status, q.years, q.words) == ("donor", "active", (2012, 2015), ["justice"])
    assert parse("year:2012").years == (2012, 2012)
    assert parse("type:timeline").kind == "event" and parse("kind:people").kind == "person"
    assert "not a year" in parse("year:soon").problem


def test_a_named_entity_the_other_words_miss_still_shows_right_after_the_top_hit():
    events = [rec(f"ev{i}", "event", f"Japan budget talks, round {i}", date=f"201{i}") for i in range(6)]
    data = Dataset.from_records([rec("japan", "donor", "Japan"), *events])
    found = ids(data.search("japan budget"))
    assert found[0].startswith("ev") and found[1] == "japan" and len(found) == 7

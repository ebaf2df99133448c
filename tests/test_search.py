"""Search ranking as a user typing in the field would notice it."""

from __future__ import annotations

import pytest

from ssrtui.dataset import Dataset
from ssrtui.textfold import fold


def rec(id, kind, name, **extra):
    return {"id": id, "kind": kind, "name": name, **extra}


@pytest.fixture
def data():
    return Dataset.from_records([
        rec("gendarmerie", "force", "National Gendarmerie", aliases=["Gendarmerie nationale"], summary="Military-status internal security force."),
        rec("police", "force", "National Police", aliases=["Police nationale"], summary="Works with the gendarmerie."),
        rec("cnrss", "institution", "National Council for Security Sector Reform", aliases=["CNRSS", "Conseil national pour la réforme du secteur de la sécurité"]),
        rec("gprs", "institution", "Multidisciplinary Focus Group on Security Sector Reform", aliases=["GPRS"], summary="Led to the CNRSS."),
        rec("emp-abb", "institution", "Alioune Blondin Beye Peacekeeping School", aliases=["EMP-ABB", "École de maintien de la paix"]),
        rec("term-ssr", "term", "SSR", aliases=["Security Sector Reform"]),
    ])


def names(hits):
    return [r["id"] for r, _ in hits]


def test_fold_drops_accents_and_case():
    assert fold("École SÉCURITÉ") == "ecole securite"


def test_exact_acronym_ranks_first(data):
    assert names(data.search("cnrss"))[0] == "cnrss"
    assert names(data.search("SSR"))[0] == "term-ssr"


def test_accents_and_case_do_not_matter(data):
    assert names(data.search("securite"))[0] == "cnrss"
    assert names(data.search("ÉCOLE"))[0] == "emp-abb"


def test_prefix_while_typing(data):
    assert names(data.search("gend"))[0] == "gendarmerie"
    assert names(data.search("peacek"))[0] == "emp-abb"


def test_multi_word_queries_rank_all_words_first(data):
    found = names(data.search("national police"))
    assert found[0] == "police"
    # the Gendarmerie shares only "national" (and mentions police in no field): it comes after
    assert found.index("gendarmerie") > 0
    assert set(names(data.search("security reform"))[:3]) == {"cnrss", "gprs", "term-ssr"}


def test_ties_go_to_the_newest():
    data = Dataset.from_records([
        rec("old", "event", "Head of mission appointed", date="2017-10-01"),
        rec("new", "event", "Head of mission appointed", date="2023-04-11"),
    ])
    assert names(data.search("head of mission")) == ["new", "old"]


def test_typo_tolerance(data):
    assert names(data.search("gendarmery"))[0] == "gendarmerie"
    assert names(data.search("polise"))[0] == "police"


def test_name_hits_outrank_summary_hits(data):
    found = names(data.search("gendarmerie"))
    assert found[0] == "gendarmerie" and "police" in found


def test_hyphenated_acronym(data):
    assert names(data.search("emp-abb"))[0] == "emp-abb"
    assert names(data.search("EMP ABB"))[0] == "emp-abb"


def test_kind_filter_and_limit(data):
    assert names(data.search("national", kind="institution")) == ["cnrss"]
    assert len(data.search("security", limit=1)) == 1


def test_nothing_for_noise(data):
    assert data.search("   ") == []
    assert data.search("zzzzzz") == []


def test_typos_tolerated_grow_with_the_word_and_keep_its_first_letter(data):
    assert names(data.search("gendarmeire"))[0] == "gendarmerie"  # two edits from 7 letters on
    assert data.search("plocie") == []  # two edits in a short word
    assert data.search("bolice") == []  # another first letter
    assert data.ask("oplice").suggestion == "did you mean: police"  # a swap of the first two letters


def test_question_words_and_plurals():
    data = Dataset.from_records([
        rec("eucap", "mission", "EUCAP Sahel Mali"),
        rec("ev-head", "event", "Peter Grabow Kolding becomes Head of EUCAP Sahel Mali", date="2023-04-11"),
        rec("other", "event", "Who knows", date="2012-03"),
    ])
    # the entity the question names comes first, then what mentions its head
    assert names(data.search("who heads eucap"))[:2] == ["eucap", "ev-head"]
    assert names(data.search("who"))[0] == "other"


def test_years_find_dated_records():
    data = Dataset.from_records([
        rec("coup", "event", "Military coup", date="2012-03-21"),
        rec("talks", "event", "Peace talks", date="2014-04"),
        rec("afisma", "mission", "AFISMA", start="2012-12-20", end="2013-07-01"),
    ])
    assert set(names(data.search("2012"))) == {"coup", "afisma"}
    assert names(data.search("2013")) == ["afisma"]

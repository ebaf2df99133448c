"""The bundled dataset: cited, verbatim, glossed, connected and current."""

from __future__ import annotations

import re

import pytest

from ssrtui import schema
from ssrtui.paths import bundled_data_dir
from ssrtui.textfold import compact
from ssrtui.validate import compile_data

_WORD = re.compile(r"[A-Za-z][A-Za-z/-]*[A-Za-z]|[A-Z]")


@pytest.fixture(scope="module")
def compiled():
    return compile_data([bundled_data_dir()])


@pytest.fixture(scope="module")
def records(compiled):
    return compiled.records


def test_bundled_data_validates_cleanly(compiled):
    assert [str(p) for p in compiled.problems] == []
    assert len(compiled.records) > 300


def test_every_record_cites_a_verbatim_quote_from_a_local_document(records):
    by_id = {r["id"]: r for r in records}
    missing = [
        r["id"] for r in records
        if not any(c.get("quote") and "path" in by_id[c["source"]] for c in r.get("sources", []))
    ]
    assert missing == []


def test_one_source_record_per_seed_document(records):
    paths = {r.get("path") for r in records if r["kind"] == "source"}
    assert {
        "seeds/000_5902438986ec43b3.txt", "seeds/001_62ad94787b3894f8.txt",
        "seeds/002_c68ea23e054104cd.txt", "seeds/003_7ef3d32df57df0d5.txt",
        "seeds/004_fbfbd9cec617d8a7.txt",
    } <= paths


def is_acronym(word: str) -> bool:
    uppers = sum(ch.isupper() for ch in word)
    return len(word) >= 2 and uppers >= 2 and uppers * 2 >= len(word)


def acronyms(text: str) -> set[str]:
    """Acronym-like words; a joined word (EMP-ABB, UN/UNDP) is kept whole."""
    return {word for word in _WORD.findall(text) if any(is_acronym(p) for p in re.split(r"[-/]", word))}


def test_every_acronym_in_record_text_has_a_glossary_term(records):
    known = set()
    for rec in records:
        if rec["kind"] == "term":
            for name in [rec["name"], *rec.get("aliases", [])]:
                known.add(compact(name))
    missing = {}
    for rec in records:
        if rec["kind"] == "source":
            continue
        text = " ".join([rec["name"], rec.get("summary", ""), rec.get("description", "")])
        for acr in acronyms(text):
            parts = [acr] if compact(acr) in known else [p for p in re.split(r"[-/]", acr) if is_acronym(p)]
            for part in parts:
                key = compact(part)
                if key not in known and key.removesuffix("s") not in known and not re.fullmatch(r"[ivx]+", key):
                    missing.setdefault(part, rec["id"])
    assert missing == {}


def test_no_orphans(records):
    linked = set()
    for rec in records:
        for link in rec.get("links", []):
            linked.add(rec["id"])
            linked.add(link["to"])
    orphans = [r["id"] for r in records if r["kind"] not in ("source", "term") and r["id"] not in linked]
    assert orphans == []


def test_missions_programmes_and_agreements_carry_a_dated_status(records):
    lacking = [
        r["id"] for r in records
        if r["kind"] in ("mission", "programme", "agreement") and not ("status" in r and "status_as_of" in r)
    ]
    assert lacking == []


def test_every_kind_the_tui_shows_has_records(records):
    kinds = {r["kind"] for r in records}
    assert kinds == set(schema.KINDS)


def test_disputed_facts_are_flagged(records):
    by_id = {r["id"]: r for r in records}
    for rid in ("issat-mandate-eu-comprehensive-training", "ev-2015-eu-training", "ev-2013-elections-first-round",
                "algiers-agreement-2015", "eutm-mali", "dcaf", "ev-2012-coup", "transition-roadmap-2020"):
        assert by_id[rid].get("disputed"), rid


def test_agreeing_sources_are_not_flagged_disputed(records):
    """EUCAP's formation (15 April 2014) and launch (15 January 2015) are two events, not a disagreement."""
    eucap = next(r for r in records if r["id"] == "eucap-sahel-mali")
    assert not eucap.get("disputed")
    assert "15 April 2014" in eucap["description"] and "15 January 2015" in eucap["description"]


@pytest.mark.parametrize("query, expected", [
    ("gendarmerie", "national-gendarmerie"),
    ("Gendarmerie nationale", "national-gendarmerie"),
    ("garde nationale", "national-guard"),
    ("FAMa", "malian-armed-forces"),
    ("MISMA", "afisma"),
    ("CNRSS", "cnrss"),
    ("EMP-ABB", "emp-abb"),
    ("PRODEJ", "prodej"),
    ("Peter Grabow Kolding", "peter-grabow-kolding"),
    ("ISSPC", "isspc"),
    ("Ouagadougou", "ouagadougou-agreement-2013"),
    ("Algiers agreement", "algiers-agreement-2015"),
    ("algiers", "algiers-agreement-2015"),
    ("eucap", "eucap-sahel-mali"),
    ("Africa Corps", "africa-corps"),
    ("CRSS", "crss"),
    ("MOJWA", "mojwa"),
    ("LOPM", "lopm"),
    ("ombudsman", "mediator-of-the-republic"),
])
def test_natural_queries_find_the_record_first(query, expected):
    from ssrtui.store import open_dataset

    data = open_dataset()
    assert data.search(query, kind=data.get(expected)["kind"])[0][0]["id"] == expected


COPY_RUN = 10  # words: long enough that names and dates do not count, short of any real sentence


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.casefold())


def test_no_summary_or_description_copies_a_source_sentence(records):
    """Facts are carried over, never sentences: quotes are where verbatim text belongs."""
    runs: set[tuple[str, ...]] = set()
    for document in (bundled_data_dir().parent / "seeds").iterdir():
        words = _words(document.read_text(encoding="utf-8"))
        runs |= {tuple(words[i:i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)}
    copied = []
    for rec in records:
        if rec["kind"] in ("term", "source"):  # a glossary entry gives the official expansion
            continue
        for field in ("summary", "description"):
            words = _words(rec.get(field, ""))
            for i in range(len(words) - COPY_RUN + 1):
                if tuple(words[i:i + COPY_RUN]) in runs:
                    copied.append(f"{rec['id']}.{field}: {' '.join(words[i:i + COPY_RUN])}")
                    break
    assert copied == []


def test_glossary_terms_define_and_are_never_linked_to_as_entities(records):
    kinds = {r["id"]: r["kind"] for r in records}
    into_terms = [(r["id"], link["to"]) for r in records for link in r.get("links", ()) if kinds[link["to"]] == "term"]
    assert into_terms == []

"""The timeline's events and filters, in the core (no interface): what the Timeline tab shows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssrtui.dataset import Dataset
from ssrtui.periods import periods
from ssrtui.timeline import Timeline, day_in_year, parse_period, starts_year
from tui_helpers import bundled


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(bundled())


def ids(events) -> list[str]:
    return [rec["id"] for rec in events]


def test_every_event_in_date_order_with_the_year_shown_once_per_year(timeline):
    shown = timeline.select()
    assert ids(shown) == ids(bundled().of_kind("event")) and len(shown) == shown.total
    years = [(rec.get("date") or "")[:4] for i, rec in enumerate(shown) if starts_year(shown, i)]
    assert years == sorted(set(years)) and "2012" in years  # one row opens each year, in order
    coup = shown[shown.index_of("ev-2012-coup")]
    assert day_in_year(coup) and "2012" not in day_in_year(coup)  # "21 March": the year is on its group's row
    assert day_in_year(shown[shown.index_of("ev-1968-coup")]) == ""  # a year only: nothing to add


@pytest.mark.parametrize(("typed", "expected", "absent"), [
    ("coup", {"ev-1968-coup", "ev-2012-coup", "ev-2020-coup", "ev-2021-coup"}, "ev-2015-eucap-launch"),
    ("KEÏTA", {"ev-1968-coup", "ev-2013-elections-runoff", "ev-2020-coup"}, "ev-2012-coup"),  # accents and case
    ("keita", {"ev-1968-coup", "ev-2013-elections-runoff", "ev-2020-coup"}, "ev-2012-coup"),
    ("mini", {"ev-2014-lawyers", "ev-2014-cnrss"}, "ev-2012-coup"),  # a word being typed
    ("minsuma", {"ev-2013-minusma-established", "ev-2013-afisma-handover"}, "ev-2012-coup"),  # a typo
    ("coup 2012", {"ev-2012-coup"}, "ev-2020-coup"),  # every word must match
    ("the coup of 2020", {"ev-2020-coup"}, "ev-2012-coup"),  # question words left out
])
def test_words_filter_by_the_search_rules(timeline, typed, expected, absent):
    found = set(ids(timeline.select(typed)))
    assert expected <= found and absent not in found


def test_no_word_leaves_every_event(timeline):
    assert len(timeline.select(" - ")) == len(bundled().of_kind("event"))


def test_period_keeps_the_events_of_those_years():
    assert parse_period("2012–2015") == (2012, 2015) and parse_period("2015-2012") == (2012, 2015)
    assert parse_period("2012") == (2012, 2012) and parse_period("2012-") == (2012, 9999)
    assert parse_period("") is None and parse_period("twenty") is None
    shown = Timeline(bundled()).select(period="2013-2014")
    assert shown.period == (2013, 2014) and len(shown)
    assert {(rec.get("date") or "")[:4] for rec in shown} == {"2013", "2014"}


def test_undated_events_are_outside_every_period():
    data = Dataset.from_records([
        {"id": "e1", "kind": "event", "name": "Dated", "date": "2012-03-01"},
        {"id": "e2", "kind": "event", "name": "Undated happening"},
    ])
    timeline = Timeline(data)
    assert ids(timeline.select()) == ["e1", "e2"] and ids(timeline.select(period="1900-")) == ["e1"]


def test_events_not_side_by_side_in_the_data_are_all_found():
    """Records handed over in their own order (presorted): the events are found wherever they are."""
    data = Dataset.from_records([
        {"id": "e1", "kind": "event", "name": "First", "date": "2012"},
        {"id": "m1", "kind": "mission", "name": "A mission"},
        {"id": "e2", "kind": "event", "name": "Second", "date": "2013"},
    ], presorted=True)
    assert ids(Timeline(data).select()) == ["e1", "e2"] and ids(Timeline(data).select("second")) == ["e2"]


@pytest.mark.parametrize(("actor", "named", "events"), [
    ("Denmark", ["denmark"], ["ev-2013-danish-programme", "ev-2015-danish-democracy-programme"]),
    ("danish", ["denmark"], ["ev-2013-danish-programme", "ev-2015-danish-democracy-programme"]),  # an alias
    ("EUCAP", ["eucap-sahel-mali"], ["ev-2014-eucap-established", "ev-2014-issat-backstopping", "ev-2015-eucap-launch"]),
    ("Denm", ["denmark"], ["ev-2013-danish-programme", "ev-2015-danish-democracy-programme"]),  # being typed
])
def test_a_named_actor_keeps_the_events_linked_to_it(timeline, actor, named, events):
    shown = timeline.select(actor=actor)
    assert shown.actors.kind is None and ids(shown.actors.records) == named
    assert ids(shown) == events


def test_a_kind_of_actor_keeps_the_events_involving_one(timeline):
    shown = timeline.select(period="2012-2015", actor="armed groups")
    assert shown.actors.kind == "group"
    assert "ev-2012-islamists-take-north" in ids(shown) and "ev-2015-lopm-adopted" not in ids(shown)
    every_year = timeline.select(actor="Armed group")  # the singular, any case, names the kind too
    assert every_year.actors.kind == "group" and set(shown.positions) < set(every_year.positions)


def test_an_actor_nobody_is_named_leaves_no_event(timeline):
    shown = timeline.select(actor="Atlantis")
    assert shown.actors.records == () and len(shown) == 0


def test_a_growing_word_narrows_the_last_result(timeline):
    timeline.select("minis")
    shown = timeline.select("ministry")
    assert timeline.narrowed and ids(shown) == ids(Timeline(bundled()).select("ministry"))


def test_a_typo_or_a_dropped_question_word_is_filtered_afresh():
    """'minsum' -> 'minsuma' becomes a typo of 'minusma'; 'coup th' -> 'coup the' drops 'the': both widen."""
    timeline = Timeline(bundled())
    timeline.select("coup th")
    widened = timeline.select("coup the")
    assert not timeline.narrowed and ids(widened) == ids(timeline.select("coup"))
    assert len(timeline.select("minsum")) == 0
    assert len(timeline.select("minsuma")) and not timeline.narrowed


# Fragments a user types: words of the data, variants, synonyms, typos, question words, accents.
FRAGMENTS = ["coup", "mal", "mali", "malian", "i", "n", "x", "e", "s", " ", " ", "of", "the", "mini", "stry", "soldier",
             "troops", "minsuma", "eucap", "keï", "ta", "é", "2012", "20", "gend", "arm", "reform", "-", "police", "q"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join))
def test_typing_a_query_key_by_key_gives_what_a_fresh_filter_gives(query):
    """Each keystroke narrows (or refilters) the last result; the events equal a filter from scratch."""
    typing = Timeline(bundled())
    for end in range(1, len(query) + 1):
        assert typing.select(query[:end]).positions == Timeline(bundled()).select(query[:end]).positions, query[:end]


def test_the_period_strip_lists_periods_overlapping_the_years():
    data = bundled()
    shown = periods(data, (2014, 2015))
    assert shown and all(p.first <= 2015 and p.last >= 2014 for p in shown)
    assert [p.first for p in shown] == sorted(p.first for p in shown)
    assert {p.record["kind"] for p in periods(data)} <= {"mission", "programme", "agreement"}
    assert "minusma" in {p.record["id"] for p in shown}

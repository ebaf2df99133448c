"""A record's date, the years it covers, and the one way dates are written."""

from __future__ import annotations

import json
import re

import pytest

from ssrtui import dates


@pytest.mark.parametrize("rec, placed, year", [
    ({"date": "2012-03-22", "start": "2011"}, "2012-03-22", 2012),  # an event's date wins
    ({"start": "2013-01", "end": "2014"}, "2013-01", 2013),
    ({"end": "2022"}, "2022", 2022),  # known only by its end: placed there, not undated
    ({}, None, None),
])
def test_a_record_is_placed_at_its_date_else_start_else_end(rec, placed, year):
    assert dates.record_date(rec) == placed and dates.record_year(rec) == year


@pytest.mark.parametrize("rec, span", [
    ({"date": "2012-03-22"}, (2012, 2012)),
    ({"start": "2013", "end": "2016-06"}, (2013, 2016)),
    ({"start": "2013", "status": "active"}, (2013, 2025)),  # runs on to the data's year
    ({"start": "2013"}, (2013, 2025)),  # no status, no end: still running
    ({"start": "2013", "status": "ended"}, (2013, 2013)),  # ended at a date nobody stated
    ({"start": "2030", "status": "planned"}, (2030, 2030)),  # never before its own start
    ({"end": "2019"}, (2019, 2019)),
    ({}, None),
])
def test_the_years_a_record_covers(rec, span):
    assert dates.year_span(rec, until=2025) == span


@pytest.mark.parametrize("text, shown", [
    ("2012-12-20", "20 Dec 2012"), ("2012-04", "Apr 2012"), ("2012", "2012"), ("", ""),
    ("2024-01-02 13:45", "2 Jan 2024 13:45"), ("2024-01-02 13:45:10", "2 Jan 2024 13:45"),
])
def test_one_form_for_a_day_a_month_a_year_and_a_time(text, shown):
    assert dates.display(text) == shown


@pytest.mark.parametrize("start, end, ongoing, shown", [
    ("2012", "2013", False, "2012–2013"),
    ("2012-04", "2013-06", False, "Apr 2012 – Jun 2013"),
    ("2012-04", None, False, "from Apr 2012"),  # the end is not known
    ("2012-04", None, True, "since Apr 2012"),  # known to be under way
    (None, "2022", False, "until 2022"),
    ("2013", "2013", False, "2013"),
])
def test_one_form_for_a_period(start, end, ongoing, shown):
    assert dates.period(start, end, ongoing) == shown


def test_lists_write_a_period_by_its_years_and_keep_a_days_date():
    assert dates.when({"start": "2015-01-15", "end": "2027-01-31"}, years=True) == "2015–2027"
    assert dates.when({"start": "2015-01-15", "status": "active"}, years=True) == "since 2015"
    assert dates.when({"date": "2012-12-20"}, years=True) == "20 Dec 2012"
    assert dates.when({"start": "2015-01-15", "end": "2027-01-31"}) == "15 Jan 2015 – 31 Jan 2027"


# ---- every view writes a date the same way (issue #12) ---------------------------------------

AFISMA_WHEN = "20 Dec 2012 – 1 Jul 2013"


async def test_the_list_timeline_detail_and_status_line_write_dates_one_way(tmp_path):
    from tui_helpers import bundled, make_app, screen_text

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.ready.wait()
        app.open_record("afisma", focus_links=False)
        await pilot.pause()
        text = screen_text(app)
        assert f"When: {AFISMA_WHEN}" in text  # the detail
        row = next(line for line in text.splitlines() if line.startswith(" AFISMA "))
        assert "2012–2013" in row.split("▕")[0]  # the list: a period by its years
        assert "until 2022" in text  # Operation Barkhane: known only by its end
        assert f"data current to {dates.display(bundled().as_of())}" in text and "27 Jan 2025" in text
        app.open_record("ev-2012-coup", focus_links=False)
        await pilot.pause()
        lists = [re.split("[▕▏]", line)[0] for line in screen_text(app).splitlines() if re.search("[▕▏]", line)]
        row = next(part for part in lists if "Military coup" in part)
        assert "21 Mar Military coup" in row  # the timeline: the day as everywhere, its year once on its group's first row


def test_show_and_the_markdown_export_write_dates_as_the_interface_and_json_keeps_iso(capsys):
    from ssrtui.cli import main
    from tui_helpers import FIXTURE

    def run(*argv):
        code = main(list(argv))
        return code, capsys.readouterr().out

    assert f"When: {AFISMA_WHEN}" in run("show", "afisma", "--data", str(FIXTURE))[1]
    code, out = run("export", "--format", "markdown", "--kind", "mission", "--data", str(FIXTURE))
    assert f"- **When:** {AFISMA_WHEN}" in out
    code, out = run("export", "--format", "json", "--kind", "mission", "--data", str(FIXTURE))
    afisma = next(r for r in json.loads(out)["records"] if r["id"] == "afisma")
    assert (afisma["start"], afisma["end"]) == ("2012-12-20", "2013-07-01")


def test_the_notes_file_writes_when_a_note_was_saved_as_every_date(tmp_path):
    from ssrtui.notes import NotesStore

    store = NotesStore(tmp_path / "notes.json")
    store.set_note("afisma", "Ask about the handover")
    saved = store.notes()["afisma"]["updated"]  # kept as an ISO stamp for machines
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", saved)
    assert f"*{dates.display(saved)}*" in store.export({"afisma": "AFISMA"})
    assert re.search(r"\*\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}\*", store.export({"afisma": "AFISMA"}))

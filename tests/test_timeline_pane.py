"""The Timeline tab as painted on a laptop's 80×24 terminal (issue #12), on the fixture data."""

from __future__ import annotations

import re

from tui_helpers import bundled, make_app, screen_text

SMALL = (80, 24)


async def open_timeline(app, pilot):
    await app.ready.wait()
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    return app.active_pane()


def list_lines(text: str) -> list[str]:
    """The event list's part of each screen line (left of the border before the detail)."""
    return [re.split("[▕▏]", line)[0] for line in text.splitlines() if re.search("[▕▏]", line)]


def event_rows(text: str) -> list[str]:
    names = [rec["name"][:20] for rec in bundled().of_kind("event")]
    return [line for line in list_lines(text) if any(name in line for name in names)]


async def test_at_80x24_the_strip_is_folded_and_a_dozen_readable_events_show_each_year_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_timeline(app, pilot)
        text = screen_text(app)
        assert "Periods of missions" not in text and "s: show periods" in text
        rows = event_rows(text)
        assert len(rows) >= 12
        for row in rows:  # a title keeps its words up to 20 characters and more, not ~15
            title = row[13:].split("  ")[0].strip()  # not the scrollbar beside it
            name = next(rec["name"] for rec in bundled().of_kind("event") if rec["name"].startswith(title.rstrip("…")))
            assert title == name or (len(title) > 20 and name[len(title) - 1] == " "), title
        for hint in ("/ words, e.g. coup, EUCAP", "y years, 2012-2015", "a actor: Denmark, donors"):
            assert hint in text  # the filter hints are whole
        # each year written once, on the row of its first event (no header row, no year in every row)
        lines = list_lines(text)
        opening = [line for line in lines if re.match(r"^.(19|20)\d\d ", line)]
        assert [line[1:5] for line in opening] == sorted({line[1:5] for line in opening})  # once each, in order
        assert all(line[6:].strip() for line in opening)  # on an event's row
        assert "2013" in "".join(opening) and sum("2013" in line[:6] for line in lines) == 1


async def test_s_unfolds_the_strip_and_its_year_axis_fits_on_one_line(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        title = next(i for i, line in enumerate(lines) if "Periods of missions" in line)
        axis, first_bar = lines[title + 1], lines[title + 2]
        years = re.findall(r"\d+", axis)
        assert len(years) >= 3 and all(len(year) == 4 for year in years)  # whole years, never "24252627"
        assert [int(y) for y in years] == sorted(int(y) for y in years)
        assert "█" in first_bar and not re.fullmatch(r"[\d\s]*", first_bar)  # no wrapped axis under it
        assert "s: hide periods" in "\n".join(lines)
        await pilot.press("s")
        await pilot.pause()
        assert "Periods of missions" not in screen_text(app)


async def test_the_strip_shows_by_default_on_a_tall_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_timeline(app, pilot)
        assert "Periods of missions" in screen_text(app)


async def test_at_80x24_an_actor_is_found_by_name_and_completed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        pane = await open_timeline(app, pilot)
        await pilot.press("a", *"Den")
        await pilot.pause()
        assert "Denmark" in screen_text(app)  # the completion is offered in the field
        await pilot.press("right", "enter")
        await pilot.pause()
        assert pane.actor_input.value == "Denmark"
        assert [row.record["id"] for row in pane.record_list.rows] == ["ev-2013-danish-programme", "ev-2015-danish-democracy-programme"]
        text = screen_text(app)
        assert "2 of 48 events · actor Denmark" in text
        await pilot.press("a", "ctrl+u", *"Atlantis")
        await pilot.pause()
        assert "No actor is named 'Atlantis'." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert pane.actor_input.value == "" and len(pane.record_list.rows) == 48 and pane.record_list.has_focus


async def test_typing_words_narrows_the_rows_as_the_core_does(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        pane = await open_timeline(app, pilot)
        await pilot.press("slash", *"minusma")
        await pilot.pause()
        shown = [row.record["id"] for row in pane.record_list.rows]
        assert "ev-2013-minusma-established" in shown and "ev-2012-coup" not in shown
        assert pane.timeline.narrowed  # each letter filtered the last letter's events
        assert f"{len(shown)} of 48 events" in screen_text(app)

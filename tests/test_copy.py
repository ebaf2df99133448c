"""Copying from the keyboard: y copies the open record's citation, Y offers its parts and the
highlighted link; the text goes to the app's clipboard (OSC 52) and one line says what was copied."""

from __future__ import annotations

from ssrtui.citation import citation, parts
from ssrtui.tui.copy_menu import CopyMenu
from tui_helpers import bundled, make_app, record_notifications, screen_text

SIZE = (80, 24)


async def opened(app, pilot, record_id: str, focus_links: bool = False):
    await app.ready.wait()
    await pilot.pause()
    assert app.open_record(record_id, focus_links=focus_links)
    await pilot.pause()


def test_a_citation_names_the_record_then_each_source_with_title_date_passage_and_address():
    data = bundled()
    lines = citation(data, data.get("eucap-sahel-mali")).split("\n")
    assert lines[0] == "EUCAP Sahel Mali (Mission, eucap-sahel-mali)"
    assert ("Source: Agence Europe bulletin 12930: EU suspends operational training in Mali, Agence Europe, "
            "Apr 2022. https://agenceurope.eu/en/bulletin/article/12930/8") in lines
    assert any(line.startswith("Source: “EUCAP Sahel Mali was launched on 15 January 2015") and "seeds/" in line
               for line in lines)
    assert len(lines) == 1 + len(data.get("eucap-sahel-mali")["sources"])


def test_parts_leave_out_what_a_record_lacks():
    data = bundled()
    offered = [what for what, _ in parts(data, data.get("eucap-sahel-mali"))]
    assert offered == ["Citation", "Name", "Id", "Summary", "Page address"]
    bare = {"id": "x", "kind": "term", "name": "Bare term"}
    assert parts(data, bare) == [("Citation", "Bare term (Term, x)\nNo source cited."), ("Name", "Bare term"), ("Id", "x")]


async def test_y_copies_the_citation_and_says_so_in_one_line(tmp_path):
    app = make_app(tmp_path)
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "national-gendarmerie")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == citation(bundled(), bundled().get("national-gendarmerie"))
        assert said[-1] == ("Copied the citation: National Gendarmerie (Security force, national-gendarmerie) (+3 more lines)",
                            "information")


async def test_capital_y_offers_the_parts_and_copies_the_one_chosen(tmp_path):
    app = make_app(tmp_path)
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "eucap-sahel-mali")
        await pilot.press("Y")
        await pilot.pause()
        assert isinstance(app.screen, CopyMenu)
        text = screen_text(app)
        for what in ("Citation", "Name", "Id", "Summary", "Page address"):
            assert what in text
        await pilot.press("down", "down", "enter")  # Citation, Name, Id
        await pilot.pause()
        assert app.screen is app.main
        assert app.clipboard == "eucap-sahel-mali"
        assert said[-1] == ("Copied id: eucap-sahel-mali", "information")


async def test_capital_y_offers_the_highlighted_link_with_its_role(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "eucap-sahel-mali", focus_links=True)
        await pilot.press("Y")
        await pilot.pause()
        await pilot.press("end", "enter")  # the link comes last
        await pilot.pause()
        assert app.clipboard == "Led by: Peter Grabow Kolding (from 11 Apr 2023)"


async def test_escape_closes_the_menu_without_copying(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "eucap-sahel-mali")
        await pilot.press("Y", "escape")
        await pilot.pause()
        assert app.screen is app.main and app.clipboard == ""


async def test_y_is_a_letter_in_a_filter_and_the_years_filter_on_the_timeline(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "eucap-sahel-mali")
        await pilot.press("slash", "y")
        await pilot.pause()
        assert app.active_pane().filter_input.value == "y" and app.clipboard == ""
        await pilot.press("escape", "4", "y")
        await pilot.pause()
        timeline = app.active_pane()
        assert app.focused is timeline.period_input and app.clipboard == ""
        await pilot.press("escape")
        await pilot.pause()
        timeline.record_list.focus()
        await pilot.press("Y")
        await pilot.pause()
        assert isinstance(app.screen, CopyMenu)  # on the timeline Y still copies

"""The record detail at 80×24: focus shown, scrolled by keys, full screen, words found in it,
one scrollbar, ids and charts that fit the width."""

from __future__ import annotations

from textual.color import Color

from ssrtui.tui.record_detail import RecordDetail
from ssrtui.tui.record_text import RecordText
from tui_helpers import make_app, screen_text

SMALL = (80, 24)


async def opened(app, pilot, record_id: str, focus_links: bool = False) -> RecordDetail:
    await app.ready.wait()
    await pilot.pause()
    assert app.open_record(record_id, focus_links=focus_links)
    await pilot.pause()
    return app.active_pane().detail


def painted(app, widget) -> list[str]:
    """The lines of ``widget``'s content (inside its border and padding), as painted."""
    region = widget.content_region
    lines = screen_text(app).split("\n")[region.y: region.bottom]
    return [line[region.x: region.right] for line in lines]


def cell_colour(app, x: int, y: int):
    """The foreground colour painted at (x, y)."""
    at = 0
    for segment in app.screen._compositor.render_strips()[y]:
        if at + len(segment.text) > x:
            return segment.style.color
        at += len(segment.text)
    raise AssertionError("no cell there")


def current_match(app, text: RecordText) -> str:
    """The painted text drawn in the current-match style (its background)."""
    background = text.get_component_rich_style("doc--match-current").bgcolor
    return "".join(seg.text for strip in app.screen._compositor.render_strips() for seg in strip
                   if seg.style and seg.style.bgcolor == background)


async def test_focus_on_the_record_shows_in_the_accent_colour_and_its_keys_scroll_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "national-gendarmerie")
        accent = Color.parse(app.theme_variables["accent"]).rich_color
        edge = (detail.region.x, detail.region.y + 1)
        assert app.focused is app.active_pane().record_list and cell_colour(app, *edge) != accent
        await pilot.press("tab")
        assert app.focused is detail and cell_colour(app, *edge) == accent
        assert "National Gendarmerie" in painted(app, detail)[0]
        await pilot.press("pagedown")
        assert "National Gendarmerie" not in painted(app, detail)[0] and detail.scroll_y > 0
        await pilot.press("end")
        assert any("Tags: " in line for line in painted(app, detail))
        await pilot.press("home")
        assert "National Gendarmerie" in painted(app, detail)[0]


async def test_f_shows_the_record_full_screen_and_esc_gives_the_list_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "national-gendarmerie")
        summary_start = "Military-status force for internal security and order, answering to both the"
        assert summary_start not in screen_text(app)  # split view: the record has half the width
        await pilot.press("f")
        text = screen_text(app)
        assert app.screen.maximized is detail and summary_start in text
        assert "Security forces" not in text and "Air Force" not in text  # no tabs, no list
        await pilot.press("escape")
        text = screen_text(app)
        assert app.screen.maximized is None and "Air Force" in text and app.focused is detail
        await pilot.press("plus")
        assert app.screen.maximized is detail
        await pilot.press("f")
        assert app.screen.maximized is None


async def test_a_link_followed_full_screen_opens_full_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await opened(app, pilot, "national-gendarmerie", focus_links=True)
        await pilot.press("f", "enter")  # the first link: the Ministry of Internal Security
        await pilot.pause()
        assert app.current_record()["id"] == "moi"
        assert app.screen.maximized is app.active_pane().detail
        assert "Ministry of Internal Security and Civil Protection" in screen_text(app).split("\n")[1]
        await pilot.press("escape")
        assert app.screen.maximized is None and app.current_record()["id"] == "moi"


async def test_slash_finds_words_in_the_record_n_and_shift_n_go_through_them(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "national-gendarmerie")
        header, body = detail.query(RecordText)
        await pilot.press("tab", "slash", *"women")
        await pilot.pause()
        total = detail.finder.status.split(" of ")[1]
        assert int(total) >= 4 and "Find:" in screen_text(app) and "1 of " in screen_text(app)
        assert current_match(app, header).lower() == "women"  # in the summary, highlighted
        await pilot.press("enter")
        assert app.focused is detail
        seen = []
        for _ in range(int(total) - 1):
            await pilot.press("n")
            await pilot.pause()
            shown = current_match(app, body)  # every match is scrolled into view, highlighted
            assert shown.lower() == "women", (detail.finder.status, shown)
            seen.append(detail.finder.status)
        assert seen[-1] == f"{total} of {total}" and detail.scroll_y > 0
        await pilot.press("N")
        await pilot.pause()
        assert detail.finder.status == f"{int(total) - 1} of {total}" and current_match(app, body).lower() == "women"
        await pilot.press("escape")
        await pilot.pause()
        assert "Find:" not in screen_text(app) and current_match(app, body) == ""
        await pilot.press("n")  # no search on: n is the note again
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteScreen"


async def test_a_word_found_in_a_link_is_one_enter_away(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "national-gendarmerie")
        await pilot.press("tab", "slash", *"eucap", "enter")
        await pilot.pause()
        assert app.focused is detail.links and "EUCAP Sahel Mali" in detail.links.highlighted_option.prompt.plain
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_record()["id"] == "eucap-sahel-mali"


async def test_one_scrollbar_and_the_highlighted_link_stays_on_screen(tmp_path):
    """A source cited by 100 records: its links never scroll on their own (no second scrollbar);
    the detail follows the highlight down and back up."""
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "src-issat-background", focus_links=True)
        links = detail.links
        for keys in (("down",) * 30, ("j",) * 5, ("G",), ("g",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert links.max_scroll_y == 0 and not links.show_vertical_scrollbar
            shown = "\n".join(painted(app, detail))
            assert links.highlighted_option.prompt.plain.strip()[:20] in shown, keys


async def test_a_long_record_id_breaks_only_after_its_hyphens(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        rid = "national-policy-framework-internal-security"
        detail = await opened(app, pilot, rid)
        lines = [line.strip() for line in painted(app, detail)]
        at = next(i for i, line in enumerate(lines) if line.startswith("Programme ·"))
        pieces, joined = [], lines[at].removeprefix("Programme ·").strip()
        pieces += [joined] if joined else []
        while "".join(pieces) != rid:
            at += 1
            pieces.append(lines[at])
            assert rid.startswith("".join(pieces)), pieces
        assert len(pieces) > 1 and all(piece.endswith("-") for piece in pieces[:-1]), pieces


async def test_the_force_chart_fits_the_detail_and_draws_each_bar_beside_its_figure(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        detail = await opened(app, pilot, "national-gendarmerie")
        body = detail.query(RecordText).last()
        chart = body.render().plain.split("Personnel by force", 1)[1].split("\n\n")[0].split("\n")
        assert len(chart) > 8 and all(len(line) <= body.size.width for line in chart)  # nothing wraps
        await pilot.press("tab", "slash", *"13,800", "enter")  # the chart's first bar, scrolled into view
        await pilot.pause()
        lines = painted(app, detail)
        assert any("13,800" in line and "█" in line for line in lines), lines
        bars = [line for line in lines if "█" in line]
        assert len(bars) >= 4 and all(any(c.isdigit() for c in line) for line in bars)  # each bar with its figure

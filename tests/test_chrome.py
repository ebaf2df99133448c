"""The chrome on a laptop's 80×24 terminal: tab bar, tip, status line, footer, and the `:` go-to line."""

from __future__ import annotations

from ssrtui import dates, schema
from ssrtui.tui.donor_map import DonorMapScreen
from ssrtui.tui.main_screen import TAB_KINDS, TAB_LABELS
from ssrtui.tui.tabs import TabBar
from tui_helpers import bundled, make_app, palette_search, screen_text

SIZE = (80, 24)
TAB_ROW, STATUS_ROW, FOOTER_ROW = 1, -2, -1


async def started(app, pilot):
    """Filled, and the footer recomposed for the focused list (it follows the focus a refresh later)."""
    await app.ready.wait()
    await pilot.pause()
    await pilot.pause()


def painted_row(app, row: int) -> list[tuple[str, object]]:
    """The segments painted on one screen row: (text, rich style)."""
    strips = app.screen._compositor.render_strips()
    return [(segment.text, segment.style) for segment in strips[row]]


def row_text(app, row: int) -> str:
    return screen_text(app).split("\n")[row]


def tab_words() -> set[str]:
    """Every word a tab label may show (full or short), and the edge markers."""
    words = {"‹", "›"}
    for label in TAB_LABELS.values():
        words |= set(label.split()) | {label.split()[-1].capitalize()}
    return words


async def test_the_active_tab_is_scrolled_into_view_and_highlighted(tmp_path):
    """'0' (Glossary, far right at 80 columns) then '2' (Security forces): each time the active tab
    is painted whole, in the active style, and no other tab is."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        bar = app.query_one(TabBar)
        active_bg = bar.get_component_rich_style("tab-bar--active").bgcolor
        for key, kind in (("0", list(schema.KINDS)[9]), ("2", "force")):
            await pilot.press(key)
            await pilot.pause()
            highlighted = [text.strip() for text, style in painted_row(app, TAB_ROW) if style and style.bgcolor == active_bg]
            assert highlighted in ([TAB_LABELS[kind]], [TAB_LABELS[kind].split()[-1].capitalize()]), (key, highlighted)


async def test_tab_labels_are_whole_words_and_hidden_tabs_are_counted(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        for key in ("1", "0", "4", "B"):
            await pilot.press(key)
            await pilot.pause()
            row = row_text(app, TAB_ROW)
            words = row.split()
            assert set(words) - {w for w in words if w.isdigit()} <= tab_words(), row
            shown = len([w for w in words if w in tab_words() - {"‹", "›"}])
            hidden = sum(int(n) for n in words if n.isdigit())
            assert hidden > 0 and ("›" in words or "‹" in words), row  # 15 tabs never fit 80 columns
            assert shown + hidden == len(TAB_KINDS), row


async def test_bookmarks_have_a_key_and_a_palette_entry(tmp_path):
    app = make_app(tmp_path)
    app.notes.toggle_bookmark("cnrss")
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("B")
        await pilot.pause()
        assert app.query_one("#tabs").active == "tab-bookmarks"
        assert "National Council for Security" in screen_text(app)
        await pilot.press("1")
        assert any(line.startswith("Bookmarks") for line in await palette_search(pilot, "bookmarks"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#tabs").active == "tab-bookmarks"


async def test_tip_status_and_footer_keep_their_words_at_80_columns(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        tip, status, footer = row_text(app, 0), row_text(app, STATUS_ROW), row_text(app, FOOTER_ROW)
        assert "F1 help" in tip
        assert dates.display(bundled().as_of()) in status and "0 bookmarks" in status
        assert status.rstrip().endswith("0 bookmarks")  # the last fact whole, nothing cut after it
        offered = [b.description for _, b, _, _ in app.screen.active_bindings.values() if b.show or b.action == "command_palette"]
        words = [word for word in footer.replace("▏", " ").split() if len(word) > 2]  # descriptions, not keys
        assert words and all(any(word in d.split() for d in offered) for word in words), footer  # no "Expo"
        for description in offered:
            assert description.split()[0] not in words or description in footer, footer  # whole or not at all
        assert "Help" in footer and "Filter" in footer


async def test_the_breadcrumb_drops_the_oldest_names_rather_than_cut_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        for record_id in ("national-gendarmerie", "moi", "national-police"):
            app.open_record(record_id)
            await pilot.pause()
        crumb = row_text(app, 0).strip()
        assert crumb.startswith("… › ") and crumb.endswith("National Police"), crumb


async def go_to(pilot, typed: str) -> None:
    await palette_search(pilot, typed, key="colon")


async def test_colon_goes_to_a_tab_by_name_with_completion(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await go_to(pilot, "time")
        text = screen_text(app)
        assert "Timeline" in text and "key 4" in text  # the completion names the tab and its key
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#tabs").active == "tab-event"
        assert "Timeline" in row_text(app, TAB_ROW)


async def test_colon_opens_a_view_or_runs_a_command_by_name(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await go_to(pilot, "donor map")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DonorMapScreen)
        await pilot.press("escape")
        await pilot.pause()
        await go_to(pilot, "bookmark")  # the command, not the tab: it bookmarks the open record
        assert "Bookmark or un-bookmark the open record" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.notes.bookmarks() == [bundled().of_kind("mission")[0]["id"]]
        assert "1 bookmarks" in row_text(app, STATUS_ROW)

"""Snapshot tests of the main screens (update with: pytest tests/test_snapshots.py --snapshot-update)."""

from __future__ import annotations

from notes_fixture import write_notes
from tui_helpers import make_app

SIZE = (120, 36)


async def _ready(pilot):
    await pilot.app.ready.wait()
    await pilot.pause()


def test_missions_screen(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=_ready)


def test_main_screen_at_80x24(snap_compare, tmp_path):
    """A laptop's default terminal: short tab names with the hidden tabs counted, the tip, status line
    and footer without a cut word."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=_ready)


def test_main_screen_at_120x40_after_0_then_2(snap_compare, tmp_path):
    """The tab bar scrolled to Glossary and back to Security forces: the active tab is whole and highlighted."""
    async def glossary_then_forces(pilot):
        await _ready(pilot)
        await pilot.press("0")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=glossary_then_forces)


def test_gendarmerie_detail(snap_compare, tmp_path):
    async def open_gendarmerie(pilot):
        await _ready(pilot)
        pilot.app.open_record("national-gendarmerie", focus_links=False)
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=open_gendarmerie)


def test_timeline_2012_2015(snap_compare, tmp_path):
    async def timeline(pilot):
        await _ready(pilot)
        await pilot.press("4")
        pane = pilot.app.active_pane()
        pane.period_input.value = "2012-2015"
        await pilot.pause()
        pane.record_list.focus()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=timeline)


def test_help_screen(snap_compare, tmp_path):
    async def help_screen(pilot):
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=help_screen)


async def _notes_view(pilot):
    await _ready(pilot)
    await pilot.press("N")
    await pilot.pause()


def test_notes_view_at_80x24(snap_compare, tmp_path):
    """Every note and bookmark (one on a record the data no longer has), the first one's note below."""
    write_notes(tmp_path)
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=_notes_view)


def test_notes_view_at_120x40(snap_compare, tmp_path):
    write_notes(tmp_path)
    assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=_notes_view)

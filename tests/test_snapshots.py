"""Snapshot tests of the main screens (update with: pytest tests/test_snapshots.py --snapshot-update)."""

from __future__ import annotations

import pytest

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


def test_timeline_80x24(snap_compare, tmp_path):
    """The laptop size: the period strip folded, a dozen events with their titles, each year once."""
    async def timeline(pilot):
        await _ready(pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=timeline)


def test_timeline_2012_2015_120x40(snap_compare, tmp_path):
    """A taller terminal: the period strip shown, the years narrowed."""
    async def timeline(pilot):
        await _ready(pilot)
        await pilot.press("4", "y", *"2012-2015", "enter")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), run_before=timeline)


def test_help_screen(snap_compare, tmp_path):
    async def help_screen(pilot):
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=help_screen)


# the record detail (focused, a search under way) and the forces side by side, at 80×24 and 120×40
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@SIZES
def test_detail_focused_with_a_search(snap_compare, tmp_path, size):
    async def find_women(pilot):
        await _ready(pilot)
        pilot.app.open_record("national-gendarmerie", focus_links=False)
        await pilot.pause()
        await pilot.press("tab", "slash", *"women", "enter", "n")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=find_women)


@SIZES
def test_forces_compared(snap_compare, tmp_path, size):
    async def compare(pilot):
        await _ready(pilot)
        await pilot.press("2", "c")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=compare)


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

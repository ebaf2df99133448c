"""Keys typed while the app starts act once the tabs are filled, in the order typed (issue #12: "Keys
pressed in the first ~0.1 s are lost, and a ctrl+p search typed then stays on 'No matches'").

The data is held back by a loader that waits for the test, so the keys surely arrive first.
"""

from __future__ import annotations

import threading

import pytest

from ssrtui import store
from ssrtui.notes import NotesStore
from ssrtui.tui.app import SSRApp
from tui_helpers import FIXTURE, bundled, screen_text

SIZE = (80, 24)


@pytest.fixture
def held_back_data(monkeypatch):
    """The loader waits until the test sets the returned event (as a slow disk would)."""
    gate = threading.Event()
    data = bundled()

    def slow_open(dirs, **kwargs):
        gate.wait(60)
        return data

    monkeypatch.setattr(store, "open_dataset", slow_open)
    return gate


def loading_app(tmp_path) -> SSRApp:
    return SSRApp(data_dirs=[str(FIXTURE)], notes=NotesStore(tmp_path / "notes.json"))


async def until(pilot, condition, rounds: int = 200) -> None:
    """Let the app work until ``condition()`` holds (a bounded number of idle waits, no sleeping)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    assert condition()


async def replayed(app, pilot) -> None:
    await app.ready.wait()
    await until(pilot, lambda: not app.held_keys.busy)
    await pilot.pause()


async def test_tab_and_end_typed_before_the_data_arrives_act_on_the_new_tab(tmp_path, held_back_data):
    app = loading_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "G")
        assert not app.ready.is_set() and app.dataset is None  # the keys really came first
        held_back_data.set()
        await replayed(app, pilot)
        donors = app.pane("donor").record_list
        assert app.query_one("#tabs").active == "tab-donor"
        assert app.focused is donors
        assert donors.current["id"] == bundled().of_kind("donor")[-1]["id"]


async def test_a_filter_typed_before_the_data_arrives_is_applied_whole(tmp_path, held_back_data):
    app = loading_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"gend")
        held_back_data.set()
        await replayed(app, pilot)
        pane = app.pane("force")
        assert pane.filter_input.value == "gend"  # "/" opened the filter before the letters were routed
        assert app.focused is pane.filter_input
        assert pane.record_list.current["name"] == "National Gendarmerie"


async def test_a_palette_search_typed_at_launch_shows_its_hits_once_the_data_arrives(tmp_path, held_back_data):
    app = loading_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"eucap")
        assert app.screen is not app.main  # the palette opened at once, with the words typed in it
        held_back_data.set()
        await app.ready.wait()
        await until(pilot, lambda: "EUCAP Sahel Mali" in screen_text(app))
        assert "No matches" not in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: app.current_record() is not None and app.current_record()["id"] == "eucap-sahel-mali")


async def test_keys_typed_during_the_replay_keep_their_place(tmp_path, held_back_data):
    """A key that arrives while held keys are replayed goes after them, not before."""
    app = loading_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "G")
        held_back_data.set()
        await app.ready.wait()
        await pilot.press("k")  # typed last: acts last, one up from the last force
        await replayed(app, pilot)
        forces = bundled().of_kind("force")
        assert app.pane("force").record_list.current["id"] == forces[-2]["id"]


async def test_q_typed_at_launch_still_quits_at_once(tmp_path, held_back_data):
    app = loading_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None)
        held_back_data.set()
    assert app.return_code == 0

"""Loading a compiled store into the interface: the visible tab's records first, the rest after,
every record one object however it was reached; the detail lists at most a bounded number of links."""

from __future__ import annotations

from ssrtui import links, render
from ssrtui.notes import NotesStore
from ssrtui.store import open_dataset
from ssrtui.tui.app import SSRApp
from ssrtui.tui.main_screen import TAB_KINDS
from tui_helpers import screen_text

SIZE = (140, 44)


def test_one_kind_first_then_every_record_the_same_objects(small_data):
    open_dataset([small_data])  # compiles the store and saves its index beside it
    data = open_dataset([small_data], lazy=True)
    assert not data.in_memory
    forces = data.of_kind("force")  # parsed alone, before the others
    data.load_all()
    assert data.in_memory
    assert all(data.get(rec["id"]) is rec for rec in forces)
    assert [rec["id"] for rec in data.ordered] == [rec["id"] for rec in open_dataset([small_data]).ordered]
    assert data.backlinks == links.every_backlink(data.ordered)


async def test_started_from_a_compiled_store_every_tab_fills(tmp_path, small_data):
    open_dataset([small_data])  # the second start of the interface: the store and its index exist
    app = SSRApp(data_dirs=[str(small_data)], notes=NotesStore(tmp_path / "n.json"))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.pause()
        data = app.dataset
        assert data.in_memory and "6 records" in screen_text(app)
        for kind in TAB_KINDS[:-1]:  # the bookmarks tab lists the user's marks
            rows = [row.record for row in app.pane(kind).record_list.rows if row.record is not None]
            assert [rec["id"] for rec in rows] == [rec["id"] for rec in data.of_kind(kind)]
            assert all(data.get(rec["id"]) is rec for rec in rows)  # following a link finds the very record listed
        await pilot.press("2")  # Security forces: its record is shown when its tab is
        await pilot.pause()
        assert app.current_record()["id"] == app.pane("force").record_list.current["id"]
        assert "National Gendarmerie" in screen_text(app)


def test_a_group_of_links_longer_than_the_limit_says_how_many_are_listed(small_data):
    data = open_dataset([small_data])
    (heading, every), = render.grouped_links(data, data.get("doc"))
    assert heading == f"cited by ({len(every)})" and len(every) > 2
    (heading, listed), = render.grouped_links(data, data.get("doc"), limit=2)
    assert heading == f"cited by (the first 2 of {len(every)})" and listed == every[:2]

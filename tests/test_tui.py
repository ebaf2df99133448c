"""The interface driven from the keyboard, as a field user would."""

from __future__ import annotations

import asyncio

from ssrtui import dates, schema
from ssrtui.dataset import Dataset
from ssrtui.tui.app import SSRApp
from ssrtui.tui.record_list import RecordList
from ssrtui.tui.tabs import TabBar
from tui_helpers import bundled, make_app, palette_search, record_notifications, screen_text

SIZE = (140, 44)


async def started(app, pilot):
    await app.ready.wait()
    await pilot.pause()


def active(app) -> str:
    return app.query_one("#tabs").active


def current(app) -> str | None:
    rec = app.current_record()
    return rec["id"] if rec else None


async def test_first_screen_shows_missions_status_and_counts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        text = screen_text(app)
        assert active(app) == "tab-mission"
        assert "EUCAP Sahel Mali" in text and "MINUSMA" in text
        data = bundled()
        assert f"{len(data)} records" in text and f"data current to {dates.display(data.as_of())}" in text
        assert isinstance(app.focused, RecordList)


async def test_tabs_in_order_and_number_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        labels = app.query_one(TabBar).labels
        assert labels[:4] == ["Missions", "Security forces", "Donors", "Timeline"]
        assert "Glossary" in labels and "Bookmarks" in labels
        for key, kind in (("2", "force"), ("3", "donor"), ("4", "event"), ("1", "mission"), ("0", schema_kind(9))):
            await pilot.press(key)
            await pilot.pause()
            assert active(app) == f"tab-{kind}"


def schema_kind(index: int) -> str:
    return list(schema.KINDS)[index]


async def test_j_k_move_and_detail_follows(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        names = [r["id"] for r in bundled().of_kind("mission")]
        assert current(app) == names[0]
        await pilot.press("j", "j")
        assert current(app) == names[2]
        await pilot.press("k")
        assert current(app) == names[1]
        assert bundled().get(names[1])["name"] in screen_text(app)


async def test_slash_filter_is_accent_and_alias_aware_and_esc_clears(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("2", "slash")
        pane = app.active_pane()
        assert pane.filter_input.has_focus
        pane.filter_input.value = "garde natio"  # as typed (typing itself: test_q_quits_but_not_while_typing)
        await pilot.pause()
        assert pane.record_list.current["id"] == "national-guard"
        pane.filter_input.value = "GENDARMÉRIE"
        await pilot.pause()
        assert pane.record_list.current["id"] == "national-gendarmerie"
        assert pane.record_list.record_count() < len(bundled().of_kind("force"))
        await pilot.press("escape")
        await pilot.pause()
        assert pane.record_list.record_count() == len(bundled().of_kind("force"))
        assert current(app) == "national-gendarmerie"
        assert isinstance(app.focused, RecordList)


async def test_palette_finds_any_record_and_opens_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert any(line.startswith("National Council for Security Sector Reform") for line in await palette_search(pilot, "cnrss"))
        await pilot.press("enter")
        await pilot.pause()
        assert active(app) == "tab-institution"
        assert current(app) == "cnrss"
        assert "Also: CNRSS; Conseil national pour la" in screen_text(app)


async def open_with_links_focused(app, pilot, record_id: str):
    """Start, open a record as the palette does, and return its links, which must have the focus."""
    await started(app, pilot)
    assert app.open_record(record_id)
    await pilot.pause()
    links = app.active_pane().detail.links
    assert app.focused is links
    return links


async def test_drill_down_two_levels_and_back_with_breadcrumb(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_with_links_focused(app, pilot, "national-gendarmerie")
        # first link of the Gendarmerie: under authority of the Ministry of Internal Security
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == "moi" and active(app) == "tab-institution"
        # the ministry's links: walk to the National Police (a backlink: it has authority over it)
        detail = app.active_pane().detail
        target = next(i for i, o in enumerate(detail.links._options) if o.id and o.id.endswith(":national-police"))
        detail.links.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == "national-police" and active(app) == "tab-force"
        crumbs = app.query_one("#breadcrumb").render()
        assert "National Gendarmerie › Ministry of Internal Security and Civil Protection › National Police" in str(crumbs)
        await pilot.press("escape")
        await pilot.pause()
        assert current(app) == "moi"
        await pilot.press("backspace")
        await pilot.pause()
        assert current(app) == "national-gendarmerie"
        await pilot.press("alt+right")
        await pilot.pause()
        assert current(app) == "moi"


async def test_newcomer_finds_who_heads_eucap_and_gendarmerie_ministries(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("j")  # EUCAP Sahel Mali is second in the Missions list
        await pilot.pause()
        assert current(app) == "eucap-sahel-mali"
        text = screen_text(app)
        assert "Led by" in text and "Peter Grabow Kolding (from 11 Apr 2023)" in text
        app.open_record("national-gendarmerie")
        await pilot.pause()
        text = screen_text(app)
        assert "Ministry of Internal Security and Civil Protection" in text
        assert "Ministry of Armed Forces and Former Combatants" in text
        assert "EUCAP Sahel Mali" in text  # supported by


async def test_timeline_grouped_filtered_by_period_and_actor(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        pane = app.active_pane()
        await pilot.press("y")
        assert app.focused is pane.period_input
        pane.period_input.value = "2012-2015"  # as typed (typing into the timeline: test_timeline_text_filter)
        await pilot.pause()
        years = {r.record["date"][:4] for r in pane.record_list.rows if r.record}
        assert years and years <= {"2012", "2013", "2014", "2015"} and {"2012", "2015"} <= years
        dated = [r.record["date"] for r in pane.record_list.rows if r.record]
        assert dated == sorted(dated, key=lambda d: tuple(int(p) for p in d.split("-")) + (0,) * (3 - d.count("-") - 1))
        await pilot.press("enter", "a")
        assert app.focused is pane.actor_input
        pane.actor_input.value = "armed groups"  # as typed
        await pilot.pause()
        ids = {r.record["id"] for r in pane.record_list.rows if r.record}
        assert "ev-2012-islamists-take-north" in ids and "ev-2015-lopm-adopted" not in ids
        assert "Periods of missions" in screen_text(app)  # 44 rows: the period strip is shown
        pane.record_list.focus()
        pane.record_list.highlight_record("ev-2012-islamists-take-north")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert current(app) in {"ansar-dine", "aqim", "mojwa", "mnla"}


async def test_timeline_text_filter(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("4", "slash", *"coup")
        await pilot.pause()
        ids = [r.record["id"] for r in app.active_pane().record_list.rows if r.record]
        assert {"ev-1968-coup", "ev-2012-coup", "ev-2020-coup", "ev-2021-coup"} <= set(ids)
        assert "ev-2015-eucap-launch" not in ids


async def test_export_writes_markdown_and_copies(tmp_path, monkeypatch):
    monkeypatch.setenv("SSRTUI_EXPORT_DIR", str(tmp_path / "exports"))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.open_record("minusma")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        written = (tmp_path / "exports" / "minusma.md").read_text()
        assert written.startswith("## MINUSMA") and "Resolution 2100" in written
        assert app.clipboard == written


async def test_bookmark_and_note(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.open_record("cnrss", focus_links=False)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert app.notes.bookmarks() == ["cnrss"]
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note-text").text = "Ask about northern seats"  # typing: test_ctrl_q_quits_from_the_note_editor...
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.notes.note("cnrss") == "Ask about northern seats"
        assert "Ask about northern seats" in screen_text(app)
        await pilot.press("0")  # tab 10 is Countries; bookmarks is the last tab
        app.query_one("#tabs").active = "tab-bookmarks"
        await pilot.pause()
        assert [r.record["id"] for r in app.pane("bookmarks").record_list.rows] == ["cnrss"]


async def test_help_screen_lists_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert "ctrl+p" in text and "Bookmark" in text and "Back to the previous record" in text
            await pilot.press("escape")
            await pilot.pause()
            assert "Back to the previous record" not in screen_text(app)


async def test_q_quits_but_not_while_typing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.is_running and app.active_pane().filter_input.value == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_terminal_too_small_notice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(50, 12)) as pilot:
        await started(app, pilot)
        assert "Terminal too small" in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "Terminal too small" not in screen_text(app)


async def test_record_text_is_literal_not_markup(tmp_path):
    data = Dataset.from_records([
        {"id": "m", "kind": "mission", "name": "[bold]Mission[/bold] [link=x]y", "summary": "Costs [red]10[/] EUR \\[sic]"},
        {"id": "f", "kind": "force", "name": "Force", "links": [{"to": "m", "role": "supports"}]},
    ])
    app = make_app(tmp_path, dataset=data)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        text = screen_text(app)
        assert "[bold]Mission[/bold] [link=x]y" in text
        assert "Costs [red]10[/] EUR \\[sic]" in text


async def test_loads_off_the_ui_thread_from_data_dirs(tmp_path, small_data):
    from ssrtui.notes import NotesStore

    app = SSRApp(data_dirs=[str(small_data)], notes=NotesStore(tmp_path / "n.json"))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.pause()
        assert current(app) == "eucap"
        assert "6 records" in screen_text(app)


async def test_big_dataset_renders_only_visible_rows(tmp_path):
    records = [{"id": f"ev-{i}", "kind": "event", "name": f"Event number {i}", "date": f"{1900 + i % 120}"} for i in range(100_000)]
    records.append({"id": "m", "kind": "mission", "name": "Only mission", "links": [{"to": "ev-1", "role": "involves"}]})
    app = make_app(tmp_path, dataset=Dataset.from_records(records))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        pane = app.active_pane()
        assert pane.record_list.record_count() == 100_000
        assert len(list(app.query("*"))) < 600  # widgets do not grow with rows
        await pilot.press("end")
        await pilot.pause()
        assert pane.record_list.current is not None
        await pilot.press("slash")
        app.focused.value = "99999"  # the filter field, as typed, without filtering 100,000 events at each key
        await pilot.pause()
        assert [r.record["id"] for r in pane.record_list.rows if r.record] == ["ev-99999"]


async def test_paging_keys_and_ctrl_q(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("4")  # the timeline: over a hundred rows
        await pilot.pause()
        events = bundled().of_kind("event")
        await pilot.press("end")
        assert current(app) == events[-1]["id"]
        await pilot.press("home")
        assert current(app) == events[0]["id"]
        rows = app.active_pane().record_list
        await pilot.press("pagedown")
        paged = rows.highlighted
        assert paged > rows.size.height // 2 and rows.current is not None
        await pilot.press("pageup")
        assert rows.highlighted < paged and rows.current is not None
        await pilot.press("pageup")
        assert current(app) == events[0]["id"]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_theme_picker_from_the_palette(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        before = app.theme
        assert await palette_search(pilot, "theme")
        await pilot.press("enter")  # the palette's theme command lists the themes
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.theme != before


async def test_bookmark_of_vanished_record_is_shown_as_missing(tmp_path):
    app = make_app(tmp_path)
    app.notes.toggle_bookmark("a-record-removed-from-the-data")
    app.notes.toggle_bookmark("cnrss")
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.query_one("#tabs").active = "tab-bookmarks"
        await pilot.pause()
        labels = [r.label for r in app.pane("bookmarks").record_list.rows]
        assert labels == ["a-record-removed-from-the-data (record no longer in the data)", "National Council for Security Sector Reform"]
        assert "record no longer in the data" in screen_text(app)
        assert app.notes.bookmarks() == ["a-record-removed-from-the-data", "cnrss"]


async def test_corrupt_notes_file_is_reported_in_the_interface(tmp_path):
    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.pause()
        toasts = [n.message for n in app._notifications]
        assert any(m.startswith("notes file was damaged and moved to") for m in toasts), toasts


async def test_force_detail_compares_personnel_and_women_across_forces(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 80)) as pilot:
        await started(app, pilot)
        app.open_record("national-guard", focus_links=False)
        await pilot.pause()
        text = screen_text(app)
        assert "Personnel by force" in text
        chart = text.split("Personnel by force", 1)[1]
        # largest first: Armed Forces 13,800, Police 6,000, Gendarmerie 4,000, Guard 3,000
        order = [chart.index(name) for name in ("Malian Armed Forces", "National Police", "National Gendarmerie", "National Guard")]
        assert order == sorted(order)
        women = chart.split("Women", 1)[1]
        assert women.index("National Police") < women.index("National Gendarmerie")
        assert "█" in chart


# --- hardening (issue #9) ---------------------------------------------------------------------

HOSTILE = ["[/x]", "[bold red]x", "[@click=app.quit]x", "[link=http://x]y"]


def small_dataset(*extra: dict) -> Dataset:
    """A few records of the kinds the interface shows first, plus ``extra``."""
    return Dataset.from_records([
        {"id": "m1", "kind": "mission", "name": "Alpha mission", "start": "2015-01-15", "status": "active"},
        {"id": "f1", "kind": "force", "name": "Gendarmerie", "figures": [{"label": "Personnel", "value": 4000, "year": 2015}]},
        {"id": "e1", "kind": "event", "name": "Coup in Bamako", "date": "2012-03-22"},
        *extra,
    ])


async def test_q_at_once_quits_cleanly_while_the_panes_mount(tmp_path):
    for _ in range(3):
        app = make_app(tmp_path, dataset=small_dataset())
        async with app.run_test(size=SIZE) as pilot:
            assert not app.ready.is_set()
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0


async def test_data_arriving_while_a_pane_composes_fills_it_once_it_is_mounted(tmp_path, monkeypatch):
    from ssrtui.tui.panes import RecordPane

    data = small_dataset()
    compose = RecordPane.compose

    def compose_after_data(self):
        self.app._populate(data)  # the loader finishes while this pane has no children yet
        yield from compose(self)

    monkeypatch.setattr(RecordPane, "compose", compose_after_data)
    app = make_app(tmp_path, dataset=data)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.ready.wait(), timeout=30)  # a pane that crashed would never be ready
        await pilot.pause()
        assert [r.record["id"] for r in app.pane("mission").record_list.rows] == ["m1"]
        assert [r.record["id"] for r in app.pane("force").record_list.rows] == ["f1"]
        assert "Alpha mission" in screen_text(app)


async def test_a_record_highlighted_before_the_detail_beside_it_is_mounted_is_shown_once_it_is(tmp_path, monkeypatch):
    """On a busy machine a pane's list can report its record before the detail is mounted: no crash
    (it raised NoMatches under load), and the record shows once the detail is there."""
    from ssrtui.tui.panes import RecordPane
    from ssrtui.tui.record_detail import RecordDetail

    compose = RecordPane.compose

    def detail_held_back(self):
        self.held_back = []
        for widget in compose(self):
            if isinstance(widget, RecordDetail):
                self.held_back.append(widget)  # the list is mounted and filled without it
                continue
            yield widget

    monkeypatch.setattr(RecordPane, "compose", detail_held_back)
    app = make_app(tmp_path, dataset=small_dataset())
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.ready.wait(), timeout=30)
        await pilot.pause()
        pane = app.pane("mission")
        assert pane.record_list.current["id"] == "m1" and not pane.query(RecordDetail) and app.is_running
        await pane.query_one(".pane-body").mount(*pane.held_back)
        for _ in range(100):  # the record deferred to the detail is shown after a refresh
            if pane.detail.record is not None:
                break
            await pilot.pause()
        assert pane.detail.record is not None and pane.detail.record["id"] == "m1"
        assert app.is_running


async def test_record_names_summaries_and_paths_are_never_markup(tmp_path, monkeypatch):
    export = tmp_path / "exports" / "a[/2024]"
    monkeypatch.setenv("SSRTUI_EXPORT_DIR", str(export))
    hostile = [{"id": f"h{i}", "kind": "mission", "name": f"Zeta {text}", "summary": f"About {text} end"} for i, text in enumerate(HOSTILE)]
    app = make_app(tmp_path, dataset=small_dataset(*hostile))
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await started(app, pilot)
        for i, text in enumerate(HOSTILE):
            app.open_record(f"h{i}", focus_links=False)
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
            assert f"Bookmarked: Zeta {text}" in screen_text(app)
            app.clear_notifications()
        assert app.notes.bookmarks() == ["h0", "h1", "h2", "h3"]
        await pilot.press("e")
        await pilot.pause()
        assert (export / "h3.md").exists()
        assert "a[/2024]" in screen_text(app)
        app.clear_notifications()
        for text in HOSTILE:
            await palette_search(pilot, "zeta")
            assert f"About {text} end" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running


async def test_huge_figure_is_text_and_undated_events_leave_only_a_year_filter(tmp_path):
    huge = int("9" * 310)
    data = small_dataset(
        {"id": "f2", "kind": "force", "name": "Huge force", "figures": [{"label": "Personnel", "value": huge}, {"label": "Budget", "value": huge, "year": 2015}, {"label": "Budget", "value": 5, "year": 2016}]},
        {"id": "e2", "kind": "event", "name": "Undated happening"},
    )
    app = make_app(tmp_path, dataset=data)
    async with app.run_test(size=(160, 60)) as pilot:
        await started(app, pilot)
        app.open_record("f2", focus_links=False)
        await pilot.pause()
        text = screen_text(app)
        assert "Personnel:" in text and "999,999,999,999" in text and "Personnel by force" in text
        assert "Gendarmerie" in text.split("Personnel by force", 1)[1]
        await pilot.press("4")
        await pilot.pause()
        pane = app.active_pane()
        assert {r.record["id"] for r in pane.record_list.rows if r.record} == {"e1", "e2"}
        pane.period_input.focus()
        pane.period_input.value = "2012"  # as typed
        await pilot.pause()
        assert [r.record["id"] for r in pane.record_list.rows if r.record] == ["e1"]
        pane.period_input.value = ""
        await pilot.pause()
        assert {r.record["id"] for r in pane.record_list.rows if r.record} == {"e1", "e2"}


async def test_ctrl_q_quits_from_the_filter_field(tmp_path):
    app = make_app(tmp_path, dataset=small_dataset())
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash", "x")
        await pilot.pause()
        assert app.active_pane().filter_input.has_focus
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_ctrl_q_quits_from_the_note_editor_and_keeps_the_text_as_a_draft(tmp_path):
    app = make_app(tmp_path, dataset=small_dataset())
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"unsaved")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.notes.draft("m1") == "unsaved" and app.notes.note("m1") == ""


class FullDiskNotes:
    """A notes store on a full disk: reading works, every write fails."""

    def __new__(cls, path):
        import errno

        from ssrtui.notes import NotesStore

        class Full(NotesStore):
            def set_note(self, record_id, text):
                raise OSError(errno.ENOSPC, "No space left on device", str(self.path))

            save_draft = set_note

        return Full(path)


async def test_disk_full_keeps_the_note_editor_open_with_the_text(tmp_path):
    app = SSRApp(dataset=small_dataset(), notes=FullDiskNotes(tmp_path / "notes.json"))
    raised = record_notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note-text").text = "precious words"  # as typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "NoteScreen"
        assert app.screen.query_one("#note-text").text == "precious words"
        assert "The note could not be saved" in screen_text(app)
        [(message, severity)] = raised
        assert message.startswith("The note could not be saved") and "notes.json" in message and severity == "error"
        assert app.notes.note("m1") == ""
        await pilot.press("escape")  # nor can it be kept as a draft: the editor stays
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteScreen" and app.screen.query_one("#note-text").text == "precious words"
        await pilot.press("ctrl+q")  # quitting asks once before the text is given up
        await pilot.pause()
        assert app.is_running and "ctrl+q again" in raised[-1][0]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_esc_keeps_a_draft_that_the_editor_restores(tmp_path):
    app = make_app(tmp_path, dataset=small_dataset())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Esc keeps a draft" in screen_text(app)
        app.screen.query_one("#note-text").text = "half a thought"  # as typed
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "NoteScreen"
        assert app.notes.draft("m1") == "half a thought" and app.notes.note("m1") == ""
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#note-text").text == "half a thought"
        assert "draft restored" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.notes.note("m1") == "half a thought" and app.notes.draft("m1") is None
        await pilot.press("n")
        await pilot.pause()
        assert "draft restored" not in screen_text(app)
        await pilot.press("escape")  # unchanged: nothing to keep
        await pilot.pause()
        assert app.notes.draft("m1") is None


async def test_unusable_notes_and_cache_never_crash_and_say_why(tmp_path, monkeypatch):
    import errno

    from ssrtui.notes import NotesStore

    def refuse(cls=None):
        raise OSError(errno.EACCES, "Permission denied", "/locked/ssrtui/notes.json")

    monkeypatch.setattr(NotesStore, "default", classmethod(refuse))
    data = small_dataset()
    data.cache_problem = "cannot write the store cache /ro/cache/ssrtui: Permission denied"
    app = SSRApp(dataset=data)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        text = screen_text(app)
        assert "cache off" in app.query_one("#status").render().plain
        assert "/ro/cache/ssrtui" in text
        app.clear_notifications()
        for key in ("b", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert "notes unavailable" in screen_text(app) and "/locked/ssrtui/notes.json" in screen_text(app)
            app.clear_notifications()
        assert app.is_running and type(app.screen).__name__ != "NoteScreen"


async def test_control_characters_in_file_names_and_data_are_shown_escaped(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "evil\x1b]0;pwned\x07.yaml").write_text("- id: x\n  kind: nonsense\n", encoding="utf-8")
    app = SSRApp(data_dirs=[str(data_dir)], notes=make_app(tmp_path).notes)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        crumb = app.query_one("#breadcrumb").render().plain
        assert crumb.startswith("Cannot load the data: ") and "evil\\x1b]0;pwned\\x07.yaml" in crumb
        assert "\x1b" not in crumb and "\x07" not in crumb
    app = make_app(tmp_path, dataset=small_dataset({"id": "c", "kind": "mission", "name": "Bell\x07 \x1b[31mred"}))
    raised = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.open_record("c", focus_links=False)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert raised[-1][0] == "Bookmarked: Bell\\x07 \\x1b[31mred"


def typed_at_once(app, *keys: str) -> None:
    """Queue key presses with no wait between them, as a fast typist's keys arrive."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, None))


async def test_keys_right_after_a_tab_switch_act_on_the_new_tab(tmp_path):
    """'4' then End at once (no pause between): End moves in the timeline, not in the missions list."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        typed_at_once(app, "4", "end")
        await pilot.pause()
        assert active(app) == "tab-event"
        assert current(app) == bundled().of_kind("event")[-1]["id"]
        typed_at_once(app, "2", "j")
        await pilot.pause()
        assert current(app) == bundled().of_kind("force")[1]["id"]


async def test_note_on_a_record_an_update_removed_is_kept_and_shown_with_its_text(tmp_path):
    """No bookmark, only a note, and the record left the data: it is listed with the bookmarks and its
    detail shows the note."""
    app = make_app(tmp_path)
    app.notes.set_note("ev-removed-by-the-update", "Ask the mission about the 2019 figures")
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.query_one("#tabs").active = "tab-bookmarks"
        await pilot.pause()
        pane = app.pane("bookmarks")
        assert [r.label for r in pane.record_list.rows] == ["ev-removed-by-the-update (record no longer in the data)"]
        pane.record_list.focus()
        pane.record_list.highlight_record("ev-removed-by-the-update")
        await pilot.pause()
        text = screen_text(app)
        assert "record no longer in the data" in text and "Ask the mission about the 2019 figures" in text


async def test_the_highlighted_row_stays_on_screen_at_80x24(tmp_path):
    """End, Down past the bottom, PgDn: the highlighted row is always among the rows drawn, and no
    horizontal scrollbar takes a row from the list."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        rows = app.active_pane().record_list

        def on_screen() -> bool:
            top = rows.scroll_offset.y
            return top <= rows.highlighted < top + rows.scrollable_content_region.height

        assert not rows.show_horizontal_scrollbar
        past_the_bottom = ("down",) * (rows.scrollable_content_region.height + 2)
        for keys in (("end",), ("home",), past_the_bottom, ("pagedown",), ("G",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert rows.current is not None and on_screen(), keys


async def test_j_and_k_move_in_the_links_as_in_the_lists(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        links = await open_with_links_focused(app, pilot, "national-gendarmerie")
        first = links.highlighted
        await pilot.press("j")
        assert links.highlighted > first
        await pilot.press("k")
        assert links.highlighted == first

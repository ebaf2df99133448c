"""The Notes view (N): every note and bookmark across records, searched as you type; Enter opens."""

from __future__ import annotations

from notes_fixture import write_notes
from ssrtui import notebook
from ssrtui.tui.notes_view import NotesScreen
from tui_helpers import bundled, make_app, record_notifications, screen_text

SIZE = (80, 24)


async def notes_view(tmp_path):
    """The app on the fixture notes."""
    write_notes(tmp_path)
    return make_app(tmp_path)


async def opened(app, pilot, *keys: str) -> NotesScreen:
    await app.ready.wait()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(app.screen, NotesScreen)
    return app.screen


def shown_ids(screen: NotesScreen) -> list[str]:
    return [entry.record_id for entry in screen.shown]


def test_entries_list_notes_newest_first_then_bookmarks_alone():
    data = bundled()
    found = notebook.entries(data, {"a": {"record": "a", "text": "old", "updated": "2026-01-01 10:00"},
                                    "cnrss": {"record": "cnrss", "text": "new", "updated": "2026-02-01 10:00"}},
                             ["eucap-sahel-mali", "cnrss", "national-police"])
    assert [(e.record_id, e.bookmarked, e.missing) for e in found] == [
        ("cnrss", True, False), ("a", False, True), ("national-police", True, False), ("eucap-sahel-mali", True, False)]
    assert found[1].kind_text == "record no longer in the data" and found[1].name == "a"


def test_a_query_folds_case_and_accents_and_finds_words_of_notes_names_and_kinds():
    data = bundled()
    found = notebook.entries(data, {"national-gendarmerie": {"record": "national-gendarmerie", "text": "Réunion à Ségou"}},
                             ["eucap-sahel-mali"])
    finder = notebook.Finder(data, found)
    assert [e.record_id for e in finder.find("SEGOU reun")] == ["national-gendarmerie"]
    assert [e.record_id for e in finder.find("mission")] == ["eucap-sahel-mali"]  # its kind
    assert [e.record_id for e in finder.find("eucap")] == ["eucap-sahel-mali"]  # its name
    assert "national-gendarmerie" in [e.record_id for e in finder.find("gendarmery")]  # a typo, as the lists allow
    assert finder.find("") == found and finder.find("nothing-like-this") == []


async def test_every_note_and_bookmark_is_listed_with_name_kind_note_and_mark(tmp_path):
    app = await notes_view(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, "N")
        assert shown_ids(screen) == ["national-gendarmerie", "eucap-sahel-mali", "a-removed-record", "cnrss"]
        lines = screen_text(app).split("\n")
        assert lines[0].strip() == "Notes and bookmarks · 3 notes · 2 bookmarks"
        assert lines[2].startswith("   National Gendarmerie") and "Security force" in lines[2] and "Gendarmes: 4,000" in lines[2]
        assert lines[3].startswith(" ★ EUCAP Sahel Mali") and "Mission" in lines[3]
        assert "a-removed-record" in lines[4] and "not in the data" in lines[4]
        assert lines[5].startswith(" ★ National Council for Sec…") and "Institution" in lines[5]
        assert "Security force · not bookmarked · note of 5 Mar 2026" in screen_text(app)


async def test_a_record_no_longer_in_the_data_keeps_its_note_and_cannot_be_opened(tmp_path):
    app = await notes_view(tmp_path)
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, "N")
        await pilot.press("down", "down")
        await pilot.pause()
        text = screen_text(app)
        assert "This record is no longer in the data; your note and bookmark are kept." in text
        assert "Record removed by the last update; keep this." in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert said[-1][0] == "a-removed-record is no longer in the data; your note and bookmark are kept"


async def test_typing_searches_and_enter_opens_the_record_in_its_tab(tmp_path):
    app = await notes_view(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, "N")
        await pilot.press(*"budg")
        await pilot.pause()
        assert shown_ids(screen) == ["eucap-sahel-mali"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.query_one("#tabs").active == "tab-mission"
        assert app.current_record()["id"] == "eucap-sahel-mali"
        assert app.focused is app.active_pane().detail.links


async def test_arrows_move_while_typing_and_a_query_without_hits_says_so(tmp_path):
    app = await notes_view(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, "N")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.current_record()["id"] == "eucap-sahel-mali"
        await pilot.press("N", *"zzzz")
        await pilot.pause()
        assert "Nothing in your notes or bookmarks matches “zzzz”." in screen_text(app)
        await pilot.press("enter", "escape")  # nothing to open; Esc closes
        await pilot.pause()
        assert app.screen is app.main and not screen.is_attached


async def test_note_text_is_shown_as_written_never_as_markup(tmp_path):
    app = await notes_view(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "N")
        await pilot.press("down")
        await pilot.pause()
        assert "Budget question: ask about the 2025 mandate [bold]x[/bold]." in screen_text(app)


async def until(pilot, condition, rounds: int = 200) -> None:
    """Let the app work until ``condition()`` holds (bounded idle waits, no sleeping)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    assert condition()


async def test_the_notes_view_is_in_the_palette_and_the_go_to_line(tmp_path):
    app = await notes_view(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        for opener in ("ctrl+p", "colon"):
            await pilot.press(opener, *"notes")
            await until(pilot, lambda: "Every note and bookmark across records" in screen_text(app))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, NotesScreen))
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.main)


async def test_no_notes_yet_says_how_to_write_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "N")
        assert "No notes or bookmarks yet: on a record, n writes a note and b bookmarks it." in screen_text(app)

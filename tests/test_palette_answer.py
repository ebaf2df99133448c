"""The command palette answers questions: the answer line first, a suggestion when nothing matches."""

from __future__ import annotations

from textual.command import CommandList
from textual.widgets import Input

from ssrtui.dataset import Dataset
from tui_helpers import make_app, palette_search

SIZE = (140, 44)


async def palette_lines(app, pilot, query: str) -> list[str]:
    await app.ready.wait()
    await pilot.pause()
    return await palette_search(pilot, query)


async def test_palette_shows_the_answer_line_first_and_enter_opens_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette_lines(app, pilot, "who leads eucap")
        assert lines[0].startswith("→ EUCAP Sahel Mali: led by ")
        assert "Source: " in lines[0]
        assert lines[1].startswith("EUCAP Sahel Mali")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_record()["id"] == "eucap-sahel-mali"


async def test_palette_never_empty_and_record_text_is_not_markup(tmp_path):
    data = Dataset.from_records([
        {"id": "a", "kind": "force", "name": "Police [bold]nationale[/bold]", "summary": "Keeps [red]order[/red] " + "word " * 40},
    ])
    app = make_app(tmp_path, dataset=data)
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette_lines(app, pilot, "police")
        assert lines[0].startswith("Police [bold]nationale[/bold]")
        assert "Keeps [red]order[/red]" in lines[0] and lines[0].rstrip().endswith("word…")
        app.screen.query_one(Input).value = "zzqqxx"  # the palette is still open: a new query in its field
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert lines and lines[0].startswith("No match — try a name")

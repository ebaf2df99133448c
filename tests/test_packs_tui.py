"""The interface on an installed pack: the status line names it, "What's new" shows once, user records marked."""

from __future__ import annotations

from conftest import RECORDS, write_dataset
from ssrtui.cli import main
from ssrtui.notes import NotesStore
from ssrtui.paths import user_data_dir
from ssrtui.tui.app import SSRApp
from ssrtui.tui.whats_new import WhatsNewScreen
from tui_helpers import screen_text

SIZE = (140, 44)


def install(tmp_path, version: str, records: str = RECORDS) -> None:
    data = write_dataset(tmp_path / f"v{version}", records)
    out = tmp_path / f"{version}.zip"
    assert main(["pack", "build", "--data", str(data), "--output", str(out), "--name", "mali", "--version", version]) == 0
    assert main(["pack", "install", str(out)]) == 0


async def test_status_line_names_the_pack_and_whats_new_shows_once(tmp_path):
    install(tmp_path, "1")
    install(tmp_path, "2", RECORDS.replace("name: National Police\n", "name: Police of Mali\n"))
    app = SSRApp(notes=NotesStore(tmp_path / "notes.json"))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.pause()
        assert isinstance(app.screen, WhatsNewScreen)
        text = screen_text(app)
        assert "What's new in pack mali 2 (since pack mali 1)" in text and "name: National Police -> Police of Mali" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WhatsNewScreen)
        assert "pack mali 2 · data current to 27 Jan 2025" in screen_text(app)
    again = SSRApp(notes=NotesStore(tmp_path / "notes.json"))
    async with again.run_test(size=SIZE) as pilot:
        await again.ready.wait()
        await pilot.pause()
        assert not isinstance(again.screen, WhatsNewScreen)


async def test_user_records_load_over_the_pack_in_the_interface(tmp_path):
    install(tmp_path, "1")
    folder = user_data_dir() / "records"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("- {id: police, kind: force, name: Police nationale du Mali}\n", encoding="utf-8")
    app = SSRApp(notes=NotesStore(tmp_path / "notes.json"))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.pause()
        if isinstance(app.screen, WhatsNewScreen):
            await pilot.press("escape")
        rec = app.dataset.get("police")
        assert rec["name"] == "Police nationale du Mali" and rec["_origin"] == "user"
        await pilot.press("2", "down")  # Security forces: National Gendarmerie, then the police
        await pilot.pause()
        assert app.current_record()["id"] == "police"
        assert "Your record, replacing the pack's" in screen_text(app)

"""Helpers for driving the app headless."""

from __future__ import annotations

from pathlib import Path

from ssrtui.notes import NotesStore
from ssrtui.store import open_dataset
from ssrtui.tui.app import SSRApp

FIXTURE = Path(__file__).parent / "fixtures" / "ui" / "data"
_FIXTURE_DATA = None


def bundled():
    """The UI fixture dataset (tests/fixtures/ui), loaded once per test session: edits to data/ never reach it."""
    global _FIXTURE_DATA
    if _FIXTURE_DATA is None:
        _FIXTURE_DATA = open_dataset([FIXTURE])
    return _FIXTURE_DATA


def make_app(tmp_path: Path, dataset=None) -> SSRApp:
    return SSRApp(dataset=dataset or bundled(), notes=NotesStore(tmp_path / "notes.json"))


def screen_text(app: SSRApp) -> str:
    """Everything painted on the screen, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def record_notifications(app: SSRApp) -> list[tuple[str, str]]:
    """Every notification the app raises from now on, as (message, severity); still shown as usual."""
    raised: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message, *, severity="information", **kwargs):
        raised.append((str(message), severity))
        notify(message, severity=severity, **kwargs)

    app.notify = recording
    return raised


async def palette_search(pilot, query: str, key: str = "ctrl+p") -> list[str]:
    """Open the command palette with ``key`` (``colon``: the go-to palette), put ``query`` in its field
    and wait until its search has finished (it runs in a worker); return the lines it lists, top first.
    The field's value is set, which posts the same Changed message as typing."""
    from textual.command import CommandList
    from textual.widgets import Input

    app = pilot.app
    await pilot.press(key)
    await pilot.pause()
    app.screen.query_one(Input).value = query
    await pilot.pause()  # the palette starts its search on the Changed message
    await app.workers.wait_for_complete()
    await pilot.pause()
    return [str(option.prompt) for option in app.screen.query_one(CommandList).options]

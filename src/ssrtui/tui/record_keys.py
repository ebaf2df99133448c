"""What the keys on the open record do: bookmark (b), note (n), export (e), copy (y, Y) and the
notes view (N). A mixin of ``MainScreen``, which declares the keys (its BINDINGS) and knows the
open record (``current_record``, ``active_pane``, ``pane``, ``show_detail``, ``update_status``) and
which panes are filled (``_loaded_panes``)."""

from __future__ import annotations

import os
from pathlib import Path

from ..textsafe import path_text
from .note_editor import NoteScreen

#: The bookmarks tab's name among the tabs (main_screen.TAB_KINDS), after the record kinds.
BOOKMARKS = "bookmarks"


def export_dir() -> Path:
    """Where `e` writes Markdown: $SSRTUI_EXPORT_DIR, else ~/ssrtui-exports."""
    return Path(os.environ.get("SSRTUI_EXPORT_DIR") or Path.home() / "ssrtui-exports")


class RecordKeys:
    """The actions behind b, n, e, y, Y and N."""

    def action_bookmark(self) -> None:
        rec = self.current_record()
        if rec is None or not self.app.notes_usable():
            return
        try:
            marked = self.app.notes.toggle_bookmark(rec["id"])
        except OSError as err:
            self.app.say(f"The bookmark could not be saved: {err}", severity="error", timeout=10)
            return
        self.app.say(f"{'Bookmarked' if marked else 'Removed bookmark'}: {rec['name']}", timeout=3)
        if f"pane-{BOOKMARKS}" in self._loaded_panes:  # else it reads the bookmarks when it fills
            self.pane(BOOKMARKS).load(self.app.dataset)
        self.show_detail(self.active_pane(), rec)
        self.update_status()

    def action_note(self) -> None:
        rec = self.current_record()
        if rec is None or not self.app.notes_usable():
            return
        pane = self.active_pane()
        try:
            editor = NoteScreen(self.app.notes, rec)
        except OSError as err:
            self.app.say(f"notes unavailable: {err}", severity="error", timeout=10)
            return
        self.app.push_screen(editor, lambda saved: self.show_detail(pane, rec))

    def action_export(self) -> None:
        rec, data = self.current_record(), self.app.dataset
        if rec is None or data is None:
            return
        from .. import exports
        from ..atomic import write_text

        text = exports.record_markdown(data, rec, note=self.app.note_of(rec["id"]))
        target = export_dir() / f"{rec['id']}.md"
        try:
            write_text(target, text)
        except OSError as err:
            self.app.say(f"Could not write {path_text(target)}: {err.strerror or err}", severity="error")
            return
        self.app.copy_to_clipboard(text)
        self.app.say(f"Exported to {path_text(target)} and copied to the clipboard", timeout=6)

    def action_copy(self) -> None:
        from .copy_menu import copy_citation

        if self.current_record() is not None:
            copy_citation(self.app, self.current_record())

    def action_copy_menu(self) -> None:
        from .copy_menu import offer_parts

        if self.current_record() is not None:
            offer_parts(self.app, self.current_record(), self.active_pane().detail.links)

    def action_notes(self) -> None:
        from .notes_view import open_notes

        open_notes(self.app)

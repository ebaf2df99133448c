"""The note editor: the user's own note on one record, kept as a draft until saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..notes import NotesStore
from .record_list import plain


class NoteScreen(ModalScreen[bool]):
    """Edit the note of one record. ctrl+s saves; Esc closes and keeps changed text as a draft, which
    the editor restores next time (so do ctrl+q and a stop signal); a failed save keeps the editor open."""

    HELP_GROUP = "In the note editor"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "close", "Close, keep a draft", tooltip="Close, keeping unsaved text as a draft (offered again next time)"),
        Binding("ctrl+r", "revert", "Revert to the saved note"),
    ]

    def __init__(self, notes: NotesStore, record: dict):
        """Reads the note and its draft: OSError if the notes cannot be read."""
        super().__init__()
        self.notes = notes
        self.record_id = record["id"]
        self.record_name = record["name"]
        self.saved_text = notes.note(self.record_id)
        self.draft = notes.draft(self.record_id)
        self.restored = self.draft is not None and self.draft != self.saved_text

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea  # loaded only when a note is written

        with Vertical(id="note-box"):
            yield Static(Text(f"Note on {plain(self.record_name)}"), id="note-title")
            yield Static("ctrl+s saves · Esc keeps a draft · ctrl+r reverts to the saved note", id="note-hint", markup=False)
            yield Static("(draft restored: not saved yet)", id="note-draft", markup=False, classes="-shown" if self.restored else "")
            yield TextArea(self.draft if self.restored else self.saved_text, id="note-text")

    def on_mount(self) -> None:
        self.query_one("#note-text").focus()

    @property
    def text(self) -> str | None:
        """The text being edited, None before the editor is composed."""
        found = self.query("#note-text")
        return found.first().text if found else None

    def action_save(self) -> None:
        text = self.text or ""
        try:
            self.notes.set_note(self.record_id, text)
        except OSError as err:
            self.app.say(f"The note could not be saved (it is still here): {err}", severity="error", timeout=30)
            return
        self.app.say("Note saved" if text.strip() else "Note removed", timeout=3)
        self.dismiss(True)

    def action_close(self) -> None:
        if self.keep_draft():
            self.dismiss(False)

    def action_revert(self) -> None:
        try:
            self.notes.discard_draft(self.record_id)
        except OSError as err:
            self.app.say(f"The draft could not be discarded: {err}", severity="error", timeout=30)
            return
        self.draft, self.restored = None, False
        self.query_one("#note-text").text = self.saved_text
        self.query_one("#note-draft", Static).remove_class("-shown")

    def keep_draft(self) -> bool:
        """Changed text becomes the record's draft (unchanged text drops one); False if that failed."""
        text = self.text
        if text is None or text == (self.draft if self.draft is not None else self.saved_text):
            return True  # nothing new to keep
        try:
            if text == self.saved_text:
                self.notes.discard_draft(self.record_id)
            else:
                self.notes.save_draft(self.record_id, text)
        except OSError as err:
            self.app.say(f"The draft could not be kept (it is still here): {err}", severity="error", timeout=30)
            return False
        self.draft = None if text == self.saved_text else text
        return True

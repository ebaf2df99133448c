"""Modal screens: the key help, and the note editor."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..notes import NotesStore
from .record_list import plain

KEYS = [
    ("Finding", [
        ("ctrl+p", "Search every record (command palette); Enter opens it"),
        ("/", "Filter the current list as you type (names, acronyms, French or English)"),
        ("y, a", "Timeline: filter by years (2012-2015) or by actor (Denmark, EUCAP, donors; → completes)"),
        ("s", "Timeline: fold or unfold the period strip"),
        ("m", "Donor map: donors × sectors or years; Enter lists a cell's activities; c, s, y filter"),
        ("1 … 9, 0", "Switch to tab 1 … 10 (Missions, Security forces, Donors, Timeline, …)"),
        ("tab / shift+tab", "Move between the list, the links and the filters"),
    ]),
    ("Moving", [
        ("↑ ↓  j k", "Move in a list or in the links"),
        ("pgup pgdn  home end  g G", "Page, first, last"),
        ("Enter  → l", "From the list: go to the record's links"),
        ("Enter", "On a link: open the linked record"),
        ("← h", "From the links: back to the list"),
        ("Esc  Backspace  alt+←", "Back to the previous record (as far as you came)"),
        ("alt+→", "Forward again"),
    ]),
    ("Your notes", [
        ("b", "Bookmark or un-bookmark the open record"),
        ("n", "Write or edit your note on the open record (ctrl+s saves)"),
        ("Esc  ctrl+r", "In the note editor: close, keeping unsaved text as a draft / revert to the saved note"),
        ("e", "Export the open record to Markdown (file + clipboard)"),
    ]),
    ("App", [
        ("F1  ?", "This help"),
        ("ctrl+p → Theme", "Change the colour theme"),
        ("q", "Quit (when no text field is focused)"),
        ("ctrl+q", "Quit at any time"),
    ]),
]


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by what the user wants to do."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        from rich.console import Group
        from rich.table import Table

        parts: list = [Text("ssrtui — keys", style="bold")]
        for group, keys in KEYS:
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold cyan", no_wrap=True, min_width=22)
            table.add_column(ratio=1)
            for key, what in keys:
                table.add_row(Text(key), Text(what))
            parts += [Text(""), Text(group, style="bold underline"), table]
        parts += [Text(""), Text("Esc closes this help.", style="dim")]
        with VerticalScroll(id="help-box"):
            yield Static(Group(*parts), id="help-text")


class NoteScreen(ModalScreen[bool]):
    """Edit the note of one record. ctrl+s saves; Esc closes and keeps changed text as a draft, which
    the editor restores next time (so do ctrl+q and a stop signal); a failed save keeps the editor open."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "close", "Close, keep a draft"),
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
            yield Static(self._title(), id="note-title")
            yield TextArea(self.draft if self.restored else self.saved_text, id="note-text")

    def _title(self) -> Text:
        title = Text(f"Note on {plain(self.record_name)}", style="bold")
        title.append("   ctrl+s saves · Esc keeps a draft · ctrl+r reverts to the saved note", style="dim")
        if self.restored:
            title.append("\n(draft restored: not saved yet)", style="bold yellow")
        return title

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
        self.query_one("#note-title", Static).update(self._title())

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

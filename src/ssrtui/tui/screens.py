"""Modal screens: the key help, and the note editor."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .record_list import plain

KEYS = [
    ("Finding", [
        ("ctrl+p", "Search every record (command palette); Enter opens it"),
        ("/", "Filter the current list as you type (names, acronyms, French or English)"),
        ("y, a", "Timeline: filter by years (2012-2015) or by kind of actor"),
        ("1 … 9, 0", "Switch to tab 1 … 10 (Missions, Security forces, Donors, Timeline, …)"),
        ("tab / shift+tab", "Move between the list, the links and the filters"),
    ]),
    ("Moving", [
        ("↑ ↓  j k", "Move in a list"),
        ("pgup pgdn  home end", "Page, first, last"),
        ("Enter  → l", "From the list: go to the record's links"),
        ("Enter", "On a link: open the linked record"),
        ("← h", "From the links: back to the list"),
        ("Esc  Backspace  alt+←", "Back to the previous record (as far as you came)"),
        ("alt+→", "Forward again"),
    ]),
    ("Your notes", [
        ("b", "Bookmark or un-bookmark the open record"),
        ("n", "Write or edit your note on the open record (ctrl+s saves)"),
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


class NoteScreen(ModalScreen[str | None]):
    """Edit the personal note of one record; returns the text, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, record_name: str, text: str):
        super().__init__()
        self.record_name = record_name
        self.text = text

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea  # loaded only when a note is written

        with Vertical(id="note-box"):
            yield Static(Text(f"Note on {plain(self.record_name)}  (ctrl+s save, Esc cancel)", style="bold"))
            yield TextArea(self.text, id="note-text")

    def on_mount(self) -> None:
        self.query_one("#note-text").focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text").text)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The Notes view (``N``): every note and bookmark across records, searched as you type; Enter opens
the record in its tab. What it lists and how a query finds it is ``notebook.py``.

Notes are the user's own text: every line is a rich ``Text`` with control characters made visible
(``textsafe.printable``), never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .. import dates, notebook
from ..textsafe import printable
from .key_footer import KeyFooter

#: Cells of the list's columns: the bookmark mark, then name and kind (the note takes the rest).
MARK_WIDTH, KIND_WIDTH = 2, 16
#: The name's share of the cells after the mark and kind (at most NAME_MAX): the rest shows the note.
NAME_SHARE, NAME_MAX = 0.45, 34
#: The kind column of a record a data update removed (the preview says it in full).
MISSING_KIND = "not in the data"
EMPTY = "No notes or bookmarks yet: on a record, n writes a note and b bookmarks it."


def cut(text: str, width: int) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with an ellipsis, or padded."""
    line = printable(" ".join(text.split()), keep_newlines=False)
    return (line[: width - 1] + "…" if len(line) > width else line).ljust(width) if width > 0 else ""


def row(entry: notebook.Entry, width: int) -> Text:
    """One line of the list: ★ when bookmarked, the record's name, its kind, the start of the note."""
    room = max(0, width - MARK_WIDTH - KIND_WIDTH - 2)
    name_width = min(NAME_MAX, max(12, int(room * NAME_SHARE)))
    line = Text()
    line.append("★ " if entry.bookmarked else "  ", style="bold")
    line.append(cut(entry.name, name_width))
    line.append(" " + cut(MISSING_KIND if entry.missing else entry.kind_text, KIND_WIDTH).rstrip(" " if not entry.note else ""),
                style="dim")
    if entry.note and room - name_width > 1:
        line.append(" " + cut(entry.note, room - name_width - 1).rstrip())
    return line


def preview(entry: notebook.Entry) -> Text:
    """The highlighted entry in full: name, kind, whether bookmarked, when noted, then the note."""
    facts = [entry.kind_text, "bookmarked" if entry.bookmarked else "not bookmarked"]
    if entry.updated:
        facts.append(f"note of {dates.display(entry.updated)}")
    text = Text()
    text.append(printable(entry.name, keep_newlines=False), style="bold")
    text.append("  " + " · ".join(facts), style="dim")
    if entry.missing:
        text.append("\nThis record is no longer in the data; your note and bookmark are kept.", style="italic")
    text.append("\n" + (printable(entry.note) if entry.note else "(no note: bookmarked only)"))
    return text


class NoteList(OptionList):
    """The entries; the list keys move in it as in every list."""

    HELP_GROUP = "In the notes view (N)"
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]


class NotesScreen(Screen[None]):
    """Notes and bookmarks across every record; the search field has the focus, ↑↓ move the highlight."""

    HELP_GROUP = "In the notes view (N)"
    BINDINGS = [
        Binding("escape", "close_notes", "Close", tooltip="Close the notes view (back to the record you were on)"),
        Binding("enter", "open", "Open", tooltip="Open the highlighted record in its tab"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Move the highlight while typing a search"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Move the highlight while typing a search"),
        Binding("slash", "search", "Search", show=False, tooltip="Back to the search field"),
    ]

    def __init__(self, found: list[notebook.Entry], finder: notebook.Finder):
        super().__init__()
        self.finder = finder
        self.all_entries = found
        self.shown: list[notebook.Entry] = found

    def compose(self) -> ComposeResult:
        yield Static(id="notes-title")
        yield Input(placeholder="Search notes, names, kinds… (Enter opens, Esc closes)",
                    id="notes-search", compact=True)
        yield NoteList(id="notes-list")
        with VerticalScroll(id="notes-preview"):
            yield Static(id="notes-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        noted = sum(1 for entry in self.all_entries if entry.note)
        marked = sum(1 for entry in self.all_entries if entry.bookmarked)
        self.query_one("#notes-title", Static).update(f"Notes and bookmarks · {noted} notes · {marked} bookmarks")
        self.show_entries()
        self.query_one(Input).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_entries)

    # the list ----------------------------------------------------------------------------
    def show_entries(self) -> None:
        notes = self.query_one(NoteList)
        width = notes.scrollable_content_region.width or self.app.size.width
        keep = notes.highlighted
        notes.clear_options()
        if self.shown:
            notes.add_options([Option(row(entry, width)) for entry in self.shown])
            notes.highlighted = min(keep or 0, len(self.shown) - 1)
        else:
            query = self.query_one(Input).value.strip()
            said = f"Nothing in your notes or bookmarks matches “{query}”." if query else EMPTY
            notes.add_option(Option(Text(printable(said, keep_newlines=False), style="italic"), disabled=True))
        self.show_preview()

    def show_preview(self) -> None:
        entry = self.highlighted_entry()
        self.query_one("#notes-text", Static).update(preview(entry) if entry else Text(""))

    def highlighted_entry(self) -> notebook.Entry | None:
        index = self.query_one(NoteList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(Input.Changed, "#notes-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.shown = self.finder.find(event.value)
        self.query_one(NoteList).highlighted = None
        self.show_entries()

    @on(OptionList.OptionHighlighted, "#notes-list")
    def entry_highlighted(self) -> None:
        self.show_preview()

    @on(OptionList.OptionSelected, "#notes-list")
    def entry_chosen(self) -> None:
        self.action_open()

    @on(Input.Submitted, "#notes-search")
    def search_submitted(self) -> None:
        self.action_open()

    # actions -----------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        notes = self.query_one(NoteList)
        notes.action_cursor_down() if step > 0 else notes.action_cursor_up()

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_close_notes(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        """Open the highlighted record in its tab; a record no longer in the data stays listed."""
        entry = self.highlighted_entry()
        if entry is None:
            return
        if entry.missing:
            self.app.say(f"{entry.record_id} is no longer in the data; your note and bookmark are kept", timeout=6)
            return
        self.dismiss(None)
        self.app.open_record(entry.record_id)


def open_notes(app) -> None:
    """``N``: read the notes and bookmarks now and show them (a problem reading them is said in one line)."""
    if app.dataset is None or not app.notes_usable():
        return
    try:
        found = notebook.entries(app.dataset, app.notes.notes(), app.notes.bookmarks())
    except OSError as err:
        app.say(f"notes unavailable: {err}", severity="error", timeout=10)
        return
    app.push_screen(NotesScreen(found, notebook.Finder(app.dataset, found)))

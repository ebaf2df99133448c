"""A virtual list of records: renders only the visible rows, so 100,000 rows cost nothing.

Rows are records or group headers (the timeline's years). Text is drawn as plain
segments, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import dates
from ..render import figure_text
from ..schema import KEY_FIGURE_LABEL

_CONTROL = {c: "?" for c in range(32)} | {127: "?"}


#: Fixed widths of the optional columns, shown left to right while the name keeps MIN_NAME cells.
COLUMN_WIDTHS = {"kind": 12, "when": 11, "status": 7, "figure": 22}
MIN_NAME = 26


def plain(text: str) -> str:
    """Text safe for one terminal line: no control characters or escapes."""
    return text.translate(_CONTROL)


@dataclass(frozen=True)
class Row:
    """A list row: a record, or a header (``record`` is None) such as a year."""

    label: str
    record: dict | None = None


def key_figure(rec: dict) -> str:
    figures = rec.get("figures") or []
    for fig in figures:
        if fig["label"].lower().startswith(KEY_FIGURE_LABEL.lower()):
            return figure_text({**fig, "note": None})
    return figure_text({**figures[0], "note": None}) if figures else ""


def record_rows(records: list[dict]) -> list[Row]:
    return [Row(rec["name"], rec) for rec in records]


class RecordList(ScrollView, can_focus=True):
    """Scrollable, keyboard-driven list of rows with one highlighted record."""

    HELP_GROUP = "In a list"
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter,l,right", "select", "Open links", show=True, tooltip="Go to the record's links (Enter on a link opens it)"),
    ]

    COMPONENT_CLASSES = {"record-list--highlight", "record-list--header", "record-list--dim", "record-list--disputed"}

    DEFAULT_CSS = """
    RecordList { background: $surface; overflow-x: hidden; }
    RecordList > .record-list--highlight { background: $accent 40%; text-style: bold; }
    RecordList:focus > .record-list--highlight { background: $accent; color: $text; }
    RecordList > .record-list--header { color: $secondary; text-style: bold; }
    RecordList > .record-list--dim { color: $text-muted; }
    RecordList > .record-list--disputed { color: $text-warning; }
    """

    highlighted: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        def __init__(self, record_list: "RecordList", record: dict | None):
            super().__init__()
            self.record_list = record_list
            self.record = record

    class Selected(Message):
        def __init__(self, record_list: "RecordList", record: dict):
            super().__init__()
            self.record_list = record_list
            self.record = record

    def __init__(self, *, columns: tuple[str, ...] = ("when", "status", "figure"), label_for=None, **kwargs):
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.columns = columns
        self.label_for = label_for  # computes a record row's text when drawn (only visible rows pay)
        self.empty_text = "Nothing to show."

    # data -------------------------------------------------------------------
    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the rows; keep the highlight on record ``keep`` if still present."""
        self.rows = rows
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        target = self.index_of(keep) if keep else None
        self.highlighted = target if target is not None else self._next_record(-1, 1)
        self.scroll_to(0, max(0, self.highlighted - 2) if self.highlighted >= 0 else 0, animate=False)
        self.refresh()

    def index_of(self, record_id: str) -> int | None:
        for index, row in enumerate(self.rows):
            if row.record is not None and row.record["id"] == record_id:
                return index
        return None

    @property
    def current(self) -> dict | None:
        if 0 <= self.highlighted < len(self.rows):
            return self.rows[self.highlighted].record
        return None

    def record_count(self) -> int:
        return sum(1 for row in self.rows if row.record is not None)

    def highlight_record(self, record_id: str) -> bool:
        index = self.index_of(record_id)
        if index is None:
            return False
        self.highlighted = index
        return True

    # movement ---------------------------------------------------------------
    def _next_record(self, start: int, step: int) -> int:
        index = start + step
        while 0 <= index < len(self.rows):
            if self.rows[index].record is not None:
                return index
            index += step
        return start if 0 <= start < len(self.rows) else -1

    def watch_highlighted(self, old: int, new: int) -> None:
        if new >= 0:
            self.scroll_to_region_row(new)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def scroll_to_region_row(self, index: int) -> None:
        """Keep row ``index`` inside the rows actually shown (scrollbars take room from the widget)."""
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        self.highlighted = self._next_record(self.highlighted, step)

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        target = self.highlighted + direction * max(1, self.scrollable_content_region.height - 1)
        target = min(max(target, 0), len(self.rows) - 1)
        if self.rows[target].record is None:  # a header: the nearest record that way, else the other way
            ahead = self._next_record(target, direction)
            target = ahead if self.rows[ahead].record is not None else self._next_record(target, -direction)
        self.highlighted = target

    def action_jump(self, where: int) -> None:
        if not self.rows:
            return
        self.highlighted = self._next_record(-1, 1) if where == 0 else self._next_record(len(self.rows), -1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    async def _on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index].record is not None:
            if index == self.highlighted and event.chain >= 2:
                self.action_select()
            self.highlighted = index

    # rendering ----------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        base = self.rich_style
        if not self.rows and y == 0:
            return Strip([Segment(plain(self.empty_text)[:width].ljust(width), base + self.get_component_rich_style("record-list--dim"))])
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if row.record is None:
            style = base + self.get_component_rich_style("record-list--header")
            return Strip([Segment(plain(f" {row.label}")[:width].ljust(width), style)])
        style = base
        if index == self.highlighted:
            style = base + self.get_component_rich_style("record-list--highlight")
        return Strip(self._cells(index, row, width, style), width)

    def _cells(self, index: int, row: Row, width: int, style: Style) -> list[Segment]:
        """Mark, name, then fixed columns (dates, status, key figure) while the name keeps room."""
        rec = row.record or {}
        dim = style if style is not self.rich_style else style + Style(dim=True)
        mark = "!" if rec.get("disputed") else " "
        values = {
            "kind": rec.get("kind", ""),
            "when": dates.when(rec, years=True),
            "status": rec.get("status", ""),
            "figure": key_figure(rec),
        }
        columns = []
        room = width - 1 - MIN_NAME
        for name in self.columns:
            size = COLUMN_WIDTHS[name]
            if room >= size + 1:
                columns.append((name, size))
                room -= size + 1
        name_width = max(1, width - 1 - sum(size + 1 for _, size in columns))
        label = plain(self.label_for(rec) if self.label_for and not row.label else row.label)
        if len(label) > name_width:
            label = label[: max(0, name_width - 1)] + "…"
        marked = style if style is not self.rich_style else style + self.get_component_rich_style("record-list--disputed")
        segments = [Segment(mark, marked + Style(bold=True) if mark == "!" else style)]
        segments.append(Segment(label.ljust(name_width), style))
        for name, size in columns:
            cell = plain(values[name])
            cell = cell[: size - 1] + "…" if len(cell) > size else cell
            segments.append(Segment(" " + cell.ljust(size), dim))
        return segments

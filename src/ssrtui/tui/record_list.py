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

from ..dataset import Dataset
from ..fit import cut_end, cut_middle
from ..listing import Column, sort_records

_CONTROL = {c: "?" for c in range(32)} | {127: "?"}


#: Cells the name keeps (fewer when every name is shorter) while columns are shown.
MIN_NAME = 26


def plain(text: str) -> str:
    """Text safe for one terminal line: no control characters or escapes."""
    return text.translate(_CONTROL)


@dataclass(frozen=True)
class Row:
    """A list row: a record, or a header (``record`` is None) such as a year."""

    label: str
    record: dict | None = None


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
        Binding("o", "sort", "Sort", tooltip="Sort the list by the next column that sorts (forces by personnel, donors by "
                "programmes, dated records by start), and at the end back to the list's own order"),
        Binding("O", "reverse", "Reverse", show=False, tooltip="Reverse the sort"),
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
    #: The column the rows are sorted by and whether reversed; (None, False): the order given.
    order: reactive[tuple[Column | None, bool]] = reactive((None, False))
    #: Bumped when the rows or their order change (the column header redraws).
    arranged: reactive[int] = reactive(0)

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

    def __init__(self, *, columns: tuple[Column, ...] = (), label_for=None, **kwargs):
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.given_rows: list[Row] = []  # the rows before sorting
        self.columns = columns
        self.label_for = label_for  # computes a record row's text when drawn (only visible rows pay)
        self.empty_text = "Nothing to show."
        self.data: Dataset | None = None  # what the columns read (a donor's programmes)
        self._longest = 0  # the longest label, so the name is not padded while a column is cut

    # data -------------------------------------------------------------------
    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the rows (sorted as the user chose); keep the highlight on record ``keep`` if still present."""
        self.given_rows = rows
        self.rows = rows = self._ordered(rows)
        self._longest = max((len(row.label) for row in rows), default=0) if self.columns else 0
        self.arranged += 1
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

    # sorting ----------------------------------------------------------------
    @property
    def orders(self) -> list[Column]:
        return [column for column in self.columns if column.key is not None]

    def _ordered(self, rows: list[Row]) -> list[Row]:
        column, reverse = self.order
        if column is None or any(row.record is None for row in rows):
            return rows  # the order given (lists with group headers keep theirs)
        by_record = {id(row.record): row for row in rows}
        return [by_record[id(rec)] for rec in sort_records(self.data, [row.record for row in rows], column, reverse)]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "sort":
            return bool(self.orders)
        if action == "reverse":
            return self.order[0] is not None
        return True

    def action_sort(self) -> None:
        """The next column that sorts; after the last, the list's own order."""
        orders = self.orders
        column = self.order[0]
        at = orders.index(column) + 1 if column in orders else 0
        self._sort(orders[at] if at < len(orders) else None, False)

    def action_reverse(self) -> None:
        self._sort(self.order[0], not self.order[1])

    def _sort(self, column: Column | None, reverse: bool) -> None:
        keep = self.current
        self.order = (column, reverse)
        self.set_rows(self.given_rows, keep=keep["id"] if keep else None)

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

    def layout(self, width: int) -> tuple[int, list[tuple[Column, int]]]:
        """The name's width and each column shown with its width, in ``width`` cells (after the
        one-cell mark): columns left to right while the name keeps its room (MIN_NAME, or the
        longest name), the last one narrowed down to its least. Room beyond that goes to the
        name as far as the longest name needs, but a last column that grows (a key figure) gets
        2/5 of it first, so a long name is cut in the middle rather than every figure at its end."""
        shown: list[tuple[Column, int]] = []
        name_room = min(MIN_NAME, self._longest + 1)
        room = width - 1 - name_room
        for column in self.columns:
            size = min(column.width, room - 1)
            if size < column.least:
                break
            shown.append((column, size))
            room -= size + 1
        name_width = max(1, width - 1 - sum(size + 1 for _, size in shown))
        extra = name_width - name_room
        if shown and extra > 0:
            need = max(0, self._longest + 1 - name_room)
            spare = extra - min(need, extra * 3 // 5 if shown[-1][0].grows else extra)
            shown[-1] = (shown[-1][0], shown[-1][1] + spare)
            name_width -= spare
        return name_width, shown

    def _cells(self, index: int, row: Row, width: int, style: Style) -> list[Segment]:
        """Mark, name, then the columns (dates, status, key figure…) while the name keeps room.
        A long name is cut in the middle, so names that differ at the end stay apart."""
        rec = row.record or {}
        dim = style if style is not self.rich_style else style + Style(dim=True)
        mark = "!" if rec.get("disputed") else " "
        name_width, columns = self.layout(width)
        label = plain(self.label_for(rec) if self.label_for and not row.label else row.label)
        marked = style if style is not self.rich_style else style + self.get_component_rich_style("record-list--disputed")
        segments = [Segment(mark, marked + Style(bold=True) if mark == "!" else style)]
        segments.append(Segment(cut_middle(label, name_width).ljust(name_width), style))
        for column, size in columns:
            cell = cut_end(plain(column.text(self.data, rec, size)), size)
            segments.append(Segment(" " + cell.ljust(size), dim))
        return segments

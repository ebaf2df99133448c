"""The tab pane: a filterable record list beside a detail view (the timeline's is in timeline_pane.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input

from .. import listing
from ..dataset import Dataset
from .list_header import ColumnHeader
from .record_detail import RecordDetail
from .record_list import RecordList, Row, record_rows

#: Most rows a filtered list shows at once; the list is virtual, this only bounds work per keystroke.
FILTER_LIMIT = 5000


class RecordPane(Vertical):
    """One kind of record: `/` filters the list; the detail follows the highlight."""

    HELP_GROUP = "In a list or a record"
    BINDINGS = [
        Binding("f,plus", "full_screen", "Full screen", tooltip="Show the record on the whole screen (f, + or Esc: back)"),
        Binding("c", "compare", "Compare", tooltip="Security forces: all of them side by side (personnel, women, ministry)"),
    ]

    def action_full_screen(self) -> None:
        self.detail.toggle_full_screen()

    def action_compare(self) -> None:
        from .compare_view import CompareScreen

        if self.data is not None:
            self.app.push_screen(CompareScreen(self.data), self._open_compared)

    def _open_compared(self, record_id: str | None) -> None:
        if record_id:
            self.post_message(self.detail.FollowLink(record_id))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "compare":
            return self.kind == "force"
        return True

    class Mounted(Message):
        """The pane is in the DOM (panes of hidden tabs mount lazily)."""

        def __init__(self, pane: "RecordPane"):
            super().__init__()
            self.pane = pane

    def on_mount(self) -> None:
        self.post_message(self.Mounted(self))

    class Opened(Message):
        """The highlighted record of a pane changed."""

        def __init__(self, pane: "RecordPane", record: dict | None):
            super().__init__()
            self.pane = pane
            self.record = record

    def __init__(self, kind: str | None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.data: Dataset | None = None
        self.base_rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: type a name, acronym or word (Enter: to list, Esc: clear)", classes="pane-filter")
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-list"):
                yield ColumnHeader()
                yield RecordList(columns=listing.columns_for(self.kind))
            yield RecordDetail(classes="pane-detail")

    @property
    def record_list(self) -> RecordList:
        return self.query_one(RecordList)

    @property
    def detail(self) -> RecordDetail:
        return self.query_one(RecordDetail)

    @property
    def filter_input(self) -> Input:
        return self.query_one(".pane-filter", Input)

    def load(self, data: Dataset, rows: list[Row] | None = None) -> None:
        self.data = self.record_list.data = data
        self.base_rows = rows if rows is not None else record_rows(data.of_kind(self.kind))
        self.record_list.empty_text = "No records." if not self.base_rows else "No match."
        self.record_list.set_rows(self.base_rows)

    # filtering ------------------------------------------------------------------
    def open_filter(self) -> None:
        self.filter_input.add_class("-shown")
        self.filter_input.focus()

    def close_filter(self) -> None:
        keep = self.record_list.current
        self.filter_input.value = ""
        self.filter_input.remove_class("-shown")
        self.apply_filter("", keep=keep["id"] if keep else None)
        self.record_list.focus()

    def apply_filter(self, text: str, keep: str | None = None) -> None:
        if self.data is None:
            return
        if not text.strip():
            self.record_list.set_rows(self.base_rows, keep=keep)
            return
        allowed = {row.record["id"] for row in self.base_rows if row.record is not None} if self.kind is None else None
        hits = self.data.search(text, kind=self.kind, limit=FILTER_LIMIT)
        rows = [Row(rec["name"], rec) for rec, _ in hits if allowed is None or rec["id"] in allowed]
        self.record_list.set_rows(rows, keep=keep)

    @on(Input.Changed, ".pane-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        keep = self.record_list.current if not event.value.strip() else None
        self.apply_filter(event.value, keep=keep["id"] if keep else None)

    @on(Input.Submitted, ".pane-filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.record_list.focus()

    # selection --------------------------------------------------------------------
    def on_record_list_highlighted(self, event: RecordList.Highlighted) -> None:
        event.stop()
        self.post_message(self.Opened(self, event.record))

    def on_record_list_selected(self, event: RecordList.Selected) -> None:
        event.stop()
        self.detail.links.focus()

    def on_record_detail_back_to_list(self, event: RecordDetail.BackToList) -> None:
        event.stop()
        self.record_list.focus()

    def reveal(self, record_id: str) -> bool:
        """Highlight a record, clearing the filter if it hides it."""
        if self.record_list.highlight_record(record_id):
            return True
        if self.filter_input.value:
            self.filter_input.value = ""
            self.filter_input.remove_class("-shown")
            self.record_list.set_rows(self.base_rows, keep=record_id)
            return self.record_list.current is not None and self.record_list.current["id"] == record_id
        return False

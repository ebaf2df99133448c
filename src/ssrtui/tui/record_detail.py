"""The detail of one record: its document (``render.document``) written above and below the
selectable links, which are where drill-down happens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static

from ..dataset import Dataset
from ..render import document
from .record_text import RecordText, link_options

#: The sections shown above the links (who or what it is, in a glance); the rest follow them.
ABOVE_LINKS = ("head", "summary")


class LinkList(OptionList):
    """The record's links: the list keys move in it too (j/k as in every list, g/G first/last)."""

    HELP_GROUP = "In a record's links"
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False, tooltip="Open the linked record"),
    ]


class RecordDetail(VerticalScroll):
    """Scrollable record view; its link list is where drill-down happens."""

    HELP_GROUP = "In a record's links"
    BINDINGS = [Binding("left,h", "focus_list", "List", show=False, tooltip="Back to the list")]

    class FollowLink(Message):
        def __init__(self, record_id: str):
            super().__init__()
            self.record_id = record_id

    class BackToList(Message):
        pass

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.record: dict | None = None
        self.data: Dataset | None = None

    def compose(self) -> ComposeResult:
        yield RecordText(classes="detail-header")
        yield Static("Links", classes="detail-heading")
        yield LinkList(classes="detail-links")
        yield RecordText(classes="detail-body")

    def action_focus_list(self) -> None:
        self.post_message(self.BackToList())

    @property
    def links(self) -> OptionList:
        return self.query_one(".detail-links", OptionList)

    def show(self, data: Dataset, rec: dict | None, note: str = "", bookmarked: bool = False) -> None:
        self.data, self.record = data, rec
        header = self.query_one(".detail-header", RecordText)
        body = self.query_one(".detail-body", RecordText)
        links = self.links
        links.clear_options()
        if rec is None:
            header.show([], empty="No record selected.")
            body.show([])
            return
        sections = document(data, rec, note=note, bookmarked=bookmarked)
        header.show([s for s in sections if s.name in ABOVE_LINKS])
        body.show([s for s in sections if s.name not in ABOVE_LINKS and s.name != "links"])
        options = link_options(next((s for s in sections if s.name == "links"), None))
        links.add_options(options)
        links.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.scroll_home(animate=False)

    def reveal_links(self) -> None:
        """Scroll so the links are on screen once the new record is laid out (after show's scroll home)."""
        self.call_after_refresh(self.scroll_to_widget, self.links, animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.FollowLink(event.option.id.split(":", 1)[1]))

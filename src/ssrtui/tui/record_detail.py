"""The detail of one record: its document (``render.document``) written above and below the
selectable links, which are where drill-down happens.

One scrollbar: the links are as tall as they are long, and the detail scrolls to keep the
highlighted link (or the word found) on screen. Focus on the detail shows as a bold bar down its
left side. ``/`` finds words in it (``detail_find``); ``f`` or ``+`` shows it full screen
(Textual's maximize), which follows the records opened from it.
"""

from __future__ import annotations

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Offset, Region
from textual.message import Message
from textual.widgets import OptionList, Static

from ..dataset import Dataset
from ..render import document
from .detail_find import FindBar, FindInput, Finder
from .record_text import RecordText, link_options

#: The sections shown above the links (who or what it is, in a glance); the rest follow them.
ABOVE_LINKS = ("head", "summary")
#: Most links the detail lists a group: laying out 100,000 (a source every record cites) takes seconds.
LINK_LIMIT = 500


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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._revealing = False

    def reveal(self, index: int) -> None:
        """Highlight option ``index`` and scroll the detail to it, focused or not."""
        self._revealing = True
        try:
            self.highlighted = index
            self.scroll_to_highlight()
        finally:
            self._revealing = False

    def scroll_to_region(self, region: Region, **kwargs) -> Offset:
        """The links never scroll themselves (one scrollbar: the detail's): the detail scrolls to
        show ``region`` of them, when the user moves in them (not when a record is shown)."""
        detail = self.parent
        if not (self.has_focus or self._revealing) or not isinstance(detail, RecordDetail):
            return Offset()
        kwargs.update(animate=False, force=False)
        gutter = self.styles.gutter
        return detail.scroll_to_region(region.translate(self.virtual_region.offset + (gutter.left, gutter.top)),
                                       spacing=self.dock_gutter, **kwargs)


class RecordDetail(VerticalScroll):
    """Scrollable record view; its link list is where drill-down happens."""

    HELP_GROUP = "In a record"
    ALLOW_MAXIMIZE = True  # containers are not maximized by default; this one is the record shown full screen
    BINDINGS = [
        Binding("left,h", "focus_list", "List", show=False, tooltip="Back to the list"),
        Binding("slash", "find", "Find", tooltip="Find words in the record shown (when it has the focus: Tab to it)"),
        Binding("n", "find_next", "Next match", tooltip="The next word found (while a search is on)"),
        Binding("N", "find_previous", "Previous match", show=False, tooltip="The previous word found"),
        Binding("escape", "leave", "End search", show=False,
                tooltip="End the search, then leave full screen, then go back"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Scroll the record (Tab moves the focus to it)"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Scroll the record (Tab moves the focus to it)"),
        Binding("home", "scroll_home", "Top", show=False, tooltip="The top of the record"),
        Binding("end", "scroll_end", "Bottom", show=False, tooltip="The bottom of the record"),
    ]
    DEFAULT_CSS = """
    RecordDetail { border-left: vkey $primary 50%; }
    RecordDetail:focus-within { border-left: thick $accent; }
    RecordDetail.-maximized { border-left: none; border-top: heavy $accent; border-title-color: $text-accent; }
    """

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
        self.finder: Finder | None = None

    def compose(self) -> ComposeResult:
        yield RecordText(classes="detail-header")
        yield Static("Links", classes="detail-heading")
        yield LinkList(classes="detail-links")
        yield RecordText(classes="detail-body")
        yield FindBar()

    def on_mount(self) -> None:
        self.finder = Finder(self.query_one(".detail-header", RecordText), self.links, self.query_one(".detail-body", RecordText))
        self.border_title = "Full screen · f or Esc: back to the list"

    def action_focus_list(self) -> None:
        self.post_message(self.BackToList())

    @property
    def links(self) -> LinkList:
        return self.query_one(".detail-links", LinkList)

    def show(self, data: Dataset, rec: dict | None, note: str = "", bookmarked: bool = False) -> None:
        self.data, self.record = data, rec
        self.end_search()
        header = self.query_one(".detail-header", RecordText)
        body = self.query_one(".detail-body", RecordText)
        links = self.links
        links.clear_options()
        if rec is None:
            header.show([], empty="No record selected.")
            body.show([])
            return
        sections = document(data, rec, note=note, bookmarked=bookmarked, link_limit=LINK_LIMIT)
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

    # full screen ------------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        """Fill the screen with this record, or give the screen back to the list beside it."""
        if self.is_maximized:
            self.screen.minimize()
            return
        if not self.has_focus_within:
            self.screen.set_focus(self)  # the list beside it is hidden while the record fills the screen
        self.screen.maximize(self, container=False)

    def on_focus(self, event: events.Focus) -> None:
        self._take_full_screen()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._take_full_screen()

    def _take_full_screen(self) -> None:
        """A record opened from one shown full screen (a link followed, back) is shown full screen too."""
        shown = self.screen.maximized
        if isinstance(shown, RecordDetail) and shown is not self:
            self.screen.maximize(self, container=False)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._leave_if_unfocused)

    def on_blur(self, event: events.Blur) -> None:
        self.call_after_refresh(self._leave_if_unfocused)

    def _leave_if_unfocused(self) -> None:
        """Focus went elsewhere (a tab key, the list): the record no longer fills the screen."""
        if self.is_attached and self.is_maximized and not self.has_focus_within:
            self.screen.minimize()

    def action_leave(self) -> None:
        """Esc: end the search, else leave full screen, else let the screen go back."""
        if self.finder and self.finder.query or self.query_one(FindBar).has_class("-shown"):
            self.end_search()
            self.focus()
        elif self.is_maximized:
            self.screen.minimize()
        else:
            raise SkipAction()

    # finding ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("find_next", "find_previous"):
            return bool(self.finder and self.finder.matches)  # else n is the app's (a note)
        return True

    def action_find(self) -> None:
        bar = self.query_one(FindBar)
        bar.add_class("-shown")
        bar.input.focus()

    @on(FindInput.Changed)
    def find_changed(self, event: FindInput.Changed) -> None:
        event.stop()
        self.finder.search(event.value)
        self._show_match()

    @on(FindInput.Submitted)
    def find_submitted(self, event: FindInput.Submitted) -> None:
        event.stop()
        self._focus_match()  # n, N and the scroll keys act on the record now

    @on(FindInput.Ended)
    def find_ended(self, event: FindInput.Ended) -> None:
        event.stop()
        self.end_search()
        self.focus()

    def action_find_next(self) -> None:
        self.finder.step(1)
        self._show_match()
        self._focus_match()

    def action_find_previous(self) -> None:
        self.finder.step(-1)
        self._show_match()
        self._focus_match()

    def _focus_match(self) -> None:
        """The focus follows the match: on a link, the links (Enter opens it), else the record."""
        match = self.finder.match
        self.screen.set_focus(self.links if match is not None and match.part is self.links else self)

    def end_search(self) -> None:
        if self.finder is None:
            return
        self.finder.clear()
        bar = self.query_one(FindBar)
        bar.remove_class("-shown")
        bar.input.value = ""
        bar.say("")

    def on_resize(self, event: events.Resize) -> None:
        """The layout (bars, ids) follows the width: find again there, keeping the place."""
        if self.finder and self.finder.query:
            at = self.finder.current
            self.finder.search(self.finder.query)
            if at is not None and self.finder.matches:
                self.finder.current = min(at, len(self.finder.matches) - 1)
                self.finder.step(0)
            self.call_after_refresh(self._show_match)

    def _show_match(self) -> None:
        """Say where we are, and scroll the current match into view."""
        finder = self.finder
        self.query_one(FindBar).say(finder.status)
        match = finder.match
        if match is None:
            return
        if match.part is self.links:
            self.links.reveal(match.index)
            return
        text = match.part
        line = text.virtual_region.y + text.styles.gutter.top + text.match_line(match.index)
        region = Region(0, line, self.scrollable_content_region.width, 1)
        window = self.scrollable_content_region.at_offset(self.scroll_offset)
        if region not in window:
            self.scroll_to_region(region, center=True, animate=False, spacing=self.query_one(FindBar).dock_gutter)

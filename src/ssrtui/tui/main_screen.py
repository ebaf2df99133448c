"""The main screen: one tab per record kind (a list beside a record), the trail of records opened,
the status line, and the keys (what the keys on the open record do: record_keys.py).

Longer than 300 lines because start-up is this screen's own state: the visible tab filled first,
the others after it is drawn, keys held until what they act on is there (``keys_can_act``)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from .. import schema
from ..history import History
from .breadcrumb import Breadcrumb
from .key_footer import KeyFooter
from .record_keys import BOOKMARKS, RecordKeys
from .status_line import StatusLine
from .tabs import TabbedPanes

if TYPE_CHECKING:  # the panes' modules (lists, detail, render) load after the first frame
    from .panes import RecordPane
    from .record_detail import RecordDetail

MIN_WIDTH, MIN_HEIGHT = 60, 16
#: Every tab, in order: one per record kind, then the user's bookmarks.
TAB_KINDS = [*schema.KINDS, BOOKMARKS]
TAB_LABELS = {**{kind: labels[0] for kind, labels in schema.KINDS.items()}, BOOKMARKS: "Bookmarks"}
#: The key of each tab: 1 … 9, 0 for the first ten, B for the bookmarks.
TAB_KEYS = {**{kind: str((i + 1) % 10) for i, kind in enumerate(list(schema.KINDS)[:10])}, BOOKMARKS: "B"}
#: Actions that act on the open record, or need the panes: off while they mount, and while typing.
RECORD_ACTIONS = ("back", "forward", "bookmark", "note", "export", "filter", "tab", "copy", "copy_menu", "notes")
#: Of those, the ones that need only the visible tab filled (its list and the record it shows).
ON_SHOWN_RECORD = ("bookmark", "note", "export", "filter", "copy", "copy_menu", "notes")


class MainScreen(RecordKeys, Screen):
    """The tabs, and the history of records opened from them (breadcrumb, back and forward)."""

    HELP_GROUP = "Everywhere"
    BINDINGS = [
        Binding("slash", "filter", "Filter", tooltip="Filter the current list as you type (names, acronyms, French or English)"),
        Binding("b", "bookmark", "Bookmark", tooltip="Bookmark or un-bookmark the open record"),
        Binding("n", "note", "Note", tooltip="Write or edit your note on the open record (ctrl+s saves)"),
        Binding("e", "export", "Export", tooltip="Export the open record to Markdown (a file, and the clipboard)"),
        Binding("N", "notes", "Notes", show=False,
                tooltip="Every note and bookmark across records, searched as you type; Enter opens the record"),
        Binding("y", "copy", "Copy", show=False,
                tooltip="Copy the open record's citation: name, source, date, passage quoted, address (Timeline: Y)"),
        Binding("Y", "copy_menu", "Copy…", show=False,
                tooltip="Choose what to copy: citation, name, id, summary, page address, the highlighted link"),
        Binding("escape,backspace", "back", "Back", show=False, tooltip="Back to the previous record (as far as you came)"),
        Binding("alt+left", "back", "Back", show=False, tooltip="Back to the previous record (as far as you came)"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again"),
        Binding("tab", "app.focus_next", "Next", show=False, tooltip="Move between the list, the links and the filters"),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False, tooltip="Move back between the list, the links and the filters"),
        *[Binding(TAB_KEYS[kind], f"tab('{kind}')", TAB_LABELS[kind], show=False, tooltip="Switch to a tab")
          for kind in TAB_KINDS if kind in TAB_KEYS],
    ]

    def __init__(self, first_kind: str | None = None, **kwargs):
        """``first_kind``: the tab shown first (the one the user left the app on), if it exists."""
        super().__init__(**kwargs)
        self.first_kind = first_kind if first_kind in TAB_KINDS else TAB_KINDS[0]
        self.history = History()
        self._mounted_panes: list[RecordPane] = []
        self._loaded_panes: set[str] = set()
        self._composed = False  # the data may arrive before the screen is (the app mounts first)
        self._load_error = False
        self._mounting: set[str] = set()  # the kinds whose pane is mounted or mounting
        #: Set once the visible tab shows its records (or cannot): the worker then parses the rest.
        self.first_shown = threading.Event()
        self.timeline = None  # the Timeline's pane, kept after it unmounts: the app saves its strip's state

    def compose(self) -> ComposeResult:
        yield Static(f"Terminal too small: make it at least {MIN_WIDTH}×{MIN_HEIGHT}.", id="too-small")
        with Vertical(id="main"):
            yield Breadcrumb(id="breadcrumb")
            yield TabbedPanes([(f"tab-{kind}", TAB_LABELS[kind]) for kind in TAB_KINDS], initial=f"tab-{self.first_kind}", id="tabs")
            yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._composed = True
        self.check_size(self.app.size)
        self.call_after_refresh(self._mount_panes)
        if self.app.dataset is not None:
            self.show_data()

    def _mount_panes(self, kinds: list[str] | None = None) -> None:
        """The visible tab's pane mounts just after the first paint, so the frame shows at once;
        the others once its records are on screen (``load_pane``). Not once quitting began."""
        for kind in kinds if kinds is not None else [self.visible_kind()]:
            tab = self.query(f"#tab-{kind}")
            if not tab or not tab.first().is_attached:
                return  # the app is closing (q right at launch): nothing left to mount into
            if kind in self._mounting:
                continue
            self._mounting.add(kind)
            from .bookmarks import BookmarksPane
            from .panes import RecordPane
            from .timeline_pane import TimelinePane

            pane = (TimelinePane(id=f"pane-{kind}") if kind == "event" else BookmarksPane(id=f"pane-{kind}")
                    if kind == BOOKMARKS else RecordPane(kind, id=f"pane-{kind}"))
            if kind == "event":  # the period strip as the user left it (None: folded on a short terminal)
                pane.strip_folded = self.app.preferences.values.strip_folded
                self.timeline = pane
            tab.first().mount(pane)

    def mount_other_panes(self) -> None:
        """Every tab's pane: after the visible one is filled, or when there is nothing to wait for."""
        self.first_shown.set()  # the loading worker parses the rest of the records from now on
        self._mount_panes(TAB_KINDS)

    # filling ---------------------------------------------------------------------------
    def visible_kind(self) -> str:
        """The kind of the tab on screen (the first tab's until the screen is composed): the
        records the loading worker parses first."""
        return self.tabs.active.removeprefix("tab-") if self._composed else self.first_kind

    def show_data(self) -> None:
        """The dataset arrived, or all of it is now parsed: fill the panes mounted so far (the
        others fill as they mount); until every record is parsed, only the visible tab's."""
        if not self._composed:
            return  # on_mount shows it
        for pane in self._mounted_panes:
            self.load_pane(pane)
        self.update_status()
        self.update_breadcrumb()

    def on_record_pane_mounted(self, event: RecordPane.Mounted) -> None:
        """A pane is composed and mounted: from now on it can be filled (only panes that said so are)."""
        self._mounted_panes.append(event.pane)
        self.load_pane(event.pane)

    def load_pane(self, pane: RecordPane) -> None:
        data = self.app.dataset
        if data is None or pane.id in self._loaded_panes or not pane.is_attached:
            return
        if not data.in_memory and pane.id != f"pane-{self.visible_kind()}":
            return  # filled once every record is parsed (the worker calls show_data again)
        pane.load(data)
        self._loaded_panes.add(pane.id)
        if not self.first_shown.is_set():  # once drawn (and the keys waiting handled), the rest
            self.call_after_refresh(self.set_timer, 0.02, self.mount_other_panes)
            self.refresh_bindings()  # the keys on the open record (/, b, n, e) work now: the footer shows them
        if pane is self.active_pane() and (self.focused is None or pane not in self.focused.ancestors_with_self):
            pane.record_list.focus()  # also when a tab was switched to before it was filled: keys go to it now
        if len(self._loaded_panes) == len(TAB_KINDS):
            self.app.ready.set()
            self.refresh_bindings()  # the record keys (/, b, n, e) become available: the footer must show them
        self.app.held_keys.wake()

    def keys_can_act(self) -> bool:
        """Whether a key typed now finds what it acts on: the tab on screen filled and, while the
        others still fill, the focus in it (it moves there a moment after); or no data to wait for.
        Keys typed before are held meanwhile (startup_keys.py); once every tab is filled, never."""
        if self._load_error or self.app.ready.is_set():
            return True
        pane_id = f"pane-{self.visible_kind()}" if self._composed else None
        if pane_id not in self._loaded_panes or self.focused is None:
            return False
        return any(node.id == pane_id for node in self.focused.ancestors_with_self)

    def on_descendant_focus(self) -> None:
        self.app.held_keys.wake()

    def on_screen_resume(self) -> None:
        self.app.held_keys.wake()

    def show_load_error(self, message: str) -> None:
        self._load_error = True
        self.query_one(Breadcrumb).show_error(message)
        self.mount_other_panes()
        self.app.held_keys.wake()

    # what is shown ---------------------------------------------------------------------
    @property
    def tabs(self) -> TabbedPanes:
        return self.query_one(TabbedPanes)

    def pane(self, kind: str) -> RecordPane:
        from .panes import RecordPane

        return self.query_one(f"#pane-{kind}", RecordPane)

    def active_pane(self) -> RecordPane:
        return self.pane(self.tabs.active.removeprefix("tab-"))

    def current_record(self) -> dict | None:
        return self.active_pane().detail.record

    def update_status(self) -> None:
        app = self.app
        if app.dataset is not None:
            marks = app.bookmarks()
            self.query_one(StatusLine).show(app.dataset, app.pack_label, len(marks) if marks is not None else None)

    def update_breadcrumb(self) -> None:
        data = self.app.dataset
        if data is not None:
            names = [data.name_of(record_id) for record_id in self.history.trail()]
            self.query_one(Breadcrumb).show_trail(names, self.history.can_go_forward())

    def show_detail(self, pane: RecordPane, rec: dict | None) -> None:
        app = self.app
        if app.dataset is not None:
            note = app.note_of(rec["id"]) if rec is not None else ""
            marked = rec is not None and rec["id"] in (app.bookmarks() or ())
            pane.detail.show(app.dataset, rec, note=note, bookmarked=marked)

    def open_record(self, record_id: str, focus_links: bool = True, remember: bool = True) -> bool:
        """Switch to the record's tab, highlight it and show it."""
        data = self.app.dataset
        if not self.app.ready.is_set():  # the records show before every tab is filled: open it then
            self.app.say("Still loading… the record opens in a moment", timeout=2)
            self.run_worker(self._open_when_ready(record_id, focus_links, remember), group="open", exclusive=True)
            return True
        rec = data.get(record_id) if data else None
        if rec is None:
            self.app.say(f"No record '{record_id}' in the data", severity="warning")
            return False
        self.tabs.active = f"tab-{rec['kind']}"
        pane = self.pane(rec["kind"])
        pane.reveal(record_id)
        self.show_detail(pane, rec)
        if remember:
            self.history.visit(record_id)
        self.update_breadcrumb()
        # Focus at once (focus() is deferred behind the tab's activation, which would then move it
        # back to the list), and scrolled into view: what the user works on is on screen.
        target = pane.detail.links if focus_links else pane.record_list
        self.set_focus(target)
        if focus_links:
            pane.detail.reveal_links()
        return True

    async def _open_when_ready(self, record_id: str, focus_links: bool, remember: bool) -> None:
        await self.app.ready.wait()
        self.open_record(record_id, focus_links=focus_links, remember=remember)

    # events ----------------------------------------------------------------------------
    def on_record_pane_opened(self, event: RecordPane.Opened) -> None:
        if event.pane.id != f"pane-{self.visible_kind()}":
            return  # a hidden tab's record is shown when the tab is (some records take long to lay out)
        details = event.pane.query("RecordDetail")  # by name: the module is imported when panes mount
        if not details or not details.first().is_mounted:
            # On a busy machine a pane's list can report its record before the detail beside it is
            # mounted and composed (it crashed the app with NoMatches). Nothing to show it in yet: the
            # pane's load, once it is mounted, highlights its record again. (Deferring it after each
            # refresh spun, 100 s of CPU in one test, when the detail was slow to come.)
            return
        shown = event.pane.detail.record
        if shown is not None and event.record is not None and shown["id"] == event.record["id"]:
            return  # the list changed (filtering) but the record did not: keep the detail as it is
        self.show_detail(event.pane, event.record)

    def on_record_detail_follow_link(self, event: RecordDetail.FollowLink) -> None:
        current = self.current_record()
        if current is not None:
            self.history.visit(current["id"])
        self.open_record(event.record_id, focus_links=True)

    @on(TabbedPanes.Activated)
    def tab_activated(self, event: TabbedPanes.Activated) -> None:
        self.app.preferences.values.last_tab = event.tab_id.removeprefix("tab-")  # written when the app closes
        self.app.held_keys.wake()
        pane = next((p for p in self._mounted_panes if p.id == f"pane-{self.visible_kind()}"), None)
        if pane is None:
            return  # not mounted yet: it fills as it mounts
        self.load_pane(pane)  # switched to before every record was parsed: this tab's records now
        if pane.id in self._loaded_panes and pane.record_list.current is not pane.detail.record:
            self.show_detail(pane, pane.record_list.current)  # hidden panes wait to show their record
        if pane.id not in self._loaded_panes:
            return  # focused once filled (load_pane)
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.record_list.focus()

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size)

    def check_size(self, size) -> None:
        width, height = size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    # actions ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Single-letter keys are text while typing in a field; the keys on the open record work as
        soon as its tab is filled, the others once every tab is."""
        if action not in RECORD_ACTIONS:
            return True
        if action != "back" and (isinstance(self.focused, Input) or type(self.focused).__name__ == "TextArea"):
            return False
        if action in ON_SHOWN_RECORD and f"pane-{self.visible_kind()}" in self._loaded_panes:
            return True
        return action == "tab" or self.app.ready.is_set()

    def action_tab(self, kind: str) -> None:
        """Switch tab and move focus into it now, so the next key (End, j, /) acts on the new list
        even when it arrives before the tab's activation message is handled."""
        self.tabs.active = f"tab-{kind}"
        if f"pane-{kind}" in self._loaded_panes:  # set_focus, not focus(): focus() is deferred behind queued keys
            self.set_focus(self.pane(kind).record_list)

    def action_filter(self) -> None:
        self.active_pane().open_filter()

    def action_back(self) -> None:
        pane = self.active_pane()
        if isinstance(self.focused, Input) and self.focused in pane.query(Input):
            pane.close_filter()
            return
        target = self.history.back()
        if target is None:
            self.app.say("Nothing to go back to", timeout=2)
            return
        self.open_record(target, focus_links=True, remember=False)

    def action_forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.open_record(target, focus_links=True, remember=False)

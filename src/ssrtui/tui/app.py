"""The ssrtui Textual app: tabs per record kind, drill-down with history, palette search."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane, Tabs
from textual.worker import WorkerFailed

from .. import __version__, crashlog, dates, exports, schema
from ..dataset import Dataset
from ..history import History
from ..notes import NotesStore
from ..problems import DataError
from ..textsafe import path_text, printable
from .commands import RecordSearch
from .panes import RecordPane
from .timeline_pane import TimelinePane
from .record_detail import RecordDetail
from .record_list import Row, plain
from .screens import HelpScreen, NoteScreen

MIN_WIDTH, MIN_HEIGHT = 60, 16
BOOKMARKS = "bookmarks"
#: README's exit code for an unexpected internal error (a real bug).
EXIT_INTERNAL = 70
#: Signals that stop the interface cleanly: terminal restored, note drafts kept, exit 128 + signal.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def export_dir() -> Path:
    """Where `e` writes Markdown: $SSRTUI_EXPORT_DIR, else ~/ssrtui-exports."""
    return Path(os.environ.get("SSRTUI_EXPORT_DIR") or Path.home() / "ssrtui-exports")


class SSRApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "ssrtui"
    COMMANDS = App.COMMANDS | {RecordSearch}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("q", "quit_key", "Quit"),  # ctrl+q (Textual's "quit") works even in a text field
        Binding("f1,question_mark", "help", "Help"),
        Binding("slash", "filter", "Filter"),
        Binding("escape,backspace", "back", "Back", show=False),
        Binding("alt+left", "back", "Back", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("b", "bookmark", "Bookmark"),
        Binding("n", "note", "Note"),
        Binding("e", "export", "Export"),
        Binding("m", "donor_map", "Donor map", show=False),
        *[Binding(str((i + 1) % 10), f"tab({i})", f"Tab {i + 1}", show=False) for i in range(10)],
    ]

    def __init__(self, data_dirs: list[str] | None = None, dataset: Dataset | None = None, notes: NotesStore | None = None):
        super().__init__()
        self.error_console.soft_wrap = True  # with UnexpectedError.__rich__: the crash line and its path print whole
        self.data_dirs = data_dirs
        self.dataset: Dataset | None = None
        self._preloaded = dataset
        self.notes = notes
        self.notes_problem: str | None = None
        self.pack_label: str | None = None  # "pack NAME VERSION" when a pack is active
        self.user_problems: list[str] = []  # problems of the user's own records (warnings)
        self.whats_new: dict | None = None  # what the pack just installed changed, shown once
        self.history = History()
        self.ready = asyncio.Event()
        self.tab_kinds = list(schema.KINDS) + [BOOKMARKS]
        self._mounted_panes: list[RecordPane] = []
        self._quit_without_draft = False
        self._crashed = False
        self._loaded_panes: set[str] = set()

    # layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Terminal too small: make it at least 60×16.", id="too-small")
        with Vertical(id="main"):
            yield Static(Text("Loading the dataset…", style="dim"), id="breadcrumb")
            with TabbedContent(id="tabs"):
                for kind in self.tab_kinds:
                    label = "Bookmarks" if kind == BOOKMARKS else schema.KINDS[kind][0]
                    yield TabPane(label, id=f"tab-{kind}")
            yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"ssrtui {__version__}"
        self._check_size()
        try:
            loop = asyncio.get_running_loop()
            for sig in STOP_SIGNALS:
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        self.call_after_refresh(self._mount_panes)
        if self._preloaded is not None:
            self._populate(self._preloaded)
        else:
            self.load_dataset()

    def _mount_panes(self) -> None:
        """Panes mount just after the first paint, so the frame shows at once; not once quitting began."""
        for kind in self.tab_kinds:
            tab = self.query(f"#tab-{kind}")
            if not tab or not tab.first().is_attached:
                return  # the app is closing (q right at launch): nothing left to mount into
            pane = TimelinePane(id=f"pane-{kind}") if kind == "event" else RecordPane(None if kind == BOOKMARKS else kind, id=f"pane-{kind}")
            tab.first().mount(pane)

    def _on_signal(self, sig: int) -> None:
        """SIGTERM/SIGHUP/SIGQUIT: keep the open note as a draft, leave the terminal clean."""
        self.keep_draft()
        self.exit(return_code=128 + sig)

    def keep_draft(self) -> bool:
        """The note editor's unsaved text, if it is open, goes to the drafts; False if it could not."""
        return all([screen.keep_draft() for screen in self.screen_stack if isinstance(screen, NoteScreen)])

    async def action_quit(self) -> None:
        """ctrl+q, from anywhere: an open note is kept as a draft; if it cannot be, a second ctrl+q quits."""
        if self.keep_draft() or self._quit_without_draft:
            self.exit()
            return
        self._quit_without_draft = True
        self.say("Press ctrl+q again to quit without the unsaved note (copy it first)", severity="error", timeout=30)

    async def action_quit_key(self) -> None:
        await self.action_quit()

    def say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """A notification that is text, never markup: data and paths with control characters escaped."""
        self.notify(printable(message, keep_newlines=False), severity=severity, timeout=timeout, markup=False)

    @work(thread=True, exclusive=True)
    def load_dataset(self) -> None:
        """Load off the UI thread so the first screen paints at once."""
        from ..store import open_dataset

        try:
            data = open_dataset(self.data_dirs)
        except DataError as err:
            self.call_from_thread(self._load_failed, err)
            return
        if not self.data_dirs:  # the active pack (or bundled data), the user's own records over it
            from .. import packs
            from ..userdata import overlay

            data, self.user_problems = overlay(data)
            pack = packs.active()
            self.pack_label = packs.label(pack) if pack else None
            self.whats_new = packs.whats_new()
        data.backlinks  # noqa: B018 - the detail view shows them: derive them here, not on the UI thread
        self.call_from_thread(self._populate, data)
        data.index  # noqa: B018 - build the search index here, off the UI thread, while the user reads

    def _load_failed(self, err: DataError) -> None:
        first = str(err.problems[0]) if err.problems else "unknown problem"
        self.query_one("#breadcrumb", Static).update(Text(f"Cannot load the data: {printable(first, keep_newlines=False)}", style="bold red"))
        self.say(f"{len(err.problems)} data problem(s); run `ssrtui validate` for the list", severity="error", timeout=30)

    def _populate(self, data: Dataset) -> None:
        if self.dataset is not None:
            return  # already shown
        self.dataset = data
        if self.notes is None:
            try:
                self.notes = NotesStore.default()
            except OSError as err:
                self.notes_problem = f"notes unavailable: {err}"
                self.say(self.notes_problem, severity="warning", timeout=20)
        for message in getattr(self.notes, "messages", []):
            self.say(message, severity="warning", timeout=20)
        cache_problem = getattr(data, "cache_problem", None)
        if cache_problem:
            self.say(cache_problem, severity="warning", timeout=20)
        for pane in self._mounted_panes:
            self.load_pane(pane)
        for warning in data.warnings[:1]:
            self.say(warning, severity="warning", timeout=20)
        if self.user_problems:
            self.say(f"{len(self.user_problems)} problem(s) in your own records; first: {self.user_problems[0]}",
                     severity="warning", timeout=20)
        if self.whats_new:
            from .whats_new import WhatsNewScreen

            self.push_screen(WhatsNewScreen(self.whats_new))
        self.update_status()
        self.update_breadcrumb()

    def on_record_pane_mounted(self, event: RecordPane.Mounted) -> None:
        """A pane is composed and mounted: from now on it can be filled (only panes that said so are)."""
        self._mounted_panes.append(event.pane)
        self.load_pane(event.pane)

    def load_pane(self, pane: RecordPane) -> None:
        if self.dataset is None or pane.id in self._loaded_panes or not pane.is_attached:
            return
        if pane.kind is None:
            self._loaded_panes.add(pane.id)
            self.refresh_bookmarks()
        else:
            pane.load(self.dataset)
            self._loaded_panes.add(pane.id)
        active = f"pane-{(self.query_one(TabbedContent).active or '').removeprefix('tab-')}"
        if pane.id == active and (self.focused is None or isinstance(self.focused, Tabs)):
            pane.record_list.focus()  # the tab bar takes focus while the panes are still mounting
        if len(self._loaded_panes) == len(self.tab_kinds):
            self.ready.set()

    # helpers -----------------------------------------------------------------------
    def pane(self, kind: str) -> RecordPane:
        return self.query_one(f"#pane-{kind}", RecordPane)

    def active_pane(self) -> RecordPane:
        active = self.query_one(TabbedContent).active or f"tab-{next(iter(schema.KINDS))}"
        return self.pane(active.removeprefix("tab-"))

    def current_record(self) -> dict | None:
        return self.active_pane().detail.record

    def update_status(self) -> None:
        data = self.dataset
        if data is None:
            return
        counts = data.counts()
        parts = [f"{len(data)} records"]
        parts += [f"{counts.get(k, 0)} {label}" for k, label in (("mission", "missions"), ("force", "forces"), ("donor", "donors"), ("event", "events"))]
        if self.pack_label:
            parts.append(self.pack_label)
        parts.append(f"data current to {dates.display(data.as_of()) or '?'}")
        marks = self.bookmarks()
        parts.append(f"{len(marks)} bookmarks" if marks is not None else "notes off")
        if getattr(data, "cache_problem", None):
            parts.append("cache off")
        if data.warnings:
            parts.append("STALE: data has errors")
        self.query_one("#status", Static).update(Text(" · ".join(parts), style="dim"))

    def update_breadcrumb(self) -> None:
        data = self.dataset
        if data is None:
            return
        trail = self.history.trail()
        text = Text()
        if len(trail) <= 1:
            text.append("Tip: ctrl+p searches everything · / filters · Enter on a link drills down · Esc goes back · F1 help", style="dim")
        else:
            for i, record_id in enumerate(trail):
                if i:
                    text.append(" › ", style="dim")
                text.append(plain(data.name_of(record_id)), style="bold" if i == len(trail) - 1 else "")
            if self.history.can_go_forward():
                text.append("   (alt+→ forward)", style="dim")
        self.query_one("#breadcrumb", Static).update(text)

    def bookmarks(self) -> list[str] | None:
        """The bookmarked ids, or None when the notes cannot be read."""
        if self.notes is None:
            return None
        try:
            return self.notes.bookmarks()
        except OSError as err:
            self.notes_problem = f"notes unavailable: {err}"
            return None

    def refresh_bookmarks(self) -> None:
        if self.dataset is None or not any(pane.kind is None for pane in self._mounted_panes):
            return  # the bookmarks pane is filled when it mounts
        rows = []
        marked = self.bookmarks() or []
        for record_id in marked + [r for r in self.orphaned_notes() if r not in marked]:
            rec = self.dataset.get(record_id)
            if rec is None:  # a pack update removed it: the bookmark and the note stay, said plainly
                rec = {"id": record_id, "kind": "source", "name": f"{record_id} (record no longer in the data)",
                       "summary": "This record is no longer in the data; your bookmark and note are kept."}
            rows.append(Row(rec["name"], rec))
        pane = self.pane(BOOKMARKS)
        keep = pane.record_list.current
        pane.load(self.dataset, rows)
        pane.record_list.empty_text = "No bookmarks yet: press b on a record."
        if keep:
            pane.record_list.highlight_record(keep["id"])

    def show_detail(self, pane: RecordPane, rec: dict | None) -> None:
        if self.dataset is None:
            return
        note = self.note_of(rec["id"]) if rec is not None else ""
        marked = rec is not None and rec["id"] in (self.bookmarks() or ())
        pane.detail.show(self.dataset, rec, note=note, bookmarked=marked)

    def orphaned_notes(self) -> list[str]:
        """Ids of records that have a note but are no longer in the data (listed with the bookmarks)."""
        if self.notes is None or self.dataset is None:
            return []
        try:
            return [rid for rid in self.notes.notes() if self.dataset.get(rid) is None]
        except OSError as err:
            self.notes_problem = f"notes unavailable: {err}"
            return []

    def note_of(self, record_id: str) -> str:
        """The record's note, or "" when there is none or the notes cannot be read."""
        if self.notes is None:
            return ""
        try:
            return self.notes.note(record_id)
        except OSError as err:
            self.notes_problem = f"notes unavailable: {err}"
            return ""

    # events --------------------------------------------------------------------------
    def on_record_pane_opened(self, event: RecordPane.Opened) -> None:
        shown = event.pane.detail.record
        if shown is not None and event.record is not None and shown["id"] == event.record["id"]:
            return  # the list changed (filtering) but the record did not: keep the detail as it is
        self.show_detail(event.pane, event.record)

    def on_record_detail_follow_link(self, event: RecordDetail.FollowLink) -> None:
        current = self.current_record()
        if current is not None:
            self.history.visit(current["id"])
        self.open_record(event.record_id, focus_links=True)

    def open_record(self, record_id: str, focus_links: bool = True, remember: bool = True) -> bool:
        """Switch to the record's tab, highlight it and show it."""
        data = self.dataset
        if not self.ready.is_set():
            self.say("Still loading…", timeout=2)
            return False
        rec = data.get(record_id) if data else None
        if rec is None:
            self.say(f"No record '{record_id}' in the data", severity="warning")
            return False
        self.query_one(TabbedContent).active = f"tab-{rec['kind']}"
        pane = self.pane(rec["kind"])
        pane.reveal(record_id)
        self.show_detail(pane, rec)
        if remember:
            self.history.visit(record_id)
        self.update_breadcrumb()
        # Focus at once (focus() is deferred behind the tab's activation, which would then move it
        # back to the list), and scrolled into view: what the user works on is on screen.
        target = pane.detail.links if focus_links else pane.record_list
        target.screen.set_focus(target)
        if focus_links:
            pane.detail.reveal_links()
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if not self.ready.is_set():
            return
        pane = self.active_pane()
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.record_list.focus()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size=None) -> None:
        width, height = size or self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.screen.set_class(small, "-too-small")

    # actions ---------------------------------------------------------------------------
    def action_tab(self, index: int) -> None:
        """Switch tab and move focus into it now, so the next key (End, j, /) acts on the new list
        even when it arrives before the tab's activation message is handled."""
        if index < len(self.tab_kinds):
            kind = self.tab_kinds[index]
            self.query_one(TabbedContent).active = f"tab-{kind}"
            if self.ready.is_set():  # set_focus, not focus(): focus() is deferred behind queued keys
                self.screen.set_focus(self.pane(kind).record_list)

    def action_filter(self) -> None:
        self.active_pane().open_filter()

    def action_donor_map(self) -> None:
        from .donor_map import DonorMapScreen

        if self.dataset is not None and not isinstance(self.screen, DonorMapScreen):
            self.push_screen(DonorMapScreen(self.dataset))

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Donor map", "Donors × sectors and years, with activity counts and amounts (m)", self.action_donor_map)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_back(self) -> None:
        pane = self.active_pane()
        if isinstance(self.focused, Input) and self.focused in pane.query(Input):
            pane.close_filter()
            return
        target = self.history.back()
        if target is None:
            self.say("Nothing to go back to", timeout=2)
            return
        self.open_record(target, focus_links=True, remember=False)

    def action_forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.open_record(target, focus_links=True, remember=False)

    def _notes_usable(self) -> bool:
        """Whether notes can be used; if not, say why (b and n then do nothing else)."""
        if self.notes is None:
            self.say(self.notes_problem or "notes unavailable", severity="warning", timeout=6)
            return False
        return True

    def action_bookmark(self) -> None:
        rec = self.current_record()
        if rec is None or not self._notes_usable():
            return
        try:
            marked = self.notes.toggle_bookmark(rec["id"])
        except OSError as err:
            self.say(f"The bookmark could not be saved: {err}", severity="error", timeout=10)
            return
        self.say(f"{'Bookmarked' if marked else 'Removed bookmark'}: {rec['name']}", timeout=3)
        self.refresh_bookmarks()
        self.show_detail(self.active_pane(), rec)
        self.update_status()

    def action_note(self) -> None:
        rec = self.current_record()
        if rec is None or not self._notes_usable():
            return
        pane = self.active_pane()
        try:
            editor = NoteScreen(self.notes, rec)
        except OSError as err:
            self.say(f"notes unavailable: {err}", severity="error", timeout=10)
            return
        self.push_screen(editor, lambda saved: self.show_detail(pane, rec))

    def action_export(self) -> None:
        rec = self.current_record()
        if rec is None or self.dataset is None:
            return
        from ..atomic import write_text

        text = exports.record_markdown(self.dataset, rec, note=self.note_of(rec["id"]))
        target = export_dir() / f"{rec['id']}.md"
        try:
            write_text(target, text)
        except OSError as err:
            self.say(f"Could not write {path_text(target)}: {err.strerror or err}", severity="error")
            return
        self.copy_to_clipboard(text)
        self.say(f"Exported to {path_text(target)} and copied to the clipboard", timeout=6)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Single-letter keys are text while typing in a field."""
        typing = isinstance(self.focused, Input) or type(self.focused).__name__ == "TextArea"
        if action in ("quit_key", "bookmark", "note", "export", "filter", "tab", "help", "donor_map") and typing:
            return False
        if action in ("back", "forward", "bookmark", "note", "export", "filter", "donor_map") and not self.ready.is_set():
            return False  # the panes are still mounting
        return True

    # crash handling -----------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """A real bug: crash log with file:line only, one line without record text, exit 70.

        Textual funnels every unhandled error here and has no public hook for it. The error is
        handed on as an UnexpectedError, which Textual shows through its ``__rich__`` (never its
        traceback, whose locals hold record and note text); Pilot tests still see it raised.
        """
        if self._crashed:
            return  # the first error is the one to report; the app is already closing
        self._crashed = True
        original = error.error if isinstance(error, WorkerFailed) else error
        try:
            self.keep_draft()
        except Exception:  # noqa: BLE001 - the crash handler must not crash; the note on disk is safe
            pass
        shown = UnexpectedError(type(original).__name__, crashlog.write(original))
        shown.__cause__ = original
        super()._handle_exception(shown)
        self.exit(return_code=EXIT_INTERNAL)


class UnexpectedError(Exception):
    """What a real bug shows: its type and where the crash log is, never its message."""

    def __init__(self, kind: str, log: Path | None):
        where = f" Details: {path_text(log)}" if log else ""
        self.line = f"ssrtui: unexpected error ({kind}); your notes are saved.{where}"
        super().__init__(self.line)

    def __rich__(self) -> Text:
        return Text(self.line, style="bold red", no_wrap=True, overflow="ignore")


def run(data_dirs: list[str] | None) -> int:
    app = SSRApp(data_dirs)
    app.run()
    return app.return_code or 0

"""The ssrtui Textual app: start-up (the data loaded off the UI thread, keys typed meanwhile held,
preferences applied), signals, global keys, crashes.

What is on screen is the main screen's (main_screen.py): the tabs, the trail, the status line.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import SimpleCommand
from textual.widgets import Input
from textual.worker import get_current_worker

from .. import __version__
from ..dataset import Dataset
from ..notes import NotesStore
from ..prefs import PreferencesFile
from ..problems import DataError
from ..textsafe import printable
from .commands import RecordSearch
from .crash_report import CrashReport, UnexpectedError  # noqa: F401 - UnexpectedError: what the app raises on a bug
from .goto import PLACEHOLDER, goto_commands
from .help_screen import HelpScreen, classes_on
from .main_screen import BOOKMARKS, MainScreen
from .note_editor import NoteScreen
from .preferences import apply_preferences, save_preferences_at_exit
from .startup_keys import KeyHolder

if TYPE_CHECKING:
    from .panes import RecordPane

#: Signals that stop the interface cleanly: terminal restored, note drafts kept, exit 128 + signal.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


class SSRApp(CrashReport, App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "ssrtui"
    COMMANDS = App.COMMANDS | {RecordSearch}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HELP_GROUP = "Everywhere"
    ESCAPE_TO_MINIMIZE = False  # the detail's own Esc ends its search first, then leaves full screen

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="This help: every key"),
        Binding("colon", "goto", "Go to", tooltip="Go to a tab, a view or a command by name (completes as you type)"),
        Binding("ctrl+p", "command_palette", "Search", show=False, priority=True,
                tooltip="Search every record, or ask a question (the answer comes first); Enter opens"),
        Binding("m", "donor_map", "Donor map", show=False, tooltip="Donor map: donors × sectors or years; Enter lists a cell's activities"),
        Binding("q", "quit_key", "Quit", tooltip="Quit (when no text field is focused)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit at any time, even while typing"),
    ]

    def __init__(self, data_dirs: list[str] | None = None, dataset: Dataset | None = None, notes: NotesStore | None = None,
                 preferences: PreferencesFile | None = None):
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
        self.ready = asyncio.Event()  # set once every tab is filled
        self.loaded = asyncio.Event()  # the data is there (the palette can search), or could not be loaded
        self.preferences = preferences or PreferencesFile.default()
        self.unsaved_preferences: str | None = None
        self.main = MainScreen(first_kind=self.preferences.values.last_tab)  # the tab the user left the app on
        self.held_keys = KeyHolder.for_app(self, self.main.keys_can_act)  # keys typed before they can act
        self._quit_without_draft = False

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        self.title = f"ssrtui {__version__}"
        apply_preferences(self)
        try:
            loop = asyncio.get_running_loop()
            for sig in STOP_SIGNALS:
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        if self._preloaded is not None:
            self._populate(self._preloaded)
        else:
            self.load_dataset()

    # loading -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True)
    def load_dataset(self) -> None:
        """Load off the UI thread so the first screen paints at once: the visible tab's records
        first (parsed alone from the store, with the saved index: search works from then on),
        then every record and backlink, which the other tabs wait for."""
        from ..store import open_dataset

        try:
            data = open_dataset(self.data_dirs, lazy=True)
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
        if data.in_memory:
            data.load_all()  # the records are parsed already: derive the backlinks before they are shown
        else:
            data.of_kind(self.main.visible_kind())
        self.call_from_thread(self._populate, data)
        if not data.in_memory:
            worker = get_current_worker()
            while not self.main.first_shown.wait(0.05):  # the visible records drawn before the rest is parsed
                if worker.is_cancelled:
                    return
            data.load_all()
            self.call_from_thread(self.main.show_data)
        data.index  # noqa: B018 - read (or built) here, off the UI thread, while the user reads

    def _load_failed(self, err: DataError) -> None:
        first = str(err.problems[0]) if err.problems else "unknown problem"
        self.main.show_load_error(first)
        self.say(f"{len(err.problems)} data problem(s); run `ssrtui validate` for the list", severity="error", timeout=30)
        self.loaded.set()

    def _populate(self, data: Dataset) -> None:
        if self.dataset is not None:
            return  # already shown
        self.dataset = data
        self.loaded.set()
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
        self.main.show_data()
        for warning in data.warnings[:1]:
            self.say(warning, severity="warning", timeout=20)
        if self.user_problems:
            self.say(f"{len(self.user_problems)} problem(s) in your own records; first: {self.user_problems[0]}",
                     severity="warning", timeout=20)
        if self.whats_new:
            from .whats_new import WhatsNewScreen

            self.push_screen(WhatsNewScreen(self.whats_new))

    # keys typed before they can act ----------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.held_keys.hold(event):
            return  # typed before what it acts on is there: replayed once it is
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        self.held_keys.arrived(event)

    def on_unmount(self) -> None:
        self.unsaved_preferences = save_preferences_at_exit(self)  # run() prints it once the terminal is back

    # the user's notes --------------------------------------------------------------------
    def bookmarks(self) -> list[str] | None:
        """The bookmarked ids, or None when the notes cannot be read."""
        if self.notes is None:
            return None
        try:
            return self.notes.bookmarks()
        except OSError as err:
            self.notes_problem = f"notes unavailable: {err}"
            return None

    def noted_ids(self) -> list[str]:
        """Ids of the records that have a note ([] when the notes cannot be read)."""
        if self.notes is None:
            return []
        try:
            return list(self.notes.notes())
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

    def notes_usable(self) -> bool:
        """Whether notes can be used; if not, say why (b and n then do nothing else)."""
        if self.notes is None:
            self.say(self.notes_problem or "notes unavailable", severity="warning", timeout=6)
            return False
        return True

    def keep_draft(self) -> bool:
        """The note editor's unsaved text, if it is open, goes to the drafts; False if it could not."""
        return all([screen.keep_draft() for screen in self.screen_stack if isinstance(screen, NoteScreen)])

    # the main screen, for the palette, the donor map and the go-to line ---------------------
    def open_record(self, record_id: str, focus_links: bool = True, remember: bool = True) -> bool:
        return self.main.open_record(record_id, focus_links=focus_links, remember=remember)

    def active_pane(self) -> RecordPane:
        return self.main.active_pane()

    def pane(self, kind: str) -> RecordPane:
        return self.main.pane(kind)

    def current_record(self) -> dict | None:
        return self.main.current_record()

    def say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """A notification that is text, never markup: data and paths with control characters escaped."""
        self.notify(printable(message, keep_newlines=False), severity=severity, timeout=timeout, markup=False)

    # global actions ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Single-letter keys are text while typing in a field; the donor map needs the data."""
        typing = isinstance(self.focused, Input) or type(self.focused).__name__ == "TextArea"
        if action in ("quit_key", "help", "donor_map", "goto") and typing:
            return False
        if action == "donor_map" and not self.ready.is_set():
            return False
        if action == "goto" and self.screen is not self.main:
            return False
        return True

    def _on_signal(self, sig: int) -> None:
        """SIGTERM/SIGHUP/SIGQUIT: keep the open note as a draft, leave the terminal clean."""
        self.keep_draft()
        self.exit(return_code=128 + sig)

    async def action_quit(self) -> None:
        """ctrl+q, from anywhere: an open note is kept as a draft; if it cannot be, a second ctrl+q quits."""
        if self.keep_draft() or self._quit_without_draft:
            self.exit()
            return
        self._quit_without_draft = True
        self.say("Press ctrl+q again to quit without the unsaved note (copy it first)", severity="error", timeout=30)

    async def action_quit_key(self) -> None:
        await self.action_quit()

    def action_help(self) -> None:
        from .compare_view import CompareScreen
        from .copy_menu import CopyMenu
        from .donor_map import DonorMapScreen
        from .notes_view import NoteList, NotesScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen([type(self), *classes_on(self.main), NoteScreen, NotesScreen, NoteList, CopyMenu,
                                         DonorMapScreen, CompareScreen]))

    def action_donor_map(self) -> None:
        from .donor_map import DonorMapScreen

        if self.dataset is not None and not isinstance(self.screen, DonorMapScreen):
            self.push_screen(DonorMapScreen(self.dataset))

    def action_goto(self) -> None:
        """The palette in a "go to" mode: every tab, view and command by name."""
        if self.screen is self.main:
            self.search_commands(goto_commands([self, self.main], [
                SimpleCommand("Theme", self.search_themes, "Change the colour theme"),
            ]), placeholder=PLACEHOLDER)

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Donor map", "Donors × sectors and years, with activity counts and amounts (m)", self.action_donor_map)
        yield SystemCommand("Bookmarks", "Your bookmarks, and notes on records no longer in the data (B)",
                            lambda: self.main.run_action(f"tab('{BOOKMARKS}')"))
        yield SystemCommand("Notes", "Every note and bookmark across records, searchable; Enter opens a record (N)",
                            lambda: self.main.run_action("notes"))
        yield SystemCommand("Compare security forces", "Every force side by side: personnel, women, ministry (c on Security forces)",
                            lambda: self.pane("force").action_compare())
        yield SystemCommand("Go to", "A tab, a view or a command by name (:)", self.action_goto)


def run(data_dirs: list[str] | None) -> int:
    app = SSRApp(data_dirs)
    app.run()
    if app.unsaved_preferences:
        print(f"ssrtui: {app.unsaved_preferences}", file=sys.stderr)
    return app.return_code or 0

"""The Timeline tab: the core timeline (``ssrtui.timeline``) shown as rows, with its three filters,
a summary line and the foldable period strip."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.suggester import Suggester
from textual.widgets import Input, Static

from ..dataset import Dataset
from ..fit import cut_end
from ..timeline import Selection, Timeline, day_in_year, event_year, starts_year
from .panes import RecordPane
from .period_strip import PeriodStrip
from .record_detail import RecordDetail
from .record_list import RecordList, Row, plain

#: Below this many terminal rows the period strip starts folded (the events need the room).
STRIP_MIN_ROWS = 30
YEAR_WIDTH = 4
DAY_WIDTH = 6  # "21 Mar"


class EventRows(Sequence):
    """A selection's events as list rows, made only when a row is drawn or visited (100k cost nothing)."""

    def __init__(self, events: Selection):
        self.events = events

    def __len__(self) -> int:
        return len(self.events)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [Row("", rec) for rec in self.events[i]]
        return Row("", self.events[i])


class EventList(RecordList):
    """Events one a row: the year (on the first row of each year, and on the top row), the day, the title."""

    def __init__(self, **kwargs):
        super().__init__(columns=(), **kwargs)
        self.rows: Sequence[Row] = EventRows(Selection([], [], None, 0))

    def show(self, events: Selection, keep: str | None = None) -> None:
        self.set_rows(EventRows(events), keep=keep)  # type: ignore[arg-type]

    @property
    def events(self) -> Selection:
        return self.rows.events  # type: ignore[attr-defined]

    def index_of(self, record_id: str) -> int | None:
        return self.events.index_of(record_id)

    def record_count(self) -> int:
        return len(self.rows)

    def _cells(self, index: int, row: Row, width: int, style: Style) -> list[Segment]:
        rec = row.record or {}
        plain_row = style is self.rich_style  # the highlighted row keeps its own colours (contrast)

        def part(name: str) -> Style:
            return style + self.get_component_rich_style(f"record-list--{name}") if plain_row else style

        disputed = rec.get("disputed")
        mark = Segment("!" if disputed else " ", part("disputed") + Style(bold=True) if disputed else style)
        year = ""
        if index == self.scroll_offset.y or starts_year(self.events, index):
            year = str(event_year(rec) or "n.d.")
        title_width = max(1, width - 1 - (YEAR_WIDTH + 1) - (DAY_WIDTH + 1))
        title = cut_end(plain(rec.get("name", "")), title_width)  # between words, as every list cuts
        day = plain(day_in_year(rec))[:DAY_WIDTH]
        return [
            mark,
            Segment(year.ljust(YEAR_WIDTH + 1), part("header")),
            Segment(day.ljust(DAY_WIDTH + 1), part("dim")),
            Segment(title.ljust(title_width), style),
        ]


class FilterField(Input):
    """A one-line filter field whose size never depends on its text (compact, sized by the .tcss).

    Input asks for a new layout of the whole screen each time its text grows or shrinks (its
    virtual width follows the text); here that reflow and repaint of every widget was two thirds of
    a keystroke at 100k events (issue #16). The field's own lines are still repainted, and its
    text still scrolls to the cursor (the virtual width is kept, only the layout pass is skipped).
    """

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)


class ActorSuggester(Suggester):
    """Completes the actor field from kinds of actor and actors' names and aliases."""

    def __init__(self, pane: "TimelinePane"):
        super().__init__(use_cache=False, case_sensitive=False)
        self.pane = pane

    async def get_suggestion(self, value: str) -> str | None:
        timeline = self.pane.timeline
        return timeline.complete_actor(value) if timeline is not None and value.strip() else None


class TimelinePane(RecordPane):
    """Every event in date order, filtered by words, years and actor; the period strip above folds."""

    HELP_GROUP = "On the timeline"
    BINDINGS = [
        Binding("y", "focus_period", "Years", show=True, tooltip="Filter the timeline by years (2012-2015)"),
        Binding("a", "focus_actor", "Actor", show=True,
                tooltip="Filter the timeline by actor: a name or alias (Denmark, EUCAP) or a kind (donors); → completes"),
        Binding("s", "toggle_strip", "Periods", show=True, tooltip="Fold or unfold the strip of mission, programme and agreement periods"),
    ]

    def __init__(self, **kwargs):
        super().__init__("event", **kwargs)
        self.timeline: Timeline | None = None
        #: The user's choice (s); None: folded when the terminal has fewer than STRIP_MIN_ROWS rows.
        self.strip_folded: bool | None = None
        self._shown: Selection | None = None
        self._strip_years: object = "unset"
        self._summary: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="timeline-filters"):
            yield FilterField(placeholder="/ words, e.g. coup, EUCAP", compact=True, classes="tl-filter tl-text")
            yield FilterField(placeholder="y years, 2012-2015", compact=True, classes="tl-filter tl-period")
            yield FilterField(placeholder="a actor: Denmark, donors", compact=True, classes="tl-filter tl-actor",
                              suggester=ActorSuggester(self))
        yield PeriodStrip(classes="period-strip")
        yield Static(classes="tl-summary")
        with Horizontal(classes="pane-body"):
            yield EventList(classes="pane-list")
            yield RecordDetail(classes="pane-detail")

    @property
    def text_input(self) -> Input:
        return self.query_one(".tl-text", Input)

    @property
    def period_input(self) -> Input:
        return self.query_one(".tl-period", Input)

    @property
    def actor_input(self) -> Input:
        return self.query_one(".tl-actor", Input)

    @property
    def strip(self) -> PeriodStrip:
        return self.query_one(PeriodStrip)

    def load(self, data: Dataset, rows: list[Row] | None = None) -> None:
        self.data = self.record_list.data = data
        self.timeline = Timeline(data)
        self._shown = None
        self._strip_years = "unset"
        self.refresh_timeline()

    # the strip ------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._fold_strip()

    def action_toggle_strip(self) -> None:
        self.strip_folded = not self.has_class("-strip-folded")
        self._fold_strip()

    def _fold_strip(self) -> None:
        folded = self.strip_folded if self.strip_folded is not None else self.screen.size.height < STRIP_MIN_ROWS
        if folded != self.has_class("-strip-folded"):
            self.set_class(folded, "-strip-folded")
            if self._shown is not None:
                self._show_summary(self._shown)

    # filters --------------------------------------------------------------------------------------
    def action_focus_period(self) -> None:
        self.period_input.focus()

    def action_focus_actor(self) -> None:
        self.actor_input.focus()

    def open_filter(self) -> None:
        self.text_input.focus()

    def close_filter(self) -> None:
        """Esc in a filter field: clear that field, back to the list."""
        field = self.app.focused if isinstance(self.app.focused, Input) and self.app.focused in self.query(Input) else self.text_input
        field.value = ""
        self.record_list.focus()

    @on(Input.Changed, ".tl-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_timeline()

    @on(Input.Submitted, ".tl-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.record_list.focus()

    def refresh_timeline(self) -> None:
        if self.timeline is None or self.data is None:
            return
        events = self.timeline.select(self.text_input.value, self.period_input.value, self.actor_input.value)
        shown, actors, events_list = self._shown, events.actors, self.record_list
        unnamed = actors is not None and actors.kind is None and not actors.records
        empty = f"No actor is named {actors.text.strip()!r}." if unnamed else "No event matches these filters."
        if shown is None or events.positions != shown.positions:  # typing often keeps the same events: then nothing is redrawn
            keep = events_list.current
            events_list.empty_text = empty
            events_list.show(events, keep=keep["id"] if keep else None)
        elif empty != events_list.empty_text:
            events_list.empty_text = empty
            events_list.refresh()
        self._shown = events
        self._show_summary(events)
        if events.period != self._strip_years:
            self._strip_years = events.period
            self.strip.show(self.data, events.period)

    def _show_summary(self, events: Selection) -> None:
        """One line: how many events, which years and actor, and the strip's key."""
        parts = [f"{len(events)} of {events.total} events" if len(events) != events.total else f"{events.total} events"]
        if events.period:
            low, high = events.period
            parts.append(f"years {low or ''}–{high if high < 9999 else ''}" if low != high else f"year {low}")
        actors = events.actors
        if actors is not None and actors.kind:
            parts.append(f"any {actors.text.strip().casefold()}")
        elif actors is not None and actors.records:
            names = ", ".join(rec["name"] for rec in actors.records[:2])
            parts.append(f"actor {names}" + (f" +{len(actors.records) - 2}" if len(actors.records) > 2 else ""))
        hint = "s: show periods" if self.has_class("-strip-folded") else "s: hide periods"
        summary = (plain(" · ".join(parts)), hint)
        if summary != self._summary:  # one line of fixed size: a new text needs no new layout
            self._summary = summary
            text = Text(summary[0], no_wrap=True, overflow="ellipsis") + Text(f"  {hint}", style="dim")
            self.query_one(".tl-summary", Static).update(text, layout=False)

    def reveal(self, record_id: str) -> bool:
        if self.record_list.highlight_record(record_id):
            return True
        for field in (self.text_input, self.period_input, self.actor_input):
            field.value = ""
        self.refresh_timeline()  # at once: the Changed messages come later
        return self.record_list.highlight_record(record_id)

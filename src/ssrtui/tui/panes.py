"""The tab panes: a filterable record list beside a detail view; the timeline adds filters and a Gantt strip."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Select, Static

from .. import dates, listing, schema
from ..dataset import Dataset
from .list_header import ColumnHeader
from .record_detail import RecordDetail
from .record_list import RecordList, Row, plain, record_rows

#: Most rows a filtered list shows at once; the list is virtual, this only bounds work per keystroke.
FILTER_LIMIT = 5000
#: Most bars the Gantt strip draws; narrowing the years shows the rest.
GANTT_MAX_ROWS = 300


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


def parse_period(text: str) -> tuple[int, int] | None:
    """'2012-2015', '2012–2015', '2012' or '2012-' → inclusive year range; None if empty/invalid."""
    text = text.strip().replace("–", "-").replace(" ", "")
    if not text:
        return None
    first, _, second = text.partition("-")
    try:
        low = int(first) if first else 0
        high = int(second) if second else (9999 if _ else low)
    except ValueError:
        return None
    return (min(low, high), max(low, high))


def gantt_lines(data: Dataset, period: tuple[int, int] | None, width: int = 56) -> list[Text]:
    """One bar per mission or programme period overlapping the years shown."""
    spans = []
    until = dates.year_of(data.as_of()) or 0  # a period that runs on is drawn to the data's year
    periodic = [kind for kind in schema.KINDS if kind in ("mission", "programme", "agreement")]  # in display order
    for rec in (rec for kind in periodic for rec in data.of_kind(kind)):  # not every record: 100,000 at a time
        span = dates.year_span(rec, until) if dates.has_period(rec) else None
        if span:
            spans.append((*span, rec))
    if not spans:
        return []
    first = period[0] if period and period[0] > 0 else min(s[0] for s in spans)
    last = period[1] if period and period[1] < 9999 else max(s[1] for s in spans)
    if last < first:
        return []
    years = last - first + 1
    spans = [s for s in spans if s[1] >= first and s[0] <= last]
    spans.sort(key=lambda s: (s[0], s[1]))
    scale = max(1, width // years)
    label_width = 30
    axis = Text(" " * label_width)
    for year in range(first, last + 1):
        cell = str(year)[-2:] if scale >= 2 else ("|" if year % 5 == 0 else " ")
        axis.append(cell.ljust(scale) if scale >= 2 else cell, style="dim")
    lines = [Text("Periods of missions, programmes and agreements", style="bold"), axis]
    hidden = max(0, len(spans) - GANTT_MAX_ROWS)
    for low, high, rec in spans[:GANTT_MAX_ROWS]:
        name = plain(rec["name"])
        label = (name[: label_width - 2] + "…") if len(name) > label_width - 1 else name
        style = {"active": "bold green", "ended": "cyan", "suspended": "yellow"}.get(rec.get("status", ""), "magenta")
        line = Text(label.ljust(label_width))
        line.append_text(_bar(low, high, first, last, scale, "█", style))
        line.append(f" {dates.when(rec)}", style="dim")
        lines.append(line)
        planned = dates.planned_dates(rec)
        if planned:  # an imported activity's plan, drawn under what actually happened
            start, end = planned
            low, high = dates.year_of(start or end), dates.year_of(end or start)
            line = Text("  planned".ljust(label_width), style="dim")
            if high >= first and low <= last:
                line.append_text(_bar(low, high, first, last, scale, "░", "dim"))
            line.append(f" {dates.period(start, end)}", style="dim")
            lines.append(line)
    if hidden:
        lines.append(Text(f"(+{hidden} more periods: narrow the years to see them)", style="dim"))
    return lines


def _bar(low: int, high: int, first: int, last: int, scale: int, char: str, style: str) -> Text:
    """The years low..high as a bar on the strip's axis (first..last, ``scale`` cells a year)."""
    lead = (max(low, first) - first) * scale
    length = (min(high, last) - max(low, first) + 1) * scale
    return Text(" " * lead) + Text(char * max(1, length), style=style)


class TimelinePane(RecordPane):
    """Every event in date order, grouped by year, filtered by text, period and actor kind."""

    HELP_GROUP = "On the timeline"
    BINDINGS = [
        Binding("y", "focus_period", "Years", show=True, tooltip="Filter the timeline by years (2012-2015)"),
        Binding("a", "focus_actor", "Actor", show=True, tooltip="Filter the timeline by the kind of actor involved"),
    ]

    def action_focus_period(self) -> None:
        self.period_input.focus()

    def action_focus_actor(self) -> None:
        self.actor_select.focus()
        self.actor_select.expanded = True

    def __init__(self, **kwargs):
        super().__init__("event", **kwargs)
        self._gantt_period: object = "unset"
        self._shown_events: list[dict] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="timeline-filters"):
            yield Input(placeholder="/ text, e.g. coup, EUCAP", classes="tl-text")
            yield Input(placeholder="y years, e.g. 2012-2015", classes="tl-period")
            yield Select([(schema.KINDS[k][1], k) for k in schema.ACTOR_KINDS], prompt="a: any actor", classes="tl-actor")
        with VerticalScroll(classes="gantt"):
            yield Static(classes="gantt-chart")
        with Horizontal(classes="pane-body"):
            yield RecordList(columns=(), label_for=self.event_label, classes="pane-list")
            yield RecordDetail(classes="pane-detail")

    @staticmethod
    def event_label(rec: dict) -> str:
        return f"{dates.when(rec, years=True):<11} {rec['name']}"

    @property
    def text_input(self) -> Input:
        return self.query_one(".tl-text", Input)

    @property
    def period_input(self) -> Input:
        return self.query_one(".tl-period", Input)

    @property
    def actor_select(self) -> Select:
        return self.query_one(".tl-actor", Select)

    def load(self, data: Dataset, rows: list[Row] | None = None) -> None:
        self.data = data
        self.base_rows = self.year_rows(data.of_kind("event"))
        self.refresh_timeline()

    @staticmethod
    def year_rows(events: list[dict]) -> list[Row]:
        rows: list[Row] = []
        current = None
        for rec in events:
            year = str(dates.record_year(rec) or "undated")
            if year != current:
                rows.append(Row(year))
                current = year
            rows.append(Row("", rec))  # label drawn lazily by event_label
        return rows

    def open_filter(self) -> None:
        self.text_input.focus()

    def close_filter(self) -> None:
        self.text_input.value = ""
        self.record_list.focus()

    def filtered_events(self) -> list[dict]:
        if self.data is None:
            return []
        events = self.data.of_kind("event")
        text = self.text_input.value
        if text.strip():
            allowed = self.data.matching_ids(text, kind="event")
            events = [e for e in events if e["id"] in allowed]
        period = parse_period(self.period_input.value)
        if period:  # an undated event has no year in any period
            years = ((e, dates.record_year(e)) for e in events)
            events = [e for e, year in years if year is not None and period[0] <= year <= period[1]]
        actor = self.actor_select.value
        if isinstance(actor, str) and actor in schema.KINDS:
            data = self.data

            def involves(event: dict) -> bool:
                targets = [link["to"] for link in event.get("links", ())]
                targets += [b.source for b in data.backlinks.get(event["id"], ())]
                return any((data.get(t) or {}).get("kind") == actor for t in targets)

            events = [e for e in events if involves(e)]
        return events

    def refresh_timeline(self) -> None:
        keep = self.record_list.current
        events = self.filtered_events()
        if events != self._shown_events:  # list equality checks identity first: cheap for the same records
            self._shown_events = events  # typing often keeps the same events: then nothing is redrawn
            self.record_list.empty_text = "No event matches these filters."
            self.record_list.set_rows(self.year_rows(events), keep=keep["id"] if keep else None)
        period = parse_period(self.period_input.value)
        if self.data is not None and period != self._gantt_period:
            self._gantt_period = period
            chart = Text("\n").join(gantt_lines(self.data, period))
            self.query_one(".gantt-chart", Static).update(chart)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input in (self.text_input, self.period_input):
            event.stop()
            self.refresh_timeline()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.record_list.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.refresh_timeline()

    def reveal(self, record_id: str) -> bool:
        if self.record_list.highlight_record(record_id):
            return True
        self.text_input.value = ""
        self.period_input.value = ""
        self.actor_select.clear()
        self.record_list.set_rows(self.year_rows(self.data.of_kind("event")) if self.data else [], keep=record_id)
        return self.record_list.current is not None and self.record_list.current["id"] == record_id

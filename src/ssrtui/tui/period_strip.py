"""The timeline's period strip: one bar per mission, programme or agreement over a year axis.

Drawn for the width it has: the label column, the bars and the dates shrink with it (the dates
go first), and no line is ever longer than the strip, so the year axis never wraps.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import dates
from ..dataset import Dataset
from ..fit import cut_end
from ..periods import Period, periods
from .record_list import plain

#: Most bars the strip draws; narrowing the years shows the rest.
GANTT_MAX_ROWS = 300
TITLE = "Periods of missions, programmes and agreements"
#: Room kept after a bar for its dates ("25 Apr 2013 – 31 Dec 2023") when the strip is wide enough.
DATES_WIDTH = 26
#: Years between axis labels: the smallest that leaves a label ("2015") and a space room.
AXIS_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
STATUS_ROLES = {"active": "active", "ended": "ended", "suspended": "suspended"}


def gantt_lines(data: Dataset, years: tuple[int, int] | None, width: int = 100,
                styles: dict[str, Style] | None = None) -> list[Text]:
    """The strip's lines for ``width`` cells: title, year axis, then a bar per period (and its plan)."""
    return strip_lines(periods(data, years), years, width, styles or {})


def strip_lines(spans: list[Period], years: tuple[int, int] | None, width: int, styles: dict[str, Style]) -> list[Text]:
    """Lines for these periods; ``styles`` by role (title, axis, active, ended, suspended, other, planned)."""
    if not spans:
        return []
    first = years[0] if years and years[0] > 0 else min(p.first for p in spans)
    last = years[1] if years and years[1] < 9999 else max(p.last for p in spans)
    count = last - first + 1
    label = max(8, min(30, width // 3))
    room = max(1, width - label - 1)
    show_dates = room - DATES_WIDTH >= 2 * count
    area = room - DATES_WIDTH if show_dates else room
    scale = area / count  # cells per year, maybe less than one

    def line(text: str, role: str) -> Text:
        return Text(text, style=styles.get(role, ""), no_wrap=True, overflow="crop", end="")

    def bar(low: int, high: int, char: str, role: str) -> Text:
        start = int((max(low, first) - first) * scale)
        end = max(start + 1, int((min(high, last) - first + 1) * scale))
        return Text(" " * start) + line(char * (end - start), role) + Text(" " * (area - end))

    lines = [line(TITLE[:width], "title"), line(" " * (label + 1), "axis") + line(_axis(first, last, scale, area), "axis")]
    for period in spans[:GANTT_MAX_ROWS]:
        rec = period.record
        name = plain(rec["name"])
        row = Text(cut_end(name, label - 1).ljust(label + 1))
        row.append_text(bar(period.first, period.last, "█", STATUS_ROLES.get(rec.get("status", ""), "other")))
        if show_dates:
            row.append_text(line(" " + dates.when(rec), "planned"))
        lines.append(row)
        if period.planned:  # an imported activity's plan, drawn under what actually happened
            low, high, start, end = period.planned
            row = line("  planned".ljust(label + 1), "planned")
            if high >= first and low <= last:
                row.append_text(bar(low, high, "░", "planned"))
            if show_dates:
                row.append_text(line(" " + dates.period(start, end), "planned"))
            lines.append(row)
    if len(spans) > GANTT_MAX_ROWS:
        lines.append(line(f"(+{len(spans) - GANTT_MAX_ROWS} more periods: narrow the years to see them)", "planned"))
    for text in lines:
        text.truncate(width)
    return lines


def _axis(first: int, last: int, scale: float, area: int) -> str:
    """Years at steps that leave each label its room, at the column where its year starts."""
    step = next((s for s in AXIS_STEPS if s * scale >= 5), AXIS_STEPS[-1])
    cells = [" "] * area
    free = 0
    for year in range(first, last + 1):
        column = int((year - first) * scale)
        if (year % step == 0 or year == first) and column >= free and column + 4 <= area:
            cells[column:column + 4] = str(year)
            free = column + 5
    return "".join(cells)


class PeriodStrip(ScrollView, can_focus=False):
    """The period strip as a widget: redrawn for its width, colours from the theme (component classes)."""

    COMPONENT_CLASSES = {
        "period-strip--title", "period-strip--axis", "period-strip--active", "period-strip--ended",
        "period-strip--suspended", "period-strip--other", "period-strip--planned",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._spans: list[Period] = []
        self._years: tuple[int, int] | None = None
        self._lines: list[Text] = []
        self._drawn_for = -1

    def show(self, data: Dataset, years: tuple[int, int] | None) -> None:
        """Draw the periods overlapping these years (all for None)."""
        self._spans, self._years = periods(data, years), years
        self._drawn_for = -1
        count = sum(1 + bool(p.planned) for p in self._spans[:GANTT_MAX_ROWS]) + (len(self._spans) > GANTT_MAX_ROWS)
        self.virtual_size = Size(self.size.width, 2 + count if self._spans else 0)
        self.refresh()

    def lines(self) -> list[Text]:
        width = self.scrollable_content_region.width
        if width != self._drawn_for:
            roles = ("title", "axis", "active", "ended", "suspended", "other", "planned")
            styles = {role: self.get_component_rich_style(f"period-strip--{role}") for role in roles}
            self._lines = strip_lines(self._spans, self._years, width, styles)
            self._drawn_for = width
        return self._lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        lines = self.lines()
        if index >= len(lines):
            return Strip.blank(width, self.rich_style)
        segments = [Segment(s.text, self.rich_style + s.style if s.style else self.rich_style)
                    for s in lines[index].render(self.app.console)]
        return Strip(segments).crop_extend(0, width, self.rich_style)

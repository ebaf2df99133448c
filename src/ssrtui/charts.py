"""Figure charts as lines of a record document: horizontal bars scaled to the largest value.

Core code (no Textual): the detail, `show` and the Markdown export draw the same bars.
"""

from __future__ import annotations

import math

from .dataset import FIGURE_LIMIT
from .document import Line, Section, Span, clean

BAR = "█"
BAR_WIDTH = 28
LABEL_WIDTH = 24


def bar_lines(items: list[tuple[str, float, str]], width: int = BAR_WIDTH, label_width: int = LABEL_WIDTH) -> list[Line]:
    """Bars scaled to the largest value: (label, value, shown text) each, label cut to ``label_width``."""
    largest = max((value for _, value, _ in items), default=0) or 1
    lines = []
    for label, value, shown in items:
        length = max(1, round(width * value / largest)) if value else 0
        spans = (Span(clean(label)[:label_width].ljust(label_width) + " "), Span(BAR * length, "bar"), Span(f" {shown}", "muted"))
        lines.append(Line("bar", spans))
    return lines


def number(fig: dict) -> float | None:
    """The figure as a number to chart, or None (text, or too large to draw: shown as text only)."""
    value = fig.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        result = float(value)
    except OverflowError:  # an int beyond float range (a 310-digit figure)
        return None
    return result if math.isfinite(result) and abs(result) < FIGURE_LIMIT else None


def force_comparison(data) -> list[Line]:
    """Personnel, then women, for every force that states them: the comparison users ask for."""
    personnel: list[tuple[str, float, str]] = []
    women: list[tuple[str, float, str]] = []
    for rec in data.of_kind("force"):
        figures = {f["label"]: f for f in rec.get("figures", ())}
        for label, series in (("Personnel", personnel), ("Women", women)):
            fig = figures.get(label)
            value = number(fig) if fig is not None else None
            if value is not None:
                year = f" ({fig['year']})" if fig.get("year") else ""
                series.append((rec["name"], value, f"{int(value):,}{year}"))
    lines = bar_lines(sorted(personnel, key=lambda i: -i[1]))
    if women:
        lines += [Line("group", (Span("Women"),))] + bar_lines(sorted(women, key=lambda i: -i[1]))
    return lines


def series_chart(rec: dict) -> list[Line]:
    """Bars for one label stated for several years (e.g. Dutch personnel 2013 vs 2016)."""
    by_label: dict[str, list[dict]] = {}
    for fig in rec.get("figures", ()):
        if number(fig) is not None and fig.get("year"):
            by_label.setdefault(fig["label"], []).append(fig)
    lines: list[Line] = []
    for label, figs in by_label.items():
        if len(figs) >= 2:
            lines.append(Line("group", (Span(clean(label)),)))
            lines += bar_lines([(str(f["year"]), number(f), f"{number(f):,.0f}") for f in sorted(figs, key=lambda f: f["year"])])
    return lines


def chart(data, rec: dict) -> Section:
    """The record's chart: a force among all forces, else its figures over the years (may be empty)."""
    if rec["kind"] == "force":
        return Section("chart", "Personnel by force", tuple(force_comparison(data)))
    return Section("chart", "Over the years", tuple(series_chart(rec)))

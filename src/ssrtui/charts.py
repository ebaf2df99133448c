"""Figure charts as lines of a record document: horizontal bars scaled to the largest value.

Core code (no Textual): the detail, `show` and the Markdown export draw the same bars. A bar line
is (label padded to LABEL_WIDTH, bar of up to BAR_WIDTH cells, shown value); a writer with less
room lays it out again at its width from ``bar_parts``.
"""

from __future__ import annotations

from .document import Line, Section, Span, clean
from .forces import amount, force_figures, number

BAR = "█"
#: Eighths of a cell, so a bar a fraction of a cell long still shows how long it is.
EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 28
LABEL_WIDTH = 24


def bar_lines(items: list[tuple[str, float, str]], largest: float | None = None) -> list[Line]:
    """Bars scaled to ``largest`` (default: the largest value): (label, value, shown text) each,
    the label cut to LABEL_WIDTH."""
    largest = largest or max((value for _, value, _ in items), default=0) or 1
    lines = []
    for label, value, shown in items:
        spans = (Span(clean(label)[:LABEL_WIDTH].ljust(LABEL_WIDTH) + " "), Span(bar(value / largest, BAR_WIDTH), "bar"),
                 Span(f" {shown}", "muted"))
        lines.append(Line("bar", spans))
    return lines


def bar(share: float, width: int) -> str:
    """A bar ``share`` of ``width`` cells long, to an eighth of a cell (at least an eighth when
    ``share`` is above 0)."""
    eighths = max(1, round(8 * width * share)) if share > 0 else 0
    return BAR * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def bar_share(text: str) -> float:
    """How long a drawn bar is, as a share of BAR_WIDTH (``bar``'s inverse)."""
    full = text.count(BAR)
    partial = next((EIGHTHS.index(c) for c in text if c in EIGHTHS[1:]), 0)
    return (full + partial / 8) / BAR_WIDTH


def bar_parts(line: Line) -> tuple[str, float, str]:
    """A bar line as (label, length as a share of the full bar, shown value): for a writer that
    draws it at another width."""
    label, drawn, shown = line.spans
    return label.text.rstrip(), bar_share(drawn.text), shown.text.strip()


def force_comparison(data) -> list[Line]:
    """Personnel, then women, for every force that states them, on one scale (women are a part
    of the personnel: the bars compare)."""
    personnel: list[tuple[str, float, str]] = []
    women: list[tuple[str, float, str]] = []
    for row in force_figures(data):
        for value, year, series in ((row.personnel, row.personnel_year, personnel), (row.women, row.women_year, women)):
            if value is not None:
                series.append((row.record["name"], value, amount(value) + (f" ({year})" if year else "")))
    largest = max((value for _, value, _ in personnel + women), default=0)
    lines = bar_lines(sorted(personnel, key=lambda i: -i[1]), largest)
    if women:
        lines += [Line("group", (Span("Women"),))] + bar_lines(sorted(women, key=lambda i: -i[1]), largest)
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

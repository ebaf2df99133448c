"""The detail of one record: facts, figures with bars, selectable links, sources, note."""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import dates, render
from ..dataset import FIGURE_LIMIT, Dataset
from .record_list import plain

BAR = "█"
#: Figures at least this large are shown as text but not charted (a bar needs a finite ratio).


def bar_lines(items: list[tuple[str, float, str]], width: int = 28, label_width: int = 24) -> list[Text]:
    """Horizontal bars scaled to the largest value: (label, value, shown text)."""
    largest = max((value for _, value, _ in items), default=0) or 1
    lines = []
    for label, value, shown in items:
        length = max(1, round(width * value / largest)) if value else 0
        line = Text(plain(label)[:label_width].ljust(label_width) + " ")
        line.append(BAR * length, style="bold cyan")
        line.append(f" {shown}", style="dim")
        lines.append(line)
    return lines


def _number(fig: dict) -> float | None:
    """The figure as a number to chart, or None (text, or too large to draw: shown as text only)."""
    value = fig.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int beyond float range (a 310-digit figure)
        return None
    return number if math.isfinite(number) and abs(number) < FIGURE_LIMIT else None


def force_comparison(data: Dataset) -> list[Text]:
    """Personnel, then women, for every force that states them: the comparison users ask for."""
    personnel: list[tuple[str, float, str]] = []
    women: list[tuple[str, float, str]] = []
    for rec in data.of_kind("force"):
        figures = {f["label"]: f for f in rec.get("figures", ())}
        for label, series in (("Personnel", personnel), ("Women", women)):
            fig = figures.get(label)
            if fig is not None and _number(fig) is not None:
                year = f" ({fig['year']})" if fig.get("year") else ""
                series.append((rec["name"], _number(fig), f"{int(_number(fig)):,}{year}"))
    lines = bar_lines(sorted(personnel, key=lambda i: -i[1]))
    if women:
        lines += [Text("Women", style="bold")] + bar_lines(sorted(women, key=lambda i: -i[1]))
    return lines


def series_chart(rec: dict) -> list[Text]:
    """Bars for one label stated for several years (e.g. Dutch personnel 2013 vs 2016)."""
    by_label: dict[str, list[dict]] = {}
    for fig in rec.get("figures", ()):
        if _number(fig) is not None and fig.get("year"):
            by_label.setdefault(fig["label"], []).append(fig)
    lines: list[Text] = []
    for label, figs in by_label.items():
        if len(figs) >= 2:
            lines.append(Text(label, style="bold"))
            lines += bar_lines([(str(f["year"]), _number(f), f"{_number(f):,.0f}") for f in sorted(figs, key=lambda f: f["year"])])
    return lines


class LinkList(OptionList):
    """The record's links: the list keys move in it too (j/k as in every list, g/G first/last)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class RecordDetail(VerticalScroll):
    """Scrollable record view; its link list is where drill-down happens."""

    BINDINGS = [Binding("left,h", "focus_list", "List", show=False)]

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
        yield Static(classes="detail-header")
        yield Static("Links", classes="detail-heading")
        yield LinkList(classes="detail-links")
        yield Static(classes="detail-body")
        yield Static(classes="detail-sources")

    def action_focus_list(self) -> None:
        self.post_message(self.BackToList())

    @property
    def links(self) -> OptionList:
        return self.query_one(".detail-links", OptionList)

    def show(self, data: Dataset, rec: dict | None, note: str = "", bookmarked: bool = False) -> None:
        self.data, self.record = data, rec
        header = self.query_one(".detail-header", Static)
        body = self.query_one(".detail-body", Static)
        sources = self.query_one(".detail-sources", Static)
        links = self.links
        links.clear_options()
        if rec is None:
            header.update(Text("No record selected.", style="dim"))
            body.update("")
            sources.update("")
            return
        header.update(self._header(rec, bookmarked))
        body.update(self._body(data, rec, note))
        options: list[Option | None] = []
        for heading, items in render.grouped_links(data, rec):
            options.append(Option(Text(heading.capitalize(), style="bold"), disabled=True))
            for target, label in items:
                options.append(Option(Text("  → " + plain(label)), id=f"{len(options)}:{target}"))
        if not options:
            options.append(Option(Text("No links.", style="dim"), disabled=True))
        links.add_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        links.highlighted = first
        sources.update(self._sources(data, rec))
        self.scroll_home(animate=False)

    def reveal_links(self) -> None:
        """Scroll so the links are on screen once the new record is laid out (after show's scroll home)."""
        self.call_after_refresh(self.scroll_to_widget, self.links, animate=False)

    @staticmethod
    def _header(rec: dict, bookmarked: bool) -> Text:
        text = Text()
        if bookmarked:
            text.append("★ ", style="bold yellow")
        text.append(plain(rec["name"]), style="bold")
        text.append(f"   {render.kind_label(rec['kind'])} · {rec['id']}", style="dim")
        if rec.get("_origin") == "user":  # from the user's own records folder, not the pack
            text.append("\nYour record" + (", replacing the pack's" if rec.get("_replaces") else ""), style="bold magenta")
        if rec.get("aliases"):
            text.append("\nAlso: " + plain("; ".join(rec["aliases"])), style="italic")
        if dates.when(rec):
            text.append("\nWhen: ", style="bold")
            text.append(dates.when(rec))
        if rec.get("status"):
            text.append("\nStatus: ", style="bold")
            text.append(render.status_line(rec), style="green" if rec["status"] == "active" else "")
        if rec.get("disputed"):
            text.append("\n⚠ DISPUTED: ", style="bold black on yellow")
            text.append(" " + " ".join(plain(rec["disputed"]).split()), style="yellow")
        if rec.get("summary"):
            text.append("\n\n" + " ".join(plain(rec["summary"]).split()))
        return text

    @staticmethod
    def _body(data: Dataset, rec: dict, note: str) -> Text:
        text = Text()
        if rec.get("description"):
            text.append(" ".join(plain(rec["description"]).split()) + "\n")
        for key, label in (("url", "Address"), ("path", "Document")):
            if rec.get(key):
                text.append(f"\n{label}: ", style="bold")
                text.append(plain(rec[key]))
        for label, value in render.publication(rec):
            text.append(f"\n{label}: ", style="bold")
            text.append(plain(value))
        if rec.get("figures"):
            text.append("\nFigures\n", style="bold underline")
            for fig in rec["figures"]:
                text.append("  • " + plain(render.figure_text(fig)) + "\n")
        chart = force_comparison(data) if rec["kind"] == "force" else series_chart(rec)
        if chart:
            title = "Personnel by force" if rec["kind"] == "force" else "Over the years"
            text.append(f"\n{title}\n", style="bold underline")
            for line in chart:
                text.append("  ")
                text.append_text(line)
                text.append("\n")
        if note:
            text.append("\nYour note\n", style="bold underline")
            text.append(plain(note) + "\n", style="italic")
        if rec.get("tags"):
            text.append("\nTags: " + plain(", ".join(rec["tags"])), style="dim")
        return text

    @staticmethod
    def _sources(data: Dataset, rec: dict) -> Text:
        text = Text("Sources\n", style="bold underline")
        for cite in rec.get("sources", ()):
            text.append("• " + plain(data.name_of(cite["source"])) + "\n", style="bold")
            if cite.get("quote"):
                text.append("  “" + " ".join(plain(cite["quote"]).split()) + "”\n", style="italic")
            if cite.get("note"):
                text.append("  (" + plain(cite["note"]) + ")\n", style="dim")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.FollowLink(event.option.id.split(":", 1)[1]))

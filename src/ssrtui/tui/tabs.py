"""The tabs: a one-line tab bar over a switcher of panes.

The bar is drawn, not made of widgets, so that it can promise what a row of widgets in a scrolling
container cannot: the active tab is always shown whole and highlighted, no label is ever cut, and
the tabs beyond each edge are counted ("‹ 3", "7 ›").
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

GAP = 0  # cells between two labels (each is padded by one cell on either side)


@dataclass(frozen=True)
class TabLabel:
    """A tab's name in full, and the shorter form used when the full ones do not fit."""

    full: str
    short: str

    @classmethod
    def of(cls, label: str) -> "TabLabel":
        """'Security forces' -> short 'Forces': the last word names what the tab lists."""
        return cls(label, label.split()[-1].capitalize())


def more_left(count: int) -> str:
    return f"‹ {count}"


def more_right(count: int) -> str:
    return f"{count} ›"


def fit(labels: list[str], active: int, first: int, width: int) -> tuple[int, int]:
    """The window of whole labels ``[first, last)`` that fits ``width`` with its edge counts.

    The window keeps ``first`` when the active tab is inside it (the bar scrolls only as far as
    needed, as a list does) and always holds the active tab.
    """

    def used(low: int, high: int) -> int:
        cells = sum(len(label) + 2 for label in labels[low:high]) + GAP * max(0, high - low - 1)
        if low > 0:
            cells += len(more_left(low)) + GAP
        if high < len(labels):
            cells += len(more_right(len(labels) - high)) + GAP
        return cells

    first = min(max(0, first), active)
    while first < active and used(first, active + 1) > width:
        first += 1  # scroll right until the active tab fits
    last = active + 1
    while last < len(labels) and used(first, last + 1) <= width:
        last += 1
    while first > 0 and used(first - 1, last) <= width:
        first -= 1  # room left over at the end: show earlier tabs too
    return first, last


class TabBar(Widget):
    """One line of tab labels; the active one highlighted and always on screen."""

    COMPONENT_CLASSES = {"tab-bar--tab", "tab-bar--active", "tab-bar--more"}

    active: reactive[int] = reactive(0)

    class Clicked(Message):
        def __init__(self, index: int):
            super().__init__()
            self.index = index

    def __init__(self, labels: list[TabLabel], **kwargs):
        super().__init__(**kwargs)
        self.tab_labels = labels
        self._first = 0
        self._spans: list[tuple[int, int, int]] = []  # (start cell, end cell, tab index) as last drawn

    @property
    def labels(self) -> list[str]:
        """The tabs' full names, in order."""
        return [label.full for label in self.tab_labels]

    def shown_labels(self, width: int) -> list[str]:
        """Full names when they all fit; else the short ones (more tabs on screen at once)."""
        full = self.labels
        if sum(len(label) + 2 + GAP for label in full) - GAP <= width:
            return full
        return [label.short for label in self.tab_labels]

    def render(self) -> Text:
        width = self.content_region.width or self.app.size.width
        labels = self.shown_labels(width)
        self._first, last = fit(labels, self.active, self._first, width)
        tab, current, more = (self.get_component_rich_style(name)
                              for name in ("tab-bar--tab", "tab-bar--active", "tab-bar--more"))
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []

        def add(part: str, style: Style, index: int) -> None:
            if text:
                text.append(" " * GAP)
            self._spans.append((len(text), len(text) + len(part), index))
            text.append(part, style=style)

        if self._first:
            add(more_left(self._first), more, self._first - 1)
        for index in range(self._first, last):
            add(f" {labels[index]} ", current if index == self.active else tab, index)
        if last < len(labels):
            add(more_right(len(labels) - last), more, last)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, index in self._spans:
            if start <= event.x < end:
                self.post_message(self.Clicked(index))
                return


class TabbedPanes(Vertical):
    """A tab bar over one container per tab; ``active`` is the shown container's id ("tab-KIND")."""

    active: reactive[str] = reactive("", init=False)

    class Activated(Message):
        """The active tab changed (by a key, a click or the code)."""

        def __init__(self, tabs: "TabbedPanes", tab_id: str):
            super().__init__()
            self.tabs = tabs
            self.tab_id = tab_id

        @property
        def control(self) -> "TabbedPanes":
            return self.tabs

    def __init__(self, tabs: list[tuple[str, str]], initial: str | None = None, **kwargs):
        """``tabs``: (container id, label) in order; ``initial``: the id shown first (else the first)."""
        super().__init__(**kwargs)
        self.tab_ids = [tab_id for tab_id, _ in tabs]
        self._labels = [TabLabel.of(label) for _, label in tabs]
        self.set_reactive(TabbedPanes.active, initial if initial in self.tab_ids else self.tab_ids[0])

    def compose(self) -> ComposeResult:
        bar = TabBar(self._labels, classes="tab-bar")
        bar.set_reactive(TabBar.active, self.tab_ids.index(self.active))
        yield bar
        with ContentSwitcher(initial=self.active, classes="tab-panes"):
            for tab_id in self.tab_ids:
                yield Vertical(id=tab_id, classes="tab-pane")

    @property
    def bar(self) -> TabBar:
        return self.query_one(TabBar)

    def validate_active(self, tab_id: str) -> str:
        return tab_id if tab_id in self.tab_ids else self.active

    def watch_active(self, tab_id: str) -> None:
        self.query_one(ContentSwitcher).current = tab_id
        self.bar.active = self.tab_ids.index(tab_id)
        self.post_message(self.Activated(self, tab_id))

    def on_tab_bar_clicked(self, event: TabBar.Clicked) -> None:
        event.stop()
        self.active = self.tab_ids[event.index]

"""The top line: the trail of records opened (history), a tip when there is none, or why the data did not load."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..textsafe import printable
from .record_list import plain

SEPARATOR = " › "
#: The tip's hints, most useful first: at narrow widths the last ones are left out, never cut.
TIPS = ("F1 help", "ctrl+p searches everything", ": goes to a tab or view", "/ filters",
        "Enter on a link drills down", "Esc goes back")
FORWARD_HINT = "   (alt+→ forward)"


def fitted_trail(names: list[str], width: int) -> list[str]:
    """The trail's names, the oldest left out (one '…' for them) until it fits; the current name is kept."""
    kept = list(names)
    while len(kept) > 1 and len(SEPARATOR.join(["…"] * (len(kept) < len(names)) + kept)) > width:
        kept.pop(0)
    shown = ["…"] * (len(kept) < len(names)) + kept
    if len(SEPARATOR.join(shown)) > width:  # the current name alone is longer than the line: cut at a word
        words = shown[-1].split()
        room = width - len(SEPARATOR.join(shown[:-1] + [""]))
        while len(words) > 1 and len(" ".join(words)) + 1 > room:
            words.pop()
        shown[-1] = " ".join(words) + "…"
    return shown


def fitted_tip(width: int) -> str:
    """'Tip: ' and as many hints as fit, in order of use."""
    tip = "Tip: " + TIPS[0]
    for hint in TIPS[1:]:
        if len(tip) + 3 + len(hint) > width:
            break
        tip += " · " + hint
    return tip


class Breadcrumb(Widget):
    """What the user opened, oldest first; re-flowed to its width on every paint."""

    COMPONENT_CLASSES = {"breadcrumb--dim", "breadcrumb--current", "breadcrumb--error"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.names: list[str] = []
        self.can_go_forward = False
        self.error: str | None = None
        self.loading = True

    def show_trail(self, names: list[str], can_go_forward: bool) -> None:
        """The names of the records opened, oldest first (one or none: the tip is shown)."""
        self.names, self.can_go_forward, self.loading = [plain(n) for n in names], can_go_forward, False
        self.refresh()

    def show_error(self, message: str) -> None:
        self.error = printable(message, keep_newlines=False)
        self.refresh()

    def render(self) -> Text:
        width = self.content_region.width or self.app.size.width
        dim = self.get_component_rich_style("breadcrumb--dim")
        if self.error is not None:
            return Text(f"Cannot load the data: {self.error}", style=self.get_component_rich_style("breadcrumb--error"))
        if self.loading:
            return Text("Loading the dataset…", style=dim)
        if len(self.names) <= 1:
            return Text(fitted_tip(width), style=dim, no_wrap=True)
        forward = FORWARD_HINT if self.can_go_forward else ""
        names = fitted_trail(self.names, width - len(forward))
        text = Text(no_wrap=True, overflow="crop")
        for i, name in enumerate(names):
            if i:
                text.append(SEPARATOR, style=dim)
            text.append(name, style=self.get_component_rich_style("breadcrumb--current") if i == len(names) - 1 else "")
        if forward:
            text.append(forward, style=dim)
        return text

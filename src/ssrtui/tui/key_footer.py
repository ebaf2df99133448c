"""The footer: the keys that matter most, as many as fit whole (never "e Expo" at 80 columns)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

#: Which keys stay first when not all fit; the others follow in the footer's own order, nearest the
#: focus first (the focused widget's keys, its pane's, the screen's, then the app's: the timeline's
#: y and a before b and n, a screen's own keys before Quit).
PRIORITY = ("help", "select", "goto")


def key_width(key_display: str, description: str) -> int:
    """Cells a key takes in the footer: ' KEY ' then 'DESCRIPTION ' (Footer's own padding)."""
    return len(key_display) + 2 + (len(description) + 1 if description else 0)


def chosen(keys: list[tuple[str, int]], width: int) -> set[int]:
    """Indexes of the keys shown: by PRIORITY (then order) while the total fits ``width``.

    ``keys``: (action, width) in the order the footer shows them.
    """
    rank = {action: i for i, action in enumerate(PRIORITY)}
    order = sorted(range(len(keys)), key=lambda i: (rank.get(keys[i][0], len(PRIORITY)), i))
    shown: set[int] = set()
    used = 0
    for i in order:
        if used + keys[i][1] <= width:
            shown.add(i)
            used += keys[i][1]
    return shown


class KeyFooter(Footer):
    """A footer that leaves out whole keys, the least wanted first, rather than cutting one."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # FooterKeys: ssrtui groups no bindings, so there are no KeyGroups
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        width = self.app.size.width - sum(key_width(key.key_display, key.description) + 2 for key in palette)
        shown = chosen([(key.action.split("(")[0], key_width(key.key_display, key.description)) for key in keys], width)
        yield from [key for i, key in enumerate(keys) if i in shown] + palette

    def on_resize(self, event: events.Resize) -> None:
        if self.is_attached:
            self.call_after_refresh(self.recompose)

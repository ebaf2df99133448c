"""The "What's new" view: shown once after a pack install, what the new pack changed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..textsafe import printable


class WhatsNewScreen(ModalScreen[None]):
    """Added, removed and changed records (field by field) since the data active before the install."""

    DEFAULT_CSS = """
    WhatsNewScreen { align: center middle; }
    #whats-new-box { width: 90%; height: 80%; border: round $accent; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, news: dict):
        super().__init__()
        self.news = news

    def compose(self) -> ComposeResult:
        news = self.news
        title = f"What's new in pack {news.get('name')} {news.get('version')} (since {news.get('since')})"
        body = Text(printable(title, keep_newlines=False), style="bold")
        body.append("\n\n")
        body.append(printable(str(news.get("text", ""))))
        body.append("\nEsc closes this view; `ssrtui diff` prints it again.", style="dim")
        with VerticalScroll(id="whats-new-box"):
            yield Static(body, id="whats-new-text")

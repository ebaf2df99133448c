"""Copying from the keyboard: ``y`` copies the open record's citation; ``Y`` offers its parts and
the highlighted link to choose from (``CopyMenu``).

Text goes to the terminal's clipboard through OSC 52 (``App.copy_to_clipboard``: no helper program,
works over ssh), and one line says what was copied, so the user knows even where the terminal
ignores OSC 52.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..citation import citation, parts
from ..render import preview
from ..textsafe import printable

#: Characters of the copied text the confirmation line shows.
SAID_LENGTH = 70
#: The menu's widest (app.tcss #copy-box: 90% of the screen, at most 100), the cells its border,
#: padding and option padding take, and the column naming each part.
BOX_WIDTH, BOX_CHROME, WHAT_WIDTH = 100, 6, 13


def copy(app, what: str, text: str) -> None:
    """Put ``text`` on the clipboard and say in one line what it was (``what``: 'the citation', 'name'…)."""
    app.copy_to_clipboard(text)
    first, *others = text.split("\n")
    more = f" (+{len(others)} more line{'s' if len(others) > 1 else ''})" if others else ""
    app.say(f"Copied {what}: {preview(first, SAID_LENGTH)}{more}", timeout=4)


def copy_citation(app, rec: dict) -> None:
    """``y``: the open record's citation."""
    if app.dataset is not None:
        copy(app, "the citation", citation(app.dataset, rec))


def offer_parts(app, rec: dict, links: OptionList) -> None:
    """``Y``: the record's parts (citation, name, id, summary, address) and the highlighted link, to choose from."""
    if app.dataset is None:
        return
    choices = parts(app.dataset, rec)
    link = highlighted_link(links)
    if link:
        choices.append(("Link", link))

    def copy_chosen(chosen: tuple[str, str] | None) -> None:
        if chosen is not None:
            copy(app, chosen[0].lower(), chosen[1])

    app.push_screen(CopyMenu(rec["name"], choices), copy_chosen)


def highlighted_link(links: OptionList) -> str | None:
    """The link highlighted in a record's links as 'Role: Name (period)', None when none is."""
    index = links.highlighted
    if index is None or links.get_option_at_index(index).disabled:
        return None
    text = str(links.get_option_at_index(index).prompt).strip().removeprefix("→").strip()
    for earlier in range(index - 1, -1, -1):  # the role heading above it
        option = links.get_option_at_index(earlier)
        if option.disabled:
            return f"{str(option.prompt).strip()}: {text}"
    return text


class CopyMenu(ModalScreen[tuple[str, str] | None]):
    """The parts of a record to copy, each with the start of its text; Enter copies one."""

    HELP_GROUP = "In the copy menu (Y)"
    BINDINGS = [Binding("escape", "close_menu", "Close", tooltip="Close without copying (Enter copies the highlighted part)")]

    def __init__(self, name: str, choices: list[tuple[str, str]]):
        """``choices``: (what, text) in the order offered."""
        super().__init__()
        self.record_name = name
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-box"):
            yield Static(Text(printable(f"Copy from {self.record_name}", keep_newlines=False)), id="copy-title")
            room = min(BOX_WIDTH, self.app.size.width * 9 // 10) - BOX_CHROME - WHAT_WIDTH
            yield OptionList(*[self._option(what, text, room) for what, text in self.choices], id="copy-list")

    @staticmethod
    def _option(what: str, text: str, room: int) -> Option:
        """One line: what it is, and as much of its text as fits (the line above says it all once copied)."""
        prompt = Text()
        prompt.append(f"{what:<{WHAT_WIDTH}}", style="bold")
        prompt.append(preview(text, max(10, room)), style="dim")
        return Option(prompt)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_close_menu(self) -> None:
        self.dismiss(None)

"""Finding words in the record shown (``/`` in the detail, ``n``/``N``): the matches in the text
above the links, in the links and below them, in reading order; the current one highlighted and
scrolled into view, the count in a bar under the record."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from ..find import find_all
from .record_text import RecordText


@dataclass(frozen=True)
class Match:
    """One match: in a RecordText (``index``: the n-th match there) or in the links (``index``:
    the option; ``nth``: the n-th match in that option)."""

    part: Widget
    index: int
    nth: int = 0


class FindInput(Input):
    """The words to find, as you type. Enter keeps the matches and returns to the record."""

    HELP_GROUP = "In a record"
    BINDINGS = [Binding("escape", "end", "End the search", show=False, tooltip="Close the search and its highlights")]

    class Ended(Message):
        pass

    def action_end(self) -> None:
        self.post_message(self.Ended())


class FindBar(Horizontal):
    """Under the record while a search is on: the words, and 'match 2 of 5 · n next · N previous'."""

    DEFAULT_CSS = """
    FindBar { dock: bottom; height: 1; display: none; background: $panel; }
    FindBar.-shown { display: block; }
    FindBar .find-label { width: auto; padding: 0 1; }
    FindBar FindInput { width: 1fr; min-width: 8; }
    FindBar .find-count { width: auto; color: $text-muted; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Find:", classes="find-label")
        yield FindInput(placeholder="words in this record", compact=True)
        yield Static(classes="find-count")

    @property
    def input(self) -> FindInput:
        return self.query_one(FindInput)

    def say(self, text: str) -> None:
        self.query_one(".find-count", Static).update(Text(text))


class Finder:
    """The matches of one query in one detail: its header and body texts and its links."""

    def __init__(self, header: RecordText, links: OptionList, body: RecordText):
        self.header, self.links, self.body = header, links, body
        self.query = ""
        self.matches: list[Match] = []
        self.current: int | None = None
        self._prompts: list[Text] = []  # the links as they read before highlighting

    def search(self, query: str) -> int:
        """Find ``query`` (replacing any search before); the first match becomes current."""
        self.clear()
        self.query = query.strip()
        if not self.query:
            return 0
        self.matches = [Match(self.header, i) for i in range(self.header.find(self.query))]
        self._prompts = [option.prompt for option in self.links.options]
        for index, prompt in enumerate(self._prompts):
            found = find_all(prompt.plain, self.query) if isinstance(prompt, Text) else []
            self.matches += [Match(self.links, index, nth) for nth in range(len(found))]
        self.matches += [Match(self.body, i) for i in range(self.body.find(self.query))]
        self.current = 0 if self.matches else None
        self._mark()
        return len(self.matches)

    def step(self, direction: int) -> None:
        """To the next (1) or previous (-1) match, round the end."""
        if self.matches:
            self.current = ((self.current or 0) + direction) % len(self.matches)
            self._mark()

    def clear(self) -> None:
        """No search: highlights gone, the links as they were."""
        if self.query:
            self.header.find("")
            self.body.find("")
            for index, prompt in enumerate(self._prompts[: self.links.option_count]):
                self.links.replace_option_prompt_at_index(index, prompt)
        self.query, self.matches, self.current, self._prompts = "", [], None, []

    @property
    def status(self) -> str:
        if not self.query:
            return ""
        if not self.matches:
            return "no match"
        return f"{self.current + 1} of {len(self.matches)}"

    @property
    def match(self) -> Match | None:
        return self.matches[self.current] if self.current is not None else None

    def _mark(self) -> None:
        """Highlight the current match in its part, and every match in the links."""
        match = self.match
        for text in (self.header, self.body):
            text.mark(match.index if match is not None and match.part is text else None)
        style = self.header.get_component_rich_style("doc--match", partial=True)
        current = self.header.get_component_rich_style("doc--match-current", partial=True)
        for index, prompt in enumerate(self._prompts):
            if not isinstance(prompt, Text):
                continue
            found = find_all(prompt.plain, self.query)
            if found:
                marked = prompt.copy()
                for nth, (start, end) in enumerate(found):
                    is_current = match is not None and match.part is self.links and (match.index, match.nth) == (index, nth)
                    marked.stylize(current if is_current else style, start, end)
                self.links.replace_option_prompt_at_index(index, marked)

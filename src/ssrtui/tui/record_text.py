"""The interface's writer of a record document (``render.document``): rich Text for the detail,
and the link options the user drills down through. Semantic styles become the component classes
of ``RecordText`` (``doc--title``, ``doc--flag``…), whose colours are theme variables, so a theme
change recolours the detail."""

from __future__ import annotations

from typing import Callable

from rich.style import Style
from rich.text import Text
from textual.widget import Widget
from textual.widgets.option_list import Option

from ..document import STYLES, Line, Section
from ..render import title_parts

#: Styles of the layout itself (besides the spans' semantic styles).
LAYOUT_STYLES = ("heading", "group")


def rich_text(sections: list[Section], style_of: Callable[[str], Style]) -> Text:
    """Sections apart by a blank line, each heading above its lines."""
    text = Text()
    for section in sections:
        if text:
            text.append("\n\n")
        if section.heading:
            text.append(section.heading, style_of("heading"))
            text.append("\n")
        for i, line in enumerate(section.lines):
            if i:
                text.append("\n")
            _append_line(text, line, style_of)
    return text


def _append_line(text: Text, line: Line, style_of: Callable[[str], Style]) -> None:
    spans = list(line.spans)
    if line.kind == "title":
        marked, name, kind, rid = title_parts(line)
        if marked:
            text.append("★ ", style_of("mark"))
        text.append(name, style_of("title"))
        text.append(f"   {kind} · {rid}", style_of("meta"))
        return
    if line.kind == "fact":
        label, spans = spans[0], spans[1:]
        shown = f"⚠ {label.text.upper()}" if label.style == "flag" else label.text
        text.append(shown, style_of(label.style))
        text.append(": ")
    elif line.kind == "group":
        text.append(line.text, style_of("group"))
        return
    else:
        text.append({"item": "  • ", "sub": "    ", "bar": "  "}.get(line.kind, ""))
    for span in spans:
        text.append(span.text, style_of(span.style) if span.style else Style())


def link_options(section: Section | None) -> list[Option]:
    """The links section as options: each role a disabled heading, each link one to follow
    (its id ``n:target``, unique even when a record is linked twice)."""
    options: list[Option] = []
    for line in section.lines if section else ():
        if line.kind == "group":
            options.append(Option(Text(line.text, style="bold"), disabled=True))
        else:
            options.append(Option(Text("  → " + line.text), id=f"{len(options)}:{line.target}"))
    return options or [Option(Text("No links.", style="italic"), disabled=True)]


class RecordText(Widget):
    """Sections of a record document, written with this widget's component styles at each render
    (so the colours follow the theme)."""

    COMPONENT_CLASSES = {f"doc--{name}" for name in STYLES + LAYOUT_STYLES}
    DEFAULT_CSS = """
    RecordText { height: auto; }
    RecordText > .doc--title { text-style: bold; }
    RecordText > .doc--meta { text-style: dim; }
    RecordText > .doc--label { text-style: bold; }
    RecordText > .doc--heading { text-style: bold underline; }
    RecordText > .doc--group { text-style: bold; }
    RecordText > .doc--flag { text-style: bold; color: $text-warning; background: $warning-muted; }
    RecordText > .doc--warning { color: $text-warning; }
    RecordText > .doc--active { color: $text-success; }
    RecordText > .doc--user { text-style: bold; color: $text-accent; }
    RecordText > .doc--mark { text-style: bold; color: $text-warning; }
    RecordText > .doc--quote { text-style: italic; }
    RecordText > .doc--note { text-style: italic; }
    RecordText > .doc--muted { text-style: dim; }
    RecordText > .doc--bar { text-style: bold; color: $text-primary; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sections: list[Section] = []
        self.empty = ""

    def show(self, sections: list[Section], empty: str = "") -> None:
        self.sections, self.empty = sections, empty
        self.refresh(layout=True)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"doc--{name}", partial=True)

    def render(self) -> Text:
        if not self.sections:
            return Text(self.empty, style=self._style("muted"))
        return rich_text(self.sections, self._style)

"""The interface's writer of a record document (``render.document``): rich Text for the detail,
and the link options the user drills down through. Semantic styles become the component classes
of ``RecordText`` (``doc--title``, ``doc--flag``…), whose colours are theme variables, so a theme
change recolours the detail.

Lines are laid out for the width they are shown in: a record id too long for its line breaks
after a hyphen (never inside a word), and chart bars are drawn at the room there is (the label
above its bar when there is too little), so nothing wraps into an unreadable chart.
"""

from __future__ import annotations

from typing import Callable

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets.option_list import Option

from ..charts import BAR_WIDTH, LABEL_WIDTH, bar, bar_parts
from ..document import STYLES, Line, Section
from ..find import find_all
from ..fit import cut_end
from ..render import title_parts

#: Styles of the layout itself (besides the spans' semantic styles) and of the words found.
LAYOUT_STYLES = ("heading", "group", "match", "match-current")
#: The indent of a chart bar, and the narrowest bar drawn beside its label.
BAR_INDENT, MIN_BAR = 2, 8


def rich_text(sections: list[Section], style_of: Callable[[str], Style], width: int = 0) -> Text:
    """Sections apart by a blank line, each heading above its lines; laid out for ``width``
    cells (0: as the document gives them)."""
    text = Text()
    for section in sections:
        if text:
            text.append("\n\n")
        if section.heading:
            text.append(section.heading, style_of("heading"))
            text.append("\n")
        bars = _bar_layout([line for line in section.lines if line.kind == "bar"], width)
        for i, line in enumerate(section.lines):
            if i:
                text.append("\n")
            if line.kind == "bar" and bars:
                _append_bar(text, line, style_of, *bars)
            else:
                _append_line(text, line, style_of, width)
    return text


def _append_line(text: Text, line: Line, style_of: Callable[[str], Style], width: int) -> None:
    spans = list(line.spans)
    if line.kind == "title":
        _append_title(text, line, style_of, width)
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
        text.append({"item": "  • ", "sub": "    "}.get(line.kind, ""))
    for span in spans:
        text.append(span.text, style_of(span.style) if span.style else Style())


def _append_title(text: Text, line: Line, style_of: Callable[[str], Style], width: int) -> None:
    """'Name   Kind · id' on one line when it fits; else the kind and id on the next line, the id
    broken after its hyphens when it is longer than the line."""
    marked, name, kind, rid = title_parts(line)
    if marked:
        text.append("★ ", style_of("mark"))
    text.append(name, style_of("title"))
    meta = f"{kind} · {rid}"
    if not width or len(name) + 2 * marked + 3 + len(meta) <= width:
        text.append(f"   {meta}", style_of("meta"))
        return
    lines = [meta] if len(meta) <= width else _id_lines(kind, rid, width)
    text.append("\n" + "\n".join(lines), style_of("meta"))


def _id_lines(kind: str, rid: str, width: int) -> list[str]:
    """The kind on its line, then the id in lines of at most ``width`` cells, broken after hyphens
    (a part longer than a line is folded: nothing else can be done)."""
    lines, current = [f"{kind} ·"], ""
    parts = rid.split("-")
    for part in [p + "-" for p in parts[:-1]] + parts[-1:]:
        if current and len(current) + len(part) > width:
            lines.append(current)
            current = ""
        current += part
    return lines + [current]


def _bar_layout(lines: list[Line], width: int) -> tuple[int, int, bool] | None:
    """(label width, bar width, label on its own line) for a chart's bars in ``width`` cells;
    None to write them as the document gives them."""
    if not lines or not width:
        return None
    parts = [bar_parts(line) for line in lines]
    label_width = min(LABEL_WIDTH, max(len(label) for label, _, _ in parts))
    shown_width = max(len(shown) for _, _, shown in parts)
    beside = width - BAR_INDENT - label_width - 1 - 1 - shown_width
    if beside >= MIN_BAR:
        return label_width, min(BAR_WIDTH, beside), False
    return width - BAR_INDENT, max(1, min(BAR_WIDTH, width - BAR_INDENT - 1 - shown_width)), True


def _append_bar(text: Text, line: Line, style_of: Callable[[str], Style], label_width: int, bar_width: int, above: bool) -> None:
    label, share, shown = bar_parts(line)
    text.append(" " * BAR_INDENT + cut_end(label, label_width).ljust(0 if above else label_width))
    text.append("\n" + " " * BAR_INDENT if above else " ")
    text.append(bar(share, bar_width), style_of("bar"))
    text.append(f" {shown}", style_of("muted"))


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
    (so the colours follow the theme), at the widget's width; the words being found highlighted."""

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
    RecordText > .doc--match { background: $warning-muted; color: $text; }
    RecordText > .doc--match-current { background: $accent; color: $text; text-style: bold; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sections: list[Section] = []
        self.empty = ""
        self.query_text = ""  # the words being found ("" for none)
        self.current: int | None = None  # the index of the current match, when it is here

    def show(self, sections: list[Section], empty: str = "") -> None:
        self.sections, self.empty = sections, empty
        self.query_text, self.current = "", None
        self.refresh(layout=True)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"doc--{name}", partial=True)

    def text_at(self, width: int) -> Text:
        if not self.sections:
            return Text(self.empty, style=self._style("muted"))
        return rich_text(self.sections, self._style, width)

    def get_content_height(self, container, viewport, width: int) -> int:
        """The height at ``width``: the layout (bars, ids) depends on it."""
        return len(Content.from_rich_text(self.text_at(width)).wrap(width)) if width > 0 else 1

    def render(self) -> Text:
        text = self.text_at(self.size.width)
        for i, (start, end) in enumerate(find_all(text.plain, self.query_text) if self.query_text else ()):
            text.stylize(self._style("match-current" if i == self.current else "match"), start, end)
        return text

    # finding ----------------------------------------------------------------------
    def find(self, query: str) -> int:
        """Highlight ``query`` wherever it is written here; how many times it is."""
        self.query_text, self.current = query, None
        self.refresh()
        return len(find_all(self.text_at(self.size.width).plain, query)) if query else 0

    def mark(self, index: int | None) -> None:
        """Make match ``index`` the current one (None: none here)."""
        self.current = index
        self.refresh()

    def match_line(self, index: int) -> int:
        """The line (from the widget's top) the match ``index`` is drawn on."""
        width = self.size.width
        plain = self.text_at(width).plain
        start, end = find_all(plain, self.query_text)[index]
        word_end = end
        while word_end < len(plain) and not plain[word_end].isspace():
            word_end += 1  # wrapping up to the whole word puts the match where the full text does
        return len(Content(plain[:word_end]).wrap(width)) - 1 if width > 0 else 0

"""The shape of a record document: sections of lines of styled spans, read by every writer.

``render.document`` builds one from a record; ``writers.text`` (``ssrtui show``),
``writers.markdown`` (exports) and ``tui.record_text`` (the detail view) write it. Styles are
semantic names (STYLES), never colours: the interface maps them to theme-aware component classes.
Text in a document is already safe for a terminal (``clean``).
"""

from __future__ import annotations

from typing import NamedTuple  # not dataclasses: `ssrtui search` would pay ~8 ms to import it

from .textsafe import printable

#: Semantic styles a span may carry; "" is body text.
STYLES = ("title", "meta", "label", "flag", "warning", "active", "user", "mark", "quote", "note", "muted", "bar")

#: How a writer lays a line out:
#: title (name, kind, id) · fact (label, value…) · para (a paragraph) · group (a heading inside a
#: section, e.g. a link role) · item (a bullet; ``target`` is the record it opens) · sub (a detail of
#: the item above: a quote) · bar (one chart row).
LINE_KINDS = ("title", "fact", "para", "group", "item", "sub", "bar")


class Span(NamedTuple):
    text: str
    style: str = ""


class Line(NamedTuple):
    kind: str
    spans: tuple[Span, ...]
    target: str | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


class Section(NamedTuple):
    """A part of the document; ``name`` says which (head, summary, links, description, references,
    figures, chart, sources, note, tags), ``heading`` is shown above its lines ('' for none)."""

    name: str
    heading: str
    lines: tuple[Line, ...]


def clean(text: str) -> str:
    """Data text as one safe run of words: whitespace collapsed, control characters made visible."""
    return printable(" ".join(str(text).split()))


def fact(label: str, value: str, style: str = "", label_style: str = "label") -> Line:
    return Line("fact", (Span(label, label_style), Span(clean(value), style)))

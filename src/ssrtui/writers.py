"""Two writers of a record document (``render.document``): plain text for ``ssrtui show`` and
Markdown for exports. They only lay lines out; what a record shows, and in which order, is
decided once in ``render.py`` (the interface's writer is ``tui/record_text.py``)."""

from __future__ import annotations

from .document import Line, Section
from .render import title_parts


def text(sections: list[Section]) -> str:
    """The document as readable text: sections apart by a blank line, 'Heading:' above each."""
    out: list[str] = []
    for section in sections:
        if out:
            out.append("")
        if section.heading:
            out.append(section.heading + ":")
        for i, line in enumerate(section.lines):
            if line.kind == "group" and (i or section.heading):
                out.append("")  # link roles, chart series: each its own block
            out.append(_text_line(line))
    return "\n".join(out)


#: How each kind of line reads in plain text and in Markdown (fields: ``_fields``).
TEXT = {"title": "{mark}{name}  [{kind}]  id: {id}", "fact": "{label}: {value}", "group": "{text}:",
        "item": "  {text}{target}", "sub": "    {text}", "bar": "  {text}", "para": "{text}"}
MARKDOWN = {"title": "## {mark}{name}\n\n*{kind}* · `{id}`", "fact": "- **{label}:** {value}", "group": "**{text}**",
            "item": "- {text}{target}", "sub": "  - {text}", "bar": "{text}", "para": "{text}"}


def _fields(line: Line) -> dict[str, str]:
    """The parts of a line a layout may name; the writer adds the flag, the mark and the target."""
    fields = {"text": line.text, "mark": "", "target": line.target or ""}
    if line.kind == "title":
        marked, fields["name"], fields["kind"], fields["id"] = title_parts(line)
        fields["mark"] = "★ " if marked else ""
    elif line.kind == "fact":
        fields["label"], fields["value"] = line.spans[0].text, "".join(span.text for span in line.spans[1:])
    return fields


def _text_line(line: Line) -> str:
    fields = _fields(line)
    if line.kind == "fact" and line.spans[0].style == "flag":
        fields["label"] = fields["label"].upper()  # no colour here: capitals flag it
    fields["target"] = f"  [{line.target}]" if line.target else ""
    return TEXT.get(line.kind, "{text}").format(**fields)


def markdown(sections: list[Section]) -> str:
    """The document as a Markdown section ('## name'): facts, items and quotes as lists, link roles
    and chart series in bold, chart rows in a fenced block."""
    blocks: list[list[str]] = []  # written apart by a blank line
    for section in sections:
        if section.heading:
            blocks.append([f"### {section.heading}"])
        open_block, open_kind = None, None
        for line in section.lines:
            kind = "fence" if line.kind == "bar" else "list" if line.kind in ("fact", "item", "sub") else "block"
            if kind != open_kind or kind == "block":
                if open_kind == "fence":
                    open_block.append("```")
                open_block, open_kind = (["```"] if kind == "fence" else []), kind
                blocks.append(open_block)
            open_block.append(line.text if kind == "fence" else _markdown_line(line))
        if open_kind == "fence":
            open_block.append("```")
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _markdown_line(line: Line) -> str:
    fields = _fields(line)
    if line.kind == "fact" and line.spans[0].style == "flag":
        fields["label"] = "⚠ " + fields["label"]
    fields["target"] = f" (`{line.target}`)" if line.target else ""
    if line.kind == "para" and line.spans[0].style == "user":
        return f"*{line.text}*"
    return MARKDOWN.get(line.kind, "{text}").format(**fields)

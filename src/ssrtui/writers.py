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


def _text_line(line: Line) -> str:
    if line.kind == "title":
        marked, name, kind, rid = title_parts(line)
        return f"{'★ ' if marked else ''}{name}  [{kind}]  id: {rid}"
    if line.kind == "fact":
        label, value = line.spans[0], "".join(span.text for span in line.spans[1:])
        return f"{label.text.upper() if label.style == 'flag' else label.text}: {value}"
    if line.kind == "group":
        return line.text + ":"
    if line.kind == "item":
        return f"  {line.text}" + (f"  [{line.target}]" if line.target else "")
    if line.kind == "sub":
        return f"    {line.text}"
    if line.kind == "bar":
        return f"  {line.text}"
    return line.text


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
    if line.kind == "title":
        marked, name, kind, rid = title_parts(line)
        return f"## {'★ ' if marked else ''}{name}\n\n*{kind}* · `{rid}`"
    if line.kind == "fact":
        label, value = line.spans[0], "".join(span.text for span in line.spans[1:])
        return f"- **{'⚠ ' if label.style == 'flag' else ''}{label.text}:** {value}"
    if line.kind == "item":
        return f"- {line.text}" + (f" (`{line.target}`)" if line.target else "")
    if line.kind == "sub":
        return f"  - {line.text}"
    if line.kind == "group":
        return f"**{line.text}**"
    if line.spans[0].style == "user":
        return f"*{line.text}*"
    return line.text

"""Fitting a text into a number of cells: where to cut so that a cut never splits a number and
never makes two different texts read the same.

``cut_end`` keeps the start, cut between words ("about EUR…", never "about EUR 7"); ``cut_middle``
keeps the start and the end ("UN Security…2100 (2013)"), for names that differ only at the end
(resolution numbers, years). A text is one cell a character, as the lists count it.
"""

from __future__ import annotations

ELLIPSIS = "…"
#: What a cut text never ends or starts with, beside the ellipsis.
_DANGLING = " ,;:-–—(/"


def head(text: str, room: int) -> str:
    """The start of ``text`` in at most ``room`` cells, cut between words; inside a word only when
    its first word is longer than the room (an id, an address), and never inside a number ("")."""
    if len(text) <= room:
        return text
    cut = text[:room]
    if text[room].isspace():
        return cut.rstrip(_DANGLING)
    space = cut.rfind(" ")
    if space > 0:
        return cut[:space].rstrip(_DANGLING)
    return "" if any(c.isdigit() for c in text.split(" ", 1)[0]) else cut


def tail(text: str, room: int) -> str:
    """The end of ``text`` in at most ``room`` cells, whole words only ("" when the last word is
    longer than that)."""
    if len(text) <= room:
        return text
    cut = text[len(text) - room:]
    if not text[len(text) - room - 1].isspace():
        space = cut.find(" ")
        cut = cut[space + 1:] if space >= 0 else ""
    return cut.lstrip(" ,;:")


def cut_end(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: its start and an ellipsis when it is longer."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    return head(text, width - 1) + ELLIPSIS


def cut_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: its start, an ellipsis and its end (up to 3/5 of the
    room), so names that differ only at the end stay apart."""
    if len(text) <= width:
        return text
    if width <= 3:
        return cut_end(text, width)
    end = tail(text, (width - 1) * 3 // 5)
    start = head(text[: len(text) - len(end)].rstrip(), width - 1 - len(end))
    if not start:
        return cut_end(text, width)
    return start + ELLIPSIS + end

"""Finding a word in a text as the lists filter: without regard to case or accents
('gendarmerie' finds 'Gendarmérie'), with the places in the text as it is shown."""

from __future__ import annotations

from .textfold import fold


def folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded (textfold.fold, one character at a time) and, for each folded character,
    the index of the character of ``text`` it comes from."""
    if text.isascii():
        return text.casefold(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        part = fold(char)
        out.append(part)
        origin += [index] * len(part)
    return "".join(out), origin


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text``: (start, end) of each match in ``text``, in order, not overlapping."""
    needle = fold(" ".join(query.split()))
    if not needle:
        return []
    haystack, origin = folded(text)
    found: list[tuple[int, int]] = []
    at = haystack.find(needle)
    while at >= 0:
        last = at + len(needle) - 1
        found.append((origin[at], origin[last] + 1))
        at = haystack.find(needle, at + len(needle))
    return found

"""A YAML reader hardened beyond ``yaml.safe_load``.

It walks the parser's event stream itself (no composer, no constructor), so:
no tags, anchors, aliases or merge keys are ever honoured; nesting depth, node
count, file size and the digits of a number are bounded (libyaml's recursive composer, which can
crash on deep nesting, is never used); duplicate keys are reported with both
lines; YAML 1.1 surprises (``no`` as false, ``1:30`` as 90, ``010`` as 8,
``.nan``) are kept as :class:`Ambiguous` strings that validation rejects; and
strings with control characters, lone surrogates or bidi overrides are refused.
Every mapping and list remembers where it and each of its items start.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from .datafolder import MAX_FILE_BYTES
from .problems import Problem

MAX_DEPTH = 24
MAX_NODES = 4_000_000
MAX_DIGITS = 30  # no figure needs more; Python refuses to convert past 4,300 digits

_Parser = getattr(yaml, "CLoader", None) or yaml.SafeLoader
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}

_INT_PLAIN = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT_PLAIN = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_DATE_PLAIN = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_BOOL_PLAIN = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_NULL_PLAIN = {"", "~", "null", "Null", "NULL"}
_RESOLVER = yaml.resolver.Resolver()


class Marked:
    """Mixin: where a node starts and where each of its items start."""

    line: int
    col: int
    marks: dict


class MDict(dict, Marked):
    """A mapping with ``line``/``col`` and ``marks[key] -> (line, col, key_line, key_col)``."""


class MList(list, Marked):
    """A list with ``line``/``col`` and ``marks[index] -> (line, col)`` of each item."""


class Ambiguous(str):
    """A plain scalar that YAML 1.1 reads as something other than it looks.

    Kept as its text, with ``meaning`` saying what YAML 1.1 would make of it;
    validation rejects it wherever it appears, telling the user to quote it.
    """

    meaning: str


class BadDate(str):
    """A plain scalar shaped like a date that is not a real calendar day."""


def _ambiguous(text: str, meaning: str) -> Ambiguous:
    value = Ambiguous(text)
    value.meaning = meaning
    return value


_TOO_LONG = object()


def _plain_scalar(text: str):
    """Resolve an unquoted scalar with safe, unsurprising rules (``_TOO_LONG`` for a number past MAX_DIGITS)."""
    if text in _NULL_PLAIN:
        return None
    if text in _BOOL_PLAIN:
        return _BOOL_PLAIN[text]
    if (_INT_PLAIN.match(text) or _FLOAT_PLAIN.match(text)) and sum(c.isdigit() for c in text) > MAX_DIGITS:
        return _TOO_LONG
    if _INT_PLAIN.match(text):
        return int(text)
    if _FLOAT_PLAIN.match(text):
        return float(text)
    match = _DATE_PLAIN.match(text)
    if match:
        try:
            return _dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return BadDate(text)
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag.endswith(":bool"):
        return _ambiguous(text, "a yes/no boolean")
    if tag.endswith(":int"):
        return _ambiguous(text, "an integer (octal, hex or sexagesimal)")
    if tag.endswith(":float"):
        return _ambiguous(text, "a special float")
    if tag.endswith(":timestamp"):
        return _ambiguous(text, "a timestamp")
    if tag.endswith(":merge"):
        return _ambiguous(text, "a merge key")
    return text


_BAD_CHAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def bad_character(text: str) -> str | None:
    """Name the first character a record string must not hold, if any (one regex scan)."""
    match = _BAD_CHAR.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code in _BIDI:
        return f"bidirectional override U+{code:04X}"
    return f"control character U+{code:04X}"


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed); report the line and column of a bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(name, 1, 1, "file", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(name, line, col, "encoding", f"not UTF-8 (byte 0x{raw[err.start]:02x})")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def load(text: str, name: str) -> tuple[object, list[Problem]]:
    """Parse one YAML document into plain values with marks.

    Returns ``(value, problems)``; value is None when the text is empty or
    holds only comments, or when it could not be read at all.

    One loop over PyYAML's events (~100 lines) on purpose: it runs once per event on the compile's
    hot path (millions of events at 100k records, compiled in ~0.7x a raw CSafeLoader parse), so the
    per-event work stays inline rather than in a method call each.
    """
    problems = _tab_problems(text, name)
    if problems:
        return None, problems

    def report(mark, field: str, message: str) -> None:
        problems.append(Problem(name, mark.line + 1, mark.column + 1, field, message))

    root = None
    stack: list = []  # containers being filled; for MDict, pending key kept in keys stack
    keys: list = []
    nodes = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            kind = type(event)
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    report(event.start_mark, "yaml", "more than one YAML document in a file")
                    return None, problems
                continue
            if kind is yaml.AliasEvent:
                report(event.start_mark, "yaml", f"alias *{event.anchor} not allowed (no anchors or aliases)")
                return None, problems
            if kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                done = stack.pop()
                keys.pop()
                value = done
            else:
                nodes += 1
                if nodes > MAX_NODES:
                    report(event.start_mark, "yaml", f"more than {MAX_NODES} nodes")
                    return None, problems
                if getattr(event, "anchor", None):
                    report(event.start_mark, "yaml", f"anchor &{event.anchor} not allowed (no anchors or aliases)")
                    return None, problems
                tag = getattr(event, "tag", None)
                if tag is not None and tag != "!":
                    report(event.start_mark, "yaml", f"tag {tag} not allowed")
                    return None, problems
                if kind is yaml.ScalarEvent:
                    if not event.style and event.implicit[0]:
                        value = _plain_scalar(event.value)
                        if value is _TOO_LONG:
                            report(event.start_mark, "number", f"number too long (more than {MAX_DIGITS} digits; quote it if it is text)")
                            value = event.value
                    else:
                        value = event.value
                    if isinstance(value, str):
                        bad = bad_character(value)
                        if bad:
                            report(event.start_mark, "text", f"{bad} not allowed")
                            value = value.translate({ord(c): "?" for c in value if bad_character(c)})
                else:
                    if len(stack) >= MAX_DEPTH:
                        report(event.start_mark, "yaml", f"nesting deeper than {MAX_DEPTH} levels")
                        return None, problems
                    container = MDict() if kind is yaml.MappingStartEvent else MList()
                    container.line = event.start_mark.line + 1
                    container.col = event.start_mark.column + 1
                    container.marks = {}
                    stack.append(container)
                    keys.append(None)
                    continue
            # attach value to its parent
            mark = getattr(value, "line", None)
            start = (value.line, value.col) if mark is not None else (event.start_mark.line + 1, event.start_mark.column + 1)
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if isinstance(parent, MList):
                parent.marks[len(parent)] = start
                parent.append(value)
            elif keys[-1] is None:
                if isinstance(value, (MDict, MList)):
                    problems.append(Problem(name, start[0], start[1], "yaml", "mapping keys must be plain text"))
                    return None, problems
                key = value if isinstance(value, str) else str(value)
                if key == "<<":
                    problems.append(Problem(name, start[0], start[1], "yaml", "merge keys (<<) not allowed"))
                    return None, problems
                if key in parent.marks:
                    first = parent.marks[key][2]
                    problems.append(Problem(name, start[0], start[1], key, f"duplicate key (first at line {first})"))
                    key = _Duplicate(key)
                keys[-1] = (key, start[0], start[1])
            else:
                key, key_line, key_col = keys[-1]
                keys[-1] = None
                if not isinstance(key, _Duplicate):
                    parent.marks[key] = (start[0], start[1], key_line, key_col)
                    parent[key] = value
    except yaml.YAMLError as err:
        problems.append(_syntax_problem(err, text, name))
        return None, problems
    return root, problems


def _tab_problems(text: str, name: str) -> list[Problem]:
    """Tabs in indentation, each located (YAML's own message would point past them)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(Problem(name, number, len(line) - len(stripped) + 1, "yaml", "tab used for indentation; use spaces"))
    return problems


def _syntax_problem(err: yaml.YAMLError, text: str, name: str) -> Problem:
    """PyYAML's error as one located problem: a marked syntax error, or a reader error (a non-printable character)."""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [err.context, err.problem]))
        return Problem(name, line, col, "yaml", message or "syntax error")
    position = getattr(err, "position", None) or 0
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    message = str(err).splitlines()[0].strip() if str(err) else "unreadable character"
    return Problem(name, line, col, "yaml", message)


class _Duplicate(str):
    """A repeated mapping key whose value is skipped after reporting it."""

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

import re

import yaml

from .datafolder import MAX_FILE_BYTES
from .problems import Problem
from .yamlscalars import BAD_CHARACTERS, MAX_DIGITS, TOO_LONG, Ambiguous, BadDate, bad_character, plain_scalar  # noqa: F401 (Ambiguous, BadDate: re-exported)

MAX_DEPTH = 24
MAX_NODES = 4_000_000
_Parser = getattr(yaml, "CLoader", None) or yaml.SafeLoader


class Marked:
    """Mixin: where a node starts and where each of its items start."""

    __slots__ = ()
    line: int
    col: int
    marks: dict


class MDict(dict, Marked):
    """A mapping with ``line``/``col`` and ``marks[key] -> (line, col, key_line, key_col)``."""

    __slots__ = ("line", "col", "marks")


class MList(list, Marked):
    """A list with ``line``/``col`` and ``marks[index] -> (line, col)`` of each item."""

    __slots__ = ("line", "col", "marks")



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

    The walk over PyYAML's events is ``_Reader.read``: one loop on purpose (see its docstring).
    """
    problems = _tab_problems(text, name)
    if problems:
        return None, problems
    reader = _Reader(name)
    try:
        return reader.read(text), reader.problems
    except _Stop:
        return None, reader.problems
    except yaml.YAMLError as err:
        reader.problems.append(_syntax_problem(err, text, name))
        return None, reader.problems


_TAB_INDENT = re.compile(r"^ *\t", re.M)
_PLAIN_CACHE: dict[str, object] = {}  # plain scalars seen (keys mostly) -> their value; short ones only
_PLAIN_CACHE_SIZE = 4096
_PLAIN_CACHE_TEXT = 64
_UNSEEN = object()


class _Stop(Exception):
    """A problem that ends the reading of the file (already reported)."""


class _Reader:
    """One file's event walk: containers being filled, the key waiting for its value, problems.

    The loop runs once per YAML event (four million at 20,000 imported activities), so it takes
    events from the parser directly, tests the commonest event (a scalar) first, and reuses the
    value of a short plain scalar it has seen before (keys repeat in every record).
    """

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []

    def report(self, mark, field: str, message: str) -> None:
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, field, message))

    def stop(self, mark, field: str, message: str) -> _Stop:
        """Report a problem that ends the reading; the caller raises what this returns."""
        self.report(mark, field, message)
        return _Stop()

    def scalar(self, event):
        """The value of a scalar event, its problems reported."""
        if not event.style and event.implicit[0]:
            text = event.value
            value = _PLAIN_CACHE.get(text, _UNSEEN)
            if value is not _UNSEEN:
                return value
            value = plain_scalar(text)
            if value is TOO_LONG:
                self.report(event.start_mark, "number", f"number too long (more than {MAX_DIGITS} digits; quote it if it is text)")
                value = text
            elif len(text) <= _PLAIN_CACHE_TEXT and len(_PLAIN_CACHE) < _PLAIN_CACHE_SIZE and bad_character(text) is None:
                _PLAIN_CACHE[text] = value
        else:
            value = event.value
        if isinstance(value, str):
            bad = bad_character(value)
            if bad:
                self.report(event.start_mark, "text", f"{bad} not allowed")
                value = value.translate({ord(c): "?" for c in value if bad_character(c)})
        return value

    def read(self, text: str):
        """The document's value; raises _Stop (problems reported) or a YAMLError.

        One loop over the events, kept whole (76 lines): it runs once per event, and a function call
        per event for each step (start, scalar, attach) cost about a second at 20,000 activities.
        """
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        plain_seen, bad_char = _PLAIN_CACHE.get, BAD_CHARACTERS.search
        root = parent = None  # parent: the container being filled
        pending = None  # in a mapping: the (key, line, col) waiting for its value
        stack: list = []  # (container, pending) of the containers around ``parent``
        nodes = documents = 0
        loader = _Parser(text)
        try:
            get_event = loader.get_event
            while True:
                event = get_event()
                kind = type(event)
                if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                    nodes += 1
                    if nodes > MAX_NODES:
                        raise self.stop(event.start_mark, "yaml", f"more than {MAX_NODES} nodes")
                    if event.anchor:
                        raise self.stop(event.start_mark, "yaml", f"anchor &{event.anchor} not allowed (no anchors or aliases)")
                    if event.tag is not None and event.tag != "!":
                        raise self.stop(event.start_mark, "yaml", f"tag {event.tag} not allowed")
                    mark = event.start_mark
                    line, col = mark.line + 1, mark.column + 1
                    if kind is scalar_event:
                        if not event.style and event.implicit[0]:
                            value = plain_seen(event.value, _UNSEEN)
                            if value is _UNSEEN:
                                value = self.scalar(event)
                        else:
                            value = event.value
                            if bad_char(value) is not None:
                                value = self.scalar(event)
                    else:
                        if len(stack) >= MAX_DEPTH:
                            raise self.stop(mark, "yaml", f"nesting deeper than {MAX_DEPTH} levels")
                        container = MDict() if kind is mapping_start else MList()
                        container.line, container.col = line, col
                        container.marks = {}
                        stack.append((parent, pending))
                        parent, pending = container, None
                        continue
                elif kind is mapping_end or kind is sequence_end:
                    value = parent
                    line, col = value.line, value.col
                    parent, pending = stack.pop()
                elif kind is yaml.StreamEndEvent or event is None:
                    return root
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self.stop(event.start_mark, "yaml", "more than one YAML document in a file")
                    continue
                elif kind is yaml.AliasEvent:
                    raise self.stop(event.start_mark, "yaml", f"alias *{event.anchor} not allowed (no anchors or aliases)")
                else:  # stream start, document end
                    continue
                if parent is None:
                    root = value
                elif type(parent) is MList:
                    parent.marks[len(parent)] = (line, col)
                    parent.append(value)
                elif pending is None:
                    if type(value) is str and value != "<<" and value not in parent.marks:
                        pending = (value, line, col)  # the common case, checked as ``key`` would
                    else:
                        pending = self.key(parent, value, (line, col))
                else:
                    key, key_line, key_col = pending
                    pending = None
                    if type(key) is not _Duplicate:
                        parent.marks[key] = (line, col, key_line, key_col)
                        parent[key] = value
        finally:
            loader.dispose()

    def key(self, parent: MDict, value, start: tuple[int, int]) -> tuple[str, int, int]:
        """A mapping key, checked: plain text, no merge key, a duplicate reported and marked."""
        if isinstance(value, (MDict, MList)):
            self.problems.append(Problem(self.name, start[0], start[1], "yaml", "mapping keys must be plain text"))
            raise _Stop()
        key = value if isinstance(value, str) else str(value)
        if key == "<<":
            self.problems.append(Problem(self.name, start[0], start[1], "yaml", "merge keys (<<) not allowed"))
            raise _Stop()
        if key in parent.marks:
            first = parent.marks[key][2]
            self.problems.append(Problem(self.name, start[0], start[1], key, f"duplicate key (first at line {first})"))
            key = _Duplicate(key)
        return (key, start[0], start[1])


def _tab_problems(text: str, name: str) -> list[Problem]:
    """Tabs in indentation, each located (YAML's own message would point past them)."""
    return [Problem(name, text.count("\n", 0, m.start()) + 1, m.end() - m.start(), "yaml", "tab used for indentation; use spaces")
            for m in _TAB_INDENT.finditer(text)]


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

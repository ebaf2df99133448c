"""Stream the activities of an IATI XML file, refusing what hostile XML could do.

The file is fed to expat block by block, so a file of any size is read in bounded memory (one
activity at a time). Each activity comes with the exact bytes it spans in the file, so the
importer can copy those bytes verbatim into the output folder and check that every quote it
writes is found there. Expat is driven directly rather than through ``iterparse`` because only
the parser itself knows byte offsets.

Safety: any DOCTYPE is refused before its contents are read (so no entity can be declared: no
external entities, no billion laughs), parameter entities are never parsed, and an undeclared
entity reference is a well-formedness error. Only ASCII-compatible encodings are accepted
(UTF-8, US-ASCII, ISO-8859-x, windows-125x); UTF-16 files are refused with a message.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.parsers import expat

ROOT = "iati-activities"
ACTIVITY = "iati-activity"
BLOCK = 1 << 20

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class IatiFileError(Exception):
    """A file that is not well-formed XML or not an IATI activity file: ``file:line:col: why``."""

    def __init__(self, file: str, line: int, col: int, message: str):
        super().__init__(f"{file}:{line}:{col}: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message


class _Refused(Exception):
    """Raised inside an expat handler, located where the refused construct starts."""


@dataclass
class Activity:
    """One ``iati-activity``: its element tree, where it starts, and its raw text in the file."""

    element: ET.Element
    line: int
    raw: str


@dataclass
class FileInfo:
    """What the root element and the bytes before the first activity say about the file."""

    version: str = ""
    generated: str = ""
    encoding: str = "utf-8"
    header: str = ""  # the file's text up to the first activity: declaration, comments, root tag
    attrs: dict = field(default_factory=dict)


def _encoding_of(head: bytes, name: str) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[:4] in (b"<\0?\0", b"\0<\0?"):
        raise IatiFileError(name, 1, 1, "UTF-16 files are not supported: convert the file to UTF-8")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    match = _DECLARED_ENCODING.match(head)
    if not match:
        return "utf-8"
    declared = match.group(1).decode("ascii").lower()
    try:
        info = codecs.lookup(declared)
    except LookupError:
        raise IatiFileError(name, 1, 1, f"unknown encoding '{declared}'") from None
    if "16" in info.name or "32" in info.name:
        raise IatiFileError(name, 1, 1, "UTF-16 and UTF-32 files are not supported: convert the file to UTF-8")
    return info.name


class _Reader:
    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        self.info = FileInfo()
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.ExternalEntityRefHandler = self._external
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.depth = 0
        self.builder: ET.TreeBuilder | None = None
        self.activity: ET.Element | None = None  # the element of the activity being read
        self.buffer = bytearray()  # file bytes from offset self.base on
        self.base = 0
        self.activity_start = -1
        self.activity_line = 0
        self.header_end = -1
        self.done: list[Activity] = []

    # -- refusals ---------------------------------------------------------------------------
    def _refuse(self, message: str):
        self.refused_at = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)
        return _Refused(message)

    def _doctype(self, *_):
        raise self._refuse("a DOCTYPE is not allowed in an IATI file (DTDs and entities are refused)")

    def _entity(self, *_):
        raise self._refuse("entity declarations are refused")

    def _external(self, *_):
        raise self._refuse("external entities are refused")

    # -- tree building ----------------------------------------------------------------------
    # Outside an activity, Python handlers track the depth. Inside one, expat calls the
    # TreeBuilder's C methods directly for starts and text (about 60 elements per activity), and
    # only ends come back to Python, to see the activity's own element close.
    def _start(self, tag, attrs):
        self.depth += 1
        if self.depth == 1:
            if tag != ROOT:
                raise self._refuse(f"not an IATI activity file: the root element is <{tag}>, expected <{ROOT}>")
            self.info.version = attrs.get("version", "")
            self.info.generated = attrs.get("generated-datetime", "")
            self.info.attrs = dict(attrs)
            return
        if self.depth == 2 and tag == ACTIVITY:
            self.activity_start = self.parser.CurrentByteIndex
            self.activity_line = self.parser.CurrentLineNumber
            if self.header_end < 0:
                self.header_end = self.activity_start
                self.info.header = self._text(0, self.activity_start)
            self.builder = ET.TreeBuilder()
            self.activity = self.builder.start(tag, attrs)
            self.parser.StartElementHandler = self.builder.start
            self.parser.CharacterDataHandler = self.builder.data
            self.parser.EndElementHandler = self._end_in_activity

    def _end(self, _tag):
        self.depth -= 1

    def _end_in_activity(self, tag):
        if self.builder.end(tag) is not self.activity:
            return
        element = self.builder.close()
        self.builder = self.activity = None
        end = self.buffer.index(b">", self.parser.CurrentByteIndex - self.base) + 1 + self.base
        self.done.append(Activity(element, self.activity_line, self._text(self.activity_start, end)))
        self.activity_start = -1
        self.depth -= 1
        self.parser.StartElementHandler = self._start
        self.parser.CharacterDataHandler = None
        self.parser.EndElementHandler = self._end

    def _text(self, start: int, end: int) -> str:
        return bytes(self.buffer[start - self.base:end - self.base]).decode(self.info.encoding, errors="replace")

    # -- driving ----------------------------------------------------------------------------
    def _feed(self, block: bytes, final: bool) -> None:
        self.buffer += block
        try:
            self.parser.Parse(block, final)
        except _Refused as err:
            raise IatiFileError(self.name, *self.refused_at, str(err)) from None
        except expat.ExpatError as err:
            raise IatiFileError(self.name, err.lineno, err.offset + 1, f"not well-formed XML ({expat.ErrorString(err.code)})") from None
        keep_from = self.activity_start if self.activity_start >= 0 else self.base + len(self.buffer)
        if self.header_end < 0:
            keep_from = self.base  # the header is still being read
        if keep_from > self.base:
            del self.buffer[:keep_from - self.base]
            self.base = keep_from

    def activities(self) -> Iterator[Activity]:
        try:
            handle = open(self.path, "rb")
        except OSError as err:
            raise IatiFileError(self.name, 1, 1, f"cannot read: {err.strerror}") from None
        with handle:
            first = True
            while True:
                try:
                    block = handle.read(BLOCK)
                except OSError as err:
                    raise IatiFileError(self.name, self.parser.CurrentLineNumber, 1, f"cannot read: {err.strerror}") from None
                if first:
                    self.info.encoding = _encoding_of(block[:200], self.name)
                    first = False
                self._feed(block, final=not block)
                yield from self.done
                self.done.clear()
                if not block:
                    break
        if self.header_end < 0:  # no activity at all: the header is the whole root start
            self.info.header = ""


def read(path: Path, name: str) -> tuple[FileInfo, Iterator[Activity]]:
    """The file's header information (filled as reading goes) and an iterator of its activities.

    Raises :class:`IatiFileError` (from the iterator) when the file is not well-formed XML, not
    an IATI activity file, or uses a refused construct.
    """
    reader = _Reader(path, name)
    return reader.info, reader.activities()

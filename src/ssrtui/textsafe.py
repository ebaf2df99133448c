"""Text that is safe to print on a terminal line: data and file names are never escape codes."""

from __future__ import annotations

import os
import re

# C0 and C1 controls (tab and newline kept for multi-line text), DEL, bidi controls, line/paragraph
# separators and lone surrogates (a non-UTF-8 file name decoded with surrogateescape).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the raw byte of an undecodable file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def printable(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control or bidi character shown as a visible escape (``\\x1b``)."""
    if not keep_newlines:
        text = text.replace("\n", "\\n").replace("\t", " ")
    return _UNSAFE.sub(_escape, text)


def path_text(path: os.PathLike | str) -> str:
    """A file path for a one-line message: undecodable bytes and escape codes made visible."""
    return printable(os.fspath(path), keep_newlines=False)

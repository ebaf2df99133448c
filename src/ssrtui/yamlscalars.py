"""What a YAML scalar means to ssrtui: unquoted ones resolved by safe, unsurprising rules, and the
characters no string may hold. The YAML reader (``yamlsafe``) asks these for every scalar it reads.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

MAX_DIGITS = 30  # no figure needs more; Python refuses to convert past 4,300 digits
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}

_INT_PLAIN = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT_PLAIN = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_DATE_PLAIN = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_BOOL_PLAIN = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_NULL_PLAIN = {"", "~", "null", "Null", "NULL"}
_RESOLVER = yaml.resolver.Resolver()


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


TOO_LONG = object()


def plain_scalar(text: str):
    """Resolve an unquoted scalar with safe, unsurprising rules (``TOO_LONG`` for a number past MAX_DIGITS)."""
    if text in _NULL_PLAIN:
        return None
    if text in _BOOL_PLAIN:
        return _BOOL_PLAIN[text]
    if (_INT_PLAIN.match(text) or _FLOAT_PLAIN.match(text)) and sum(c.isdigit() for c in text) > MAX_DIGITS:
        return TOO_LONG
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


BAD_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def bad_character(text: str) -> str | None:
    """Name the first character a record string must not hold, if any (one regex scan)."""
    match = BAD_CHARACTERS.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code in _BIDI:
        return f"bidirectional override U+{code:04X}"
    return f"control character U+{code:04X}"


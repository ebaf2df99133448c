"""Partial ISO dates (``2015``, ``2015-06``, ``2015-06-20``) kept at the precision given."""

from __future__ import annotations

import calendar
import datetime as _dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]


def normalise(value) -> tuple[str | None, str | None]:
    """Return ``(iso_text, None)`` for a valid partial date or ``(None, reason)``."""
    if isinstance(value, bool):
        return None, "expected a date like 2015, 2015-06 or 2015-06-20"
    if isinstance(value, _dt.datetime):
        return None, "expected a date without a time"
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None, "expected a date like 2015, 2015-06 or 2015-06-20"
    match = _PARTIAL.match(value.strip())
    if not match:
        return None, f"'{value}' is not a date like 2015, 2015-06 or 2015-06-20"
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return None, f"impossible date '{value}' (month {month})"
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            return None, f"impossible date '{value}' (day {day})"
    return value.strip(), None


def sort_key(text: str | None) -> tuple[int, int, int]:
    """Order partial dates; a bare year sorts before its months."""
    if not text:
        return (9999, 99, 99)
    parts = [int(p) for p in text.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))  # type: ignore[return-value]


def end_key(text: str | None) -> tuple[int, int, int]:
    """The last day a partial date can mean, to compare range ends fairly."""
    if not text:
        return (9999, 99, 99)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return (parts[0], 12, 31)
    if len(parts) == 2:
        return (parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return tuple(parts)  # type: ignore[return-value]


def year_of(text: str | None) -> int | None:
    return int(text[:4]) if text else None


def display(text: str | None) -> str:
    """Human form at the given precision: ``2015``, ``June 2015``, ``20 June 2015``."""
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def span(start: str | None, end: str | None) -> str:
    """A compact range for lists: ``2015-01-15 – 2027-01-31``, ``2015 –``."""
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"{start} –"
    if end:
        return f"– {end}"
    return ""

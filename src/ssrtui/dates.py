"""Dates: partial ISO dates (``2015``, ``2015-06``, ``2015-06-20``) kept at the precision given,
what "a record's date" is, and the one way every view and output writes a date or a period.

A record is dated by ``date`` (an event), or by a period ``start``–``end`` (either may be missing).
Sorting, the timeline, year facets, lists, the donor map and the answer line all ask here.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: A period without an end still runs unless its record says it ended (its end is then unknown).
ENDED = "ended"


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
    """Order partial dates; a bare year sorts before its months; no date sorts last."""
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
    """The year of a partial date (or of a time stamp), None without one."""
    return int(text[:4]) if text and text[:4].isdigit() else None


# ---- a record's date ---------------------------------------------------------------------------


def record_dates(rec: dict) -> tuple[str | None, str | None]:
    """(first, last) date a record states: an event's ``date`` twice, else its ``start`` and ``end``
    (either may be None)."""
    if rec.get("date"):
        return rec["date"], rec["date"]
    return rec.get("start"), rec.get("end")


def has_period(rec: dict) -> bool:
    """The record states a period (a start or an end), not only a day."""
    return bool(rec.get("start") or rec.get("end"))


def record_date(rec: dict) -> str | None:
    """The one date a record is placed at (sorting, the timeline, list order, recency): its date,
    else its start, else its end; None when undated."""
    first, last = record_dates(rec)
    return first or last


def record_year(rec: dict) -> int | None:
    """The year a record is placed in (the timeline's year groups), None when undated."""
    return year_of(record_date(rec))


def runs_on(rec: dict) -> bool:
    """A period with a start and no end that has not ended: it runs to this day."""
    return not rec.get("date") and bool(rec.get("start")) and not rec.get("end") and rec.get("status") != ENDED


def under_way(rec: dict) -> bool:
    """The record is known to be under way (status active): its period reads 'since …'."""
    return rec.get("status") == "active"


def year_span(rec: dict, until: int) -> tuple[int, int] | None:
    """First and last year a record covers, None when undated: an event its year, a period its
    start to its end; a period that runs on (``runs_on``) reaches ``until`` (the year the data is
    current to, or a far year to mean 'open'), one that ended at an unknown date only its start."""
    first, last = record_dates(rec)
    low = year_of(first or last)
    if low is None:
        return None
    high = year_of(last) or (max(low, until) if runs_on(rec) else low)
    return (low, high) if low <= high else (high, low)


def planned_dates(rec: dict) -> tuple[str | None, str | None] | None:
    """The planned start and end an IATI activity reports (its ``Planned start``/``Planned end``
    figures) when they differ from the period the record shows (the actual one where known)."""
    planned = {f["label"].casefold(): f["value"] for f in rec.get("figures", ()) if isinstance(f.get("value"), str)}
    start, end = planned.get("planned start"), planned.get("planned end")
    if not (start or end) or (start, end) == (rec.get("start"), rec.get("end")):
        return None
    return start, end


# ---- writing dates (every view and human-readable output) ---------------------------------------


def display(text: str | None) -> str:
    """A date at its own precision: ``2015``, ``Jun 2015``, ``20 Jun 2015``; a time stamp
    (``2024-01-02 13:45``) as ``2 Jan 2024 13:45``; '' for none."""
    if not text:
        return ""
    stamp = _STAMP.match(text)
    if stamp:
        return f"{display(stamp.group(1))} {stamp.group(2)}"
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3:
        return text  # not a date this module wrote: shown as it is
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def period(start: str | None, end: str | None, ongoing: bool = False, years: bool = False) -> str:
    """A period as the sources state it: ``2012–2013``, ``Apr 2012 – Jun 2013``, ``since Apr 2012``
    (known to be under way), ``from Apr 2012`` (end unknown), ``until 2022``. ``years``: each date
    as its year only (narrow list columns)."""
    if years:
        start, end = start and start[:4], end and end[:4]
    first, last = display(start), display(end)
    if first and last:
        if first == last:
            return first
        joint = "–" if " " not in first + last else " – "  # a spaced dash only between multi-word dates
        return f"{first}{joint}{last}"
    if first:
        return f"since {first}" if ongoing else f"from {first}"
    if last:
        return f"until {last}"
    return ""


def when(rec: dict, years: bool = False) -> str:
    """A record's date or period, written as everywhere else; ``years``: a period by its years
    only (a single date keeps its precision)."""
    if rec.get("date"):
        return display(rec["date"])
    return period(rec.get("start"), rec.get("end"), ongoing=under_way(rec), years=years)

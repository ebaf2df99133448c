"""What the timeline's period strip shows: each mission, programme and agreement over its years,
and an imported activity's planned period when it differs. No Textual (the strip draws it)."""

from __future__ import annotations

from typing import NamedTuple

from . import dates
from .dataset import Dataset

#: Kinds drawn in the period strip: what runs over years.
PERIOD_KINDS = ("mission", "programme", "agreement")


def planned_years(rec: dict) -> tuple[int, int, str | None, str | None] | None:
    """An imported activity's planned period (years, then the dates), when it differs from the actual."""
    planned = dates.planned_dates(rec)
    if not planned:
        return None
    start, end = planned
    low, high = dates.year_of(start or end), dates.year_of(end or start)
    return min(low, high), max(low, high), start, end


class Period(NamedTuple):
    """One bar of the period strip: a mission, programme or agreement over years, and its plan."""

    first: int
    last: int
    record: dict
    planned: tuple[int, int, str | None, str | None] | None


def periods(data: Dataset, years: tuple[int, int] | None = None) -> list[Period]:
    """The periods overlapping ``years`` (all for None), earliest first; one that runs on is drawn
    to the year the data is current to."""
    until = dates.year_of(data.as_of()) or 0
    found = []
    for kind in PERIOD_KINDS:
        for rec in data.of_kind(kind):
            span = dates.year_span(rec, until) if dates.has_period(rec) else None
            if span and (years is None or (span[1] >= years[0] and span[0] <= years[1])):
                found.append(Period(*span, rec, planned_years(rec)))
    found.sort(key=lambda p: (p.first, p.last))
    return found

"""The security forces side by side: personnel, women, the women's share, the ministries each
force answers to and the year of its figures, as the records state them.

Read by the compare view (``tui/compare_view.py``) and the force chart (``charts.py``), so both
count the same figures. A figure is a force's personnel or women when its label says so
(``Personnel``, ``Women``); its share of women when labelled ``Women's share`` (of personnel),
else women ÷ personnel; a ministry is an institution tagged ``ministry`` that the force is
``under-authority-of``.
"""

from __future__ import annotations

import math
from typing import NamedTuple  # not dataclasses: `ssrtui search` reaches this module (charts) and would pay ~8 ms to import it

from . import schema
from .dataset import FIGURE_LIMIT, Dataset
from .fit import cut_end

PERSONNEL = schema.KEY_FIGURE_LABEL.casefold()
WOMEN = "women"
SHARE_LABELS = ("women's share", "women's share of personnel")
MINISTRY_TAG = "ministry"


def number(fig: dict | None) -> float | None:
    """A figure's value as a number to compare or chart; None for text, or a value too large to draw."""
    value = (fig or {}).get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        result = float(value)
    except OverflowError:  # an int beyond float range (a 310-digit figure)
        return None
    return result if math.isfinite(result) and abs(result) < FIGURE_LIMIT else None


def amount(value: float | None) -> str:
    """4000 -> '4,000', 12.4 -> '12.4', None -> ''."""
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


class ForceFigures(NamedTuple):
    """What the compare view shows of one force (values None when the record does not state them)."""

    record: dict
    personnel: float | None = None
    personnel_year: int | None = None
    women: float | None = None
    women_year: int | None = None
    share: float | None = None  # per cent
    share_year: int | None = None
    share_stated: bool = False  # a source states the share; else it is women ÷ personnel
    ministries: tuple[dict, ...] = ()

    @property
    def year(self) -> int | None:
        """The year of the personnel figure; without one, of the women, else of the share."""
        if self.personnel is not None:
            return self.personnel_year
        return self.women_year if self.women is not None else self.share_year

    @property
    def share_text(self) -> str:
        """'2.5%', '12.4% (2014)' when stated for another year than the other figures, '' when unknown."""
        if self.share is None:
            return ""
        year = f" ({self.share_year})" if self.share_year and self.share_year != self.year else ""
        return f"{self.share:.1f}%{year}"


def figures_of(data: Dataset, rec: dict) -> ForceFigures:
    by_label: dict[str, dict] = {}
    for fig in rec.get("figures", ()):
        by_label.setdefault(fig["label"].casefold(), fig)
    personnel, women = by_label.get(PERSONNEL), by_label.get(WOMEN)
    stated = next((by_label[label] for label in SHARE_LABELS if number(by_label.get(label)) is not None), None)
    share, share_year = number(stated), (stated or {}).get("year")
    if share is None and number(personnel) and number(women) is not None:
        share, share_year = 100 * number(women) / number(personnel), (women or {}).get("year")
    ministries = []
    for link in rec.get("links", ()):
        target = data.get(link["to"]) if link["role"] == "under-authority-of" else None
        if target is not None and MINISTRY_TAG in target.get("tags", ()):
            ministries.append(target)
    return ForceFigures(rec, number(personnel), (personnel or {}).get("year"), number(women), (women or {}).get("year"),
                        share, share_year, stated is not None, tuple(ministries))


def force_figures(data: Dataset) -> list[ForceFigures]:
    """Every force, in the data's order."""
    return [figures_of(data, rec) for rec in data.of_kind("force")]


def short_name(rec: dict) -> str:
    """The shortest name a record goes by (its name or an alias): 'MoI'."""
    return min([rec["name"], *rec.get("aliases", ())], key=len)


def ministry_text(row: ForceFigures, width: int) -> str:
    """The ministries by name when they fit in ``width``, else by their shortest names ('MoI, MoAF')."""
    full = ", ".join(m["name"] for m in row.ministries)
    return full if len(full) <= width else cut_end(short_ministries(row), width)


def short_ministries(row: ForceFigures) -> str:
    return ", ".join(short_name(m) for m in row.ministries)


#: The compare view's columns, in order: (name, title, sort key, most first). Unknown values sort last.
COLUMNS = (
    ("force", "Force", lambda r: r.record["name"].casefold(), False),
    ("personnel", "Personnel", lambda r: r.personnel, True),
    ("women", "Women", lambda r: r.women, True),
    ("share", "Women %", lambda r: r.share, True),
    ("year", "Year", lambda r: r.year, True),
    ("ministry", "Ministry", lambda r: ", ".join(m["name"] for m in r.ministries).casefold() or None, False),
)


def sort_forces(rows: list[ForceFigures], column: str, reverse: bool = False) -> list[ForceFigures]:
    """Rows by one column in its natural direction (numbers most first, names A–Z), flipped by
    ``reverse``; rows without a value last either way, then by name."""
    key, most_first = next((c[2], c[3]) for c in COLUMNS if c[0] == column)
    known = [r for r in rows if key(r) is not None]
    unknown = sorted((r for r in rows if key(r) is None), key=lambda r: r.record["name"].casefold())
    by_name = sorted(known, key=lambda r: r.record["name"].casefold())
    return sorted(by_name, key=key, reverse=most_first != reverse) + unknown

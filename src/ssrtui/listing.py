"""What a record list shows beside each name, and the orders it can be sorted in, per kind.

Forces show their personnel, donors the number of programmes they fund, every kind its period
and status; the columns with a sort key sort the list (the interface's ``o``): forces by
personnel, donors by programmes, missions (and every dated kind) by start date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import dates, schema
from .dataset import Dataset
from .forces import PERSONNEL, amount, number
from .render import figure_text

Value = Callable[[Dataset | None, dict], str]
Key = Callable[[Dataset | None, dict], Any]


@dataclass(frozen=True)
class Column:
    """One column of a list: ``width`` the cells it takes, ``least`` the fewest it is shown in
    (its ``short`` title then); ``key`` sorts (None: it does not sort; a record whose key is None
    sorts last), ``most_first`` is its natural direction."""

    name: str
    title: str
    width: int
    least: int
    value: Value
    key: Key | None = None
    most_first: bool = False
    #: How its order reads: (natural direction, reversed), e.g. ("most personnel first", …).
    orders: tuple[str, str] = ("", "")
    short: str = ""
    #: The value in fewer words, for a column too narrow for ``value`` (a date as its year).
    brief: Value | None = None
    #: Whether it takes room the names do not need (a key figure), else it keeps its width.
    grows: bool = False

    def text(self, data: Dataset | None, rec: dict, width: int) -> str:
        """The value, or its brief form when the value is longer than ``width``."""
        value = self.value(data, rec)
        return self.brief(data, rec) if self.brief and len(value) > width else value

    def title_in(self, width: int) -> str:
        return self.title if len(self.title) <= width or not self.short else self.short

    def order_text(self, reverse: bool = False) -> str:
        return self.orders[1 if reverse else 0]


def key_figure(rec: dict) -> str:
    """The figure a list shows: personnel when stated, else the first figure."""
    figures = rec.get("figures") or []
    chosen = next((f for f in figures if f["label"].casefold().startswith(PERSONNEL)), figures[0] if figures else None)
    return figure_text({**chosen, "note": None}) if chosen else ""


def _personnel(rec: dict) -> dict | None:
    return next((f for f in rec.get("figures", ()) if f["label"].casefold() == PERSONNEL), None)


def _personnel_text(data: Dataset | None, rec: dict) -> str:
    fig = _personnel(rec)
    if fig is None or number(fig) is None:
        return ""
    return amount(number(fig)) + (f" ({fig['year']})" if fig.get("year") else "")


def programmes_funded(data: Dataset | None, rec: dict) -> int | None:
    """How many programmes name this record as a funder (``funded-by``), None when none do."""
    if data is None:
        return None
    sources = {b.source for b in data.backlinks.get(rec["id"], ()) if b.inverse == schema.ROLES["funded-by"]}
    count = sum(1 for source in sources if (data.get(source) or {}).get("kind") == "programme")
    return count or None


def _year(data: Dataset | None, rec: dict) -> str:
    """A dated record's year ('2012' for 20 Dec 2012); a period by its years."""
    return str(dates.year_of(rec["date"]) or "") if rec.get("date") else dates.when(rec, years=True)


def _start(data: Dataset | None, rec: dict):
    """A record's date or start (not its end: a period known only by its end sorts last)."""
    first = rec.get("date") or rec.get("start")
    return dates.sort_key(first) if first else None


COLUMNS: dict[str, Column] = {
    "kind": Column("kind", "Kind", 12, 8, lambda d, r: schema.KINDS.get(r["kind"], ("", r["kind"]))[1]),
    "when": Column("when", "When", 11, 9, lambda d, r: dates.when(r, years=True), key=_start,
                   orders=("earliest start first", "latest start first"), brief=_year),
    "status": Column("status", "Status", 7, 7, lambda d, r: r.get("status", "")),
    "figure": Column("figure", "Key figure", 22, 12, lambda d, r: key_figure(r), grows=True),
    "personnel": Column("personnel", "Personnel", 13, 6, _personnel_text, key=lambda d, r: number(_personnel(r)),
                        most_first=True, orders=("most personnel first", "fewest personnel first"), short="Pers."),
    "programmes": Column("programmes", "Programmes", 10, 5, lambda d, r: str(programmes_funded(d, r) or ""),
                         key=programmes_funded, most_first=True, orders=("most programmes first", "fewest programmes first"),
                         short="Progs"),
}

#: The columns of a kind's list (a kind not named here: DEFAULT); bookmarks mix kinds: BOOKMARKS.
DEFAULT = ("when", "status", "figure")
BOOKMARKS = ("kind", "when")
KIND_COLUMNS = {
    "force": ("personnel", "when", "status"),
    "donor": ("programmes", "when", "status", "figure"),
}


def columns_for(kind: str | None) -> tuple[Column, ...]:
    names = BOOKMARKS if kind is None else KIND_COLUMNS.get(kind, DEFAULT)
    return tuple(COLUMNS[name] for name in names)


def orders_for(kind: str | None) -> tuple[Column, ...]:
    """The columns a kind's list can be sorted by, in the order ``o`` goes through them."""
    return tuple(c for c in columns_for(kind) if c.key is not None)


def sort_records(data: Dataset | None, records: list[dict], column: Column, reverse: bool = False) -> list[dict]:
    """Records by ``column`` in its natural direction (``reverse`` flips it); records without a
    value keep their order after the others."""
    keyed = [(column.key(data, rec), rec) for rec in records]
    known = [pair for pair in keyed if pair[0] is not None]
    known.sort(key=lambda pair: pair[0], reverse=column.most_first != reverse)
    return [rec for _, rec in known] + [rec for key, rec in keyed if key is None]

"""The donor map: donors x DAC sectors (or x years) with activity counts and amounts.

Built from programme records as ``ssrtui import iati`` writes them (and as hand-edited data may
write them): donors are the records a programme links to with ``funded-by``; sectors are its
``DAC nnnnn`` / ``DAC nnn`` tags; countries its ``country XX`` tags and ``concerns`` links to
country records; amounts its money figures (a label, a ``year`` and a three-letter currency unit).

How the numbers add up:

- an activity counts once in each cell it falls in; a row's or column's total counts it once;
- its amount is split over its sectors by the ``Sector CODE …`` percentage figures (equally when
  they are missing), and weighted by its ``Recipient country XX …`` share when a country is chosen,
  so a donor's cells add up to its total;
- amounts are kept per currency, never converted;
- a year keeps the activities running that year (start to end; an open end runs to the year the
  data is current to, unless the activity ended) or with money that year, and only that year's money.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .donoractivities import MEASURES, NO_SECTOR, Activity, activities, country_names

NO_DONOR = "(no funder named)"
NO_YEAR = "undated"
MEASURE_NAMES = {"budget": "budget", "commitment": "commitments", "spent": "disbursed+spent"}
#: Short names for the sector groups a security-sector map meets most (others are cut to fit).
SHORT_GROUPS = {
    "151": "Gov & civil society",
    "152": "Peace & security",
    NO_SECTOR: "no sector code",
}


@dataclass(frozen=True)
class Filters:
    """What the map shows: ``group`` is a 3-digit DAC group ('151') whose 5-digit codes become the
    columns; ``columns`` is 'sector' or 'year'."""

    country: str | None = None
    group: str | None = None
    year: int | None = None
    measure: str = "budget"
    columns: str = "sector"


@dataclass
class Cell:
    """The activities behind one cell and their amounts per currency."""

    ids: list[str] = field(default_factory=list)
    amounts: dict[str, float] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, record_id: str, amounts: dict[str, float], weight: float) -> None:
        if record_id not in self._seen:
            self._seen.add(record_id)
            self.ids.append(record_id)
        for currency, value in amounts.items():
            self.amounts[currency] = self.amounts.get(currency, 0.0) + value * weight

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class DonorMap:
    filters: Filters
    rows: list[tuple[str, str]]  # (donor id or NO_DONOR, name)
    columns: list[tuple[str, str]]  # (sector code / year as text, label)
    cells: dict[tuple[str, str], Cell]
    row_totals: dict[str, Cell]
    column_totals: dict[str, Cell]
    total: Cell
    countries: list[tuple[str, str]]  # every country to filter by: (key, name)
    groups: list[tuple[str, str]]  # every DAC group present: (code, name)
    years: list[int]  # every year present

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.get((row, column)) or Cell()


def sector_name(code: str) -> str:
    """A DAC code's published name, or the code's group name, or ''."""
    from .iati.codelists import name

    if code == NO_SECTOR:
        return SHORT_GROUPS[NO_SECTOR]
    found = name("Sector", code) or name("SectorCategory", code[:3]) or ""
    return found.capitalize() if found.isupper() else found  # some published names are in capitals


def short_sector_name(code: str) -> str:
    return SHORT_GROUPS.get(code) or sector_name(code)


def amounts_of(act: Activity, filters: Filters, year: int | None) -> dict[str, float]:
    """The activity's amounts of the chosen measure per currency: in ``year``, or in all years."""
    per_year = act.money.get(filters.measure, {})
    if year is not None:
        return per_year.get(year, {})
    total: dict[str, float] = {}
    for amounts in per_year.values():
        for currency, value in amounts.items():
            total[currency] = total.get(currency, 0.0) + value
    return total


def build(data, filters: Filters = Filters(), acts: list[Activity] | None = None) -> DonorMap:
    """The map for ``filters``; ``acts`` (from ``activities``) saves re-reading the records."""
    acts = activities(data) if acts is None else acts
    names = country_names(data, acts)
    countries = sorted(((k, names.get(k, k)) for k in {k for a in acts for k in a.countries}), key=lambda kn: kn[1].casefold())
    groups = sorted({c[:3] if c != NO_SECTOR else c for a in acts for c in a.sectors}, key=lambda c: (c == NO_SECTOR, c))
    all_years = sorted({y for a in acts for y in a.years})

    cells: dict[tuple[str, str], Cell] = {}
    row_totals: dict[str, Cell] = {}
    column_totals: dict[str, Cell] = {}
    total = Cell()
    for act in acts:
        if filters.country is not None and filters.country not in act.countries:
            continue
        if filters.year is not None and filters.year not in act.years:
            continue
        sectors = act.sectors
        if filters.group is not None:
            sectors = {c: s for c, s in sectors.items() if c.startswith(filters.group)}
            if not sectors:
                continue
        weight = 1.0
        if filters.country is not None and act.countries[filters.country] is not None:
            weight = act.countries[filters.country]
        # (column, weight, year whose money counts)
        if filters.columns == "year":
            share = sum(sectors.values())
            years = [filters.year] if filters.year is not None else sorted(act.years)
            parts = [(str(y), weight * share, y) for y in years] or [(NO_YEAR, weight * share, None)]
        else:
            parts = [(code if filters.group else (code[:3] if code != NO_SECTOR else code), weight * s, filters.year)
                     for code, s in sectors.items()]
        rec_id = act.record["id"]
        for donor in act.donors or [NO_DONOR]:
            row_cell = row_totals.setdefault(donor, Cell())
            for column, part_weight, year in parts:
                amounts = amounts_of(act, filters, year)
                cells.setdefault((donor, column), Cell()).add(rec_id, amounts, part_weight)
                row_cell.add(rec_id, amounts, part_weight)
        for column, part_weight, year in parts:  # totals count an activity's money once, not per donor
            amounts = amounts_of(act, filters, year)
            column_totals.setdefault(column, Cell()).add(rec_id, amounts, part_weight)
            total.add(rec_id, amounts, part_weight)

    rows = sorted(row_totals, key=lambda d: (d == NO_DONOR, -row_totals[d].count, data.name_of(d).casefold() if d != NO_DONOR else ""))
    if filters.columns == "year":
        column_keys = sorted(column_totals, key=lambda y: (y == NO_YEAR, y))
        columns = [(k, k) for k in column_keys]
    else:
        column_keys = sorted(column_totals, key=lambda c: (c == NO_SECTOR, c))
        columns = [(k, short_sector_name(k)) for k in column_keys]
    return DonorMap(filters, [(d, NO_DONOR if d == NO_DONOR else data.name_of(d)) for d in rows], columns, cells,
                    row_totals, column_totals, total, countries,
                    [(g, short_sector_name(g)) for g in groups], all_years)


# -- showing amounts ---------------------------------------------------------------------------

def compact(value: float) -> str:
    """An amount in at most five characters: 950, 12k, 1.5M, 230M, 4.1bn."""
    value = round(value)
    for size, suffix in ((10 ** 9, "bn"), (10 ** 6, "M"), (10 ** 3, "k")):
        if abs(value) >= size:
            scaled = value / size
            return (f"{scaled:.1f}" if abs(scaled) < 10 else f"{scaled:.0f}") + suffix
    return str(value)


def amount_text(amounts: dict[str, float]) -> str:
    """The largest currency's amount, '+' when other currencies are behind it too: '1.5M EUR+'."""
    shown = {c: v for c, v in amounts.items() if round(v)}
    if not shown:
        return ""
    currency = max(shown, key=lambda c: (abs(shown[c]), c))
    return f"{compact(shown[currency])} {currency}" + ("+" if len(shown) > 1 else "")


def amounts_in_full(amounts: dict[str, float]) -> str:
    """Every currency, in full: '1,500,000 EUR; 120,000 USD'."""
    return "; ".join(f"{round(v):,} {c}" for c, v in sorted(amounts.items()) if round(v)) or "no amount"


def describe(filters: Filters, country_name: str | None = None) -> str:
    """The filters in words, for the screen's title line."""
    parts = [f"{country_name or filters.country}" if filters.country else "any country",
             f"{filters.group} {short_sector_name(filters.group)}" if filters.group else "any sector",
             f"{filters.year}" if filters.year else "any year",
             MEASURE_NAMES[filters.measure]]
    return " · ".join(parts)


def next_measure(filters: Filters) -> Filters:
    order = list(MEASURES)
    return replace(filters, measure=order[(order.index(filters.measure) + 1) % len(order)])


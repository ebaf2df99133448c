"""The donor map's reading of programme records: donors, sector shares, country shares, years, money.

How a record is read is described in ``donormap.py``; this module turns each programme into an
``Activity`` once, so the map can be rebuilt for every filter without reading records again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates

NO_SECTOR = "none"
#: What "amount" sums: measure -> figure labels. Budgets: the revised one for a year when given.
MEASURES: dict[str, tuple[str, ...]] = {
    "budget": ("Budget (Revised)", "Budget (Original)", "Budget"),
    "commitment": ("Outgoing Commitment",),
    "spent": ("Disbursement", "Expenditure"),
}
_CURRENCY = re.compile(r"[A-Z]{3}")
_SECTOR_SHARE = re.compile(r"Sector (\d{3,5}) ")
_COUNTRY_SHARE = re.compile(r"Recipient country ([A-Z]{2}) ")
_DAC_TAG = re.compile(r"DAC (\d{3}|\d{5})")
_COUNTRY_TAG = re.compile(r"country ([A-Z]{2})")


@dataclass
class Activity:
    """One programme as the map reads it."""

    record: dict
    donors: list[str]
    sectors: dict[str, float]  # DAC code (5-digit, or 3-digit alone) -> share of the activity, summing to 1
    countries: dict[str, float | None]  # country key -> share (None: not stated)
    years: set[int]  # years it runs
    money: dict[str, dict[int | None, dict[str, float]]]  # measure -> year -> currency -> amount


def _country_keys(data) -> dict[str, tuple[str, str]]:
    """Country record id -> (key, name): the key is its ISO code (a two-letter alias) when it has one."""
    out = {}
    for rec in data.of_kind("country"):
        code = next((a for a in rec.get("aliases", ()) if re.fullmatch(r"[A-Z]{2}", a)), None)
        out[rec["id"]] = (code or rec["id"], rec["name"])
    return out


def _sectors(rec: dict) -> dict[str, float]:
    codes = [m.group(1) for t in rec.get("tags", ()) if (m := _DAC_TAG.fullmatch(t))]
    fives = [c for c in codes if len(c) == 5]
    kept = fives + [c for c in codes if len(c) == 3 and not any(f.startswith(c) for f in fives)]
    kept = list(dict.fromkeys(kept))
    if not kept:
        return {NO_SECTOR: 1.0}
    shares = {}
    for fig in rec.get("figures", ()):
        match = _SECTOR_SHARE.match(fig["label"])
        if match and fig.get("unit") == "%" and isinstance(fig["value"], (int, float)) and match.group(1) in kept:
            shares[match.group(1)] = float(fig["value"])
    total = sum(shares.values())
    if len(shares) == len(kept) and total > 0:
        return {c: shares[c] / total for c in kept}
    return {c: 1 / len(kept) for c in kept}


def _countries(rec: dict, country_keys: dict) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for tag in rec.get("tags", ()):
        match = _COUNTRY_TAG.fullmatch(tag)
        if match:
            out[match.group(1)] = None
    for link in rec.get("links", ()):
        if link["role"] == "concerns" and link["to"] in country_keys:
            out.setdefault(country_keys[link["to"]][0], None)
    for fig in rec.get("figures", ()):
        match = _COUNTRY_SHARE.match(fig["label"])
        if match and match.group(1) in out and fig.get("unit") == "%" and isinstance(fig["value"], (int, float)):
            out[match.group(1)] = float(fig["value"]) / 100
    return out


def _money(rec: dict) -> dict[str, dict[int | None, dict[str, float]]]:
    by_label: dict[str, dict[int | None, dict[str, float]]] = {}
    for fig in rec.get("figures", ()):
        unit, value = fig.get("unit") or "", fig["value"]
        if not _CURRENCY.fullmatch(unit) or not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        per_year = by_label.setdefault(fig["label"], {}).setdefault(fig.get("year"), {})
        per_year[unit] = per_year.get(unit, 0.0) + float(value)
    money: dict[str, dict[int | None, dict[str, float]]] = {}
    for measure, labels in MEASURES.items():
        out: dict[int | None, dict[str, float]] = {}
        if measure == "budget":  # one budget per year and currency: the first label that has it
            for label in labels:
                for year, amounts in by_label.get(label, {}).items():
                    for currency, value in amounts.items():
                        out.setdefault(year, {}).setdefault(currency, value)
        else:
            for label in labels:
                for year, amounts in by_label.get(label, {}).items():
                    for currency, value in amounts.items():
                        slot = out.setdefault(year, {})
                        slot[currency] = slot.get(currency, 0.0) + value
        money[measure] = out
    return money


def _years(rec: dict, money: dict, current_year: int | None) -> set[int]:
    span = dates.year_span(rec, until=current_year or 0)  # an open end runs to the data's year
    years = set(range(span[0], span[1] + 1)) if span else set()
    for per_year in money.values():
        years.update(y for y in per_year if y is not None)
    return years


def activities(data) -> list[Activity]:
    """Every programme of the dataset, read for the map."""
    current_year = dates.year_of(data.as_of())
    country_keys = _country_keys(data)
    out = []
    for rec in data.of_kind("programme"):
        donors = [link["to"] for link in rec.get("links", ()) if link["role"] == "funded-by" and link["to"] in data.records]
        money = _money(rec)
        out.append(Activity(rec, list(dict.fromkeys(donors)), _sectors(rec), _countries(rec, country_keys),
                            _years(rec, money, current_year), money))
    return out


def country_names(data, acts: list[Activity]) -> dict[str, str]:
    """Country key -> name for the activities' countries (records' names first, then IATI codes)."""
    from .iati.codelists import country_display

    names = {key: name for key, name in _country_keys(data).values()}
    for act in acts:
        for key in act.countries:
            names.setdefault(key, country_display(key) or key)
    return names


# -- the matrix --------------------------------------------------------------------------------

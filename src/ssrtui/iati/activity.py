"""Read what ssrtui keeps of one ``iati-activity`` element, warning about each bad value.

A bad value (an impossible date, an unknown code, a missing narrative, a number that is not one)
is left out with a warning naming the activity and the element; it never stops the import.
Versions 2.01-2.03 are read; the 1.x text codes for dates, roles and transactions are understood.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field

from .. import dates
from .codelists import name

XML_LANG = "xml:lang"
# What a record string must not hold (the YAML reader refuses them): C0/C1 controls except tab
# and newline, line/paragraph separators, bidi controls, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_DAC5 = re.compile(r"\d{5}")
_V1_DATE_TYPES = {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"}
_V1_ROLES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
_V1_TRANSACTIONS = {"IF": "1", "C": "2", "D": "3", "E": "4", "IR": "5", "LR": "6", "R": "7", "QP": "8", "QS": "9", "CG": "10"}


def clean(text: str) -> str:
    """Text safe for a record: unsafe characters dropped, runs of blank lines and edges trimmed."""
    text = _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANK_LINES.sub("\n\n", text).strip() if "\n" in text else text.strip()


def fold(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Narrative:
    lang: str
    text: str


@dataclass
class Org:
    role: str  # OrganisationRole code
    ref: str
    type: str
    names: list[Narrative]


@dataclass
class Parsed:
    """One activity as the importer needs it."""

    identifier: str
    titles: list[Narrative] = field(default_factory=list)
    descriptions: list[tuple[str, list[Narrative]]] = field(default_factory=list)
    status_code: str = ""
    dates: dict[str, str] = field(default_factory=dict)  # ActivityDateType code -> ISO date
    countries: list[tuple[str, str]] = field(default_factory=list)  # (code, percentage)
    other_countries: list[str] = field(default_factory=list)  # valid codes without a shipped name
    regions: list[tuple[str, str]] = field(default_factory=list)
    sectors: list[tuple[str, str, str]] = field(default_factory=list)  # (vocabulary, code, percentage)
    orgs: list[Org] = field(default_factory=list)
    budgets: dict[tuple[str, int, str], float] = field(default_factory=dict)  # (type, year, currency)
    transactions: dict[tuple[str, int, str], float] = field(default_factory=dict)
    related: list[tuple[str, str]] = field(default_factory=list)  # (identifier, type code)
    reporting_org: list[Narrative] = field(default_factory=list)
    last_updated: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (element, message)

    def warn(self, element: str, message: str) -> None:
        self.warnings.append((element, message))

    def sector_codes(self) -> set[str]:
        return {code for vocab, code, _ in self.sectors if vocab in ("1", "2")}


def narratives(elem: ET.Element | None, default_lang: str) -> list[Narrative]:
    """Every non-empty narrative of an element (a 1.x element's own text when it has none)."""
    if elem is None:
        return []
    found = []
    for child in elem.findall("narrative"):
        text = clean("".join(child.itertext()))
        if text:
            found.append(Narrative(child.get(XML_LANG, default_lang).strip().lower(), text))
    if not found and len(elem) == 0 and elem.text and elem.text.strip():
        found.append(Narrative(elem.get(XML_LANG, default_lang).strip().lower(), clean(elem.text)))
    return found


def preferred(items: list[Narrative]) -> Narrative | None:
    """The English narrative, or the first one."""
    for item in items:
        if item.lang.startswith("en"):
            return item
    return items[0] if items else None


@lru_cache(maxsize=4096)
def _date(value: str | None) -> tuple[str | None, str | None]:
    """``(ISO day, None)`` or ``(None, why not)``; memoised, as activities repeat the same few dates."""
    if not value or not value.strip():
        return None, "no date"
    match = _ISO_DATE.match(value)
    if not match:
        return None, f"'{clean(value)[:40]}' is not a date"
    iso, reason = dates.normalise(match.group(1))
    if iso and not 1000 <= int(iso[:4]) <= 2999:
        return None, f"year {iso[:4]} is out of range"
    return iso, reason


def iso_day(value: str) -> str | None:
    """The day a datetime attribute starts with (``2024-03-15T10:20:00Z``), or None when it is not one."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    iso, reason = dates.normalise(match.group(1))
    return None if reason else iso


def _amount(elem: ET.Element | None) -> float | None:
    if elem is None or elem.text is None:
        return None
    try:
        value = float(elem.text.strip().replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse(element: ET.Element) -> Parsed | None:
    """The activity's content, or None when it has no identifier (nothing to name it by)."""
    ident_elem = element.find("iati-identifier")
    identifier = clean(ident_elem.text or "") if ident_elem is not None else ""
    if not identifier:
        return None
    lang = element.get(XML_LANG, "en").strip().lower() or "en"
    act = Parsed(identifier=identifier)
    act.last_updated = (_date(element.get("last-updated-datetime"))[0] or "") if element.get("last-updated-datetime") else ""
    act.reporting_org = narratives(element.find("reporting-org"), lang)
    _texts(act, element, lang)
    _status_and_dates(act, element)
    _places(act, element)
    _sectors(act, element)
    _orgs(act, element, lang)
    currency = element.get("default-currency", "").strip().upper()
    act.budgets = _budgets(act, element, currency)
    act.transactions = _transactions(act, element, currency)
    _related(act, element)
    return act


def _texts(act: Parsed, element: ET.Element, lang: str) -> None:
    act.titles = narratives(element.find("title"), lang)
    if not act.titles:
        act.warn("title", "no narrative; the record is named by its identifier")
    for desc in element.findall("description"):
        texts = narratives(desc, lang)
        kind = desc.get("type", "1").strip() or "1"
        if not texts:
            act.warn("description", "no narrative; left out")
        elif name("DescriptionType", kind) is None:
            act.warn("description", f"unknown type '{clean(kind)[:20]}'; read as General")
            act.descriptions.append(("1", texts))
        else:
            act.descriptions.append((kind, texts))


def _status_and_dates(act: Parsed, element: ET.Element) -> None:
    status = element.find("activity-status")
    if status is not None:
        code = status.get("code", "").strip()
        if name("ActivityStatus", code) is None:
            act.warn("activity-status", f"unknown code '{clean(code)[:20]}'; status left unknown")
        else:
            act.status_code = code
    for elem in element.findall("activity-date"):
        kind = elem.get("type", "").strip()
        kind = _V1_DATE_TYPES.get(kind, kind)
        if name("ActivityDateType", kind) is None:
            act.warn("activity-date", f"unknown type '{clean(kind)[:20]}'; left out")
            continue
        iso, reason = _date(elem.get("iso-date") or elem.text)
        if reason:
            act.warn(f"activity-date type {kind}", f"{reason}; left out")
        elif kind not in act.dates:
            act.dates[kind] = iso


def _places(act: Parsed, element: ET.Element) -> None:
    for elem in element.findall("recipient-country"):
        code = elem.get("code", "").strip().upper()
        if not _COUNTRY_CODE.fullmatch(code):
            act.warn("recipient-country", f"unknown code '{clean(code)[:20]}'; left out")
        elif name("Country", code) is None:
            act.other_countries.append(code)
        else:
            act.countries.append((code, elem.get("percentage", "").strip()))
    for elem in element.findall("recipient-region"):
        code = elem.get("code", "").strip()
        vocab = elem.get("vocabulary", "1").strip() or "1"
        if vocab != "1":
            continue  # only the OECD DAC region list is shipped
        if name("Region", code) is None:
            act.warn("recipient-region", f"unknown code '{clean(code)[:20]}'; left out")
        else:
            act.regions.append((code, elem.get("percentage", "").strip()))


def _sectors(act: Parsed, element: ET.Element) -> None:
    def sector(elem: ET.Element, where: str) -> None:
        vocab = elem.get("vocabulary", "1").strip() or "1"
        vocab = {"DAC": "1", "DAC-3": "2"}.get(vocab, vocab)  # 1.x vocabulary names
        code = elem.get("code", "").strip()
        if vocab == "1" and not (_DAC5.fullmatch(code) and name("SectorCategory", code[:3])):
            act.warn(where, f"unknown DAC 5-digit code '{clean(code)[:20]}'; left out")
        elif vocab == "2" and not name("SectorCategory", code):
            act.warn(where, f"unknown DAC 3-digit code '{clean(code)[:20]}'; left out")
        elif vocab in ("1", "2") and (vocab, code) not in {(v, c) for v, c, _ in act.sectors}:
            act.sectors.append((vocab, code, elem.get("percentage", "").strip()))

    for elem in element.findall("sector"):
        sector(elem, "sector")
    if not act.sectors:  # 2.01+: sectors may be reported on transactions instead
        for elem in element.findall("transaction/sector"):
            sector(elem, "transaction/sector")


def _orgs(act: Parsed, element: ET.Element, lang: str) -> None:
    for elem in element.findall("participating-org"):
        role = elem.get("role", "").strip()
        role = _V1_ROLES.get(role.lower(), role)
        ref = clean(elem.get("ref", ""))
        names = narratives(elem, lang)
        if name("OrganisationRole", role) is None:
            act.warn("participating-org", f"unknown role '{clean(role)[:20]}'; left out")
        elif not ref and not names:
            act.warn("participating-org", "no narrative and no ref; left out")
        else:
            act.orgs.append(Org(role, ref, elem.get("type", "").strip(), names))


def _budgets(act: Parsed, element: ET.Element, currency: str) -> dict[tuple[str, int, str], float]:
    sums: dict[tuple[str, int, str], float] = defaultdict(float)
    for elem in element.findall("budget"):
        kind = elem.get("type", "1").strip() or "1"
        if name("BudgetType", kind) is None:
            act.warn("budget", f"unknown type '{clean(kind)[:20]}'; left out")
            continue
        start = elem.find("period-start")
        iso, reason = _date(start.get("iso-date") if start is not None else None)
        value = _amount(elem.find("value"))
        if reason:
            act.warn("budget/period-start", f"{reason}; budget left out")
        elif value is None:
            act.warn("budget/value", "not a number; budget left out")
        else:
            cur = (elem.find("value").get("currency", "") or currency).strip().upper()
            sums[(kind, dates.year_of(iso), cur)] += value
    return dict(sums)


def _transactions(act: Parsed, element: ET.Element, currency: str) -> dict[tuple[str, int, str], float]:
    sums: dict[tuple[str, int, str], float] = defaultdict(float)
    for elem in element.findall("transaction"):
        type_elem = elem.find("transaction-type")
        kind = type_elem.get("code", "").strip() if type_elem is not None else ""
        kind = _V1_TRANSACTIONS.get(kind, kind)
        if name("TransactionType", kind) is None:
            act.warn("transaction/transaction-type", f"unknown code '{clean(kind)[:20]}'; transaction left out")
            continue
        value_elem = elem.find("value")
        date_elem = elem.find("transaction-date")
        iso, reason = _date(date_elem.get("iso-date") if date_elem is not None else (value_elem.get("value-date") if value_elem is not None else None))
        value = _amount(value_elem)
        if reason:
            act.warn("transaction/transaction-date", f"{reason}; transaction left out")
        elif value is None:
            act.warn("transaction/value", "not a number; transaction left out")
        else:
            cur = (value_elem.get("currency", "") or currency).strip().upper()
            sums[(kind, dates.year_of(iso), cur)] += value
    return dict(sums)


def _related(act: Parsed, element: ET.Element) -> None:
    for elem in element.findall("related-activity"):
        ref = clean(elem.get("ref", ""))
        kind = elem.get("type", "").strip()
        if not ref:
            act.warn("related-activity", "no ref; left out")
        elif name("RelatedActivityType", kind) is None:
            act.warn("related-activity", f"unknown type '{clean(kind)[:20]}'; left out")
        else:
            act.related.append((ref, kind))

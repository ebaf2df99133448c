"""Activities into records as they stream by: programmes, their organisations and places.

``Importer.activity`` turns one parsed activity into a ``programme`` record; organisations and
places are collected once each across every file; ``finish`` resolves what needs them all
(related activities, organisation kinds, matches in the --link-to data).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import dates
from .activity import Parsed, fold, iso_day, parse, preferred
from .bodies import Bodies
from .codelists import country_display, name
from .matching import Ids, LinkIndex, find_quote, slug
from .parts import Parts

RECORDS_PER_FILE = 1000
ROLE_LINKS = {  # OrganisationRole code -> (link role, note)
    "1": ("funded-by", None),
    "3": ("funded-by", "extending organisation: manages the funds on behalf of the funder"),
    "4": ("implemented-by", None),
    "2": ("linked-to", "accountable organisation: oversees the activity and its outcomes"),
}
STATUS = {"1": "planned", "2": "active", "3": "ended", "4": "ended", "5": "ended", "6": "suspended"}


@dataclass
class Summary:
    files: int = 0
    read: int = 0
    imported: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    written: Counter = field(default_factory=Counter)
    linked: int = 0


@dataclass
class _Draft:
    """A programme record being built, and the parts of it that are written last."""

    record: dict
    links: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=lambda: ["IATI"])
    lines: list[str] = field(default_factory=list)  # the description's closing paragraph
    places: list[str] = field(default_factory=list)  # country and region names, for the summary
    sectors: list[str] = field(default_factory=list)  # "15210 Security system management and reform (60%)"


def _number(value: float) -> int | float:
    if abs(value) >= 1e15:  # beyond a float's exact digits: an integer, never '1e+16'
        return int(round(value))
    value = round(value, 2)
    return int(value) if value == int(value) else value


def _percent(text: str) -> int | float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return _number(value) if 0 <= value <= 100 else None


def _money(label: str, total: float, year: int, currency: str) -> dict:
    figure = {"label": label, "value": _number(total), "year": year}
    if currency:
        figure["unit"] = currency
    else:
        figure["note"] = "currency not stated"
    return figure


class Importer:
    """Turns activities into records as they stream by; ``finish`` resolves what needs them all."""

    def __init__(self, countries: list[str], sectors: list[str], index: LinkIndex):
        self.countries = {c.upper() for c in countries}
        self.sectors = list(sectors)
        self.ids = Ids(index.ids)
        self.summary = Summary()
        self.programmes: list[dict] = []
        self.by_identifier: dict[str, tuple[str, str]] = {}  # identifier -> (record id, "file:line")
        self.related: list[tuple[dict, list[tuple[str, str]]]] = []
        self.bodies = Bodies(self.ids, index, self._cite)
        self.sources: list[dict] = []
        self.generated = ""  # the current file's generated-datetime
        self.where = ""  # the current activity's file:line

    # -- one activity ---------------------------------------------------------------------
    def _skip(self, reason: str) -> None:
        self.summary.skipped[reason] += 1

    def _wanted(self, act: Parsed) -> str | None:
        if self.countries and not self.countries & ({c for c, _ in act.countries} | set(act.other_countries)):
            return f"no recipient country among {', '.join(sorted(self.countries))}"
        if self.sectors and not any(code.startswith(p) for code in act.sector_codes() for p in self.sectors):
            return f"no sector starting with {', '.join(self.sectors)}"
        return None

    def activity(self, file_name: str, parts: Parts, number: int, element, line: int, raw: str) -> None:
        self.summary.read += 1
        act = parse(element)
        where = self.where = f"{file_name}:{line}"
        if act is None:
            self._skip("no iati-identifier")
            self.summary.warnings.append(f"{where}: activity {number}: iati-identifier: missing or empty; activity skipped")
            return
        reason = self._wanted(act)
        if reason:  # filtered out: its bad values do not matter
            self._skip(reason)
            return
        for element_name, message in act.warnings:
            self.summary.warnings.append(f"{where}: activity {act.identifier}: {element_name}: {message}")
        if act.identifier in self.by_identifier:
            self._skip("duplicate iati-identifier")
            first = self.by_identifier[act.identifier][1]
            self.summary.warnings.append(f"{where}: activity {act.identifier}: iati-identifier: already imported from {first}; skipped")
            return
        reporter = preferred(act.reporting_org)
        source_id = parts.add(raw, number, reporter.text if reporter else None)
        record = self._programme(act, source_id, fold(raw))
        self.by_identifier[act.identifier] = (record["id"], where)
        self.programmes.append(record)
        if act.related:
            self.related.append((record, act.related))
        self.summary.imported += 1

    def _cite(self, source_id: str, texts: list[str], raw_folded: str) -> dict:
        quote = find_quote([t for t in texts if t], raw_folded)
        return {"source": source_id, "quote": quote} if quote else {"source": source_id}

    def _programme(self, act: Parsed, source_id: str, raw_folded: str) -> dict:
        title = preferred(act.titles)
        record: dict = {"id": self.ids.new("iati-" + slug(act.identifier)), "kind": "programme", "name": fold(title.text) if title else act.identifier}
        aliases = [act.identifier] + [fold(t.text) for t in act.titles if t is not title and fold(t.text) != record["name"]]
        record["aliases"] = list(dict.fromkeys(aliases))
        draft = _Draft(record)
        self._dates_and_status(act, draft)
        self._places(act, draft, source_id)
        _sectors(act, draft)
        for (kind, year, currency), total in sorted(act.budgets.items(), key=lambda i: (i[0][1], i[0][0], i[0][2])):
            draft.figures.append(_money(f"Budget ({name('BudgetType', kind)})", total, year, currency))
        for (kind, year, currency), total in sorted(act.transactions.items(), key=lambda i: (i[0][1], int(i[0][0]), i[0][2])):
            draft.figures.append(_money(name("TransactionType", kind), total, year, currency))
        funders, implementers = self._organisations(act, draft, source_id, raw_folded)
        record["summary"] = _summary(draft, funders, implementers)
        record["description"] = _description(act, draft)
        if draft.figures:
            record["figures"] = draft.figures
        if draft.links:
            record["links"] = draft.links
        desc = preferred(act.descriptions[0][1]) if act.descriptions else None
        record["sources"] = [self._cite(source_id, [t.text for t in act.titles] + ([desc.text] if desc else []) + [act.identifier], raw_folded)]
        record["tags"] = list(dict.fromkeys(draft.tags))
        return record

    def _dates_and_status(self, act: Parsed, draft: _Draft) -> None:
        """Actual dates where known, else planned; all four kept as figures."""
        record = draft.record
        start = act.dates.get("2") or act.dates.get("1")
        end = act.dates.get("4") or act.dates.get("3")
        if start and end and dates.end_key(end) < dates.sort_key(start):
            self.summary.warnings.append(f"{self.where}: activity {act.identifier}: activity-date: ends ({end}) before it starts ({start}); end left out")
            end = None
        if start:
            record["start"] = start
        if end:
            record["end"] = end
        planned = [f"{name('ActivityDateType', k).lower()} {dates.display(act.dates[k])}" for k in ("1", "3") if k in act.dates]
        actual = [f"{name('ActivityDateType', k).lower()} {dates.display(act.dates[k])}" for k in ("2", "4") if k in act.dates]
        if planned or actual:
            draft.lines.append("Dates: " + "; ".join(p for p in (", ".join(planned), ", ".join(actual)) if p) + ".")
        for code in ("1", "2", "3", "4"):
            if code in act.dates:
                draft.figures.append({"label": name("ActivityDateType", code), "value": act.dates[code]})
        if act.status_code:
            record["status"] = STATUS[act.status_code]
            draft.lines.append(f"IATI status: {name('ActivityStatus', act.status_code)}.")
            as_of = act.last_updated or iso_day(self.generated)
            if as_of:
                record["status_as_of"] = as_of

    def _places(self, act: Parsed, draft: _Draft, source_id: str) -> None:
        for code, pct in act.countries:
            draft.links.append({"to": self.bodies.country(code, source_id), "role": "concerns"})
            draft.places.append(country_display(code))
            draft.tags.append(f"country {code}")
            share = _percent(pct)
            if share is not None:
                draft.figures.append({"label": f"Recipient country {code} {country_display(code)}", "value": share, "unit": "%"})
        for code in act.other_countries:
            draft.tags.append(f"country {code}")
        for code, pct in act.regions:
            draft.links.append({"to": self.bodies.region(code, source_id), "role": "concerns"})
            draft.places.append(name("Region", code))
            share = _percent(pct)
            if share is not None:
                draft.figures.append({"label": f"Recipient region {code} {name('Region', code)}", "value": share, "unit": "%"})
        if act.countries or act.other_countries or act.regions:
            draft.lines.append("Recipient countries and regions: " + "; ".join(
                [f"{c} {country_display(c)}" for c, _ in act.countries] + list(act.other_countries)
                + [f"{c} {name('Region', c)}" for c, _ in act.regions]) + ".")

    def _organisations(self, act: Parsed, draft: _Draft, source_id: str, raw_folded: str) -> tuple[list[str], list[str]]:
        """Link each participating organisation by its role; the names of the funders and implementers."""
        funders, implementers = [], []
        for org in act.orgs:
            org_id, org_name = self.bodies.org(org, source_id, raw_folded)
            role, note = ROLE_LINKS[org.role]
            link = {"to": org_id, "role": role}
            if note:
                link["note"] = note
            if link not in draft.links:
                draft.links.append(link)
            (funders if org.role in ("1", "3") else implementers if org.role == "4" else []).append(org_name)
        return funders, implementers

    # -- after every file -----------------------------------------------------------------
    def finish(self) -> list[tuple[str, list[dict]]]:
        """Resolve related activities and organisations; the records to write, by file name."""
        self._link_related()
        orgs = self.bodies.org_records()
        places = list(self.bodies.places.values())
        files = []
        for n in range(0, len(self.programmes), RECORDS_PER_FILE):
            files.append((f"programmes-{n // RECORDS_PER_FILE + 1:04d}.yaml", self.programmes[n:n + RECORDS_PER_FILE]))
        for file_name, records in (("organisations.yaml", orgs), ("places.yaml", places), ("sources.yaml", self.sources)):
            if records:
                files.append((file_name, records))
        self.summary.written.update(r["kind"] for r in self.programmes + orgs + places + self.sources)
        self.summary.linked = self.bodies.linked
        return files

    def _link_related(self) -> None:
        """Link each pair of imported related activities once; name the related activities not imported."""
        linked_pairs: set[frozenset] = set()
        for record, related in self.related:
            missing = []
            for ref, kind in related:
                target = self.by_identifier.get(ref)
                if target is None or target[0] == record["id"]:
                    missing.append(f"{ref} ({name('RelatedActivityType', kind)})")
                    continue
                pair = frozenset((record["id"], target[0]))
                if pair in linked_pairs:
                    continue
                linked_pairs.add(pair)
                record.setdefault("links", []).append(
                    {"to": target[0], "role": "linked-to", "note": f"related activity: {name('RelatedActivityType', kind).lower()} (IATI related-activity type {kind})"})
            if missing:
                record["description"] += "\n\nRelated activities not imported: " + "; ".join(missing) + "."



def _sectors(act: Parsed, draft: _Draft) -> None:
    """Sector codes as tags (5-digit and its 3-digit group), shares as figures, names for the description."""
    for vocab, code, pct in act.sectors:
        label = name("Sector", code) if vocab == "1" else name("SectorCategory", code)
        if vocab == "1" and label is None:
            label = f"{name('SectorCategory', code[:3])} (group {code[:3]})"
        draft.sectors.append(f"{code} {label}" + (f" ({pct}%)" if _percent(pct) is not None else ""))
        draft.tags.append(f"DAC {code}")
        if vocab == "1":
            draft.tags.append(f"DAC {code[:3]}")
        share = _percent(pct)
        if share is not None:
            draft.figures.append({"label": f"Sector {code} {label}", "value": share, "unit": "%"})
    if draft.sectors:
        draft.lines.append("Sectors (OECD DAC): " + "; ".join(draft.sectors) + ".")


def _summary(draft: _Draft, funders: list[str], implementers: list[str]) -> str:
    summary = "IATI activity"
    if draft.places:
        summary += " in " + ", ".join(dict.fromkeys(draft.places))
    if draft.sectors:
        summary += " (" + "; ".join(s.split(" (")[0].split(" ", 1)[1] for s in draft.sectors[:2]) + ")"
    if funders:
        summary += "; funded by " + ", ".join(dict.fromkeys(funders))
    if implementers:
        summary += "; implemented by " + ", ".join(dict.fromkeys(implementers))
    return summary + "."


def _description(act: Parsed, draft: _Draft) -> str:
    """Every description (English or first shown, the others as translations), the identifier, the facts."""
    paragraphs = []
    for kind, texts in act.descriptions:
        first = preferred(texts)
        label = "" if kind == "1" else f"{name('DescriptionType', kind)}: "
        paragraphs.append(label + first.text)
        paragraphs.extend(f"[{t.lang}] {t.text}" for t in texts if t is not first)
    paragraphs.append(f"IATI identifier: {act.identifier}.")
    paragraphs.append("\n".join(draft.lines))
    return "\n\n".join(p for p in paragraphs if p)

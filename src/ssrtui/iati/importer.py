"""`ssrtui import iati`: IATI activity files -> a data folder in ssrtui's YAML format.

What becomes what (the README's "Importing IATI data" section says the same for users):

- each activity -> a ``programme`` record (``iati-<identifier>``) with its titles, descriptions,
  status, planned and actual dates, countries, regions, sectors, yearly budget and transaction
  sums, links to its organisations and to the related activities that were imported too;
- each participating organisation -> one record per IATI ref (or per name without a ref), kind
  ``donor`` when it funds or extends an activity, else ``organisation``;
- each recipient country or region -> a ``country``/``place`` record, unless ``--link-to`` data
  already has that country (then the programme links to it);
- each input file -> verbatim copies of its activities in ``iati-sources/`` (in parts of about a
  megabyte, each a well-formed IATI file) and one ``source`` record per part, naming the file,
  its publisher (reporting-org) and its generated date; every record cites its part with a quote
  that validation finds verbatim there.

Nothing links into other data unless ``--link-to DIR`` names it at import time: the output then
links to those records (matched by name or alias) and must be used beside them; without it the
output stands alone. The folder is written to a temporary sibling and moved into place, so a
failed import never leaves a half-written folder; an existing folder is replaced only when an
earlier import wrote it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


from .. import dates
from .activity import Org, Parsed, clean, fold, parse, preferred
from .codelists import country_display, name
from .reader import IatiFileError, read

MARKER = ".ssrtui-iati-import"
SOURCES_DIR = "iati-sources"
PART_BYTES = 1 << 20
RECORDS_PER_FILE = 1000
ROLE_LINKS = {  # OrganisationRole code -> (link role, note)
    "1": ("funded-by", None),
    "3": ("funded-by", "extending organisation: manages the funds on behalf of the funder"),
    "4": ("implemented-by", None),
    "2": ("linked-to", "accountable organisation: oversees the activity and its outcomes"),
}
STATUS = {"1": "planned", "2": "active", "3": "ended", "4": "ended", "5": "ended", "6": "suspended"}
MATCH_KINDS = {  # what an imported record may be matched to in --link-to data, best first
    "org": ("donor", "organisation", "institution", "country"),
    "country": ("country",),
}


class UsageError(Exception):
    """A bad option, or an output folder that cannot be used or written (exit 2)."""


class FilesRejected(Exception):
    """One or more input files are not well-formed XML or not IATI (exit 1); nothing was written."""

    def __init__(self, errors: list[IatiFileError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Summary:
    files: int = 0
    read: int = 0
    imported: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    written: Counter = field(default_factory=Counter)
    linked: int = 0


def slug(text: str, limit: int = 70) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-") or "x"


def match_key(text: str) -> str:
    """Names compared loosely: accents, case, punctuation, a leading 'the' and '(the)' ignored."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(the\)|^the\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]+", "", text)


def _quote(texts: list[str], raw_folded: str) -> str | None:
    """A passage of one of ``texts`` found verbatim (whitespace folded) in the activity's raw XML.

    The whole text is tried first (cut to ~200 characters), then its longest runs without the
    characters XML may have escaped (``& < > " '``), so entities in the file never break a quote.
    """
    for text in texts:
        candidates = [text] + sorted(re.split(r"[&<>\"'\u2018\u2019\u201c\u201d]", text), key=len, reverse=True)[:4]
        for candidate in candidates:
            candidate = fold(candidate)
            if len(candidate) > 200:
                candidate = candidate[:200].rsplit(" ", 1)[0]
            if len(candidate) >= 2 and candidate in raw_folded:
                return candidate
    return None


class _Ids:
    """Unique slugs, never one the --link-to data already uses."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def new(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


class _Parts:
    """Verbatim copies of one file's activities, about a megabyte each, with a source record each."""

    def __init__(self, folder: Path, file_name: str, base_id: str, info, ids: _Ids):
        self.folder, self.file_name, self.base_id, self.info, self.ids = folder, file_name, base_id, info, ids
        self.records: list[dict] = []
        self.handle = None
        self.size = 0
        self.current: dict | None = None
        self.first = self.last = 0
        self.publishers: list[str] = []

    def _header(self) -> str:
        header = self.info.header
        if self.info.encoding != "utf-8":
            header = re.sub(r"""encoding\s*=\s*["'][^"']*["']""", 'encoding="UTF-8"', header, count=1)
        return header

    def add(self, raw: str, number: int, publisher: str | None) -> str:
        """Copy one activity's text; return the id of the source record citing its part."""
        if self.handle is None or self.size >= PART_BYTES:
            self.close()
            part = len(self.records) + 1
            rel = f"{SOURCES_DIR}/{self.base_id}/part-{part:04d}.xml"
            path = self.folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(path, "w", encoding="utf-8", newline="")
            self.handle.write(self._header())
            self.size = 0
            self.first = number
            self.publishers = []
            self.current = {"id": self.ids.new(f"iati-src-{self.base_id}-{part}"), "kind": "source", "path": rel}
            self.records.append(self.current)
        self.handle.write(raw)
        self.handle.write("\n")
        self.size += len(raw)
        self.last = number
        if publisher and publisher not in self.publishers:
            self.publishers.append(publisher)
        return self.current["id"]

    def close(self) -> None:
        if self.handle is None:
            return
        self.handle.write("</iati-activities>\n")
        self.handle.close()
        self.handle = None
        rec = self.current
        span = f"activity {self.first}" if self.first == self.last else f"activities {self.first}-{self.last}"
        rec["name"] = f"IATI file {self.file_name}, {span}"
        version = f", IATI version {clean(self.info.version)[:10]}" if self.info.version.strip() else ""
        rec["description"] = (
            f"The {span} of the IATI activity file {self.file_name}{version}, copied verbatim by "
            f"'ssrtui import iati' into {rec['path']}."
        )
        if self.publishers:
            rec["publisher"] = "; ".join(self.publishers[:3])
        generated = _iso(self.info.generated)
        if generated:
            rec["published"] = generated
        rec["tags"] = ["IATI"]
        # the keys in the documented order
        self.records[-1] = {k: rec[k] for k in ("id", "kind", "name", "description", "path", "publisher", "published", "tags") if k in rec}


def _iso(value: str) -> str | None:
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    if not match:
        return None
    iso, reason = dates.normalise(match.group(1))
    return None if reason else iso


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


class _Index:
    """Names and aliases of the --link-to records, to match imported bodies and countries."""

    def __init__(self, records: list[dict]):
        self.ids = {r["id"] for r in records}
        self.by_key: dict[tuple[str, str], str] = {}
        for kind_order in MATCH_KINDS.values():
            for kind in reversed(kind_order):  # best kind written last wins
                for rec in records:
                    if rec["kind"] != kind:
                        continue
                    for text in [rec["name"], *rec.get("aliases", [])]:
                        key = match_key(text)
                        if key:
                            self.by_key[(kind_order[0], key)] = rec["id"]

    def find(self, what: str, names: list[str]) -> str | None:
        group = MATCH_KINDS[what][0]
        for text in names:
            found = self.by_key.get((group, match_key(text)))
            if found:
                return found
        return None


class Importer:
    """Turns activities into records as they stream by; ``finish`` resolves what needs them all."""

    def __init__(self, countries: list[str], sectors: list[str], index: _Index):
        self.countries = {c.upper() for c in countries}
        self.sectors = list(sectors)
        self.index = index
        self.ids = _Ids(index.ids)
        self.summary = Summary()
        self.programmes: list[dict] = []
        self.by_identifier: dict[str, tuple[str, str]] = {}  # identifier -> (record id, "file:line")
        self.related: list[tuple[dict, list[tuple[str, str]]]] = []
        self.orgs: dict[tuple[str, str], dict] = {}
        self.places: dict[str, dict] = {}  # "country ML" / "region 289" -> the record written for it
        self.place_ids: dict[str, str] = {}  # the same keys -> the id programmes link to (ours or --link-to's)
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

    def activity(self, file_name: str, parts: _Parts, number: int, element, line: int, raw: str) -> None:
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
        quote = _quote([t for t in texts if t], raw_folded)
        return {"source": source_id, "quote": quote} if quote else {"source": source_id}

    def _programme(self, act: Parsed, source_id: str, raw_folded: str) -> dict:
        title = preferred(act.titles)
        record: dict = {"id": self.ids.new("iati-" + slug(act.identifier)), "kind": "programme", "name": fold(title.text) if title else act.identifier}
        aliases = [act.identifier] + [fold(t.text) for t in act.titles if t is not title and fold(t.text) != record["name"]]
        record["aliases"] = list(dict.fromkeys(aliases))
        links: list[dict] = []
        figures: list[dict] = []
        tags = ["IATI"]
        lines: list[str] = []

        # dates: actual where known, else planned; all four kept as figures
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
            lines.append("Dates: " + "; ".join(p for p in (", ".join(planned), ", ".join(actual)) if p) + ".")
        for code in ("1", "2", "3", "4"):
            if code in act.dates:
                figures.append({"label": name("ActivityDateType", code), "value": act.dates[code]})

        if act.status_code:
            record["status"] = STATUS[act.status_code]
            lines.append(f"IATI status: {name('ActivityStatus', act.status_code)}.")
            as_of = act.last_updated or _iso(self.generated)
            if as_of:
                record["status_as_of"] = as_of

        # places
        country_names = []
        for code, pct in act.countries:
            target = self._country(code, source_id)
            links.append({"to": target, "role": "concerns"})
            country_names.append(country_display(code))
            tags.append(f"country {code}")
            share = _percent(pct)
            if share is not None:
                figures.append({"label": f"Recipient country {code} {country_display(code)}", "value": share, "unit": "%"})
        for code in act.other_countries:
            tags.append(f"country {code}")
        for code, pct in act.regions:
            links.append({"to": self._region(code, source_id), "role": "concerns"})
            country_names.append(name("Region", code))
            share = _percent(pct)
            if share is not None:
                figures.append({"label": f"Recipient region {code} {name('Region', code)}", "value": share, "unit": "%"})
        if act.countries or act.other_countries or act.regions:
            lines.append("Recipient countries and regions: " + "; ".join(
                [f"{c} {country_display(c)}" for c, _ in act.countries] + list(act.other_countries)
                + [f"{c} {name('Region', c)}" for c, _ in act.regions]) + ".")

        # sectors
        sector_names = []
        for vocab, code, pct in act.sectors:
            label = name("Sector", code) if vocab == "1" else name("SectorCategory", code)
            if vocab == "1" and label is None:
                label = f"{name('SectorCategory', code[:3])} (group {code[:3]})"
            sector_names.append(f"{code} {label}" + (f" ({pct}%)" if _percent(pct) is not None else ""))
            tags.append(f"DAC {code}")
            if vocab == "1":
                tags.append(f"DAC {code[:3]}")
            share = _percent(pct)
            if share is not None:
                figures.append({"label": f"Sector {code} {label}", "value": share, "unit": "%"})
        if sector_names:
            lines.append("Sectors (OECD DAC): " + "; ".join(sector_names) + ".")

        # money
        for (kind, year, currency), total in sorted(act.budgets.items(), key=lambda i: (i[0][1], i[0][0], i[0][2])):
            figures.append(_money(f"Budget ({name('BudgetType', kind)})", total, year, currency))
        for (kind, year, currency), total in sorted(act.transactions.items(), key=lambda i: (i[0][1], int(i[0][0]), i[0][2])):
            figures.append(_money(name("TransactionType", kind), total, year, currency))

        # organisations
        funders, implementers = [], []
        for org in act.orgs:
            org_id, org_name = self._org(org, source_id, raw_folded)
            role, note = ROLE_LINKS[org.role]
            link = {"to": org_id, "role": role}
            if note:
                link["note"] = note
            if link not in links:
                links.append(link)
            (funders if org.role in ("1", "3") else implementers if org.role == "4" else []).append(org_name)

        # summary and description
        summary = "IATI activity"
        if country_names:
            summary += " in " + ", ".join(dict.fromkeys(country_names))
        if sector_names:
            summary += " (" + "; ".join(s.split(" (")[0].split(" ", 1)[1] for s in sector_names[:2]) + ")"
        if funders:
            summary += "; funded by " + ", ".join(dict.fromkeys(funders))
        if implementers:
            summary += "; implemented by " + ", ".join(dict.fromkeys(implementers))
        record["summary"] = summary + "."
        paragraphs = []
        for kind, texts in act.descriptions:
            first = preferred(texts)
            label = "" if kind == "1" else f"{name('DescriptionType', kind)}: "
            paragraphs.append(label + first.text)
            paragraphs.extend(f"[{t.lang}] {t.text}" for t in texts if t is not first)
        paragraphs.append(f"IATI identifier: {act.identifier}.")
        paragraphs.append("\n".join(lines))
        record["description"] = "\n\n".join(p for p in paragraphs if p)
        if figures:
            record["figures"] = figures
        if links:
            record["links"] = links
        desc = preferred(act.descriptions[0][1]) if act.descriptions else None
        record["sources"] = [self._cite(source_id, [t.text for t in act.titles] + ([desc.text] if desc else []) + [act.identifier], raw_folded)]
        record["tags"] = list(dict.fromkeys(tags))
        return record

    def _org(self, org: Org, source_id: str, raw_folded: str) -> tuple[str, str]:
        first = preferred(org.names)
        key = ("ref", org.ref.upper()) if org.ref else ("name", match_key(first.text))
        rec = self.orgs.get(key)
        if rec is None:
            display = fold(first.text) if first else org.ref
            rec = {"id": self.ids.new("iati-org-" + slug(org.ref or display)), "kind": "organisation", "name": display,
                   "_names": [], "_roles": Counter(), "_type": org.type, "_ref": org.ref,
                   "_source": self._cite(source_id, [n.text for n in org.names] + [org.ref], raw_folded)}
            self.orgs[key] = rec
        for narrative in org.names:
            if fold(narrative.text) not in rec["_names"]:
                rec["_names"].append(fold(narrative.text))
        rec["_roles"][org.role] += 1
        if not rec["_type"] and org.type:
            rec["_type"] = org.type
        return rec["id"], rec["name"]

    def _country(self, code: str, source_id: str) -> str:
        key = f"country {code}"
        if key not in self.place_ids:
            names = [country_display(code), name("Country", code)]
            matched = self.index.find("country", names)
            if matched:
                self.place_ids[key] = matched
                self.summary.linked += 1
            else:
                rec = {"id": self.ids.new(f"iati-country-{code.lower()}"), "kind": "country", "name": country_display(code),
                       "aliases": [name("Country", code), code],
                       "summary": f"Recipient country in the imported IATI data (ISO 3166-1 code {code}).",
                       "sources": [{"source": source_id, "quote": code}], "tags": ["IATI"]}
                self.places[key] = rec
                self.place_ids[key] = rec["id"]
        return self.place_ids[key]

    def _region(self, code: str, source_id: str) -> str:
        key = f"region {code}"
        if key not in self.place_ids:
            rec = {"id": self.ids.new(f"iati-region-{code}"), "kind": "place", "name": name("Region", code),
                   "summary": f"OECD DAC recipient region {code}, as the imported IATI data names it.",
                   "sources": [{"source": source_id, "quote": code}], "tags": ["IATI", "region"]}
            self.places[key] = rec
            self.place_ids[key] = rec["id"]
        return self.place_ids[key]

    # -- after every file -----------------------------------------------------------------
    def finish(self) -> list[tuple[str, list[dict]]]:
        """Resolve related activities and organisations; the records to write, by file name."""
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
        orgs = [self._org_record(rec) for rec in self.orgs.values()]
        places = list(self.places.values())
        files = []
        for n in range(0, len(self.programmes), RECORDS_PER_FILE):
            files.append((f"programmes-{n // RECORDS_PER_FILE + 1:04d}.yaml", self.programmes[n:n + RECORDS_PER_FILE]))
        for file_name, records in (("organisations.yaml", orgs), ("places.yaml", places), ("sources.yaml", self.sources)):
            if records:
                files.append((file_name, records))
        self.summary.written.update(r["kind"] for r in self.programmes + orgs + places + self.sources)
        return files

    def _org_record(self, rec: dict) -> dict:
        roles: Counter = rec["_roles"]
        out = {"id": rec["id"], "kind": "donor" if roles["1"] or roles["3"] else "organisation", "name": rec["name"]}
        aliases = [n for n in rec["_names"] if n != rec["name"]] + ([rec["_ref"]] if rec["_ref"] and rec["_ref"] != rec["name"] else [])
        if aliases:
            out["aliases"] = list(dict.fromkeys(aliases))
        kind_name = name("OrganisationType", rec["_type"]) if rec["_type"] else None
        verbs = {"1": "funds", "3": "extends", "4": "implements", "2": "is accountable for"}
        doing = [f"{verbs[r]} {roles[r]}" for r in ("1", "3", "4", "2") if roles[r]]
        out["summary"] = (f"{kind_name + ' organisation' if kind_name else 'Organisation'} in the imported IATI data"
                          + (f" (IATI ref {rec['_ref']})" if rec["_ref"] else "") + ": " + ", ".join(doing) + " of its activities.")
        matched = self.index.find("org", [rec["name"], *rec["_names"], rec["_ref"]] if rec["_ref"] else [rec["name"], *rec["_names"]])
        if matched:
            out["links"] = [{"to": matched, "role": "linked-to", "note": "the same body in the linked data (matched by name)"}]
            self.summary.linked += 1
        out["sources"] = [rec["_source"]]
        out["tags"] = ["IATI"] + ([kind_name] if kind_name else [])
        return out


def _money(label: str, total: float, year: int, currency: str) -> dict:
    figure = {"label": label, "value": _number(total), "year": year}
    if currency:
        figure["unit"] = currency
    else:
        figure["note"] = "currency not stated"
    return figure


def _scalar(value) -> str:
    """A YAML scalar that reads back as exactly ``value``: strings always double-quoted.

    A JSON string is a valid YAML double-quoted scalar, so no text can be read as a number,
    a date, a boolean (``no``), a tag or an anchor; numbers are written in YAML 1.2 form.
    """
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False).replace("\ufeff", "\\ufeff")


def _yaml_record(record: dict) -> str:
    """One record in block style, lists of mappings as flow mappings (as data/ writes them)."""
    out = []
    for key, value in record.items():
        lead = "- " if not out else "  "
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{lead}{key}:")
            out.extend("    - {" + ", ".join(f"{k}: {_scalar(v)}" for k, v in item.items()) + "}" for item in value)
        elif isinstance(value, list):
            out.append(f"{lead}{key}: [" + ", ".join(_scalar(v) for v in value) + "]")
        else:
            out.append(f"{lead}{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def _write_yaml(path: Path, records: list[dict], header: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(header)
        for record in records:
            handle.write("\n")
            handle.write(_yaml_record(record))


def _check_output(output: Path, protected: list[Path]) -> None:
    for folder in protected:
        if output == folder or folder in output.parents or output in folder.parents:
            raise UsageError(f"--output {output} overlaps the data folder {folder}; choose a folder of its own")
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise UsageError(f"--output {output} is not empty and was not written by an earlier import; choose a new folder")


def _link_index(link_to: list[Path]) -> _Index:
    if not link_to:
        return _Index([])
    from ..validate import compile_data

    for folder in link_to:
        if not folder.is_dir():
            raise UsageError(f"--link-to {folder}: not a folder")
    return _Index(compile_data(link_to).records)


def import_files(files: list[Path], output: Path, countries: list[str] = (), sectors: list[str] = (),
                 link_to: list[Path] = (), display=str) -> Summary:
    """Import ``files`` into the folder ``output``; raise FilesRejected or UsageError.

    ``display`` turns a path into the name used in messages (relative to the working folder).
    """
    from ..paths import bundled_data_dir

    for code in countries:
        if not re.fullmatch(r"[A-Za-z]{2}", code):
            raise UsageError(f"--country {code!r}: expected an ISO 3166 two-letter code such as ML")
    for prefix in sectors:
        if not re.fullmatch(r"\d{1,5}", prefix):
            raise UsageError(f"--sector {prefix!r}: expected the start of a DAC sector code such as 152 or 15210")
    output = output.expanduser().resolve()
    link_to = [Path(p).expanduser().resolve() for p in link_to]
    _check_output(output, link_to + [bundled_data_dir().resolve()])
    index = _link_index(link_to)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        work = Path(_mkdtemp(output))
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror}") from None
    try:
        importer = Importer(list(countries), list(sectors), index)
        errors = []
        for path in files:
            importer.summary.files += 1
            file_name = display(path)
            try:
                _import_file(importer, work, path, file_name)
            except IatiFileError as err:
                errors.append(err)
        if errors:
            raise FilesRejected(errors)
        written = importer.finish()
        stamp = time.strftime("%Y-%m-%d %H:%M")
        header = f"# Written by 'ssrtui import iati' on {stamp} from {len(files)} IATI file(s). Re-run the import rather than edit.\n"
        for file_name, records in written:
            _write_yaml(work / file_name, records, header)
        (work / MARKER).write_text(header.lstrip("# "), encoding="utf-8")
        _swap(work, output)
    except OSError as err:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(f"cannot write {output}: {err.strerror}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return importer.summary


def _import_file(importer: Importer, work: Path, path: Path, file_name: str) -> None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        raise IatiFileError(file_name, 1, 1, f"cannot read: {err.strerror}") from None
    base_id = f"{slug(path.stem, 40)}-{digest.hexdigest()[:8]}"
    info, activities = read(path, file_name)
    parts = _Parts(work, clean(path.name) or base_id, base_id, info, importer.ids)
    try:
        for number, act in enumerate(activities, start=1):
            importer.generated = info.generated
            importer.activity(file_name, parts, number, act.element, act.line, act.raw)
    finally:
        parts.close()
        importer.sources.extend(parts.records)
    if not info.version.startswith("2.") and info.version:
        importer.summary.warnings.append(f"{file_name}:1: iati-activities: version '{clean(info.version)[:10]}' is not 2.0x; read as far as it matches")


def _mkdtemp(output: Path) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)


def _swap(work: Path, output: Path) -> None:
    """Move the finished folder into place; an earlier import's folder goes only after that."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    try:
        os.replace(work, output)
    except OSError:
        if old is not None:
            os.replace(old, output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

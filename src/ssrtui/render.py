"""Records as plain text, Markdown, JSON and CSV: shared by `show`, `export` and the TUI."""

from __future__ import annotations

import csv
import io
import json

from . import dates, schema
from .dataset import Dataset

PUBLIC_FIELDS = [f for f in schema.FIELDS]


def public(rec: dict) -> dict:
    """A record without the loader's bookkeeping, fields in the documented order."""
    return {key: rec[key] for key in PUBLIC_FIELDS if key in rec}


def kind_label(kind: str) -> str:
    return schema.KINDS[kind][1]


def role_label(role: str) -> str:
    return role.replace("-", " ")


def publication(rec: dict) -> list[tuple[str, str]]:
    """A source's publisher and publication date, as (label, text) pairs, for every output."""
    pairs = [("Publisher", rec["publisher"])] if rec.get("publisher") else []
    if rec.get("published"):
        pairs.append(("Published", dates.display(rec["published"])))
    return pairs


def status_line(rec: dict) -> str:
    if not rec.get("status"):
        return ""
    as_of = rec.get("status_as_of")
    return f"{rec['status']}" + (f" (as of {dates.display(as_of)})" if as_of else "")


def preview(text: str, limit: int = 120) -> str:
    """At most ``limit`` characters of one line, cut between words (never inside a word or a
    number such as 13,800), with an ellipsis when cut."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(") + "…"


def figure_text(fig: dict) -> str:
    value = fig["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".rstrip("0").rstrip(".")
    unit = f" {fig['unit']}" if fig.get("unit") else ""
    year = f" ({fig['year']})" if fig.get("year") else ""
    note = f" — {fig['note']}" if fig.get("note") else ""
    return f"{fig['label']}: {value}{unit}{year}{note}"


def link_period(link: dict) -> str:
    text = dates.period(link.get("start"), link.get("end"))
    return f" ({text})" if text else ""


#: Link groups users ask about first ("who leads it", "whom does it answer to").
ROLE_ORDER = [
    "led-by", "leads", "holds-office", "office-held-by", "under-authority-of", "has-authority-over",
    "part-of", "includes", "member-of", "has-member", "funded-by", "funds", "supports", "supported-by",
    "implemented-by", "implements", "trains", "trained-by", "advises", "advised-by", "oversees", "overseen-by",
]


def _newest_first(items: list[tuple[str, str, dict]]) -> list[tuple[str, str]]:
    """Dated links (office holders, heads of mission) newest first; undated ones keep their order."""
    def key(item):
        known = [d for d in (item[2].get("start"), item[2].get("end")) if d]
        latest = max((dates.sort_key(d) for d in known), default=None)
        return (latest is None, tuple(-p for p in latest) if latest else ())

    if any(item[2].get("start") or item[2].get("end") for item in items):
        items = sorted(items, key=key)
    return [(target, label) for target, label, _ in items]


def grouped_links(data: Dataset, rec: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Outgoing and incoming links as (heading, [(target id, text)]), grouped by role, key roles first."""
    groups: dict[str, list[tuple[str, str, dict]]] = {}
    for link in rec.get("links", ()):
        note = f" — {link['note']}" if link.get("note") else ""
        groups.setdefault(link["role"], []).append(
            (link["to"], f"{data.name_of(link['to'])}{link_period(link)}{note}", link)
        )
    for back in data.backlinks.get(rec["id"], ()):
        note = f" — {back.link['note']}" if back.link.get("note") else ""
        groups.setdefault(back.inverse, []).append(
            (back.source, f"{data.name_of(back.source)}{link_period(back.link)}{note}", back.link)
        )
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    ordered = sorted(groups.items(), key=lambda item: rank.get(item[0], len(rank)))
    result = [(role_label(role), _newest_first(items)) for role, items in ordered]
    citing = data.cited_by(rec["id"]) if rec["kind"] == "source" else []
    if citing:
        result.append((f"cited by ({len(citing)})", [(rid, data.name_of(rid)) for rid in citing]))
    return result


def text(data: Dataset, rec: dict) -> str:
    """The full record as readable text for `ssrtui show`."""
    lines = [f"{rec['name']}  [{kind_label(rec['kind'])}]  id: {rec['id']}"]
    if rec.get("aliases"):
        lines.append("Also: " + "; ".join(rec["aliases"]))
    if dates.when(rec):
        lines.append("When: " + dates.when(rec))
    if rec.get("status"):
        lines.append("Status: " + status_line(rec))
    if rec.get("disputed"):
        lines.append("DISPUTED: " + rec["disputed"])
    for key in ("summary", "description"):
        if rec.get(key):
            lines += ["", rec[key].strip()]
    if rec.get("url"):
        lines.append("URL: " + rec["url"])
    if rec.get("path"):
        lines.append("Document: " + rec["path"])
    lines += [f"{label}: {value}" for label, value in publication(rec)]
    if rec.get("figures"):
        lines += ["", "Figures:"] + ["  " + figure_text(f) for f in rec["figures"]]
    for heading, items in grouped_links(data, rec):
        lines += ["", heading.capitalize() + ":"] + [f"  {label}  [{target}]" for target, label in items]
    if rec.get("sources"):
        lines += ["", "Sources:"]
        for cite in rec["sources"]:
            lines.append(f"  {data.name_of(cite['source'])}")
            if cite.get("quote"):
                lines.append(f"    “{' '.join(cite['quote'].split())}”")
            if cite.get("note"):
                lines.append(f"    ({cite['note']})")
    if rec.get("tags"):
        lines += ["", "Tags: " + ", ".join(rec["tags"])]
    return "\n".join(lines)


def markdown(data: Dataset, rec: dict) -> str:
    """One record as a Markdown section (export and the TUI's `e`)."""
    out = [f"## {rec['name']}", "", f"*{kind_label(rec['kind'])}* · `{rec['id']}`", ""]
    facts = []
    if rec.get("aliases"):
        facts.append(("Also", "; ".join(rec["aliases"])))
    if dates.when(rec):
        facts.append(("When", dates.when(rec)))
    if rec.get("status"):
        facts.append(("Status", status_line(rec)))
    if rec.get("disputed"):
        facts.append(("Disputed", rec["disputed"]))
    if rec.get("url"):
        facts.append(("URL", rec["url"]))
    facts += publication(rec)
    out += [f"- **{k}:** {v}" for k, v in facts]
    for key in ("summary", "description"):
        if rec.get(key):
            out += ["", rec[key].strip()]
    if rec.get("figures"):
        out += ["", "### Figures", ""] + [f"- {figure_text(f)}" for f in rec["figures"]]
    groups = grouped_links(data, rec)
    if groups:
        out += ["", "### Links", ""]
        for heading, items in groups:
            out.append(f"- **{heading}:** " + "; ".join(label for _, label in items))
    if rec.get("sources"):
        out += ["", "### Sources", ""]
        for cite in rec["sources"]:
            quote = f" — “{' '.join(cite['quote'].split())}”" if cite.get("quote") else ""
            out.append(f"- {data.name_of(cite['source'])}{quote}")
    return "\n".join(out) + "\n"


def to_json(records: list[dict], data_label: str | None = None) -> str:
    """``{"data": which data (pack name, version, current-to date), "records": [...]}``; each record
    carries its citations (sources with their quotes)."""
    return json.dumps({"data": data_label, "records": [public(r) for r in records]}, ensure_ascii=False, indent=2)


#: A cell starting with one of these is a formula to a spreadsheet: it gets a leading ``'``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value for a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(records: list[dict], data_label: str | None = None) -> str:
    """One row per record; lists joined with ' | ', structured fields (citations among them) as JSON,
    formulas neutralised; the last column names the data (pack, version, current-to date)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PUBLIC_FIELDS + ["data"], extrasaction="ignore")
    writer.writeheader()
    for rec in records:
        row = {"data": data_label or ""}
        for key, value in public(rec).items():
            if key in ("aliases", "tags"):
                row[key] = " | ".join(value)
            elif isinstance(value, (list, dict)):
                row[key] = json.dumps(value, ensure_ascii=False)
            else:
                row[key] = value
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def to_markdown(data: Dataset, records: list[dict]) -> str:
    return "# ssrtui export\n\n" + "\n".join(markdown(data, r) for r in records)

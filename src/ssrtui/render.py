"""A record as a document (``document.py``): the sections every view writes, in one order.

The detail view, ``ssrtui show`` and the Markdown export all write ``document(data, rec)``, so
they show the same fields, figures, links (grouped by role, backlinks included), sources with
their quotes, disputed flag and note, in the same order:

    head (name, kind, id; also, when, status, disputed) · summary · links · description ·
    references (address, document, publisher, published) · figures · chart · note · sources · tags
"""

from __future__ import annotations

from . import charts, dates, schema
from .dataset import Dataset
from .document import Line, Section, Span, clean, fact
from .fit import cut_end


def kind_label(kind: str) -> str:
    return schema.KINDS[kind][1]


def role_label(role: str) -> str:
    return role.replace("-", " ")


def publication(rec: dict) -> list[tuple[str, str]]:
    """A source's publisher and publication date, as (label, text) pairs."""
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
    """At most ``limit`` characters of one line, cut between words (never inside a number such
    as 13,800 or EUR 73m: ``fit.cut_end``), with an ellipsis when cut."""
    return cut_end(" ".join(text.split()), limit)


def figure_text(fig: dict) -> str:
    """'Personnel: 4,000 (2015) — note'; a date given as the value is written as every date is."""
    value = fig["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".rstrip("0").rstrip(".")
    elif isinstance(value, str) and dates.normalise(value)[1] is None:
        value = dates.display(value)  # an IATI activity's "Planned start: 2015-01-01"
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


def _newest_first(items: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Dated links (office holders, heads of mission) newest first; undated ones keep their order."""
    def key(item):
        known = [d for d in (item[1].get("start"), item[1].get("end")) if d]
        latest = max((dates.sort_key(d) for d in known), default=None)
        return (latest is None, tuple(-p for p in latest) if latest else ())

    if any(item[1].get("start") or item[1].get("end") for item in items):
        items = sorted(items, key=key)
    return items


def _link_text(data: Dataset, target: str, link: dict) -> str:
    note = f" — {link['note']}" if link.get("note") else ""
    return f"{data.name_of(target)}{link_period(link)}{note}"


def _heading(label: str, count: int, limit: int | None) -> str:
    """A group's heading; when it holds more than ``limit`` links, how many of them are listed."""
    return f"{label} (the first {limit} of {count})" if limit is not None and count > limit else label


def grouped_links(data: Dataset, rec: dict, limit: int | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Outgoing and incoming links as (heading, [(target id, text)]), grouped by role, key roles first;
    ``limit``: at most that many a group (the interface: a source cited by 100,000 records would
    take seconds to lay out), the heading then says so. Names are looked up only for those listed."""
    groups: dict[str, list[tuple[str, dict]]] = {}
    for link in rec.get("links", ()):
        groups.setdefault(link["role"], []).append((link["to"], link))
    for back in data.backlinks.get(rec["id"], ()):
        groups.setdefault(back.inverse, []).append((back.source, back.link))
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    ordered = sorted(groups.items(), key=lambda item: rank.get(item[0], len(rank)))
    result = [(_heading(role_label(role), len(items), limit),
               [(target, _link_text(data, target, link)) for target, link in _newest_first(items)[:limit]])
              for role, items in ordered]
    citing = data.cited_by(rec["id"]) if rec["kind"] == "source" else []
    if citing:
        heading = f"cited by ({len(citing)})" if limit is None or len(citing) <= limit else f"cited by (the first {limit} of {len(citing)})"
        result.append((heading, [(rid, data.name_of(rid)) for rid in citing[:limit]]))
    return result


# ---- the document ----------------------------------------------------------------------------


def document(data: Dataset, rec: dict, note: str = "", bookmarked: bool = False, link_limit: int | None = None) -> list[Section]:
    """The record's sections in display order, empty ones left out; ``note`` is the user's note,
    ``bookmarked`` marks the title (the interface knows both; `show` passes neither);
    ``link_limit``: most links listed a group (``grouped_links``), None for all."""
    sections = [
        _head(rec, bookmarked),
        _paragraph("summary", rec.get("summary")),
        _links(data, rec, link_limit),
        _paragraph("description", rec.get("description")),
        _references(rec),
        Section("figures", "Figures", tuple(Line("item", (Span(clean(figure_text(f))),)) for f in rec.get("figures", ()))),
        charts.chart(data, rec),
        Section("note", "Your note", tuple(Line("para", (Span(clean(p), "note"),)) for p in note.splitlines() if p.strip())),
        _sources(data, rec),
        Section("tags", "", (fact("Tags", ", ".join(rec["tags"]), "muted"),) if rec.get("tags") else ()),
    ]
    return [section for section in sections if section.lines]


def title_parts(line: Line) -> tuple[bool, str, str, str]:
    """A title line as (bookmarked, name, kind label, id), for writers that lay it out their way."""
    marked = line.spans[0].style == "mark"
    name, kind, rid = (span.text for span in line.spans[1 if marked else 0:])
    return marked, name, kind, rid


def _head(rec: dict, bookmarked: bool) -> Section:
    title = ((Span("★ ", "mark"),) if bookmarked else ()) + (
        Span(clean(rec["name"]), "title"), Span(kind_label(rec["kind"]), "meta"), Span(clean(rec["id"]), "meta"))
    lines = [Line("title", title)]
    if rec.get("_origin") == "user":  # from the user's own records folder, not the pack
        lines.append(Line("para", (Span("Your record" + (", replacing the pack's" if rec.get("_replaces") else ""), "user"),)))
    if rec.get("aliases"):
        lines.append(fact("Also", "; ".join(rec["aliases"])))
    if dates.when(rec):
        lines.append(fact("When", dates.when(rec)))
    if rec.get("status"):
        lines.append(fact("Status", status_line(rec), "active" if rec["status"] == "active" else ""))
    if rec.get("disputed"):
        lines.append(fact("Disputed", rec["disputed"], "warning", label_style="flag"))
    return Section("head", "", tuple(lines))


def _paragraph(name: str, text: str | None) -> Section:
    return Section(name, "", (Line("para", (Span(clean(text)),)),) if text and text.strip() else ())


def _links(data: Dataset, rec: dict, limit: int | None = None) -> Section:
    lines = []
    for heading, items in grouped_links(data, rec, limit):
        lines.append(Line("group", (Span(heading[:1].upper() + heading[1:]),)))
        lines += [Line("item", (Span(clean(text)),), target=target) for target, text in items]
    return Section("links", "Links", tuple(lines))


def _references(rec: dict) -> Section:
    pairs = [(label, rec[key]) for key, label in (("url", "Address"), ("path", "Document")) if rec.get(key)]
    return Section("references", "", tuple(fact(label, value) for label, value in pairs + publication(rec)))


def _sources(data: Dataset, rec: dict) -> Section:
    lines = []
    for cite in rec.get("sources", ()):
        lines.append(Line("item", (Span(clean(data.name_of(cite["source"])), "label"),)))
        if cite.get("quote"):
            lines.append(Line("sub", (Span(f"“{clean(cite['quote'])}”", "quote"),)))
        if cite.get("note"):
            lines.append(Line("sub", (Span(f"({clean(cite['note'])})", "muted"),)))
    return Section("sources", "Sources", tuple(lines))

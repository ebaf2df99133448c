"""Answer lines from a record's own fields: who leads it, when, where, its status, an overview."""

from __future__ import annotations

from .. import dates, schema
from ..render import status_line
from .line import Answer, cite


def _current(links: list[dict], earliest: bool = False) -> dict | None:
    """The link in force: open-ended and latest started (undated ones last); else the one that
    ended last. ``earliest``: the first one (by start, else end)."""
    if not links:
        return None
    if earliest:
        dated = [link for link in links if link.get("start") or link.get("end")] or links
        return min(dated, key=lambda link: dates.sort_key(link.get("start") or link.get("end")))
    open_ended = [link for link in links if not link.get("end")]
    if open_ended:
        return max(open_ended, key=lambda link: dates.sort_key(link.get("start") or "0000"))
    return max(links, key=lambda link: dates.end_key(link["end"]))


def _since(link: dict) -> str:
    """' since 11 Apr 2023' for the link in force (started, no end), ' (2012–2013)' for another."""
    if link.get("start") and not link.get("end"):
        return " " + dates.period(link["start"], None, ongoing=True)
    text = dates.period(link.get("start"), link.get("end"))
    return f" ({text})" if text else ""


def _note(link: dict) -> str:
    return f" ({link['note']})" if link.get("note") else ""


def leader(data, rec: dict, earliest: bool = False):
    """Who leads the record now (or first): its led-by link, or the person holding it as an office."""
    if rec["kind"] in schema.NOT_ACTORS:
        return None
    led = [link for link in rec.get("links", ()) if link["role"] == "led-by" and data.get(link["to"])]
    held = [b.link | {"to": b.source} for b in data.backlinks.get(rec["id"], ()) if b.role == "holds-office"]
    link = _current(led, earliest) or _current(held, earliest)
    if link is not None:
        person = data.get(link["to"])
        holder_rec = rec if link in led else person
        source = cite(data, holder_rec, person["name"].split()[-1:])
        verb = "led by " if link in led else ""
        text = f"{rec['name']}: {verb}{person['name']}{_since(link)}{_note(link)}"
        return rec, Answer(rec["id"], text, *source), [person]
    if rec["kind"] == "person":
        offices = [link for link in rec.get("links", ()) if link["role"] == "holds-office" and data.get(link["to"])]
        led_by = [b.link | {"to": b.source} for b in data.backlinks.get(rec["id"], ()) if b.role == "led-by"]
        link = _current(offices) or _current(led_by)
        if link is not None:
            office = data.get(link["to"])
            text = f"{rec['name']}: {office['name']}{_since(link)}{_note(link)}"
            return rec, Answer(rec["id"], text, *cite(data, rec, [office["name"]])), [office]
    return None


def date_answer(data, rec: dict):
    if rec["kind"] in ("source", "term"):
        return None
    if not dates.record_date(rec):
        return None
    status = f"; {status_line(rec)}" if rec.get("status") and not rec.get("date") else ""
    text = f"{rec['name']}: {dates.when(rec)}{status}"
    return rec, Answer(rec["id"], text, *cite(data, rec, [str(dates.record_year(rec))])), []


def place_answer(data, rec: dict):
    if rec["kind"] in ("source", "term"):
        return None
    places = []
    for link in rec.get("links", ()):
        target = data.get(link["to"])
        if target and (link["role"] == "located-in" or (target["kind"] == "place" and link["role"] in ("involves", "concerns"))):
            places.append(target)
    if not places:
        return None
    names = ", ".join(p["name"] for p in places[:4])
    return rec, Answer(rec["id"], f"{rec['name']}: in {names}", *cite(data, rec, [p["name"] for p in places])), places[:2]


def status_answer(data, rec: dict):
    if not rec.get("status"):
        return None
    span = dates.period(rec.get("start"), rec.get("end"), ongoing=dates.under_way(rec))
    text = f"{rec['name']}: {status_line(rec)}" + (f"; {span}" if span else "")
    return rec, Answer(rec["id"], text, *cite(data, rec, [])), []


def overview(data, rec: dict):
    """The line for a record the query names: who leads it now, its status or its date."""
    led = leader(data, rec)
    status = status_answer(data, rec)
    if led and status:
        text = f"{status[1].text}; {led[1].text.split(': ', 1)[1]}"
        return rec, Answer(rec["id"], text, led[1].source_id, led[1].source_name), []
    found = led or status or date_answer(data, rec)
    if found is None:
        return None
    return rec, found[1], []

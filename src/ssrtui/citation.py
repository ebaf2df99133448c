"""What a user copies from a record: its citation, and its parts (name, id, summary, page address).

The citation says where each fact comes from, the way a footnote would: the record, then one line
per source it cites with the source's title, publisher, date, the passage quoted and the page
address. Text is safe for a terminal and for pasting (``document.clean``: one run of words,
control characters made visible).
"""

from __future__ import annotations

from . import dates
from .dataset import Dataset
from .document import clean
from .render import kind_label


def source_line(data: Dataset, cite: dict) -> str:
    """'“passage” — Title, Publisher, 12 Mar 2024. https://…' for one ``sources`` entry."""
    source = data.get(cite["source"]) or {}
    parts = [clean(source.get("name") or cite["source"])]
    if source.get("publisher"):
        parts.append(clean(source["publisher"]))
    if source.get("published"):
        parts.append(dates.display(source["published"]))
    line = ", ".join(parts) + "."
    if cite.get("quote"):
        line = f"“{clean(cite['quote'])}” — {line}"
    address = source.get("url") or source.get("path")
    return f"{line} {clean(address)}" if address else line


def citation(data: Dataset, rec: dict) -> str:
    """The record's name, kind and id, then a line per cited source ('no source cited' if none)."""
    head = f"{clean(rec['name'])} ({kind_label(rec['kind'])}, {rec['id']})"
    cites = [source_line(data, cite) for cite in rec.get("sources", ())]
    return "\n".join([head, *(f"Source: {line}" for line in cites)] if cites else [head, "No source cited."])


def page_address(data: Dataset, rec: dict) -> str:
    """The record's own address, else the first address among the sources it cites ('' if none)."""
    if rec.get("url"):
        return clean(rec["url"])
    for cite in rec.get("sources", ()):
        url = (data.get(cite["source"]) or {}).get("url")
        if url:
            return clean(url)
    return ""


def parts(data: Dataset, rec: dict) -> list[tuple[str, str]]:
    """(what, text) for each thing that can be copied from the record, the citation first; parts
    the record lacks (no summary, no address) are left out."""
    found = [
        ("Citation", citation(data, rec)),
        ("Name", clean(rec["name"])),
        ("Id", rec["id"]),
        ("Summary", clean(rec.get("summary") or "")),
        ("Page address", page_address(data, rec)),
    ]
    return [(what, text) for what, text in found if text]

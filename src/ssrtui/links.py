"""Links seen from their target: who links to a record (backlinks) and who cites a source.

Both are tables by record position, derived once from the records (``link_tables``) and saved with
the search index, so a command that shows one record reads only the records linking to it.
"""

from __future__ import annotations

from typing import NamedTuple

from . import schema


class Backlink(NamedTuple):
    """A link seen from its target: ``source`` links here with ``role`` (read as ``inverse``).

    A named tuple: a record shown makes one per link pointing at it.
    """

    source: str
    role: str
    inverse: str
    link: dict


NONE: tuple = ()


def link_tables(records, position) -> tuple[list, list]:
    """Per record position: the (source position, link number) of every link to it, and the
    positions of the records citing it (each once, itself aside), in display order."""
    backlinks: list = [NONE] * len(records)
    citing: list = [NONE] * len(records)
    for source, rec in enumerate(records):
        for number, link in enumerate(rec.get("links", ())):
            target = position(link["to"])
            if target >= 0:
                if backlinks[target] is NONE:
                    backlinks[target] = []
                backlinks[target].append((source, number))
        for cited in dict.fromkeys(c["source"] for c in rec.get("sources", ())):
            target = position(cited)
            if target >= 0 and target != source:
                if citing[target] is NONE:
                    citing[target] = []
                citing[target].append(source)
    return backlinks, citing


def _made(records, entries) -> list[Backlink]:
    found = []
    for source, number in entries:
        rec = records[source]
        link = rec["links"][number]
        found.append(Backlink(rec["id"], link["role"], schema.ROLES[link["role"]], link))
    return found


def every_backlink(records: list[dict]) -> dict[str, list[Backlink]]:
    """Record id -> its backlinks, for every record linked to, straight from the records in memory
    (cheaper than decoding the saved positions of every one)."""
    backlinks: dict[str, list[Backlink]] = {}
    roles = schema.ROLES
    for rec in records:
        for link in rec.get("links", ()):
            backlinks.setdefault(link["to"], []).append(Backlink(rec["id"], link["role"], roles[link["role"]], link))
    return backlinks


class Backlinks:
    """Record id -> its backlinks (``get(id, default)``, ``[id]``), each made when first asked for:
    for records parsed on demand, only those linking to a record shown are read."""

    def __init__(self, data, table):
        self._data = data
        self._table = table
        self._cache: dict[str, list[Backlink]] = {}

    def get(self, record_id: str, default=None):
        found = self._cache.get(record_id)
        if found is None:
            position = self._data.position(record_id)
            found = self._cache[record_id] = _made(self._data.ordered, self._table[position] if position >= 0 else ())
        return found or default

    def __getitem__(self, record_id: str) -> list[Backlink]:
        found = self.get(record_id)
        if found is None:
            raise KeyError(record_id)
        return found

    def __contains__(self, record_id: str) -> bool:
        return self.get(record_id) is not None

"""The dataset as the TUI and CLI use it: records, reverse links and the search index."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import dates, schema
from .search import SearchIndex


@dataclass(frozen=True)
class Backlink:
    """A link seen from its target: ``source`` links here with ``role`` (read as ``inverse``)."""

    source: str
    role: str
    inverse: str
    link: dict


def record_sort_key(rec: dict):
    when = rec.get("date") or rec.get("start")
    if rec["kind"] == "event":
        return dates.sort_key(when), rec["name"].casefold()
    return rec["name"].casefold(), ""


@dataclass
class Dataset:
    records: dict[str, dict]
    ordered: list[dict]
    backlinks: dict[str, list[Backlink]]
    index: SearchIndex
    warnings: list[str] = field(default_factory=list)
    built_at: str = ""

    @classmethod
    def from_records(cls, records: list[dict], warnings: list[str] | None = None, built_at: str = "") -> "Dataset":
        ordered = sorted(records, key=lambda r: (list(schema.KINDS).index(r["kind"]), record_sort_key(r)))
        by_id = {rec["id"]: rec for rec in ordered}
        backlinks: dict[str, list[Backlink]] = {}
        for rec in ordered:
            for link in rec.get("links", ()):
                backlinks.setdefault(link["to"], []).append(
                    Backlink(rec["id"], link["role"], schema.ROLES[link["role"]], link)
                )
        return cls(by_id, ordered, backlinks, SearchIndex.build(ordered), warnings or [], built_at)

    def __len__(self) -> int:
        return len(self.ordered)

    def get(self, record_id: str) -> dict | None:
        return self.records.get(record_id)

    def of_kind(self, kind: str) -> list[dict]:
        return [rec for rec in self.ordered if rec["kind"] == kind]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for rec in self.ordered:
            out[rec["kind"]] = out.get(rec["kind"], 0) + 1
        return out

    def search(self, query: str, kind: str | None = None, limit: int | None = 50) -> list[tuple[dict, float]]:
        return [(self.ordered[h.position], h.score) for h in self.index.search(query, kind=kind, limit=limit)]

    def name_of(self, record_id: str) -> str:
        rec = self.records.get(record_id)
        return rec["name"] if rec else f"{record_id} (missing)"

    def as_of(self) -> str:
        """The newest date the data states something as of: its freshness."""
        newest = ""
        for rec in self.ordered:
            for key in ("status_as_of", "published"):
                value = rec.get(key)
                if value and dates.sort_key(value) > dates.sort_key(newest or "0000"):
                    newest = value
        return newest

    def links_from(self, record_id: str) -> list[tuple[str, dict]]:
        """Outgoing links as (role, link), in the order written."""
        rec = self.records.get(record_id) or {}
        return [(link["role"], link) for link in rec.get("links", ())]

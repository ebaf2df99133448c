"""Command palette provider: the core's ranked search over every record."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..render import kind_label
from .record_list import plain

PALETTE_LIMIT = 30


class RecordSearch(Provider):
    """Find any record of any kind; Enter opens it."""

    async def search(self, query: str) -> Hits:
        app = self.app
        data = getattr(app, "dataset", None)
        if data is None or not query.strip():
            return
        hits = data.search(query, limit=PALETTE_LIMIT)
        if not hits:
            return
        top = hits[0][1] or 1.0
        for rank, (rec, score) in enumerate(hits):
            display = Text(plain(rec["name"]))
            display.append(f"  {kind_label(rec['kind'])}", style="dim")
            # Keep the core's order: scores fall strictly with rank.
            yield Hit(
                max(0.01, min(1.0, score / top) * (1 - rank / (PALETTE_LIMIT * 2))),
                display,
                partial(app.open_record, rec["id"]),
                text=rec["name"],
                # Content, not a string: the palette parses a string help as markup
                help=Content(plain(rec.get("summary", ""))[:120]) if rec.get("summary") else None,
            )

    async def discover(self) -> Hits:
        app = self.app
        data = getattr(app, "dataset", None)
        if data is None:
            return
        for record_id in ("eucap-sahel-mali", "national-gendarmerie", "cnrss", "minusma", "mali"):
            rec = data.get(record_id)
            if rec:
                yield DiscoveryHit(Text(f"Open {plain(rec['name'])}"), partial(app.open_record, record_id), text=rec["name"])

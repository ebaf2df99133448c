"""Command palette provider: the core's ranked search over every record, with the answer line."""

from __future__ import annotations

import heapq
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .record_list import plain

PALETTE_LIMIT = 30
#: Cells the palette takes round a preview (its margins and padding): a preview fits on one line.
PALETTE_MARGIN = 6
#: Records offered before anything is typed.
DISCOVER_COUNT = 5


def most_linked(data, count: int = DISCOVER_COUNT) -> list[dict]:
    """The records most others link to: places to start, whatever the data holds."""
    backlinks = data.backlinks
    return heapq.nlargest(count, data.ordered, key=lambda rec: len(backlinks.get(rec["id"], ())))


class RecordSearch(Provider):
    """Find any record of any kind; Enter opens it. A question's answer comes first."""

    async def _records(self):
        """The dataset, once it is loaded. The palette may open before (ctrl+p at launch): a search
        run then would find nothing, say "No matches" and never run again, so it waits. (Not in
        ``startup``: the palette cancels a search at each key, and that would cancel its provider's
        start-up for good.)"""
        loaded = getattr(self.app, "loaded", None)
        if loaded is not None:
            await loaded.wait()
        return getattr(self.app, "dataset", None)

    async def search(self, query: str) -> Hits:
        app = self.app
        data = await self._records()
        if data is None or not query.strip():
            return
        from ..render import kind_label, preview  # not before the first frame: the palette opens later

        result = data.ask(query, limit=PALETTE_LIMIT)
        hits = result.hits
        if not hits:
            if result.suggestion:  # never an empty palette: say what to try
                yield Hit(1.0, Text(plain(f"No match — {result.suggestion}"), style="italic"), lambda: None, text=query)
            return
        if result.answer is not None:
            answer = result.answer
            display = Text("→ ", style="bold")
            display.append(plain(answer.text), style="bold")
            yield Hit(
                1.0,
                display,
                partial(app.open_record, answer.record_id),
                text=query,
                help=Content(plain(f"Source: {answer.source_name}")) if answer.source_name else None,
            )
        top = hits[0][1] or 1.0
        room = max(30, min(120, app.size.width - PALETTE_MARGIN))
        for rank, (rec, score) in enumerate(hits):
            display = Text(plain(rec["name"]))
            display.append(f"  {kind_label(rec['kind'])}", style="dim")
            # Keep the core's order: scores fall strictly with rank, below the answer line.
            yield Hit(
                max(0.01, min(0.99, score / top) * (1 - rank / (PALETTE_LIMIT * 2))),
                display,
                partial(app.open_record, rec["id"]),
                text=rec["name"],
                # Content, not a string: the palette parses a string help as markup
                help=Content(preview(plain(rec["summary"]), room)) if rec.get("summary") else None,
            )

    async def discover(self) -> Hits:
        app = self.app
        data = await self._records()
        if data is None:
            return
        for rec in most_linked(data):
            yield DiscoveryHit(Text(f"Open {plain(rec['name'])}"), partial(app.open_record, rec["id"]), text=rec["name"])

"""The Bookmarks tab: the records the user bookmarked, then those with a note that left the data."""

from __future__ import annotations

from ..dataset import Dataset
from .panes import RecordPane
from .record_list import Row

EMPTY = "No bookmarks yet: press b on a record."


def missing_record(record_id: str) -> dict:
    """Stands for a bookmarked or noted record that a pack update removed: the bookmark and note stay."""
    return {"id": record_id, "kind": "source", "name": f"{record_id} (record no longer in the data)",
            "summary": "This record is no longer in the data; your bookmark and note are kept."}


class BookmarksPane(RecordPane):
    """Rows come from the user's notes (``app.bookmarks()``, ``app.noted_ids()``), read again on ``load``."""

    def __init__(self, **kwargs):
        super().__init__(None, **kwargs)

    def load(self, data: Dataset, rows: list[Row] | None = None) -> None:
        marked = self.app.bookmarks() or []
        orphaned = [rid for rid in self.app.noted_ids() if data.get(rid) is None and rid not in marked]
        rows = [Row(rec["name"], rec) for rec in (data.get(rid) or missing_record(rid) for rid in marked + orphaned)]
        keep = self.record_list.current
        super().load(data, rows)
        self.record_list.empty_text = EMPTY
        if keep:
            self.record_list.highlight_record(keep["id"])

"""A notes file with fixed dates (snapshots and the notes view's tests): two notes on records, one on
a record a data update removed, two bookmarks."""

from __future__ import annotations

import json
from pathlib import Path

NOTES = {
    "notes": {
        "1": {"record": "eucap-sahel-mali", "updated": "2026-03-04 09:12",
              "text": "Met the deputy head of mission on 3 March.\nBudget question: ask about the 2025 mandate [bold]x[/bold]."},
        "2": {"record": "national-gendarmerie", "updated": "2026-03-05 17:40",
              "text": "Gendarmes: 4,000 in 2015 (100 women). Réunion à Ségou: check the newer figure."},
        "3": {"record": "a-removed-record", "updated": "2026-02-01 08:00",
              "text": "Record removed by the last update; keep this."},
    },
    "bookmarks": {
        "1": {"record": "eucap-sahel-mali", "added": "2026-03-01 10:00:00"},
        "2": {"record": "cnrss", "added": "2026-03-02 10:00:00"},
    },
}


def write_notes(folder: Path) -> Path:
    """The notes file ``make_app(folder)`` reads."""
    path = folder / "notes.json"
    path.write_text(json.dumps(NOTES), encoding="utf-8")
    return path

"""Verbatim copies of an input file's activities, in parts of about a megabyte, one source record each.

Every imported record cites the part its activity was copied into, with a quote that validation
finds verbatim there; parts keep that search to one small document per quote.
"""

from __future__ import annotations

import re
from pathlib import Path

from .activity import clean, iso_day
from .matching import Ids
from .reader import FileInfo

SOURCES_DIR = "iati-sources"
PART_BYTES = 1 << 20
_SOURCE_KEYS = ("id", "kind", "name", "description", "path", "publisher", "published", "tags")  # the documented order


class Parts:
    """One input file's parts, written as its activities stream by; ``records`` are their sources."""

    def __init__(self, folder: Path, file_name: str, base_id: str, info: FileInfo, ids: Ids):
        self.folder, self.file_name, self.base_id, self.info, self.ids = folder, file_name, base_id, info, ids
        self.records: list[dict] = []
        self.handle = None
        self.size = 0
        self.current: dict | None = None
        self.first = self.last = 0
        self.publishers: list[str] = []

    def _header(self) -> str:
        header = self.info.header
        if self.info.encoding != "utf-8":
            header = re.sub(r"""encoding\s*=\s*["'][^"']*["']""", 'encoding="UTF-8"', header, count=1)
        return header

    def add(self, raw: str, number: int, publisher: str | None) -> str:
        """Copy one activity's text; return the id of the source record citing its part."""
        if self.handle is None or self.size >= PART_BYTES:
            self.close()
            part = len(self.records) + 1
            rel = f"{SOURCES_DIR}/{self.base_id}/part-{part:04d}.xml"
            path = self.folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(path, "w", encoding="utf-8", newline="")
            self.handle.write(self._header())
            self.size = 0
            self.first = number
            self.publishers = []
            self.current = {"id": self.ids.new(f"iati-src-{self.base_id}-{part}"), "kind": "source", "path": rel}
            self.records.append(self.current)
        self.handle.write(raw)
        self.handle.write("\n")
        self.size += len(raw)
        self.last = number
        if publisher and publisher not in self.publishers:
            self.publishers.append(publisher)
        return self.current["id"]

    def close(self) -> None:
        """End the part being written and complete its source record."""
        if self.handle is None:
            return
        self.handle.write("</iati-activities>\n")
        self.handle.close()
        self.handle = None
        rec = self.current
        span = f"activity {self.first}" if self.first == self.last else f"activities {self.first}-{self.last}"
        rec["name"] = f"IATI file {self.file_name}, {span}"
        version = f", IATI version {clean(self.info.version)[:10]}" if self.info.version.strip() else ""
        rec["description"] = (
            f"The {span} of the IATI activity file {self.file_name}{version}, copied verbatim by "
            f"'ssrtui import iati' into {rec['path']}."
        )
        if self.publishers:
            rec["publisher"] = "; ".join(self.publishers[:3])
        generated = iso_day(self.info.generated)
        if generated:
            rec["published"] = generated
        rec["tags"] = ["IATI"]
        self.records[-1] = {k: rec[k] for k in _SOURCE_KEYS if k in rec}

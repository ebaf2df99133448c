"""The status line: what data is shown (counts, pack, the date it is current to) and the user's bookmarks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from .. import dates
from ..dataset import Dataset

SEPARATOR = " · "
#: Kinds counted in the long form, with their plural as the status line says it.
COUNTED = (("mission", "missions"), ("force", "forces"), ("donor", "donors"), ("event", "events"))


@dataclass(frozen=True)
class Part:
    """One fact of the line, in a long and a short form; ``needed`` facts are never dropped."""

    long: str
    short: str
    needed: bool = True


def parts_of(data: Dataset, pack: str | None, bookmarks: int | None) -> list[Part]:
    """Every fact of the line, in the order it reads."""
    counts = data.counts()
    parts = [Part(f"{len(data)} records", f"{len(data)} records")]
    parts += [Part(f"{counts.get(kind, 0)} {plural}", "", needed=False) for kind, plural in COUNTED]
    if pack:
        parts.append(Part(pack, pack))
    as_of = dates.display(data.as_of()) or "?"
    parts.append(Part(f"data current to {as_of}", f"data {as_of}"))
    parts.append(Part(f"{bookmarks} bookmarks", f"{bookmarks} ★") if bookmarks is not None else Part("notes off", "notes off"))
    if getattr(data, "cache_problem", None):
        parts.append(Part("cache off", "cache off"))
    if data.warnings:
        parts.append(Part("STALE: data has errors", "STALE"))
    return parts


def line_for(parts: list[Part], width: int) -> str:
    """The needed facts (in full if they fit, else short), then as many of the others as fit.

    Words are never cut: a fact that does not fit is left out or replaced whole by its short form.
    """
    needed = [p for p in parts if p.needed]
    full = len(SEPARATOR.join(p.long for p in needed)) <= width
    chosen = {id(p): (p.long if full else p.short) for p in needed}
    for part in parts:
        if part.needed:
            continue
        trial = {**chosen, id(part): part.long}
        if len(SEPARATOR.join(trial[id(p)] for p in parts if id(p) in trial)) <= width:
            chosen = trial
    return SEPARATOR.join(chosen[id(p)] for p in parts if id(p) in chosen)


class StatusLine(Widget):
    """One line under the tabs; re-flowed to its width on every paint."""

    COMPONENT_CLASSES = {"status-line--text"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.parts: list[Part] = []

    def show(self, data: Dataset, pack: str | None, bookmarks: int | None) -> None:
        """``bookmarks``: how many, or None when the notes cannot be read."""
        self.parts = parts_of(data, pack, bookmarks)
        self.refresh()

    def render(self) -> Text:
        width = self.content_region.width or self.app.size.width
        line = line_for(self.parts, width) if self.parts else ""
        return Text(line, style=self.get_component_rich_style("status-line--text"), no_wrap=True)

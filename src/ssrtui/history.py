"""Browser-like back/forward history of opened records (no Textual: testable alone)."""

from __future__ import annotations


class History:
    """A trail of record ids with a cursor; visiting truncates the forward part."""

    def __init__(self, limit: int = 200):
        self.entries: list[str] = []
        self.index = -1
        self.limit = limit

    @property
    def current(self) -> str | None:
        return self.entries[self.index] if 0 <= self.index < len(self.entries) else None

    def visit(self, record_id: str) -> None:
        if record_id == self.current:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(record_id)
        if len(self.entries) > self.limit:
            del self.entries[0]
        self.index = len(self.entries) - 1

    def can_go_back(self) -> bool:
        return self.index > 0

    def can_go_forward(self) -> bool:
        return self.index < len(self.entries) - 1

    def back(self) -> str | None:
        if not self.can_go_back():
            return None
        self.index -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_go_forward():
            return None
        self.index += 1
        return self.current

    def trail(self) -> list[str]:
        """The path the user came by, up to the current record."""
        return self.entries[: self.index + 1]

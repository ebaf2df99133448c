"""One shape for every data error, so the CLI and the TUI report them alike."""

from __future__ import annotations

from typing import NamedTuple

from .textsafe import path_text, printable


class Problem(NamedTuple):
    """A located data error: ``file:line:col: field: message``."""

    file: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        """One terminal line: escape codes and newlines in a file name or a message are made visible."""
        field, message = printable(self.field, keep_newlines=False), printable(self.message, keep_newlines=False)
        return f"{path_text(self.file)}:{self.line}:{self.col}: {field}: {message}"


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(str(self.problems[0]) if self.problems else "invalid data")

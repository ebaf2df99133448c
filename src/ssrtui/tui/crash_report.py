"""What a real bug shows: a crash log with file:line only, one line without record text, exit 70.

Kept apart from the app's start-up and keys (app.py) as a mixin, because it is one job with one
private hook (below) and the line it prints (``UnexpectedError``) is tested on its own.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.worker import WorkerFailed

from .. import crashlog
from ..textsafe import path_text

#: README's exit code for an unexpected internal error (a real bug).
EXIT_INTERNAL = 70


class CrashReport:
    """Mixed into the App before ``textual.app.App``; the app provides ``keep_draft`` and ``exit``."""

    _crashed = False

    def _handle_exception(self, error: Exception) -> None:
        """A real bug: crash log with file:line only, one line without record text, exit 70.

        Textual 8 sends every unhandled error (handlers, workers, timers, rendering) to this one
        method and has no public hook for it (Textualize/textual#2818 asked; none was added), so
        this is the single place that can keep a traceback, whose locals hold record and note
        text, off the terminal. The error is handed on as an UnexpectedError: Textual prints it
        with ``App.panic`` (its ``__rich__``: one line) and Pilot tests still see it raised.
        """
        if self._crashed:
            return  # the first error is the one to report; the app is already closing
        self._crashed = True
        original = error.error if isinstance(error, WorkerFailed) else error
        try:
            self.keep_draft()
        except Exception:  # noqa: BLE001 - the crash handler must not crash; the note on disk is safe
            pass
        shown = UnexpectedError(type(original).__name__, crashlog.write(original))
        shown.__cause__ = original
        super()._handle_exception(shown)
        self.exit(return_code=EXIT_INTERNAL)


class UnexpectedError(Exception):
    """What a real bug shows: its type and where the crash log is, never its message."""

    def __init__(self, kind: str, log: Path | None):
        where = f" Details: {path_text(log)}" if log else ""
        self.line = f"ssrtui: unexpected error ({kind}); your notes are saved.{where}"
        super().__init__(self.line)

    def __rich__(self) -> Text:
        return Text(self.line, no_wrap=True, overflow="ignore")

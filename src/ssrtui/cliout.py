"""What the `ssrtui` command says and how it ends: exit codes, one-line errors, output that survives
a reader going away (`| head`) and a terminal that cannot show a character."""

from __future__ import annotations

import os
import sys

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_NO_TERMINAL = 4
EXIT_INTERNAL = 70


class CliError(Exception):
    """A one-line error for stderr with its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def say(text: str = "", err: bool = False, end: str = "\n") -> None:
    """Print a line; a reader that went away (`| head`) silences the stream instead of ending the command,
    so the command still returns its own exit code."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # started with that descriptor closed
        return
    try:
        print(text, file=stream, end=end)
    except BrokenPipeError:
        silence(stream)


def silence(stream) -> None:
    """Point a closed pipe's descriptor at /dev/null: later writes and the final flush succeed quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def tolerant_streams() -> None:
    """A terminal that cannot show a character gets an escape (``\\xef``), never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass

"""The crash log of a real bug: exception type and file:line of each frame, never values or text.

Source lines and local values could hold record or note text, so neither is written. Used by the
CLI and the interface alike (exit code 70).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from .paths import user_data_dir


def write(error: BaseException) -> Path | None:
    """Write the log to the user data folder; its path, or None if it could not be written."""
    frames = "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in traceback.extract_tb(error.__traceback__))
    try:
        log = user_data_dir() / "crash.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"{type(error).__name__}\n{frames}", encoding="utf-8")
    except (OSError, ValueError):
        return None
    return log

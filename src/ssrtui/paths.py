"""Where things live: the bundled dataset, the compiled store, the user's notes."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The dataset shipped with ssrtui: inside the wheel, or the checkout's ``data/``."""
    for candidate in (_PACKAGE / "_bundled" / "data", _PACKAGE.parent.parent / "data"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / "_bundled" / "data"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / fallback


def cache_dir() -> Path:
    """Compiled stores: disposable, rebuilt from the YAML at will (XDG_CACHE_HOME)."""
    return _xdg("XDG_CACHE_HOME", ".cache") / "ssrtui"


def user_data_dir() -> Path:
    """Notes and bookmarks: the user's own writing, never touched by a rebuild (XDG_DATA_HOME)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / "ssrtui"


def data_files(data_dirs: list[Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file below the data folders, in a stable order."""
    found: list[Path] = []
    for folder in data_dirs:
        found.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
    return found

"""Where things live: the bundled dataset, the compiled store, the user's notes and preferences.

XDG folders by hand rather than ``platformdirs``: ssrtui is a POSIX terminal tool (fcntl locks,
signals); on Linux and the BSDs platformdirs gives these same folders, and on macOS it would move
the user's notes to ~/Library on upgrade. Ours also refuses an empty HOME (tests/test_hostile.py).
"""

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


class NoUserFolder(OSError):
    """Neither the XDG variable nor HOME gives an absolute folder: nothing is written anywhere."""


def _xdg(variable: str, fallback: str) -> Path:
    """``$variable``, else ``$HOME/fallback``; never a relative folder (that would write in the working folder)."""
    value = os.environ.get(variable)
    if value and os.path.isabs(value):
        return Path(value)
    home = os.environ.get("HOME")
    if home is None:  # unset: the password database's entry, as the shell would
        try:
            home = str(Path.home())
        except (RuntimeError, KeyError, OSError):
            home = ""
    if not os.path.isabs(home):  # an empty HOME would otherwise mean the root or the working folder
        raise NoUserFolder(f"neither {variable} nor HOME is an absolute path")
    return Path(home) / fallback


def cache_dir() -> Path:
    """Compiled stores: disposable, rebuilt from the YAML at will (XDG_CACHE_HOME). NoUserFolder if none."""
    return _xdg("XDG_CACHE_HOME", ".cache") / "ssrtui"


def user_data_dir() -> Path:
    """Notes and bookmarks: the user's own writing, never touched by a rebuild (XDG_DATA_HOME). NoUserFolder if none."""
    return _xdg("XDG_DATA_HOME", ".local/share") / "ssrtui"


def config_dir() -> Path:
    """Preferences (theme, folded strip, last tab): small, hand-editable (XDG_CONFIG_HOME). NoUserFolder if none."""
    return _xdg("XDG_CONFIG_HOME", ".config") / "ssrtui"

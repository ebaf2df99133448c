"""The user's preferences (theme, folded period strip, last tab), kept in a small JSON file.

``$XDG_CONFIG_HOME/ssrtui/preferences.json`` (``paths.config_dir``), written through ``atomic``.
Preferences are a convenience, so nothing about them may stop the app: a file that cannot be
read, is not JSON or holds values of the wrong type gives one line (path, line:col or field, and
why) and the defaults. Nothing is ever lost either: a damaged file is moved aside (to
``preferences.json.damaged-STAMP``) before a new one is written, a file that could not be read is
never written over, and keys this version does not know are kept as they are.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import atomic
from .paths import config_dir
from .textsafe import path_text

FILE_NAME = "preferences.json"
#: Largest file read: preferences are a few lines; anything bigger is not ours.
MAX_BYTES = 64 * 1024


@dataclass
class Preferences:
    """What is kept between runs; None: not chosen yet (the app's default applies)."""

    theme: str | None = None
    strip_folded: bool | None = None
    last_tab: str | None = None


#: Each preference and the JSON type its value must have.
TYPES = {f.name: (bool if f.name == "strip_folded" else str) for f in fields(Preferences)}


@dataclass
class PreferencesFile:
    """The preferences read from ``path``, and what is needed to write them back without loss."""

    path: Path | None
    values: Preferences = field(default_factory=Preferences)
    #: One line saying what went wrong reading the file (shown once), or None.
    problem: str | None = None
    #: Whether the file may be written: False when it exists but could not be read, or no folder.
    writable: bool = True
    _others: dict = field(default_factory=dict)  # keys we do not know, written back untouched
    _saved: Preferences | None = None  # what the file holds, to write only what changed
    _damaged: bool = False  # the file is there but not preferences: moved aside before a save

    @classmethod
    def default(cls) -> "PreferencesFile":
        """The user's preferences; with no usable config folder, defaults that are never saved."""
        try:
            folder = config_dir()
        except OSError as err:  # paths.NoUserFolder
            return cls(None, problem=f"preferences not kept: {err}", writable=False)
        return cls.read(folder / FILE_NAME)

    @classmethod
    def read(cls, path: Path) -> "PreferencesFile":
        prefs = cls(Path(path))
        try:
            raw = prefs._raw()
        except OSError as err:
            prefs.writable = False
            prefs.problem = f"{path_text(path)}: cannot read ({err.strerror or err}); default preferences used"
            return prefs
        if raw is not None:
            prefs._parse(raw)
        prefs._saved = Preferences(**vars(prefs.values))
        return prefs

    def _raw(self) -> bytes | None:
        """The file's bytes, None when there is none; OSError when it is there but unreadable."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        with os.fdopen(fd, "rb") as handle:
            if not os.path.isfile(self.path):
                raise OSError(0, "not a regular file")
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise OSError(0, f"larger than {MAX_BYTES // 1024} KiB")
        return data

    def _parse(self, raw: bytes) -> None:
        where = path_text(self.path)
        try:
            loaded = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self._set_aside(f"{where}: not UTF-8 text")
            return
        except json.JSONDecodeError as err:
            self._set_aside(f"{where}:{err.lineno}:{err.colno}: not JSON ({err.msg})")
            return
        except RecursionError:
            self._set_aside(f"{where}: nested too deeply")
            return
        if not isinstance(loaded, dict):
            self._set_aside(f"{where}: not a JSON object")
            return
        wrong = []
        for name, value in loaded.items():
            kind = TYPES.get(name)
            if kind is None:
                self._others[name] = value
            elif value is None or isinstance(value, kind):
                setattr(self.values, name, value)
            else:
                wrong.append(name)
        if wrong:
            expected = {bool: "true or false", str: "a text"}
            self.problem = "; ".join(f"{where}: {name}: not {expected[TYPES[name]]}" for name in wrong) + "; default used"

    def _set_aside(self, problem: str) -> None:
        """A damaged file: defaults now, and the file moved aside before the next save writes a new one."""
        self.problem = problem + "; default preferences used, the file is kept"
        self._damaged = True

    def reject(self, name: str, reason: str) -> None:
        """A value the app cannot use (a theme not installed here): the default for this run, one line.
        The file keeps the value until the user chooses another."""
        self._others[name] = getattr(self.values, name)
        setattr(self.values, name, None)
        if self._saved is not None:
            setattr(self._saved, name, None)
        self.problem = f"{path_text(self.path)}: {name}: {reason}; default used"

    def save(self, **changes) -> str | None:
        """Set ``changes`` and write the file if anything differs from what it holds.

        Returns None, or one line saying why the preferences could not be saved.
        """
        for name, value in changes.items():
            if name not in TYPES:
                raise KeyError(name)
            setattr(self.values, name, value)
        if not self.writable or self.path is None or self.values == self._saved:
            return None
        try:
            if self._damaged:
                self._move_aside()
            data = {**self._others, **{name: value for name, value in vars(self.values).items() if value is not None}}
            atomic.write_text(self.path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as err:
            self.writable = False  # one line, once: the app goes on with what it has in memory
            return f"preferences not saved to {path_text(self.path)}: {err.strerror or err}"
        self._saved = Preferences(**vars(self.values))
        return None

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside, number = self.path.with_name(f"{self.path.name}.damaged-{stamp}"), 1
        while os.path.lexists(aside):
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        os.replace(self.path, aside)
        self._damaged = False

"""Installed data packs: install (after `packfile.verify`), list, the active one, rollback, What's new.

A pack holds ``manifest.json`` and ``content/``: the data folders (``content/data``, ``content/data-2``, ...)
and the documents their sources cite, at the same path relative to ``content/`` as beside the folders
(``content/seeds/x.txt``). The manifest lists the SHA-256 of every other member; a member that is not
listed, a listed file that is missing or differs, or an archive that is hostile (absolute or climbing
names, links, duplicates, huge or highly compressed members, too many members) is refused before any
byte is written (``packfile.py``). Installed packs live in ``user_data_dir()/packs/<name>-<version>/``; ``active.json``
there names the active one and the ones active before it (for rollback). Notes are never touched.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import NamedTuple

from .atomic import process_alive, write_text
from .datafolder import read_bounded
from .packfile import MANIFEST, PackError, safe_name, verify
from .paths import user_data_dir

ACTIVE = "active.json"
TEMP_PREFIX = ".install-"
INSTALL_INFO = "installed.json"
WHATS_NEW = "whats-new.json"
WHATS_NEW_SEEN = "whats-new.seen"


class Installed(NamedTuple):
    """A pack in the user's packs folder."""

    key: str  # <name>-<version>, its folder's name
    manifest: dict
    installed_at: str
    folder: Path

    @property
    def data_dirs(self) -> list[Path]:
        return [self.folder / rel for rel in self.manifest["folders"]]


# -- install, list, rollback ------------------------------------------------------------------------


def packs_dir() -> Path:
    """Where installed packs live (NoUserFolder, an OSError, when there is no user folder)."""
    return user_data_dir() / "packs"


def install(path: Path) -> Installed:
    """Verify, unpack to a temp folder, validate, rename into place, make active. Nothing changes on failure."""
    import shutil

    from .validate import compile_data

    root = packs_dir()
    root.mkdir(parents=True, exist_ok=True)
    _remove_dead_installs(root)
    temp = root / f"{TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
    temp.mkdir()
    try:
        def unpack(name: str, data: bytes) -> None:
            target = temp / name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "xb") as out:  # x: never follow or overwrite anything already there
                    out.write(data)
            except OSError as err:
                raise PackError(f"{path}: cannot unpack '{name}': {err.strerror or err}; nothing installed") from None

        manifest = verify(path, unpack)
        (temp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        compiled = compile_data([temp / rel for rel in manifest["folders"]])
        if compiled.problems:
            first = sorted(compiled.problems)[0]
            raise PackError(f"{path}: the pack's data has {len(compiled.problems)} problem(s), first: {first.field}: {first.message}; nothing installed")
        installed_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        write_text(temp / INSTALL_INFO, json.dumps({"installed": installed_at}))
        key = f"{manifest['name']}-{manifest['version']}"
        final = root / key
        if final.exists():
            old = _read_json(final / MANIFEST)
            if old is None or old.get("files") != manifest["files"]:
                raise PackError(f"{path}: another pack {key} is already installed with different content; give this one a new version")
            installed_at = (_read_json(final / INSTALL_INFO) or {}).get("installed", installed_at)
        else:
            _write_whats_new(temp, compiled.records)
            os.rename(temp, final)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    _activate(key)
    return Installed(key, manifest, installed_at, final)


def _write_whats_new(folder: Path, records: list[dict]) -> None:
    """Keep what changed from the data active before (a pack, or the bundled data) for the "What's new"
    view. Best effort: when the earlier data cannot be read, there is no such view."""
    from .diff import compare_records
    from .paths import bundled_data_dir
    from .validate import compile_data

    before = active()
    label = f"pack {before.manifest['name']} {before.manifest['version']}" if before else "the bundled data"
    earlier = compile_data(before.data_dirs if before else [bundled_data_dir()])
    if earlier.problems:
        return
    changes = compare_records(earlier.records, records)
    write_text(folder / WHATS_NEW, json.dumps({"since": label, **changes.as_json(), "text": changes.text()}, ensure_ascii=False))


def whats_new() -> dict | None:
    """What the active pack changed, the first time it is asked after the install (then None)."""
    pack = active()
    if pack is None:
        return None
    news = recorded_news(pack)
    seen = pack.folder / WHATS_NEW_SEEN
    if not isinstance(news, dict) or seen.exists():
        return None
    try:
        write_text(seen, "")
    except OSError:
        return None  # cannot remember it was shown: never show it at every start
    return {**news, "name": pack.manifest["name"], "version": pack.manifest["version"]}


def recorded_news(pack: Installed) -> dict | None:
    """What installing ``pack`` changed, as recorded then (None if nothing was recorded)."""
    news = _read_json(pack.folder / WHATS_NEW)
    return news if isinstance(news, dict) and isinstance(news.get("text"), str) else None


def label(pack: Installed | None) -> str:
    """The active pack as the status line and exports name it."""
    if pack is None:
        return "bundled data"
    return f"pack {pack.manifest.get('name')} {pack.manifest.get('version')}"


def _remove_dead_installs(root: Path) -> None:
    """Remove the temp folders of installs that were killed (their process is gone). Best effort."""
    import shutil

    for entry in root.glob(f"{TEMP_PREFIX}*"):
        match = re.fullmatch(re.escape(TEMP_PREFIX) + r"(\d+)-\d+", entry.name)
        if match and int(match.group(1)) != os.getpid() and not process_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _read_json(path: Path):
    try:
        return json.loads(read_bounded(path, 1024 * 1024).decode("utf-8"))
    except (OSError, ValueError):
        return None


def _state() -> dict:
    """``{"active": key or None, "history": [earlier keys, None meaning the bundled data]}``."""
    state = _read_json(packs_dir() / ACTIVE)
    if not isinstance(state, dict) or not isinstance(state.get("history", []), list):
        return {"active": None, "history": []}
    return {"active": state.get("active") if isinstance(state.get("active"), str) else None,
            "history": [h if isinstance(h, str) else None for h in state.get("history", [])]}


def _write_state(state: dict) -> None:
    write_text(packs_dir() / ACTIVE, json.dumps(state, indent=2), follow_symlinks=False)


def _activate(key: str) -> None:
    state = _state()
    if state["active"] != key:
        state["history"].append(state["active"])
        state["active"] = key
    _write_state(state)


def rollback() -> str | None:
    """Make the previously active pack active again; its key (None: the bundled data). PackError if none."""
    state = _state()
    if not state["history"]:
        raise PackError("no earlier pack to roll back to")
    state["active"] = state["history"].pop()
    _write_state(state)
    return state["active"]


def installed() -> list[Installed]:
    """Every installed pack whose manifest can be read, oldest install first."""
    try:
        entries = sorted(p for p in packs_dir().iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for folder in entries:
        manifest = _read_json(folder / MANIFEST)
        if isinstance(manifest, dict) and isinstance(manifest.get("folders"), list):
            info = _read_json(folder / INSTALL_INFO) or {}
            found.append(Installed(folder.name, manifest, str(info.get("installed", "")), folder))
    return sorted(found, key=lambda p: (p.installed_at, p.key))


def active() -> Installed | None:
    """The active pack, or None (the bundled data) when none is, or it cannot be read."""
    try:
        key = _state()["active"]
    except OSError:
        return None
    if key is None or safe_name(key) or "/" in key:
        return None
    folder = packs_dir() / key
    manifest = _read_json(folder / MANIFEST)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("folders"), list):
        return None
    info = _read_json(folder / INSTALL_INFO) or {}
    pack = Installed(key, manifest, str(info.get("installed", "")), folder)
    return pack if all(d.is_dir() for d in pack.data_dirs) else None


def active_dirs() -> list[Path] | None:
    """The active pack's data folders, or None to use the bundled data."""
    pack = active()
    return pack.data_dirs if pack else None

"""What changed between two versions of the reference (pack files or data folders), record by record."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class DiffError(Exception):
    """One side cannot be read: a pack that fails verification, or data with problems."""


@dataclass
class Changes:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    #: (old record, new record, names of the fields that differ)
    changed: list[tuple[dict, dict, list[str]]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"added": [r["id"] for r in self.added], "removed": [r["id"] for r in self.removed],
                "changed": [{"id": new["id"], "fields": fields} for _, new, fields in self.changed]}

    def text(self) -> str:
        """For a person: counts, then each record with its changed fields before and after."""
        lines = [f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"]
        for rec in self.added:
            lines.append(f"+ {rec['id']}  ({rec['kind']}) {rec['name']}")
        for rec in self.removed:
            lines.append(f"- {rec['id']}  ({rec['kind']}) {rec['name']}")
        for old, new, fields in self.changed:
            lines.append(f"~ {new['id']}  ({new['kind']}) {new['name']}")
            for name in fields:
                lines.append(f"    {name}: {_show(old.get(name))} -> {_show(new.get(name))}")
        return "\n".join(lines) + "\n"


def _show(value) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"


def public(rec: dict) -> dict:
    """A record's fields as written in the YAML (without where it was read from)."""
    return {k: v for k, v in rec.items() if not k.startswith("_")}


def records_of(path: Path) -> list[dict]:
    """The records of a pack file or a data folder, validated; DiffError when they cannot be read."""
    from .packfile import PackError, verify
    from .store import resolve_dirs
    from .validate import compile_data

    if path.is_dir():
        return _compiled(compile_data(resolve_dirs([path])), path)
    if not path.exists():
        raise DiffError(f"{path}: no such pack file or data folder")
    with tempfile.TemporaryDirectory(prefix="ssrtui-diff-") as temp:
        def unpack(name: str, data: bytes) -> None:
            target = Path(temp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:
                out.write(data)

        try:
            manifest = verify(path, unpack)
        except PackError as err:
            raise DiffError(str(err)) from None
        return _compiled(compile_data([Path(temp, rel) for rel in manifest["folders"]]), path)


def _compiled(compiled, path: Path) -> list[dict]:
    if compiled.problems:
        first = sorted(compiled.problems)[0]
        raise DiffError(f"{path}: the data has {len(compiled.problems)} problem(s), first: {first}")
    return compiled.records


def compare_records(old: list[dict], new: list[dict]) -> Changes:
    before = {r["id"]: public(r) for r in old}
    after = {r["id"]: public(r) for r in new}
    changes = Changes()
    changes.added = [after[i] for i in sorted(after.keys() - before.keys())]
    changes.removed = [before[i] for i in sorted(before.keys() - after.keys())]
    for rid in sorted(before.keys() & after.keys()):
        fields = sorted(k for k in before[rid].keys() | after[rid].keys() if before[rid].get(k) != after[rid].get(k))
        if fields:
            changes.changed.append((before[rid], after[rid], fields))
    return changes


def compare(old: Path, new: Path) -> Changes:
    return compare_records(records_of(old), records_of(new))

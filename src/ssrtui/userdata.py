"""The user's own records, laid over the pack's (or the bundled) data.

They are YAML files in the documented format in ``user_data_dir()/records/``, which no pack install
or rollback touches. Each is checked like any data file and against the records it lies over (its
links and cited sources must exist there or among the user's records). A user record carries
``_origin: "user"``; one with the id of a pack record replaces it (and carries ``_replaces: True``).
A broken user file never hides the pack's data: its problems become warnings and the rest loads.
"""

from __future__ import annotations

from pathlib import Path

from .paths import user_data_dir

ORIGIN = "_origin"
REPLACES = "_replaces"


def records_dir() -> Path:
    """Where the user's own records live (NoUserFolder, an OSError, when there is no user folder)."""
    return user_data_dir() / "records"


def read(folder: Path, base: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """The user's good records in ``folder`` and one warning line per problem (``file:line:col: field: message``)."""
    if not folder.is_dir():
        return [], []
    from .datafolder import yaml_files  # only a user with records of their own pays for the YAML reader
    from .problems import Problem
    from .validate import read_file

    problems: list[Problem] = []
    files, unreadable = yaml_files([folder])
    warnings = [f"{err.filename}: cannot read folder: {err.strerror or err}" for err in unreadable]
    mine: dict[str, dict] = {}
    for path in files:
        for rec in read_file(path, problems):
            first = mine.get(rec["id"])
            if first is not None:
                problems.append(Problem(rec["_file"], rec["_line"], rec["_col"], "id",
                                        f"duplicate id '{rec['id']}' (first at {first['_file']}:{first['_line']})"))
                continue
            mine[rec["id"]] = rec
    merged = {**base, **mine}
    good = []
    for rec in mine.values():
        where = (rec["_file"], rec["_line"], rec["_col"])
        found = [Problem(*where, f"links[{i}].to", f"no record with id '{link['to']}'")
                 for i, link in enumerate(rec.get("links", [])) if link["to"] not in merged or link["to"] == rec["id"]]
        found += [Problem(*where, f"sources[{i}].source", f"no source with id '{cite['source']}'")
                  for i, cite in enumerate(rec.get("sources", [])) if merged.get(cite["source"], {}).get("kind") != "source"]
        problems.extend(found)
        if not found:
            good.append({**rec, ORIGIN: "user", **({REPLACES: True} if rec["id"] in base else {})})
    # a user record dropped for a problem may be a link target of another user record: check again
    ids = {**base, **{r["id"]: r for r in good}}
    kept = [r for r in good if all(link["to"] in ids for link in r.get("links", []))]
    warnings += [f"your records: {p}" for p in sorted(problems)]
    warnings += [f"your records: {r['_file']}:{r['_line']}:{r['_col']}: links: a linked record of yours was left out" for r in good if r not in kept]
    return kept, warnings


def overlay(data):
    """``data`` (a Dataset) with the user's records laid over it, and the problems of those records
    (kept apart from ``data.warnings``, which say the pack's own data is stale)."""
    from .dataset import Dataset

    try:
        folder = records_dir()
    except OSError:
        return data, []
    records, warnings = read(folder, data.records)
    if not records:
        return data, warnings
    replaced = {r["id"] for r in records}
    merged = [r for r in data.ordered if r["id"] not in replaced] + records
    return Dataset.from_records(merged, warnings=data.warnings, built_at=data.built_at, cache_problem=data.cache_problem), warnings

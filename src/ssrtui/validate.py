"""Turn the YAML files of one or more data folders into checked, normalised records.

Every problem is collected (never raised one by one), located as
``file:line:col: field: message`` so the user can fix them all in one pass.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .datafolder import RefusedFile, document_path, read_bounded, yaml_files
from .memory import paused_gc
from .problems import Problem
from .textsafe import path_text
from .checkrecord import RecordChecker
from .yamlsafe import decode, load

@dataclass
class Compiled:
    """What validation produced: the good records and every problem found."""

    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def working_folder() -> str | None:
    """The working folder, links resolved, that display names are relative to (None if it is gone)."""
    try:
        return os.path.realpath(os.getcwd())
    except OSError:
        return None


def display_name(path: Path, cwd: str | None = None) -> str:
    """A short file name for messages, escapes made visible: relative to the working folder when below it."""
    cwd = cwd or working_folder()
    absolute = os.path.abspath(path) if cwd else os.fspath(path)
    if cwd and absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return path_text(absolute[len(cwd.rstrip(os.sep)) + 1:])
    return path_text(path)


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def read_file(path: Path, problems: list[Problem], cwd: str | None = None) -> list[dict]:
    """Load and check the records of one file (named relative to ``cwd``, the working folder by default)."""
    fname = display_name(path, cwd)
    try:
        raw = read_bounded(path)
    except RefusedFile as err:
        problems.append(Problem(fname, 1, 1, "file", str(err)))
        return []
    except OSError as err:
        problems.append(Problem(fname, 1, 1, "file", f"cannot read: {err.strerror or err}"))
        return []
    text, found = decode(raw, fname)
    problems.extend(found)
    if text is None:
        return []
    value, found = load(text, fname)
    problems.extend(found)
    if value is None:
        return []
    checker = RecordChecker(fname, problems)
    if not isinstance(value, list):
        checker.report((getattr(value, "line", 1), getattr(value, "col", 1)), "file", "expected a list of records (each starting with '- ')")
        return []
    records = []
    for i, item in enumerate(value):
        rec = checker.record(item, checker.at(value, i))
        if rec is not None:
            records.append(rec)
    return records


def compile_data(data_dirs: list[Path]) -> Compiled:
    """Read, check and cross-check every data file of the given folders."""
    result = Compiled()
    cwd = working_folder()
    for folder in data_dirs:
        if not folder.is_dir():
            result.problems.append(Problem(display_name(folder), 1, 1, "data", "not a folder"))
    result.files, unlisted = yaml_files([d for d in data_dirs if d.is_dir()])
    for err in unlisted:
        result.problems.append(Problem(display_name(Path(err.filename or "?")), 1, 1, "data", f"cannot read folder: {err.strerror or err}"))
    records: list[dict] = []
    with paused_gc():  # millions of small acyclic containers: the collector would rescan them in vain
        for path in result.files:
            records.extend(read_file(path, result.problems, cwd))
        cross_check(records, data_dirs, result.problems)
    result.records = records
    return result


def cross_check(records: list[dict], data_dirs: list[Path], problems: list[Problem]) -> None:
    """Checks that need every record: unique ids, link targets, sources and quotes."""
    by_id: dict[str, dict] = {}
    for rec in records:
        first = by_id.get(rec["id"])
        if first is not None:
            problems.append(Problem(rec["_file"], rec["_line"], rec["_col"], "id", f"duplicate id '{rec['id']}' (first at {first['_file']}:{first['_line']})"))
        else:
            by_id[rec["id"]] = rec
    documents: dict[str, tuple[str | None, str]] = {}
    found_at: dict[str, int] = {}  # document path -> where its last quote was found
    for rec in records:
        where = (rec["_file"], rec["_line"], rec["_col"])
        for i, link in enumerate(rec.get("links", [])):
            if link["to"] not in by_id:
                problems.append(Problem(*where, f"links[{i}].to", f"no record with id '{link['to']}'"))
            elif link["to"] == rec["id"]:
                problems.append(Problem(*where, f"links[{i}].to", "a record cannot link to itself"))
        if rec["kind"] == "source" and "path" not in rec and "url" not in rec and not _listed_in_a_document(rec, by_id):
            problems.append(Problem(*where, "path", "a source needs a 'path' (seeds/<file>), a 'url', or a quote of the document that lists it"))
        if "path" in rec and (Path(rec["path"]).is_absolute() or ".." in Path(rec["path"]).parts):
            problems.append(Problem(*where, "path", "must be a relative path like seeds/<file>, without '..'"))
        elif rec["kind"] == "source" and "path" in rec:
            text, reason = _document(rec, data_dirs, documents)
            if text is None:
                problems.append(Problem(*where, "path", f"document '{rec['path']}' {reason}"))
        for i, cite in enumerate(rec.get("sources", [])):
            source = by_id.get(cite["source"])
            if source is None:
                problems.append(Problem(*where, f"sources[{i}].source", f"no record with id '{cite['source']}'"))
                continue
            if source["kind"] != "source":
                problems.append(Problem(*where, f"sources[{i}].source", f"'{cite['source']}' is a {source['kind']}, not a source"))
                continue
            quote = cite.get("quote")
            if quote and "path" in source:
                document = _document(source, data_dirs, documents)[0]
                if document is not None and not _quoted(_fold_space(quote), document, source["path"], found_at):
                    problems.append(Problem(*where, f"sources[{i}].quote", f"not found verbatim in {source['path']}: \"{_fold_space(quote)[:60]}\""))


def _quoted(quote: str, document: str, path: str, found_at: dict[str, int]) -> bool:
    """Whether ``quote`` is in ``document``, searched from where the last quote of it was found first.

    Records quote a document mostly in its order (an import cites ~1 MB parts activity by activity),
    so the search usually starts just before its quote instead of scanning from the top.
    """
    hint = found_at.get(path, 0)
    at = document.find(quote, hint)
    if at < 0 and hint:
        at = document.find(quote, 0, hint + len(quote) - 1)  # an occurrence starting before the hint
    if at >= 0:
        found_at[path] = at
    return at >= 0


def _listed_in_a_document(rec: dict, by_id: dict[str, dict]) -> bool:
    """A work known only from a local document's reading list: it quotes that document's entry."""
    return any(cite.get("quote") and "path" in by_id.get(cite["source"], {}) for cite in rec.get("sources", []))


def _document(source: dict, data_dirs: list[Path], cache: dict[str, tuple[str | None, str]]) -> tuple[str | None, str]:
    """The whitespace-folded text of a source's local document, looked up once; or None and why not."""
    rel = source["path"]
    if rel not in cache:
        path = document_path(rel, data_dirs)
        try:
            if path is None:
                cache[rel] = None, "not found"
            else:
                cache[rel] = _fold_space(read_bounded(path).decode("utf-8", errors="replace")), ""
        except RefusedFile as err:
            cache[rel] = None, f"is {err}"
        except OSError as err:
            cache[rel] = None, f"cannot be read: {err.strerror or err}"
    return cache[rel]

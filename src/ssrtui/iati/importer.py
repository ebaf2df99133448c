"""`ssrtui import iati`: IATI activity files -> a data folder in ssrtui's YAML format.

What becomes what (the README's "Importing IATI data" section says the same for users):

- each activity -> a ``programme`` record (``iati-<identifier>``) with its titles, descriptions,
  status, planned and actual dates, countries, regions, sectors, yearly budget and transaction
  sums, links to its organisations and to the related activities that were imported too;
- each participating organisation -> one record per IATI ref (or per name without a ref), kind
  ``donor`` when it funds or extends an activity, else ``organisation``;
- each recipient country or region -> a ``country``/``place`` record, unless ``--link-to`` data
  already has that country (then the programme links to it);
- each input file -> verbatim copies of its activities in ``iati-sources/`` (in parts of about a
  megabyte, each a well-formed IATI file) and one ``source`` record per part, naming the file,
  its publisher (reporting-org) and its generated date; every record cites its part with a quote
  that validation finds verbatim there.

Nothing links into other data unless ``--link-to DIR`` names it at import time: the output then
links to those records (matched by name or alias) and must be used beside them; without it the
output stands alone. The folder is written to a temporary sibling and moved into place, so a
failed import never leaves a half-written folder; an existing folder is replaced only when an
earlier import wrote it.

The work is split by job: ``reader`` streams a file's activities (expat, bounded memory),
``activity`` reads one activity's elements, ``records`` turns them into programme records and
``bodies`` into organisation and place records, ``parts`` copies the activities verbatim,
``matching`` makes ids and finds quotes and --link-to matches, ``yamlout`` writes the YAML; this
module checks the options and the output folder and drives the rest, file by file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path

from ..memory import paused_gc
from .activity import clean
from .matching import LinkIndex, slug
from .parts import Parts
from .reader import IatiFileError, read
from .records import Importer, Summary
from .yamlout import write_records

MARKER = ".ssrtui-iati-import"


class UsageError(Exception):
    """A bad option, or an output folder that cannot be used or written (exit 2)."""


class FilesRejected(Exception):
    """One or more input files are not well-formed XML or not IATI (exit 1); nothing was written."""

    def __init__(self, errors: list[IatiFileError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def _check_output(output: Path, protected: list[Path]) -> None:
    for folder in protected:
        if output == folder or folder in output.parents or output in folder.parents:
            raise UsageError(f"--output {output} overlaps the data folder {folder}; choose a folder of its own")
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise UsageError(f"--output {output} is not empty and was not written by an earlier import; choose a new folder")


def _link_index(link_to: list[Path]) -> LinkIndex:
    if not link_to:
        return LinkIndex([])
    from ..validate import compile_data

    for folder in link_to:
        if not folder.is_dir():
            raise UsageError(f"--link-to {folder}: not a folder")
    return LinkIndex(compile_data(link_to).records)


def import_files(files: list[Path], output: Path, countries: list[str] = (), sectors: list[str] = (),
                 link_to: list[Path] = (), display=str) -> Summary:
    """Import ``files`` into the folder ``output``; raise FilesRejected or UsageError.

    ``display`` turns a path into the name used in messages (relative to the working folder).
    """
    from ..paths import bundled_data_dir

    for code in countries:
        if not re.fullmatch(r"[A-Za-z]{2}", code):
            raise UsageError(f"--country {code!r}: expected an ISO 3166 two-letter code such as ML")
    for prefix in sectors:
        if not re.fullmatch(r"\d{1,5}", prefix):
            raise UsageError(f"--sector {prefix!r}: expected the start of a DAC sector code such as 152 or 15210")
    output = output.expanduser().resolve()
    link_to = [Path(p).expanduser().resolve() for p in link_to]
    _check_output(output, link_to + [bundled_data_dir().resolve()])
    index = _link_index(link_to)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        work = Path(_mkdtemp(output))
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror}") from None
    try:
        importer = Importer(list(countries), list(sectors), index)
        with paused_gc():  # the records of every activity stay in memory until written: no cycles to find
            _write_folder(importer, files, work, display)
        _swap(work, output)
    except OSError as err:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(f"cannot write {output}: {err.strerror}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return importer.summary


def _write_folder(importer: Importer, files: list[Path], work: Path, display) -> None:
    """Import every file into the folder ``work``; raise FilesRejected naming each bad file."""
    errors = []
    for path in files:
        importer.summary.files += 1
        file_name = display(path)
        try:
            _import_file(importer, work, path, file_name)
        except IatiFileError as err:
            errors.append(err)
    if errors:
        raise FilesRejected(errors)
    written = importer.finish()
    stamp = time.strftime("%Y-%m-%d %H:%M")
    header = f"# Written by 'ssrtui import iati' on {stamp} from {len(files)} IATI file(s). Re-run the import rather than edit.\n"
    for file_name, records in written:
        write_records(work / file_name, records, header)
    (work / MARKER).write_text(header.lstrip("# "), encoding="utf-8")


def _import_file(importer: Importer, work: Path, path: Path, file_name: str) -> None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        raise IatiFileError(file_name, 1, 1, f"cannot read: {err.strerror}") from None
    base_id = f"{slug(path.stem, 40)}-{digest.hexdigest()[:8]}"
    info, activities = read(path, file_name)
    parts = Parts(work, clean(path.name) or base_id, base_id, info, importer.ids)
    try:
        for number, act in enumerate(activities, start=1):
            importer.generated = info.generated
            importer.activity(file_name, parts, number, act.element, act.line, act.raw)
    finally:
        parts.close()
        importer.sources.extend(parts.records)
    if not info.version.startswith("2.") and info.version:
        importer.summary.warnings.append(f"{file_name}:1: iati-activities: version '{clean(info.version)[:10]}' is not 2.0x; read as far as it matches")


def _mkdtemp(output: Path) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)


def _swap(work: Path, output: Path) -> None:
    """Move the finished folder into place; an earlier import's folder goes only after that."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    try:
        os.replace(work, output)
    except OSError:
        if old is not None:
            os.replace(old, output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

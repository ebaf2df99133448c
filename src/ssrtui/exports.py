"""Records for machines and files: JSON and CSV (ISO dates, every field), and the Markdown export
(each record written by ``writers.markdown`` from its document, as `show` and the detail show it)."""

from __future__ import annotations

import csv
import io
import json

from . import schema, writers
from .dataset import Dataset
from .render import document

PUBLIC_FIELDS = list(schema.FIELDS)


def public(rec: dict) -> dict:
    """A record without the loader's bookkeeping, fields in the documented order."""
    return {key: rec[key] for key in PUBLIC_FIELDS if key in rec}


def to_json(records: list[dict], data_label: str | None = None) -> str:
    """``{"data": which data (pack name, version, current-to date), "records": [...]}``; each record
    carries its citations (sources with their quotes)."""
    return json.dumps({"data": data_label, "records": [public(r) for r in records]}, ensure_ascii=False, indent=2)


#: A cell starting with one of these is a formula to a spreadsheet: it gets a leading ``'``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value for a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(records: list[dict], data_label: str | None = None) -> str:
    """One row per record; lists joined with ' | ', structured fields (citations among them) as JSON,
    formulas neutralised; the last column names the data (pack, version, current-to date)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PUBLIC_FIELDS + ["data"], extrasaction="ignore")
    writer.writeheader()
    for rec in records:
        row = {"data": data_label or ""}
        for key, value in public(rec).items():
            if key in ("aliases", "tags"):
                row[key] = " | ".join(value)
            elif isinstance(value, (list, dict)):
                row[key] = json.dumps(value, ensure_ascii=False)
            else:
                row[key] = value
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def record_markdown(data: Dataset, rec: dict, note: str = "") -> str:
    """One record as a Markdown section, with the user's note when given (the interface's `e`)."""
    return writers.markdown(document(data, rec, note=note))


def to_markdown(data: Dataset, records: list[dict]) -> str:
    return "# ssrtui export\n\n" + "\n".join(record_markdown(data, r) for r in records)

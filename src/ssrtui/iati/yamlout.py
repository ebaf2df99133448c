"""The imported records as YAML, in the layout data/ uses, with every string double-quoted.

PyYAML's representer took two thirds of a 35 s import of 20,000 activities; this writer knows the
only shapes a record has (scalars, lists of scalars, lists of flat mappings) and writes them
directly. The files are written inside the import's temporary folder, which ``importer._swap``
moves into place whole, so a failed import never leaves a half-written file behind.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from pathlib import Path


def scalar(value) -> str:
    """A YAML scalar that reads back as exactly ``value``: strings always double-quoted.

    A JSON string is a valid YAML double-quoted scalar, so no text can be read as a number,
    a date, a boolean (``no``), a tag or an anchor; numbers are written in YAML 1.2 form.
    ``encode_basestring`` is what ``json.dumps(value, ensure_ascii=False)`` returns for a string,
    without its per-call set-up (1.6 million scalars at 20,000 activities).
    """
    kind = type(value)
    if kind is str:
        text = encode_basestring(value)
        return text.replace("\ufeff", "\\ufeff") if "\ufeff" in text else text
    if kind is int:
        return str(value)
    if kind is float:
        return repr(value)
    raise TypeError(value)


def record_yaml(record: dict) -> str:
    """One record in block style, lists of mappings as flow mappings (as data/ writes them)."""
    out = []
    for key, value in record.items():
        lead = "  " if out else "- "
        if type(value) is list:
            if value and type(value[0]) is dict:
                out.append(f"{lead}{key}:")
                out.extend(["    - {" + ", ".join([f"{k}: {scalar(v)}" for k, v in item.items()]) + "}" for item in value])
            else:
                out.append(f"{lead}{key}: [" + ", ".join([scalar(v) for v in value]) + "]")
        else:
            out.append(f"{lead}{key}: {scalar(value)}")
    return "\n".join(out) + "\n"


def write_records(path: Path, records: list[dict], header: str) -> None:
    """``header`` (comment lines), then each record after a blank line."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(header)
        for record in records:
            handle.write("\n")
            handle.write(record_yaml(record))

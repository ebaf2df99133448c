"""The rules for one record: each field's type, normalised, every problem located as file:line:col: field.

Rules across records (links resolve, quotes found verbatim in their documents) are ``validate.cross_check``.
"""

from __future__ import annotations

import math
import re

from . import dates, schema
from .dataset import FIGURE_LIMIT
from .problems import Problem
from .yamlsafe import Ambiguous, BadDate, MList

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RecordChecker:
    """Checks one file's records, appending to a shared problem list."""

    def __init__(self, fname: str, problems: list[Problem]):
        self.fname = fname
        self.problems = problems

    def report(self, where: tuple[int, int], fld: str, message: str) -> None:
        self.problems.append(Problem(self.fname, where[0], where[1], fld, message))

    @staticmethod
    def at(container, key) -> tuple[int, int]:
        mark = container.marks.get(key) if hasattr(container, "marks") else None
        if mark:
            return mark[0], mark[1]
        return getattr(container, "line", 1), getattr(container, "col", 1)

    @staticmethod
    def key_at(container, key) -> tuple[int, int]:
        mark = container.marks.get(key) if hasattr(container, "marks") else None
        if mark and len(mark) == 4:
            return mark[2], mark[3]
        return RecordChecker.at(container, key)

    def value(self, kind: str, value, where, fld: str):
        """Check one value against a field type; return it normalised or None."""
        if isinstance(value, Ambiguous):
            self.report(where, fld, f"'{value}' is read by YAML 1.1 as {value.meaning}; put it in quotes")
            return None
        if isinstance(value, BadDate):
            _, reason = dates.normalise(str(value))
            self.report(where, fld, reason or f"impossible date '{value}'")
            return None
        return _TYPE_CHECKS[kind](self, kind, value, where, fld)

    def _text(self, kind: str, value, where, fld: str):
        """text, and the text types with a closed set of values (slug, kind, role, status)."""
        if not isinstance(value, str):
            self.report(where, fld, f"expected text, got {_type_name(value)}")
            return None
        text = value.strip()
        if not text:
            self.report(where, fld, "must not be empty")
            return None
        if kind == "slug" and not _SLUG.match(text):
            self.report(where, fld, f"'{text}' is not an id (lowercase letters, digits and single hyphens)")
            return None
        known = {"kind": schema.KINDS, "role": schema.ROLES, "status": schema.STATUSES}.get(kind)
        if known is not None and text not in known:
            self.report(where, fld, f"unknown {kind} '{text}' (known: {', '.join(known)})")
            return None
        return text if kind != "text" else value.strip("\n")

    def _texts(self, kind: str, value, where, fld: str):
        if isinstance(value, str):
            value = MList([value])
            value.marks = {0: where}
        if not isinstance(value, list):
            self.report(where, fld, f"expected a list of text, got {_type_name(value)}")
            return None
        out = []
        for i, item in enumerate(value):
            item = self.value("text", item, self.at(value, i), f"{fld}[{i}]")
            if item is not None:
                out.append(item)
        return out

    def _date(self, kind: str, value, where, fld: str):
        text, reason = dates.normalise(value)
        if reason:
            self.report(where, fld, reason)
        return text

    def _year(self, kind: str, value, where, fld: str):
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2999:
            self.report(where, fld, "expected a four-digit year")
            return None
        return value

    def _number_or_text(self, kind: str, value, where, fld: str):
        if isinstance(value, bool) or value is None:
            self.report(where, fld, f"expected a number or text, got {_type_name(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.report(where, fld, "expected a finite number")
            return None
        if isinstance(value, (int, float)) and abs(value) >= FIGURE_LIMIT:
            self.report(where, fld, "too large for a figure (at most 15 digits before the decimal point)")
            return None
        if isinstance(value, (int, float)):
            return value
        return self.value("text", value, where, fld)

    def _mappings(self, kind: str, value, where, fld: str):
        """links, sources, figures: lists of mappings with their own fields."""
        spec, required = {
            "links": (schema.LINK_FIELDS, ("to", "role")),
            "sources": (schema.SOURCE_FIELDS, ("source",)),
            "figures": (schema.FIGURE_FIELDS, schema.FIGURE_REQUIRED),
        }[kind]
        if not isinstance(value, list):
            self.report(where, fld, f"expected a list of mappings, got {_type_name(value)}")
            return None
        out = []
        for i, item in enumerate(value):
            checked = self.mapping(item, self.at(value, i), f"{fld}[{i}]", spec, required)
            if checked is not None:
                out.append(checked)
        return out

    def mapping(self, item, where, fld: str, spec: dict, required) -> dict | None:
        if not isinstance(item, dict):
            self.report(where, fld, f"expected a mapping, got {_type_name(item)}")
            return None
        out: dict = {}
        ok = True
        for key, raw in item.items():
            sub = f"{fld}.{key}"
            if key not in spec:
                self.report(self.key_at(item, key), sub, f"unknown field (known: {', '.join(spec)})")
                ok = False
                continue
            if raw is None:
                continue
            checked = self.value(spec[key], raw, self.at(item, key), sub)
            if checked is None:
                ok = False
            else:
                out[key] = checked
        for key in required:
            if key not in out and key not in item:
                self.report(where, f"{fld}.{key}", "missing required field")
                ok = False
        return out if ok else None

    def record(self, item, where) -> dict | None:
        if not isinstance(item, dict):
            self.report(where, "record", f"expected a mapping, got {_type_name(item)}")
            return None
        out: dict = {}
        for key, raw in item.items():
            kind = schema.FIELDS.get(key)
            if kind is None:
                self.report(self.key_at(item, key), key, "unknown field")
                continue
            if raw is None:
                continue
            checked = self.value(kind, raw, self.at(item, key), key)
            if checked is not None:
                out[key] = checked
        for key in schema.REQUIRED:
            if key not in item:
                self.report(where, key, "missing required field")
        if any(key not in out for key in schema.REQUIRED):
            return None
        for low, high in (("start", "end"),):
            if low in out and high in out and dates.end_key(out[high]) < dates.sort_key(out[low]) and "disputed" not in out:
                self.report(self.at(item, high), high, f"ends ({out[high]}) before it starts ({out[low]}); if a source says so, add 'disputed' explaining it")
        for i, link in enumerate(out.get("links", [])):
            if "start" in link and "end" in link and dates.end_key(link["end"]) < dates.sort_key(link["start"]):
                self.report(self.at(item, "links"), f"links[{i}].end", "ends before it starts")
        out["_file"] = self.fname
        out["_line"] = getattr(item, "line", 1)
        out["_col"] = getattr(item, "col", 1)
        return out


_TYPE_CHECKS = {
    **dict.fromkeys(("text", "slug", "kind", "role", "status"), RecordChecker._text),
    "texts": RecordChecker._texts,
    "date": RecordChecker._date,
    "year": RecordChecker._year,
    "number-or-text": RecordChecker._number_or_text,
    **dict.fromkeys(("links", "sources", "figures"), RecordChecker._mappings),
}


def _type_name(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__

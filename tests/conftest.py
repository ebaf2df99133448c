"""Shared fixtures: an isolated cache/data home per test and a small valid dataset."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

DOC = """Notes on the Gendarmerie.
The National Gendarmerie counts 4,000 people, 100 of whom are women.
EUCAP Sahel Mali supports the Gendarmerie and the National Police.
"""

RECORDS = """
- id: doc
  kind: source
  name: Test document
  path: seeds/doc.txt
- id: gendarmerie
  kind: force
  name: National Gendarmerie
  aliases: [Gendarmerie nationale]
  summary: Military-status force for internal security.
  figures:
    - {label: Personnel, value: 4000, year: 2015}
  links:
    - {to: moi, role: under-authority-of}
  sources:
    - source: doc
      quote: "The National Gendarmerie counts 4,000 people,"
- id: police
  kind: force
  name: National Police
  aliases: [Police nationale]
  sources:
    - {source: doc, quote: "supports the Gendarmerie and the National Police"}
- id: moi
  kind: institution
  name: Ministry of Internal Security and Civil Protection
  aliases: [MoI]
  sources:
    - {source: doc, quote: "Notes on the Gendarmerie."}
- id: eucap
  kind: mission
  name: EUCAP Sahel Mali
  aliases: [European Union Capacity Building Mission in Mali]
  start: 2015-01-15
  status: active
  status_as_of: "2025-01-27"
  summary: Civilian EU mission advising Mali's internal security forces.
  links:
    - {to: gendarmerie, role: supports}
    - {to: police, role: supports}
  sources:
    - {source: doc, quote: "EUCAP Sahel Mali supports"}
- id: coup-2012
  kind: event
  name: Military coup in Bamako
  date: 2012-03
  links:
    - {to: gendarmerie, role: involves}
  sources:
    - {source: doc, quote: "Notes on"}
"""


def write_dataset(root: Path, records: str = RECORDS, doc: str = DOC) -> Path:
    """A data folder with one YAML file and its seed document; returns the data folder."""
    data = root / "data"
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "doc.txt").write_text(doc, encoding="utf-8")
    (data / "records.yaml").write_text(textwrap.dedent(records), encoding="utf-8")
    return data


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own cache, user-data and config folders."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def small_data(tmp_path) -> Path:
    return write_dataset(tmp_path / "project")


def pytest_collection_modifyitems(items):
    """Tests marked slow run first: pytest-xdist hands tests out in this order, and a long test
    handed out last would leave the other workers idle while it finishes."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)

"""A plain `pip install .` ships the dataset, its sources and the stylesheet inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_bundled_data_seeds_and_css(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", str(ROOT), "--no-deps", "--no-build-isolation", "-w", str(tmp_path)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("ssrtui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted((ROOT / "data").glob("*.yaml")):
        assert f"ssrtui/_bundled/data/{path.name}" in names
    for path in sorted((ROOT / "seeds").iterdir()):
        assert f"ssrtui/_bundled/seeds/{path.name}" in names
    assert "ssrtui/tui/app.tcss" in names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "pytest" in line and line.startswith("python3 -m venv"))
    assert command in ci.splitlines()

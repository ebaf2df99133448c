"""Import hygiene: the core never imports Textual; the warm CLI path skips YAML and TinyDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = sorted(p.stem for p in (Path(__file__).parent.parent / "src" / "ssrtui").glob("*.py"))


def modules_after(code: str) -> set[str]:
    probe = code + "; import sys; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    return set(done.stdout.split())


def test_no_core_module_imports_textual():
    loaded = modules_after("; ".join(f"import ssrtui.{name}" for name in CORE if name != "__main__"))
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_core_sources_never_mention_textual():
    for name in CORE:
        text = (Path(__file__).parent.parent / "src" / "ssrtui" / f"{name}.py").read_text()
        assert "import textual" not in text and "from textual" not in text, name


def test_warm_search_reads_through_tinydb_without_yaml_or_rapidfuzz(small_data):
    from ssrtui.store import open_dataset

    open_dataset([small_data])  # compile once
    loaded = modules_after(f"from ssrtui.cli import main; main(['search', 'police', '--data', {str(small_data)!r}])")
    assert "tinydb" in loaded  # the store is read through TinyDB (issue #16)
    assert "yaml" not in loaded and "rapidfuzz" not in loaded  # neither a rebuild nor a typo: neither is imported
    assert "dataclasses" not in loaded  # it imports inspect: ~8 ms of the bundled search's 60 ms (issue #16)

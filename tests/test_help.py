"""The help screen and the README's key table list every key the interface binds (they once missed g/G)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from ssrtui.tui.compare_view import CompareScreen
from ssrtui.tui.copy_menu import CopyMenu
from ssrtui.tui.donor_map import DonorMapScreen
from ssrtui.tui.help_screen import HelpScreen, key_label
from ssrtui.tui.note_editor import NoteScreen
from ssrtui.tui.notes_view import NoteList, NotesScreen
from tui_helpers import make_app, screen_text

README = Path(__file__).resolve().parents[1] / "README.md"


def bindings_of(node_classes: list[type]) -> list:
    """Every binding declared by an ssrtui class among ``node_classes`` (and the ssrtui classes they extend)."""
    found = []
    for cls in node_classes:
        for klass in cls.__mro__:
            if klass.__module__.startswith("ssrtui."):
                found += [b for b in klass.__dict__.get("BINDINGS", ()) if not b.system]
    return found


async def all_bindings_and_help(tmp_path) -> tuple[list, list[str]]:
    """The bindings of every node of the running app (and of its other screens), and the help's lines."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await pilot.pause()
        classes = {type(app)} | {type(node) for node in app.screen.walk_children(with_self=True)}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "ssrtui — keys" in screen_text(app)
        console = Console(width=400, file=io.StringIO(), record=True)
        console.print(app.screen.help_text())
        lines = console.export_text().splitlines()
    return bindings_of(sorted(classes | {NoteScreen, NotesScreen, NoteList, CopyMenu, DonorMapScreen, CompareScreen, HelpScreen},
                              key=str)), lines


def keys_in(text: str) -> set[str]:
    """Key names written in ``text``, a range '1…9' standing for each digit in it."""
    keys = set(text.split())
    for low, high in re.findall(r"(\d)…(\d)", text):
        keys |= {str(d) for d in range(int(low), int(high) + 1)}
    return keys


def keys_of_row(lines: list[str], first: int, said: str) -> set[str]:
    """The keys written left of ``said`` on line ``first``, and below it while the keys wrap
    (lines whose text column is empty)."""
    column = lines[first].index(said)
    keys = keys_in(lines[first][:column])
    for line in lines[first + 1:]:
        if line[column:].strip() or not line.strip():
            break
        keys |= keys_in(line[:column])
    return keys


async def test_every_binding_is_in_the_help_with_its_keys(tmp_path):
    bindings, lines = await all_bindings_and_help(tmp_path)
    assert len(bindings) > 30
    for binding in bindings:
        said = binding.tooltip or binding.description
        rows = [i for i, line in enumerate(lines) if said in line]
        assert rows, f"{binding.key} ({said}) is not in the help"
        labels = {key_label(key.strip()) for key in binding.key.split(",")}
        assert any(labels <= keys_of_row(lines, i, said) for i in rows), f"{binding.key} not beside {said!r}"


def readme_keys() -> set[str]:
    """Every key the README's key tables (`| key | does |`) name in their first column."""
    keys: set[str] = set()
    in_table = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.strip() == "| key | does |":
            in_table = True
        elif in_table and line.startswith("|"):
            cell = line.split("|")[1]
            for token in re.findall(r"`([^`]+)`", cell):
                keys |= keys_in(token)
            for low, high in re.findall(r"`(\d)`\s*…\s*`(\d)`", cell):
                keys |= {str(d) for d in range(int(low), int(high) + 1)}
        else:
            in_table = False
    return keys


async def test_the_readme_key_table_lists_every_binding(tmp_path):
    bindings, _ = await all_bindings_and_help(tmp_path)
    listed = readme_keys()
    missing = sorted({key_label(key.strip()) for b in bindings for key in b.key.split(",")} - listed)
    assert not missing, f"README key table lacks {missing}"

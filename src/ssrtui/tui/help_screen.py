"""The key help, built from the bindings themselves so that it can never drift from what the keys do.

Every key ssrtui offers is a ``Binding`` declared in one of its classes (the app, the main screen,
the widgets on it, the note editor, the donor map), with a description and, where the short
description is not enough, a tooltip. The help lists them by ``HELP_GROUP``; the README's key
table is checked against the same bindings (tests/test_help.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

#: Key names as the help and the README write them.
KEY_NAMES = {
    "escape": "Esc", "backspace": "Backspace", "enter": "Enter", "tab": "Tab", "space": "Space",
    "up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "question_mark": "?", "slash": "/", "plus": "+", "colon": ":", "f1": "F1",
}


#: Widest the key column grows; longer lists of keys wrap between keys.
KEY_COLUMN = 16


def key_label(key: str) -> str:
    """'escape' -> 'Esc', 'alt+left' -> 'alt+←', 'question_mark' -> '?'; letters keep their case."""
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, KEY_NAMES.get(name, name)])


def is_ours(cls: type) -> bool:
    return cls.__module__.startswith("ssrtui.")


def declared_bindings(cls: type) -> list[Binding]:
    """The bindings ssrtui's own classes declare for ``cls`` (subclass first), not Textual's defaults."""
    found: list[Binding] = []
    for klass in cls.__mro__:
        if is_ours(klass):
            found += [b for b in klass.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


def help_group(cls: type) -> str:
    return getattr(cls, "HELP_GROUP", None) or cls.__name__


@dataclass
class KeyRow:
    """One line of the help: the keys of one action and what it does."""

    action: str
    keys: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    tooltips: list[str] = field(default_factory=list)

    def add(self, binding: Binding) -> None:
        for key in binding.key.split(","):
            if key_label(key.strip()) not in self.keys:
                self.keys.append(key_label(key.strip()))
        for value, values in ((binding.description, self.descriptions), (binding.tooltip, self.tooltips)):
            if value and value not in values:
                values.append(value)

    @property
    def keys_text(self) -> str:
        """The keys, a run of three or more digits written as a range ('1…9  0  B')."""
        keys, shown, i = self.keys, [], 0
        while i < len(keys):
            end = i
            while end + 1 < len(keys) and (keys[end] + keys[end + 1]).isdigit() and int(keys[end + 1]) == int(keys[end]) + 1:
                end += 1
            shown += [f"{keys[i]}…{keys[end]}"] if end - i >= 2 else keys[i:end + 1]
            i = end + 1
        return "  ".join(shown)

    @property
    def text(self) -> str:
        """The tooltip (the longer say), and the descriptions when the keys do different things."""
        lead = self.tooltips[0] if self.tooltips else ""
        if len(self.descriptions) > 1 or not lead:
            return (lead + ": " if lead else "") + ", ".join(self.descriptions)
        return lead


def key_sections(classes: list[type]) -> list[tuple[str, list[KeyRow]]]:
    """Rows grouped by HELP_GROUP in the order the groups first appear; one row per action name and
    tooltip (``tab('mission')`` and ``tab('force')`` share one); a key already listed is not listed again."""
    sections: dict[str, dict[str, KeyRow]] = {}
    seen: set[tuple[str, str]] = set()
    for cls in classes:
        for binding in declared_bindings(cls):
            if binding.system or (binding.key, binding.action) in seen:
                continue
            seen.add((binding.key, binding.action))
            name = binding.action.split("(", 1)[0].rsplit(".", 1)[-1]
            rows = sections.setdefault(help_group(cls), {})
            rows.setdefault(f"{name} {binding.tooltip}", KeyRow(name)).add(binding)
    return [(group, list(rows.values())) for group, rows in sections.items()]


def classes_on(root: DOMNode) -> list[type]:
    """The classes of ``root`` and every node under it, each once, in DOM order."""
    found: list[type] = [type(root)]
    for node in root.walk_children(with_self=False):
        if type(node) not in found:
            found.append(type(node))
    return found


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", tooltip="Close this help")]
    HELP_GROUP = "In this help"
    COMPONENT_CLASSES = {"help-screen--title", "help-screen--group", "help-screen--key"}

    def __init__(self, classes_helped: list[type]):
        """``classes_helped``: the app's, the main screen's and its widgets' classes, then other screens'."""
        super().__init__()
        self.classes_helped = classes_helped

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text")
            yield Static("Esc closes this help.", id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-text", Static).update(self.help_text())

    def help_text(self) -> Group:
        style = self.get_component_rich_style
        parts: list = [Text("ssrtui — keys", style=style("help-screen--title", partial=True))]
        sections = key_sections(self.classes_helped + [type(self)])
        key_width = min(KEY_COLUMN, max(len(row.keys_text) for _, rows in sections for row in rows))
        for group, rows in sections:
            table = Table.grid(padding=(0, 2))
            table.add_column(style=style("help-screen--key", partial=True), width=key_width)
            table.add_column(ratio=1)
            for row in rows:
                table.add_row(Text(row.keys_text), Text(row.text))
            parts += [Text(""), Text(group, style=style("help-screen--group", partial=True)), table]
        return Group(*parts)

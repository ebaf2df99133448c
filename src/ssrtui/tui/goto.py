"""`:` goes to any tab, view or command by name: the palette in a "go to" mode, built from the bindings."""

from __future__ import annotations

from functools import partial

from textual.command import SimpleCommand
from textual.dom import DOMNode

from .help_screen import declared_bindings, key_label

PLACEHOLDER = "Go to: a tab, a view or a command (Enter runs it, Esc closes)"


def goto_commands(namespaces: list[DOMNode], extra: list[SimpleCommand] = ()) -> list[SimpleCommand]:
    """One command per binding of ``namespaces`` (each its description, which runs its action in
    that namespace), then ``extra``; an action or a name bound twice is listed once, with its first key."""
    commands: list[SimpleCommand] = []
    seen: set[str] = set()
    for node in namespaces:
        for binding in declared_bindings(type(node)):
            if binding.system or not binding.description or binding.action == "goto" or {binding.action, binding.description} & seen:
                continue
            seen |= {binding.action, binding.description}
            key = key_label(binding.key.split(",")[0].strip())
            what = binding.tooltip or binding.description
            commands.append(SimpleCommand(binding.description, partial(node.app.run_action, binding.action, node),
                                          f"{what} · key {key}"))
    return commands + list(extra)

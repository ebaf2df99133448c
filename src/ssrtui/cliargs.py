"""The `ssrtui` command line: one parser per command, built only for the command being run."""

from __future__ import annotations

import argparse
import sys

from . import __version__, schema
from .cliout import EXIT_USAGE, CliError

class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise CliError(f"{message} (see ssrtui --help)", EXIT_USAGE)


DATA_HELP = "read records from DIR instead of the bundled data (repeatable)"


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. ``only``: build just that command (all a run of it parses; every
    subparser costs gettext look-ups at start-up); None: every command, for help and errors."""
    # `--data` before the command and after it go to two lists, joined in _parse: with one name,
    # the command's default (None) would overwrite the folders given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", action="append", dest="data_after", metavar="DIR", help=DATA_HELP)
    parser = _Parser(prog="ssrtui", description="Offline reference on Security Sector Reform in Mali.",
                     epilog="Data: --data DIR, else the active pack (ssrtui pack install), else the bundled data. "
                            "Your own records: *.yaml files in $XDG_DATA_HOME/ssrtui/records/ "
                            "(~/.local/share/ssrtui/records/), shown over that data; notes and bookmarks in "
                            "$XDG_DATA_HOME/ssrtui/notes.json. Packs never touch either.")
    parser.add_argument("--data", action="append", metavar="DIR", help=DATA_HELP)
    parser.add_argument("--version", action="version", version=f"ssrtui {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, (help_text, takes_data, arguments) in _COMMAND_ARGUMENTS.items():
        if only in (None, name):
            arguments(sub.add_parser(name, parents=[common] if takes_data else [], help=help_text), common)
    return parser


def _no_arguments(cmd, common) -> None:
    pass


def _search_arguments(cmd, common) -> None:
    cmd.add_argument("query", nargs="+")
    cmd.add_argument("--kind", choices=list(schema.KINDS))
    cmd.add_argument("--limit", type=int, default=20)
    cmd.add_argument("--json", action="store_true")


def _show_arguments(cmd, common) -> None:
    cmd.add_argument("ids", nargs="+", metavar="ID")
    cmd.add_argument("--json", action="store_true")


def _export_arguments(cmd, common) -> None:
    cmd.add_argument("--kind", choices=list(schema.KINDS))
    cmd.add_argument("--format", choices=["json", "csv", "markdown"], default="json")
    cmd.add_argument("--output", metavar="FILE")


def _import_arguments(cmd, common) -> None:
    cmd.add_argument("format", choices=["iati"], help="iati: IATI activity XML files (https://iatistandard.org)")
    cmd.add_argument("files", nargs="+", metavar="FILE.xml")
    cmd.add_argument("--output", required=True, metavar="DIR", help="the data folder to write (new, or an earlier import's)")
    cmd.add_argument("--country", action="append", default=[], metavar="ISO2", help="keep activities in this recipient country (repeatable)")
    cmd.add_argument("--sector", action="append", default=[], metavar="CODE-PREFIX", help="keep activities with a DAC sector code starting so (repeatable)")
    cmd.add_argument("--link-to", action="append", default=[], metavar="DIR", help="link to records of this data folder ('bundled': the bundled data); use the output beside it")


def _notes_arguments(cmd, common) -> None:
    cmd.add_argument("action", choices=["export"])
    cmd.add_argument("--format", choices=["markdown", "json"], default="markdown")


def _pack_arguments(cmd, common) -> None:
    pack_sub = cmd.add_subparsers(dest="pack_action", required=True, parser_class=_Parser)
    pack_build = pack_sub.add_parser("build", parents=[common], help="write the data folders and their documents into one pack file")
    pack_build.add_argument("--output", required=True, metavar="FILE")
    pack_build.add_argument("--name", default="ssrtui-data", help="the pack's name (default: ssrtui-data)")
    pack_build.add_argument("--version", dest="pack_version", metavar="VERSION", help="the pack's version (default: today's date)")
    pack_sub.add_parser("verify", help="check a pack file's checksums and manifest").add_argument("file", metavar="FILE")
    pack_sub.add_parser("install", help="verify, validate and install a pack, and make it active").add_argument("file", metavar="FILE")
    pack_sub.add_parser("list", help="installed packs; the active one marked *").add_argument("--json", action="store_true")
    pack_sub.add_parser("rollback", help="make the previously active pack (or the bundled data) active again")


def _diff_arguments(cmd, common) -> None:
    cmd.add_argument("old", metavar="OLD", help="a pack file or a data folder")
    cmd.add_argument("new", metavar="NEW", help="a pack file or a data folder")
    cmd.add_argument("--json", action="store_true")


#: command -> (its help line, takes --data, what adds its arguments), in the order help lists them


_COMMAND_ARGUMENTS = {
    "validate": ("check the data and list every problem", True, _no_arguments),
    "build": ("force a rebuild of the compiled store", True, _no_arguments),
    "search": ("search records", True, _search_arguments),
    "show": ("show records in full", True, _show_arguments),
    "export": ("export records", True, _export_arguments),
    "import": ("import records from another format into a new data folder", False, _import_arguments),
    "notes": ("your notes and bookmarks", True, _notes_arguments),
    "pack": ("data packs: build, verify, install, list, roll back (see README)", False, _pack_arguments),
    "diff": ("what changed between two packs or data folders", False, _diff_arguments),
}


def _command_of(argv: list[str]) -> str | None:
    """The command the arguments name, when only ``--data DIR`` options come before it; else None
    (help, ``--version``, an unknown command or an abbreviated option need the whole parser)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif not arg.startswith("--data="):
            return arg if arg in _COMMAND_ARGUMENTS else None
    return None


def parse(argv: list[str] | None) -> argparse.Namespace:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(_command_of(argv)).parse_args(argv)
    args.data = (args.data or []) + (getattr(args, "data_after", None) or []) or None
    if "" in (args.data or []):  # an unset shell variable: never read the working folder instead
        raise CliError("--data needs a folder, got an empty name", EXIT_USAGE)
    return args

"""The `ssrtui` command. Never imports Textual unless the interface is launched."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, schema

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_NO_TERMINAL = 4
EXIT_INTERNAL = 70


class CliError(Exception):
    """A one-line error for stderr with its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise CliError(f"{message} (see ssrtui --help)", EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", action="append", metavar="DIR", help="read records from DIR instead of the bundled data (repeatable)")
    parser = _Parser(prog="ssrtui", description="Offline reference on Security Sector Reform in Mali.", parents=[common])
    parser.add_argument("--version", action="version", version=f"ssrtui {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("validate", parents=[common], help="check the data and list every problem")
    sub.add_parser("build", parents=[common], help="force a rebuild of the compiled store")
    search = sub.add_parser("search", parents=[common], help="search records")
    search.add_argument("query", nargs="+")
    search.add_argument("--kind", choices=list(schema.KINDS))
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    show = sub.add_parser("show", parents=[common], help="show records in full")
    show.add_argument("ids", nargs="+", metavar="ID")
    show.add_argument("--json", action="store_true")
    export = sub.add_parser("export", parents=[common], help="export records")
    export.add_argument("--kind", choices=list(schema.KINDS))
    export.add_argument("--format", choices=["json", "csv", "markdown"], default="json")
    export.add_argument("--output", metavar="FILE")
    notes = sub.add_parser("notes", parents=[common], help="your notes and bookmarks")
    notes.add_argument("action", choices=["export"])
    notes.add_argument("--format", choices=["markdown", "json"], default="markdown")
    return parser


def _load(args):
    from .problems import DataError
    from .store import open_dataset

    try:
        data = open_dataset(args.data)
    except DataError as err:
        raise CliError("\n".join(str(p) for p in err.problems), EXIT_DATA) from None
    for warning in data.warnings[:1]:
        print(f"ssrtui: warning: {warning}", file=sys.stderr)
    return data


def cmd_validate(args) -> int:
    from .store import resolve_dirs
    from .validate import compile_data

    dirs = resolve_dirs(args.data)
    compiled = compile_data(dirs)
    for problem in sorted(compiled.problems):
        print(problem)
    if compiled.problems:
        print(f"{len(compiled.problems)} problem(s) in {len(compiled.files)} file(s)", file=sys.stderr)
        return EXIT_DATA
    print(f"ok: {len(compiled.records)} records in {len(compiled.files)} file(s)", file=sys.stderr)
    return EXIT_OK


def cmd_build(args) -> int:
    from .problems import DataError
    from .store import build, resolve_dirs, store_path

    dirs = resolve_dirs(args.data)
    try:
        records = build(dirs)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"ssrtui: build failed with {len(err.problems)} problem(s); the previous store is kept", file=sys.stderr)
        return EXIT_DATA
    print(f"built {len(records)} records into {store_path(dirs)}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", EXIT_USAGE)
    from .textsafe import printable

    data = _load(args)
    result = data.ask(" ".join(args.query), kind=args.kind, limit=args.limit)
    hits, answer = result.hits, result.answer
    if args.json:
        out = [{"id": r["id"], "kind": r["kind"], "name": r["name"], "score": s, "summary": r.get("summary", "")} for r, s in hits]
        if out and answer is not None:
            out[0]["answer"] = answer.as_json()
        print(json.dumps(out, ensure_ascii=False, indent=2))
        if result.suggestion:
            print(f"ssrtui: {printable(result.suggestion, keep_newlines=False)}", file=sys.stderr)
        return EXIT_OK
    if not hits:
        print(f"no matches; {printable(result.suggestion or '', keep_newlines=False)}", file=sys.stderr)
        return EXIT_OK
    if answer is not None:
        print(f"→ {printable(answer.line(), keep_newlines=False)}\n")
    width = max(len(r["id"]) for r, _ in hits)
    for rec, _ in hits:
        print(f"{rec['id']:<{width}}  {schema.KINDS[rec['kind']][1]:<15} {printable(rec['name'], keep_newlines=False)}")
    return EXIT_OK


def cmd_show(args) -> int:
    from . import render

    data = _load(args)
    missing = [i for i in args.ids if data.get(i) is None]
    if missing:
        suggestions = data.search(missing[0], limit=3)
        hint = f"; did you mean: {', '.join(r['id'] for r, _ in suggestions)}" if suggestions else ""
        raise CliError(f"no record with id '{missing[0]}'{hint}", EXIT_NOT_FOUND)
    records = [data.get(i) for i in args.ids]
    if args.json:
        out = []
        for rec in records:
            item = render.public(rec)
            item["backlinks"] = [{"from": b.source, "role": b.inverse} for b in data.backlinks.get(rec["id"], ())]
            out.append(item)
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(render.text(data, rec) for rec in records))
    return EXIT_OK


def cmd_export(args) -> int:
    from . import render

    data = _load(args)
    records = [r for r in data.ordered if args.kind is None or r["kind"] == args.kind]
    if args.format == "json":
        output = render.to_json(records) + "\n"
    elif args.format == "csv":
        output = render.to_csv(records)
    else:
        output = render.to_markdown(data, records)
    if args.output:
        from .atomic import write_text

        try:
            write_text(Path(args.output), output)
        except OSError as err:
            raise CliError(f"cannot write {args.output}: {err.strerror}", EXIT_USAGE) from None
        print(f"exported {len(records)} records to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return EXIT_OK


def cmd_notes(args) -> int:
    from .notes import NotesError, NotesStore

    try:
        store = NotesStore.default()
        for message in store.messages:
            print(f"ssrtui: {message}", file=sys.stderr)
        names = {}
        try:
            data = _load(args)
            names = {rid: rec["name"] for rid, rec in data.records.items()}
        except CliError:
            pass
        text = store.export(names, fmt=args.format)
    except NotesError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    print(text, end="")
    return EXIT_OK


def cmd_tui(args) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError("the interface needs an interactive terminal (try: ssrtui search QUERY)", EXIT_NO_TERMINAL)
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        raise CliError("TERM=dumb cannot show the interface (try: ssrtui search QUERY)", EXIT_NO_TERMINAL)
    from .tui.app import run

    return run(args.data)


COMMANDS = {
    "validate": cmd_validate,
    "build": cmd_build,
    "search": cmd_search,
    "show": cmd_show,
    "export": cmd_export,
    "notes": cmd_notes,
    None: cmd_tui,
}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except CliError as err:
        print(f"ssrtui: {err}" if err.code != EXIT_DATA else str(err), file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as err:  # never a traceback with record text in it
        print(f"ssrtui: internal error ({type(err).__name__}); please report it", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    sys.exit(main())

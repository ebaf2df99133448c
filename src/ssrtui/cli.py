"""The `ssrtui` command: what each command does with the data (the parser is `cliargs.py`, output and exit codes
`cliout.py`, the data-folder commands `cli_packs.py`). Never imports Textual unless the interface is launched."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from . import __version__, dates, schema
from .cli_packs import cmd_diff, cmd_import, cmd_pack
from .cliargs import parse
from .cliout import (EXIT_DATA, EXIT_INTERNAL, EXIT_NO_TERMINAL, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, CliError,
                     say, silence, tolerant_streams)
from .textsafe import path_text, printable


def _load(args, lazy: bool = False):
    """The dataset; ``lazy``: for a command that shows a few records (only those are parsed)."""
    from .problems import DataError
    from .store import open_dataset

    try:
        data = open_dataset(args.data, lazy=lazy)
    except DataError as err:
        raise CliError("\n".join(str(p) for p in err.problems), EXIT_DATA) from None
    notices = data.warnings[:1]
    if not args.data:  # the user's own records lie over the active pack or the bundled data, not over --data
        from .userdata import overlay

        data, mine = overlay(data)
        notices += mine[:20] + ([f"your records: ... and {len(mine) - 20} more problem(s)"] if len(mine) > 20 else [])
    if data.cache_problem:
        notices.append(data.cache_problem)
    for notice in notices:
        say(f"ssrtui: warning: {printable(notice, keep_newlines=False)}", err=True)
    return data


def cmd_validate(args) -> int:
    from .store import resolve_dirs
    from .validate import compile_data

    dirs = resolve_dirs(args.data)
    compiled = compile_data(dirs)
    for problem in sorted(compiled.problems):
        say(str(problem))
    if compiled.problems:
        say(f"{len(compiled.problems)} problem(s) in {len(compiled.files)} file(s)", err=True)
        return EXIT_DATA
    say(f"ok: {len(compiled.records)} records in {len(compiled.files)} file(s)", err=True)
    return EXIT_OK


def cmd_build(args) -> int:
    from .problems import DataError
    from .store import build, resolve_dirs, store_path

    dirs = resolve_dirs(args.data)
    try:
        records, cache_problem = build(dirs)
    except DataError as err:
        for problem in err.problems:
            say(str(problem), err=True)
        say(f"ssrtui: build failed with {len(err.problems)} problem(s); the previous store is kept", err=True)
        return EXIT_DATA
    if cache_problem:
        say(f"ssrtui: warning: {cache_problem}", err=True)
        say(f"checked {len(records)} records; no store was written", err=True)
    else:
        say(f"built {len(records)} records into {path_text(store_path(dirs))}", err=True)
    return EXIT_OK


def cmd_search(args) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", EXIT_USAGE)
    data = _load(args, lazy=True)
    result = data.ask(" ".join(args.query), kind=args.kind, limit=args.limit)
    hits, answer = result.hits, result.answer
    if args.json:
        out = [{"id": r["id"], "kind": r["kind"], "name": r["name"], "score": s, "summary": r.get("summary", "")} for r, s in hits]
        if out and answer is not None:
            out[0]["answer"] = answer.as_json()
        say(json.dumps(out, ensure_ascii=False, indent=2))
        if result.suggestion:
            say(f"ssrtui: {printable(result.suggestion, keep_newlines=False)}", err=True)
        return EXIT_OK
    if not hits:
        say(f"no matches; {printable(result.suggestion or '', keep_newlines=False)}", err=True)
        return EXIT_OK
    if answer is not None:
        say(f"→ {printable(answer.line(), keep_newlines=False)}\n")
    width = max(len(r["id"]) for r, _ in hits)
    for rec, _ in hits:
        say(printable(f"{rec['id']:<{width}}  {schema.KINDS[rec['kind']][1]:<15} {rec['name']}", keep_newlines=False))
    return EXIT_OK


def cmd_show(args) -> int:
    from . import exports, render, writers

    data = _load(args, lazy=True)
    missing = [i for i in args.ids if data.get(i) is None]
    if missing:
        suggestions = data.search(missing[0], limit=3)
        hint = f"; did you mean: {', '.join(r['id'] for r, _ in suggestions)}" if suggestions else ""
        raise CliError(f"no record with id '{printable(missing[0], keep_newlines=False)}'{hint}", EXIT_NOT_FOUND)
    records = [data.get(i) for i in args.ids]
    if args.json:
        out = []
        for rec in records:
            item = exports.public(rec)
            item["backlinks"] = [{"from": b.source, "role": b.inverse} for b in data.backlinks.get(rec["id"], ())]
            if rec.get("_origin"):
                item["origin"] = rec["_origin"]
            out.append(item)
        say(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        say(printable("\n\n".join(writers.text(render.document(data, rec)) for rec in records)))
    return EXIT_OK


def _data_label(args) -> str | None:
    """Which data an export came from, when it is not a --data folder: the active pack, or the bundled data."""
    if args.data:
        return None
    from .packs import active, label

    pack = active()
    if pack is None:
        return f"the data bundled with ssrtui {__version__}"
    return f"{label(pack)}, current to {dates.display(pack.manifest.get('current_to')) or '?'}"


def cmd_export(args) -> int:
    from . import exports

    data = _load(args)
    records = [r for r in data.ordered if args.kind is None or r["kind"] == args.kind]
    label = _data_label(args)
    if args.format == "json":
        output = exports.to_json(records, label) + "\n"
    elif args.format == "csv":
        output = exports.to_csv(records, label)
    else:
        output = exports.to_markdown(data, records)
        if label:
            output = output.replace("\n\n", f"\n\nData: {label}\n\n", 1)
    if args.output:
        from .atomic import write_text

        try:
            write_text(Path(args.output), output)
        except OSError as err:
            raise CliError(f"cannot write {path_text(args.output)}: {err.strerror or err}", EXIT_USAGE) from None
        say(f"exported {len(records)} records to {path_text(args.output)}" + (printable(f" ({label})", keep_newlines=False) if label else ""), err=True)
    else:
        say(output, end="")
    return EXIT_OK


def cmd_notes(args) -> int:
    from .notes import NotesError, NotesStore

    try:
        store = NotesStore.default()
        for message in store.messages:
            say(f"ssrtui: {message}", err=True)
        names = {}
        try:
            data = _load(args)
            names = {rid: rec["name"] for rid, rec in data.records.items()}
        except CliError:
            pass
        text = store.export(names, fmt=args.format)
    except NotesError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    say(text, end="")
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
    "import": cmd_import,
    "pack": cmd_pack,
    "diff": cmd_diff,
    None: cmd_tui,
}


def main(argv: list[str] | None = None) -> int:
    tolerant_streams()
    try:
        args = parse(argv)
        return COMMANDS[args.command](args)
    except CliError as err:
        message = printable(str(err))
        say(f"ssrtui: {message}" if err.code != EXIT_DATA else message, err=True)
        return err.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a write not made through _say: nothing left to say to that reader
        silence(sys.stdout)
        return EXIT_OK
    except Exception as err:  # never a traceback with record text in it
        from . import crashlog

        log = crashlog.write(err)
        where = f" with {path_text(log)}" if log else ""
        say(f"ssrtui: internal error ({type(err).__name__}); please report it{where}", err=True)
        return EXIT_INTERNAL


def entry() -> None:
    code = main()
    for stream in (sys.stdout, sys.stderr):  # flush now: a closed pipe must not change the exit code at exit
        try:
            stream.flush()
        except (BrokenPipeError, AttributeError):
            silence(stream)
        except (OSError, ValueError):
            pass
    sys.exit(code)

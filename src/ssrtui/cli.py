"""The `ssrtui` command. Never imports Textual unless the interface is launched."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import __version__, dates, schema
from .textsafe import path_text, printable

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


DATA_HELP = "read records from DIR instead of the bundled data (repeatable)"


def _parser() -> argparse.ArgumentParser:
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
    imp = sub.add_parser("import", help="import records from another format into a new data folder")
    imp.add_argument("format", choices=["iati"], help="iati: IATI activity XML files (https://iatistandard.org)")
    imp.add_argument("files", nargs="+", metavar="FILE.xml")
    imp.add_argument("--output", required=True, metavar="DIR", help="the data folder to write (new, or an earlier import's)")
    imp.add_argument("--country", action="append", default=[], metavar="ISO2", help="keep activities in this recipient country (repeatable)")
    imp.add_argument("--sector", action="append", default=[], metavar="CODE-PREFIX", help="keep activities with a DAC sector code starting so (repeatable)")
    imp.add_argument("--link-to", action="append", default=[], metavar="DIR", help="link to records of this data folder ('bundled': the bundled data); use the output beside it")
    notes = sub.add_parser("notes", parents=[common], help="your notes and bookmarks")
    notes.add_argument("action", choices=["export"])
    notes.add_argument("--format", choices=["markdown", "json"], default="markdown")
    pack = sub.add_parser("pack", help="data packs: build, verify, install, list, roll back (see README)")
    pack_sub = pack.add_subparsers(dest="pack_action", required=True, parser_class=_Parser)
    pack_build = pack_sub.add_parser("build", parents=[common], help="write the data folders and their documents into one pack file")
    pack_build.add_argument("--output", required=True, metavar="FILE")
    pack_build.add_argument("--name", default="ssrtui-data", help="the pack's name (default: ssrtui-data)")
    pack_build.add_argument("--version", dest="pack_version", metavar="VERSION", help="the pack's version (default: today's date)")
    pack_sub.add_parser("verify", help="check a pack file's checksums and manifest").add_argument("file", metavar="FILE")
    pack_sub.add_parser("install", help="verify, validate and install a pack, and make it active").add_argument("file", metavar="FILE")
    pack_sub.add_parser("list", help="installed packs; the active one marked *").add_argument("--json", action="store_true")
    pack_sub.add_parser("rollback", help="make the previously active pack (or the bundled data) active again")
    diff = sub.add_parser("diff", help="what changed between two packs or data folders")
    diff.add_argument("old", metavar="OLD", help="a pack file or a data folder")
    diff.add_argument("new", metavar="NEW", help="a pack file or a data folder")
    diff.add_argument("--json", action="store_true")
    return parser


def _parse(argv: list[str] | None) -> argparse.Namespace:
    args = _parser().parse_args(argv)
    args.data = (args.data or []) + (getattr(args, "data_after", None) or []) or None
    if "" in (args.data or []):  # an unset shell variable: never read the working folder instead
        raise CliError("--data needs a folder, got an empty name", EXIT_USAGE)
    return args


def _say(text: str = "", err: bool = False, end: str = "\n") -> None:
    """Print a line; a reader that went away (`| head`) silences the stream instead of ending the command,
    so the command still returns its own exit code."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # started with that descriptor closed
        return
    try:
        print(text, file=stream, end=end)
    except BrokenPipeError:
        _silence(stream)


def _silence(stream) -> None:
    """Point a closed pipe's descriptor at /dev/null: later writes and the final flush succeed quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _tolerant_streams() -> None:
    """A terminal that cannot show a character gets an escape (``\\xef``), never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def _load(args):
    from .problems import DataError
    from .store import open_dataset

    try:
        data = open_dataset(args.data)
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
        _say(f"ssrtui: warning: {printable(notice, keep_newlines=False)}", err=True)
    return data


def cmd_validate(args) -> int:
    from .store import resolve_dirs
    from .validate import compile_data

    dirs = resolve_dirs(args.data)
    compiled = compile_data(dirs)
    for problem in sorted(compiled.problems):
        _say(str(problem))
    if compiled.problems:
        _say(f"{len(compiled.problems)} problem(s) in {len(compiled.files)} file(s)", err=True)
        return EXIT_DATA
    _say(f"ok: {len(compiled.records)} records in {len(compiled.files)} file(s)", err=True)
    return EXIT_OK


def cmd_build(args) -> int:
    from .problems import DataError
    from .store import build, resolve_dirs, store_path

    dirs = resolve_dirs(args.data)
    try:
        records, cache_problem = build(dirs)
    except DataError as err:
        for problem in err.problems:
            _say(str(problem), err=True)
        _say(f"ssrtui: build failed with {len(err.problems)} problem(s); the previous store is kept", err=True)
        return EXIT_DATA
    if cache_problem:
        _say(f"ssrtui: warning: {cache_problem}", err=True)
        _say(f"checked {len(records)} records; no store was written", err=True)
    else:
        _say(f"built {len(records)} records into {path_text(store_path(dirs))}", err=True)
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
        _say(json.dumps(out, ensure_ascii=False, indent=2))
        if result.suggestion:
            _say(f"ssrtui: {printable(result.suggestion, keep_newlines=False)}", err=True)
        return EXIT_OK
    if not hits:
        _say(f"no matches; {printable(result.suggestion or '', keep_newlines=False)}", err=True)
        return EXIT_OK
    if answer is not None:
        _say(f"→ {printable(answer.line(), keep_newlines=False)}\n")
    width = max(len(r["id"]) for r, _ in hits)
    for rec, _ in hits:
        _say(printable(f"{rec['id']:<{width}}  {schema.KINDS[rec['kind']][1]:<15} {rec['name']}", keep_newlines=False))
    return EXIT_OK


def cmd_show(args) -> int:
    from . import exports, render, writers

    data = _load(args)
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
        _say(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _say(printable("\n\n".join(writers.text(render.document(data, rec)) for rec in records)))
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
        _say(f"exported {len(records)} records to {path_text(args.output)}" + (printable(f" ({label})", keep_newlines=False) if label else ""), err=True)
    else:
        _say(output, end="")
    return EXIT_OK


def cmd_notes(args) -> int:
    from .notes import NotesError, NotesStore

    try:
        store = NotesStore.default()
        for message in store.messages:
            _say(f"ssrtui: {message}", err=True)
        names = {}
        try:
            data = _load(args)
            names = {rid: rec["name"] for rid, rec in data.records.items()}
        except CliError:
            pass
        text = store.export(names, fmt=args.format)
    except NotesError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    _say(text, end="")
    return EXIT_OK


def cmd_import(args) -> int:
    from .iati.importer import FilesRejected, UsageError, import_files
    from .paths import bundled_data_dir
    from .textsafe import path_text, printable
    from .validate import display_name

    link_to = [bundled_data_dir() if d == "bundled" else Path(d) for d in args.link_to]
    try:
        summary = import_files([Path(f) for f in args.files], Path(args.output), args.country, args.sector, link_to,
                               display=lambda p: path_text(display_name(p)))
    except FilesRejected as err:
        raise CliError("\n".join(printable(str(e), keep_newlines=False) for e in err.errors) + "\nssrtui: nothing imported", EXIT_DATA) from None
    except UsageError as err:
        raise CliError(printable(str(err), keep_newlines=False), EXIT_USAGE) from None
    for warning in summary.warnings[:100]:
        _say(f"warning: {printable(warning, keep_newlines=False)}", err=True)
    if len(summary.warnings) > 100:
        _say(f"warning: ... and {len(summary.warnings) - 100} more", err=True)
    skipped = sum(summary.skipped.values())
    _say(f"read {summary.read} activities from {summary.files} file(s): imported {summary.imported}, skipped {skipped}", err=True)
    for reason, count in summary.skipped.most_common():
        _say(f"  skipped {count}: {printable(reason, keep_newlines=False)}", err=True)
    kinds = ", ".join(f"{n} {schema.KINDS[k][1 if n == 1 else 0].lower()}" for k, n in sorted(summary.written.items()))
    _say(f"wrote {kinds or 'no records'} to {path_text(args.output)}"
         + (f"; {summary.linked} linked to --link-to records" if link_to else ""), err=True)
    if summary.warnings:
        _say(f"{len(summary.warnings)} warning(s): the values named were left out", err=True)
    return EXIT_OK


def cmd_pack(args) -> int:
    from . import packs

    try:
        if args.pack_action == "build":
            from .store import resolve_dirs

            dirs = resolve_dirs(args.data) if args.data else _build_dirs()
            version = args.pack_version or time.strftime("%Y.%m.%d")
            manifest = packs.build(dirs, Path(args.output), args.name, version)
            _say(f"built pack {manifest['name']} {manifest['version']}: {manifest['records']} records, "
                 f"{len(manifest['files'])} files, current to {dates.display(manifest['current_to']) or 'unknown'} -> {path_text(args.output)}", err=True)
        elif args.pack_action == "verify":
            manifest = packs.verify(Path(args.file))
            _say(f"ok: pack {manifest['name']} {manifest['version']}, {len(manifest['files'])} files, every checksum holds", err=True)
        elif args.pack_action == "install":
            pack = packs.install(Path(args.file))
            _say(f"installed pack {pack.manifest['name']} {pack.manifest['version']} (current to "
                 f"{dates.display(pack.manifest.get('current_to')) or 'unknown'}); it is now active", err=True)
            news = packs.recorded_news(pack)
            if news:
                _say(printable(f"since {news.get('since')}: {news['text'].splitlines()[0]} (ssrtui diff shows them)", keep_newlines=False), err=True)
        elif args.pack_action == "list":
            return _pack_list(packs, args.json)
        else:
            key = packs.rollback()
            _say(f"active: {key or 'the bundled data'}", err=True)
    except packs.PackError as err:
        raise CliError(printable(str(err)), EXIT_USAGE if isinstance(err, packs.OutputError) else EXIT_DATA) from None
    except OSError as err:  # no user folder, or it cannot be written
        raise CliError(f"cannot use the packs folder: {err.strerror or err}", EXIT_DATA) from None
    return EXIT_OK


def _build_dirs() -> list[Path]:
    """``pack build`` without --data packs the bundled data (never the active pack: that is already a pack)."""
    from .paths import bundled_data_dir

    return [bundled_data_dir()]


def _pack_list(packs, as_json: bool) -> int:
    current = packs.active()
    rows = [{"name": p.manifest.get("name"), "version": p.manifest.get("version"), "current_to": p.manifest.get("current_to"),
             "installed": p.installed_at, "active": current is not None and p.key == current.key} for p in packs.installed()]
    if as_json:
        _say(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        _say("no packs installed; using the bundled data", err=True)
    for row in rows:
        _say(printable(f"{'*' if row['active'] else ' '} {row['name']} {row['version']}  current to {dates.display(row['current_to']) or '?'}"
                       f"  installed {dates.display(row['installed']) or '?'}", keep_newlines=False))
    if rows and current is None:
        _say("active: the bundled data", err=True)
    return EXIT_OK


def cmd_diff(args) -> int:
    from . import diff

    try:
        changes = diff.compare(Path(args.old), Path(args.new))
    except diff.DiffError as err:
        raise CliError(printable(str(err)), EXIT_DATA) from None
    if args.json:
        _say(json.dumps(changes.as_json(), ensure_ascii=False, indent=2))
    else:
        _say(printable(changes.text()), end="")
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
    _tolerant_streams()
    try:
        args = _parse(argv)
        return COMMANDS[args.command](args)
    except CliError as err:
        message = printable(str(err))
        _say(f"ssrtui: {message}" if err.code != EXIT_DATA else message, err=True)
        return err.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a write not made through _say: nothing left to say to that reader
        _silence(sys.stdout)
        return EXIT_OK
    except Exception as err:  # never a traceback with record text in it
        from . import crashlog

        log = crashlog.write(err)
        where = f" with {path_text(log)}" if log else ""
        _say(f"ssrtui: internal error ({type(err).__name__}); please report it{where}", err=True)
        return EXIT_INTERNAL


def entry() -> None:
    code = main()
    for stream in (sys.stdout, sys.stderr):  # flush now: a closed pipe must not change the exit code at exit
        try:
            stream.flush()
        except (BrokenPipeError, AttributeError):
            _silence(stream)
        except (OSError, ValueError):
            pass
    sys.exit(code)

"""`ssrtui import`, `pack` and `diff`: the commands that make, install or compare data folders."""

from __future__ import annotations

import json
import time
from pathlib import Path

from . import dates, schema
from .cliout import EXIT_DATA, EXIT_OK, EXIT_USAGE, CliError, say
from .textsafe import path_text, printable

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
        say(f"warning: {printable(warning, keep_newlines=False)}", err=True)
    if len(summary.warnings) > 100:
        say(f"warning: ... and {len(summary.warnings) - 100} more", err=True)
    skipped = sum(summary.skipped.values())
    say(f"read {summary.read} activities from {summary.files} file(s): imported {summary.imported}, skipped {skipped}", err=True)
    for reason, count in summary.skipped.most_common():
        say(f"  skipped {count}: {printable(reason, keep_newlines=False)}", err=True)
    kinds = ", ".join(f"{n} {schema.KINDS[k][1 if n == 1 else 0].lower()}" for k, n in sorted(summary.written.items()))
    say(f"wrote {kinds or 'no records'} to {path_text(args.output)}"
         + (f"; {summary.linked} linked to --link-to records" if link_to else ""), err=True)
    if summary.warnings:
        say(f"{len(summary.warnings)} warning(s): the values named were left out", err=True)
    return EXIT_OK


def cmd_pack(args) -> int:
    from . import packfile, packs

    try:
        if args.pack_action == "build":
            from .store import resolve_dirs

            dirs = resolve_dirs(args.data) if args.data else _build_dirs()
            version = args.pack_version or time.strftime("%Y.%m.%d")
            manifest = packfile.build(dirs, Path(args.output), args.name, version)
            say(f"built pack {manifest['name']} {manifest['version']}: {manifest['records']} records, "
                 f"{len(manifest['files'])} files, current to {dates.display(manifest['current_to']) or 'unknown'} -> {path_text(args.output)}", err=True)
        elif args.pack_action == "verify":
            manifest = packfile.verify(Path(args.file))
            say(f"ok: pack {manifest['name']} {manifest['version']}, {len(manifest['files'])} files, every checksum holds", err=True)
        elif args.pack_action == "install":
            pack = packs.install(Path(args.file))
            say(f"installed pack {pack.manifest['name']} {pack.manifest['version']} (current to "
                 f"{dates.display(pack.manifest.get('current_to')) or 'unknown'}); it is now active", err=True)
            news = packs.recorded_news(pack)
            if news:
                say(printable(f"since {news.get('since')}: {news['text'].splitlines()[0]} (ssrtui diff shows them)", keep_newlines=False), err=True)
        elif args.pack_action == "list":
            return _pack_list(packs, args.json)
        else:
            key = packs.rollback()
            say(f"active: {key or 'the bundled data'}", err=True)
    except packfile.PackError as err:
        raise CliError(printable(str(err)), EXIT_USAGE if isinstance(err, packfile.OutputError) else EXIT_DATA) from None
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
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        say("no packs installed; using the bundled data", err=True)
    for row in rows:
        say(printable(f"{'*' if row['active'] else ' '} {row['name']} {row['version']}  current to {dates.display(row['current_to']) or '?'}"
                       f"  installed {dates.display(row['installed']) or '?'}", keep_newlines=False))
    if rows and current is None:
        say("active: the bundled data", err=True)
    return EXIT_OK


def cmd_diff(args) -> int:
    from . import diff

    try:
        changes = diff.compare(Path(args.old), Path(args.new))
    except diff.DiffError as err:
        raise CliError(printable(str(err)), EXIT_DATA) from None
    if args.json:
        say(json.dumps(changes.as_json(), ensure_ascii=False, indent=2))
    else:
        say(printable(changes.text()), end="")
    return EXIT_OK

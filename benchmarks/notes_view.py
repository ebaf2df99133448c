"""The Notes view's search as you type (notebook.Finder), for many notes on the bundled data.

    python benchmarks/notes_view.py [--counts 100,1000,10000] [--repeat 7]

For each count of notes (spread over the bundled records, each a few sentences, with bookmarks on
every third record), it times: building the entries (what N pays on opening the view), the first
query (each entry's words folded once), then each keystroke of a query typed letter by letter
(``b``, ``bu``, ``bud``, ``budg``, ``budget``), and prints medians in ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

from ssrtui import notebook
from ssrtui.store import open_dataset

WORDS = ("budget mandate training gendarmes police ministry Ségou Gao Kidal réunion figures women "
         "deputy head mission check newer report question ask").split()


def fake_notes(data, count: int) -> tuple[dict, list[str]]:
    ids = [rec["id"] for rec in data.ordered]
    notes = {}
    for i in range(count):
        record_id = ids[i % len(ids)] if i < len(ids) else f"removed-{i}"
        text = " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(24))
        notes[record_id] = {"record": record_id, "text": text, "updated": f"2026-03-{1 + i % 28:02d} 10:{i % 60:02d}"}
    return notes, ids[::3]


def ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data = open_dataset(None)
    data.index  # noqa: B018 - built once, as the app has it by the time N is pressed
    print(f"{len(data)} records; medians of {args.repeat} runs, ms")
    print(f"{'notes':>7} {'entries':>8} {'1st query':>10} " + " ".join(f"{q!r:>9}" for q in ("b", "bu", "bud", "budg", "budget")))
    for count in (int(c) for c in args.counts.split(",")):
        notes, marks = fake_notes(data, count)
        build = ms(lambda: notebook.entries(data, notes, marks), args.repeat)
        found = notebook.entries(data, notes, marks)
        first = ms(lambda: notebook.Finder(data, found).find("budget"), args.repeat)
        finder = notebook.Finder(data, found)
        finder.find("x")  # words folded
        typed = [ms(lambda q=q: finder.find(q), args.repeat) for q in ("b", "bu", "bud", "budg", "budget")]
        print(f"{count:>7} {build:>8.2f} {first:>10.2f} " + " ".join(f"{t:>9.2f}" for t in typed))


if __name__ == "__main__":
    main()

"""Parsing a whole compiled store (what the interface does at start-up): json against msgspec.

    python benchmarks/store_parse.py [--sizes 10000,100000] [--repeat 5] [--store FILE ...]

Each parse runs in a fresh process with the cyclic collector paused (as ``storefile`` parses),
alternating json and msgspec; it prints the median seconds and the peak memory the parse added.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

PARSE = """
import gc, json, resource, sys, time
raw = open(sys.argv[1], "rb").read()
if sys.argv[2] == "msgspec":
    import msgspec.json
    parse = msgspec.json.decode
else:
    parse = json.loads
gc.disable()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
records = parse(raw)["records"]
took = time.perf_counter() - start
del raw
print(took, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, len(records))
"""


def compare(store: Path, repeat: int) -> None:
    runs: dict[str, list[tuple[float, float]]] = {"json": [], "msgspec": []}
    for _ in range(repeat):
        for parser in runs:
            out = subprocess.run([sys.executable, "-c", PARSE, str(store), parser], capture_output=True, text=True, check=True)
            took, grew, count = out.stdout.split()
            runs[parser].append((float(took), float(grew)))
    print(f"\n{store.name}: {int(count)} records, {store.stat().st_size / 1e6:.1f} MB")
    for parser, rows in runs.items():
        print(f"  {parser:<8} {statistics.median(r[0] for r in rows) * 1000:8.0f} ms   +{statistics.median(r[1] for r in rows):6.0f} MB peak")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--store", action="append", default=[], metavar="FILE", help="a compiled store to parse instead")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for store in args.store:
        compare(Path(store), args.repeat)
    if args.store:
        return
    root = Path(tempfile.mkdtemp(prefix="ssrtui-parse-"))
    os.environ.update(XDG_CACHE_HOME=str(root / "cache"), XDG_DATA_HOME=str(root / "share"))
    from ssrtui.store import build, store_path

    for size in (int(s) for s in args.sizes.split(",")):
        data = generate(size, root / f"data-{size}")
        build([data])
        compare(store_path([data]), args.repeat)


if __name__ == "__main__":
    main()

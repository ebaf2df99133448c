"""The typo step of search (issue #11): pure Python against rapidfuzz, on the index's vocabulary.

    python benchmarks/typos.py [--sizes 1000,100000] [--repeat 7] [--data DIR ...]

For the bundled data and each size (a synthetic dataset from generate.py, or the folders given),
it times side by side, in one process, the two typo steps of ``search``: ``candidates`` (the
words within one or two edits of a word that matches nothing, same first letter) and ``nearest``
("did you mean": up to three edits, the first or second letter kept):

- ``python``: the implementation before rapidfuzz (first-letter and length buckets built over the
  vocabulary on first use, then a Levenshtein in Python; "did you mean" capped at 4,000
  comparisons); the first call pays for the buckets, as a one-shot CLI run does;
- ``rapidfuzz``: ssrtui's ``typos`` module (the sorted vocabulary's slice for the first letter,
  scored by ``rapidfuzz.process.extract`` with ``Levenshtein.distance``).

It checks that both find the same candidates, and prints medians in ms, with the one-time cost of
importing rapidfuzz in a fresh process (what the first typo of a CLI run pays).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TYPOS = ["gendarmrie", "polise", "secuirty", "goverance", "reconcilation", "bamkao", "timbuktoo", "ministery",
         "cantonement", "parliment", "stratgy", "acountability", "logisitcs", "kidall", "eqipment"]
MAX_SUGGEST_COMPARISONS = 4000


def within_distance(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (early exit): the pure-Python one."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        best = i
        for j, cb in enumerate(b, start=1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


class PythonTypos:
    """The implementation before rapidfuzz: (first letter, length) buckets built on first use."""

    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.buckets: dict[tuple[str, int], list[str]] | None = None

    def _buckets(self) -> dict[tuple[str, int], list[str]]:
        if self.buckets is None:
            self.buckets = {}
            for token in self.vocab:
                self.buckets.setdefault((token[0], len(token)), []).append(token)
        return self.buckets

    def candidates(self, term: str) -> list[str]:
        limit = 1 if len(term) < 7 else 2
        buckets = self._buckets()
        return [token for length in range(len(term) - limit, len(term) + limit + 1)
                for token in buckets.get((term[0], length), ()) if within_distance(term, token, limit)]

    def nearest(self, term: str, weight) -> str | None:
        buckets = self._buckets()
        for limit in (1, 2, 3):
            found, compared = [], 0
            for first in dict.fromkeys(term[:2]):
                for length in range(len(term) - limit, len(term) + limit + 1):
                    for token in buckets.get((first, length), ()):
                        compared += 1
                        if compared > MAX_SUGGEST_COMPARISONS:
                            break
                        if within_distance(term, token, limit):
                            found.append(token)
            if found:
                return max(found, key=lambda t: (weight(t), t))
        return None


def first_and_later(call, repeat: int, fresh) -> tuple[float, float]:
    """Seconds per word: the first call on fresh state (what one CLI run pays), the median of later ones."""
    firsts, laters = [], []
    for _ in range(repeat):
        state = fresh()
        for n, term in enumerate(TYPOS):
            start = time.perf_counter()
            call(state, term)
            (firsts if n == 0 else laters).append(time.perf_counter() - start)
    return statistics.median(firsts), statistics.median(laters)


def import_cost(repeat: int) -> float:
    """Median seconds to import rapidfuzz in a fresh process that has already imported what ssrtui's CLI imports."""
    code = ("import time, typing, re, json, pathlib, argparse, tinydb; t = time.perf_counter(); "
            "from rapidfuzz import process; from rapidfuzz.distance import Levenshtein; print(time.perf_counter() - t)")
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
                             for _ in range(repeat))


def measure(label: str, data_dirs, repeat: int) -> None:
    from ssrtui import typos
    from ssrtui.store import open_dataset

    index = open_dataset(data_dirs).index
    vocab = list(index.vocab)
    weight = lambda token: len(index.postings[token])  # noqa: E731
    typos.candidates(vocab, "warmup")  # rapidfuzz imported: its import is measured apart
    same = all(sorted(PythonTypos(vocab).candidates(t)) == sorted(typos.candidates(vocab, t)) for t in TYPOS)
    print(f"\n{label}: {len(vocab)} indexed words; both find the same candidates: {'yes' if same else 'NO'}")
    rows = [
        ("candidates", "python", lambda state, t: state.candidates(t), lambda: PythonTypos(vocab)),
        ("candidates", "rapidfuzz", lambda state, t: typos.candidates(vocab, t), lambda: None),
        ("did you mean", "python", lambda state, t: state.nearest(t, weight), lambda: PythonTypos(vocab)),
        ("did you mean", "rapidfuzz", lambda state, t: typos.nearest(vocab, t, weight), lambda: None),
    ]
    for step, name, call, fresh in rows:
        first, later = first_and_later(call, repeat, fresh)
        print(f"  {step:<13} {name:<10} first word {first * 1000:8.2f} ms   later words (median) {later * 1000:7.2f} ms")
    differ = [(t, PythonTypos(vocab).nearest(t, weight), typos.nearest(vocab, t, weight)) for t in TYPOS]
    differ = [d for d in differ if d[1] != d[2]]
    print(f"  did-you-mean answers that differ (the Python one stopped at {MAX_SUGGEST_COMPARISONS} comparisons): {differ or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data", action="append", default=[], metavar="DIR", help="measure this data folder instead of generating")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ssrtui-typos-"))
    os.environ.setdefault("XDG_CACHE_HOME", str(root / "cache"))
    os.environ.setdefault("XDG_DATA_HOME", str(root / "share"))
    print(f"importing rapidfuzz in a fresh process: {import_cost(args.repeat) * 1000:.1f} ms (median; paid by the first typo of a run)")
    measure("bundled data", None, args.repeat)
    for folder in args.data:
        measure(folder, [Path(folder)], args.repeat)
    for size in (int(s) for s in args.sizes.split(",") if s and not args.data):
        measure(f"{size} records", [generate(size, root / f"data-{size}")], args.repeat)


if __name__ == "__main__":
    main()

"""Synthetic datasets in the real YAML format (1k, 10k, 100k records) for the benchmarks.

Usage: python benchmarks/generate.py N OUTDIR   -> OUTDIR/data/*.yaml and OUTDIR/seeds/doc.txt
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

KINDS = ["event"] * 6 + ["mission", "force", "donor", "institution", "programme", "group", "person"]
WORDS = (
    "security sector reform police gendarmerie justice court ministry mission training border governance "
    "oversight accountability community dialogue reconciliation prison lawyer budget donor programme "
    "northern central southern region intercommunal violence militia ceasefire cantonment election "
    "parliament decree strategy partnership capacity logistics equipment redeployment human rights gender"
).split()
PLACES = ["Bamako", "Gao", "Timbuktu", "Kidal", "Mopti", "Ségou", "Ménaka", "Sikasso", "Kayes", "Taoudenni"]
RECORDS_PER_FILE = 5000
DOC = "Synthetic source document for benchmarks.\n" + "\n".join(
    f"Passage {i}: the {w} of {p} was reviewed." for i, (w, p) in enumerate(zip(WORDS * 3, PLACES * 10, strict=False))
)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(count: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    data = out / "data"
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    (out / "seeds" / "doc.txt").write_text(DOC, encoding="utf-8")
    passages = [line.split(": ", 1)[1] for line in DOC.splitlines()[1:]]
    ids = [f"{KINDS[i % len(KINDS)]}-{i}" for i in range(count)]
    lines_by_file: list[list[str]] = []
    header = ["- id: src-doc", "  kind: source", "  name: Synthetic source", "  path: seeds/doc.txt"]
    for start in range(0, count, RECORDS_PER_FILE):
        lines = header[:] if start == 0 else []
        header = []
        for i in range(start, min(count, start + RECORDS_PER_FILE)):
            kind = KINDS[i % len(KINDS)]
            words = rng.sample(WORDS, 6)
            place = rng.choice(PLACES)
            name = f"{words[0].capitalize()} {words[1]} in {place} {i}"
            lines += [f"- id: {ids[i]}", f"  kind: {kind}", f"  name: {quote(name)}"]
            if i % 3 == 0:
                lines.append(f"  aliases: [{quote(words[2].upper()[:4] + str(i))}]")
            lines.append(f"  summary: {quote(' '.join(rng.sample(WORDS, 12)) + f' near {place}.')}")
            year = 1960 + rng.randrange(66)
            if kind == "event":
                lines.append(f"  date: \"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}\"")
            elif i % 2 == 0:
                lines += [f"  start: \"{year}\"", f"  end: \"{min(2030, year + rng.randrange(1, 10))}\"", "  status: ended", f"  status_as_of: \"{min(2030, year + 10)}\""]
            if kind == "force" or i % 11 == 0:
                lines += ["  figures:", f"    - {{label: Personnel, value: {rng.randrange(100, 20000)}, year: {year}}}"]
            targets = [ids[rng.randrange(count)] for _ in range(2)]
            targets = [t for t in targets if t != ids[i]]
            if targets:
                lines.append("  links:")
                lines += [f"    - {{to: {t}, role: {rng.choice(['involves', 'supports', 'linked-to'])}}}" for t in targets]
            lines += ["  sources:", f"    - {{source: src-doc, quote: {quote(rng.choice(passages))}}}"]
        lines_by_file.append(lines)
    for n, lines in enumerate(lines_by_file):
        (data / f"part-{n:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    target = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(target)

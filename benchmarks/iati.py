"""Benchmark `ssrtui import iati`: a generated file of N activities, imported, validated, searched.

    python benchmarks/iati.py [--activities 20000] [--keep DIR]

Prints the file size and, each in a fresh process with its own XDG folders: the import, the
validation of the output (`ssrtui validate --data DIR`), and the first `ssrtui search --data DIR x`
(which compiles the store) and a second one (warm). The generator is also used by the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DONORS = [("XM-DAC-7", "Netherlands - Ministry of Foreign Affairs"), ("DK-1", "Ministry of Foreign Affairs of Denmark"),
          ("XI-IATI-EC_INTPA", "European Union"), ("XM-DAC-5", "Germany - Federal Ministry for Economic Cooperation and Development"),
          ("GB-GOV-1", "UK - Foreign, Commonwealth & Development Office"), ("SE-0", "Sweden"), ("CA-3", "Global Affairs Canada")]
IMPLEMENTERS = [(f"XM-OCHA-{n:03d}", f"Implementing partner {n} for justice & security") for n in range(60)] + [
    ("XM-DAC-41114", "United Nations Development Programme"), ("", "Association malienne des droits de l'homme")]
COUNTRIES = ["ML", "NE", "BF", "TD", "MR", "SN"]
SECTORS = ["15210", "15220", "15130", "15132", "15134", "15240", "15160", "15110", "11220", "12220", "31120"]
WORDS = ("support reform police gendarmerie justice courts oversight civilian security sector training community "
         "dialogue prisons border management accountability parliament human rights women youth").split()


def activity(i: int, rnd: random.Random) -> str:
    ident = f"XM-DAC-7-BENCH-{i:06d}"
    donor_ref, donor = rnd.choice(DONORS)
    impl_ref, impl = rnd.choice(IMPLEMENTERS)
    words = " ".join(rnd.choice(WORDS) for _ in range(40))
    start = rnd.randint(2008, 2024)
    end = start + rnd.randint(1, 6)
    countries = rnd.sample(COUNTRIES, rnd.randint(1, 2))
    sectors = rnd.sample(SECTORS, 2)
    lines = [
        f' <iati-activity xml:lang="en" default-currency="EUR" last-updated-datetime="2024-0{rnd.randint(1, 9)}-01T00:00:00Z">',
        f"  <iati-identifier>{ident}</iati-identifier>",
        f'  <reporting-org ref="{donor_ref}" type="10"><narrative>{donor.replace("&", "&amp;")}</narrative></reporting-org>',
        f"  <title><narrative>Programme {i}: {' '.join(rnd.choice(WORDS) for _ in range(6))} &amp; {rnd.choice(WORDS)}</narrative>",
        f'   <narrative xml:lang="fr">Programme {i} : appui à la réforme</narrative></title>',
        f'  <description type="1"><narrative>{words}.</narrative></description>',
        f'  <participating-org ref="{donor_ref}" role="1" type="10"><narrative>{donor.replace("&", "&amp;")}</narrative></participating-org>',
        f'  <participating-org{f" ref={chr(34)}{impl_ref}{chr(34)}" if impl_ref else ""} role="4" type="21"><narrative>{impl.replace("&", "&amp;")}</narrative></participating-org>',
        f'  <activity-status code="{2 if end >= 2025 else 4}"/>',
        f'  <activity-date iso-date="{start}-01-01" type="1"/>',
        f'  <activity-date iso-date="{start}-03-01" type="2"/>',
        f'  <activity-date iso-date="{end}-12-31" type="3"/>',
    ]
    if end < 2025:
        lines.append(f'  <activity-date iso-date="{end + 1}-06-30" type="4"/>')
    share = 100 // len(countries)
    lines += [f'  <recipient-country code="{c}" percentage="{share}"/>' for c in countries]
    lines += [f'  <sector code="{s}" vocabulary="1" percentage="50"/>' for s in sectors]
    for year in range(start, min(end, start + 3) + 1):
        lines.append(f'  <budget type="1"><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/>'
                     f'<value value-date="{year}-01-01">{rnd.randint(100, 5000) * 1000}</value></budget>')
    for _ in range(6):
        year = rnd.randint(start, end)
        lines.append(f'  <transaction><transaction-type code="{rnd.choice("234")}"/><transaction-date iso-date="{year}-0{rnd.randint(1, 9)}-15"/>'
                     f'<value value-date="{year}-01-01">{rnd.randint(10, 900) * 1000}</value></transaction>')
    if i % 10:
        lines.append(f'  <related-activity ref="XM-DAC-7-BENCH-{i - i % 10:06d}" type="1"/>')
    lines.append(" </iati-activity>")
    return "\n".join(lines) + "\n"


def write_activities(path: Path, count: int, seed: int = 7) -> Path:
    """Write an IATI 2.03 file of ``count`` activities (parents every tenth, the rest their children)."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2024-10-01T00:00:00Z">\n')
        for i in range(count):
            handle.write(activity(i, rnd))
        handle.write("</iati-activities>\n")
    return path


def timed(argv: list[str], env: dict) -> float:
    begin = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - begin
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[:4])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=20000)
    parser.add_argument("--keep", metavar="DIR", help="write the file and the output here and keep them")
    args = parser.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ssrtui-iati-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(root / "cache"), XDG_DATA_HOME=str(root / "share"))
    exe = [sys.executable, "-m", "ssrtui"]
    xml = write_activities(root / "activities.xml", args.activities)
    out = root / "out"
    print(f"file: {args.activities} activities, {xml.stat().st_size / 1e6:.1f} MB")
    print(f"import iati:                 {timed(exe + ['import', 'iati', str(xml), '--output', str(out)], env):6.1f} s")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"output: {size / 1e6:.1f} MB in {sum(1 for p in out.rglob('*') if p.is_file())} files")
    print(f"validate --data DIR:         {timed(exe + ['validate', '--data', str(out)], env):6.1f} s")
    print(f"search --data DIR (builds):  {timed(exe + ['search', '--data', str(out), 'x'], env):6.1f} s")
    print(f"search --data DIR (warm):    {timed(exe + ['search', '--data', str(out), 'police'], env):6.1f} s")
    if not args.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

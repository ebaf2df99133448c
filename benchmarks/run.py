"""ssrtui benchmarks: run on demand, print medians. Not part of the test suite.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 5] [--quick] [--baseline OTHER_VENV/bin/python]

Generates synthetic datasets in the real YAML format (benchmarks/generate.py) under a temporary
folder, with its own XDG cache and data folders, and prints one line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

EXE = Path(sys.executable).with_name("ssrtui")
QUERIES = ["gendarmerie", "security reform", "bamako 2012", "polise", "ministry of justice", "ceasefire gao"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(value: float) -> str:
    return f"{value * 1000:8.1f} ms"


def report(name: str, value: str, note: str = "") -> None:
    print(f"{name:<58} {value}{('  ' + note) if note else ''}", flush=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def env_for(root: Path) -> dict:
    # PYTHONDONTWRITEBYTECODE would make every run recompile ssrtui from source (~40 ms): an
    # installed package has its bytecode, so the first run writes it and the measured runs use it
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    env.update(XDG_CACHE_HOME=str(root / "cache"), XDG_DATA_HOME=str(root / "share"), TERM="xterm-256color")
    return env


# --- start-up ---------------------------------------------------------------------------
def headless_start(mode: str, data: Path | None, env: dict, repeat: int, python: str = sys.executable) -> tuple[float, float, float]:
    """Launch to first paint, to records on screen, to search ready (index loaded or built)."""
    paints, readies, searches = [], [], []
    for _ in range(repeat):
        run_env = dict(env, BENCH_T0=repr(time.time()))
        args = [python, str(HERE / "startup_probe.py"), mode] + ([str(data)] if data else [])
        out = subprocess.run(args, capture_output=True, text=True, env=run_env, timeout=300).stdout.strip().splitlines()
        marks = json.loads(out[-1])
        paints.append(marks["first_paint"])
        readies.append(marks["ready"])
        searches.append(marks["search_ready"])
    return median(paints), median(readies), median(searches)


def tmux_start(command: list[str], needle: str, env: dict, repeat: int) -> float:
    times = []
    for n in range(repeat):
        name = f"ssrtui-bench-{os.getpid()}-{n}"
        shell = "env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items() if k.startswith(("XDG_", "TERM"))) + " " + " ".join(command)
        start = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "140", "-y", "44", shell], check=True)
        try:
            while time.perf_counter() - start < 120:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
                if needle in screen:
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.005)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    return median(times)


# --- compile, warm start, memory ----------------------------------------------------------
def compile_vs_parse(data: Path, env: dict, repeat: int) -> tuple[float, float]:
    code_parse = (
        "import time,yaml,sys; from ssrtui.datafolder import yaml_files; t=time.perf_counter(); "
        f"[yaml.load(f.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader) for f in yaml_files([__import__('pathlib').Path({str(data)!r})])[0]]; "
        "print(time.perf_counter()-t)"
    )
    code_build = (
        "import time; from pathlib import Path; from ssrtui.store import build; t=time.perf_counter(); "
        f"build([Path({str(data)!r})]); print(time.perf_counter()-t)"
    )
    parse = [float(subprocess.run([sys.executable, "-c", code_parse], capture_output=True, text=True, env=env, check=True).stdout) for _ in range(repeat)]
    build = [float(subprocess.run([sys.executable, "-c", code_build], capture_output=True, text=True, env=env, check=True).stdout) for _ in range(repeat)]
    return median(build), median(parse)


def warm_start(data: Path, env: dict, repeat: int) -> tuple[float, float]:
    """Whole process: import, read the compiled store, build the index; and peak RSS."""
    code = (
        "import time,resource; t=time.perf_counter(); from ssrtui.store import open_dataset; "
        f"d=open_dataset([{str(data)!r}]); d.search('gendarmerie'); "
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split() for _ in range(repeat)]
    return median([float(r[0]) for r in runs]), max(float(r[1]) for r in runs) / 1024


def search_per_keystroke(data: Path) -> tuple[float, float]:
    from ssrtui.store import open_dataset

    dataset = open_dataset([data])
    times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            dataset.search(query[:end], limit=50)
            times.append(time.perf_counter() - start)
    times.sort()
    return median(times), times[int(len(times) * 0.95)]


#: Typed in the timeline's filter, letter by letter (each word cleared before the next).
TIMELINE_WORDS = ("ministry", "justice", "gendarmerie")


def tui_keystrokes(data: Path) -> tuple[float, float, float]:
    """Keystroke to settled screen (press + wait for idle) in the timeline filter and the palette; peak RSS.

    The floor (a key nothing is bound to, pressed and settled) is measured after each filter
    keystroke, so that both see the same moments of a busy machine; typing starts once the search
    index is loaded (its own figure is "search ready").
    """
    import resource

    from ssrtui.notes import NotesStore
    from ssrtui.store import open_dataset
    from ssrtui.tui.app import SSRApp

    dataset = open_dataset([data])

    async def settle(pilot, key: str) -> float:
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        return time.perf_counter() - start

    async def drive() -> tuple[list[float], list[float], list[float]]:
        app = SSRApp(dataset=dataset, notes=NotesStore(Path(tempfile.mkdtemp()) / "n.json"))
        filt, palette, idle = [], [], []
        async with app.run_test(size=(140, 44)) as pilot:
            await app.ready.wait()
            await asyncio.to_thread(lambda: dataset.index)
            await pilot.pause()
            await pilot.press("4", "slash")
            for word in TIMELINE_WORDS:
                for ch in word:
                    filt.append(await settle(pilot, ch))
                    idle.append(await settle(pilot, "f12"))
                await pilot.press("ctrl+u")
                await pilot.pause()
            await pilot.press("escape", "ctrl+p")
            await pilot.pause()
            for ch in "gendarm":
                palette.append(await settle(pilot, ch))
        return filt, palette, idle

    filt, palette, idle = asyncio.run(drive())
    return median(filt), median(palette), median(idle), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tui_keystrokes_isolated(data: Path, env: dict) -> tuple[float, float, float, float]:
    """tui_keystrokes in a fresh process, so its peak memory is the TUI's own."""
    code = (
        f"import sys, json; sys.path.insert(0, {str(HERE)!r}); from run import tui_keystrokes; "
        f"from pathlib import Path; print(json.dumps(tui_keystrokes(Path({str(data)!r}))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=900)
    return tuple(json.loads(done.stdout.strip().splitlines()[-1]))


def cli_search_side_by_side(impls: dict[str, tuple[Path, dict]], repeat: int, data: Path | None = None) -> dict[str, float]:
    """``cli_search`` for each installation (label -> (its ssrtui, its env)), runs alternating."""
    commands = {label: ([str(exe), "search", "gendarmerie"] + (["--data", str(data)] if data else []), env)
                for label, (exe, env) in impls.items()}
    for command, env in commands.values():
        subprocess.run(command, capture_output=True, env=env, check=True)  # compile once
        subprocess.run(command, capture_output=True, env=env, check=True)  # the stats are vouched for once settled
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, (command, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env, check=True)
            times[label].append(time.perf_counter() - start)
    return {label: median(values) for label, values in times.items()}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def wait_until_settled(data: Path) -> None:
    """Warm runs are measured once the files are older than the window in which their times prove nothing."""
    from ssrtui.datafolder import SETTLED_NS

    newest = max(f.stat().st_ctime_ns for f in data.rglob("*") if f.is_file())
    time.sleep(max(0.0, (newest + SETTLED_NS - time.time_ns()) / 1e9 + 0.1))


SUMMARY: list[tuple[str, str, str, bool | None]] = []


def target(name: str, value: str, goal: str, met: bool | None) -> None:
    """One figure of issue #16 for the closing table."""
    SUMMARY.append((name, value, goal, met))


SIDE_BY_SIDE: list[tuple[str, str, str]] = []


class Run:
    """What every figure of one run shares: arguments, the temp folder, the environment, and the
    baseline installation measured side by side (``--baseline``), if any."""

    def __init__(self, args: argparse.Namespace, root: Path):
        self.args = args
        self.root = root
        self.env = env_for(root)
        self.sizes = [int(s) for s in args.sizes.split(",")]
        self.baseline: tuple[Path, dict] | None = None
        if args.baseline:
            # its own cache: two store formats in one cache would rebuild each other's store
            self.baseline = (Path(args.baseline).with_name("ssrtui"), dict(self.env, XDG_CACHE_HOME=str(root / "cache-baseline")))
        self.floor_paint = 0.0
        self.cli: dict[int, float] = {}

    def cli_search(self, repeat: int, data: Path | None = None) -> float:
        """This installation's warm ``ssrtui search``; the baseline's beside it when there is one."""
        impls = {"this": (EXE, self.env)} | ({"baseline": self.baseline} if self.baseline else {})
        found = cli_search_side_by_side(impls, repeat, data)
        if self.baseline:
            label = f"warm `ssrtui search gendarmerie`, {'bundled data' if data is None else data.parent.name}"
            SIDE_BY_SIDE.append((label, ms(found["baseline"]).strip(), ms(found["this"]).strip()))
        return found["this"]


def bundled_figures(run: Run) -> None:
    args, env = run.args, run.env
    bundled = run.cli_search(args.repeat * 2)
    report("ssrtui search (CLI, bundled data, whole process)", ms(bundled), "target ≤ 60 ms")
    target("`ssrtui search`, bundled data, whole process", ms(bundled).strip(), "≤ 60 ms", bundled <= 0.060)
    subprocess.run([str(EXE), "build"], capture_output=True, env=env, check=True)
    run.floor_paint, _, _ = headless_start("minimal", None, env, args.repeat)
    paint, ready, _ = headless_start("ssrtui", None, env, args.repeat)
    report("headless first paint: minimal Textual app (floor)", ms(run.floor_paint))
    report("headless first paint: ssrtui, bundled data", ms(paint), f"ratio {paint / run.floor_paint:.2f}")
    report("headless data on screen: ssrtui, bundled data", ms(ready))
    if shutil.which("tmux"):
        # a session that outlives the measured ones, so the tmux server never shuts down between them
        subprocess.run(["tmux", "new-session", "-d", "-s", f"ssrtui-bench-keeper-{os.getpid()}", "sleep 3600"], check=True)
        floor_tmux = tmux_start([sys.executable, str(HERE / "minimal_app.py")], "status: records", env, args.repeat)
        first_tmux = tmux_start([str(EXE)], "Missions", env, args.repeat)
        ready_tmux = tmux_start([str(EXE)], "records ·", env, args.repeat)
        report("tmux first screen: minimal Textual app (floor)", ms(floor_tmux))
        report("tmux first screen: ssrtui, bundled data", ms(first_tmux), f"ratio {first_tmux / floor_tmux:.2f} (target ≤ 1.05); {load()}")
        report("tmux data on screen: ssrtui, bundled data", ms(ready_tmux), f"ratio {ready_tmux / floor_tmux:.2f}")
        subprocess.run(["tmux", "kill-session", "-t", f"ssrtui-bench-keeper-{os.getpid()}"], capture_output=True)
        target("first screen in tmux / minimal app", f"{ms(first_tmux).strip()} / {ms(floor_tmux).strip()} ({first_tmux / floor_tmux:.2f}×)",
               "≤ 1.05×", first_tmux / floor_tmux <= 1.05)


def size_figures(run: Run, size: int) -> None:
    args, env, sizes = run.args, run.env, run.sizes
    print(f"\n{load()}")
    data = generate(size, run.root / f"data-{size}")
    repeat = min(args.repeat, 3)
    build, parse = compile_vs_parse(data, env, 1 if (args.quick and size >= 100_000) else repeat)
    report(f"[{size:>6}] compile store (validate + write, index)", ms(build))
    report(f"[{size:>6}] raw YAML parse (CSafeLoader)", ms(parse), f"ratio {build / parse:.2f} (target ≤ 1.2)")
    if size >= 100_000:
        target(f"compile {size} / raw CSafeLoader parse", f"{ms(build).strip()} / {ms(parse).strip()} ({build / parse:.2f}×)",
               "≤ 1.2×", build / parse <= 1.2)
    wait_until_settled(data)
    run.cli[size] = cli = run.cli_search(repeat if size >= 100_000 else args.repeat, data)
    first = run.cli[sizes[0]]
    report(f"[{size:>6}] ssrtui search (CLI, warm, whole process)", ms(cli), f"{cli / first:.1f}× the {sizes[0]} figure" if size != sizes[0] else "")
    if size != sizes[0]:
        goal = 3.0 if size <= 10_000 else 10.0
        target(f"warm `ssrtui search` {size} / {sizes[0]}", f"{ms(cli).strip()} / {ms(first).strip()} ({cli / first:.1f}×)",
               f"≤ {goal:.0f}×", cli / first <= goal)
    warm, rss = warm_start(data, env, repeat)
    report(f"[{size:>6}] warm start (import + load store + index)", ms(warm), f"peak {rss:.0f} MB")
    med, p95 = search_per_keystroke(data)
    report(f"[{size:>6}] core search per keystroke", ms(med), f"p95 {p95 * 1000:.1f} ms")
    if size >= 10_000:
        filt, palette, idle, tui_rss = tui_keystrokes_isolated(data, env)
        report(f"[{size:>6}] TUI unbound key, pressed and settled (floor)", ms(idle))
        report(f"[{size:>6}] TUI timeline filter, keystroke to screen", ms(filt), f"{(filt - idle) * 1000:.1f} ms above the floor")
        report(f"[{size:>6}] TUI palette, keystroke to screen", ms(palette), f"{(palette - idle) * 1000:.1f} ms above the floor; peak {tui_rss:.0f} MB")
        if size >= 100_000:
            target(f"timeline filter {size}, above the floor", f"{(filt - idle) * 1000:.0f} ms", "≤ 50 ms", filt - idle <= 0.050)
            target(f"interface peak memory {size}", f"{tui_rss:.0f} MB", "≤ 500 MB", tui_rss <= 500)
    interface_start(run, size, data)


def interface_start(run: Run, size: int, data: Path) -> None:
    """Headless start-up on ``data``: this installation, then (side by side) the baseline."""
    repeat, floor = min(run.args.repeat, 3), run.floor_paint
    impls = [("this", sys.executable, run.env)] + ([("baseline", str(run.baseline[0].with_name("python")), run.baseline[1])] if run.baseline else [])
    found = {label: headless_start("ssrtui", data, env, repeat, python) for label, python, env in impls}
    paint, ready, searchable = found["this"]
    report(f"[{size:>6}] headless first paint / records on screen / search ready",
           f"{ms(paint)} / {ms(ready).strip()} / {ms(searchable).strip()}", f"minimal app {ms(floor).strip()}")
    if run.baseline:
        SIDE_BY_SIDE.append((f"interface {size}, headless: records on screen / search ready",
                             " / ".join(ms(v).strip() for v in found["baseline"][1:]), f"{ms(ready).strip()} / {ms(searchable).strip()}"))
    if size >= 100_000:
        target(f"interface {size}: records on screen", f"{ms(ready).strip()} ({ready / floor:.1f}× the minimal app's first paint)", "≤ 1.0 s", ready <= 1.0)
        target(f"interface {size}: search ready", f"{ms(searchable).strip()} ({searchable / floor:.1f}× the minimal app's first paint)",
               "≤ 1.5 s", searchable <= 1.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer repeats for the slow 100k compile")
    parser.add_argument("--baseline", metavar="PYTHON", help="another installation's python (e.g. main's venv), measured side by side "
                                                             "for warm `ssrtui search` and the interface's start-up")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ssrtui-bench-"))
    run = Run(args, root)
    os.environ.update(XDG_CACHE_HOME=run.env["XDG_CACHE_HOME"], XDG_DATA_HOME=run.env["XDG_DATA_HOME"])
    print(f"machine: {machine()}")
    print(f"medians of {args.repeat} runs unless noted; temp folder {root}; {load()}\n")
    try:
        bundled_figures(run)
        for size in run.sizes:
            size_figures(run, size)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        print(f"\nat the end: {load()}")
        if SUMMARY:
            print("\n| figure | value | target | met? |\n| --- | --- | --- | --- |")
            for name, value, goal, met in SUMMARY:
                print(f"| {name} | {value} | {goal} | {'yes' if met else 'no'} |")
        if SIDE_BY_SIDE:
            print("\n| side by side, same run, alternating | baseline | this installation |\n| --- | --- | --- |")
            for name, before, after in SIDE_BY_SIDE:
                print(f"| {name} | {before} | {after} |")


if __name__ == "__main__":
    main()

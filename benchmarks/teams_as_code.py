#!/usr/bin/env python3
"""How long linting an org model kept as code takes where it lives.

    python benchmarks/teams_as_code.py            # the copies in tests/data/realdata
    python benchmarks/teams_as_code.py FOLDER...  # any rust-lang/team, sigs.yaml or Backstage folder

For each folder: the median wall time of ``orgcheck lint FOLDER`` over 5 runs (the
whole command), of the ``orgcheck-folder`` pre-commit hook's command as pre-commit
runs it (``orgcheck lint`` in the folder, no file names: ``pass_filenames: false``),
of ``orgcheck --version`` (the interpreter's and orgcheck's start, which every run
pays), and of the reader alone (reading and scanning every file into one Document),
with the files, people, units and memberships it read. A pre-commit hook on the
rust-lang/team layout (about 900 files) should finish in under a second (issue 24,
item 4).
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT / "tests" / "data" / "realdata"
DEFAULT = [REALDATA / "rust-lang-team", REALDATA / "kubernetes-community", REALDATA / "backstage-acme"]


def orgcheck() -> list[str]:
    script = Path(sys.executable).with_name("orgcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "orgcheck"]


def median_wall(command: list[str], runs: int = 5, cwd: Path | None = None) -> tuple[float, float]:
    """The median wall time, and the median CPU time (user + system) of the command:
    on a shared machine the wall time waits for a core, the CPU time does not."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def read_once(folder: Path) -> tuple[float, dict]:
    from orgcheck.api.manager import load_plugins
    from orgcheck.io.document import Source

    plugins = load_plugins()
    start = time.perf_counter()
    document = plugins.load_source(Source(str(folder), b""), {})
    elapsed = time.perf_counter() - start
    if document is None:  # not one reader's folder: the walk finds the models in it
        return elapsed, {"files": sum(len(names) for _, _, names in os.walk(folder))}
    data = document.data or {}
    units = data.get("units", [])
    memberships = sum(len(u.get("members", [])) for u in units) + sum(
        len(p.get("member_of", [])) for p in data.get("people", []))
    files = sum(len(names) for _, _, names in os.walk(folder))
    return elapsed, {"files": files, "people": len(data.get("people", [])), "units": len(units),
                     "listed memberships": memberships}


def main(argv: list[str]) -> None:
    wall, cpu = median_wall([*orgcheck(), "--version"])
    print(f"orgcheck --version: {wall:.2f} s wall, {cpu:.2f} s CPU (medians of 5): the start every run pays")
    for folder in [Path(a).resolve() for a in argv] or DEFAULT:
        wall, cpu = median_wall([*orgcheck(), "lint", str(folder)])
        hook, hook_cpu = median_wall([*orgcheck(), "lint"], cwd=folder)
        reader, counts = read_once(folder)
        figures = ", ".join(f"{v} {k}" for k, v in counts.items())
        print(f"{folder.name}: lint {wall:.2f} s wall, {cpu:.2f} s CPU; the orgcheck-folder hook's command "
              f"{hook:.2f} s wall, {hook_cpu:.2f} s CPU (medians of 5); reader {reader:.3f} s; {figures}")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""How long linting an org model kept as code takes where it lives.

    python benchmarks/teams_as_code.py            # the copies in tests/data/realdata
    python benchmarks/teams_as_code.py FOLDER...  # any rust-lang/team or Backstage folder

For each folder: the median wall time of ``orgcheck lint FOLDER`` over 5 runs (the
whole command, as a pre-commit hook runs it), and of the reader alone (reading and
scanning every file into one Document), with the files, people, units and
memberships it read. A pre-commit hook on the rust-lang/team layout (about 900
files) should finish in under a second (issue 24, item 4).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT / "tests" / "data" / "realdata"
DEFAULT = [REALDATA / "rust-lang-team", REALDATA / "backstage-acme"]


def orgcheck() -> list[str]:
    script = Path(sys.executable).with_name("orgcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "orgcheck"]


def median_wall(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_once(folder: Path) -> tuple[float, dict]:
    from orgcheck.api.manager import load_plugins
    from orgcheck.io.document import Source

    plugins = load_plugins()
    start = time.perf_counter()
    document = plugins.load_source(Source(str(folder), b""), {})
    elapsed = time.perf_counter() - start
    data = document.data or {}
    units = data.get("units", [])
    memberships = sum(len(u.get("members", [])) for u in units) + sum(
        len(p.get("member_of", [])) for p in data.get("people", []))
    files = sum(len(names) for _, _, names in os.walk(folder))
    return elapsed, {"files": files, "people": len(data.get("people", [])), "units": len(units),
                     "listed memberships": memberships}


def main(argv: list[str]) -> None:
    for folder in [Path(a) for a in argv] or DEFAULT:
        lint = median_wall([*orgcheck(), "lint", str(folder)])
        reader, counts = read_once(folder)
        figures = ", ".join(f"{v} {k}" for k, v in counts.items())
        print(f"{folder.name}: lint {lint:.2f} s (median of 5), reader {reader:.3f} s; {figures}")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""The coordination network's cost, side by side with what it sits beside.

    python benchmarks/coordination.py --people 10000 --processes 200

On a generated model, prints the seconds of: the model's lint (all rules, no network),
the coordination measure alone (graph, Louvain clusters, betweenness), and `stats`
with and without it, as ratios to the lint measured in the same run. Figures only.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=200)
    args = parser.parse_args(argv)

    from generate import generate

    from orgcheck.config import Overrides
    from orgcheck.views.load import load

    with __import__("tempfile").TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.org.json"
        path.write_bytes(generate(args.people, args.processes, seed=7))
        start = time.perf_counter()
        loaded = load(str(path), Overrides(isolated=True))
        lint = time.perf_counter() - start
        start = time.perf_counter()
        import networkx  # noqa: F401  (its import, counted apart)

        imported = time.perf_counter() - start
        start = time.perf_counter()
        network = loaded.measures("coordination")
        measure = time.perf_counter() - start
    print(f"model: {args.people} people, {args.processes} processes; network: {network['nodes']} nodes, "
          f"{network['links']} links, {len(network['clusters'])} clusters")
    print(f"lint (read, validate, build, all rules): {lint:.2f} s")
    print(f"networkx import: {imported:.2f} s ({imported / lint:.2f}x lint)")
    print(f"coordination measure: {measure:.2f} s ({measure / lint:.2f}x lint)")
    import subprocess

    before = {m for m in sys.modules if m.startswith("networkx")}
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "orgcheck", "lint", "--isolated",
                          str(ROOT / "examples" / "healthy.org.json")], capture_output=True, text=True)
    print("lint imports networkx:", "yes" if "networkx" in out.stderr else "no", "" if before else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What plugins' schema fragments cost schema validation: none when no plugin
registers one, one walk of the document when one does.

    python benchmarks/fragments.py --people 100000

Prints the best of a few runs of ``schema.validate`` on a generated model: without
fragments, and with an ``x-bench`` fragment that every tenth person's data matches.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from orgcheck.io.json_document import load_json  # noqa: E402
from orgcheck.validate import schema  # noqa: E402

FRAGMENT = {"x-bench": {"type": "object", "properties": {"grade": {"type": "integer", "minimum": 1}},
                        "additionalProperties": False}}


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = subprocess.run([sys.executable, str(HERE / "generate.py"), "--people", str(args.people),
                           "--processes", str(max(4, args.people // 20)), "--seed", "1", "-o", "-"],
                          capture_output=True, check=True).stdout
    data = json.loads(text)
    for i, person in enumerate(data["people"]):
        if i % 10 == 0:
            person["x-bench"] = {"grade": 1 + i % 9}
    document = load_json("bench.org.json", json.dumps(data).encode())
    plain = best(lambda: schema.validate(document), args.runs)
    fragments = best(lambda: schema.validate(document, FRAGMENT), args.runs)
    found = len(schema.validate(document, FRAGMENT)) - len(schema.validate(document))
    print(f"{args.people} people, {len(data['people']) // 10} with x-bench data")
    print(f"schema.validate without fragments: {plain * 1000:8.1f} ms")
    print(f"schema.validate with one fragment: {fragments * 1000:8.1f} ms  (+{(fragments - plain) * 1000:.1f} ms, "
          f"{found} fragment violations)")


if __name__ == "__main__":
    main()

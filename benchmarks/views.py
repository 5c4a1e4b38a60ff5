#!/usr/bin/env python3
"""Time the designer's views on a generated model, and how fast its HTML report opens.

    python benchmarks/views.py --people 10000 --processes 200

Prints seconds for `orgcheck stats`, `orgcheck graph`, `orgcheck report`, the report's
size, the time headless Chromium takes from opening the file to the last diagram
drawn (needs Debian's chromium), and how long the report's interactions take in the
page: a search, a jump to a person, closing and opening a subtree, a finding filter
and a click on a finding. Figures only: nothing here passes or fails.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orgcheck", *args], check=True, capture_output=True)
    return time.perf_counter() - start


# what a user does in the report, timed inside the page (synchronous: each redraw included)
INTERACTIONS = [
    ("search: type 'vries', list the matches",
     "const i = document.getElementById('search'); i.value = 'vries'; i.dispatchEvent(new Event('input'))"),
    ("search: jump to the last person listed",
     "[...document.querySelectorAll('#search-results li[data-kind=person]')].pop().click()"),
    ("org chart: close the top of the tree",
     "document.querySelector('#diagram-org g.node').dispatchEvent(new MouseEvent('click', {bubbles: true}))"),
    ("org chart: open it again",
     "document.querySelector('#diagram-org g.node[id^=more-]')"
     ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"),
    ("findings: hide the self-steering pillar",
     "document.querySelector('#finding-filters input[value=self-steering]').click()"),
    ("findings: click the last one (highlight its entity)",
     "[...document.querySelectorAll('#findings li[data-target]')].pop().querySelector('code').click()"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--processes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from browser import Browser
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "big.org.json"
        model.write_bytes(generate(args.people, args.processes, args.seed))
        print(f"model: {args.people} people, {args.processes} processes, {model.stat().st_size / 1e6:.1f} MB")
        print(f"orgcheck lint    {timed('lint', '--exit-zero', str(model)):6.2f} s")
        print(f"orgcheck stats   {timed('stats', str(model)):6.2f} s")
        print(f"orgcheck graph   {timed('graph', str(model)):6.2f} s")
        report = Path(tmp) / "report.html"
        print(f"orgcheck report  {timed('report', str(model), '-o', str(report)):6.2f} s "
              f"({report.stat().st_size / 1e6:.1f} MB)")
        start = time.perf_counter()
        with Browser() as browser:
            page = browser.open(report, ready="document.body.dataset.rendered !== 'no'", timeout=300)
            state = page.evaluate("document.body.dataset.rendered")
            boxes = page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length")
            drawn_ms = int(page.evaluate("document.body.dataset.renderedMs"))
            print(f"chromium: opened and drew every diagram in {time.perf_counter() - start:6.2f} s "
                  f"(state {state}, {boxes} boxes in the org chart, browser start included); "
                  f"in the page: {drawn_ms / 1000:.2f} s from navigation to the last diagram")
            for label, script in INTERACTIONS:
                ms = page.evaluate(f"(() => {{ const t = performance.now(); {script}; "
                                   "return performance.now() - t; })()")
                print(f"  {label:<52}{ms:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

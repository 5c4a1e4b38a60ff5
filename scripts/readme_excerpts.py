"""The README's excerpts of orgcheck's output, and the report screenshots in docs/, made
from what orgcheck prints today on the bundled examples, so that they cannot fall behind.

    python scripts/readme_excerpts.py                 # check: exit 1, naming each stale excerpt
    python scripts/readme_excerpts.py --write         # rewrite the README's excerpts
    python scripts/readme_excerpts.py --screenshots   # and docs/report-*.png (needs chromium)

In README.md an excerpt sits between ``<!-- excerpt: NAME -->`` and
``<!-- end excerpt: NAME -->`` (a block, or a few words inside a sentence); the rest of the
README is left alone. Every excerpt is orgcheck's own output, in English, run from the
repository's root as the README shows it. The screenshots are taken in a headless
Chromium (tests/browser.py, over the DevTools protocol: the org chart is drawn by script,
and only a browser can wait for it and cut out its element); a PNG differs from one
Chromium to the next, so the tests compare the text excerpts and leave the pictures to
this script.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COMMAND_AND_CONTROL = "examples/command-and-control.org.json"
HEALTHY = "examples/healthy.org.json"
MARK = re.compile(r"(<!-- excerpt: (?P<name>[\w-]+) -->)(?P<body>.*?)(<!-- end excerpt: (?P=name) -->)", re.S)
#: the findings the lint excerpt shows, one of each rule, in the order orgcheck prints them:
#: one per pillar's kind of problem (roles, layers, spans, approvals, decisions, metrics)
LINT_RULES = ("OC403", "OC103", "OC101", "OC202", "OC407", "OC206", "OC304")


def orgcheck(*args: str, cwd: Path = ROOT) -> str:
    """What ``orgcheck ARGS`` prints in English (the README is English), without colour."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "orgcheck", "--lang", "en", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"orgcheck {' '.join(args)} failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def lint_excerpt() -> str:
    lines = orgcheck("lint", COMMAND_AND_CONTROL).splitlines()
    shown = [next(line for line in lines if f": {code} " in line) for code in LINT_RULES]
    return "\n".join([f"$ orgcheck lint {COMMAND_AND_CONTROL}", *shown, "...", lines[-1],
                      f"$ orgcheck lint {HEALTHY}", orgcheck("lint", HEALTHY).rstrip("\n")])


def one_finding_excerpt() -> str:
    """The shape of the output, on a model of one manager with 16 direct reports."""
    people = [{"id": "mia", "name": "Mia Jansen", "manager_type": "supervisor"}]
    people += [{"id": f"p{i}", "name": f"Person {i}", "reports_to": "mia"} for i in range(1, 17)]
    model = {"organization": {"id": "acme", "name": "Acme"}, "people": people}
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "org.json").write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        out = orgcheck("lint", "--isolated", "--select", "span-too-wide", "org.json", cwd=Path(tmp))
    return "$ orgcheck lint --select span-too-wide org.json\n" + out.rstrip("\n")


def stats_excerpt() -> str:
    """The trust profile, its first pillar whole and the first line of the second."""
    lines = orgcheck("stats", COMMAND_AND_CONTROL).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Trust profile ("))
    pillars = [i for i in range(start + 1, len(lines)) if re.match(r"^  \S.*: ", lines[i])]
    return "\n".join([f"$ orgcheck stats {COMMAND_AND_CONTROL}", "...", *lines[start:pillars[1] + 2], "  ..."])


@functools.cache
def _stats(path: str) -> dict:
    return json.loads(orgcheck("stats", "--format", "json", path))


def healthy_scores() -> str:
    scores = [str(p["score"]) for p in _stats(HEALTHY)["profile"].values()]
    return ", ".join(scores[:-1]) + " and " + scores[-1]


def positions(path: str) -> Callable[[], str]:
    return lambda: str(_stats(path)["people"]["positions"])


#: each excerpt's name in the README, and how it is made (a block is fenced as text)
EXCERPTS: dict[str, Callable[[], str]] = {
    "lint": lint_excerpt,
    "one-finding": one_finding_excerpt,
    "stats": stats_excerpt,
    "healthy-scores": healthy_scores,
    "healthy-positions": positions(HEALTHY),
    "command-and-control-positions": positions(COMMAND_AND_CONTROL),
}


def _body(old: str, text: str) -> str:
    """An excerpt as the README holds it: a block between its markers on lines of their
    own is fenced as text; a few words inside a sentence stay inline."""
    if old.startswith("\n"):
        return f"\n```text\n{text}\n```\n"
    return text


def refresh(readme: str) -> tuple[str, list[str]]:
    """The README with every excerpt made again, and the names of those that changed.
    An excerpt the README lacks, or a marker this script does not know, is an error."""
    found = [m.group("name") for m in MARK.finditer(readme)]
    unknown = sorted(set(found) - set(EXCERPTS))
    missing = sorted(set(EXCERPTS) - set(found))
    if unknown or missing:
        raise SystemExit(f"README.md: excerpts unknown to this script: {unknown or 'none'}; "
                         f"excerpts missing from README.md: {missing or 'none'}")
    made = {name: make() for name, make in EXCERPTS.items()}
    stale: list[str] = []

    def replace(m: re.Match) -> str:
        body = _body(m.group("body"), made[m.group("name")])
        if body != m.group("body"):
            stale.append(m.group("name"))
        return m.group(1) + body + m.group(4)

    return MARK.sub(replace, readme), stale


def screenshots(docs: Path) -> list[Path]:
    """docs/report-command-and-control.png (the top of the report: trust profile, spans
    and layers) and docs/report-org-chart.png (its org chart, drawn whole)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import base64

    from browser import Browser

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "report.html")
        subprocess.run([sys.executable, "-m", "orgcheck", "--lang", "en", "report", COMMAND_AND_CONTROL, "-o",
                        str(report)], cwd=ROOT, check=True, capture_output=True)
        top, chart = docs / "report-command-and-control.png", docs / "report-org-chart.png"
        with Browser() as browser:
            page = browser.open(report, ready="document.body.dataset.rendered !== 'no'")
            page.send("Emulation.setScrollbarsHidden", {"hidden": True})

            def capture(path: Path, width: int, height: int) -> None:
                page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                                 "deviceScaleFactor": 1, "mobile": False})
                data = page.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": {
                    "x": 0, "y": 0, "width": width, "height": height, "scale": 1}})["data"]
                path.write_bytes(base64.b64decode(data))

            # the trust profile, and the start of the spans and layers below it
            page.send("Emulation.setDeviceMetricsOverride", {"width": 1200, "height": 1000, "deviceScaleFactor": 1,
                                                             "mobile": False})
            stats = page.evaluate("document.getElementById('stats').getBoundingClientRect().top + scrollY")
            capture(top, 1200, int(stats) + 420)
            # the org chart alone, at its own size: the report shows it in a scrolling box
            size = page.evaluate("(() => { const svg = document.querySelector('#diagram-org svg'); "
                                 "document.body.replaceChildren(svg); document.body.style.margin = '0'; "
                                 "svg.style.maxWidth = 'none'; const r = svg.getBoundingClientRect(); "
                                 "return [Math.ceil(r.width), Math.ceil(r.height)]; })()")
            capture(chart, *size)
    return [top, chart]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the stale excerpts in the README")
    parser.add_argument("--screenshots", action="store_true", help="also take docs/report-*.png (needs chromium)")
    parser.add_argument("--readme", type=Path, default=README, help="the README to check or write")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where the screenshots go")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    fresh, stale = refresh(text)
    if args.write and stale:
        args.readme.write_text(fresh, encoding="utf-8")
    for name in stale:
        print(f"{args.readme.name}: excerpt {name} {'rewritten' if args.write else 'is stale'}")
    if args.screenshots:
        for path in screenshots(args.docs):
            print(f"wrote {path}")
    if stale and not args.write:
        print("run: python scripts/readme_excerpts.py --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

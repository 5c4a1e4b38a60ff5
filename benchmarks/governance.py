"""The governance rules (OC010, OC509-OC514) on the org models kept as code in
../shared/realdata, beside counts made with tomllib and PyYAML alone
(tests/governance_counts.py), as a markdown section for docs/realdata.md.

    python benchmarks/governance.py [--realdata ../shared/realdata]

Exits 1 when a rule's findings name other teams or people than the independent count.
Not a test: CI has no shared/ folder; tests/test_governance_counts.py holds the same
counts on the copies in tests/data/realdata.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import governance_counts  # noqa: E402

ROWS = (("OC509", "one_person", "teams and groups resting on one person"),
        ("OC510", "leads_over", "people leading more than 3 teams or groups"),
        ("OC511", "members_over", "people in more than 5 teams or groups (a sub-team counts with its parent)"),
        ("OC512", "without_lead", "teams and groups with members, no lead, and no led parent"),
        ("OC010", "former_and_current", "former members still listed as current"),
        ("OC514", "lead_not_member", "leads who are not members (opt-in rule)"))
SOURCES = (("rust-lang-team", "rust-lang/team", governance_counts.rust_team),
           ("backstage-acme", "Backstage catalog", governance_counts.backstage))


def orgcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgcheck", *args], capture_output=True, text=True, cwd=ROOT)


def section(realdata: str) -> tuple[list[str], bool]:
    lines = ["| source | figure | count (tomllib / PyYAML) | orgcheck | same names |", "|---|---|---:|---:|---|"]
    ok = True
    for folder, label, count in SOURCES:
        path = os.path.join(realdata, folder)
        counted = count(path)
        lint = orgcheck("lint", "--isolated", "--format", "json", "--extend-select", "OC514", path)
        found = collections.defaultdict(list)
        for f in json.loads(lint.stdout)["findings"]:
            found[f["rule"]].append(f["entity"])
        for code, key, title in ROWS:
            same = sorted(found[code]) == counted[key]
            ok &= same
            lines.append(f"| {label} | {code}: {title} | {len(counted[key])} | {len(found[code])} | "
                         f"{'yes' if same else 'NO'} |")
        stats = json.loads(orgcheck("stats", "--isolated", "--format", "json", path).stdout)
        said = {r["rule"]: r["reason"] for r in stats["not_assessed"]}
        lines.append(f"| {label} | OC513: working and project groups without an end date | - | "
                     f"{'not assessed' if 'OC513' in said else len(found['OC513'])} | - |")
    return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=os.path.join(ROOT, "..", "shared", "realdata"))
    args = parser.parse_args()
    missing = [f for f, _label, _count in SOURCES if not os.path.isdir(os.path.join(args.realdata, f))]
    if missing:
        print(f"governance.py: error: no {', '.join(missing)} in {args.realdata} (name it with --realdata)",
              file=sys.stderr)
        return 2
    lines, ok = section(args.realdata)
    print("## Governance of org models kept as code\n\n" + "\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

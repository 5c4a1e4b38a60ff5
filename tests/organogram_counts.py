"""An independent count of a UK organogram's integrity problems, with the csv module only.

Used by the reader tests and by benchmarks/realdata.py to check that orgcheck
reports exactly these: reporting cycles (OC004), dangling managers (OC003), repeated
post ids (OC002) and extra tops (OC008). The rules are those of spec/readers.md and
rules.md: XX/xx/empty/0 mean "reports to no one", the first row with an id is the
post that references reach, each junior row (FTE > 0) is one position.
"""
from __future__ import annotations

import csv
import math
import os


def _rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def count(senior: str) -> dict[str, int]:
    rows = _rows(senior)
    junior_path = senior[: -len("senior.csv")] + "junior.csv"
    juniors = [r for r in _rows(junior_path) if float(r["Number of Posts in FTE"] or 0) > 0] \
        if os.path.exists(junior_path) else []
    first: dict[str, dict] = {}
    duplicates = 0
    for r in rows:
        pid = r["Post Unique Reference"].strip()
        if pid in first:
            duplicates += 1
        else:
            first[pid] = r

    def manager(value: str) -> str | None:
        value = value.strip()
        return None if value.lower() in ("", "xx", "0") else value

    managers = {pid: manager(r["Reports to Senior Post"]) for pid, r in first.items()}
    dangling = sum(1 for r in rows if manager(r["Reports to Senior Post"]) not in (None, *first))
    dangling += sum(1 for r in juniors if manager(r["Reporting Senior Post"]) not in (None, *first))
    # A loop: walk up from each post; a walk that comes back to a post already on it closes one.
    cycles, done = 0, set()
    self_loops = set()
    for start in first:
        walk, here = [], start
        while here is not None and here in first and here not in done and here not in walk:
            walk.append(here)
            here = managers[here]
        if here in walk:
            cycles += 1
            if managers[here] == here:
                self_loops.add(here)
        done.update(walk)
    # Tops: live posts and juniors whose manager is none (a self-reporter is in a loop, not a top).
    tops = sum(1 for pid, m in managers.items() if m is None)
    tops += sum(1 for r in juniors if manager(r["Reporting Senior Post"]) is None)
    has_manager = any(m is not None for m in managers.values()) or any(
        manager(r["Reporting Senior Post"]) is not None for r in juniors)
    extra_tops = max(tops - 1, 0) if has_manager else 0
    people = len(rows) + len(juniors)
    headcount = len(rows) + sum(math.ceil(float(r["Number of Posts in FTE"])) for r in juniors)
    return {"OC004": cycles, "OC003": dangling, "OC002": duplicates, "OC008": extra_tops,
            "posts": len(rows), "positions": people, "headcount": headcount}

"""Independent counts of a UK organogram (``X-senior.csv`` and its ``X-junior.csv``),
made with the csv module only: no orgcheck code.

Used by the reader tests and by benchmarks/realdata.py to check orgcheck against:

- ``count``: reporting cycles (OC004), dangling managers (OC003), repeated post ids
  (OC002) and today's extra tops (OC008, junior rows naming no post included);
- ``named_direct_reports`` / ``posts_with_more_than``: a post's span as an org designer
  reads it: the senior posts that report to it. Junior rows are not direct reports;
- ``orphan_junior_rows``, ``extra_senior_tops`` and ``oc008_bound``: the most OC008
  findings a file should give ("its extra senior tops plus one for orphan junior rows").

The reading rules are those of spec/readers.md and rules.md: XX/xx/empty/0 mean
"reports to no one", the first row with a post id is the post that references reach
(a later row with the same id is OC002's and is otherwise ignored), and a junior row
stands for somebody only when its FTE is a number above 0.
"""
from __future__ import annotations

import csv
import math
import os


def _rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _no_manager(value: str | None) -> bool:
    """XX, xx, empty and 0 in a "Reports to" cell: the post reports to no one."""
    return (value or "").strip().lower() in ("", "xx", "0")


def _fte(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0  # the reader reports it (OC001) and makes no position of it


def _first_posts(senior: str) -> dict[str, dict]:
    """Post id -> the first senior row with that id, in file order."""
    first: dict[str, dict] = {}
    for r in _rows(senior):
        first.setdefault(r["Post Unique Reference"].strip(), r)
    return first


def _juniors(senior: str) -> list[dict]:
    """The rows of the junior file beside ``senior`` that stand for somebody (FTE > 0)."""
    junior_path = senior[: -len("senior.csv")] + "junior.csv"
    if not os.path.exists(junior_path):
        return []
    return [r for r in _rows(junior_path) if _fte(r.get("Number of Posts in FTE")) > 0]


def named_direct_reports(senior: str) -> dict[str, int]:
    """For every senior post (by post id), how many senior posts report to it.

    A named direct report is another senior post (the first row with its id) whose
    "Reports to Senior Post" is this post's id. Vacant and N/D posts are posts and
    count. A post that names itself is in a loop (OC004), not its own report. Junior
    rows do NOT count: each stands for a grade band of staff somewhere beneath the
    post (AO to Grade 6, several layers down), not for people the post manages
    directly. Every post is in the result, those without reports with 0.
    """
    first = _first_posts(senior)
    reports = dict.fromkeys(first, 0)
    for pid, r in first.items():
        boss = r["Reports to Senior Post"].strip()
        if not _no_manager(boss) and boss in reports and boss != pid:
            reports[boss] += 1
    return reports


def posts_with_more_than(senior: str, bound: int = 10) -> list[str]:
    """The post ids with more than ``bound`` named direct reports (file order).

    With the default 10 (OC101's bound for a manager without a manager_type, which a UK
    organogram never records), these are the only posts OC101 should report."""
    return [pid for pid, n in named_direct_reports(senior).items() if n > bound]


def orphan_junior_rows(senior: str) -> int:
    """Junior rows (FTE > 0) that name no senior post: "Reporting Senior Post" is XX,
    xx, empty or 0. (A row naming a post id that is not in the senior file is a
    dangling reference, OC003's, and not counted here.)"""
    return sum(1 for r in _juniors(senior) if _no_manager(r.get("Reporting Senior Post")))


def extra_senior_tops(senior: str) -> int:
    """Senior posts that report to no one, beyond the one top an organization may have.

    Counted over the first row of each post id; 0 when no post or junior row reports
    to anybody at all (a flat list is not several trees). Junior rows are left out:
    rows naming no post are ``orphan_junior_rows``."""
    first = _first_posts(senior)
    tops = sum(1 for r in first.values() if _no_manager(r["Reports to Senior Post"]))
    lines = any(not _no_manager(r["Reports to Senior Post"]) for r in first.values()) or any(
        not _no_manager(r.get("Reporting Senior Post")) for r in _juniors(senior))
    return max(tops - 1, 0) if lines else 0


def oc008_bound(senior: str) -> int:
    """The most OC008 (multiple reporting trees) findings a file should give: its extra
    senior tops, plus one for all its orphan junior rows together (one fact, one finding)."""
    return extra_senior_tops(senior) + (1 if orphan_junior_rows(senior) else 0)


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

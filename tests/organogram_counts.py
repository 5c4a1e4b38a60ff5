"""Independent counts of a UK organogram (``X-senior.csv`` and its ``X-junior.csv``),
made with the csv module only: no orgcheck code.

Used by the reader tests and by benchmarks/realdata.py to check orgcheck against:

- ``count``: reporting cycles (OC004), distinct missing managers (OC003), repeated
  rows (OC002), today's extra tops (OC008, junior rows naming no post included), and
  what the export's conventions remove (eliminated posts, zero-padded ids, self-named
  tops, posts that share an id);
- ``named_direct_reports`` / ``posts_with_more_than``: a post's span as an org designer
  reads it: the senior posts that report to it. Junior rows are not direct reports;
- ``orphan_junior_rows``, ``extra_senior_tops`` and ``oc008_bound``: the most OC008
  findings a file should give ("its extra senior tops plus one for orphan junior rows").

The reading rules (spec/readers.md, rules.md and issue 22), written here again without
orgcheck's code:

- XX/xx/empty/0 in a "Reports to" cell mean "reports to no one"; a junior row stands
  for somebody only when its FTE is a number above 0;
- a row named Eliminated (any case, quoted or not, or "Post eliminated") is no post:
  a reference to it goes to its manager (through a line of eliminated posts), or,
  when that line ends at no manager, stays as a fragment below it (no OC003);
- a manager id that matches no post but exactly one post once leading zeros are
  stripped ('00155792' -> '155792') names that post;
- a post whose manager is itself reports to no one (the export's mark of a top);
- rows with one post id: a row equal to the first in every field read (name, grade,
  title, units, manager, pay, FTE) is a repeated row (OC002); any other is kept as a
  post of its own, ``ID~N`` (N its place among the rows with the id), and a reference
  to the id goes to the one that makes no loop, the one with the fewest managers
  above it first.
"""
from __future__ import annotations

import csv
import math
import os
from collections import defaultdict

_ELIMINATED = ("eliminated", "post eliminated")
_SAME = ("Name", "Grade", "Job Title", "Unit", "Organisation", "Parent Department", "Actual Pay Floor (£)",
         "Actual Pay Ceiling (£)", "FTE")


def _rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _no_manager(value: str | None) -> bool:
    """XX, xx, empty and 0 in a "Reports to" cell: the post reports to no one."""
    return (value or "").strip().lower() in ("", "xx", "0")


def _manager(value: str | None) -> str | None:
    return None if _no_manager(value) else (value or "").strip()


def _fte(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0  # the reader reports it (OC001) and makes no position of it


def is_eliminated(row: dict) -> bool:
    return (row.get("Name") or "").strip().lower().strip(" '\".") in _ELIMINATED


def _juniors(senior: str) -> list[dict]:
    """The rows of the junior file beside ``senior`` that stand for somebody (FTE > 0)."""
    junior_path = senior[: -len("senior.csv")] + "junior.csv"
    if not os.path.exists(junior_path):
        return []
    return [r for r in _rows(junior_path) if _fte(r.get("Number of Posts in FTE")) > 0]


def read(senior: str) -> dict:
    """The organogram as the reading rules make it: ``posts`` (post id -> manager id or
    None, file order, repeated rows left out), ``rows`` (post id -> its csv row),
    ``junior`` (each junior row's manager), ``gone`` (eliminated post ids), the
    references still naming nothing (``missing``: the refs of every live row, repeats
    included), and the counts of each convention."""
    rows = _rows(senior)
    juniors = _juniors(senior)
    live_rows = [r for r in rows if not is_eliminated(r)]
    live = {r["Post Unique Reference"].strip() for r in live_rows}
    gone: dict[str, str | None] = {}
    for r in rows:
        pid = r["Post Unique Reference"].strip()
        if is_eliminated(r) and pid not in live and pid not in gone:
            gone[pid] = _manager(r["Reports to Senior Post"])
    known = live | set(gone)
    bare: dict[str, list[str]] = defaultdict(list)
    for k in known:
        bare[k.lstrip("0") or "0"].append(k)
    zero_fixed = 0

    def fix(ref: str | None) -> str | None:
        nonlocal zero_fixed
        if ref is None or ref in known:
            return ref
        found = bare.get(ref.lstrip("0") or "0", [])
        if len(found) == 1:
            zero_fixed += 1
            return found[0]
        return ref

    # people: [id, manager, row, is_junior] in reading order (senior rows, then junior)
    people = [[r["Post Unique Reference"].strip(), fix(_manager(r["Reports to Senior Post"])), r, False]
              for r in live_rows]
    people += [[None, fix(_manager(r.get("Reporting Senior Post"))), r, True] for r in juniors]
    for pid in gone:
        gone[pid] = fix(gone[pid])
    self_named = 0
    for p in people:
        if p[0] is not None and p[1] == p[0]:
            p[1] = None
            self_named += 1

    def past(ref: str) -> str:
        seen = {ref}
        while ref in gone and ref not in live:
            boss = gone[ref]
            if boss is None or boss in seen:
                return ref
            seen.add(boss)
            ref = boss
        return ref

    for p in people:
        if p[1] in gone and p[1] not in live:
            p[1] = past(p[1])
    # rows that share a post id
    groups: dict[str, list[list]] = defaultdict(list)
    for p in people:
        if not p[3]:
            groups[p[0]].append(p)
    repeated: list[int] = []  # id() of the repeated rows: equal rows compare equal
    shared: dict[str, list[str]] = {}
    for pid, group in groups.items():
        if len(group) < 2:
            continue
        first = group[0]
        kept = [pid]
        for n, p in enumerate(group[1:], 2):
            if p[1] == first[1] and all((p[2].get(c) or "").strip() == (first[2].get(c) or "").strip() for c in _SAME):
                repeated.append(id(p))
                continue
            p[0] = f"{pid}~{n}"
            kept.append(p[0])
        if len(kept) > 1:
            shared[pid] = kept
    manager = {}
    for p in people:
        if not p[3] and id(p) not in repeated:
            manager.setdefault(p[0], p[1])

    def above(pid: str) -> list[str]:
        out, seen, here = [], {pid}, manager.get(pid)
        while here is not None and here in manager and here not in seen:
            out.append(here)
            seen.add(here)
            here = manager[here]
        return out

    for p in people:
        if p[1] in shared and not (p[0] or "").startswith(p[1] + "~"):
            options = [c for c in shared[p[1]] if c != p[0] and (p[0] is None or p[0] not in above(c))]
            if options:
                p[1] = min(options, key=lambda c: len(above(c)))
                if p[0] is not None and id(p) not in repeated:
                    manager[p[0]] = p[1]
    posts = {p[0]: p[1] for p in people if not p[3] and id(p) not in repeated}
    post_rows = {p[0]: p[2] for p in people if not p[3] and id(p) not in repeated}
    missing = {p[1] for p in people if p[1] is not None and p[1] not in posts and p[1] not in gone}
    return {"posts": posts, "junior": [p[1] for p in people if p[3]], "juniors": juniors, "gone": list(gone),
            "missing": missing, "repeated": len(repeated), "zero_fixed": zero_fixed, "self_named": self_named,
            "shared": shared, "rows": post_rows}


def named_direct_reports(senior: str) -> dict[str, int]:
    """For every senior post (by post id as read), how many senior posts report to it.

    A named direct report is another senior post whose manager, as read, is this post.
    Vacant and N/D posts are posts and count; eliminated ones are no posts. A post in a
    loop of one does not exist after reading (a self-named top reports to no one).
    Junior rows do NOT count: each stands for a grade band of staff somewhere beneath
    the post (AO to Grade 6, several layers down), not for people the post manages
    directly. Every post is in the result, those without reports with 0.
    """
    posts = read(senior)["posts"]
    reports = dict.fromkeys(posts, 0)
    for pid, boss in posts.items():
        if boss is not None and boss in reports and boss != pid:
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
    """Senior posts that report to no one (self-named tops included), beyond the one
    top an organization may have; 0 when no post or junior row reports to anybody at
    all (a flat list is not several trees). Junior rows are left out: rows naming no
    post are ``orphan_junior_rows``."""
    got = read(senior)
    tops = sum(1 for m in got["posts"].values() if m is None)
    lines = any(m is not None for m in got["posts"].values()) or any(m is not None for m in got["junior"])
    return max(tops - 1, 0) if lines else 0


def oc008_bound(senior: str) -> int:
    """The most OC008 (multiple reporting trees) findings a file should give: its extra
    senior tops, plus one for all its orphan junior rows together (one fact, one finding)."""
    return extra_senior_tops(senior) + (1 if orphan_junior_rows(senior) else 0)


def count(senior: str) -> dict[str, int]:
    got = read(senior)
    posts, juniors = got["posts"], got["juniors"]
    # A loop: walk up from each post; a walk that comes back to a post already on it closes one.
    cycles, done = 0, set()
    for start in posts:
        walk, here = [], start
        while here is not None and here in posts and here not in done and here not in walk:
            walk.append(here)
            here = posts[here]
        if here in walk:
            cycles += 1
        done.update(walk)
    tops = sum(1 for m in posts.values() if m is None) + sum(1 for m in got["junior"] if m is None)
    has_manager = any(m is not None for m in posts.values()) or any(m is not None for m in got["junior"])
    rows = _rows(senior)
    headcount = len(posts) + sum(math.ceil(_fte(r["Number of Posts in FTE"])) for r in juniors)
    return {"OC004": cycles, "OC003": len(got["missing"]), "OC002": got["repeated"],
            "OC008": max(tops - 1, 0) if has_manager else 0, "posts": len(rows), "live posts": len(posts),
            "eliminated": len(got["gone"]), "eliminated rows": sum(1 for r in rows if is_eliminated(r)),
            "zero-padded": got["zero_fixed"], "self-named tops": got["self_named"],
            "shared ids": len(got["shared"]), "positions": len(posts) + len(juniors), "headcount": headcount}

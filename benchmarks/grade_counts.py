"""Grades along the reporting lines of the UK senior organograms, counted with the csv
module only (no orgcheck code): the independent count OC107 (grade inversion) and
OC108 (grade compression) are checked against in docs/realdata.md.

    python benchmarks/grade_counts.py [--realdata ../shared/realdata]

A line is a senior post and the senior post it reports to; eliminated posts are no
posts. Each line whose two grades are on one ladder is inverted (the report graded
above the manager), the same grade, or in order. The ladders, most senior first, are
written here again from the Civil Service's and NATO's grade tables, not taken from
orgcheck: SCS4 > SCS3 > SCS2 > SCS1A > SCS1, and OF-10 > ... > OF-1; grades compare by
letters and digits, case aside ("SCS1a" is SCS1A, "Of-6" is OF-6).

Two counts, to show where a naive count and a designer's differ:

- ``rows``: each live row of the senior CSV against the first live row of the post it
  names in "Reports to Senior Post", as written. Every row is a line, so a post held
  by two people (a job share: two rows, one post id) is two lines to its manager, and
  a post that reports to an id two posts share is compared with the first of them
  only (``inverted_to_shared`` counts the inverted lines of that kind); a line to an
  eliminated post, or to a manager id written with leading zeros, is lost.
- ``posts``: the lines of the organization as the organogram reading rules make it
  (tests/organogram_counts.py, issue 22, also written without orgcheck): a post below
  an eliminated post reports to the eliminated post's manager; a manager id with
  leading zeros names the post it matches without them; a repeated row is one post; a
  second row with a post id already used (a job share) is a post of its own, each
  holder a line to the manager. This is what OC107/OC108 judge.
"""
from __future__ import annotations

import argparse
import csv
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from organogram_counts import is_eliminated, read  # noqa: E402

LADDERS = (("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1"),
           tuple(f"OF{n}" for n in range(10, 0, -1)))
RANK = {grade: (ladder, rank) for ladder, grades in enumerate(LADDERS) for rank, grade in enumerate(grades)}


def rank(grade: str | None) -> tuple[int, int] | None:
    return RANK.get(re.sub(r"[^0-9A-Z]", "", (grade or "").upper()))


def grade_of(row: dict) -> str | None:
    return row.get("Grade") if "Grade" in row else row.get("Grade (or equivalent)")


def relation(manager: dict, report: dict) -> str:
    mine, theirs = rank(grade_of(manager)), rank(grade_of(report))
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return "not_compared"
    if theirs[1] < mine[1]:
        return "inverted"
    return "same" if theirs[1] == mine[1] else "in_order"


def _empty() -> dict[str, int]:
    return {"lines": 0, "inverted": 0, "same": 0, "in_order": 0, "not_compared": 0, "same_managers": 0}


def by_rows(senior: str) -> dict[str, int]:
    """The naive count: every live row against the first live row of the id it names."""
    with open(senior, encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if not is_eliminated(r)]
    first: dict[str, dict] = {}
    for r in rows:
        first.setdefault(r["Post Unique Reference"].strip(), r)
    shared = read(senior)["shared"]  # ids more than one post holds
    out, same = {**_empty(), "inverted_to_shared": 0}, set()
    for r in rows:
        boss = first.get((r["Reports to Senior Post"] or "").strip())
        if boss is None or boss is r:
            continue
        out["lines"] += 1
        found = relation(boss, r)
        out[found] += 1
        if found == "same":
            same.add(boss["Post Unique Reference"].strip())
        if found == "inverted" and boss["Post Unique Reference"].strip() in shared:
            out["inverted_to_shared"] += 1
    out["same_managers"] = len(same)
    return out


def by_posts(senior: str) -> dict[str, int]:
    """The designer's count: the lines between posts, as the reading rules make them."""
    got = read(senior)
    posts, rows = got["posts"], got["rows"]
    out, same = _empty(), set()
    for pid, boss in posts.items():
        if boss is None or boss not in posts or boss == pid:
            continue
        out["lines"] += 1
        found = relation(rows[boss], rows[pid])
        out[found] += 1
        if found == "same":
            same.add(boss)
    out["same_managers"] = len(same)
    return out


def files(realdata: str) -> list[str]:
    return sorted(glob.glob(os.path.join(realdata, "uk-gov-organograms", "data", "**", "*-senior.csv"),
                            recursive=True))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=os.path.join(ROOT, "..", "shared", "realdata"))
    args = parser.parse_args()
    totals = {"rows": _empty(), "posts": _empty()}
    found = files(args.realdata)
    for path in found:
        for key, count in (("rows", by_rows), ("posts", by_posts)):
            for k, v in count(path).items():
                totals[key][k] = totals[key].get(k, 0) + v
    print(f"{len(found)} senior CSVs")
    print("| count | lines | inverted | same grade | managers with a same-grade report | in order | not compared |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, t in totals.items():
        print(f"| {key} | {t['lines']} | {t['inverted']} | {t['same']} | {t['same_managers']} | {t['in_order']} "
              f"| {t['not_compared']} |")
    shared = totals["rows"]["inverted_to_shared"]
    print(f"\nInverted lines of the rows count that go to an id two posts share: {shared}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

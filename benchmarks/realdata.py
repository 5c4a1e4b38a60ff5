"""Lint the real data in ../shared/realdata and set each rule's findings beside the
independent count it is checked against.

    python benchmarks/realdata.py [--realdata ../shared/realdata] [--write docs/realdata.md]

The independent counts use no orgcheck code: the csv module (tests/organogram_counts.py),
xml.etree and PyYAML (tests/realdata_counts.py).

- UK organograms (every senior CSV with its junior file): OC002/OC003/OC004 against an
  exact csv count; OC101 against the posts with more than 10 named direct reports
  (senior posts reporting to the post; junior rows are staff beneath it, not direct
  reports); OC008 against its bound, the extra senior tops plus one for the junior
  rows that name no senior post;
- BPMN reference models: start events per process and message flows (xml.etree)
  against OC006/OC007 and what the reader made;
- UK senior organograms: OC107/OC108 and the grade lines of `stats` against
  benchmarks/grade_counts.py (grades along the lines, csv module);
- GitLab team page: fragments (people whose `reports_to` names nobody in the snapshot)
  against OC003, OC104 (never on a fragment) and the completeness figures of `stats`.
- org models kept as code (rust-lang/team, kubernetes/community's sigs.yaml, a Backstage
  catalog, GitLab's team folder), linted where they live: units, memberships and leads
  counted with tomllib and PyYAML (tests/teams_counts.py) against `stats --format json`.

Prints the tables (markdown). Exits 2, saying so, when the data is not there; 1 when an
exact count differs (OC001 on a file, OC002/OC003/OC004 off the csv count, a BPMN count
off), a file crashes, OC101 fires on a post with 10 or fewer named reports, a file gives
more OC008 findings than its bound, or OC104 judges a GitLab fragment; the targets of issue 13 are also shown as
met or not. Not a test: CI has no shared/ folder; the tests hold
the same counts on the copies in tests/data/realdata.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from organogram_counts import count, named_direct_reports, oc008_bound, read  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import grade_counts  # noqa: E402
from realdata_counts import (  # noqa: E402
    bpmn_message_flows,
    bpmn_start_events,
    bpmn_system_tasks,
    gitlab_departments,
    gitlab_fragment_people,
    gitlab_fragments,
    gitlab_people,
)

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
TASKS = ("task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
         "businessRuleTask", "callActivity")


def orgcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgcheck", *args], capture_output=True, text=True)


def _rules(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def _said(pattern: str, text: str) -> int:
    """The count a reader's note gives ('78 eliminated posts are left out ...'), 0 without one."""
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def organograms(realdata: str) -> tuple[list[str], bool]:
    files = sorted(glob.glob(os.path.join(realdata, "uk-gov-organograms", "data", "**", "*-senior.csv"),
                             recursive=True))
    lines = ["Each orgcheck figure stands beside its csv count (tests/organogram_counts.py, the reading rules of "
             "issue 22 written again with the csv module): eliminated posts (left out, in orgcheck's note) and the "
             "findings that name one (must be 0); manager ids read without their leading zeros; posts that name "
             "themselves (read as tops) and OC004 on them (must be 0); distinct missing managers and OC003 (one "
             "finding per missing manager); repeated rows and OC002; reporting loops and OC004. Named direct "
             "reports: the senior posts whose manager, as read, is the post; OC101's bound for a post without a "
             "manager type is 10. OC008 bound: the extra senior tops, plus one for all junior rows that name no "
             "senior post (one fact, one finding).",
             "",
             "| file | rows | eliminated (csv / note) | findings on them | zero-padded (csv / note) "
             "| self-named tops (csv) | OC004 on them | missing managers (csv) | OC003 | repeated rows (csv) | OC002 "
             "| loops (csv) | OC004 | posts >10 reports | OC101 | OC101 on ≤10 | OC008 bound | OC008 | OC102 | OC103 "
             "| OC104 | OC105 | all = csv |",
             "|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    ok = True
    totals: collections.Counter = collections.Counter()
    started = time.perf_counter()
    for path in files:
        result = orgcheck("lint", "--isolated", "--format", "json", "--select", "OC0,OC1", path)
        if result.returncode not in (0, 1) or "Traceback" in result.stderr:
            ok = False
            lines.append(f"| {os.path.basename(path)} | CRASH: {result.stderr.strip()[:200]} |")
            continue
        findings = _rules(result)
        found = collections.Counter(f["rule"] for f in findings)
        expected = count(path)
        got = read(path)
        gone = set(got["gone"])
        on_gone = sum(1 for f in findings if f.get("entity") in gone or "eliminated)" in f["message"])
        self_named = {pid for pid, m in got["posts"].items() if m is None} & _self_named_ids(path)
        oc004_self = sum(1 for f in findings if f["rule"] == "OC004" and f.get("entity") in self_named)
        said_gone = _said(r"(\d+) eliminated posts? (?:is|are) left out", result.stderr)
        said_zero = _said(r"(\d+) manager ids? match", result.stderr)
        spans = named_direct_reports(path)
        wide = sum(1 for n in spans.values() if n > 10)
        narrow_oc101 = sum(1 for f in findings if f["rule"] == "OC101" and spans.get(f.get("entity"), 0) <= 10)
        bound = oc008_bound(path)
        match = (all(found[k] == expected[k] for k in ("OC002", "OC003", "OC004")) and not found["OC001"]
                 and said_gone == expected["eliminated"] and said_zero == expected["zero-padded"]
                 and not on_gone and not oc004_self)
        # one finding per fact (issue 13.3): a file above its OC008 bound, or OC101 on a post
        # with 10 or fewer named reports, fails the run as an exact count does
        ok &= match and found["OC008"] <= bound and not narrow_oc101
        row = {"rows": expected["posts"], "eliminated": f"{expected['eliminated']} / {said_gone}",
               "on eliminated": on_gone, "zero": f"{expected['zero-padded']} / {said_zero}",
               "self": expected["self-named tops"], "OC004 self": oc004_self, "missing": expected["OC003"],
               "OC003": found["OC003"], "repeated": expected["OC002"], "OC002": found["OC002"],
               "loops": expected["OC004"], "OC004": found["OC004"], "wide": wide, "OC101": found["OC101"],
               "OC101 narrow": narrow_oc101, "bound": bound, "OC008": found["OC008"],
               **{k: found[k] for k in ("OC102", "OC103", "OC104", "OC105")}}
        totals.update({k: v for k, v in row.items() if isinstance(v, int)})
        totals.update({"files": 1, "over bound": found["OC008"] > bound, "files with narrow OC101": narrow_oc101 > 0,
                       "eliminated csv": expected["eliminated"], "eliminated note": said_gone,
                       "zero csv": expected["zero-padded"], "zero note": said_zero})
        lines.append(f"| {os.path.basename(path)[:-len('-senior.csv')]} | " + " | ".join(map(str, row.values()))
                     + f" | {'yes' if match else 'NO: expected ' + json.dumps(expected)} |")
    elapsed = time.perf_counter() - started
    keys = ("rows", "eliminated", "on eliminated", "zero", "self", "OC004 self", "missing", "OC003", "repeated",
            "OC002", "loops", "OC004", "wide", "OC101", "OC101 narrow", "bound", "OC008", "OC102", "OC103", "OC104",
            "OC105")
    totals["eliminated"] = f"{totals['eliminated csv']} / {totals['eliminated note']}"  # type: ignore[assignment]
    totals["zero"] = f"{totals['zero csv']} / {totals['zero note']}"  # type: ignore[assignment]
    lines.append(f"| **{totals['files']} files** | " + " | ".join(str(totals[k]) for k in keys) + " | |")
    lines += ["",
              f"- Eliminated posts: {totals['eliminated csv']} by the csv count, {totals['eliminated note']} left out "
              f"by orgcheck; {totals['on eliminated']} findings name one. Target (no finding about an eliminated "
              f"post): {'met' if not totals['on eliminated'] else 'not met'}.",
              f"- OC003: {totals['OC003']} findings for {totals['missing']} distinct missing managers after "
              f"{totals['zero csv']} zero-padded ids are read as the posts they name. Target (one finding per "
              f"missing manager): {'met' if totals['OC003'] == totals['missing'] else 'not met'}.",
              f"- Self-named tops: {totals['self']}; OC004 on them: {totals['OC004 self']}. Target (none): "
              f"{'met' if not totals['OC004 self'] else 'not met'}.",
              f"- OC101: {totals['OC101']} findings; {totals['wide']} posts have more than 10 named direct reports; "
              f"{totals['OC101 narrow']} findings are on posts with 10 or fewer, in "
              f"{totals['files with narrow OC101']} files. Target (OC101 only on posts above their bound): "
              f"{'met' if not totals['OC101 narrow'] else 'not met'}.",
              f"- OC008: {totals['OC008']} findings; bound {totals['bound']}; {totals['over bound']} files above their "
              f"bound. Target (no file above its bound): {'met' if not totals['over bound'] else 'not met'}.",
              f"- {len(files)} files linted in {elapsed:.1f} s ({elapsed / max(len(files), 1) * 1000:.0f} ms a file, "
              "a new process each)."]
    return lines, ok


def grades(realdata: str) -> tuple[list[str], bool]:
    """OC107/OC108 and the grade lines of ``stats`` beside benchmarks/grade_counts.py."""
    files = grade_counts.files(realdata)
    keys = ("lines", "inverted", "same", "same_managers", "in_order", "not_compared")
    totals = {name: dict.fromkeys(keys, 0) for name in ("rows", "posts", "orgcheck")}
    to_shared = 0
    rules: collections.Counter = collections.Counter()
    differ = []
    for path in files:
        lint = orgcheck("lint", "--isolated", "--format", "json", "--select", "OC107,OC108", path)
        stats = orgcheck("stats", "--isolated", "--format", "json", path)
        if lint.returncode not in (0, 1) or stats.returncode != 0:
            differ.append(f"{os.path.basename(path)} (crashed: {(lint.stderr or stats.stderr).strip()[:120]})")
            continue
        found = collections.Counter(f["rule"] for f in _rules(lint))
        lines = json.loads(stats.stdout)["grade_spans"]["lines"] or dict.fromkeys(keys[1:], 0)
        mine = {**lines, "lines": sum(lines[k] for k in ("inverted", "same", "in_order", "not_compared")),
                "same_managers": found["OC108"]}
        rules.update(found)
        by_rows = grade_counts.by_rows(path)
        to_shared += by_rows["inverted_to_shared"]
        for name, got in (("rows", by_rows), ("posts", grade_counts.by_posts(path)), ("orgcheck", mine)):
            for k in keys:
                totals[name][k] += got[k]
        expected = grade_counts.by_posts(path)
        if any(mine[k] != expected[k] for k in keys) or found["OC107"] != expected["inverted"]:
            differ.append(os.path.basename(path))
    r, p, o = totals["rows"], totals["posts"], totals["orgcheck"]
    lines = ["Grades along the reporting lines of the senior CSVs (every senior post and the senior post it reports "
             "to; eliminated posts are no posts), on the Civil Service's ladder (SCS4 > SCS3 > SCS2 > SCS1A > SCS1) "
             "and NATO's (OF-9 > ... > OF-6). The independent count is benchmarks/grade_counts.py (the csv module "
             "and the reading rules of tests/organogram_counts.py; its ladders written again). Two ways to count:",
             "",
             "- *rows*: each live row against the first row of the post id it names, as written;",
             "- *posts*: the lines between posts as the reading rules make them, what OC107/OC108 judge. A post "
             "below an eliminated post reports to the eliminated post's manager; a manager id written with leading "
             "zeros names the post it matches without them; a post held by two people (a job share: two rows, one "
             "id) is two posts, each holder one line to the manager, and a post that reports to a job share is "
             "compared with one holder, not with both.",
             "",
             "| count | lines | inverted (report above manager) | same grade | managers with a same-grade report "
             "| in order | not compared |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, t in (("csv, rows", r), ("csv, posts", p), ("orgcheck (`stats` grade lines)", o)):
        lines.append(f"| {label} | {t['lines']} | {t['inverted']} | {t['same']} | {t['same_managers']} "
                     f"| {t['in_order']} | {t['not_compared']} |")
    lines += ["",
              f"- OC107 (grade-inversion): {rules['OC107']} findings, one per inverted line: the csv count of posts "
              f"has {p['inverted']}. OC108 (grade-compression): {rules['OC108']} findings, one per manager with a "
              f"same-grade direct report: the csv count has {p['same_managers']} such managers, over "
              f"{p['same']} same-grade lines.",
              f"- Files where orgcheck and the csv count of posts differ: {', '.join(differ) or 'none'}.",
              f"- Rows against posts: {r['lines']} lines by rows, {p['lines']} by posts: the rows count loses the "
              "lines to an eliminated post and to a zero-padded manager id. It finds "
              f"{r['inverted']} inverted lines where the posts count finds {p['inverted']}: {to_shared} of its "
              "inverted lines go to a post id the file gives to two posts, and it compares their reports with the "
              "first row. In the DWP's September 2013 file, DWP135 is both the Permanent Secretary (SCS4) and a "
              "regional director (SCS1): the directors general who report to the Permanent Secretary are no "
              "inversion. The reading rules send such a reference to the post that makes no loop and has the "
              "fewest managers above it (issue 22), and count a job share's two holders as two lines. A designer "
              "asks about the organization as it stands after the eliminations, with each person's real manager: "
              "the posts count, which orgcheck now gives exactly (it read no grade from files whose column is "
              "headed \"Grade (or equivalent)\" before). "
              "\"Not compared\" lines have a grade missing (N/D, blank) or grades on two ladders (an OF-6 under an "
              "SCS2)."]
    return lines, not differ


def _self_named_ids(senior: str) -> set[str]:
    """Post ids whose own row names them as their manager (csv module)."""
    import csv

    with open(senior, encoding="utf-8-sig", newline="") as fh:
        return {r["Post Unique Reference"].strip() for r in csv.DictReader(fh)
                if r["Post Unique Reference"].strip() == (r["Reports to Senior Post"] or "").strip()}


def gitlab(realdata: str) -> tuple[list[str], bool]:
    folder = os.path.join(realdata, "gitlab-team-2022", "data", "team_members")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "gitlab.org.json")
        started = time.perf_counter()
        result = orgcheck("import", "yaml", folder, "--map", "title=role", "-o", out)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            return [f"GitLab import failed: {result.stderr.strip()}"], False
        with open(out, encoding="utf-8") as fh:
            model = json.load(fh)
        lint = orgcheck("lint", "--isolated", "--format", "json", out)
        done = json.loads(orgcheck("stats", "--isolated", "--format", "json", out).stdout)["completeness"]
    people = gitlab_people(folder)
    heads = gitlab_fragments(folder)
    in_fragments = gitlab_fragment_people(folder)
    missing = {people[h] for h in heads}
    findings = _rules(lint)
    found = collections.Counter(f["rule"] for f in findings)
    # A tree's top is in a fragment when the top's own manager is missing.
    tops_in_fragments = sum(1 for f in findings if f["rule"] == "OC104" and f.get("entity") in people
                            and _fragment_top(people, f["entity"]))
    # OC508 against the department lists as sets (PyYAML): none where the person's and the
    # manager's sets are equal; where one holds the other the person sits in a sub-unit.
    sets = gitlab_departments(folder)
    oc508 = collections.Counter()
    for f in findings:
        if f["rule"] == "OC508":
            mine, boss = sets.get(f["entity"], frozenset()), sets.get(people.get(f["entity"]) or "", frozenset())
            oc508["same" if mine == boss else "nested" if mine < boss or mine > boss else "differ"] += 1
    differ = sum(1 for slug, boss in people.items() if boss in people and sets.get(slug) and sets.get(boss)
                 and sets[slug] != sets[boss])
    ok = (len(model["people"]) == len(people) and not found["OC001"] and found["OC003"] == len(missing)
          and not tops_in_fragments and done["fragments"] == len(heads) and done["in_fragments"] == in_fragments
          and not oc508["same"])
    return ["| count (PyYAML) | figure | orgcheck finding | findings |",
            "|---|---:|---|---:|",
            f"| people (YAML files) | {len(people)} | people imported | {len(model['people'])} |",
            f"| fragments: people whose manager is not in the snapshot | {len(heads)} | | |",
            f"| managers missing from the snapshot | {len(missing)} | OC003 (one per missing manager) "
            f"| {found['OC003']} |",
            f"| people whose department set differs from their manager's | {differ} | OC508 | {found['OC508']} |",
            f"| people whose department set equals their manager's (in any order) | "
            f"{len(people) - differ} | OC508 on them | {oc508['same']} |",
            f"| OC508 where one set holds the other (a sub-unit whose parent the lists do not make clear) | | "
            f"OC508 | {oc508['nested']} |",
            f"| people in fragments (their line ends at a missing manager) | {in_fragments} | OC104 | "
            f"{found['OC104']} ({tops_in_fragments} on a fragment) |",
            f"| people whose line reaches a top | {len(people) - in_fragments} | OC008 | {found['OC008']} |",
            f"| fragments, people in them (stats) | {len(heads)}, {in_fragments} | stats completeness | "
            f"{done['fragments']}, {done['in_fragments']} |",
            "",
            f"Import took {elapsed:.1f} s; every finding: "
            + ", ".join(f"{k} {v}" for k, v in sorted(found.items())) + "."], ok


def _fragment_top(people: dict[str, str | None], slug: str) -> bool:
    """Whether the tree that ``slug`` heads (or is in) hangs from a manager not in the snapshot."""
    seen = set()
    while slug in people and slug not in seen:
        seen.add(slug)
        boss = people[slug]
        if boss is None:
            return False
        if boss not in people:
            return True
        slug = boss
    return False


def _n(count: int, one: str, many: str) -> str:
    """'1 BPMN process', '2 BPMN processes': the reader's summary says one and many right."""
    return f"{count} {one if count == 1 else many}"


def bpmn(realdata: str) -> tuple[list[str], bool]:
    lines = ["Counted with xml.etree: processes, those with a start event at their own level, message flows. "
             "Every process of a valid model starts somewhere, so OC006 and OC007 must be 0.",
             "",
             "| model | processes | with a start event | tasks | lanes | sequence flows | message flows "
             "| made: processes / steps / flows / handoffs | OC006 | OC007 | every finding | counts match |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|"]
    ok = True
    totals: collections.Counter = collections.Counter()
    for path in sorted(glob.glob(os.path.join(realdata, "bpmn-miwg-reference", "Reference", "*.bpmn"))):
        root = ET.parse(path).getroot()
        processes = root.findall(f"{BPMN}process")
        starts = bpmn_start_events(path)
        n = {"processes": len(processes),
             "started": sum(1 for v in starts.values() if v),
             "tasks": sum(len(p.findall(f".//{BPMN}{t}")) for p in processes for t in TASKS),
             "lanes": sum(len(p.findall(f".//{BPMN}lane")) for p in processes),
             "sequence flows": sum(len(p.findall(f".//{BPMN}sequenceFlow")) for p in processes),
             "message flows": bpmn_message_flows(path)}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "p.org.json")
            result = orgcheck("import", "bpmn", path, "-o", out)
            model = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else {}
        lint = orgcheck("lint", "--isolated", "--format", "json", path)
        found = (collections.Counter(f["rule"] for f in _rules(lint)) if lint.stdout
                 else collections.Counter({"CRASH": 1}))
        said = (f"read {_n(n['processes'], 'BPMN process', 'BPMN processes')}, {_n(n['tasks'], 'task', 'tasks')}, "
                f"{_n(n['lanes'], 'lane', 'lanes')}, {_n(n['sequence flows'], 'sequence flow', 'sequence flows')}, "
                f"{_n(n['message flows'], 'message flow', 'message flows')}")
        made = model.get("processes", [])
        handoffs = sum(len(p.get("x-handoffs", [])) for p in made)
        system = bpmn_system_tasks(path)
        controls = sum(1 for p in made for st in p["steps"] if (st.get("x-source") or {}).get("element") in system
                       and st.get("kind") in ("approval", "review"))
        totals.update({"system tasks": len(system), "system controls": controls})
        ok &= not controls
        match = said in result.stderr and not found["OC001"] and not found["CRASH"] and handoffs == n["message flows"]
        ok &= match
        totals.update(n)
        totals.update({"OC006": found["OC006"], "OC007": found["OC007"], "made": len(made), "handoffs": handoffs})
        totals.update(found)
        lines.append(f"| {os.path.basename(path)} | " + " | ".join(str(v) for v in n.values())
                     + f" | {len(made)} / {sum(len(p['steps']) for p in made)} / "
                       f"{sum(len(p.get('flows', [])) for p in made)} / {handoffs} | {found['OC006']} | "
                       f"{found['OC007']} | "
                     + (", ".join(f"{k} {v}" for k, v in sorted(found.items())) or "none")
                     + f" | {'yes' if match else 'NO'} |")
    every = ", ".join(f"{k} {totals[k]}" for k in sorted(totals) if k.startswith("OC") and totals[k])
    lines += ["",
              f"- {totals['processes']} processes, {totals['started']} with a start event; OC006 {totals['OC006']}, "
              f"OC007 {totals['OC007']}. Target (no OC006 or OC007): "
              f"{'met' if not totals['OC006'] and not totals['OC007'] else 'not met'}.",
              f"- {totals['message flows']} message flows, each an `x-handoffs` record between two processes, none a "
              f"sequence flow ({totals['handoffs']} recorded).",
              f"- {totals['system tasks']} send, receive, script and service tasks (xml.etree); read as an approval "
              f"or review: {totals['system controls']}. Target (none: \"Notify Employee of Approval\" in C.8.0 and "
              f"C.8.1 is a send task, no approval, so no OC201 there): "
              f"{'met' if not totals['system controls'] else 'not met'}.",
              f"- Every finding that `orgcheck lint` reports on the 21 models: {every or 'none'} (a BPMN file "
              "expresses processes only: the rules about feedback, metrics and handoffs between units are not "
              "assessed on it)."]
    return lines, ok


CODE_ROWS = (("units", "units today"), ("archived", "archived units (retired teams)"),
             ("memberships", "memberships (distinct unit and person pairs, leads included)"),
             ("people_in_several_units", "people in several units"),
             ("most_memberships", "most memberships of one person"),
             ("units_with_lead", "units with a lead, chair or tech lead"), ("leads", "people who lead a unit"),
             ("former_memberships", "former memberships (alumni, emeriti)"))

#: what a maintainer of each project would act on, after the figures (docs/realdata.md)
CODE_NOTES = {
    "rust": "A maintainer would act on the OC501 findings (teams above 9 members: each a candidate to split "
            "into subteams, as compiler already is) and read OC502 as a list of teams of fewer than three people, "
            "where the team rests on too few people; the load figures above (the most memberships and the "
            "most units led by one person) are the ones the governance rules judge. No finding is about the "
            "TOML itself, and no member names an unknown person (the upstream validator checks the same in "
            "its CI).",
    "k8s": "A maintainer would act on OC501 on the Security Response committee (10 members) only if the "
           "committee means to steer itself as one team; OC506 lists the SIGs and working groups in several "
           "collaborations at once (a working group with many stakeholder SIGs, a SIG that is a stakeholder "
           "of many working groups): the cross-SIG load steering reviews when it charters a working group. "
           "Subprojects show no lead because their owners are in OWNERS files, which orgcheck records and "
           "does not fetch.",
    "backstage": "The catalog is Backstage's demo organization: OC502 on Team D (2 members) and Team E (none) "
                 "is what its owner would fix, by merging them or giving them members.",
}


def _code_table(counted: dict, stats: dict) -> list[str]:
    got = dict(stats["memberships"])
    got["most_memberships"] = (got.get("most_memberships") or {}).get("count", 0)
    lines = ["| figure | count (tomllib / PyYAML) | orgcheck stats | equal |", "|---|---:|---:|---|"]
    ok = True
    for key, label in CODE_ROWS:
        equal = counted[key] == got[key]
        ok &= equal
        lines.append(f"| {label} | {counted[key]} | {got[key]} | {'yes' if equal else 'NO'} |")
    return lines, ok


def _profile_line(stats: dict) -> str:
    parts = []
    for pillar, p in stats["profile"].items():
        score = "not assessed" if p["score"] is None else f"{p['score']}"
        parts.append(f"{pillar} {score} ({p['assessed']} of {p['total']} indicators assessed)")
    return "Trust profile: " + "; ".join(parts) + "."


def teams_as_code(realdata: str, key: str) -> tuple[list[str], bool]:
    """One org model kept as code, linted and counted where it lives."""
    import teams_counts

    name, counted_by = {"rust": ("rust-lang-team", lambda p: teams_counts.rust_team(p)),
                        "k8s": ("kubernetes-community", lambda p: teams_counts.k8s_sigs(os.path.join(p, "sigs.yaml"))),
                        "backstage": ("backstage-acme", lambda p: teams_counts.backstage(p))}[key]
    folder = os.path.join(realdata, name)
    counted = counted_by(folder)
    started = time.perf_counter()
    lint = orgcheck("lint", "--isolated", "--format", "json", folder)
    elapsed = time.perf_counter() - started
    stats = json.loads(orgcheck("stats", "--isolated", "--format", "json", folder).stdout)
    findings = _rules(lint)
    found = collections.Counter(f["rule"] for f in findings)
    lines, ok = _code_table(counted, stats)
    dangling = sum(1 for f in findings if f["rule"] == "OC003" and "members" in f["message"])
    ok &= dangling == counted["dangling"] and not found["OC001"]
    files = sorted({f["file"] for f in findings})
    exts = sorted({os.path.splitext(f)[1] for f in files})
    lines += ["",
              f"- Linted where it lives in {elapsed:.1f} s: "
              + (", ".join(f"{k} {v}" for k, v in sorted(found.items())) or "no finding")
              + f", at {len(files)} {' and '.join(exts) or ''} file(s) with line and column; OC001 {found['OC001']}.",
              f"- Members naming a person the source does not define: {counted['dangling']} counted, "
              f"{dangling} OC003 findings.",
              f"- Reporting lines: {stats['reporting_lines']['reason'] or 'recorded'} (layers and spans not "
              f"assessed); {len(stats['not_assessed'])} rules not assessed.",
              f"- {_profile_line(stats)}",
              f"- {CODE_NOTES[key]}"]
    return lines, ok


GOVERNANCE_NOTE = (
    "- What a rust-lang maintainer would act on: OC509 on the teams that rest on one person and are meant to "
    "last (regex, cookbook, rust-by-example, compiler-ops, social-media, all-hands, comprehensibility: a second "
    "member who can take over), and on the one-person project and working groups by archiving them when their "
    "work is done; OC510 (a co-lead for the people leading more than 3 groups: nikomatsakis leads 10) and OC511 "
    "as a load signal at info. OC512's seven groups without a lead include the leadership council and the "
    "moderation teams, which are leaderless by design: a waiver with that reason is the honest answer there. "
    "fls-contributors is a list of contributors, not a team: its OC509 is not one a maintainer would act on.",
    "- OC514 (opt-in) cannot fire on rust-lang/team: its reader folds a team's leads into its members, as the "
    "upstream validator requires them to be. OC513 is not assessed on every source: none records when a "
    "working group ends.")


def governance(realdata: str) -> tuple[list[str], bool]:
    """The governance rules on rust-lang/team and Backstage, beside tomllib/PyYAML counts."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import governance as counted  # benchmarks/governance.py

    lines, ok = counted.section(realdata)
    return [*lines, "", *GOVERNANCE_NOTE], ok


def gitlab_folder(realdata: str) -> tuple[list[str], bool]:
    """GitLab's team folder linted where it lives: its units, managers and memberships."""
    folder = os.path.join(realdata, "gitlab-team-2022")
    members = os.path.join(folder, "data", "team_members")
    people = gitlab_people(members)
    departments = gitlab_departments(members)
    stats = json.loads(orgcheck("stats", "--isolated", "--format", "json", folder).stdout)
    m = stats["memberships"]
    rows = (("people (YAML files)", len(people), stats["people"]["positions"]),
            ("managers (someone in the snapshot reports to them)", len({b for b in people.values() if b in people}),
             stats["people"]["managers"]),
            ("units (distinct department names)", len(set().union(*departments.values())), m["units"]),
            ("memberships listed besides the line unit", 0, m["memberships"]))
    ok = all(a == b for _label, a, b in rows)
    return (["| figure | count (PyYAML) | orgcheck stats | equal |", "|---|---:|---:|---|"]
            + [f"| {label} | {a} | {b} | {'yes' if a == b else 'NO'} |" for label, a, b in rows]
            + ["", "- The one source of the four with reporting lines: layers and spans are counted on them (see the "
               "import above for the findings). A person's departments are their line unit; GitLab names no unit "
               "lead, so leads are the managers.",
               f"- {_profile_line(stats)}"]), ok


#: each source: its key, its folder under --realdata, its title, and the function that counts it
SOURCES = (("uk", "uk-gov-organograms", "UK organograms (senior CSV + junior CSV)", organograms),
           ("grades", "uk-gov-organograms", "Grades along the lines (UK senior organograms)", grades),
           ("gitlab", "gitlab-team-2022", "GitLab team page (one YAML file per person)", gitlab),
           ("bpmn", "bpmn-miwg-reference", "BPMN MIWG reference models", bpmn),
           ("rust", "rust-lang-team", "rust-lang/team (a TOML file per team and per person), linted where it lives",
            lambda r: teams_as_code(r, "rust")),
           ("k8s", "kubernetes-community", "kubernetes/community sigs.yaml, linted where it lives",
            lambda r: teams_as_code(r, "k8s")),
           ("backstage", "backstage-acme", "Backstage catalog (Group and User entities), linted where it lives",
            lambda r: teams_as_code(r, "backstage")),
           ("gitlab-folder", "gitlab-team-2022", "GitLab team folder, linted where it lives", gitlab_folder),
           ("governance", "rust-lang-team", "Governance of org models kept as code (OC010, OC509-OC514)",
            governance))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=os.path.join(ROOT, "..", "shared", "realdata"))
    parser.add_argument("--write", help="also write the tables to this markdown file")
    parser.add_argument("--source", choices=[s[0] for s in SOURCES], action="append",
                        help="only this source (repeatable; default: all)")
    args = parser.parse_args()
    sources = [s for s in SOURCES if not args.source or s[0] in args.source]
    # Without the data there is nothing to count: say so (exit 2), never "Target: met" on zero files.
    missing = list(dict.fromkeys(os.path.join(args.realdata, s[1]) for s in sources
                                 if not os.path.isdir(os.path.join(args.realdata, s[1]))))
    if missing:
        print(f"benchmarks/realdata.py: no real data in {', '.join(missing)}: nothing was linted or counted; "
              "pass --realdata DIR (the folder holding uk-gov-organograms/, gitlab-team-2022/ and "
              "bpmn-miwg-reference/), or --source for the sources you have", file=sys.stderr)
        return 2
    parts, ok = [], True
    for _key, _folder, title, fn in sources:
        lines, good = fn(args.realdata)
        ok &= good
        parts.append(f"## {title}\n\n" + "\n".join(lines) + "\n")
    text = "\n".join(parts)
    print(text)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write("# orgcheck on real data\n\nWritten by `python benchmarks/realdata.py --write docs/realdata.md` "
                     "on the files in `../shared/realdata/`. Beside each rule's findings stands the count it is "
                     "checked against, made without orgcheck: the csv module (tests/organogram_counts.py), xml.etree "
                     "and PyYAML "
                     "(tests/realdata_counts.py), tomllib and PyYAML for the org models kept as code "
                     "(tests/teams_counts.py). The tests hold the same counts on the copies in tests/data/realdata "
                     "(tests/test_realdata_counts.py).\n\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Lint the real data in ../shared/realdata and check it against independent counts.

    python benchmarks/realdata.py [--realdata ../shared/realdata] [--write docs/realdata.md]

- every UK senior organogram: orgcheck's OC002/OC003/OC004/OC008 counts against a
  count made with the csv module alone (tests/organogram_counts.py), plus the span
  and layer findings, as a table;
- the GitLab team page folder: imported with a column mapping, people and managers;
- every BPMN reference model: processes, tasks, lanes and sequence flows read
  against a count with xml.etree.

Prints the tables (markdown) and exits 1 on any mismatch. Not a test: CI has no
shared/ folder; the tests use the small copies in tests/data/realdata.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from organogram_counts import count  # noqa: E402

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
TASKS = ("task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
         "businessRuleTask", "callActivity")


def orgcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgcheck", *args], capture_output=True, text=True)


def organograms(realdata: str) -> tuple[list[str], bool]:
    files = sorted(glob.glob(os.path.join(realdata, "uk-gov-organograms", "data", "**", "*-senior.csv"),
                             recursive=True))
    lines = ["| file | posts | positions (junior rows incl.) | OC002 dup | OC003 dangling | OC004 cycles | "
             "OC008 extra tops | OC101 | OC102 | OC103 | OC104 | OC105 | matches csv count |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    ok = True
    totals: collections.Counter = collections.Counter()
    started = time.perf_counter()
    for path in files:
        result = orgcheck("lint", "--isolated", "--format", "json", "--select", "OC0,OC1", path)
        if result.returncode not in (0, 1) or "Traceback" in result.stderr:
            ok = False
            lines.append(f"| {os.path.basename(path)} | CRASH: {result.stderr.strip()[:200]} |")
            continue
        found = collections.Counter(f["rule"] for f in json.loads(result.stdout)["findings"])
        expected = count(path)
        match = all(found[k] == expected[k] for k in ("OC002", "OC003", "OC004", "OC008")) and not found["OC001"]
        ok &= match
        posts = expected["posts"]
        row = [found[k] for k in ("OC002", "OC003", "OC004", "OC008", "OC101", "OC102", "OC103", "OC104", "OC105")]
        totals.update({"files": 1, "posts": posts, "positions": expected["positions"]})
        totals.update(dict(zip(("OC002", "OC003", "OC004", "OC008", "OC101", "OC102", "OC103", "OC104", "OC105"), row)))
        lines.append(f"| {os.path.basename(path)[:-len('-senior.csv')]} | {posts} | {expected['positions']} | "
                     + " | ".join(map(str, row)) + f" | {'yes' if match else 'NO: expected ' + json.dumps(expected)} |")
    elapsed = time.perf_counter() - started
    lines.append(f"| **{totals['files']} files** | {totals['posts']} | {totals['positions']} | "
                 + " | ".join(str(totals[k]) for k in ("OC002", "OC003", "OC004", "OC008", "OC101", "OC102",
                                                        "OC103", "OC104", "OC105")) + " | |")
    lines.append("")
    lines.append(f"{len(files)} files linted in {elapsed:.1f} s ({elapsed / max(len(files), 1) * 1000:.0f} ms a file, "
                 "a new process each).")
    return lines, ok


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
    people = model["people"]
    managers = {p["reports_to"] for p in people if "reports_to" in p}
    findings = collections.Counter(f["rule"] for f in json.loads(lint.stdout)["findings"])
    files = len(glob.glob(os.path.join(folder, "**", "*.yml"), recursive=True))
    ok = len(people) == files and not findings["OC001"]
    return [f"GitLab team page: {files} YAML files → {len(people)} people "
            f"({sum(1 for p in people if p.get('vacant'))} vacant), {len(managers)} distinct managers named, "
            f"{len(model.get('units', []))} units; import took {elapsed:.1f} s; lint: "
            + ", ".join(f"{k} {v}" for k, v in sorted(findings.items()))], ok


def bpmn(realdata: str) -> tuple[list[str], bool]:
    lines = ["| model | processes | tasks | lanes | sequence flows | message flows | imported processes / steps / flows | OC001 after import |",
             "|---|---:|---:|---:|---:|---:|---|---:|"]
    ok = True
    for path in sorted(glob.glob(os.path.join(realdata, "bpmn-miwg-reference", "Reference", "*.bpmn"))):
        root = ET.parse(path).getroot()
        processes = root.findall(f"{BPMN}process")
        n = {"processes": len(processes),
             "tasks": sum(len(p.findall(f".//{BPMN}{t}")) for p in processes for t in TASKS),
             "lanes": sum(len(p.findall(f".//{BPMN}lane")) for p in processes),
             "sequence flows": sum(len(p.findall(f".//{BPMN}sequenceFlow")) for p in processes),
             "message flows": len(root.findall(f".//{BPMN}messageFlow"))}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "p.org.json")
            result = orgcheck("import", "bpmn", path, "-o", out)
            read = result.stderr
            lint = orgcheck("lint", "--isolated", "--format", "json", "--select", "OC001", out)
            model = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else {}
        said = (f"read {n['processes']} BPMN processes, {n['tasks']} tasks, {n['lanes']} lanes, "
                f"{n['sequence flows']} sequence flows, {n['message flows']} message flows")
        oc001 = len(json.loads(lint.stdout)["findings"]) if lint.stdout else -1
        match = said in read and oc001 == 0
        ok &= match
        made = model.get("processes", [])
        lines.append(f"| {os.path.basename(path)} | " + " | ".join(str(v) for v in n.values())
                     + f" | {len(made)} / {sum(len(p['steps']) for p in made)} / "
                       f"{sum(len(p.get('flows', [])) for p in made)} | {oc001}{'' if match else ' MISMATCH'} |")
    return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=os.path.join(ROOT, "..", "shared", "realdata"))
    parser.add_argument("--write", help="also write the tables to this markdown file")
    args = parser.parse_args()
    parts, ok = [], True
    for title, fn in (("UK organograms (senior CSV + junior CSV)", organograms),
                      ("GitLab team page (one YAML file per person)", gitlab),
                      ("BPMN MIWG reference models", bpmn)):
        lines, good = fn(args.realdata)
        ok &= good
        parts.append(f"## {title}\n\n" + "\n".join(lines) + "\n")
    text = "\n".join(parts)
    print(text)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write("# orgcheck on real data\n\nWritten by `python benchmarks/realdata.py --write docs/realdata.md`; "
                     "the counts in the last column come from tests/organogram_counts.py (csv module only) and "
                     "xml.etree, not from orgcheck.\n\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

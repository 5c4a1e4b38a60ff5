"""Shapes that make naive graph code explode, linted with every rule, and timed.

    python benchmarks/stress.py                  # every case at full size
    python benchmarks/stress.py --case wide-span --scale 0.1
    python benchmarks/stress.py --json           # figures for benchmarks/run.py

Each case is built in memory, written to a temporary folder and linted by the real
`orgcheck lint` command (one process per case, as a user runs it), so the figure
includes start-up, reading, validation, the model and every built-in rule. The
unit-loop cases run a view instead (graph, stats, report, diff: COMMANDS), at full and
at half size, so that linear time shows as about 2x between the two. Each line gives
the wall time, the CPU time and the peak memory (resident set) of that one process;
the bombs of issue 23 (the speller, the approval chain, the parallel gateway, the deep
brackets, the hexadecimal fte, the unit loop) must each stay under 10 s and 500 MB,
and the script exits 1 when a case does not (CPU time is compared, as a shared
machine stretches wall time). The tests (tests/test_hostile_input.py,
tests/hostile/test_bombs.py) run smaller versions of the same shapes through the CLI;
this script says how long the full sizes take.

The builders are plain functions so that the tests use the very same shapes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

ORG = {"id": "stress", "name": "Stress test"}


def reporting_chain(depth: int = 30_000) -> dict[str, Any]:
    """One line of command ``depth`` people deep (recursion in a layer or superior
    walk dies at about 1,000)."""
    people = [{"id": f"p{i}", "name": f"Person {i}", **({"reports_to": f"p{i - 1}"} if i else {})}
              for i in range(depth)]
    return {"organization": ORG, "people": people}


def reporting_cycle(size: int = 30_000) -> dict[str, Any]:
    """Everyone in one reporting loop and every unit in one parent loop (both errors,
    OC004 and OC005), with a process and an interaction across it: the rules must not
    walk the loop once per person (30,000 x 30,000)."""
    people = [{"id": f"p{i}", "name": f"Person {i}", "reports_to": f"p{(i + 1) % size}", "unit": f"u{i}"}
              for i in range(size)]
    units = [{"id": f"u{i}", "name": f"Unit {i}", "parent": f"u{(i + 1) % size}", "lead": f"p{i}"}
             for i in range(size)]
    steps = [{"id": "s1", "name": "Do", "performer": "u1"},
             {"id": "s2", "name": "Approve", "performer": f"p{size // 2}", "kind": "approval"},
             {"id": "s3", "name": "Ship", "performer": f"u{size - 1}"}]
    return {"organization": ORG, "people": people, "units": units,
            "processes": [{"id": "p", "name": "P", "steps": steps,
                           "flows": [{"from": "s1", "to": "s2"}, {"from": "s2", "to": "s3"}]}],
            "interactions": [{"id": "i", "between": ["u0", f"u{size // 2}"], "mode": "collaboration"}]}


def wide_span(reports: int = 50_000) -> dict[str, Any]:
    """One manager with ``reports`` direct reports, all in one unit that performs the
    steps of a small process (quadratic pairwise checks show here)."""
    people = [{"id": "boss", "name": "Boss", "unit": "all", "roles": ["lead"]}]
    people += [{"id": f"r{i}", "name": f"Report {i}", "reports_to": "boss", "unit": "all",
                "roles": ["doer"]} for i in range(reports)]
    return {
        "organization": ORG,
        "units": [{"id": "all", "name": "Everyone", "type": "team", "lead": "boss", "self_organizing": True}],
        "roles": [{"id": "lead", "name": "Lead", "purpose": "p", "accountabilities": ["a"], "domains": ["d"]},
                  {"id": "doer", "name": "Doer", "purpose": "p", "accountabilities": ["a"], "domains": ["d"]}],
        "people": people,
        "processes": [{
            "id": "work", "name": "Work", "owner": "all",
            "steps": [{"id": "do", "name": "Do", "performer": "all"},
                      {"id": "ok", "name": "Approve", "performer": "boss", "kind": "approval"},
                      {"id": "ship", "name": "Ship", "performer": "all"}],
            "flows": [{"from": "do", "to": "ok"}, {"from": "ok", "to": "ship"}],
        }],
        "metrics": [{"id": "m", "name": "M", "process": "work", "visible_to": ["boss"]}],
    }


def deep_units(depth: int = 10_000) -> dict[str, Any]:
    """A unit tree ``depth`` levels deep, a person leading each unit who reports to the
    lead above, a process handing work from the deepest unit to a shallow one and
    back, and interactions between far-apart units (lowest common superior, unit
    containment and escalation paths walk this tree)."""
    units = [{"id": f"u{i}", "name": f"Unit {i}", **({"parent": f"u{i - 1}"} if i else {}),
              "lead": f"l{i}", "type": "team" if i % 2 else "department"} for i in range(depth)]
    people = [{"id": f"l{i}", "name": f"Lead {i}", "unit": f"u{i}", **({"reports_to": f"l{i - 1}"} if i else {})}
              for i in range(depth)]
    last, mid = depth - 1, depth // 2
    steps = [{"id": "s0", "name": "Start", "performer": f"u{last}"},
             {"id": "s1", "name": "Check", "performer": "l0", "kind": "approval"},
             {"id": "s2", "name": "Carry on", "performer": f"u{mid}"},
             {"id": "s3", "name": "Decide", "performer": "l1", "kind": "decision"},
             {"id": "s4", "name": "Finish", "performer": f"u{last}"}]
    flows = [{"from": f"s{i}", "to": f"s{i + 1}"} for i in range(4)] + [{"from": "s4", "to": "s0", "kind": "feedback"}]
    interactions = [{"id": f"i{k}", "between": [f"u{last - k}", f"u{k + 1}"], "mode": "collaboration"}
                    for k in range(min(20, depth // 2 - 1))]
    return {"organization": ORG, "units": units, "people": people,
            "processes": [{"id": "p", "name": "P", "owner": "u0", "steps": steps, "flows": flows}],
            "interactions": interactions}


def dense_process(steps: int = 2_000, flows: int = 200_000, seed: int = 1) -> dict[str, Any]:
    """One process of ``steps`` steps joined by ``flows`` flows: sequence flows both
    ways (so cycles everywhere; enumerating cycles or simple paths here never ends),
    long runs of approval steps, feedback flows, and performers spread over a small
    hierarchy and its units."""
    rng = random.Random(seed)
    kinds = ["work", "work", "approval", "approval", "review", "decision", "handoff", "feedback"]
    people = [{"id": "ceo", "name": "CEO", "unit": "hq"}]
    units = [{"id": "hq", "name": "HQ", "type": "organization", "lead": "ceo"}]
    for u in range(20):
        units.append({"id": f"t{u}", "name": f"Team {u}", "type": "team", "parent": "hq", "lead": f"m{u}",
                      "self_organizing": u % 2 == 0})
        people.append({"id": f"m{u}", "name": f"Manager {u}", "reports_to": "ceo", "unit": f"t{u}"})
        people += [{"id": f"w{u}_{k}", "name": f"Worker {u}.{k}", "reports_to": f"m{u}", "unit": f"t{u}"}
                   for k in range(5)]
    performers = ["ceo", *(f"t{u}" for u in range(20)), *(f"m{u}" for u in range(20))]
    step_list = [{"id": f"s{i}", "name": f"Step {i}", "kind": "work" if i == 0 else rng.choice(kinds),
                  "performer": rng.choice(performers)} for i in range(steps)]
    flow_list = [{"from": f"s{i}", "to": f"s{i + 1}"} for i in range(steps - 1)]  # everything reachable
    seen = {(i, i + 1, "sequence") for i in range(steps - 1)}
    flows = min(flows, steps * (steps - 1))  # no more distinct flows than that
    while len(flow_list) < flows:
        a, b = rng.randrange(steps), rng.randrange(steps)
        kind = "feedback" if rng.random() < 0.05 else "sequence"
        if a == b or (a, b, kind) in seen:
            continue
        seen.add((a, b, kind))
        flow = {"from": f"s{a}", "to": f"s{b}"}
        if kind == "feedback":
            flow["kind"] = "feedback"
        flow_list.append(flow)
    return {"organization": ORG, "units": units, "people": people,
            "processes": [{"id": "big", "name": "Big process", "owner": "hq", "steps": step_list,
                           "flows": flow_list}],
            "metrics": [{"id": "m", "name": "Lead time", "process": "big", "visible_to": ["t0"], "cadence": "weekly"}]}


def unit_loop(size: int = 20_000) -> dict[str, Any]:
    """Every unit in one parent loop, a person in each: lint finds it quickly (OC005),
    and the views (unit graph, report, stats) must not walk the loop once per unit."""
    units = [{"id": f"u{i}", "name": f"Unit {i}", "parent": f"u{(i + 1) % size}"} for i in range(size)]
    people = [{"id": f"p{i}", "name": f"Person {i}", "unit": f"u{i}", **({"reports_to": "p0"} if i else {})}
              for i in range(min(size, 2_000))]
    return {"organization": ORG, "people": people, "units": units}


def speller(ids: int = 2_100, dangling: int = 5, length: int = 1_500) -> dict[str, Any]:
    """``ids`` people whose ids are distinct CJK characters (an alphabet of thousands),
    and ``dangling`` references ``length`` characters long to nobody: a "did you mean"
    that spells every one-edit variant over that alphabet needs gigabytes (issue 23)."""
    cjk = [chr(0x4E00 + i) for i in range(ids)]
    people = [{"id": f"{c}{cjk[(i * 37) % ids]}", "name": f"{c}{c}"} for i, c in enumerate(cjk)]
    rng = random.Random(23)
    for k in range(min(dangling, ids)):
        people[k]["reports_to"] = "".join(rng.choice(cjk) for _ in range(length))
    return {"organization": ORG, "people": people}


def approval_chain(works: int = 6_000, approvals: int = 6_000) -> dict[str, Any]:
    """A self-organizing team doing ``works`` work steps that all flow into a chain of
    ``approvals`` approval and review steps by its manager outside the team: "the work
    before" each control step (OC203) and "the controls after" each work step (OC206)
    are each as large as the process (issue 23)."""
    units = [{"id": "mgmt", "name": "Management", "lead": "boss"},
             {"id": "team", "name": "Team", "parent": "mgmt", "type": "team", "self_organizing": True}]
    people = [{"id": "boss", "name": "Boss", "unit": "mgmt"}]
    people += [{"id": f"w{i}", "name": f"Worker {i}", "unit": "team", "reports_to": "boss"} for i in range(5)]
    steps = [{"id": f"s{i}", "name": f"Work {i}", "performer": "team"} for i in range(works)]
    steps += [{"id": f"a{i}", "name": f"Check {i}", "performer": "boss",
               "kind": "approval" if i % 2 == 0 else "review"} for i in range(approvals)]
    flows = [{"from": f"s{i}", "to": "a0"} for i in range(works)]
    flows += [{"from": f"a{i}", "to": f"a{i + 1}"} for i in range(approvals - 1)]
    return {"organization": ORG, "units": units, "people": people,
            "processes": [{"id": "p", "name": "P", "owner": "team", "steps": steps, "flows": flows}]}


#: The command each case runs (default: lint); PATH is the model, TMP its folder.
COMMANDS: dict[str, list[str]] = {
    "unit-loop-graph": ["graph", "--view", "units", "PATH"],
    "unit-loop-graph-org": ["graph", "--view", "org", "--format", "dot", "PATH"],
    "unit-loop-stats": ["stats", "PATH"],
    "unit-loop-report": ["report", "PATH", "-o", "TMP/report.html"],
    "unit-loop-diff": ["diff", "PATH", "PATH"],
}

CASES: dict[str, tuple[Callable[..., dict[str, Any]], str]] = {
    "reporting-chain": (lambda scale: reporting_chain(max(2, int(30_000 * scale))),
                        "a reporting chain 30,000 deep"),
    "reporting-cycle": (lambda scale: reporting_cycle(max(2, int(30_000 * scale))),
                        "a reporting and unit loop of 30,000"),
    "wide-span": (lambda scale: wide_span(max(1, int(50_000 * scale))),
                  "a manager with 50,000 direct reports"),
    "deep-units": (lambda scale: deep_units(max(4, int(10_000 * scale))),
                   "a unit tree 10,000 deep"),
    "dense-process": (lambda scale: dense_process(max(10, int(2_000 * scale)), max(20, int(200_000 * scale))),
                      "a process with 2,000 steps and 200,000 flows"),
    "unit-loop-graph": (lambda scale: unit_loop(max(2, int(20_000 * scale))),
                        "graph --view units: a unit loop of 20,000"),
    "unit-loop-graph-org": (lambda scale: unit_loop(max(2, int(20_000 * scale))),
                            "graph --view org: a unit loop of 20,000"),
    "unit-loop-stats": (lambda scale: unit_loop(max(2, int(20_000 * scale))),
                        "stats: a unit loop of 20,000"),
    "unit-loop-report": (lambda scale: unit_loop(max(2, int(20_000 * scale))),
                         "report: a unit loop of 20,000"),
    "unit-loop-diff": (lambda scale: unit_loop(max(2, int(20_000 * scale))),
                       "diff: a unit loop of 20,000"),
    "speller": (lambda scale: speller(max(3, int(2_100 * scale)), 5, max(2, int(1_500 * scale))),
                "did you mean: 2,100 CJK ids, 5 long dangling"),
    "approval-chain": (lambda scale: approval_chain(max(1, int(6_000 * scale)), max(2, int(6_000 * scale))),
                       "6,000 work steps into 6,000 approvals"),
}


# -- BPMN: files as a modeller exports them, built as bytes ----------------------

BPMN_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
             'id="stress" name="Stress">')


def bpmn_one_line(elements: int = 100_000) -> bytes:
    """A minified BPMN file: one process of about ``elements`` elements (tasks, one
    lane naming them all, and the sequence flows that chain them) on a single line.
    Finding each element's column by scanning back to the start of its line makes
    reading it quadratic."""
    tasks = max(1, elements // 3)
    refs = "".join(f"<flowNodeRef>t{i}</flowNodeRef>" for i in range(tasks))
    body = "".join(f'<task id="t{i}" name="Task {i}"/>' for i in range(tasks))
    flows = "".join(f'<sequenceFlow id="f{i}" sourceRef="t{i}" targetRef="t{i + 1}"/>' for i in range(tasks - 1))
    return (f'{BPMN_HEAD}<process id="p" name="Minified"><laneSet id="ls"><lane id="l" name="Clerk">{refs}</lane>'
            f'</laneSet><startEvent id="s"/><sequenceFlow id="f-s" sourceRef="s" targetRef="t0"/>{body}{flows}'
            "</process></definitions>").encode()


def bpmn_nested(depth: int = 3_000) -> bytes:
    """Sub-processes nested ``depth`` deep, one task at the bottom (a reader that
    recurses per level dies at about 1,000)."""
    opening = "".join(f'\n<subProcess id="s{i}" name="Level {i}">' for i in range(depth))
    return (f'{BPMN_HEAD}\n<process id="p" name="Nested"><startEvent id="start"/>{opening}'
            f'\n<task id="t" name="Deepest task"/>' + "</subProcess>" * depth
            + '\n<sequenceFlow id="f" sourceRef="start" targetRef="s0"/></process></definitions>\n').encode("utf-8")


def bpmn_one_slug(lanes: int = 20_000) -> bytes:
    """``lanes`` lanes whose different names make the same id ("Clerk .", "Clerk ..", ...),
    each with a task: a search for the next free "clerk~n" that starts again at 1 for
    every lane is quadratic."""
    names = [f"Clerk {'.' * (i % 50)}{'!' * (i // 50)}" for i in range(lanes)]
    body = "".join(f'<lane id="l{i}" name="{name}"><flowNodeRef>t{i}</flowNodeRef></lane>' for i, name in enumerate(names))
    tasks = "".join(f'<task id="t{i}" name="Task {i}"/>' for i in range(lanes))
    return (f'{BPMN_HEAD}\n<process id="p" name="Lanes"><laneSet id="ls">{body}</laneSet>\n{tasks}'
            "\n</process></definitions>\n").encode()


def bpmn_parallel(tasks: int = 2_500) -> bytes:
    """``tasks`` tasks into one parallel gateway and ``tasks`` out of it: joining the
    flows through the gateway makes ``tasks`` squared of them (issue 23)."""
    into = "".join(f'<task id="a{i}" name="In {i}"/><sequenceFlow id="fa{i}" sourceRef="a{i}" targetRef="g"/>'
                   for i in range(tasks))
    out = "".join(f'<task id="b{i}" name="Out {i}"/><sequenceFlow id="fb{i}" sourceRef="g" targetRef="b{i}"/>'
                  for i in range(tasks))
    return (f'{BPMN_HEAD}\n<process id="p" name="Fan">\n<parallelGateway id="g"/>\n{into}\n{out}'
            "\n</process></definitions>\n").encode()


def deep_brackets(depth: int = 100_000, quotes: int = 80_000) -> bytes:
    """``[`` x ``depth`` then an unclosed string of escaped quotes (260 KB): too deep to
    read, and a scan for the depth that retries a string from every quote is quadratic."""
    return ("[" * depth + '"' + '\\"' * quotes).encode()


def yaml_hex(digits: int = 4_000) -> bytes:
    """An ``fte`` in hexadecimal, ``digits`` long: too big for a float (an OC001, as the
    decimal form is), and too long for Python to print in decimal."""
    return ("organization: {id: o, name: O}\npeople:\n  - id: p\n    name: P\n    fte: 0x"
            + "f" * digits + "\n").encode()


#: Files that are not org.json: (builder, title, file name).
RAW_CASES: dict[str, tuple[Callable[[float], bytes], str, str]] = {
    "bpmn-parallel": (lambda scale: bpmn_parallel(max(1, int(2_500 * scale))),
                      "BPMN, 2,500 tasks in and out of one gateway", "fan.bpmn"),
    "deep-brackets": (lambda scale: deep_brackets(max(2, int(100_000 * scale)), max(1, int(80_000 * scale))),
                      "JSON: [ x 100,000 and escaped quotes", "deep.org.json"),
    "yaml-hex": (lambda scale: yaml_hex(max(1, int(4_000 * scale))),
                 "YAML: fte of 4,000 hex digits", "hex.org.yaml"),
}

BPMN_CASES: dict[str, tuple[Callable[[float], bytes], str]] = {
    "bpmn-one-line-40k": (lambda scale: bpmn_one_line(max(3, int(40_000 * scale))),
                          "one-line BPMN, 40,000 elements"),
    "bpmn-one-line-100k": (lambda scale: bpmn_one_line(max(3, int(100_000 * scale))),
                           "one-line BPMN, 100,000 elements"),
    "bpmn-nested-3000": (lambda scale: bpmn_nested(max(2, int(3_000 * scale))),
                         "BPMN sub-processes nested 3,000 deep"),
    "bpmn-one-slug": (lambda scale: bpmn_one_slug(max(2, int(20_000 * scale))),
                      "BPMN, 20,000 lanes whose names make one id"),
}


# The command as a user runs it, reporting its own peak memory (VmHWM) as it ends.
# Not ru_maxrss: Linux carries the high-water mark of the process that started it
# over fork and exec, so every case would show this script's own peak.
_PEAK = """
import atexit, sys
from orgcheck.cli.app import main

def peak(path=sys.argv[1]):
    with open("/proc/self/status") as fh:
        kb = next((line.split()[1] for line in fh if line.startswith("VmHWM:")), "")
    with open(path, "w") as out:
        out.write(kb)

atexit.register(peak)
main(sys.argv[2:], prog_name="orgcheck")
"""


def orgcheck() -> list[str]:
    script = shutil.which("orgcheck", path=os.path.dirname(sys.executable)) or shutil.which("orgcheck")
    return [script] if script else [sys.executable, "-m", "orgcheck"]


def measure(name: str, scale: float = 1.0, timeout: float = 600) -> dict[str, Any]:
    """Lint one case with the real command: seconds, exit status, finding count."""
    if name in RAW_CASES:
        build_raw, title, filename = RAW_CASES[name]
        return _lint_file(name, title, scale, filename, build_raw(scale), timeout)
    if name in BPMN_CASES:
        build_bytes, title = BPMN_CASES[name]
        return _lint_file(name, title, scale, f"{name}.bpmn", build_bytes(scale), timeout)
    build, title = CASES[name]
    return _lint_file(name, title, scale, f"{name}.org.json", json.dumps(build(scale)).encode("utf-8"), timeout)


def _lint_file(name: str, title: str, scale: float, filename: str, content: bytes, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, filename)
        with open(path, "wb") as fh:
            fh.write(content)
        size = os.path.getsize(path)
        command = [a.replace("PATH", path).replace("TMP", tmp) for a in COMMANDS.get(name, [])]
        out, err = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
        with open(out, "wb") as fout, open(err, "wb") as ferr:
            start = time.perf_counter()
            hwm = os.path.join(tmp, "peak")
            child = subprocess.Popen([sys.executable, "-c", _PEAK, hwm,
                                      *(command or ["lint", "--isolated", "--format", "json", path])],
                                     stdout=fout, stderr=ferr, cwd=tmp)
            try:
                # wait4: this child's own CPU time, not that of all children so far
                _, status, usage = _wait4(child.pid, timeout)
            except TimeoutError:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
        with open(out, "rb") as fh:
            stdout = fh.read()
        with open(err, "rb") as fh:
            stderr = fh.read()
        proc = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
        try:
            with open(hwm) as fh:
                peak_kb = int(fh.read())
        except (OSError, ValueError):  # no /proc (not Linux), or the command ended by os._exit
            peak_kb = usage.ru_maxrss
    findings = None
    if proc.returncode in (0, 1) and not command:
        try:
            findings = json.loads(proc.stdout)["summary"]["findings"]
        except (ValueError, KeyError):
            pass
    return {"case": name, "what": title, "scale": scale, "bytes": size, "seconds": round(seconds, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2), "peak_mb": round(peak_kb / 1024, 1),
            "exit": proc.returncode, "findings": findings,
            "stderr": proc.stderr.decode("utf-8", "replace").strip()[-500:]}


def _wait4(pid: int, timeout: float) -> tuple[int, int, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found, status, usage = os.wait4(pid, os.WNOHANG)
        if found:
            return found, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.02)


#: The limits every case must stay within (issue 23): a case past either is flagged.
LIMIT_SECONDS, LIMIT_MB = 10.0, 500.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=sorted([*CASES, *BPMN_CASES, *RAW_CASES]), action="append",
                        help="run only this case (repeatable; default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (default 1.0: the full sizes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    args = parser.parse_args(argv)
    worst = 0
    over = []
    for name in args.case or [*CASES, *BPMN_CASES, *RAW_CASES]:
        result = measure(name, args.scale)
        if name in COMMANDS:
            # Linear time shows as about 2x from half size to full size (quadratic: 4x).
            half = measure(name, args.scale / 2)
            result["half_size_seconds"] = half["seconds"]
        worst = max(worst, result["exit"])
        if args.json:
            print(json.dumps(result), flush=True)
        else:
            growth = (f"  half size {result['half_size_seconds']:.2f} s" if "half_size_seconds" in result else "")
            print(f"{result['what']:<46} {result['seconds']:>7.2f} s  cpu {result['cpu_seconds']:>6.2f} s  "
                  f"peak {result['peak_mb']:>6.1f} MB  exit {result['exit']}  "
                  + (f"{result['findings']} findings  " if result["findings"] is not None else "")
                  + f"({result['bytes'] / 1e6:.1f} MB){growth}", flush=True)
            if result["exit"] == 2:
                print(f"  {result['stderr']}", flush=True)
        if result["cpu_seconds"] > LIMIT_SECONDS or result["peak_mb"] > LIMIT_MB or result["exit"] > 2:
            over.append(name)
    if over and not args.json:
        print(f"over {LIMIT_SECONDS:.0f} s of CPU or {LIMIT_MB:.0f} MB, or crashed: {', '.join(over)}")
    return 0 if worst < 2 and not over else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Where ``orgcheck lint`` spends its time on one model: each phase and each rule.

    python benchmarks/phases.py benchmarks/.cache/people1000000-*.org.json
    python benchmarks/phases.py FILE --top 10

CPU seconds per phase (read, parse, validate, model, freeze, rules, waivers, positions,
sort and format) and the rules that take longest, measured in one process the way
the engine runs them (the cyclic garbage collector off, as ``orgcheck lint`` has it).
It reaches into the engine's internals: a tool for profiling, not an API.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=12, help="how many rules to list (default 12)")
    args = parser.parse_args(argv)

    from orgcheck.api.manager import load_plugins
    from orgcheck.config import Config
    from orgcheck.io.json_document import load_json
    from orgcheck.model import Org
    from orgcheck.report import Located, Report
    from orgcheck.run import engine, guard, positions, rule_runner, waivers
    from orgcheck.validate import schema

    gc.disable()
    clock = time.process_time
    phases: list[tuple[str, float]] = []

    def phase(name: str, start: float) -> float:
        now = clock()
        phases.append((name, now - start))
        return now

    t = clock()
    plugins = load_plugins([])
    config = Config()
    rules = engine.prepare(config, plugins)
    t = phase("plugins", t)
    with open(args.file, "rb") as fh:
        data = fh.read()
    t = phase("read", t)
    document = load_json(args.file, data)
    del data
    t = phase("parse", t)
    violations = schema.validate(document)
    t = phase("validate", t)
    if violations:
        print(f"{args.file}: {len(violations)} schema violations; the model is not built", file=sys.stderr)
        return 1
    org = Org(document.data, today=config.today)
    t = phase("model", t)
    guard.freeze(org)  # as the engine does before the rules run: they read tuples, not lists
    t = phase("freeze", t)
    from orgcheck.api.measures import measures_of

    measures = measures_of(org, plugins, config)
    raw: list = []
    per_rule: list[tuple[float, str]] = []
    for rule in rules:
        start = clock()
        raw.extend(rule_runner._run(rule, org, config, measures))
        per_rule.append((clock() - start, f"{rule.code} {rule.name}"))
    t = phase("rules", t)
    kept, _ = waivers.apply_waivers(org, raw, {r.code for r in rules}, plugins, config)
    t = phase("waivers", t)
    report = Report(files=[args.file], rules_run=sorted(r.code for r in rules))
    positions.locate(document, kept, report)
    t = phase("positions", t)
    report.findings.sort(key=Located.sort_key)
    plugins.formatters["text"](report, plugins.rules, {"color": False, "statistics": False, "quiet": True})
    phase("sort and format", t)

    total = sum(seconds for _, seconds in phases)
    print(f"{args.file}: {len(report.findings)} findings, {total:.2f} s of CPU")
    for name, seconds in phases:
        print(f"  {name:16} {seconds:8.3f} s  {seconds / total:6.1%}")
    print(f"slowest rules (of {len(per_rule)}):")
    for seconds, name in sorted(per_rule, reverse=True)[:args.top]:
        print(f"  {name:40} {seconds:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

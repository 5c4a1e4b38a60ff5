"""`orgcheck stats` and `orgcheck lint` agree on every count they share, on generated models.

A designer reads "2 roles without a purpose" in stats and expects two OC402 findings in
lint. Models come from a strategy that aims at the edges where a view and a rule could
count differently (blank purposes, roles held only by vacant posts, aggregate staff,
dangling and looping reporting lines, every manager type) and from
benchmarks/generate.py (units, processes, metrics, a sprinkling of every defect).
Each model is linted and measured through the real commands.

CI runs a small, fixed set of examples; a longer hunt:

    ORGCHECK_FUZZ_EXAMPLES=200 python -m pytest tests/test_stats_agree.py
"""
from __future__ import annotations

import importlib.util
import json
import os
from collections import Counter
from pathlib import Path

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES_WANTED = int(os.environ.get("ORGCHECK_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(max_examples=EXAMPLES_WANTED or 8, derandomize=not EXAMPLES_WANTED, deadline=None,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                          HealthCheck.function_scoped_fixture])

_spec = importlib.util.spec_from_file_location("orgcheck_bench_generate", ROOT / "benchmarks" / "generate.py")
GENERATE = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(GENERATE)

TEXTS = st.sampled_from([None, [], ["  "], ["Planning care with the client"], ["  ", "Triage"]])
PURPOSES = st.sampled_from([None, "", "   ", "\t", "Clients get the care they need"])
MANAGER_TYPES = st.sampled_from([None, None, "player-coach", "coach", "supervisor", "facilitator", "coordinator"])


@st.composite
def edge_models(draw) -> dict:
    """People in trees, fragments and loops, vacant and aggregate posts, roles whose
    content is missing, blank or present, held by filled and vacant posts."""
    n = draw(st.integers(1, 30))
    roles = []
    for i in range(draw(st.integers(0, 6))):
        role = {"id": f"r{i}", "name": f"Role {i}"}
        for key, values in (("purpose", PURPOSES), ("accountabilities", TEXTS), ("domains", TEXTS),
                            ("standards", TEXTS)):
            value = draw(values)
            if value is not None:
                role[key] = value
        roles.append(role)
    people = []
    for i in range(n):
        person: dict = {"id": f"p{i}", "name": f"Person {i}"}
        line = draw(st.sampled_from(["earlier", "earlier", "earlier", "top", "missing", "any"]))
        if line == "earlier" and i:
            person["reports_to"] = f"p{draw(st.integers(0, i - 1))}"
        elif line == "missing":
            person["reports_to"] = f"gone{draw(st.integers(0, 2))}"  # a manager outside the export
        elif line == "any":
            person["reports_to"] = f"p{draw(st.integers(0, n - 1))}"  # maybe a loop
        kind = draw(MANAGER_TYPES)
        if kind:
            person["manager_type"] = kind
        if draw(st.integers(0, 4)) == 0:
            person["vacant"] = True
        if draw(st.integers(0, 7)) == 0:
            person["x-aggregate"] = True
            person["fte"] = draw(st.integers(2, 30))
        if roles and draw(st.booleans()):
            person["roles"] = draw(st.lists(st.sampled_from([r["id"] for r in roles]), max_size=2, unique=True))
        if n > 1 and draw(st.integers(0, 5)) == 0:
            person["dotted_to"] = [f"p{draw(st.integers(0, n - 1))}"]
        people.append(person)
    model: dict = {"organization": {"id": "org", "name": "Generated"}, "people": people}
    if roles:
        model["roles"] = roles
    return model


def _without_waivers(node):
    """The model without its waivers: a waiver silences a finding, while stats shows the
    design as it is (a waived role without standards is still one)."""
    if isinstance(node, dict):
        return {k: _without_waivers(v) for k, v in node.items() if k != "waivers"}
    if isinstance(node, list):
        return [_without_waivers(v) for v in node]
    return node


generated = st.builds(
    lambda people, processes, seed: _without_waivers(json.loads(GENERATE.generate(people, processes, seed))),
    st.integers(20, 150), st.integers(0, 8), st.integers(0, 10_000))


def lint(run, folder: Path) -> dict[str, Counter]:
    """Per file, how many findings each rule gives (every rule enabled)."""
    result = run("lint", "--isolated", "--preset", "all", "--format", "json", "--today", "2025-06-01", ".",
                 cwd=folder)
    assert result.code in (0, 1), result.err
    counts: dict[str, Counter] = {p.name: Counter() for p in folder.iterdir()}
    for f in json.loads(result.out)["findings"]:
        counts[f["file"]][f["rule"]] += 1
        if f["rule"] == "OC003" and f["pointer"].endswith("/reports_to") and f["pointer"].startswith("/people/"):
            counts[f["file"]]["fragment heads"] += 1
    return counts


def stats(run, folder: Path, name: str) -> dict:
    result = run("stats", "--isolated", "--format", "json", "--today", "2025-06-01", name,
                 cwd=folder)
    assert result.code == 0, result.err
    return json.loads(result.out)


def agree(s: dict, found: Counter) -> None:
    """Every count stats and lint share, side by side (named, so a failure says which)."""
    roles, spans, people = s["roles"], s["spans"]["status"], s["people"]
    pairs = {
        "roles without a purpose (OC402)": (roles["roles"] - roles["with_purpose"], found["OC402"]),
        "roles without accountabilities or domains (OC403)": (
            roles["roles"] - roles["with_accountabilities_or_domains"], found["OC403"]),
        "roles without standards (OC406)": (roles["roles"] - roles["with_standards"], found["OC406"]),
        "unfilled roles (OC404)": (roles["unfilled"], found["OC404"]),
        "filled positions without a role (OC401)": (
            roles["filled_positions"] - roles["filled_positions_with_role"] if roles["roles"] else 0,
            found["OC401"]),
        "spans too wide (OC101)": (spans["wide"] + spans.get("narrow and wide", 0), found["OC101"]),
        "spans too narrow (OC102)": (spans["narrow"] + spans.get("narrow and wide", 0), found["OC102"]),
        "one-over-ones (OC103)": (spans["one-over-one"], found["OC103"]),
        "one-over-one rows": (len(s["one_over_ones"]), found["OC103"]),
        "trees deeper than their size needs (OC104)": (
            sum(1 for t in s["trees"] if t["status"] == "deep"), found["OC104"]),
        "manager share high (OC105)": (int(people["status"] == "high"), found["OC105"]),
        "vacant posts with reports (OC106)": (people["vacant_managers"], found["OC106"]),
        "fragments (OC003 on reports_to)": (s["completeness"]["fragments"], found["fragment heads"]),
    }
    assert {k: a for k, (a, _b) in pairs.items()} == {k: b for k, (_a, b) in pairs.items()}
    # one definition of layers: the depth of the deepest tree, the rows per layer, the trees
    assert s["hierarchy"]["layers"] == len(s["layers"])
    assert s["hierarchy"]["layers"] >= max((t["layers"] for t in s["trees"]), default=0)


def check(run, folder: Path, models: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, model in enumerate(models):
        (folder / f"m{i}.org.json").write_text(json.dumps(model, indent=1), encoding="utf-8")
    counts = lint(run, folder)
    for name, found in counts.items():
        agree(stats(run, folder, name), found)


@SETTINGS
@given(models=st.lists(edge_models(), min_size=1, max_size=3))
def test_stats_and_lint_agree_on_edge_models(run, tmp_path, models):
    check(run, tmp_path / "batch", models)


@SETTINGS
@given(model=generated)
def test_stats_and_lint_agree_on_generated_organizations(run, tmp_path, model):
    check(run, tmp_path / "batch", [model])

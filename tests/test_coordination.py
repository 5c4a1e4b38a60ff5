"""The coordination network beside the hierarchy (issue 25, item 4): stats shows it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EXAMPLES


def model(flows: list[tuple[str, str]], interactions: list[tuple[str, str]] = ()) -> dict:
    """Two departments, each with two teams; a manager who approves in person."""
    people = [{"id": "boss", "name": "Boss"},
              {"id": "h1", "name": "Head One", "reports_to": "boss", "unit": "d1"},
              {"id": "h2", "name": "Head Two", "reports_to": "boss", "unit": "d2"}]
    for team, head in (("a", "h1"), ("b", "h1"), ("c", "h2"), ("d", "h2")):
        people += [{"id": f"p-{team}{i}", "name": f"{team.upper()} {i}", "reports_to": head, "unit": team}
                   for i in range(3)]
    units = [{"id": "top", "name": "Top", "lead": "boss"},
             {"id": "d1", "name": "Dept One", "parent": "top", "lead": "h1"},
             {"id": "d2", "name": "Dept Two", "parent": "top", "lead": "h2"},
             *({"id": t, "name": f"Team {t.upper()}", "parent": d} for t, d in
               (("a", "d1"), ("b", "d1"), ("c", "d2"), ("d", "d2")))]
    performers = sorted({x for pair in flows for x in pair})
    steps = [{"id": f"s-{p}", "name": f"Work of {p}", "performer": p,
              **({"kind": "approval"} if p in ("boss", "h1", "h2") else {})} for p in performers]
    doc = {"organization": {"id": "o", "name": "O"}, "people": people, "units": units,
           "processes": [{"id": "pr", "name": "Work", "steps": steps,
                          "flows": [{"from": f"s-{a}", "to": f"s-{b}"} for a, b in flows]}]}
    if interactions:
        doc["interactions"] = [{"id": f"ia-{a}-{b}", "between": [a, b], "mode": "collaboration"}
                               for a, b in interactions]
    return doc


def coordination(run, tmp_path, doc: dict) -> tuple[dict, str]:
    (tmp_path / "org.json").write_text(json.dumps(doc))
    figures = json.loads(run("stats", "--format", "json", "org.json").out)["coordination"]
    text = run("stats", "org.json").out
    return figures, text


def test_a_cluster_across_departments_is_shown_as_one(run, tmp_path):
    # Teams A (Dept One) and C (Dept Two) hand work back and forth; B and D are quiet.
    figures, text = coordination(run, tmp_path, model([("a", "c"), ("c", "a"), ("a", "c"), ("b", "d")]))
    clusters = [[m["id"] for m in c["members"]] for c in figures["clusters"]]
    assert ["a", "c"] in clusters
    crossing = next(c for c in figures["clusters"] if [m["id"] for m in c["members"]] == ["a", "c"])
    assert crossing["crosses_units"] is True and crossing["common_unit"] == {"id": "top", "name": "Top"}
    assert crossing["internal_share"] == 1.0
    assert ("cluster across the units of Top: Team A and Team C (100% of their coordination is with each "
            "other): consider grouping them by the work") in text
    assert figures["horizontal_share"] == 1.0 and figures["handovers"] == 4


def test_sibling_teams_of_one_department_do_not_cross(run, tmp_path):
    figures, text = coordination(run, tmp_path, model([("a", "b"), ("b", "a")], interactions=[("c", "d")]))
    assert [c["crosses_units"] for c in figures["clusters"]] == [False, False]
    assert "cluster across" not in text
    assert figures["links"] == 2


def test_a_manager_in_the_middle_is_a_broker_and_not_horizontal(run, tmp_path):
    figures, text = coordination(run, tmp_path, model([("a", "h1"), ("h1", "c"), ("b", "h1"), ("h1", "d")]))
    broker = figures["brokers"][0]
    assert (broker["id"], broker["kind"], broker["manager"]) == ("h1", "person", True)
    assert figures["horizontal"] == 0 and figures["horizontal_share"] == 0.0
    assert "broker: Head One (betweenness 1.0): a manager through whom coordination runs" in text
    assert "0 of 4 hand-overs go directly between peers (0%)" in text


def test_no_recorded_coordination_is_no_section(run, tmp_path):
    figures, text = coordination(run, tmp_path, model([]) | {"processes": []})
    assert figures["links"] == 0 and figures["clusters"] == [] and figures["horizontal_share"] is None
    assert "Coordination:" not in text


def test_the_example_shows_its_motor_and_payments_cluster(run):
    text = run("stats", str(EXAMPLES / "command-and-control.org.json")).out
    assert "cluster across the units of Claims Operations: Motor Claims Intake, Motor Damage Assessment" in text
    assert "broker: Diane Mercer" in text


def test_lint_does_not_import_networkx(tmp_path):
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "orgcheck", "lint", "--isolated",
                           str(EXAMPLES / "command-and-control.org.json")], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, cwd=tmp_path)
    assert proc.returncode == 1
    assert "networkx" not in proc.stderr

"""orgcheck what-if: a designer's operations applied in memory (issue 25, item 1)."""
from __future__ import annotations

import json

from browser import Browser
from conftest import EXAMPLES

MODEL = {
    "organization": {"id": "o", "name": "O"},
    "people": [
        {"id": "boss", "name": "Boss"},
        {"id": "mid", "name": "Mid", "reports_to": "boss", "unit": "a"},
        {"id": "x", "name": "X", "reports_to": "mid", "unit": "a"},
        {"id": "y", "name": "Y", "reports_to": "mid", "unit": "a"},
        {"id": "z", "name": "Z", "reports_to": "boss", "unit": "b"},
    ],
    "units": [{"id": "top", "name": "Top", "lead": "boss"}, {"id": "a", "name": "A", "parent": "top", "lead": "mid"},
              {"id": "b", "name": "B", "parent": "top"}],
    "processes": [{"id": "pr", "name": "Work", "steps": [
        {"id": "do", "name": "Do", "performer": "a"},
        {"id": "ok", "name": "Approve", "kind": "approval", "performer": "mid"},
        {"id": "ship", "name": "Ship", "performer": "b"}],
        "flows": [{"from": "do", "to": "ok"}, {"from": "ok", "to": "ship"}]}],
    "metrics": [{"id": "m", "name": "Lead time", "process": "pr", "visible_to": ["boss"]}],
}


def what_if(run, tmp_path, scenario: str, *args: str, model: dict = MODEL):
    (tmp_path / "org.json").write_text(json.dumps(model))
    (tmp_path / "s.yaml").write_text(scenario)
    return run("what-if", "--format", "json", *args, "org.json", "s.yaml")


def test_removing_a_manager_sends_their_reports_up(run, tmp_path):
    result = what_if(run, tmp_path, "operations:\n  - remove: mid\n")
    assert result.code == 0, result.err
    diff = json.loads(result.out)
    assert [p["id"] for p in diff["people"]["removed"]] == ["mid"]
    moved = {m["id"]: m["manager"]["after"]["id"] for m in diff["people"]["moved"]}
    assert moved == {"x": "boss", "y": "boss"}
    # the removed manager's steps go to the person their reports now report to
    assert json.loads((tmp_path / "org.json").read_text()) == MODEL  # the file is not touched


def test_removing_a_manager_to_a_named_person(run, tmp_path):
    diff = json.loads(what_if(run, tmp_path, "operations:\n  - remove: mid\n    reports_to: z\n").out)
    assert {m["id"]: m["manager"]["after"]["id"] for m in diff["people"]["moved"]} == {"x": "z", "y": "z"}


def test_merging_units_keeps_their_members(run, tmp_path):
    diff = json.loads(what_if(run, tmp_path, "operations:\n  - merge: [a, b]\n").out)
    assert [u["id"] for u in diff["units"]["removed"]] == ["b"]
    assert {m["id"]: m["unit"]["after"]["id"] for m in diff["people"]["moved"]} == {"z": "a"}
    assert diff["shape"]["after"]["positions"] == 5


def test_splitting_moving_self_organizing_and_manager_type(run, tmp_path):
    scenario = ("operations:\n"
                "  - split: a\n    into: {id: a2, name: A two, members: [y]}\n"
                "  - move: b\n    under: a\n"
                "  - self-organize: a\n"
                "  - manager-type: mid\n    type: facilitator\n")
    diff = json.loads(what_if(run, tmp_path, scenario).out)
    assert [(u["id"], u["parent"]["id"]) for u in diff["units"]["added"]] == [("a2", "top")]
    assert [(u["id"], u["parent"]["after"]["id"]) for u in diff["units"]["reparented"]] == [("b", "a")]
    assert {m["id"]: m["unit"]["after"]["id"] for m in diff["people"]["moved"]} == {"y": "a2"}


def test_dropping_an_approval_joins_the_flows_around_it(run, tmp_path):
    diff = json.loads(what_if(run, tmp_path, "operations:\n  - drop-approval: ok\n"
                                             "  - show-metric: m\n    to: [a, b]\n").out)
    resolved = {f["rule"] for f in diff["findings"]["resolved"]}
    assert "OC203" in resolved  # the boss no longer approves the team's work
    assert not any(f["rule"] in ("OC005", "OC006", "OC007") for f in diff["findings"]["introduced"])
    assert "OC304" in resolved  # the doers now see the metric


def test_a_typo_is_one_line_with_did_you_mean(run, tmp_path):
    result = what_if(run, tmp_path, "name: x\noperations:\n  - move: xx\n    under: boss\n  - remove: mdi\n")
    assert result.code == 2
    assert result.err == ("orgcheck: error: s.yaml:3: operation 1 (move): 'xx' names no person or unit in the "
                          "model; did you mean 'x'?\n")
    other = what_if(run, tmp_path, "operations:\n  - remove: mdi\n")
    assert other.err == ("orgcheck: error: s.yaml:2: operation 1 (remove): 'mdi' names no person in the model; "
                         "did you mean 'mid'?\n")
    unknown = what_if(run, tmp_path, "operations:\n  - fire: mid\n")
    assert unknown.code == 2 and "names none of move, remove, merge" in unknown.err


def test_a_scenario_that_breaks_the_model_is_reported_as_a_lint_of_the_result(run, tmp_path):
    result = what_if(run, tmp_path, "operations:\n  - manager-type: mid\n    type: boss\n")
    assert result.code == 2
    assert result.err == ("orgcheck: error: s.yaml: the scenario leaves the model invalid: \"boss\" is not one of "
                          "player-coach, coach, supervisor, facilitator, coordinator\n")
    # a reporting loop is a finding of the result, introduced by the scenario
    loop = json.loads(what_if(run, tmp_path, "operations:\n  - move: boss\n    under: x\n").out)
    assert "OC004" in {f["rule"] for f in loop["findings"]["introduced"]}


def test_the_example_scenarios_side_by_side_score_higher_on_every_pillar(run):
    model = str(EXAMPLES / "command-and-control.org.json")
    scenarios = [str(EXAMPLES / "what-if" / "delayer.yaml"), str(EXAMPLES / "what-if" / "self-organize.yaml")]
    result = run("what-if", "--format", "json", model, *scenarios)
    assert result.code == 0, result.err
    today, delayer, teams = json.loads(result.out)["rows"]
    assert [r["label"] for r in (today, delayer, teams)] == [model, "Delayer", "Self-organizing teams"]
    assert delayer["shape"]["layers"] < today["shape"]["layers"]
    assert delayer["shape"]["managers"] == today["shape"]["managers"] - 3
    for pillar, score in today["profile"].items():
        assert teams["profile"][pillar] > score, pillar
    text = run("what-if", model, *scenarios)
    lines = text.out.splitlines()
    assert lines[0].split()[-3:] == ["Delayer", "Self-organizing", "teams"]
    assert lines[3].split() == ["layers", "5", "4", "4"]
    markdown = run("what-if", "--format", "markdown", model, *scenarios).out
    head, rule = markdown.splitlines()[:2]
    assert head.endswith(" | Delayer | Self\\-organizing teams |") and rule == "|---|---:|---:|---:|"


def test_the_worked_example_in_the_docs_is_what_the_command_prints(run):
    from conftest import ROOT

    page = (ROOT / "docs" / "what-if.md").read_text()
    command = ("orgcheck what-if examples/command-and-control.org.json examples/what-if/delayer.yaml "
               "examples/what-if/self-organize.yaml")
    shown = page.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    assert run(*command.split()[1:], cwd=ROOT).out == shown


RENDERED = "document.body.dataset.rendered !== 'no'"


def test_what_if_side_by_side_in_the_report_in_a_browser(run, tmp_path):
    model = str(EXAMPLES / "command-and-control.org.json")
    scenarios = [str(EXAMPLES / "what-if" / "delayer.yaml"), str(EXAMPLES / "what-if" / "self-organize.yaml")]
    result = run("what-if", "--format", "html", model, *scenarios, "-o", "what-if.html")
    assert result.code == 0, result.err
    table = json.loads(run("what-if", "--format", "json", model, *scenarios).out)
    with Browser() as browser:
        page = browser.open(tmp_path / "what-if.html", ready=RENDERED)
        heads = page.evaluate("[...document.querySelectorAll('#what-if-table thead th')].map(th => th.innerText)")
        assert heads[1:] == table["columns"] and heads[2:] == ["Delayer", "Self-organizing teams"]
        cells = page.evaluate("Object.fromEntries([...document.querySelectorAll('#what-if-table tbody tr')]"
                              ".map(tr => [tr.cells[0].innerText, [...tr.cells].slice(1).map(td => td.innerText)]))")
        assert cells["layers"] == [str(r["shape"]["layers"]) for r in table["rows"]]
        assert cells["self-steering"] == [str(r["profile"]["self-steering"]) for r in table["rows"]]
        # every pillar scores higher under the self-organizing option than today
        for pillar in ("self-steering", "professionalism", "context"):
            assert int(cells[pillar][2]) > int(cells[pillar][0])
        assert page.evaluate("document.querySelector('nav a[href=\"#what-if\"]') !== null")
        # the rest is the report of today's model
        assert page.evaluate("document.querySelector('#diagram-org svg') !== null")
        assert page.console_errors == []
    one = run("what-if", "--format", "html", model, scenarios[0])
    assert one.code == 0 and '<th data-scenario="1">Delayer</th>' in one.out

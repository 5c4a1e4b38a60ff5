"""`orgcheck diff` shows what a redesign changes in the work: steps added, removed and
re-performed, approvals dropped, metrics shown to new people; in text, JSON and
Markdown, and in a single `what-if`."""
import json

import pytest
from conftest import EXAMPLES, model_pair

BEFORE = {
    "organization": {"id": "acme", "name": "Acme"},
    "units": [{"id": "intake", "name": "Intake"}, {"id": "handling", "name": "Handling"}],
    "people": [{"id": "ann", "name": "Ann"},
               {"id": "bo", "name": "Bo", "reports_to": "ann", "unit": "intake"},
               {"id": "cy", "name": "Cy", "reports_to": "ann", "unit": "handling"}],
    "processes": [
        {"id": "claims", "name": "Claim settlement",
         "steps": [{"id": "s-log", "name": "Log the claim", "performer": "intake"},
                   {"id": "s-assess", "name": "Assess the damage", "performer": "intake"},
                   {"id": "s-ok", "name": "Ann approves", "performer": "ann", "kind": "approval"},
                   {"id": "s-pay", "name": "Pay out", "performer": "handling"}],
         "flows": [{"from": "s-log", "to": "s-assess"}, {"from": "s-assess", "to": "s-ok"},
                   {"from": "s-ok", "to": "s-pay"}]},
        {"id": "old", "name": "Paper archive", "steps": [{"id": "s-file", "name": "File it", "performer": "bo"}]}],
    "metrics": [{"id": "m-days", "name": "Days to settle", "process": "claims", "visible_to": ["ann"]},
                {"id": "m-paper", "name": "Pages filed", "process": "old", "visible_to": ["bo"]}],
}


def after() -> dict:
    """The approval goes, assessing moves to Handling, a quality check is added, the
    archive process goes and a survey process comes; the days reach the doers."""
    model = json.loads(json.dumps(BEFORE))
    claims = model["processes"][0]
    claims["steps"] = [{"id": "s-check", "name": "Check a sample", "performer": "cy", "kind": "review"},
                       *(s for s in claims["steps"] if s["id"] != "s-ok")]
    claims["steps"][2]["performer"] = "handling"  # s-assess
    claims["flows"] = [{"from": "s-log", "to": "s-assess"}, {"from": "s-assess", "to": "s-pay"},
                       {"from": "s-pay", "to": "s-check"}]
    model["processes"][1] = {"id": "survey", "name": "Customer survey",
                             "steps": [{"id": "s-ask", "name": "Ask", "performer": "cy"},
                                       {"id": "s-read", "name": "Read", "performer": "bo"}]}
    model["metrics"] = [{"id": "m-days", "name": "Days to settle", "process": "claims",
                         "visible_to": ["ann", "intake", "handling"]}]
    return model


@pytest.fixture
def pair(tmp_path):
    return model_pair(tmp_path, BEFORE, after(), ("before.json", "after.json"))


def test_json_has_every_process_change(run, pair):
    result = run("diff", *pair, "--format", "json")
    assert result.code in (0, 1), result.err
    changes = json.loads(result.out)["processes"]
    assert [p["id"] for p in changes["added"]] == ["survey"]
    assert changes["added"][0]["steps"] == 2
    assert [p["id"] for p in changes["removed"]] == ["old"]
    [claims] = changes["changed"]
    assert claims["id"] == "claims"
    assert [s["id"] for s in claims["steps_added"]] == ["s-check"]
    assert [(s["id"], s["kind"], s["performer"]["id"]) for s in claims["steps_removed"]] == [
        ("s-ok", "approval", "ann")]
    assert claims["reperformed"] == [{"id": "s-assess", "name": "Assess the damage", "kind": "work",
                                      "before": {"id": "intake", "name": "Intake"},
                                      "after": {"id": "handling", "name": "Handling"}}]
    assert [s["id"] for s in claims["approvals_dropped"]] == ["s-ok"]
    assert claims["approvals_added"] == []
    days, paper = changes["metrics"]
    assert (days["id"], days["new"], days["removed"]) == ("m-days", False, False)
    assert [r["id"] for r in days["shown_to"]] == ["intake", "handling"] and days["hidden_from"] == []
    assert (paper["id"], paper["removed"], [r["id"] for r in paper["hidden_from"]]) == ("m-paper", True, ["bo"])


def test_text_says_each_change_once(run, pair):
    out = run("diff", *pair).out
    lines = out.splitlines()
    start = lines.index("Processes: 1 added, 1 removed, 1 changed; metrics: 2 changed")
    assert lines[start + 1:start + 9] == [
        "  + Customer survey (survey): 2 steps",
        "  - Paper archive (old)",
        "  ~ Claim settlement (claims):",
        "      + step added: Check a sample (review step, by Cy)",
        "      ~ Assess the damage is now performed by Handling (was Intake)",
        "      ! approval dropped: Ann approves (approval step, by Ann)",
        "  ~ metric Days to settle (m-days): now shown to Intake, Handling",
        "  ~ metric Pages filed (m-paper): removed",
    ]
    assert "step removed: Ann approves" not in out  # the approval is said once, as an approval


def test_markdown_lists_the_process_changes(run, pair):
    out = run("diff", *pair, "--format", "markdown").out
    assert "**Processes: 1 added, 1 removed, 1 changed; metrics: 2 changed**" in out
    # each sign quoted: "- + x" would be a list inside the list, and the sign lost
    assert "- `~` Claim settlement (claims):\n  - `+` step added: Check a sample (review step, by Cy)\n" in out
    assert "  - `!` approval dropped: Ann approves (approval step, by Ann)" in out
    assert "- `-` Paper archive (old)" in out


def test_no_process_section_when_nothing_changed_in_the_work(run, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(BEFORE))
    (tmp_path / "b.json").write_text(json.dumps(BEFORE, indent=4))
    result = run("diff", "a.json", "b.json", "--format", "json")
    assert json.loads(result.out)["processes"] == {"added": [], "removed": [], "changed": [], "metrics": []}
    assert "Processes:" not in run("diff", "a.json", "b.json").out


def test_a_single_what_if_shows_the_dropped_approvals(run):
    out = run("what-if", str(EXAMPLES / "command-and-control.org.json"),
              str(EXAMPLES / "what-if" / "self-organize.yaml")).out
    assert "! approval dropped: Team leader approves the settlement (approval step, by Neil Ashworth)" in out
    assert "metric Average days to settle (motor) (m-motor-days-to-settle): now shown to Motor Claims Intake, " \
           "Motor Damage Assessment, Claims Payments" in out

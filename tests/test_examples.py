"""The bundled examples: the healthy org is clean, the command-and-control org shows
every trust rule at work."""
import json

from conftest import EXAMPLES

from orgcheck.api.manager import load_plugins

FAMILIES = ("OC1", "OC2", "OC3", "OC4", "OC5")


def lint_json(run, name, *options):
    result = run("lint", "--format", "json", *options, str(EXAMPLES / name))
    assert result.err == ""
    return result, json.loads(result.out)


def test_healthy_example_has_no_findings(run):
    result, report = lint_json(run, "healthy.org.json")
    assert report["findings"] == [] and result.code == 0


def test_command_and_control_triggers_every_rule_of_every_family(run):
    result, report = lint_json(run, "command-and-control.org.json", "--preset", "strict")
    fired = {f["rule"] for f in report["findings"]}
    # the governance family judges teams and groups kept as code (memberships, leads,
    # end dates), which a hierarchy run on control does not record: its rules are shown
    # at work on the rust-lang/team copy instead (tests/test_governance_counts.py)
    expected = {code for code, rule in load_plugins().rules.items()
                if code.startswith(FAMILIES) and rule.family != "governance"}
    assert expected - fired == set()
    assert "OC008" in fired
    assert not fired & {"OC001", "OC002", "OC003", "OC004", "OC005", "OC006", "OC007"}
    assert result.code == 1
    _, default = lint_json(run, "command-and-control.org.json")
    assert {f["rule"] for f in default["findings"]} == fired - {"OC505"}  # opt-in: a matter of taste

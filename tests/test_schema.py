"""OC001: every schema violation, each at its own position, with "did you mean"."""
import json

from orgcheck.testing import assert_fires, assert_silent, lint_model
from orgcheck.validate.loader import load_schema

BAD = """{
  "schema_version": 1,
  "organization": {"id": "acme", "name": "Acme"},
  "units": [
    {"id": "care", "name": "Care", "type": "teem"}
  ],
  "people": [
    {"id": "ann", "name": "Ann"},
    {"id": "bo", "name": "Bo", "report_to": "ann"},
    {"id": "cy", "fte": "full"},
    {"id": "di", "vacant": true}
  ],
  "interactions": [
    {"id": "i1", "between": ["care"], "mode": "collaboration", "until": "2026-02-30"}
  ]
}
"""


def test_every_violation_is_reported_at_its_own_position():
    report = lint_model(BAD)
    found = assert_fires(report, "OC001", entities=["care", "bo", "cy", "cy", "i1", "i1"],
                         lines=[5, 9, 10, 10, 14, 14])
    messages = [f.message for f in found]
    assert messages[0] == ('"teem" is not one of organization, division, department, team, circle, working-group, '
                           "project-group; did you mean 'team'?")
    assert messages[1] == "unknown key 'report_to' in person; did you mean 'reports_to'?"
    assert found[1].column == 32  # the key itself, not its value
    assert found[1].pointer == "/people/1/report_to"
    assert "person is missing required key 'name'" in messages
    assert "expected number, got a string" in messages
    assert any("2026-02-30" in m and "date" in m for m in messages)
    assert "expected at least 2 items, got 1" in messages


def test_a_vacant_position_needs_no_name_and_x_keys_are_free():
    report = lint_model({"people": [{"id": "v", "vacant": True, "x-grade": 7}]})
    assert_silent(report, "OC001")


def test_unknown_schema_version_is_clear():
    report = lint_model({"schema_version": 2, "people": []})
    assert_fires(report, "OC001", contains="schema_version 2 is not supported")


def test_a_json_array_is_not_a_model():
    report = lint_model("[1, 2]")
    assert_fires(report, "OC001", lines=[1], contains="an org model is a JSON object, not an array")


def test_invalid_json_is_a_finding_at_the_error():
    report = lint_model('{\n  "people": [\n    {"id": "a",}\n  ]\n}')
    found = assert_fires(report, "OC001", entities=[None], lines=[3])
    # at the trailing comma itself, as Python 3.13's decoder reports it
    assert found[0].pointer is None and found[0].column == 15
    assert found[0].message == "invalid JSON: trailing comma before } (JSON allows none)"


def test_schema_nothing_else_runs_on_an_invalid_document():
    report = lint_model({"people": [{"id": "a", "name": "A", "reports_to": "a", "colour": "red"}]})
    assert {f.rule for f in report.findings} == {"OC001"}


def test_schema_describes_every_property():
    schema = load_schema()
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, sub in ({} if where.endswith("/if") else node.get("properties", {})).items():
                if "description" not in sub:
                    missing.append(f"{where}/properties/{key}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    walk(schema, "")
    assert missing == []
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    json.dumps(schema)


DIRECTION = """{
  "organization": {"id": "acme", "name": "Acme"},
  "units": [{"id": "care", "name": "Care", "type": "team", "purpose": "Clients get care at home"}],
  "people": [{"id": "ann", "name": "Ann", "unit": "care"}],
  "processes": [{"id": "visit", "name": "Visit", "steps": [
    {"id": "plan", "name": "Plan", "performer": "care", "kind": "decision", "domain": "Care plans"},
    {"id": "retro", "name": "Retrospective", "performer": "care", "kind": "feedback", "cadence": "fortnightly"},
    {"id": "look", "name": "Look back", "performer": "care", "kind": "review", "cadence": "monthly", "domain": ""}
  ]}]
}
"""


def test_unit_purpose_step_domain_and_step_cadence_are_part_of_format_1():
    report = lint_model(DIRECTION)
    # a purpose and a domain are accepted; a cadence takes a metric's values, a domain is not blank
    found = assert_fires(report, "OC001", entities=["retro", "look"], lines=[7, 8])
    assert found[0].message == '"fortnightly" is not one of realtime, daily, weekly, monthly, quarterly, yearly'
    assert found[1].message == "must not be empty"
    schema = load_schema()["$defs"]
    assert schema["step"]["properties"]["cadence"]["enum"] == schema["metric"]["properties"]["cadence"]["enum"]
    assert schema["unit"]["properties"]["purpose"]["type"] == "string"

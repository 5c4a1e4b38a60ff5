"""OC0xx: document integrity (plugins/integrity.py)."""
from __future__ import annotations

import json
import re

from orgcheck.testing import assert_fires, assert_silent, complete_model, lint_model

FAMILY = ["OC002", "OC003", "OC004", "OC005", "OC006", "OC007", "OC008"]


def layout(model: dict) -> str:
    """JSON text with every entity, step and flow on a line of its own (names filled in)."""
    model = complete_model(model)
    lines = ["{", f'  "organization": {json.dumps(model.pop("organization"))},']
    sections = list(model.items())
    for k, (key, items) in enumerate(sections):
        lines.append(f'  "{key}": [')
        for i, item in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            if key == "processes":
                head = {k2: v for k2, v in item.items() if k2 not in ("steps", "flows")}
                lines.append("    " + json.dumps(head)[:-1] + ",")
                parts = [(part, item[part]) for part in ("steps", "flows") if part in item]
                for j, (part, rows) in enumerate(parts):
                    lines.append(f'     "{part}": [')
                    for r, row in enumerate(rows):
                        lines.append("       " + json.dumps(row) + ("," if r < len(rows) - 1 else ""))
                    lines.append("     ]" + ("," if j < len(parts) - 1 else "}" + comma))
            else:
                lines.append("    " + json.dumps(item) + comma)
        lines.append("  ]" + ("," if k < len(sections) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the nth match of ``fragment`` (a regex) in ``text``."""
    match = list(re.finditer(fragment, text))[nth - 1]
    return text.count("\n", 0, match.start()) + 1


def id_line(text: str, entity_id: str, nth: int = 1) -> int:
    return line_of(text, rf'"id": "{re.escape(entity_id)}"[,}}]', nth)


# -- OC002 duplicate-id --------------------------------------------------------------------------


def test_oc002_fires_at_each_later_use_naming_the_first():
    text = layout({
        "units": [{"id": "care", "name": "Care team"}, {"id": "p1", "name": "Board"}],
        "people": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bo", "reports_to": "p1"}],
        "processes": [
            {"id": "visit", "steps": [{"id": "plan", "performer": "care"}]},
            {"id": "intake", "steps": [{"id": "plan", "performer": "care"}]},
        ],
    })
    report = lint_model(text, select=["OC002"])
    assert_fires(report, "OC002", entities=["p1", "plan"], severity="error",
                 lines=[id_line(text, "p1", 2), id_line(text, "plan", 2)])
    unit, step = report.findings
    # the unit came first in this document; the person is the later use
    assert "id 'p1' is already used by unit 'Board' (units[1])" in unit.message
    assert "this person, 'Ann', is ignored" in unit.message
    assert unit.pointer == "/people/0/id"
    assert "already used by step 'plan' (processes[0].steps[0])" in step.message


def test_oc002_silent_for_ids_that_differ_only_in_case():
    report = lint_model({"people": [{"id": "p1"}, {"id": "P1", "reports_to": "p1"}]}, select=["OC002"])
    assert_silent(report, "OC002")


# -- OC003 unknown-reference ---------------------------------------------------------------------


def test_oc003_names_the_field_the_id_and_the_nearest_id():
    text = layout({
        "units": [{"id": "care", "name": "Care team"}],
        "people": [
            {"id": "ann", "name": "Ann"},
            {"id": "bo", "name": "Bo", "reports_to": "anne"},
            {"id": "cy", "name": "Cy", "reports_to": "care"},
        ],
    })
    report = lint_model(text, select=["OC003"])
    assert_fires(report, "OC003", entities=["bo", "cy"], severity="error",
                 lines=[line_of(text, '"reports_to": "anne"'), line_of(text, '"reports_to": "care"')])
    unknown, wrong_kind = report.findings
    assert unknown.message == ("person 'Bo': reports_to 'anne' names nothing in the document; "
                               "it must name a person; did you mean 'ann'?")
    assert unknown.pointer == "/people/1/reports_to"
    assert "person 'Cy': reports_to 'care' is a unit ('Care team'), not a person" in wrong_kind.message


def test_oc003_flow_leaving_its_process_is_filed_under_the_process():
    text = layout({
        "people": [{"id": "ann"}],
        "processes": [
            {"id": "a", "name": "Intake", "steps": [{"id": "take", "performer": "ann"},
                                                    {"id": "check", "performer": "ann"}],
             "flows": [{"from": "take", "to": "pay"}]},
            {"id": "b", "name": "Billing", "steps": [{"id": "pay", "performer": "ann"}]},
        ],
        "metrics": [{"id": "m", "process": "b", "step": "take"}],
    })
    report = lint_model(text, select=["OC003"])
    assert_fires(report, "OC003", entities=["a", "m"],
                 lines=[line_of(text, '"to": "pay"'), id_line(text, "m")])
    flow, metric = report.findings
    assert flow.pointer == "/processes/0/flows/0/to"
    assert ("flow take → pay of process 'Intake': to 'pay' is a step of process 'b': "
            "a flow must stay within its process") in flow.message
    assert "metric 'm': step 'take' is a step of process 'a', not of 'b'" in metric.message


def test_oc003_lists_the_kinds_a_field_accepts():
    report = lint_model({"people": [{"id": "ann"}], "processes": [
        {"id": "p", "steps": [{"id": "s", "performer": "nobody-at-all"}]}]}, select=["OC003"])
    assert_fires(report, "OC003", entities=["s"],
                 contains="step 's' of process 'p': performer 'nobody-at-all' names nothing in the "
                          "document; it must name a person, unit, role or external party")


def test_oc003_silent_when_every_reference_resolves():
    report = lint_model({
        "units": [{"id": "care", "lead": "ann"}],
        "roles": [{"id": "nurse"}],
        "people": [{"id": "ann", "reports_to": None, "unit": "care"},
                   {"id": "bo", "reports_to": "ann", "dotted_to": ["ann"], "roles": ["nurse"]}],
        "processes": [{"id": "p", "owner": "care", "customer": "bo",
                       "steps": [{"id": "s", "performer": "nurse"}, {"id": "t", "performer": "care"}],
                       "flows": [{"from": "s", "to": "t"}]}],
        "metrics": [{"id": "m", "process": "p", "step": "t", "visible_to": ["care", "nurse", "bo"]}],
    }, select=["OC003"])
    assert_silent(report, "OC003")


# -- OC004 reporting-cycle -----------------------------------------------------------------------


def test_oc004_one_finding_per_loop_on_its_first_person_in_the_document():
    text = layout({"people": [
        {"id": "x", "name": "Xi", "reports_to": "b"},
        {"id": "c", "name": "Cy", "reports_to": "a"},
        {"id": "a", "name": "Ann", "reports_to": "b"},
        {"id": "b", "name": "Bo", "reports_to": "c"},
        {"id": "d", "name": "Di", "reports_to": "d"},
    ]})
    report = lint_model(text, select=["OC004"])
    assert_fires(report, "OC004", entities=["c", "d"], severity="error",
                 lines=[id_line(text, "c"), id_line(text, "d")])
    loop, self_loop = report.findings
    assert "reporting cycle: Cy (c) → Ann (a) → Bo (b) → Cy (c)" in loop.message
    assert loop.pointer == "/people/1/reports_to"
    assert "reporting cycle: Di (d) → Di (d) (Di (d) reports to themself)" in self_loop.message


def test_oc004_silent_for_a_chain_without_a_loop():
    report = lint_model({"people": [{"id": "a"}, {"id": "b", "reports_to": "a"},
                                    {"id": "c", "reports_to": "b"}]}, select=["OC004"])
    assert_silent(report, "OC004")


# -- OC005 unit-cycle ----------------------------------------------------------------------------


def test_oc005_one_finding_per_loop_on_its_first_unit():
    text = layout({"units": [
        {"id": "team", "name": "Team", "parent": "care"},
        {"id": "board", "name": "Board", "parent": "care"},
        {"id": "care", "name": "Care", "parent": "board"},
        {"id": "solo", "name": "Solo", "parent": "solo"},
    ]})
    report = lint_model(text, select=["OC005"])
    assert_fires(report, "OC005", entities=["board", "solo"],
                 lines=[id_line(text, "board"), id_line(text, "solo")],
                 contains="unit cycle: ")
    loop, self_loop = report.findings
    assert "Board (board) → Care (care) → Board (board)" in loop.message
    assert "Solo (solo) → Solo (solo) (Solo (solo) is its own parent)" in self_loop.message


def test_oc005_silent_for_nested_units():
    report = lint_model({"units": [{"id": "a"}, {"id": "b", "parent": "a"}, {"id": "c", "parent": "b"}]},
                        select=["OC005"])
    assert_silent(report, "OC005")


# -- OC006 process-without-start / OC007 unreachable-step ----------------------------------------

LOOP = {"id": "visit", "name": "Care visit", "steps": [{"id": "plan"}, {"id": "go"}],
        "flows": [{"from": "plan", "to": "go"}, {"from": "go", "to": "plan"}]}


def _process(process: dict) -> dict:
    process = json.loads(json.dumps(process))
    for step in process["steps"]:
        step.setdefault("performer", "ann")
    return {"people": [{"id": "ann"}], "processes": [process]}


def test_oc006_fires_when_every_step_has_an_incoming_sequence_flow():
    text = layout(_process(LOOP))
    report = lint_model(text, select=["OC006", "OC007"])
    assert_fires(report, "OC006", entities=["visit"], lines=[id_line(text, "visit")], severity="error",
                 contains="process 'Care visit' has no start step: each of its 2 steps (plan and go) "
                          "has an incoming sequence flow")
    assert_silent(report, "OC007")  # not reported in a process that has OC006


def test_oc006_silent_when_the_loop_back_is_a_feedback_flow():
    process = json.loads(json.dumps(LOOP))
    process["flows"][1]["kind"] = "feedback"
    report = lint_model(_process(process), select=["OC006", "OC007"])
    assert_silent(report, "OC006")
    assert_silent(report, "OC007")


def test_oc007_fires_on_each_step_no_start_reaches():
    text = layout(_process({
        "id": "claims", "name": "Claims", "steps": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "flows": [{"from": "a", "to": "b"}, {"from": "c", "to": "d"}, {"from": "d", "to": "c"},
                  {"from": "b", "to": "c", "kind": "feedback"}]}))
    report = lint_model(text, select=["OC006", "OC007"])
    assert_silent(report, "OC006")
    assert_fires(report, "OC007", entities=["c", "d"], severity="warning",
                 lines=[id_line(text, "c"), id_line(text, "d")],
                 contains="of process 'Claims' is unreachable: no start step (a) leads to it")
    assert "it follows only d" in report.findings[0].message


def test_oc007_silent_when_a_start_leads_into_the_loop():
    report = lint_model(_process({
        "id": "claims", "steps": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "flows": [{"from": "a", "to": "b"}, {"from": "c", "to": "d"}, {"from": "d", "to": "c"},
                  {"from": "b", "to": "c"}]}), select=["OC007"])
    assert_silent(report, "OC007")


def test_oc006_oc007_silent_without_processes():
    report = lint_model({"people": [{"id": "ann"}]}, select=FAMILY)
    assert report.findings == []
    assert_silent(report, "OC006")
    assert_silent(report, "OC007")


def test_integrity_rules_silent_on_an_empty_model():
    report = lint_model({}, select=FAMILY)
    assert report.findings == []
    assert_silent(report, "OC002")
    assert_silent(report, "OC008")


# -- OC008 multiple-reporting-trees --------------------------------------------------------------

TREES = {"people": [
    {"id": "siu", "name": "Trevor"},
    {"id": "i1", "reports_to": "siu"},
    {"id": "ceo", "name": "Graham"},
    {"id": "h1", "reports_to": "ceo"},
    {"id": "h2", "reports_to": "ceo"},
    {"id": "lone", "name": "Lena"},
]}


def test_oc008_fires_on_each_top_beyond_the_largest_tree():
    text = layout(TREES)
    report = lint_model(text, select=["OC008"])
    assert_fires(report, "OC008", entities=["siu", "lone"], severity="warning",
                 lines=[id_line(text, "siu"), id_line(text, "lone")])
    siu, lone = report.findings
    assert siu.message == (
        "Trevor reports to no one and heads a separate reporting tree of 2 positions, beside the tree of "
        "Graham (3 positions); 3 people head reporting trees (1 allowed): give Trevor a manager (reports_to), "
        "or, if the document describes several organizations, allow more trees (allowed)")
    assert "Lena reports to no one, and nobody reports to them" in lone.message


def test_oc008_grade_bands_that_name_no_post_are_one_finding_at_the_first():
    bands = [{"id": f"junior-{i}", "name": f"{i} junior staff (AO)", "fte": 1.5, "x-aggregate": True}
             for i in range(2, 9)]
    model = {"people": [{"id": "ceo", "name": "Graham"}, {"id": "h1", "reports_to": "ceo"}, *bands]}
    text = layout(model)
    report = lint_model(text, select=["OC008"])
    assert_fires(report, "OC008", entities=["junior-2"], lines=[id_line(text, "junior-2")])
    assert report.findings[0].message == (
        "7 grade bands of staff (14 people) report to no post, so nobody in the reporting tree of Graham "
        "manages them: give each band its reporting senior post (reports_to); this row and junior-3, "
        "junior-4, junior-5 and 3 more")
    one = {"people": [{"id": "ceo", "name": "Graham"}, {"id": "h1", "reports_to": "ceo"}, bands[0]]}
    assert_fires(lint_model(one, select=["OC008"]), "OC008", entities=["junior-2"],
                 contains="1 grade band of staff (2 people) reports to no post, so nobody in the reporting tree "
                          "of Graham manages it: give it its reporting senior post (reports_to)")
    # beside a second top, each is its own fact: the extra top, and the bands
    model["people"].insert(2, {"id": "lone", "name": "Lena"})
    report = lint_model(model, select=["OC008"])
    assert_fires(report, "OC008", entities=["lone", "junior-2"])
    assert "2 people head reporting trees (1 allowed)" in report.findings[0].message


def test_oc008_near_miss_banded_staff_under_a_post_are_no_tree():
    model = {"people": [{"id": "ceo", "name": "Graham"}, {"id": "h1", "reports_to": "ceo"},
                        {"id": "junior-2", "fte": 4, "x-aggregate": True, "reports_to": "h1"}]}
    assert_silent(lint_model(model, select=["OC008"]), "OC008")


def test_oc008_ties_go_by_document_order_and_trees_count_positions():
    # both trees have 2 entries; the aggregate of 4 junior staff makes Graham's tree the larger
    model = {"people": [
        {"id": "siu", "name": "Trevor"}, {"id": "i1", "reports_to": "siu"},
        {"id": "ceo", "name": "Graham"}, {"id": "staff", "reports_to": "ceo", "fte": 4, "x-aggregate": True},
    ]}
    assert_fires(lint_model(model, select=["OC008"]), "OC008", entities=["siu"])
    del model["people"][3]["x-aggregate"]  # now a tie: the first tree in the document is kept
    assert_fires(lint_model(model, select=["OC008"]), "OC008", entities=["ceo"],
                 contains="beside the tree of Trevor (2 positions)")


def test_oc008_option_allowed():
    report = lint_model(TREES, select=["OC008"], options={"OC008": {"allowed": 2}})
    assert_fires(report, "OC008", entities=["lone"], contains="(2 allowed)")
    report = lint_model(TREES, select=["OC008"], options={"OC008": {"allowed": 3}})
    assert_silent(report, "OC008")


def test_oc008_silent_for_one_tree_a_plain_list_or_a_broken_reports_to():
    one_tree = {"people": [{"id": "ceo"}, {"id": "a", "reports_to": "ceo"}]}
    assert_silent(lint_model(one_tree, select=["OC008"]), "OC008")
    plain_list = {"people": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}
    assert_silent(lint_model(plain_list, select=["OC008"]), "OC008")
    broken = {"people": [{"id": "ceo"}, {"id": "a", "reports_to": "ceoo"}, {"id": "b", "reports_to": "a"}]}
    report = lint_model(broken, select=["OC003", "OC008"])
    assert_silent(report, "OC008")
    assert_fires(report, "OC003", entities=["a"], contains="did you mean 'ceo'?")


def test_oc008_silent_for_a_person_reporting_to_themselves_or_a_repeated_id():
    # no second tree: the loop is OC004's finding and the later "ceo" OC002's
    people = [{"id": "ceo"}, {"id": "a", "reports_to": "ceo"}, {"id": "me", "reports_to": "me"}, {"id": "ceo"}]
    report = lint_model({"people": people}, select=["OC002", "OC004", "OC008"])
    assert_silent(report, "OC008")
    assert_fires(report, "OC004", entities=["me"])
    assert_fires(report, "OC002", entities=["ceo"])

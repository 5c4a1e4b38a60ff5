"""OC3xx: feedback loops and context (plugins/feedback.py)."""
from __future__ import annotations

import pytest

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC301", "OC302", "OC303", "OC304", "OC305", "OC306"]


# A care organization: Ann leads; the care team (Bo, Cy) does the work; a client is the customer.
PEOPLE = """\
  "units": [
    {"id": "board", "name": "Board", "type": "organization", "lead": "ann"},
    {"id": "care", "name": "Care team", "type": "team", "parent": "board"}
  ],
  "roles": [
    {"id": "nurse", "name": "Nurse"},
    {"id": "director", "name": "Director"}
  ],
  "externals": [
    {"id": "client", "name": "Client", "kind": "customer"},
    {"id": "lab", "name": "Lab", "kind": "supplier"}
  ],
  "people": [
    {"id": "ann", "name": "Ann de Vries", "unit": "board", "roles": ["director"]},
    {"id": "bo", "name": "Bo Jansen", "reports_to": "ann", "unit": "care", "roles": ["nurse"]},
    {"id": "cy", "name": "Cy Bakker", "reports_to": "ann", "unit": "care", "roles": ["nurse"]}
  ],
"""


def doc(processes: str, metrics: str = "") -> str:
    """A JSON document: the people above plus the given process (and metric) array items."""
    text = '{\n  "organization": {"id": "acme", "name": "Acme"},\n' + PEOPLE
    text += '  "processes": [\n' + processes.rstrip() + "\n  ]"
    if metrics:
        text += ',\n  "metrics": [\n' + metrics.rstrip() + "\n  ]"
    return text + "\n}\n"


# -- OC301 process-without-feedback --------------------------------------------------------------

INTAKE = """\
    {"id": "intake", "name": "Client intake",
     "steps": [
       {"id": "call", "name": "Take call", "performer": "care"},
       {"id": "plan", "name": "Plan care", "performer": "bo"}
     ],
     "flows": [{"from": "call", "to": "plan"}]}"""
FEEDBACK_STEP_ONLY = """\
    {"id": "visit", "name": "Care visit",
     "steps": [
       {"id": "go", "name": "Visit", "performer": "care"},
       {"id": "eval", "name": "Evaluate", "performer": "care", "kind": "feedback"}
     ],
     "flows": [{"from": "go", "to": "eval"}]}"""
FEEDBACK_FLOW_ONLY = """\
    {"id": "billing", "name": "Billing",
     "steps": [
       {"id": "bill", "name": "Send bill", "performer": "ann"},
       {"id": "pay", "name": "Pay", "performer": "client"}
     ],
     "flows": [{"from": "bill", "to": "pay"}, {"from": "pay", "to": "bill", "kind": "feedback"}]}"""
NO_FEEDBACK = ",\n".join([INTAKE, FEEDBACK_STEP_ONLY, FEEDBACK_FLOW_ONLY])


def test_oc301_fires_on_a_process_without_any_feedback():
    text = doc(NO_FEEDBACK)
    report = lint_model(text, select=["OC301"])
    assert_fires(report, "OC301", entities=["intake"], lines=[line_of(text, '"id": "intake"')],
                 contains=["process 'Client intake' has no feedback flow and no feedback step",
                           "(Care team and Bo Jansen)"], severity="warning")


def test_oc301_silent_with_a_feedback_step_or_a_feedback_flow_only():
    # 'visit' has only a feedback step, 'billing' only a feedback flow: the near misses
    text = doc(",\n".join([FEEDBACK_STEP_ONLY, FEEDBACK_FLOW_ONLY]))
    report = lint_model(text, select=["OC301"])
    assert_silent(report, "OC301")


def test_oc301_counts_a_feedback_flow_with_a_broken_reference_as_feedback():
    report = lint_model({"people": [{"id": "bo"}], "processes": [
        {"id": "p", "steps": [{"id": "s", "performer": "bo"}],
         "flows": [{"from": "s", "to": "nowhere", "kind": "feedback"}]}]}, select=["OC301"])
    assert_silent(report, "OC301")  # the broken reference is OC003's


def test_oc3xx_silent_without_processes():
    report = lint_model({"people": [{"id": "bo"}], "metrics": [{"id": "m", "visible_to": ["bo"]}]},
                        select=FAMILY)
    for code in FAMILY:
        assert_silent(report, code)


# -- OC302 feedback-misses-doers -----------------------------------------------------------------

MISSES = """\
    {"id": "visit", "name": "Care visit",
     "steps": [
       {"id": "plan", "name": "Plan visit", "performer": "care"},
       {"id": "go", "name": "Visit client", "performer": "bo"},
       {"id": "ok", "name": "Approve report", "performer": "ann", "kind": "approval"},
       {"id": "eval", "name": "Director reviews results", "performer": "director", "kind": "feedback"}
     ],
     "flows": [
       {"from": "plan", "to": "go"},
       {"from": "go", "to": "ok"},
       {"from": "ok", "to": "eval"},
       {"from": "eval", "to": "ok", "kind": "feedback"}
     ]},
    {"id": "ask", "name": "Client question",
     "steps": [
       {"id": "answer", "name": "Answer", "performer": "cy"},
       {"id": "check", "name": "Check answer", "performer": "ann", "kind": "review"}
     ],
     "flows": [
       {"from": "answer", "to": "check"},
       {"from": "check", "to": "check", "kind": "feedback"}
     ]}
"""


def test_oc302_fires_when_feedback_reaches_management_only():
    text = doc(MISSES)
    report = lint_model(text, select=["OC302"])
    assert_fires(report, "OC302", entities=["visit", "ask"],
                 lines=[line_of(text, '"id": "visit"'), line_of(text, '"id": "ask"')])
    first, second = report.findings
    assert "feedback in process 'Care visit' reaches only Approve report (Ann de Vries);" in first.message
    assert "people who do its work (Care team and Bo Jansen)" in first.message
    assert "reaches only Check answer (Ann de Vries)" in second.message


@pytest.mark.parametrize("flows, steps_extra", [
    # a feedback flow from the management feedback step to the doers' first step
    ('{"from": "eval", "to": "plan", "kind": "feedback"}', ""),
    # the feedback step flows on (sequence) to a work step
    ('{"from": "eval", "to": "redo"}',
     ', {"id": "redo", "name": "Adjust plan", "performer": "cy"}'),
])
def test_oc302_silent_when_feedback_reaches_a_doer_step(flows, steps_extra):
    text = doc(f"""\
    {{"id": "visit", "name": "Care visit",
     "steps": [
       {{"id": "plan", "name": "Plan visit", "performer": "care"}},
       {{"id": "go", "name": "Visit client", "performer": "bo"}},
       {{"id": "eval", "name": "Review", "performer": "ann", "kind": "feedback"}}{steps_extra}
     ],
     "flows": [{{"from": "plan", "to": "go"}}, {{"from": "go", "to": "eval"}}, {flows}]}}
""")
    report = lint_model(text, select=["OC302"])
    assert_silent(report, "OC302")


def test_oc302_silent_when_the_doers_perform_the_feedback_step_themselves():
    # a retrospective by a nurse (role), while the work is done by the care team (unit): they meet
    report = lint_model({
        "units": [{"id": "care"}], "roles": [{"id": "nurse"}],
        "people": [{"id": "bo", "unit": "care", "roles": ["nurse"]}],
        "processes": [{"id": "p", "steps": [
            {"id": "work", "performer": "care"},
            {"id": "retro", "performer": "nurse", "kind": "feedback"}],
            "flows": [{"from": "work", "to": "retro"}]}]}, select=["OC302"])
    assert_silent(report, "OC302")


def test_oc302_counts_an_external_doer():
    # the lab does the work; the client's feedback goes to the lab's step: it reaches the doers
    base = {"externals": [{"id": "lab"}, {"id": "client"}], "processes": [{"id": "p", "steps": [
        {"id": "test", "performer": "lab"},
        {"id": "eval", "performer": "client", "kind": "feedback"}],
        "flows": [{"from": "test", "to": "eval"}, {"from": "eval", "to": "test", "kind": "feedback"}]}]}
    assert_silent(lint_model(base, select=["OC302"]), "OC302")
    base["processes"][0]["flows"].pop()
    assert_fires(lint_model(base, select=["OC302"]), "OC302", entities=["p"],
                 contains="stays with eval (client)")


def test_oc302_silent_without_feedback_or_work_steps():
    report = lint_model(doc(INTAKE), select=["OC302"])
    assert_silent(report, "OC302")  # no feedback at all: OC301's subject
    report = lint_model({"people": [{"id": "ann"}], "processes": [{"id": "p", "steps": [
        {"id": "ok", "performer": "ann", "kind": "approval"},
        {"id": "fb", "performer": "ann", "kind": "feedback"}]}]}, select=["OC302"])
    assert_silent(report, "OC302")  # no work steps: no doers


def test_oc302_silent_when_feedback_goes_to_a_broken_reference():
    report = lint_model({"people": [{"id": "ann"}, {"id": "bo"}], "processes": [{"id": "p", "steps": [
        {"id": "w", "performer": "bo"}, {"id": "fb", "performer": "ann", "kind": "feedback"}],
        "flows": [{"from": "fb", "to": "nowhere", "kind": "feedback"}]}]}, select=["OC302"])
    assert_silent(report, "OC302")


# -- OC303 customer-feedback-missing -------------------------------------------------------------

# The care visit of OC301, with the client as its customer: its one feedback is the team's own.
CUSTOMER_MISSING = FEEDBACK_STEP_ONLY.replace('"Care visit",', '"Care visit", "owner": "care", "customer": "client",')
CUSTOMER_STARTS = """\
    {"id": "lab-order", "name": "Lab order",
     "customer": "client",
     "steps": [
       {"id": "order", "name": "Order test", "performer": "bo"},
       {"id": "test", "name": "Test", "performer": "lab"},
       {"id": "use", "name": "Client uses result", "performer": "client"}
     ],
     "flows": [{"from": "order", "to": "test"}, {"from": "test", "to": "use"},
               {"from": "use", "to": "order", "kind": "feedback"}]},
    {"id": "roster", "name": "Rostering",
     "customer": "care",
     "steps": [
       {"id": "make", "name": "Make roster", "performer": "ann"},
       {"id": "say", "name": "Nurses comment", "performer": "nurse", "kind": "feedback"}
     ],
     "flows": [{"from": "make", "to": "say"}, {"from": "say", "to": "make", "kind": "feedback"}]}"""
AUDIT = """\
    {"id": "audit", "name": "Audit",
     "customer": "ann",
     "steps": [{"id": "do-audit", "name": "Audit", "performer": "cy"}]}"""
CUSTOMER = ",\n".join([CUSTOMER_MISSING, CUSTOMER_STARTS, AUDIT])


def test_oc303_fires_where_no_feedback_starts_with_the_customer():
    text = doc(CUSTOMER)
    report = lint_model(text, select=["OC303"])
    assert_fires(report, "OC303", entities=["visit", "audit"],
                 lines=[line_of(text, '{"id": "visit"'), line_of(text, '{"id": "audit"')])
    first, second = report.findings
    assert "process 'Care visit' has customer Client, but none of its feedback starts with Client" \
        in first.message
    assert "straight to the people who do the work (Care team)" in first.message
    assert "has customer Ann de Vries" in second.message


def test_oc303_silent_when_the_customer_starts_feedback():
    # 'lab-order': a feedback flow leaves the client's (work) step; 'roster': the internal customer,
    # the care team, performs the feedback step through its nurses (a role)
    text = doc(CUSTOMER_STARTS)
    report = lint_model(text, select=["OC303"])
    assert [f.entity for f in report.findings] == []
    assert_silent(report, "OC303")


def test_oc303_silent_without_a_customer_or_with_a_broken_one():
    report = lint_model({"people": [{"id": "bo"}], "processes": [
        {"id": "p", "steps": [{"id": "s", "performer": "bo"}]},
        {"id": "q", "customer": "nobody", "steps": [{"id": "t", "performer": "bo"}]}]},
        select=["OC303"])
    assert_silent(report, "OC303")


# -- OC304 metric-hidden-from-doers --------------------------------------------------------------

METRIC_PROCESS = """\
    {"id": "visit", "name": "Care visit",
     "steps": [
       {"id": "go", "name": "Visit client", "performer": "care"},
       {"id": "ok", "name": "Approve", "performer": "ann", "kind": "approval"},
       {"id": "eval", "name": "Client evaluates", "performer": "client", "kind": "feedback"}
     ],
     "flows": [{"from": "go", "to": "ok"}, {"from": "eval", "to": "go", "kind": "feedback"}]}
"""

HIDDEN = """\
    {"id": "cost", "name": "Cost per visit", "process": "visit",
     "visible_to": ["ann", "director"], "cadence": "monthly"},
    {"id": "nps", "name": "NPS", "process": "visit", "cadence": "weekly"}"""
SEEN = """\
    {"id": "sat", "name": "Satisfaction", "process": "visit",
     "visible_to": ["nurse"], "cadence": "weekly"},
    {"id": "delay", "name": "Visit delay", "process": "visit",
     "visible_to": ["board"], "cadence": "daily"},
    {"id": "approval-time", "name": "Approval time", "step": "ok",
     "visible_to": ["ann"], "cadence": "daily"}"""
HIDDEN_STEP = """\
    {"id": "approval-seen", "name": "Approval seen", "step": "ok",
     "visible_to": ["bo"], "cadence": "daily"}"""
METRICS = ",\n".join([HIDDEN, SEEN, HIDDEN_STEP])


def test_oc304_fires_on_metrics_the_doers_do_not_see():
    text = doc(METRIC_PROCESS, METRICS)
    report = lint_model(text, select=["OC304"])
    # 'cost': seen by management only (located at visible_to); 'nps': visible to nobody (at the
    # metric); 'approval-seen': about the approval step, whose performer Ann does not see it
    assert_fires(report, "OC304", entities=["cost", "nps", "approval-seen"],
                 lines=[line_of(text, '"visible_to": ["ann", "director"]'), line_of(text, '"id": "nps"'),
                        line_of(text, '"visible_to": ["bo"]')])
    cost, nps, seen = report.findings
    assert ("metric 'Cost per visit' of process 'Care visit' is visible only to Ann de Vries and "
            "Director; none of the people who do its work steps (Care team) see it") in cost.message
    assert "is visible to nobody" in nps.message
    assert "none of the performers of its step 'Approve' (Ann de Vries) see it" in seen.message


def test_oc304_silent_when_the_doers_see_it_through_a_person_role_or_enclosing_unit():
    # near misses in METRICS: 'sat' (role nurse), 'delay' (the board contains the care team),
    # 'approval-time' (its step's performer sees it)
    text = doc(METRIC_PROCESS, SEEN)
    report = lint_model(text, select=["OC304"])
    assert_silent(report, "OC304")


def test_oc304_silent_when_only_externals_do_the_work():
    report = lint_model({"people": [{"id": "ann"}], "externals": [{"id": "lab"}],
                         "processes": [{"id": "p", "steps": [{"id": "s", "performer": "lab"}]}],
                         "metrics": [{"id": "m", "process": "p", "visible_to": ["ann"]}]},
                        select=["OC304"])
    assert_silent(report, "OC304")


# -- OC305 process-without-metric ----------------------------------------------------------------


def test_oc305_fires_on_a_process_no_metric_measures():
    text = doc(NO_FEEDBACK, """\
    {"id": "m1", "name": "Visits", "process": "visit", "visible_to": ["care"]},
    {"id": "m2", "name": "Bills paid", "step": "pay", "visible_to": ["ann"]}
""")
    report = lint_model(text, select=["OC305"])
    assert_fires(report, "OC305", entities=["intake"], lines=[line_of(text, '"id": "intake"')],
                 severity="info", contains=["process 'Client intake' has no metric",
                                            "show them to the people who do its work (Care team and Bo Jansen)"])


def test_oc305_silent_when_every_process_is_measured():
    text = doc(NO_FEEDBACK, """\
    {"id": "m0", "name": "Intake time", "process": "intake"},
    {"id": "m1", "name": "Visits", "process": "visit", "visible_to": ["care"]},
    {"id": "m2", "name": "Bills paid", "step": "pay", "visible_to": ["ann"]}
""")
    assert_silent(lint_model(text, select=["OC305"]), "OC305")


# -- OC306 slow-feedback -------------------------------------------------------------------------

SLOW = """\
    {"id": "m1", "name": "Client satisfaction", "process": "visit",
     "visible_to": ["care"], "cadence": "quarterly"},
    {"id": "m2", "name": "Annual review", "process": "visit",
     "visible_to": ["bo"], "cadence": "yearly"},
    {"id": "m3", "name": "Cost", "process": "visit",
     "visible_to": ["ann"], "cadence": "daily"}
"""


def test_oc306_fires_when_the_fastest_metric_the_doers_get_is_too_slow():
    text = doc(METRIC_PROCESS, SLOW)
    report = lint_model(text, select=["OC306"])
    # m3 is daily, but only management sees it
    assert_fires(report, "OC306", entities=["visit"], lines=[line_of(text, '"id": "visit"')],
                 severity="info",
                 contains=["people who do the work of process 'Care visit' (Care team) get its metrics "
                           "at best quarterly (Client satisfaction)", "at least monthly"])


def test_oc306_silent_at_the_bound():
    text = doc(METRIC_PROCESS, SLOW.replace('"quarterly"', '"monthly"'))
    assert_silent(lint_model(text, select=["OC306"]), "OC306")


def test_oc306_max_cadence_option():
    text = doc(METRIC_PROCESS, SLOW)
    assert_silent(lint_model(text, select=["OC306"], options={"OC306": {"max_cadence": "quarterly"}}),
                  "OC306")
    monthly = doc(METRIC_PROCESS, SLOW.replace('"quarterly"', '"monthly"'))
    report = lint_model(monthly, select=["OC306"], options={"slow-feedback": {"max_cadence": "weekly"}})
    assert_fires(report, "OC306", entities=["visit"], contains=["at best monthly", "at least weekly"])


def test_oc306_metrics_without_cadence_are_unknown():
    # only cadence-less metrics reach the doers: their speed is unknown, so silent
    text = doc(METRIC_PROCESS, SLOW.replace('"cadence": "quarterly"', '"x-note": "no cadence"')
               .replace('"cadence": "yearly"', '"x-note": "no cadence"'))
    assert_silent(lint_model(text, select=["OC306"]), "OC306")
    # a known slow one fires, and names the cadence-less one
    text = doc(METRIC_PROCESS, SLOW.replace('"cadence": "yearly"', '"x-note": "no cadence"'))
    assert_fires(lint_model(text, select=["OC306"]), "OC306", entities=["visit"],
                 contains=["at best quarterly", "Annual review has no cadence"])


def test_oc306_silent_when_the_doers_receive_no_metric():
    text = doc(METRIC_PROCESS, SLOW.split('    {"id": "m3"')[0].replace('"care"', '"ann"')
               .replace('"bo"', '"ann"') + '    {"id": "m3", "name": "Cost", "process": "visit"}')
    assert_silent(lint_model(text, select=["OC306"]), "OC306")


def test_oc306_rejects_an_unknown_cadence_option():
    with pytest.raises(AssertionError, match="max_cadence 'montly'"):
        lint_model(doc(METRIC_PROCESS, SLOW), select=["OC306"], options={"OC306": {"max_cadence": "montly"}})


# -- cost ----------------------------------------------------------------------------------------


def test_feedback_rules_stay_linear_with_a_big_unit_in_many_processes():
    # 20,000 people; 1,000 processes whose work is done by the whole organization, a department,
    # a role and a team; metrics visible to big units: no rule may copy a big unit per process
    from orgcheck.api.manager import load_plugins
    from orgcheck.model import Org

    people = [{"id": "top", "unit": "all"}] + [
        {"id": f"p{i}", "reports_to": "top", "unit": f"t{i % 400}", "roles": [f"r{i % 20}"]}
        for i in range(20000)]
    units = ([{"id": "all"}] + [{"id": f"d{j}", "parent": "all"} for j in range(10)]
             + [{"id": f"t{j}", "parent": f"d{j % 10}"} for j in range(400)])
    processes, metrics = [], []
    for k in range(1000):
        processes.append({"id": f"proc{k}", "customer": f"d{(k + 1) % 10}", "steps": [
            {"id": f"a{k}", "performer": "all"}, {"id": f"c{k}", "performer": f"d{k % 10}"},
            {"id": f"e{k}", "performer": f"r{k % 20}"}, {"id": f"b{k}", "performer": f"t{k % 400}"},
            {"id": f"f{k}", "performer": "top", "kind": "feedback"}]})
        metrics.append({"id": f"m{k}", "process": f"proc{k}", "cadence": "yearly",
                        "visible_to": [f"r{(k + 1) % 20}", f"d{(k + 1) % 10}"]})
    org = Org({"organization": {"id": "o", "name": "o"}, "people": people, "units": units,
               "roles": [{"id": f"r{i}"} for i in range(20)], "processes": processes, "metrics": metrics})
    rules = [load_plugins().find_rule(code) for code in FAMILY]
    counts = {rule.code: len(list(rule(org))) for rule in rules}
    assert counts == {"OC301": 0, "OC302": 0, "OC303": 1000, "OC304": 0, "OC305": 0, "OC306": 1000}

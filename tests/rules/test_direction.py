"""OC307-OC308: direction and long-term learning (plugins/direction.py)."""
from __future__ import annotations

import pytest

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC307", "OC308"]


def doc(**sections: list[str]) -> str:
    """A JSON document with one entity per line, sections in the order given."""
    lines = ["{", '  "organization": {"id": "acme", "name": "Acme"},']
    sections.setdefault("people", [])
    keys = list(sections)
    for n, key in enumerate(keys):
        items = sections[key]
        lines.append(f'  "{key}": [')
        lines += [f"    {x}," for x in items[:-1]] + ([f"    {items[-1]}"] if items else [])
        lines.append("  ]" if n == len(keys) - 1 else "  ],")
    return "\n".join(lines + ["}", ""])


PEOPLE = [
    '{"id": "lea", "name": "Lea Lead", "unit": "care"}',
    '{"id": "ann", "name": "Ann", "reports_to": "lea", "unit": "north"}',
    '{"id": "bo", "name": "Bo", "reports_to": "lea", "unit": "north"}',
    '{"id": "vac", "vacant": true, "reports_to": "lea", "unit": "north"}',
    '{"id": "cy", "name": "Cy", "reports_to": "lea", "unit": "quality"}',
]


def units(north_extra: str = ', "purpose": "Clients in the north get care when they need it"') -> list[str]:
    return ['{"id": "care", "name": "Care", "type": "department"}',
            f'{{"id": "north", "name": "Care team North", "type": "team", "parent": "care"{north_extra}}}',
            '{"id": "quality", "name": "Quality", "type": "department", "parent": "care"}']


PROCESS = ('{"id": "visit", "name": "Care visit", "steps": [{"id": "plan", "name": "Plan", "performer": "north"}, '
           '{"id": "give", "name": "Give care", "performer": "north"}%s], "flows": [{"from": "plan", "to": "give"}%s]}')


def process(extra_step: str = "", extra_flow: str = "") -> str:
    return PROCESS % ((", " + extra_step) if extra_step else "", (", " + extra_flow) if extra_flow else "")


def metric(visible_to: str) -> str:
    return (f'{{"id": "m1", "name": "Client rating", "process": "visit", "visible_to": [{visible_to}], '
            '"cadence": "weekly"}')


# -- OC307 team-without-direction -------------------------------------------------------------------


def test_oc307_fires_on_a_team_without_purpose_or_metric():
    text = doc(units=units(north_extra=""), people=PEOPLE, processes=[process()], metrics=[metric('"lea"')])
    report = lint_model(text, select=["OC307"])
    assert_fires(report, "OC307", entities=["north"], lines=[line_of(text, '"id": "north"')],
                 contains=["team 'Care team North' has no purpose and no metric that all its members see",
                           "without direction, a team drifts or is steered from above"])


def test_oc307_fires_when_only_some_members_see_the_metric():
    text = doc(units=units(), people=PEOPLE, processes=[process()], metrics=[metric('"ann", "lea"')])
    report = lint_model(text, select=["OC307"])
    assert_fires(report, "OC307", entities=["north"], lines=[line_of(text, '"id": "north"')],
                 contains="team 'Care team North' has no metric that all its members see: ")


def test_oc307_fires_on_a_self_organizing_department_without_purpose():
    own = ['{"id": "ops", "name": "Operations", "type": "department", "self_organizing": true}']
    text = doc(units=own, people=['{"id": "ann", "name": "Ann", "unit": "ops"}'])
    report = lint_model(text, select=["OC307"])
    assert_fires(report, "OC307", entities=["ops"], lines=[line_of(text, '"id": "ops"')],
                 contains="self-organizing unit 'Operations' has no purpose: ")


def test_oc307_near_miss_purpose_and_a_metric_all_filled_members_see():
    # visible to the parent unit: its sub-units' members see it; the vacancy sees nothing and need not
    for audience in ('"north"', '"care"', '"ann", "bo"'):
        text = doc(units=units(), people=PEOPLE, processes=[process()], metrics=[metric(audience)])
        report = lint_model(text, select=FAMILY)
        assert_silent(report, "OC307")


def test_oc307_near_miss_a_metric_seen_through_a_role():
    roles = ['{"id": "nurse", "name": "Nurse"}']
    people = [p.replace('"unit": "north"}', '"unit": "north", "roles": ["nurse"]}') for p in PEOPLE]
    text = doc(units=units(), roles=roles, people=people, processes=[process()], metrics=[metric('"nurse"')])
    assert_silent(lint_model(text, select=["OC307"]), "OC307")


def test_oc307_near_miss_no_processes_or_metrics_means_the_metric_part_is_not_judged():
    text = doc(units=units(), people=PEOPLE)
    report = lint_model(text, select=["OC307"])
    assert_silent(report, "OC307")
    # a department that does not declare self-organization needs no purpose of its own
    assert "quality" not in [f.entity for f in report.findings]


def test_oc307_placeholder_purpose_counts_as_none():
    for placeholder in ("TBD", "-", " n/a ", "todo", "?", "To do", "T.B.D.", "...", "N.v.t."):
        text = doc(units=units(north_extra=f', "purpose": "{placeholder}"'), people=PEOPLE, processes=[process()],
                   metrics=[metric('"north"')])
        report = lint_model(text, select=["OC307"])
        assert_fires(report, "OC307", entities=["north"], lines=[line_of(text, '"id": "north"')],
                     contains=f"team 'Care team North' has no purpose ('{placeholder.strip()}' is a placeholder): ")


def test_oc307_near_miss_a_short_purpose_that_says_something():
    for purpose in ("Care", "TBD clients get care first", "N/A-free care", "Todo lists for nurses", "A+"):
        text = doc(units=units(north_extra=f', "purpose": "{purpose}"'), people=PEOPLE, processes=[process()],
                   metrics=[metric('"north"')])
        assert_silent(lint_model(text, select=["OC307"]), "OC307")


def test_oc307_blank_purpose_counts_as_none():
    text = doc(units=units(north_extra=', "purpose": "  "'), people=PEOPLE, processes=[process()],
               metrics=[metric('"north"')])
    report = lint_model(text, select=["OC307"])
    assert_fires(report, "OC307", entities=["north"], contains="has no purpose: ")


# -- OC308 process-without-learning-loop ------------------------------------------------------------


AUDIT = '{"id": "audit", "name": "Audit", "performer": "quality", "kind": "review", "cadence": "quarterly"}'


@pytest.mark.parametrize("step, flow, contains", [
    # the recurring evaluations leave out the doers
    (AUDIT, '{"from": "give", "to": "audit"}',
     ["process 'Care visit' has no recurring evaluation in which the people who do its work (Care team North) "
      "take part (its recurring evaluations are done by Quality only)",
      "add a feedback or review step with a cadence"]),
    # the doers' own feedback step has no cadence: it does not recur
    ('{"id": "retro", "name": "Retrospective", "performer": "north", "kind": "feedback"}',
     '{"from": "give", "to": "retro"}', "(Care team North) take part: "),
], ids=["evaluations-by-others", "doers-feedback-without-cadence"])
def test_oc308_fires_without_a_recurring_evaluation_by_the_doers(step, flow, contains):
    text = doc(units=units(), people=PEOPLE, processes=[process(step, flow)])
    report = lint_model(text, select=["OC308"])
    assert_fires(report, "OC308", entities=["visit"], lines=[line_of(text, '"id": "visit"')], contains=contains)


BACK = '{"from": "give", "to": "retro"}, {"from": "retro", "to": "plan", "kind": "feedback"}'


def test_oc308_near_miss_a_recurring_evaluation_by_the_doers():
    for kind, performer in (("feedback", "north"), ("review", "north"), ("review", "ann")):
        retro = (f'{{"id": "retro", "name": "Retrospective", "performer": "{performer}", "kind": "{kind}", '
                 f'"cadence": "monthly"}}')
        text = doc(units=units(), people=PEOPLE, processes=[process(retro, BACK)])
        assert_silent(lint_model(text, select=["OC308"]), "OC308")


RETRO = '{"id": "retro", "name": "Retrospective", "performer": "north", "kind": "feedback", "cadence": "monthly"}'


def test_oc308_fires_on_a_recurring_evaluation_that_leads_nowhere_back_into_the_work():
    # the team's monthly retrospective comes after the care, and no flow leaves it
    text = doc(units=units(), people=PEOPLE, processes=[process(RETRO, '{"from": "give", "to": "retro"}')])
    report = lint_model(text, select=["OC308"])
    assert_fires(report, "OC308", entities=["visit"], lines=[line_of(text, '"id": "visit"')],
                 contains=["process 'Care visit' has a recurring evaluation by the people who do its work "
                           "('Retrospective' (Care team North)), but no flow leads from it back into the work",
                           "add a flow from it to the work step it should change (a feedback flow)"])
    # a flow to another evaluation that leads nowhere either is no way back
    review = '{"id": "rev", "name": "Review", "performer": "north", "kind": "review", "cadence": "quarterly"}'
    text = doc(units=units(), people=PEOPLE,
               processes=[process(RETRO + ", " + review,
                                  '{"from": "give", "to": "retro"}, {"from": "retro", "to": "rev"}')])
    assert_fires(lint_model(text, select=["OC308"]), "OC308", entities=["visit"],
                 contains=["has recurring evaluations by the people who do its work ('Retrospective' (Care team "
                           "North) and 'Review' (Care team North)), but no flow leads from them back"])


def test_oc308_near_miss_an_evaluation_apart_from_the_case_that_feeds_the_work():
    # a monthly retrospective outside the case's sequence, with a feedback flow into the planning;
    # or one that hands over to the next step of the work (a sequence flow, through another step)
    for flows in ('{"from": "retro", "to": "plan", "kind": "feedback"}',
                  '{"from": "plan", "to": "retro"}, {"from": "retro", "to": "mid"}, {"from": "mid", "to": "give"}'):
        mid = '{"id": "mid", "name": "Check", "performer": "north", "kind": "review"}'
        text = doc(units=units(), people=PEOPLE, processes=[process(RETRO + ", " + mid, flows)])
        assert_silent(lint_model(text, select=["OC308"]), "OC308")


def test_oc308_near_miss_a_process_done_by_externals_only():
    text = doc(people=PEOPLE[:1], externals=['{"id": "gp", "name": "GP", "kind": "partner"}'],
               processes=['{"id": "ref", "name": "Referral", "steps": [{"id": "s", "name": "Refer", '
                          '"performer": "gp"}]}'])
    assert_silent(lint_model(text, select=["OC308"]), "OC308")

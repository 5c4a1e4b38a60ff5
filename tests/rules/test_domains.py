"""OC407-OC408: who owns a decision (plugins/domains.py)."""
from __future__ import annotations

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC407", "OC408"]

ASSESSOR = '{"id": "assessor", "name": "Assessor", "domains": ["Settlement amount"]}'
LEADER = '{"id": "leader", "name": "Team Leader", "domains": ["Staff rota"]}'
COMPLAINTS = '{"id": "complaints", "name": "Complaints Officer", "domains": ["Final response to complaints"]}'
PEOPLE = [
    '{"id": "tl", "name": "Neil Ashworth", "title": "Team Leader", "unit": "assess", "roles": ["leader"]}',
    '{"id": "pj", "name": "Paul Jennings", "reports_to": "tl", "unit": "assess", "roles": ["assessor"]}',
    '{"id": "sw", "name": "Sarah Whitmore", "reports_to": "tl", "unit": "assess", "roles": ["assessor"]}',
    '{"id": "vac", "vacant": true, "reports_to": "tl", "unit": "assess", "roles": ["complaints"]}',
]


def doc(steps: list[str], roles: list[str] | None = (ASSESSOR, LEADER, COMPLAINTS),
        people: list[str] = PEOPLE) -> str:
    """One role, person and step per line; the steps in one process, in a row."""
    lines = ["{", '  "organization": {"id": "acme", "name": "Acme"},',
             '  "units": [{"id": "assess", "name": "Assessment", "type": "team"}, {"id": "mgmt", "name": "Management"}],']
    if roles is not None:
        lines += ['  "roles": ['] + [f"    {r}," for r in roles[:-1]] + [f"    {roles[-1]}", "  ],"]
    lines += ['  "people": ['] + [f"    {p}," for p in people[:-1]] + [f"    {people[-1]}", "  ],"]
    lines += ['  "processes": [', '    {"id": "claim", "name": "Claim", "steps": [']
    all_steps = ['{"id": "work", "name": "Assess damage", "performer": "assess"}', *steps]
    lines += [f"      {s}," for s in all_steps[:-1]] + [f"      {all_steps[-1]}"]
    flows = ", ".join(f'{{"from": "{a}", "to": "{b}"}}' for a, b in zip(
        ["work", *[f"s{i}" for i in range(len(steps))]], [f"s{i}" for i in range(len(steps))]))
    lines += [f'    ], "flows": [{flows}]}}', "  ]", "}", ""]
    return "\n".join(lines)


def step(n: int, performer: str, domain: str, kind: str = "approval") -> str:
    return (f'{{"id": "s{n}", "name": "Step {n}", "performer": "{performer}", "kind": "{kind}", '
            f'"domain": "{domain}"}}')


# -- OC407 decision-outside-domain -------------------------------------------------------------------


def test_oc407_fires_when_the_manager_approves_in_the_assessors_domain():
    text = doc([step(0, "tl", "Settlement amount")])
    report = lint_model(text, select=FAMILY)
    assert_fires(report, "OC407", entities=["s0"], lines=[line_of(text, '"id": "s0"')],
                 contains=["approval 'Step 0' decides on domain 'Settlement amount', which role 'Assessor' owns, "
                           "but Neil Ashworth (Team Leader), who performs it, holds no such role",
                           "let Paul Jennings and Sarah Whitmore decide"])
    assert_silent(report, "OC408")


def test_oc407_fires_on_a_decision_by_a_unit_none_of_whose_members_holds_the_role():
    # the team leader, who owns the rota, sits in Management, not in the team that decides
    people = [PEOPLE[0].replace('"unit": "assess"', '"unit": "mgmt"'), *PEOPLE[1:]]
    text = doc([step(0, "assess", "Staff rota", kind="decision")], people=people)
    report = lint_model(text, select=["OC407"])
    assert_fires(report, "OC407", entities=["s0"], lines=[line_of(text, '"id": "s0"')],
                 contains="but the members of Assessment, who perform it, hold no such role")


def test_oc407_near_miss_the_owners_decide():
    # a member of the performing team holds the role; the role itself performs it; spelling differs only
    # in case and spaces; a work step is not a decision
    text = doc([step(0, "assess", "Settlement amount", kind="decision"),
                step(1, "assessor", "settlement  AMOUNT"),
                step(2, "pj", " Settlement amount "),
                step(3, "tl", "Settlement amount", kind="work")])
    report = lint_model(text, select=FAMILY)
    assert_silent(report, "OC407")
    assert_silent(report, "OC408")


def test_oc407_and_oc408_are_silent_without_roles():
    people = [p.split(', "roles"')[0] + "}" for p in PEOPLE]
    text = doc([step(0, "tl", "Settlement amount")], roles=None, people=people)
    report = lint_model(text, select=FAMILY)
    assert_silent(report, "OC407")
    assert_silent(report, "OC408")


# -- OC408 unowned-domain -----------------------------------------------------------------------------


def test_oc408_fires_once_per_unowned_domain_on_its_first_step():
    text = doc([step(0, "tl", "Referral to the police", kind="decision"),
                step(1, "pj", "referral to the  police", kind="review"),
                step(2, "tl", "Final response to complaints", kind="decision")])
    report = lint_model(text, select=FAMILY)
    assert_fires(report, "OC408", entities=["s0", "s2"],
                 lines=[line_of(text, '"id": "s0"'), line_of(text, '"id": "s2"')])
    first, second = report.findings
    assert ("domain 'Referral to the police' of decision 'Step 0' (and 1 other step) is owned by no role that "
            "someone holds (no role lists it in its domains)") in first.message
    assert "(only role 'Complaints Officer', which nobody holds, lists it)" in second.message
    assert_silent(report, "OC407")  # a domain nobody owns is OC408's finding only


def test_oc408_near_miss_a_held_role_owns_the_domain():
    report = lint_model(doc([step(0, "pj", "Settlement amount", kind="decision")]), select=["OC408"])
    assert_silent(report, "OC408")


# -- domains as a designer writes them --------------------------------------------------------------


def test_oc407_matches_a_domain_in_another_case_and_number():
    # the role says "Settlement amount"; the manager's approval names "settlement Amounts"
    text = doc([step(0, "tl", "settlement Amounts")])
    report = lint_model(text, select=FAMILY)
    assert_fires(report, "OC407", entities=["s0"], lines=[line_of(text, '"id": "s0"')],
                 contains="decides on domain 'settlement Amounts', which role 'Assessor' owns")
    assert_silent(report, "OC408")


def test_oc407_oc408_near_miss_plural_and_case_of_the_owners_own_decision():
    roles = (ASSESSOR.replace('"Settlement amount"', '"Care plans", "Policies"'), LEADER, COMPLAINTS)
    text = doc([step(0, "pj", "care PLAN", kind="decision"), step(1, "sw", "Policy", kind="decision"),
                step(2, "pj", "Care  plans")], roles=roles)
    report = lint_model(text, select=FAMILY)
    assert_silent(report, "OC407")
    assert_silent(report, "OC408")


def test_oc408_says_did_you_mean_for_an_unmatched_domain():
    text = doc([step(0, "tl", "Setlement amount", kind="decision"),
                step(1, "tl", "Referral to the police", kind="decision")])
    report = lint_model(text, select=["OC408"])
    assert_fires(report, "OC408", entities=["s0", "s1"],
                 lines=[line_of(text, '"id": "s0"'), line_of(text, '"id": "s1"')])
    first, second = report.findings
    assert ("domain 'Setlement amount' of decision 'Step 0' is owned by no role that someone holds (no role lists "
            "it in its domains; did you mean 'Settlement amount'?)") in first.message
    assert "did you mean" not in second.message  # nothing close: no guess

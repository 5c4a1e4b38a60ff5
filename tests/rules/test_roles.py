"""OC4xx: professional roles (plugins/roles.py)."""
from __future__ import annotations

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC401", "OC402", "OC403", "OC404", "OC405", "OC406"]


# Complete, professional roles: nothing in this family fires on them.
NURSE = ('{"id": "nurse", "name": "Nurse", "purpose": "Good care at home", '
         '"accountabilities": ["Planning care with the client"], "domains": ["Care plan"], '
         '"standards": ["BIG registration"]}')
COACH = ('{"id": "coach", "name": "Team coach", "purpose": "Teams that steer themselves", '
         '"accountabilities": ["Coaching teams"], "standards": ["ICF coaching code"]}')
ANN = '{"id": "ann", "name": "Ann de Vries", "title": "Coach", "unit": "care", "roles": ["coach"]}'
BO = '{"id": "bo", "name": "Bo Jansen", "title": "Nurse", "reports_to": "ann", "unit": "care", "roles": ["nurse"]}'


def doc(roles: list[str] | None, people: list[str]) -> str:
    """A JSON document with one role and one person per line (roles None: no roles key)."""
    lines = ['{', '  "organization": {"id": "acme", "name": "Acme"},',
             '  "units": [{"id": "care", "name": "Care team", "type": "team"}],']
    if roles is not None:
        lines.append('  "roles": [')
        lines += [f"    {r}," for r in roles[:-1]] + ([f"    {roles[-1]}"] if roles else [])
        lines.append("  ],")
    lines.append('  "people": [')
    lines += [f"    {p}," for p in people[:-1]] + ([f"    {people[-1]}"] if people else [])
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def test_a_complete_role_model_is_silent():
    report = lint_model(doc([NURSE, COACH], [ANN, BO]), select=FAMILY)
    assert report.findings == []
    assert_silent(report, "OC401")
    assert_silent(report, "OC405")


def test_no_roles_in_the_document_silences_the_family():
    # Nobody holds a role, but the document defines none: subject absent.
    people = ['{"id": "ann", "name": "Ann"}', '{"id": "bo", "name": "Bo", "reports_to": "ann"}']
    report = lint_model(doc(None, people), select=FAMILY)
    assert report.findings == []
    assert_silent(report, "OC401")
    report = lint_model(doc([], people), select=FAMILY)
    assert_silent(report, "OC401")
    assert_silent(report, "OC404")


# -- OC401 person-without-role ---------------------------------------------------------------------


def test_oc401_fires_on_a_filled_position_without_a_role():
    cy = '{"id": "cy", "name": "Cy Bakker", "title": "Management Assistant", "reports_to": "ann"}'
    dee = '{"id": "dee", "name": "Dee Smit", "reports_to": "ann", "roles": []}'
    text = doc([NURSE, COACH], [ANN, BO, cy, dee])
    report = lint_model(text, select=["OC401"])
    assert_fires(report, "OC401", entities=["cy", "dee"],
                 lines=[line_of(text, '"id": "cy"'), line_of(text, '"id": "dee"')],
                 contains="holds no role")
    assert_fires(report, "OC401", entities=["cy", "dee"], contains="professional role")
    assert "Cy Bakker (Management Assistant) holds no role" in report.findings[0].message


def test_oc401_near_miss_vacant_aggregate_and_broken_reference():
    vacant = '{"id": "vac", "vacant": true, "title": "Nurse (vacancy)", "reports_to": "ann"}'
    aggregate = '{"id": "juniors", "name": "Junior staff", "reports_to": "ann", "fte": 12, "x-aggregate": true}'
    broken = '{"id": "eve", "name": "Eve", "reports_to": "ann", "roles": ["nures"]}'
    # eve's only role reference is broken: the integrity rules (OC003) report that, not OC401.
    report = lint_model(doc([NURSE, COACH], [ANN, BO, vacant, aggregate, broken]), select=["OC401"])
    assert_silent(report, "OC401")


# -- OC402 role-without-purpose --------------------------------------------------------------------


def test_oc402_fires_on_a_role_without_purpose_or_with_a_blank_one():
    leader = '{"id": "leader", "name": "Team Leader", "accountabilities": ["Allocating work"], "standards": ["X"]}'
    blank = '{"id": "blank", "name": "Blank", "purpose": "  ", "accountabilities": ["A"], "standards": ["X"]}'
    text = doc([NURSE, leader, blank], [ANN, BO.replace('["nurse"]', '["nurse", "leader"]')])
    report = lint_model(text, select=["OC402"])
    assert_fires(report, "OC402", entities=["leader", "blank"],
                 lines=[line_of(text, '"id": "leader"'), line_of(text, '"id": "blank"')],
                 contains="has no purpose")
    assert "role 'Team Leader' (held by Bo Jansen) has no purpose" in report.findings[0].message


def test_oc402_fires_on_a_placeholder_purpose():
    tbd = '{"id": "tbd", "name": "Planner", "purpose": " TBD ", "accountabilities": ["A"], "standards": ["X"]}'
    dash = '{"id": "dash", "name": "Scheduler", "purpose": "-", "accountabilities": ["A"], "standards": ["X"]}'
    text = doc([NURSE, tbd, dash], [ANN, BO])
    report = lint_model(text, select=["OC402"])
    assert_fires(report, "OC402", entities=["tbd", "dash"],
                 lines=[line_of(text, '"id": "tbd"'), line_of(text, '"id": "dash"')],
                 contains="has no purpose ('")
    assert "role 'Planner' has no purpose ('TBD' is a placeholder): " in report.findings[0].message
    assert "role 'Scheduler' has no purpose ('-' is a placeholder): " in report.findings[1].message


def test_oc402_near_miss():
    report = lint_model(doc([NURSE, COACH], [ANN, BO]), select=["OC402"])
    assert_silent(report, "OC402")
    # a short purpose that names something is a purpose, even one that starts like a placeholder
    short = COACH.replace("Teams that steer themselves", "TBD-free teams")
    assert_silent(lint_model(doc([NURSE, short], [ANN, BO]), select=["OC402"]), "OC402")


# -- OC403 role-without-accountabilities -----------------------------------------------------------


def test_oc403_fires_on_a_role_with_neither_accountabilities_nor_domains():
    auditor = '{"id": "auditor", "name": "Claims Auditor", "purpose": "Assurance", "standards": ["X"]}'
    empty = ('{"id": "empty", "name": "Empty", "purpose": "P", "accountabilities": [" "], "domains": [], '
             '"standards": ["X"]}')
    text = doc([NURSE, auditor, empty], [ANN, BO])
    report = lint_model(text, select=["OC403"])
    assert_fires(report, "OC403", entities=["auditor", "empty"],
                 lines=[line_of(text, '"id": "auditor"'), line_of(text, '"id": "empty"')],
                 contains="neither accountabilities nor domains")
    assert report.findings[0].message.startswith("role 'Claims Auditor' has neither")


def test_oc403_near_miss_domains_alone_or_accountabilities_alone_do():
    only_domain = '{"id": "od", "name": "OD", "purpose": "P", "domains": ["Rota"], "standards": ["X"]}'
    only_acc = '{"id": "oa", "name": "OA", "purpose": "P", "accountabilities": ["Rota"], "standards": ["X"]}'
    report = lint_model(doc([only_domain, only_acc], [ANN]), select=["OC403"])
    assert_silent(report, "OC403")


# -- OC404 unfilled-role ---------------------------------------------------------------------------


def test_oc404_fires_on_a_role_nobody_holds_or_only_vacancies_hold():
    complaints = ('{"id": "complaints", "name": "Complaints Officer", "purpose": "P", '
                  '"accountabilities": ["A"], "standards": ["S"]}')
    planned = '{"id": "planned", "name": "Planner", "purpose": "P", "accountabilities": ["A"], "standards": ["S"]}'
    vacancy = '{"id": "vac-1", "vacant": true, "reports_to": "ann", "roles": ["planned"]}'
    text = doc([NURSE, complaints, COACH, planned], [ANN, BO, vacancy])
    report = lint_model(text, select=["OC404"])
    assert_fires(report, "OC404", entities=["complaints", "planned"],
                 lines=[line_of(text, '"id": "complaints"'), line_of(text, '"id": "planned"')],
                 severity="info")
    assert "role 'Complaints Officer' is held by nobody" in report.findings[0].message
    assert "held only by vacant positions (vac-1)" in report.findings[1].message


def test_oc404_near_miss_one_filled_holder_is_enough():
    vacancy = '{"id": "vac-1", "vacant": true, "reports_to": "ann", "roles": ["nurse"]}'
    report = lint_model(doc([NURSE, COACH], [ANN, BO, vacancy]), select=["OC404"])
    assert_silent(report, "OC404")


# -- OC405 overlapping-domains ---------------------------------------------------------------------


def test_oc405_fires_on_the_later_role_naming_the_earlier_one_and_the_domain():
    assessor = ('{"id": "assessor", "name": "Motor Damage Assessor", "purpose": "P", '
                '"domains": ["Settlement amount offered to the policyholder"], "standards": ["S"]}')
    adjuster = ('{"id": "adjuster", "name": "Loss Adjuster", "purpose": "P", '
                '"domains": ["Site visits", "Settlement amount offered to the policyholder"], "standards": ["S"]}')
    text = doc([assessor, NURSE, adjuster], [ANN])
    report = lint_model(text, select=["OC405"])
    assert_fires(report, "OC405", entities=["adjuster"], lines=[line_of(text, '"id": "adjuster"')],
                 contains=["role 'Loss Adjuster' claims domain 'Settlement amount offered to the policyholder'",
                           "which role 'Motor Damage Assessor' already claims"])


def test_oc405_compares_domains_case_and_whitespace_insensitively_and_names_all_earlier_roles():
    a = '{"id": "a", "name": "A", "purpose": "P", "domains": ["Budget"], "standards": ["S"]}'
    b = '{"id": "b", "name": "B", "purpose": "P", "domains": [" budget "], "standards": ["S"]}'
    c = '{"id": "c", "name": "C", "purpose": "P", "domains": ["BUDGET", "Rota"], "standards": ["S"]}'
    text = doc([a, b, c], [ANN])
    report = lint_model(text, select=["OC405"])
    found = assert_fires(report, "OC405", entities=["b", "c"],
                         lines=[line_of(text, '"id": "b"'), line_of(text, '"id": "c"')])
    assert "claims domain 'budget', which role 'A' already claims" in found[0].message
    assert "claims domain 'BUDGET', which roles 'A' and 'B' already claim" in found[1].message


def test_oc405_a_plural_is_the_same_domain():
    a = '{"id": "a", "name": "A", "purpose": "P", "domains": ["Care plan"], "standards": ["S"]}'
    b = '{"id": "b", "name": "B", "purpose": "P", "domains": ["care plans"], "standards": ["S"]}'
    text = doc([a, b], [ANN])
    assert_fires(lint_model(text, select=["OC405"]), "OC405", entities=["b"], lines=[line_of(text, '"id": "b"')],
                 contains="claims domain 'care plans', which role 'A' already claims")


def test_oc405_near_miss_distinct_domains_and_a_domain_repeated_within_one_role():
    a = '{"id": "a", "name": "A", "purpose": "P", "domains": ["Budget", "budget"], "standards": ["S"]}'
    b = '{"id": "b", "name": "B", "purpose": "P", "domains": ["Budget of team B"], "standards": ["S"]}'
    # words that end in s without being plurals stay apart from their stems
    c = '{"id": "c", "name": "C", "purpose": "P", "domains": ["Process", "Status"], "standards": ["S"]}'
    d = '{"id": "d", "name": "D", "purpose": "P", "domains": ["Proces", "Statu"], "standards": ["S"]}'
    report = lint_model(doc([a, b, c, d], [ANN]), select=["OC405"])
    assert_silent(report, "OC405")


# -- OC406 role-without-standards ------------------------------------------------------------------


def test_oc406_fires_on_a_role_without_standards():
    payments = ('{"id": "payments", "name": "Payments Officer", "purpose": "P", '
                '"accountabilities": ["Executing payments"]}')
    blank = '{"id": "blank", "name": "Blank", "purpose": "P", "accountabilities": ["A"], "standards": [" "]}'
    text = doc([NURSE, payments, blank], [ANN])
    report = lint_model(text, select=["OC406"])
    assert_fires(report, "OC406", entities=["payments", "blank"],
                 lines=[line_of(text, '"id": "payments"'), line_of(text, '"id": "blank"')],
                 contains="names no professional standards", severity="info")
    assert report.findings[0].message.startswith("role 'Payments Officer'")


def test_oc406_near_miss():
    report = lint_model(doc([NURSE], [ANN]), select=["OC406"])
    assert_silent(report, "OC406")


def test_later_duplicate_role_is_ignored():
    # The second "nurse" is reported by OC002 and otherwise ignored: no role finding on it.
    dup = '{"id": "nurse", "name": "Nurse again"}'
    report = lint_model(doc([NURSE, COACH, dup], [ANN, BO]), select=FAMILY)
    assert report.findings == []

"""The example plugin's rules, tested with orgcheck's testing kit.

Install the package first (`pip install -e '.[test]'`): its entry point is what makes
orgcheck load the rules, as it will for its users. The `lint_model` and `org_model`
fixtures come with orgcheck.
"""
from orgcheck_example import agreement_of, agreement_span_limit, role_not_in_catalogue

from orgcheck.testing import assert_documented, assert_fires, assert_silent


def reports(manager, n, **fields):
    return [{"id": f"{manager}-{i}", "reports_to": manager, **fields} for i in range(1, n + 1)]


def healthcare_manager(n):
    return {"people": [{"id": "ann", "name": "Ann", "x-example": {"agreement": "healthcare"}}, *reports("ann", n)]}


# -- EX101 agreement-span-limit -------------------------------------------------------


def test_ex101_fires_above_the_agreements_limit(lint_model):
    report = lint_model(healthcare_manager(9), select=["EX101"])
    assert_fires(report, "EX101", entities=["ann"], severity="warning",
                 contains="Ann has 9 direct reports; the healthcare agreement allows at most 8")


def test_ex101_silent_at_the_limit(lint_model):
    assert_silent(lint_model(healthcare_manager(8), select=["EX101"]), "EX101")


def test_ex101_a_units_agreement_covers_its_members_unless_they_have_their_own(lint_model):
    model = {
        "units": [{"id": "dev", "type": "department", "x-example": {"agreement": "ict"}}],
        "people": [{"id": "bo", "unit": "dev"}, *reports("bo", 13),
                   {"id": "cy", "unit": "dev", "x-example": {"agreement": "none-such"}}, *reports("cy", 20)],
    }
    assert_fires(lint_model(model, select=["EX101"]), "EX101", entities=["bo"],
                 contains="the ict agreement allows at most 12")


def test_ex101_limits_are_an_option_and_one_entry_keeps_the_others(lint_model):
    model = healthcare_manager(9)
    model["people"] += [{"id": "dan", "x-example": {"agreement": "ict"}}, *reports("dan", 13)]
    report = lint_model(model, select=["EX101"], options={"agreement-span-limit": {"limits": {"healthcare": 10}}})
    assert_fires(report, "EX101", entities=["dan"])


# -- EX102 role-not-in-catalogue ------------------------------------------------------


def test_ex102_fires_on_a_role_without_a_catalogue_code(lint_model):
    model = {"roles": [{"id": "planner", "name": "Planner"},
                       {"id": "nurse", "name": "Nurse", "x-example": {"catalogue": "ZRG-04"}}]}
    report = lint_model(model, select=["EX102"])
    assert_fires(report, "EX102", entities=["planner"], contains="role 'Planner' names no entry")


def test_ex102_is_not_recommended_and_the_plugins_preset_enables_it(lint_model):
    model = {"roles": [{"id": "planner"}]}
    assert "EX102" not in lint_model(model).rules_run  # the default preset: recommended
    assert_fires(lint_model(model, preset=["recommended", "example:policies"]), "EX102", entities=["planner"])


# -- the x-example data is checked like built-in fields -------------------------------

MODEL = """\
{
  "organization": {"id": "zorg", "name": "Zorg & Co"},
  "roles": [
    {"id": "nurse", "name": "Nurse", "x-example": {"catalogue": "zrg-4"}}
  ],
  "people": [
    {"id": "ann", "name": "Ann", "x-example": {"agreemnt": "healthcare"}}
  ]
}
"""


def test_a_typo_in_the_plugins_data_is_an_oc001_finding_at_its_line(lint_model):
    report = lint_model(MODEL)
    found = assert_fires(report, "OC001", entities=["nurse", "ann"], lines=[4, 7])
    assert "does not match" in found[0].message
    assert found[1].message == "unknown key 'agreemnt' in x-example of person; did you mean 'agreement'?"


# -- docs and helpers -----------------------------------------------------------------


def test_every_rule_has_complete_docs():
    assert_documented(agreement_span_limit)
    assert_documented(role_not_in_catalogue)


def test_agreement_of_prefers_the_persons_own(org_model):
    org = org_model({"units": [{"id": "dev", "x-example": {"agreement": "ict"}}],
                     "people": [{"id": "ann", "unit": "dev", "x-example": {"agreement": "healthcare"}},
                                {"id": "bo", "unit": "dev"}, {"id": "cy"}]})
    assert [agreement_of(p) for p in org.people] == ["healthcare", "ict", None]

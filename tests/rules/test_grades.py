"""OC107-OC108: grades along the reporting lines (plugins/grades.py)."""
from __future__ import annotations

from orgcheck.testing import assert_fires, assert_silent, lint_model

FAMILY = ["OC107", "OC108"]


def model(*people: dict, grades: list[str] | None = None) -> dict:
    organization = {"id": "o", "name": "O", **({"grades": grades} if grades else {})}
    return {"organization": organization, "people": [{"name": p["id"].title(), **p} for p in people]}


def test_oc107_fires_on_a_report_graded_above_their_manager():
    report = lint_model(model({"id": "ann", "grade": "SCS1"}, {"id": "bo", "grade": "SCS2", "reports_to": "ann"},
                              {"id": "cy", "grade": "G7", "reports_to": "ann"}), select=FAMILY)
    assert_fires(report, "OC107", entities=["bo"], severity="warning",
                 contains=["Bo (SCS2) is graded above Ann (SCS1), to whom they report", "dotted_to"])
    assert_silent(report, "OC108")


def test_oc107_silent_in_order_on_other_ladders_and_without_grades():
    in_order = lint_model(model({"id": "ann", "grade": "SCS2"}, {"id": "bo", "grade": "scs 1a", "reports_to": "ann"},
                                {"id": "cy", "grade": "G7", "reports_to": "bo"}), select=FAMILY)
    assert_silent(in_order, "OC107")
    # a brigadier (OF-6) under a director (SCS2): two ladders, not compared
    ladders = lint_model(model({"id": "ann", "grade": "SCS1"}, {"id": "bo", "grade": "OF-7", "reports_to": "ann"}),
                         select=FAMILY)
    assert_silent(ladders, "OC107")
    unknown = lint_model(model({"id": "ann", "grade": "Band C"}, {"id": "bo", "grade": "Band A", "reports_to": "ann"}),
                         select=FAMILY)
    assert_silent(unknown, "OC107")
    assert_silent(unknown, "OC108")
    ungraded = lint_model(model({"id": "ann"}, {"id": "bo", "reports_to": "ann"}), select=FAMILY)
    assert_silent(ungraded, "OC107")


def test_the_order_comes_from_the_option_or_the_model():
    people = ({"id": "ann", "grade": "Band C"}, {"id": "bo", "grade": "Band A", "reports_to": "ann"})
    from_model = lint_model(model(*people, grades=["Band A", "Band B", "Band C"]), select=FAMILY)
    assert_fires(from_model, "OC107", entities=["bo"], contains="Bo (Band A) is graded above Ann (Band C)")
    from_config = lint_model(model(*people), select=FAMILY,
                             options={"OC107": {"order": ["Band A", "Band B", "Band C"]}})
    assert_fires(from_config, "OC107", entities=["bo"])
    # the option wins over the model's order
    reversed_ = lint_model(model(*people, grades=["Band A", "Band B", "Band C"]), select=FAMILY,
                           options={"OC107": {"order": ["Band C", "Band B", "Band A"]}})
    assert_silent(reversed_, "OC107")


def test_oc108_one_finding_per_manager_naming_the_same_grade_reports():
    report = lint_model(model({"id": "ann", "grade": "G7"}, {"id": "bo", "grade": "G7", "reports_to": "ann"},
                              {"id": "cy", "grade": "Grade 7", "reports_to": "ann"},
                              {"id": "di", "grade": "HEO", "reports_to": "ann"}), select=FAMILY)
    assert_fires(report, "OC108", entities=["ann"], severity="info",
                 contains="Ann (G7) manages 2 direct reports at the same grade: Bo and Cy")
    one = lint_model(model({"id": "ann", "grade": "G7"}, {"id": "bo", "grade": "G7", "reports_to": "ann"}),
                     select=FAMILY)
    assert_fires(one, "OC108", contains="manages 1 direct report at the same grade: Bo;")


def test_oc108_silent_when_every_report_is_graded_below():
    report = lint_model(model({"id": "ann", "grade": "G6"}, {"id": "bo", "grade": "G7", "reports_to": "ann"},
                              {"id": "cy", "grade": "SEO", "reports_to": "ann"}), select=FAMILY)
    assert_silent(report, "OC108")
    assert_silent(report, "OC107")


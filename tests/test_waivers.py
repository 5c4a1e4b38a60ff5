"""Waivers: recorded design decisions that silence one rule on one entity (or everywhere)."""
from conftest import EXAMPLES

from orgcheck.testing import assert_fires, assert_silent, lint_model

ACME = [EXAMPLES / "acme_rules.py"]


def model(waivers=None, top_waivers=None):
    bo = {"id": "bo", "name": "Bo", "title": "Contractor", "reports_to": "ann"}
    if waivers is not None:
        bo["waivers"] = waivers
    doc = {"people": [{"id": "ann", "name": "Ann"}, bo,
                      {"id": "cy", "name": "Cy", "reports_to": "bo"}]}
    if top_waivers is not None:
        doc["waivers"] = top_waivers
    return doc


def lint(doc, **kw):
    kw.setdefault("select", ["ACME", "OC9"])
    return lint_model(doc, plugins=ACME, today="2026-06-30", **kw)


def test_a_waiver_silences_its_rule_on_its_entity():
    unwaived = lint(model())
    assert_fires(unwaived, "ACME001", entities=["bo"])
    for rule in ("ACME001", "contractor-manages-staff"):
        report = lint(model([{"rule": rule, "reason": "interim lead until hiring completes"}]))
        assert_silent(report, "ACME001")
        assert_silent(report, "OC901")
        assert report.waived == 1


def test_a_document_wide_waiver_silences_everywhere():
    report = lint(model(top_waivers=[{"rule": "ACME001", "reason": "we use contractors as managers by design"}]))
    assert_silent(report, "ACME001")
    assert report.waived == 1


def test_unused_waiver_is_reported_at_the_waiver():
    text = """{
  "organization": {"id": "o", "name": "O"},
  "people": [
    {"id": "ann", "name": "Ann",
     "waivers": [{"rule": "ACME001", "reason": "was a contractor once"}]}
  ]
}"""
    report = lint(text)
    assert_fires(report, "OC901", entities=["ann"], lines=[5],
                 contains="waiver of ACME001 contractor-manages-staff on 'ann' silenced nothing")


def test_a_waiver_for_a_rule_that_did_not_run_is_not_judged():
    report = lint(model([{"rule": "ACME001", "reason": "x"}]), select=["OC9"])
    assert_silent(report, "OC901")


def test_expired_waiver_silences_nothing_and_is_reported():
    expired = lint(model([{"rule": "ACME001", "reason": "interim", "expires": "2026-06-29"}]))
    assert_fires(expired, "ACME001", entities=["bo"])
    assert_fires(expired, "OC902", entities=["bo"], contains="expired on 2026-06-29")
    assert_silent(expired, "OC901")
    on_the_day = lint(model([{"rule": "ACME001", "reason": "interim", "expires": "2026-06-30"}]))
    assert_silent(on_the_day, "ACME001")
    assert_silent(on_the_day, "OC902")


def test_unknown_rule_in_waiver():
    report = lint(model([{"rule": "contractor-manage-staff", "reason": "typo"}]))
    assert_fires(report, "OC903", entities=["bo"], contains="did you mean 'contractor-manages-staff'?")
    assert_fires(report, "ACME001", entities=["bo"])
    good = lint(model([{"rule": "ACME001", "reason": "known"}]))
    assert_silent(good, "OC903")


def test_waived_count_in_summary(run, tmp_path):
    import json

    (tmp_path / "org.json").write_text(json.dumps(
        {"organization": {"id": "o", "name": "O"}, **model([{"rule": "ACME001", "reason": "interim"}])}))
    result = run("lint", "--plugin", str(ACME[0]), "--select", "ACME,OC9", "org.json")
    assert result.out == "No findings in 1 file, 1 waived\n" and result.code == 0


def test_every_kind_of_entity_holds_waivers_and_a_later_duplicate_holds_none():
    """Waivers on a unit, a role, a person, an external, a process, a step and a metric
    are each judged at their own place, in the document's order; a person whose id an
    earlier person has is not the entity its waivers would be about, so they are not read."""
    unused = [{"rule": "ACME001", "reason": "kept for the audit"}]
    doc = {
        "units": [{"id": "u", "name": "U", "type": "team", "waivers": unused}],
        "roles": [{"id": "r", "name": "R", "waivers": unused}],
        "externals": [{"id": "x", "name": "X", "waivers": unused}],
        "people": [{"id": "ann", "name": "Ann", "waivers": unused},
                   {"id": "ann", "name": "Ann again", "waivers": unused}],
        "processes": [{"id": "p", "name": "P", "waivers": unused,
                       "steps": [{"id": "s1", "name": "S1", "kind": "work", "performer": "u"},
                                 {"id": "s2", "name": "S2", "kind": "work", "performer": "u", "waivers": unused}]}],
        "metrics": [{"id": "m", "name": "M", "waivers": unused}],
    }
    report = lint(doc, select=["ACME", "OC901"])
    assert [(f.entity, f.pointer) for f in report.findings if f.rule == "OC901"] == [
        ("u", "/units/0/waivers/0"), ("r", "/roles/0/waivers/0"), ("x", "/externals/0/waivers/0"),
        ("ann", "/people/0/waivers/0"), ("p", "/processes/0/waivers/0"), ("s2", "/processes/0/steps/1/waivers/0"),
        ("m", "/metrics/0/waivers/0")]

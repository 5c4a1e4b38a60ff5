"""orgcheck.testing, the kit rule authors test with: models with little
boilerplate, rules registered for one test, assertions that pass when they should and
fail with a message that shows what happened; and its pytest fixtures."""
import inspect
import subprocess
import sys
import textwrap

import pytest
from conftest import EXAMPLES
from orgcheck_plugins.span import span_too_wide

import orgcheck
from orgcheck.api import hookspecs
from orgcheck.testing import assert_documented, assert_fires, assert_silent, complete_model, lint_model, org_model


@orgcheck.rule("KIT001", "contractor-manager", pillar="context", severity="warning", options={"word": "contractor"})
def contractor_manager(org, word):
    """A contractor manages staff."""
    for person in org.managers():
        if word in (person.title or "").lower():
            yield person, f"{person.name} is a {word} with {len(person.reports)} reports"


@orgcheck.rule("KIT002", "always-crashes", pillar="context", severity="warning")
def always_crashes(org):
    """Crashes."""
    raise KeyError("missing")
    yield


MANAGERS = {"people": [{"id": "ann", "title": "Contractor"}, {"id": "bo", "reports_to": "ann"},
                       {"id": "cy", "title": "Contractor, finance"}, {"id": "di", "reports_to": "cy"}]}


def failure(call, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        call(*args, **kwargs)
    return str(info.value)


# -- building models ------------------------------------------------------------------------


def test_complete_model_fills_in_what_a_test_does_not_care_about():
    model = complete_model({"people": [{"name": "Ann"}, {"id": "person1"}, {"id": "v", "vacant": True}],
                            "units": [{"type": "team"}]})
    assert model == {
        "organization": {"id": "org", "name": "Test organization"},
        "people": [{"name": "Ann", "id": "person1-1"}, {"id": "person1", "name": "person1"},
                   {"id": "v", "vacant": True}],
        "units": [{"type": "team", "id": "unit1", "name": "unit1"}],
    }
    assert lint_model(model, select=["OC0"]).findings == []  # valid, and its ids are unique


def test_a_json_string_is_linted_as_written_so_lines_are_the_tests():
    text = ('{"organization": {"id": "o", "name": "O"},\n "people": [\n'
            '  {"id": "ann", "name": "Ann", "title": "Contractor"},\n'
            '  {"id": "bo", "name": "Bo", "reports_to": "ann"}\n'
            ' ]}\n')
    report = lint_model(text, rules=[contractor_manager])
    assert_fires(report, "KIT001", entities=["ann"], lines=[3], contains="Ann is a contractor with 1 reports")
    assert report.files == ["org.json"]


def test_a_string_in_another_format_goes_through_the_reader_plugins(tmp_path):
    reader = tmp_path / "ini_reader.py"
    reader.write_text("import orgcheck\n\n\n" + textwrap.dedent(inspect.getdoc(hookspecs.orgcheck_load)
                                                                .split("::\n\n", 1)[1]))
    report = lint_model("boss =\na = boss\n", format="ini", plugins=[reader], select=["OC102"])
    assert_fires(report, "OC102", entities=["boss"], lines=[1])
    assert report.files == ["org.ini"]
    assert failure(lint_model, "people: []\n", format="toml") == (
        "no reader plugin reads org.toml as 'toml'; installed readers read json")


def test_rules_of_the_test_are_registered_for_it_and_run_alone():
    report = lint_model(MANAGERS, rules=[contractor_manager])
    assert report.rules_run == ["KIT001", "OC001"]
    assert_fires(report, contractor_manager, entities=["ann", "cy"], count=2)
    again = lint_model(MANAGERS, rules=[contractor_manager], options={"KIT001": {"word": "finance"}})
    assert_fires(again, "KIT001", entities=["cy"], contains="is a finance with")
    # an installed rule passed in is the installed one, not a clash
    assert_silent(lint_model(MANAGERS, rules=[span_too_wide]), "OC101")


def test_org_model_is_what_a_rule_receives():
    org = org_model(MANAGERS)
    assert [p.id for p in org.managers()] == ["ann", "cy"]
    assert list(contractor_manager(org)) == [(org["ann"], "ann is a contractor with 1 reports"),
                                             (org["cy"], "cy is a contractor with 1 reports")]
    message = failure(org_model, {"people": [{"id": "a", "report_to": "b"}]})
    assert message == ("the model is not valid, so no rule would see it:\n"
                       "  5:7 OC001 schema-violation [error] entity='a' unknown key 'report_to' in person; "
                       "did you mean 'reports_to'?")


# -- failures that say what happened --------------------------------------------------------


def test_assert_fires_failures_list_the_findings():
    report = lint_model(MANAGERS, rules=[contractor_manager])
    shown = ("  3:5 KIT001 contractor-manager [warning] entity='ann' ann is a contractor with 1 reports\n"
             "  13:5 KIT001 contractor-manager [warning] entity='cy' cy is a contractor with 1 reports")
    assert failure(assert_fires, report, "KIT001", entities=["ann"]) == (
        f"expected KIT001 on ['ann'], got ['ann', 'cy']:\n{shown}")
    assert failure(assert_fires, report, "KIT001", lines=[3, 15]) == (
        f"expected KIT001 at lines [3, 15], got [3, 13]:\n{shown}")
    assert failure(assert_fires, report, "KIT001", count=1) == f"expected KIT001 1 time, got 2:\n{shown}"
    assert failure(assert_fires, report, "KIT001", contains="manages") == (
        "expected KIT001's message to contain 'manages':\n  3:5 entity='ann' ann is a contractor with 1 reports")
    assert failure(assert_fires, report, "KIT001", severity="error") == (
        "expected KIT001 as error, got warning:\n  3:5 entity='ann' ann is a contractor with 1 reports")
    assert failure(assert_fires, lint_model({"people": [{"id": "a"}]}, rules=[contractor_manager]), "KIT001") == (
        "expected KIT001 to fire, but it did not. All findings:\n  (no findings)")
    assert failure(assert_fires, report, "OC101") == (
        f"expected OC101 to fire, but it did not (it did not run: the rules that ran are KIT001, OC001). "
        f"All findings:\n{shown}")


def test_assert_silent_fails_when_it_fires_and_when_silence_proves_nothing():
    report = lint_model(MANAGERS, rules=[contractor_manager])
    assert failure(assert_silent, report, "KIT001").startswith(
        "expected KIT001 to stay silent, but it fired:\n  3:5 KIT001 contractor-manager [warning] entity='ann'")
    assert failure(assert_silent, report, "OC101") == (
        "OC101 did not run, so its silence proves nothing; the rules that ran are KIT001, OC001: select it")
    invalid = lint_model({"people": [{"id": "a", "title": 5}]}, rules=[contractor_manager])
    assert failure(assert_silent, invalid, "KIT001") == (
        "KIT001 is silent only because the model is not valid (no rule runs on it):\n"
        "  5:16 OC001 schema-violation [error] entity='a' expected string, got a number")


def test_a_crash_or_a_bad_setting_fails_the_test_never_passes_it():
    assert failure(lint_model, MANAGERS, rules=[always_crashes]) == (
        "rule KIT002 always-crashes (plugin test rules, test) crashed on org.json: KeyError: 'missing'")
    assert failure(lint_model, MANAGERS, select=["OC1O1"]) == (
        "bad settings: --select: 'OC1O1' matches no rule; did you mean 'OC101'? (see `orgcheck rules`)")


def test_assert_documented_names_what_is_missing():
    assert_documented(span_too_wide)
    assert failure(assert_documented, contractor_manager) == (
        "KIT001 contractor-manager: incomplete docs:\n"
        "  - no 'What:' section (a line starting with it)\n"
        "  - no 'Why:' section (a line starting with it)\n"
        "  - no 'Fix:' section (a line starting with it)\n"
        "  - no 'Options:' section (a line starting with it)\n"
        "  - no 'Example:' section (a line starting with it)\n"
        "  - option 'word' is not described")


# -- the pytest plugin ----------------------------------------------------------------------

SUITE = '''
from orgcheck.testing import assert_fires, assert_silent


def test_fires(lint_model):
    report = lint_model({"people": [{"id": "a", "title": "Contractor"}, {"id": "b", "reports_to": "a"}]},
                        select=["ACME001"])
    assert_fires(report, "ACME001", entities=["a"], contains="1 direct report")


def test_silent(lint_model):
    assert_silent(lint_model({"people": [{"id": "a"}]}, select=["ACME001"]), "ACME001")


def test_org(org_model):
    assert [p.id for p in org_model({"people": [{"id": "a"}, {"id": "b", "reports_to": "a"}]}).managers()] == ["a"]


def test_wrong_expectation(lint_model):
    report = lint_model({"people": [{"id": "a", "title": "Contractor"}, {"id": "b", "reports_to": "a"}]},
                        select=["ACME001"])
    assert_fires(report, "ACME001", entities=["b"])
'''


def test_the_pytest_plugin_gives_fixtures_that_load_the_ini_files_plugins(tmp_path):
    (tmp_path / "acme_rules.py").write_text((EXAMPLES / "acme_rules.py").read_text())
    (tmp_path / "pytest.ini").write_text("[pytest]\norgcheck_plugins = acme_rules.py\n")
    (tmp_path / "test_acme.py").write_text(SUITE)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout
    assert "1 failed, 3 passed" in out, out
    lines = out.splitlines()
    assert "E       AssertionError: expected ACME001 on ['b'], got ['a']:" in lines
    assert ("E         3:5 ACME001 contractor-manages-staff [warning] entity='a' a is a contractor with 1 direct "
            "report") in lines
    # the kit's own frames are hidden: the failure points at the test's line
    assert "orgcheck/testing.py" not in out and "test_acme.py:22: AssertionError" in lines


def test_the_readmes_rule_test_runs_as_written(tmp_path):
    readme = (EXAMPLES.parent / "README.md").read_text()
    block = next(b for b in readme.split("```python\n")[1:] if "def test_contractor_manages_staff" in b)
    (tmp_path / "test_readme_example.py").write_text(block.split("```", 1)[0])
    (tmp_path / "acme_rules.py").write_text((EXAMPLES / "acme_rules.py").read_text())
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout


def test_a_rule_not_assessed_on_a_source_without_what_it_needs():
    from orgcheck.testing import assert_fires, lint_model

    model = {"roles": [{"id": "r1", "name": "Clerk"}]}
    assert_fires(lint_model(model, select=["OC402"]), "OC402", entities=["r1"])
    report = lint_model(model, select=["OC402"], expresses=["processes"], source_name="BPMN")
    assert report.findings == []
    assert report.not_assessed == {"org.json": [("OC402", "BPMN has no role definitions (purposes, "
                                                 "accountabilities, domains, standards)")]}


def test_profile_of_reads_the_indicators():
    from orgcheck.testing import profile_of

    model = {"roles": [{"id": "r1", "name": "Clerk", "purpose": "Serve"}, {"id": "r2", "name": "Aide"}]}
    pro = profile_of(model).as_dict()["professionalism"]
    readings = {i["id"]: (i["numerator"], i["denominator"], i["status"]) for i in pro["indicators"]}
    assert readings["roles-with-purpose"] == (1, 2, "assessed")
    assert pro["score"] == 17  # purpose 1/2, accountabilities 0/2, standards 0/2
    bpmn = profile_of(model, expresses=["processes"], source_name="BPMN").as_dict()["professionalism"]
    assert bpmn["score"] is None

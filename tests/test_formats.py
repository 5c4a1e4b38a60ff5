"""SARIF for code scanning and GitHub workflow commands, as a user's CI consumes them."""
import json
import re

import jsonschema
from conftest import EXAMPLES, ROOT

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
MODEL = (EXAMPLES / "command-and-control.org.json").read_text()


def sarif(run, tmp_path, text=MODEL):
    (tmp_path / "models").mkdir(exist_ok=True)
    (tmp_path / "models" / "claims.org.json").write_text(text)
    result = run("lint", "--format", "sarif", "models/claims.org.json")
    assert result.code == 1 and result.err == ""
    return json.loads(result.out)


def test_sarif_validates_against_the_official_schema(run, tmp_path):
    log = sarif(run, tmp_path)
    jsonschema.validate(log, SARIF_SCHEMA)
    assert log["version"] == "2.1.0"
    (the_run,) = log["runs"]
    driver = the_run["tool"]["driver"]
    assert driver["name"] == "orgcheck" and driver["version"] == "0.1.0" and driver["informationUri"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "OC001" in ids
    rule = driver["rules"][ids.index("OC001")]
    assert rule["name"] == "schema-violation"
    assert rule["shortDescription"]["text"] == "The file is not valid JSON, or breaks the org model schema."
    assert "Why:" in rule["fullDescription"]["text"] and "Fix:" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    result = the_run["results"][0]
    assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "models/claims.org.json"
    assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert result["level"] in ("error", "warning", "note")


def test_sarif_fingerprints_survive_lines_moving(run, tmp_path):
    before = sarif(run, tmp_path)["runs"][0]["results"]
    moved = MODEL.replace('"people": [\n',
                          '"people": [\n    {"id": "new-hire", "name": "New Hire", "reports_to": "p-mercer"},\n', 1)
    assert moved != MODEL
    after = sarif(run, tmp_path, moved)["runs"][0]["results"]

    def prints(results):
        return {(r["ruleId"], r["partialFingerprints"]["orgcheckFinding/v1"]): r["locations"][0]["physicalLocation"]
                ["region"]["startLine"] for r in results}

    old, new = prints(before), prints(after)
    common = set(old) & set(new)
    assert len(common) >= len(old) - 2  # the new hire may change a span finding, nothing else
    assert any(new[k] != old[k] for k in common)  # lines moved, fingerprints did not


def test_github_annotations(run, tmp_path):
    (tmp_path / "org.json").write_text('{"organization": {"id": "o", "name": "O"},\n'
                                       ' "people": [{"id": "a", "nmae": "A, B"}]}')
    result = run("lint", "--format", "github", "org.json")
    assert result.out == (
        "::error file=org.json,line=2,col=13,title=OC001 schema-violation::person is missing required key 'name'\n"
        "::error file=org.json,line=2,col=25,title=OC001 schema-violation::unknown key 'nmae' in person; "
        "did you mean 'name'?\n")
    assert result.code == 1


def test_several_formats_each_to_its_own_output(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    result = run("lint", "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "r.sarif",
                 "--format", "text", "org.json")
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["files"] == 1
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert result.out.endswith("in 1 file\n")


def test_example_workflow_runs_the_commands_it_shows(run, tmp_path):
    import re

    import yaml

    workflow = yaml.safe_load((EXAMPLES / "ci" / "orgcheck.yml").read_text())
    steps = workflow["jobs"]["lint"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and s["run"].startswith("orgcheck ")]
    assert any("--format sarif --output orgcheck.sarif" in c for c in commands)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    (tmp_path / "org.json").write_text(MODEL)
    for command in commands:
        result = run(*re.split(r"\s+", command.strip())[1:])
        assert result.code in (0, 1) and result.err == ""
    log = json.loads((tmp_path / "orgcheck.sarif").read_text())
    jsonschema.validate(log, SARIF_SCHEMA)
    assert log["runs"][0]["results"]


def test_sarif_says_when_the_run_failed_or_could_not_assess(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    result = run("lint", "--format", "sarif", "org.json", "missing.json")
    assert result.code == 2
    log = json.loads(result.out)
    jsonschema.validate(log, SARIF_SCHEMA)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "missing.json: no such file or directory"]
    clean = json.loads(run("lint", "--format", "sarif", str(EXAMPLES / "healthy.org.json")).out)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    bpmn = ROOT / "tests" / "data" / "realdata" / "bpmn-miwg-reference" / "A.2.0.bpmn"
    log = json.loads(run("lint", "--format", "sarif", str(bpmn)).out)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True  # a BPMN file expresses no roles: not a failure
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) > 10 and all(n["level"] == "note" and " not assessed: " in n["message"]["text"] for n in notes)


def test_gitlab_code_quality_report(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    result = run("lint", "--format", "gitlab", "org.json")
    assert result.code == 1 and result.err == ""
    issues = json.loads(result.out)
    text = run("lint", "--quiet", "org.json").out.splitlines()
    assert len(issues) == len(text) == 52
    first = issues[0]
    assert set(first) == {"type", "check_name", "description", "categories", "severity", "fingerprint", "location"}
    assert first["location"]["path"] == "org.json" and first["location"]["lines"]["begin"] >= 1
    assert {i["severity"] for i in issues} == {"major", "info"}  # warnings and info
    assert len({i["fingerprint"] for i in issues}) == 52
    assert f"{first['check_name'].split()[0]} " in text[0] and first["description"] in text[0]


def test_junit_report_one_case_per_finding_and_a_failed_run_as_an_error(run, tmp_path):
    import xml.etree.ElementTree as ET

    (tmp_path / "org.json").write_text(MODEL.replace("Graham Whitfield", "Graham \\u001b[31m <&> Whitfield"))
    result = run("lint", "--format", "junit", "org.json", str(EXAMPLES / "healthy.org.json"), "missing.json")
    assert result.code == 2
    root = ET.fromstring(result.out.encode())
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    claims = suites["org.json"]
    assert claims.get("failures") == "52" and len(claims.findall("testcase/failure")) == 52
    assert any("Graham \\x1b[31m <&> Whitfield" in f.get("message") for f in claims.iter("failure"))
    healthy = suites[str(EXAMPLES / "healthy.org.json")]
    assert [c.get("name") for c in healthy.iter("testcase")] == ["no findings"]
    (error,) = suites["orgcheck"].iter("error")
    assert error.get("message") == "missing.json: no such file or directory"


def test_text_lines_are_the_same_in_colour_and_without(run, tmp_path):
    """`--color always` styles the place bold and the code and severity in the severity's
    colour; without colour the very same words, and no escape at all."""
    (tmp_path / "claims.org.json").write_text(MODEL)
    plain = run("lint", "--color", "never", "claims.org.json")
    coloured = run("lint", "--color", "always", "claims.org.json")
    assert plain.code == coloured.code == 1
    assert "\x1b" not in plain.out
    first = coloured.out.splitlines()[0]
    place, code, name, severity = plain.out.splitlines()[0].split(" ")[:4]
    assert first.startswith(f"\x1b[1m{place}\x1b[0m \x1b[34m{code}\x1b[0m {name} \x1b[34m{severity}\x1b[0m ")
    assert severity == "[info]"
    # the escapes taken out, every line reads as the plain one
    assert [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in coloured.out.splitlines()] == plain.out.splitlines()

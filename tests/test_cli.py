"""The command line as a user runs it: output bytes and exit status."""
import json
import shutil

from conftest import EXAMPLES, NOT_RUN, ROOT

DATA = ROOT / "tests" / "data"
ACME = EXAMPLES / "acme_rules.py"

BROKEN = '{\n  "organization": {"id": "x", "name": "X"},\n  "people": [\n    {"id": "a", "nam": "A"}\n  ]\n}\n'


def copy_small(tmp_path, name="org.json"):
    target = tmp_path / name
    shutil.copy(DATA / "small.org.json", target)
    return target


def test_text_output_and_exit_status(run, tmp_path):
    copy_small(tmp_path)
    result = run("lint", "--plugin", str(ACME), "--select", "ACME001", "org.json")
    assert result.out == (
        "org.json:6:5: ACME001 contractor-manages-staff [warning] Bo Jansen is a contractor with 3 direct reports\n"
        "1 finding (1 warning) in 1 file\n")
    assert result.err == "" and result.code == 1


def test_json_output(run, tmp_path):
    copy_small(tmp_path)
    result = run("lint", "--plugin", str(ACME), "--select", "contractor-manages-staff", "--format", "json", "org.json")
    assert json.loads(result.out) == {
        "version": "orgcheck 0.1.0",
        "findings": [{"rule": "ACME001", "name": "contractor-manages-staff", "severity": "warning",
                      "message": "Bo Jansen is a contractor with 3 direct reports", "file": "org.json",
                      "line": 6, "column": 5, "pointer": "/people/1", "entity": "bo"}],
        "summary": {"files": 1, "findings": 1, "error": 0, "warning": 1, "info": 0, "clean": False,
                    "failures": [], "rules_not_run": [], "rules_not_assessed": []},
    }
    assert result.code == 1


def test_invalid_model_gives_findings_and_exit_1(run, tmp_path):
    (tmp_path / "org.json").write_text(BROKEN)
    result = run("lint", "org.json")
    assert result.out == (
        "org.json:4:5: OC001 schema-violation [error] person is missing required key 'name'\n"
        "org.json:4:17: OC001 schema-violation [error] unknown key 'nam' in person; did you mean 'name'?\n"
        f"2 findings (2 errors) in 1 file; fix the schema errors first: {NOT_RUN} rules did not run\n")
    assert result.code == 1


def test_bad_json_is_a_finding_not_a_traceback(run, tmp_path):
    (tmp_path / "org.json").write_text('{"people": [}')
    result = run("lint", "org.json")
    assert result.out.startswith("org.json:1:13: OC001 schema-violation [error] invalid JSON: ")
    assert "Traceback" not in result.err and result.code == 1


def test_clean_run_exit_0_and_quiet(run, tmp_path):
    copy_small(tmp_path)
    result = run("lint", "--select", "OC001", "org.json")
    assert (result.out, result.code) == ("No findings in 1 file\n", 0)
    result = run("lint", "--select", "OC001", "--quiet", "org.json")
    assert (result.out, result.code) == ("", 0)


def test_fail_on_and_exit_zero(run, tmp_path):
    copy_small(tmp_path)
    args = ("lint", "--plugin", str(ACME), "--select", "ACME", "org.json")
    assert run(*args, "--fail-on", "error").code == 0
    assert run(*args, "--fail-on", "info").code == 1
    assert run(*args, "--exit-zero").code == 0


def test_statistics(run, tmp_path):
    (tmp_path / "org.json").write_text(BROKEN)
    result = run("lint", "--statistics", "org.json")
    assert result.out.endswith("2  OC001 schema-violation\n"
                               f"2 findings (2 errors) in 1 file; fix the schema errors first: "
                               f"{NOT_RUN} rules did not run\n")


def test_stdin_and_stdin_filename(run, tmp_path):
    result = run("lint", "-", input=BROKEN)
    assert result.out.splitlines()[0].startswith("-:4:5: OC001")
    result = run("lint", "--stdin-filename", "team/org.json", "-", input=BROKEN)
    assert result.out.splitlines()[0].startswith("team/org.json:4:5: OC001")


def test_directory_walk_finds_models_and_skips_hidden_and_venv(run, tmp_path):
    for rel in ["a/org.json", "a/b/sales.org.json", "a/.hidden/org.json", "a/venv/org.json",
                "a/node_modules/org.json", "a/notes.json"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BROKEN)
    result = run("lint", "--select", "OC001", "--format", "json", "a", "a/org.json")
    files = sorted({f["file"] for f in json.loads(result.out)["findings"]})
    assert files == ["a/b/sales.org.json", "a/org.json"]
    assert json.loads(result.out)["summary"]["files"] == 2


def test_missing_file_is_one_line_exit_2(run):
    result = run("lint", "nope.json")
    assert result.err == "orgcheck: error: nope.json: no such file or directory\n"
    assert result.code == 2


def test_directory_without_models_is_exit_2(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("lint", "empty")
    assert "no org model files found" in result.err and result.code == 2


def test_unknown_rule_in_select_is_exit_2_with_suggestion(run, tmp_path):
    copy_small(tmp_path)
    result = run("lint", "--select", "schema-violaton", "org.json")
    assert result.err == ("orgcheck: error: --select: 'schema-violaton' matches no rule; "
                          "did you mean 'schema-violation'? (see `orgcheck rules`)\n")
    assert result.code == 2 and result.out == ""


def test_unknown_format_is_exit_2(run, tmp_path):
    copy_small(tmp_path)
    result = run("lint", "--format", "jsn", "org.json")
    assert result.err == ("orgcheck: error: unknown format 'jsn' (formats: github, gitlab, json, junit, sarif, text); "
                          "did you mean 'json'?\n")
    assert result.code == 2


def test_output_file(run, tmp_path):
    (tmp_path / "org.json").write_text(BROKEN)
    result = run("lint", "--format", "json", "--output", "report.json", "org.json")
    assert result.out == "" and result.code == 1
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["error"] == 2


def test_rules_lists_every_rule(run):
    result = run("rules", "--format", "json")
    rules = json.loads(result.out)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes) and "OC001" in codes
    assert rules[0] == {"code": "OC001", "name": "schema-violation", "family": "core", "severity": "error",
                        "pillar": None, "needs": [], "plugin": "orgcheck 0.1.0", "enabled": True,
                        "presets": ["recommended", "strict", "integrity"],
                        "summary": "The file is not valid JSON, or breaks the org model schema."}
    text = run("rules", "--plugin", str(ACME), "--ignore", "ACME001").out
    assert text.splitlines()[0].split() == ["code", "name", "family", "severity", "pillar", "needs", "plugin",
                                            "presets", "enabled"]
    acme = next(line for line in text.splitlines() if line.startswith("ACME001"))
    assert acme.split() == ["ACME001", "contractor-manages-staff", "acme_rules.py", "warning", "professionalism",
                            "-", "local", "file",
                            "recommended,strict", "no"]


def test_rules_lists_the_direction_domain_and_matrix_rules_with_their_pillars(run):
    lines = {line.split()[0]: line.split() for line in run("rules").out.splitlines()[1:]}
    expected = {"OC307": ("team-without-direction", "direction", "warning", "context"),
                "OC308": ("process-without-learning-loop", "direction", "warning", "context"),
                "OC407": ("decision-outside-domain", "domains", "warning", "professionalism"),
                "OC408": ("unowned-domain", "domains", "warning", "professionalism"),
                "OC507": ("matrix-overload", "matrix", "warning", "self-steering"),
                "OC508": ("line-crosses-units", "matrix", "info", "self-steering")}
    for code, (name, family, severity, pillar) in expected.items():
        assert lines[code][:5] == [code, name, family, severity, pillar]
        assert lines[code][-1] == "yes"  # recommended: enabled by default


def test_explain_by_code_and_name(run):
    by_code = run("explain", "OC001")
    assert by_code.code == 0 and by_code.out.startswith("OC001 schema-violation [error]\n")
    assert "Why:" in by_code.out and "Example:" in by_code.out
    assert run("explain", "schema-violation").out == by_code.out
    missing = run("explain", "OC999")
    assert missing.code == 2 and missing.err.startswith("orgcheck: error: unknown rule 'OC999'")


def test_schema_command_prints_the_shipped_schema(run):
    result = run("schema")
    assert json.loads(result.out) == json.loads((ROOT / "schemas" / "org.schema.json").read_text())


def test_version_and_python_m(run, tmp_path):
    import subprocess
    import sys

    assert run("--version").out == "orgcheck 0.1.0\n"
    proc = subprocess.run([sys.executable, "-m", "orgcheck", "--version"], capture_output=True, text=True)
    assert proc.stdout == "orgcheck 0.1.0\n"

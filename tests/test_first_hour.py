"""What a new user meets in the first hour (issue 17): each message as they see it."""
import json

import pytest
from conftest import EXAMPLES, rule_plugin

# -- HR exports whose id column is not called "id" ------------------------------------------

# Real-looking exports: the headers HR systems write, each keyed by a staff number.
EXPORTS = {
    "Staff No": "Staff No,Full Name,Job Title,Line Manager,Department,FTE\n"
                "1001,Ann Smit,Director,,Board,1\n1002,Bo de Vries,Team lead,1001,Care,1\n"
                "1003,Cas Jansen,Nurse,1002,Care,0.8\n",
    "Employee Number": "Employee Number;Employee Name;Position Title;Supervisor Number;Department\n"
                       "E-1;Ann Smit;Director;;Board\nE-2;Bo de Vries;Team lead;E-1;Care\n"
                       "E-3;Cas Jansen;Nurse;E-2;Care\n",
    "Worker ID": "Worker ID,Worker Name,Job,Manager - ID,Team\n"
                 "W1,Ann Smit,Director,,Board\nW2,Bo de Vries,Team lead,W1,Care\nW3,Cas Jansen,Nurse,W2,Care\n",
    "Personnel Number": "Personnel Number\tName\tReports To ID\n"
                        "P1\tAnn Smit\t\nP2\tBo de Vries\tP1\nP3\tCas Jansen\tP2\n",
    "Person ID": "Person ID,Name,Line Manager Staff No\nx1,Ann Smit,\nx2,Bo de Vries,x1\nx3,Cas Jansen,x2\n",
}


# A people CSV has no roles or processes: the integrity rules about them are not assessed,
# and the summary says so rather than passing them as clean.
CSV_INTEGRITY_CLEAN = ("No findings in 1 file; 2 rules not assessed: the source cannot express what they need "
                       "(--statistics lists them)\n")


@pytest.mark.parametrize("header", sorted(EXPORTS))
def test_common_hr_exports_are_read_by_their_staff_numbers(run, tmp_path, header):
    (tmp_path / "people.csv").write_text(EXPORTS[header])
    lint = run("lint", "--select", "OC0", "people.csv")
    assert (lint.code, lint.out, lint.err) == (0, CSV_INTEGRITY_CLEAN, "")
    imported = run("import", "csv", "people.csv")
    assert imported.code == 0, imported.err
    people = {p["id"]: p for p in json.loads(imported.out)["people"]}
    assert sorted(people) == sorted(line.split(",")[0].split(";")[0].split("\t")[0]
                                    for line in EXPORTS[header].splitlines()[1:])
    assert [p.get("reports_to") for p in people.values()].count(None) == 1
    assert {p["name"] for p in people.values()} == {"Ann Smit", "Bo de Vries", "Cas Jansen"}


BADGE = "Badge,Full Name,Job Title,Boss\nB1,Ann Smit,Director,\nB2,Bo de Vries,Team lead,B1\nB3,Cas Jansen,Nurse,B2\n"
BADGE_ERROR = ("orgcheck: error: people.csv: no column of person ids recognised among 'Badge', 'Full Name', "
               "'Job Title', 'Boss', and the managers in 'Boss' are not names: name the id column with "
               "--map id=Badge\n")


def test_no_id_column_is_one_line_with_the_columns_and_the_fix(run, tmp_path):
    (tmp_path / "people.csv").write_text(BADGE)
    lint = run("lint", "--map", "reports_to=Boss", "people.csv")
    assert lint.code == 2
    assert lint.err == BADGE_ERROR
    assert "OC003" not in lint.out  # never read with names as ids
    imported = run("import", "csv", "--map", "reports_to=Boss", "people.csv", "-o", "org.json")
    assert (imported.code, imported.out, imported.err) == (2, "", BADGE_ERROR)
    assert not (tmp_path / "org.json").exists()
    fixed = run("lint", "--select", "OC0", "--map", "reports_to=Boss", "--map", "id=Badge", "people.csv")
    assert (fixed.code, fixed.out, fixed.err) == (0, CSV_INTEGRITY_CLEAN, "")


def test_no_id_and_no_manager_column_says_both(run, tmp_path):
    (tmp_path / "people.csv").write_text("Badge,Full Name,Chef\nB1,Ann Smit,\nB2,Bo de Vries,B1\n")
    result = run("import", "csv", "people.csv")
    assert result.code == 2
    assert result.err == ("orgcheck: error: people.csv: no column of person ids recognised among 'Badge', "
                          "'Full Name', 'Chef', and no column of managers was recognised either: name the id "
                          "and manager columns with --map id=COLUMN --map reports_to=COLUMN\n")


def test_a_column_name_with_spaces_is_quoted_in_the_fix(run, tmp_path):
    (tmp_path / "people.csv").write_text("Badge Code,Name,Manager\nB 1,Ann,\nB 2,Bo,B 1\nB 3,Cas,B 2\n")
    result = run("lint", "people.csv")
    assert result.code == 2
    assert result.err.endswith('name the id column with --map id="Badge Code"\n')


def test_people_named_by_name_with_named_managers_still_read(run, tmp_path):
    (tmp_path / "people.csv").write_text("Name,Manager,Team\nAnn,,Care\nBo,Ann,Care\nCas,Ann,Care\nDe,Ann,Care\n")
    result = run("lint", "--select", "OC0", "people.csv")
    assert (result.code, result.out, result.err) == (0, CSV_INTEGRITY_CLEAN, "")


# -- the summary after a schema error, and after an error -----------------------------------

def test_summary_says_the_rules_held_back_by_schema_errors(run, tmp_path):
    (tmp_path / "org.json").write_text('{"organization": {"id": "a", "name": "A"}, "people": 3}')
    result = run("lint", "org.json")
    rules = len([line for line in run("rules").out.splitlines()[1:] if line.rstrip().endswith("yes")])
    assert result.code == 1
    assert result.out.splitlines()[-1] == (
        f"1 finding (1 error) in 1 file; fix the schema errors first: {rules - 1} rules did not run")
    data = json.loads(run("lint", "--format", "json", "org.json").out)["summary"]
    assert data["rules_not_run"] == [{"file": "org.json", "rules": rules - 1,
                                      "reason": "schema errors (OC001): fix them first"}]
    assert data["clean"] is False and data["failures"] == []
    one = run("lint", "--select", "OC001,OC101", "org.json")
    assert one.out.splitlines()[-1] == "1 finding (1 error) in 1 file; fix the schema errors first: 1 rule did not run"


def test_summary_names_the_file_held_back_among_several(run, tmp_path):
    (tmp_path / "bad.org.json").write_text('{"organization": {"id": "a", "name": "A"}, "people": 3}')
    (tmp_path / "good.org.json").write_text('{"organization": {"id": "a", "name": "A"}, "people": []}')
    result = run("lint", "--select", "OC001,OC002,OC003", ".")
    assert result.out.splitlines()[-1] == (
        "1 finding (1 error) in 2 files; fix the schema errors first: 2 rules did not run on bad.org.json")


def test_a_missing_file_is_not_a_clean_result(run):
    result = run("lint", "missing.org.json")
    assert result.code == 2
    assert result.out == "No file linted, not a clean result: missing.org.json: no such file or directory\n"
    assert result.err == "orgcheck: error: missing.org.json: no such file or directory\n"
    data = run("lint", "--format", "json", "missing.org.json")
    assert data.code == 2
    summary = json.loads(data.out)["summary"]
    assert summary["clean"] is False
    assert summary["files"] == 0
    assert summary["failures"] == ["missing.org.json: no such file or directory"]


def test_a_clean_run_says_clean_in_json(run, tmp_path):
    (tmp_path / "org.json").write_text('{"organization": {"id": "a", "name": "A"}, "people": []}')
    summary = json.loads(run("lint", "--format", "json", "org.json").out)["summary"]
    assert summary["clean"] is True and summary["failures"] == [] and summary["rules_not_run"] == []


# -- help and messages that agree with the tool ---------------------------------------------

def test_lint_help_names_every_input_and_output_format(run):
    help_text = " ".join(run("lint", "--help").out.split())
    assert "files (JSON, YAML, people CSV or BPMN)" in help_text
    assert "Output format: text (default), json, sarif, github, gitlab, junit, or one a plugin adds." in help_text


def test_an_empty_folder_says_which_files_it_looks_for(run, tmp_path):
    (tmp_path / "models").mkdir()
    result = run("lint", "models")
    assert result.code == 2
    assert result.err == ("orgcheck: error: models: no org model files found (a folder is searched for org.json, "
                          "*.org.json and their .yaml and .yml twins; name a people .csv or a .bpmn file itself)\n")


def test_strict_adds_the_rule_shipped_switched_off(run):
    default = {line.split()[0]: line.split() for line in run("rules").out.splitlines()[1:]}
    assert default["OC505"][-2:] == ["strict", "no"]
    assert default["OC506"][-2:] == ["recommended,strict", "yes"]
    strict = {line.split()[0]: line.split()[-1] for line in run("rules", "--preset", "strict").out.splitlines()[1:]}
    assert strict["OC505"] == "yes"
    assert "switched off by default" in " ".join(run("explain", "OC505").out.split())


def test_explain_a_code_prefix_lists_the_family(run):
    result = run("explain", "OC1")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "OC1 is a family of 8 rules; `orgcheck explain CODE` prints one:"
    assert [line.split()[0] for line in lines[1:]] == ["OC101", "OC102", "OC103", "OC104", "OC105", "OC106", "OC107",
                                                       "OC108"]
    assert lines[1].startswith("  OC101 span-too-wide ") and "OC901" not in result.out


def test_an_unknown_key_suggests_the_field_it_means(run, tmp_path):
    (tmp_path / "org.json").write_text(
        '{"organization": {"id": "o", "name": "O"},\n "people": [{"id": "a", "name": "A"},\n'
        ' {"id": "b", "name": "B", "manager": "a", "team": "x", "boss": "a"}]}')
    out = run("lint", "org.json").out
    assert ("org.json:3:27: OC001 schema-violation [error] unknown key 'manager' in person; "
            "did you mean 'reports_to'?") in out
    assert "unknown key 'team' in person; did you mean 'unit'?" in out
    assert "unknown key 'boss' in person; did you mean 'reports_to'?" in out
    assert "manager_type" not in out


def test_a_yaml_no_names_the_key_and_the_yaml_12_reason(run, tmp_path):
    (tmp_path / "org.yaml").write_text("organization: {id: o, name: O}\npeople:\n  - id: a\n    name: A\n"
                                       "    vacant: no\n")
    result = run("lint", "org.yaml")
    assert result.out.splitlines()[0] == (
        'org.yaml:5:13: OC001 schema-violation [error] vacant must be true or false, not the string "no": '
        "YAML 1.2 (and JSON) read no as a string; write false")


def test_config_other_toml_with_a_tool_orgcheck_table_is_read(run, tmp_path):
    (tmp_path / "org.json").write_text('{"organization": {"id": "o", "name": "O"}, "people": [{"id": "a", "name": '
                                       '"A"}, {"id": "b", "name": "B", "reports_to": "a"}]}')
    assert "OC102 span-too-narrow" in run("lint", "org.json").out
    (tmp_path / "other.toml").write_text('[tool.orgcheck]\nignore = ["OC102"]\n')
    result = run("lint", "--config", "other.toml", "org.json")
    assert (result.code, result.out, result.err) == (0, "No findings in 1 file\n", "")
    (tmp_path / "typo.toml").write_text('[tool.orgcheck]\nignor = ["OC001"]\n')
    typo = run("lint", "--config", "typo.toml", "org.json")
    assert typo.err == ("orgcheck: error: typo.toml: [tool.orgcheck].ignor: unknown key 'ignor' in the config; "
                        "did you mean 'ignore'?\n")
    (tmp_path / "black.toml").write_text("[tool.black]\nline-length = 100\n")
    other = run("lint", "--config", "black.toml", "org.json")
    assert (other.code, other.err) == (2, "orgcheck: error: black.toml: a [tool] table without [tool.orgcheck]: "
                                          "put orgcheck's settings at the top level of the file or in a "
                                          "[tool.orgcheck] table\n")


NO_PILLAR = rule_plugin('rule("ZZ001", "no-pillar", severity="info")', docs='"""A rule without a pillar."""')


def test_a_plugin_rule_without_a_pillar_is_warned_about_and_plugins_takes_plugin(run, tmp_path):
    (tmp_path / "zz.py").write_text(NO_PILLAR)
    (tmp_path / "org.json").write_text('{"organization": {"id": "o", "name": "O"}, "people": []}')
    warning = ("orgcheck: warning: rule ZZ001 no-pillar (plugin zz.py, local file) names no pillar, so the trust "
               "profile leaves it out: add pillar='self-steering' (or 'professionalism', 'context') to its "
               "@orgcheck.rule\n")
    lint = run("lint", "--plugin", "zz.py", "org.json")
    assert (lint.code, lint.out, lint.err) == (0, "No findings in 1 file\n", warning)
    plugins = run("plugins", "--plugin", "zz.py")
    assert plugins.code == 0 and plugins.err == warning
    assert plugins.out.splitlines()[-1].split() == ["zz.py", "local", "file", "ZZ001"]


def test_counts_read_right_for_one_and_many(run, tmp_path):
    (tmp_path / "one.bpmn").write_text(
        '<?xml version="1.0"?>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n'
        '<process id="p"><task id="t" name="Do it"/></process>\n</definitions>\n')
    result = run("import", "bpmn", "one.bpmn", "-o", "p.org.json")
    assert result.code == 0, result.err
    assert "read 1 BPMN process, 1 task, 0 lanes, 0 sequence flows, 0 message flows" in result.err
    assert run("report", str(EXAMPLES / "command-and-control.org.json"), "-o", "r.html").code == 0
    summary = run("lint", str(EXAMPLES / "command-and-control.org.json")).out.splitlines()[-1]
    counts = summary.split("(", 1)[1].split(")", 1)[0]  # "41 warnings, 9 info": plural words, "info" as is
    assert counts.endswith(" info") and " warnings" in counts
    assert counts in (tmp_path / "r.html").read_text()
    bad = run("lint", "--format", "sarf", str(EXAMPLES / "healthy.org.json"))
    assert bad.err == ("orgcheck: error: unknown format 'sarf' (formats: github, gitlab, json, junit, sarif, text); "
                       "did you mean 'sarif'?\n")


# -- conventions a ruff user expects (issue 26, item 8) -------------------------------------


@pytest.mark.parametrize("command", [["rules"], ["plugins"], ["explain", "OC101"], ["schema"]])
def test_a_listing_piped_into_head_ends_quietly(tmp_path, command):
    import os
    import subprocess

    from conftest import orgcheck_command

    # `orgcheck rules | head -1`: the reader closes the pipe after the first line.
    proc = subprocess.Popen(["sh", "-c", " ".join([*orgcheck_command(), *command]) + " | head -1"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1"})
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert len(out.decode().splitlines()) == 1
    assert err.decode() == ""


def test_global_options_are_accepted_after_the_command(run):
    before = run("--lang", "nl", "lint", str(EXAMPLES / "healthy.org.json"))
    after = run("lint", str(EXAMPLES / "healthy.org.json"), "--lang", "nl")
    joined = run("lint", "--lang=nl", str(EXAMPLES / "healthy.org.json"))
    assert before == after == joined
    assert after.out == "Geen bevindingen in 1 bestand\n" and after.code == 0
    debug = run("stats", "missing.json", "--debug")
    assert debug.code == 2 and "No such option" not in debug.err
    # a value that only looks like an option after `--` is left alone
    literal = run("lint", "--", "--lang")
    assert literal.code == 2 and "--lang" in literal.err


def test_a_csv_without_a_manager_column_is_not_a_clean_org(run, tmp_path):
    (tmp_path / "badge.csv").write_text(BADGE)
    lint = run("lint", "--map", "id=Badge", "badge.csv")
    assert lint.code == 0
    assert lint.out.startswith("No findings in 1 file; ") and " rules not assessed" in lint.out
    assert lint.err == ("orgcheck: badge.csv: no column of managers recognised among 'Badge', 'Full Name', "
                        "'Job Title', 'Boss' (tried: 'manager', 'manager id', 'reports to', 'line manager', "
                        "'supervisor', ...): reporting lines are not assessed; name the column with "
                        "--map reports_to=COLUMN\n")
    stats = run("lint", "--statistics", "--map", "id=Badge", "badge.csv")
    assert "  OC101 span-too-wide: a CSV export has no reporting lines\n" in stats.out
    mapped = run("lint", "--map", "id=Badge", "--map", "reports_to=Boss", "badge.csv")
    assert "no column of managers" not in mapped.err


def test_a_bpmn_file_says_how_many_rules_it_could_not_assess(run):
    bpmn = EXAMPLES.parent / "tests" / "data" / "realdata" / "bpmn-miwg-reference" / "A.2.0.bpmn"
    lint = run("lint", str(bpmn))
    assert lint.code == 0
    assert lint.out == ("No findings in 1 file; 45 rules not assessed: the source cannot express what they need "
                        "(--statistics lists them)\n")
    github = run("lint", "--format", "github", str(bpmn))
    assert github.out.startswith(f"::notice file={bpmn},title=orgcheck: 45 rules not assessed::")


def test_the_views_read_a_model_as_lint_does(run, tmp_path):
    (tmp_path / "badge.csv").write_text(BADGE)
    unmapped = run("stats", "badge.csv")
    assert unmapped.code == 2 and unmapped.err.startswith("orgcheck: error: badge.csv: no column of person ids")
    assert "--map id=COLUMN" in unmapped.err and "Traceback" not in unmapped.err
    for command in (["stats"], ["graph"], ["report", "-o", "r.html"]):
        result = run(*command, "--map", "id=Badge", "--map", "reports_to=Boss", "badge.csv")
        assert result.code == 0, (command, result.err)
    wrong = run("stats", "--map", "id=Nope", "badge.csv")
    assert wrong.code == 2 and wrong.err.startswith("orgcheck: error: badge.csv: the column mapping id='Nope'")
    assert "failed" not in wrong.err
    as_csv = run("stats", "--input-format", "csv", "--map", "id=Badge", "--map", "reports_to=Boss", "-", input=BADGE)
    assert as_csv.code == 0 and "People: 3 positions" in as_csv.out


def test_extend_ignore_adds_to_the_ignored_rules(run):
    model = str(EXAMPLES / "command-and-control.org.json")
    both = run("lint", "--quiet", "--ignore", "OC101", "--extend-ignore", "OC102", model)
    assert both.code == 1
    assert " OC101 " not in both.out and " OC102 " not in both.out and " OC103 " in both.out

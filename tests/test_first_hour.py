"""What a new user meets in the first hour (issue 17): each message as they see it."""
import json

import pytest

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


@pytest.mark.parametrize("header", sorted(EXPORTS))
def test_common_hr_exports_are_read_by_their_staff_numbers(run, tmp_path, header):
    (tmp_path / "people.csv").write_text(EXPORTS[header])
    lint = run("lint", "--select", "OC0", "people.csv")
    assert (lint.code, lint.out, lint.err) == (0, "No findings in 1 file\n", "")
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
    assert (fixed.code, fixed.out, fixed.err) == (0, "No findings in 1 file\n", "")


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
    assert (result.code, result.out, result.err) == (0, "No findings in 1 file\n", "")


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

"""What an export means (issue 22): each convention read on a small export through the
CLI, with a near miss that the convention does not cover."""
import json

from conftest import sequence_flows

HEAD = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Unit\n"


def csv_file(tmp_path, rows, name="org-senior.csv"):
    (tmp_path / name).write_text(HEAD + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return name


def findings(result):
    return json.loads(result.out)["findings"]


def people(run, name):
    result = run("import", "csv", name)
    assert result.code == 0, result.err
    return {p["id"]: p for p in json.loads(result.out)["people"]}


# -- 1. eliminated posts ------------------------------------------------------------

def test_an_eliminated_post_is_out_of_the_model_and_its_reports_go_to_its_manager(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "'Eliminated'", "Head", "1", "Care"),
                               ("3", "Bo", "Nurse", "2", "Care"), ("4", "Post eliminated", "Old head", "XX", "Care"),
                               ("5", "Cy", "Planner", "4", "Care")])
    model = people(run, name)
    assert set(model) == {"1", "3", "5"} and model["3"]["reports_to"] == "1"
    result = run("lint", "--format", "json", name)
    assert not [f for f in findings(result) if "eliminated" in f["message"] or f["entity"] in ("2", "4")]
    assert not [f for f in findings(result) if f["rule"] in ("OC003", "OC008", "OC106")]
    assert ("2 eliminated posts are left out of the model (1 of their reports now report to their managers)"
            in result.err)
    stats = run("stats", name)
    assert "Eliminated: 2 posts the export lists as eliminated, left out of the model\n" in stats.out
    # Cy's post had no manager: a fragment below it, not a second top or a broken reference
    assert json.loads(run("stats", "--format", "json", name).out)["completeness"]["fragments"] == 1


def test_a_vacancy_and_a_name_that_only_starts_with_eliminated_stay_in_the_model(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "Vacant", "Head", "1", "Care"),
                               ("3", "Eliminated Smith", "Nurse", "2", "Care")])
    model = people(run, name)
    assert set(model) == {"1", "2", "3"} and model["2"]["vacant"] and model["3"]["name"] == "Eliminated Smith"
    result = run("lint", name)
    assert "eliminated" not in result.err and "Eliminated:" not in run("stats", name).out


# -- 2. zero-padded ids -------------------------------------------------------------

def test_a_zero_padded_manager_id_names_its_post_with_one_note_per_file(run, tmp_path):
    name = csv_file(tmp_path, [("155792", "Ann", "Director", "XX", "Care"), ("2", "Bo", "Nurse", "00155792", "Care"),
                               ("3", "Cy", "Nurse", "0155792", "Care")])
    result = run("lint", "--format", "json", "--select", "OC003", name)
    assert findings(result) == []
    assert result.err.count("leading zeros") == 1
    assert ("2 manager ids match a post id only without their leading zeros (such as '00155792' for '155792'): "
            "read as those posts") in result.err
    assert people(run, name)["2"]["reports_to"] == "155792"


def test_a_zero_padded_id_that_matches_two_posts_stays_a_broken_reference(run, tmp_path):
    name = csv_file(tmp_path, [("42", "Ann", "Director", "XX", "Care"), ("042", "Di", "Deputy", "42", "Care"),
                               ("3", "Bo", "Nurse", "0042", "Care")])
    result = run("lint", "--format", "json", "--select", "OC003", name)
    (finding,) = findings(result)
    assert finding["entity"] == "3" and "reports_to '0042' names nothing" in finding["message"]
    assert "leading zeros" not in result.err


# -- 3. a top that names itself -----------------------------------------------------

def test_a_post_that_names_itself_is_the_top_with_a_note_not_a_cycle(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "1", "Care"), ("2", "Bo", "Nurse", "1", "Care")])
    result = run("lint", "--format", "json", "--select", "OC004,OC008", name)
    assert findings(result) == []
    assert ("1 post names itself as its manager, the export's mark of a top: read as reporting to no one (1)"
            in result.err)
    assert "reports_to" not in people(run, name)["1"]


def test_a_loop_of_two_posts_is_still_a_cycle(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "2", "Care"), ("2", "Bo", "Nurse", "1", "Care")])
    result = run("lint", "--format", "json", "--select", "OC004", name)
    (finding,) = findings(result)
    assert "Ann (1) → Bo (2) → Ann (1)" in finding["message"] and "names itself" not in result.err


# -- 4. one missing manager, one finding --------------------------------------------

def test_one_missing_manager_named_by_many_rows_is_one_finding_with_the_count(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care")]
                    + [(str(i), f"P{i}", "Nurse", "-1", "Care") for i in range(2, 7)])
    result = run("lint", "--format", "json", "--select", "OC003", name)
    (finding,) = findings(result)
    assert finding["entity"] == "2" and finding["line"] == 3
    assert finding["message"] == (
        "5 people report to '-1' (reports_to), which names nothing in the document: add the missing manager, or "
        "correct the id (did you mean '1'?); this row and P3 (3), P4 (4), P5 (5) and 1 more")


def test_two_missing_managers_named_once_each_are_two_findings(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "Bo", "Nurse", "x9", "Care"),
                               ("3", "Cy", "Nurse", "y8", "Care")])
    got = findings(run("lint", "--format", "json", "--select", "OC003", name))
    assert [f["message"].split(":")[0] for f in got] == ["person 'Bo'", "person 'Cy'"]


# -- 5. unit names that differ in case or spacing -----------------------------------

def test_unit_names_that_differ_only_in_case_or_spacing_are_one_unit(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Home Office"), ("2", "Bo", "Nurse", "1", "home  office"),
                               ("3", "Cy", "Nurse", "1", "HOME OFFICE")])
    model = json.loads(run("import", "csv", name).out)
    assert model["units"] == [{"id": "unit:home-office", "name": "Home Office",
                               "x-source": {"file": name, "line": 2}}]
    assert {p["unit"] for p in model["people"]} == {"unit:home-office"}
    assert findings(run("lint", "--format", "json", "--select", "OC508", name)) == []


def test_unit_names_that_differ_in_a_letter_stay_two_units(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Home Office"),
                               ("2", "Bo", "Nurse", "1", "Home Offices")])
    model = json.loads(run("import", "csv", name).out)
    assert [u["name"] for u in model["units"]] == ["Home Office", "Home Offices"]


# -- 6. job shares and shared post ids ---------------------------------------------

def test_a_job_share_is_two_people_in_one_post_not_a_duplicate(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"),
                               ("39", "Joanna", "Strategy Director", "1", "Care"),
                               ("39", "Susannah", "Strategy Director", "1", "Care"),
                               ("4", "Bo", "Analyst", "39", "Care")])
    result = run("lint", "--format", "json", "--select", "OC0", name)
    assert findings(result) == []
    assert ("post 39 (Strategy Director) is a job share: Joanna and Susannah are read as 2 people in one post, "
            "each with the post's manager") in result.err
    model = people(run, name)
    assert model["39~2"]["name"] == "Susannah" and model["39~2"]["x-shares-post"] == "39"
    assert model["4"]["reports_to"] == "39"


def test_a_repeated_row_is_oc002_naming_the_row_it_ignores(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "Bo", "Nurse", "1", "Care"),
                               ("2", "Bo", "Nurse", "1", "Care")])
    result = run("lint", "--format", "json", "--select", "OC002", name)
    (finding,) = findings(result)
    assert finding["line"] == 4 and "this person, 'Bo', is ignored" in finding["message"]
    assert "job share" not in result.err


def test_two_posts_under_one_id_are_both_kept_and_make_no_loop(run, tmp_path):
    # DWP135: a regional director and the Permanent Secretary share one id; the director
    # general who reports to "DWP135" reports to the Permanent Secretary, not in a loop
    name = csv_file(tmp_path, [("DWP135", "N/D", "Work Services Director", "DWP9", "Ops"),
                               ("DWP9", "Dee", "Director General", "DWP135", "Ops"),
                               ("DWP135", "Robert", "Permanent Secretary", "XX", "Ops")])
    result = run("lint", "--format", "json", "--select", "OC002,OC004,OC008", name)
    assert findings(result) == []
    assert "post id DWP135 is used by 2 different posts" in result.err and "give each post its own id" in result.err
    assert people(run, name)["DWP9"]["reports_to"] == "DWP135~2"


def test_one_person_in_two_posts_is_said_as_such(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"),
                               ("2", "Matthew Coats", "Director General", "1", "Care"),
                               ("3", "Matthew Coats", "Chief Executive", "1", "Care")])
    result = run("lint", name)
    assert "1 person holds more than one post: Matthew Coats (Director General; Chief Executive)" in result.err
    other = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "Bo", "Nurse", "1", "Care")],
                     "b-senior.csv")
    assert "more than one post" not in run("lint", other).err


# -- 7. GitLab departments are sets -------------------------------------------------

def write_members(folder, members):
    folder.mkdir()
    for slug, (boss, departments) in members.items():
        lines = [f"name: {slug.title()}"] + ([f"reports_to: {boss}"] if boss else [])
        lines += ["departments:"] + [f"  - {d}" for d in departments]
        (folder / f"{slug}.yml").write_text("\n".join(lines) + "\n")


def test_departments_in_another_order_are_one_unit(run, tmp_path):
    write_members(tmp_path / "team", {
        "ceo": (None, ["Engineering"]),
        "lead": ("ceo", ["Engineering", "Development"]),
        "dev": ("lead", ["Development", "Engineering"]),
        "dba": ("lead", ["Database Team", "Engineering", "Development"]),
        "ops": ("lead", ["Development", "Engineering"])})
    assert run("import", "yaml", "team", "-o", "team.json").code == 0
    model = json.loads((tmp_path / "team.json").read_text())
    unit = {p["id"]: p.get("unit") for p in model["people"]}
    assert unit["dev"] == unit["lead"] == unit["ops"]
    parent = {u["id"]: u.get("parent") for u in model["units"]}
    assert parent[unit["dba"]] == unit["lead"]
    assert findings(run("lint", "--format", "json", "--select", "OC508", "team.json")) == []


def test_departments_that_really_differ_are_judged(run, tmp_path):
    write_members(tmp_path / "team", {
        "ceo": (None, ["Engineering"]),
        "lead": ("ceo", ["Engineering", "Development"]),
        "rep": ("lead", ["Sales"])})
    assert run("import", "yaml", "team", "-o", "team.json").code == 0
    (finding,) = findings(run("lint", "--format", "json", "--select", "OC508", "team.json"))
    assert finding["entity"] == "rep"


# -- 8. partial exports -------------------------------------------------------------

def test_on_a_partial_export_a_narrow_span_says_it_counts_only_the_rows_present(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "gone", "Care"), ("2", "Bo", "Nurse", "1", "Care"),
                               ("3", "Cy", "Head", "XX", "Care"), ("4", "Di", "Nurse", "3", "Care"),
                               ("5", "Ed", "Nurse", "3", "Care"), ("6", "Fi", "Nurse", "3", "Care")])
    result = run("lint", "--format", "json", "--select", "OC102", name)
    (finding,) = findings(result)
    assert finding["entity"] == "1" and finding["message"].endswith(
        " (this document is a partial export, in which some people report to managers missing from it: the span "
        "counts only the people present, and may be wider)")


def test_on_a_whole_export_a_narrow_span_says_nothing_of_missing_rows(run, tmp_path):
    name = csv_file(tmp_path, [("1", "Ann", "Director", "XX", "Care"), ("2", "Bo", "Nurse", "1", "Care")])
    (finding,) = findings(run("lint", "--format", "json", "--select", "OC102", name))
    assert "partial export" not in finding["message"]


# -- 9. BPMN steps by what they are -------------------------------------------------

BPMN = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="leave" name="Leave">
    <startEvent id="start"/>
    <userTask id="ask" name="Fill in request"/>
    <{{tag}} id="tell" name="{{name}}"/>
    <userTask id="book" name="Book leave"/>
    <endEvent id="end"/>
{sequence_flows("start>ask", "ask>tell", "tell>book", "book>end")}
  </process>
</definitions>
"""


def kinds(run, tmp_path, tag, name):
    (tmp_path / "leave.bpmn").write_text(BPMN.format(tag=tag, name=name))
    (process,) = json.loads(run("import", "bpmn", "leave.bpmn").out)["processes"]
    lint = run("lint", "--isolated", "--format", "json", "--select", "OC201", "leave.bpmn")
    return {s["id"]: s.get("kind", "work") for s in process["steps"]}["tell"], findings(lint)


def test_a_notification_of_approval_is_no_approval(run, tmp_path):
    assert kinds(run, tmp_path, "sendTask", "Notify Employee of Approval") == ("work", [])
    assert kinds(run, tmp_path, "userTask", "Notify Employee of Approval") == ("work", [])
    assert kinds(run, tmp_path, "serviceTask", "Approve automatically") == ("work", [])
    assert kinds(run, tmp_path, "userTask", "Request for approval") == ("work", [])


def test_a_person_who_approves_is_an_approval(run, tmp_path):
    kind, got = kinds(run, tmp_path, "userTask", "Manually Approve Vacation")
    assert kind == "approval" and [f["rule"] for f in got] == ["OC201"]
    assert kinds(run, tmp_path, "task", "Invoice approval")[0] == "approval"
    assert kinds(run, tmp_path, "manualTask", "Review request")[0] == "review"

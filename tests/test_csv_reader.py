"""People CSVs linted directly: real UK organograms (cycles, dangling managers, junior
staff), column mapping, markers, encodings and hostile files."""
import csv
import json
import shutil

import pytest
from conftest import ROOT
from organogram_counts import count

UK = ROOT / "tests" / "data" / "realdata" / "uk-gov-organograms"
ACAS, DFID = "Acas-Sep-13", "DFID-staff-and-salary-data-template-Sept-2013a"
ARMY, QEIICC = "20140214-Army_GTA_Organogram_Sep2013_Final-U", "300912-government-staff-and-salary-data-QEIICC---Oct-2013"


def copy_pair(tmp_path, stem):
    for part in ("senior", "junior"):
        shutil.copy(UK / f"{stem}-{part}.csv", tmp_path / f"{stem}-{part}.csv")
    return f"{stem}-senior.csv"


def findings(result):
    return json.loads(result.out)["findings"]


def cell_text(path, line, column):
    """The text from (line, column) to the end of the physical line."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = fh.read().split("\n")
    text = lines[line - 1]
    return text[column - 1:] if line > 1 else text.lstrip("\ufeff")[column - 1:]


def row_lines(path):
    """Physical line of each data row, and the row, with the csv module."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        before = reader.line_num
        for row in reader:
            yield before + 1, dict(zip(header, row))
            before = reader.line_num


@pytest.mark.parametrize("stem", [ACAS, DFID, ARMY, QEIICC])
def test_integrity_counts_equal_an_independent_csv_count(run, tmp_path, stem):
    name = copy_pair(tmp_path, stem)
    result = run("lint", "--format", "json", "--select", "OC0", name)
    assert "Traceback" not in result.err
    got = {code: sum(1 for f in findings(result) if f["rule"] == code) for code in ("OC002", "OC003", "OC004", "OC008")}
    expected = count(str(tmp_path / name))
    assert got == {k: expected[k] for k in got}
    assert not any(f["rule"] == "OC001" for f in findings(result))


def test_a_self_named_post_is_a_top_with_a_note_not_a_cycle(run, tmp_path):
    name = copy_pair(tmp_path, ACAS)
    result = run("lint", "--select", "OC004", name)
    line, row = next((n, r) for n, r in row_lines(tmp_path / name) if r["Post Unique Reference"] == r["Reports to Senior Post"])
    assert row["Name"] == "Anne Sharpe" and result.code == 0 and result.out == "No findings in 1 file\n"
    assert (f"orgcheck: {name}: 1 post names itself as its manager, the export's mark of a top: read as reporting "
            "to no one (1)\n") in result.err
    # her four reports are her span, and she heads the tree of 755 positions beside Susan Clews ("xx")
    trees = run("lint", "--format", "json", "--select", "OC008", name)
    (finding,) = findings(trees)
    assert "beside the tree of Anne Sharpe (755 positions)" in finding["message"]


def test_cycles_point_at_the_reports_to_cell_of_their_first_post(run, tmp_path):
    text = "id,name,manager\na,Ann,c\nb,Bo,a\nc,Cy,b\nd,Di,a\n"
    (tmp_path / "people.csv").write_text(text)
    result = run("lint", "--format", "json", "--select", "OC004", "people.csv")
    (finding,) = findings(result)
    assert (finding["entity"], finding["line"], finding["column"]) == ("a", 2, 7)
    assert finding["pointer"].endswith("/reports_to") and "Ann (a) → Cy (c) → Bo (b) → Ann (a)" in finding["message"]


def test_dangling_managers_point_at_their_cells(run, tmp_path):
    text = "id,name,manager\na,Ann,\nb,Bo,a\nc,Cy,gone\nd,Di,lost\ne,Ed,gone\n"
    (tmp_path / "people.csv").write_text(text)
    result = run("lint", "--format", "json", "--select", "OC003", "people.csv")
    got = findings(result)
    assert [(f["entity"], f["line"], f["column"]) for f in got] == [("c", 4, 6), ("d", 5, 6)]
    assert got[0]["message"].startswith("2 people report to 'gone' (reports_to), which names nothing in the document")
    assert got[0]["message"].endswith("this row and Ed (e)")
    assert got[1]["message"].startswith("person 'Di': reports_to 'lost' names nothing in the document")


def test_zero_padded_managers_of_a_real_organogram_are_read_once_with_one_note(run, tmp_path):
    name = copy_pair(tmp_path, ARMY)
    result = run("lint", "--format", "json", "--select", "OC003", name)
    assert findings(result) == [] and count(str(tmp_path / name))["zero-padded"] == 4
    assert result.err.count("match a post id only without their leading zeros") == 1
    assert "4 manager ids match a post id only without their leading zeros" in result.err


def test_junior_rows_are_staff_below_not_direct_reports_and_their_dangling_post_points_into_the_junior_file(run, tmp_path):
    name = copy_pair(tmp_path, QEIICC)
    junior = name.replace("senior", "junior")
    result = run("lint", "--format", "json", "--select", "OC003", name)
    got = findings(result)
    assert len(got) == 1 and all(f["file"] == junior for f in got)
    first = got[0]
    # 24 junior rows name the post '-1': one missing manager, one finding (issue 22.4)
    assert first["message"].startswith("24 people report to '-1' (reports_to), which names nothing in the document")
    assert first["entity"].startswith("junior-")
    assert cell_text(tmp_path / junior, first["line"], first["column"]).startswith("-1,")

    # a junior row is a grade band of staff somewhere below its senior post: headcount,
    # shown beside the span, never in it (counted here with the csv module alone)
    name = copy_pair(tmp_path, ACAS)
    juniors = [r for _, r in row_lines(tmp_path / f"{ACAS}-junior.csv") if float(r["Number of Posts in FTE"] or 0) > 0]
    seniors = [r for _, r in row_lines(tmp_path / f"{ACAS}-senior.csv")]
    named = {r["Post Unique Reference"]: sum(1 for q in seniors if q["Reports to Senior Post"] == r["Post Unique Reference"])
             for r in seniors}
    span = run("lint", "--format", "json", "--select", "OC101", name)
    assert {f["entity"] for f in findings(span)} == {pid for pid, n in named.items() if n > 10}
    stats = json.loads(run("stats", "--format", "json", name).out)
    row = next(r for r in stats["managers"] if r["id"] == "5")
    mine = [r for r in juniors if r["Reporting Senior Post"] == "5"]
    assert (row["span"], row["bands_below"]) == (named["5"], len(mine))
    assert row["staff_below"] == sum(-(-float(r["Number of Posts in FTE"]) // 1) for r in mine) > row["span"]
    text = run("stats", name).out
    assert f"plus {row['staff_below']} staff in {row['bands_below']} grade bands" in text


def test_import_keeps_sources_and_junior_aggregates(run, tmp_path):
    name = copy_pair(tmp_path, ACAS)
    result = run("import", "csv", name, "-o", "acas.org.json")
    assert result.code == 0, result.err
    model = json.loads((tmp_path / "acas.org.json").read_text())
    people = {p["id"]: p for p in model["people"]}
    assert people["20"]["name"] == "Chief Executive, CAC (post 20, name not disclosed)"
    assert "reports_to" not in people["9"]  # "xx"
    aggregate = next(p for p in model["people"] if p.get("x-aggregate"))
    assert aggregate == {"id": aggregate["id"], "name": "5.51 junior staff (Grade 06)",
                         "title": "Director of Delivery", "reports_to": "5", "unit": "unit:delivery", "fte": 5.51,
                         # the pay scale's midpoint, (54,621 + 69,964) / 2, times 5.51 FTE
                         "grade": "Grade 06", "cost": 343231.67,
                         "x-aggregate": True, "x-source": {"file": f"{ACAS}-junior.csv", "line": 2}}
    assert people["5"]["x-source"] == {"file": name, "line": 2}
    assert run("lint", "--select", "OC001", "acas.org.json").code == 0


def test_mapping_from_the_command_line_and_the_config(run, tmp_path):
    (tmp_path / "staff.csv").write_text("Emp;Full name;Boss;Team\n"
                                        "e1;Ann;XX;Care\n"
                                        "e2;Bo;e9;Care\n", encoding="utf-8")
    result = run("lint", "--select", "OC003", "--map", "id=Emp", "--map", "reports_to=Boss", "staff.csv")
    assert result.out.startswith("staff.csv:3:7: OC003 unknown-reference [error] person 'Bo': reports_to 'e9'")
    (tmp_path / "orgcheck.toml").write_text('[csv]\nid = "Emp"\nreports_to = "boss"\n')
    assert run("lint", "--select", "OC003", "staff.csv").out == result.out
    missing = run("lint", "--map", "reports_to=Manager", "staff.csv")
    assert missing.code == 2
    assert missing.err == ("orgcheck: error: staff.csv: the column mapping reports_to='Manager' names a column "
                           "the file lacks; its columns are: 'Emp', 'Full name', 'Boss', 'Team'\n")
    bad = run("lint", "--map", "boss=Boss", "staff.csv")
    assert bad.code == 2 and "unknown field 'boss'" in bad.err


def test_markers_vacancies_and_latin1(run, tmp_path):
    text = ("Employee ID,Name,Job Title,Manager ID,Department,FTE\n"
            "1,Zoë Ångström,Director,0,Zorg,1\n"
            "2,Vacant,Nurse,1,Zorg,0.5\n"
            "3,ELIMINATED,Clerk,,Zorg,\n"
            "5,Bo,Clerk,3,Zorg,1\n"
            "4,N/D,Planner,1,Zorg,1\n")
    (tmp_path / "people.csv").write_bytes(text.encode("latin-1"))
    result = run("import", "csv", "people.csv")
    assert result.code == 0
    assert "orgcheck: people.csv: not UTF-8 (byte 0xeb on line 2); read as Latin-1" in result.err
    people = json.loads(result.out)["people"]
    # an eliminated post is out of the model; Bo, who reported to it, is a fragment below it
    assert [(p["name"], p.get("vacant", False), p.get("reports_to")) for p in people] == [
        ("Zoë Ångström", False, None), ("Nurse (post 2, vacant)", True, "1"),
        ("Bo", False, "3"), ("Planner (post 4, name not disclosed)", False, "1")]
    assert json.loads(result.out)["organization"]["x-eliminated"] == ["3"]
    assert people[1]["fte"] == 0.5 and people[0]["unit"] == "unit:zorg"
    utf8_bom = run("import", "csv", "-o", "b.json", str(_write(tmp_path / "bom.csv", "\ufeff" + text)))
    assert utf8_bom.code == 0 and "Latin-1" not in utf8_bom.err


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path.name


def test_hostile_and_broken_rows_are_findings_at_their_rows(run, tmp_path):
    big = "x" * 10_000_000
    text = ("id,name,manager\n"
            "a,Ann,\n"
            "b,Bo,a,extra\n"
            ",Nobody,a\n"
            "a,Ann again,\n"
            f'c,"{big}",a\n'
            "d,Di,a\n")
    (tmp_path / "people.csv").write_text(text)
    result = run("lint", "--select", "OC001,OC002", "people.csv")
    assert "Traceback" not in result.err and result.code == 1
    assert result.out.splitlines() == [
        "people.csv:3:1: OC001 schema-violation [error] row has 4 cells, the header has 3: is a quote or a "
        "delimiter (comma) missing or extra?",
        "people.csv:4:1: OC001 schema-violation [error] no id in column 'id': every person needs one",
        "people.csv:6:3: OC001 schema-violation [error] the name cell is 10,000,000 characters long (at most "
        "10,000): is a quote missing? The row is not read",
        "3 findings (3 errors) in 1 file; fix the schema errors first: 1 rule did not run"]
    # Once the rows are mended, a repeated row is OC002 at its row, naming the row it ignores.
    (tmp_path / "people.csv").write_text("id,name,manager\na,Ann,\nb,Bo,a\na,Ann,\n")
    assert run("lint", "--select", "OC002", "people.csv").out.startswith(
        "people.csv:4:1: OC002 duplicate-id [error] id 'a' is already used by person 'Ann' (people[0]); references "
        "to 'a' resolve to that person and this person, 'Ann', is ignored")


def test_readers_are_plugins_on_the_entry_point_group(run):
    listed = run("plugins").out
    for reader in ("json-reader", "yaml-reader", "csv-reader", "bpmn-reader"):
        assert reader in listed

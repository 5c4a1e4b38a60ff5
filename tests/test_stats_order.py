"""`stats` keeps the design's order: units in tree order (a file may list a unit long
after its parent), grades most senior first (the order OC107 compares them by), and
the grade x span table in text, JSON and CSV, counted by hand here."""
import csv
import io
import json

from conftest import EXAMPLES


def person(pid, reports_to=None, **extra):
    return {"id": pid, "name": pid.upper(), **({"reports_to": reports_to} if reports_to else {}), **extra}


def _write(tmp_path, model, name="org.json"):
    (tmp_path / name).write_text(json.dumps(model, indent=2))
    return name


def unit_model() -> dict:
    # "dev" is listed after "sales", but belongs under "eng": GitLab's team files do this
    return {"organization": {"id": "o", "name": "O"},
            "units": [{"id": "eng", "name": "Engineering"},
                      {"id": "be", "name": "Backend", "parent": "eng"},
                      {"id": "sales", "name": "Sales"},
                      {"id": "mm", "name": "MM / Sales", "parent": "sales"},
                      {"id": "dev", "name": "Dev Section", "parent": "eng"},
                      {"id": "plan", "name": "Plan", "parent": "dev"}],
            "people": [person("ceo"), person("a", "ceo", unit="be"), person("b", "ceo", unit="mm"),
                       person("c", "ceo", unit="plan")]}


def test_units_in_tree_order_each_below_its_parent(run, tmp_path):
    name = _write(tmp_path, unit_model())
    rows = json.loads(run("stats", "--by", "unit", "--format", "json", name).out)["rows"]
    assert [(r["id"], r["depth"]) for r in rows] == [
        ("eng", 0), ("be", 1), ("dev", 1), ("plan", 2), ("sales", 0), ("mm", 1), (None, 0)]
    text = run("stats", "--by", "unit", name).out
    assert "    Dev Section" in text  # indented one step, under Engineering
    lines = text.splitlines()
    at = {n: next(i for i, line in enumerate(lines) if line.strip().startswith(n)) for n in (
        "Engineering", "Dev Section", "Plan", "Sales", "MM / Sales")}
    assert at["Engineering"] < at["Dev Section"] < at["Plan"] < at["Sales"] < at["MM / Sales"]
    # the whole stats view and the report's table use the same rows
    whole = json.loads(run("stats", "--format", "json", name).out)["units"]
    assert [r["id"] for r in whole] == [r["id"] for r in rows]


def grade_model(**organization) -> dict:
    people = [person("perm", grade="SCS2"),
              person("d1", "perm", grade="SCS1"), person("d2", "perm", grade="SCS1"),
              person("d3", "perm", grade="SCS3"),  # graded above their manager: OC107
              person("g1", "d1", grade="G6"), person("g2", "d1", grade="SCS1"),  # same grade: OC108
              person("x", "d2", grade="Band Z"),  # on no ladder: not compared
              person("y", "d2"),  # no grade: not compared
              person("e1", "g1", grade="AA"), person("e2", "g1", grade="AA")]
    return {"organization": {"id": "o", "name": "O", **organization}, "people": people}


def test_by_grade_is_most_senior_first_then_unknown_grades_then_none(run, tmp_path):
    name = _write(tmp_path, grade_model())
    rows = json.loads(run("stats", "--by", "grade", "--format", "json", name).out)["rows"]
    assert [r["grade"] for r in rows] == ["SCS3", "SCS2", "SCS1", "G6", "AA", "Band Z", None]
    assert [r["positions"] for r in rows] == [1, 1, 3, 1, 2, 1, 1]


def test_by_grade_follows_the_models_order_and_the_rule_option(run, tmp_path):
    model = {"organization": {"id": "o", "name": "O", "grades": ["Band A", "Band B", "Band C"]},
             "people": [person("c", grade="Band C"), person("a", grade="Band A"), person("b", "a", grade="Band B")]}
    name = _write(tmp_path, model)
    rows = json.loads(run("stats", "--by", "grade", "--format", "json", name).out)["rows"]
    assert [r["grade"] for r in rows] == ["Band A", "Band B", "Band C"]
    # OC107's option wins over the model's order, in the view as in the rule
    (tmp_path / "orgcheck.toml").write_text('[rules.grade-inversion]\norder = ["Band C", "Band B", "Band A"]\n')
    rows = json.loads(run("stats", "--by", "grade", "--format", "json", name).out)["rows"]
    assert [r["grade"] for r in rows] == ["Band C", "Band B", "Band A"]


def test_grade_span_table_counted_by_hand(run, tmp_path):
    name = _write(tmp_path, grade_model())
    (tmp_path / "orgcheck.toml").write_text("[rules.span-too-narrow]\nmin = 3\n")
    stats = json.loads(run("stats", "--format", "json", name).out)
    table = {r["grade"]: r for r in stats["grade_spans"]["rows"]}
    assert list(table) == ["SCS3", "SCS2", "SCS1", "G6", "AA", "Band Z", None]
    # perm manages 3 (within); d1 manages 2 and d2 manages 2 (narrow below 3); g1 manages 2 (narrow)
    assert {k: table["SCS2"][k] for k in ("managers", "average_span", "min_span", "max_span", "narrow", "wide")} == {
        "managers": 1, "average_span": 3, "min_span": 3, "max_span": 3, "narrow": 0, "wide": 0}
    scs1 = table["SCS1"]
    assert (scs1["positions"], scs1["managers"], scs1["average_span"], scs1["narrow"], scs1["narrow_share"]) == (
        3, 2, 2, 2, 1.0)
    assert table["G6"]["managers"] == 1 and table["AA"]["managers"] == 0 and table["AA"]["average_span"] is None
    # lines: perm-d1, perm-d2 in order; perm-d3 inverted; d1-g1 in order, d1-g2 same;
    # d2-x, d2-y not compared; g1-e1, g1-e2 in order
    assert stats["grade_spans"]["lines"] == {"inverted": 1, "same": 1, "in_order": 5, "not_compared": 2}
    lint = json.loads(run("lint", "--format", "json", "--select", "OC107,OC108", name).out)["findings"]
    assert sorted(f["rule"] for f in lint) == ["OC107", "OC108"]
    text = run("stats", name).out
    assert "Spans by grade (most senior first" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("SCS1 "))
    assert row.split() == ["SCS1", "3", "2", "2", "2", "2", "2", "(100%)", "0", "(0%)"]
    assert ("Grades along the reporting lines (7 compared): report graded above the manager 1 (OC107), same "
            "grade 1 (OC108), in order 5; not compared 2") in text
    rows = list(csv.reader(io.StringIO(run("stats", "--format", "csv", name).out)))
    assert ["grade_spans", "SCS1", "managers", "2"] in rows
    assert ["grade_lines", "", "inverted", "1"] in rows


def test_no_grade_table_without_grades(run):
    stats = json.loads(run("stats", "--format", "json", str(EXAMPLES / "healthy.org.json")).out)
    assert stats["grade_spans"] == {"rows": [], "lines": None}
    assert "Spans by grade" not in run("stats", str(EXAMPLES / "healthy.org.json")).out

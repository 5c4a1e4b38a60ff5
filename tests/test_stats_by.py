"""`orgcheck stats --by unit|layer|grade` and cost: rows that add up to the whole, and
a UK organogram's cost per layer from its own pay columns (counted here with csv)."""
import csv
import io
import json
import re
import shutil

import pytest
from conftest import EXAMPLES, ROOT

UK = ROOT / "tests" / "data" / "realdata" / "uk-gov-organograms"
ADDITIVE = ("positions", "filled", "vacant", "managers", "reports", "cost_known", "managers_cost_known")


def _by(run, by, path, fmt="json"):
    result = run("stats", "--by", by, "--format", fmt, str(path))
    assert result.code == 0, result.err
    return json.loads(result.out) if fmt == "json" else result.out


def _add(rows, scope):
    total = {k: 0 for k in ADDITIVE}
    total["fte"] = 0.0
    status = {}
    for r in rows:
        f = r[scope]
        for k in ADDITIVE:
            total[k] += f[k]
        total["fte"] += f["fte"]
        for s, n in f["span_status"].items():
            status[s] = status.get(s, 0) + n
    total["span_status"] = status
    return total


@pytest.mark.parametrize("example", ["command-and-control.org.json", "healthy.org.json"])
def test_unit_rows_add_up_to_the_whole(run, example):
    result = _by(run, "unit", EXAMPLES / example)
    model = json.loads((EXAMPLES / example).read_text())
    whole = result["whole"]
    rows = result["rows"]
    assert [r["id"] for r in rows if r["id"] is not None] == [u["id"] for u in model["units"]]
    assert whole["positions"] == len(model["people"])  # no aggregate positions in the examples
    assert whole["managers"] == len({p["reports_to"] for p in model["people"] if p.get("reports_to")})
    # own members of every unit, plus the people in none, are everyone once
    own = _add(rows, "own")
    # top-level subtrees, plus the people in no unit, are everyone once
    tops = _add([r for r in rows if r["parent"] is None], "subtree")
    for total in (own, tops):
        for k in ADDITIVE:
            assert total[k] == whole[k], k
        assert round(total["fte"], 2) == whole["fte"]
        assert {s: n for s, n in total["span_status"].items() if n} == {
            s: n for s, n in whole["span_status"].items() if n}
    # the deepest layer of the top-level subtrees is the deepest of the whole
    tops_rows = [r["subtree"] for r in rows if r["parent"] is None]
    assert max(f["layers_to"] for f in tops_rows) == whole["layers_to"]
    assert min(f["layers_from"] for f in tops_rows) == whole["layers_from"] == 1
    # a subtree row holds its own members and its children's subtrees
    for r in rows:
        if r["id"] is None:
            continue
        children = [c for c in rows if c["parent"] == r["id"]]
        assert r["subtree"]["positions"] == r["own"]["positions"] + sum(c["subtree"]["positions"] for c in children)


def test_unit_rows_are_counted_by_hand(run, tmp_path):
    model = {"organization": {"id": "x", "name": "X", "currency": "EUR"},
             "units": [{"id": "top", "name": "Top"}, {"id": "ops", "name": "Ops", "parent": "top"}],
             "people": [
                 {"id": "ceo", "name": "Ceo", "unit": "top", "cost": 150000},
                 {"id": "m", "name": "M", "reports_to": "ceo", "unit": "ops", "cost": 90000},
                 {"id": "v", "vacant": True, "reports_to": "m", "unit": "ops", "fte": 0.5},
                 {"id": "w", "name": "W", "reports_to": "m", "unit": "ops", "cost": 50000},
                 {"id": "z", "name": "Z", "reports_to": "ceo", "cost": 40000}]}
    path = tmp_path / "m.org.json"
    path.write_text(json.dumps(model))
    result = _by(run, "unit", path)
    top, ops, loose = result["rows"]
    assert (top["own"]["positions"], top["subtree"]["positions"]) == (1, 4)
    assert (ops["own"]["positions"], ops["own"]["vacant"], ops["own"]["fte"]) == (3, 1, 2.5)
    assert (top["subtree"]["managers"], top["subtree"]["reports"], top["subtree"]["widest_span"]) == (2, 4, 2)
    assert top["subtree"]["average_span"] == 2
    assert (ops["own"]["layers_from"], ops["own"]["layers_to"], ops["own"]["layers"]) == (2, 3, 2)
    assert (loose["id"], loose["name"], loose["own"]["positions"]) == (None, "no unit", 1)
    # cost: known for 3 of the 4 positions in Top; managers (ceo, m) against the rest
    assert (top["subtree"]["cost"], top["subtree"]["cost_known"]) == (290000, 3)
    assert (top["subtree"]["managers_cost"], top["subtree"]["others_cost"]) == (240000, 50000)
    text = _by(run, "unit", path, fmt="text")
    assert "Cost: 330,000 EUR a year in pay (known for 4 of 5 positions); managers 240,000 EUR (73%), " \
           "the rest 90,000 EUR" in text
    assert "  Top " in text and "    Ops " in text and "no unit" in text
    table = list(csv.DictReader(io.StringIO(_by(run, "unit", path, fmt="csv"))))
    assert [(r["unit"], r["scope"], r["positions"]) for r in table] == [
        ("top", "own", "1"), ("top", "subtree", "4"), ("ops", "own", "3"), ("ops", "subtree", "3"),
        ("", "own", "1"), ("", "subtree", "1")]
    plain = run("stats", str(path)).out
    assert "Cost: 330,000 EUR a year in pay (known for 4 of 5 positions)" in plain
    assert "Units (each with the units below it):" in plain


def test_layers_mean_one_thing_in_stats_by_unit_diff_and_the_whole_model(run, tmp_path):
    """Care's head sits in layer 2 and its nurses in layer 4, below a team lead of another
    unit: a decision in Care passes 3 layers (2-4), though Care has nobody in layer 3."""
    model = {"organization": {"id": "x", "name": "X"},
             "units": [{"id": "top", "name": "Top"}, {"id": "care", "name": "Care", "parent": "top"},
                       {"id": "plan", "name": "Planning", "parent": "top"}],
             "people": [{"id": "ceo", "name": "Ceo", "unit": "top"},
                        {"id": "head", "name": "Head", "reports_to": "ceo", "unit": "care"},
                        {"id": "tl", "name": "Team lead", "reports_to": "head", "unit": "plan"},
                        {"id": "n1", "name": "N1", "reports_to": "tl", "unit": "care"},
                        {"id": "n2", "name": "N2", "reports_to": "tl", "unit": "care"}]}
    path = tmp_path / "m.org.json"
    path.write_text(json.dumps(model))
    care = _by(run, "unit", path)["rows"][1]
    assert (care["own"]["layers_from"], care["own"]["layers_to"], care["own"]["layers"]) == (2, 4, 3)
    assert re.search(r"\n    Care .* 2-4 ", _by(run, "unit", path, fmt="text"))
    stats = json.loads(run("stats", "--format", "json", str(path)).out)
    assert stats["hierarchy"] == {"layers": 4, "layers_from": 1, "layers_to": 4}
    diff = json.loads(run("diff", "--format", "json", str(path), str(path)).out)
    assert diff["shape"]["after"]["layers"] == 4
    assert [r["after"]["layers"] for r in diff["units_before_after"] if r["id"] == "care"] == [3]


def test_by_layer_matches_stats_layers(run):
    path = EXAMPLES / "command-and-control.org.json"
    rows = _by(run, "layer", path)["rows"]
    plain = json.loads(run("stats", "--format", "json", str(path)).out)["layers"]
    assert [(r["layer"], r["positions"], r["managers"], r["vacant"], r["fte"]) for r in rows] == [
        (r["layer"], r["people"], r["managers"], r["vacant"], r["fte"]) for r in plain]
    vacant = sum(1 for person in json.loads(path.read_text())["people"] if person.get("vacant"))
    assert sum(r["vacant"] for r in rows) == vacant == 2


def test_by_grade_without_grades_is_one_line_error(run):
    result = run("stats", "--by", "grade", str(EXAMPLES / "healthy.org.json"))
    assert result.code == 2
    assert "no position records a grade" in result.err
    assert "Traceback" not in result.err


def _uk_pay(senior, junior):
    """Grade and midpoint pay per position, counted with the csv module: a senior post's
    actual pay band as given, a junior band's pay scale midpoint times its FTE."""
    cost = {}
    with open(senior, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            low, high = row["Actual Pay Floor (£)"], row["Actual Pay Ceiling (£)"]
            try:
                low, high = float(low), float(high)
            except ValueError:
                continue
            if low > 0 and high >= low:
                cost.setdefault(row["Grade"], []).append((low + high) / 2)
    with open(junior, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            fte = float(row["Number of Posts in FTE"] or 0)
            low, high = float(row["Payscale Minimum (£)"]), float(row["Payscale Maximum (£)"])
            if fte > 0 and low > 0 and high >= low:
                cost.setdefault(row["Grade"], []).append((low + high) / 2 * fte)
    return cost


def test_uk_organogram_cost_per_layer_from_its_pay_scales(run, tmp_path):
    for part in ("senior", "junior"):
        shutil.copy(UK / f"Acas-Sep-13-{part}.csv", tmp_path / f"Acas-Sep-13-{part}.csv")
    senior = tmp_path / "Acas-Sep-13-senior.csv"
    lint = run("lint", str(senior))
    assert "Traceback" not in lint.err and lint.code in (0, 1)
    expected = _uk_pay(senior, tmp_path / "Acas-Sep-13-junior.csv")
    grades = _by(run, "grade", senior)
    assert grades["currency"] == "GBP"
    got = {r["grade"]: r["cost"] for r in grades["rows"] if r["cost"] is not None}
    assert got == pytest.approx({g: sum(v) for g, v in expected.items()}, abs=0.01 * 800)  # cents per position
    stats = json.loads(run("stats", "--format", "json", str(senior)).out)
    total = sum(sum(v) for v in expected.values())
    assert round(sum(r["cost"] or 0 for r in stats["layers"]), 0) == round(total, 0)
    assert stats["cost"]["cost"] == pytest.approx(total, abs=1)
    # five senior posts disclose no pay band (0): said, not counted as free
    assert stats["cost"]["positions"] - stats["cost"]["cost_known"] == 5
    text = run("stats", str(senior)).out
    assert f"Cost: {total:,.0f} GBP a year in pay (known for 789 of 794 positions)" in text
    header = next(line for line in text.splitlines() if line.strip().startswith("layer"))
    assert header.split() == ["layer", "people", "vacant", "FTE", "managers", "avg", "span", "cost", "cost",
                              "known"]


def test_report_has_the_unit_table_and_cost(run, tmp_path):
    model = {"organization": {"id": "x", "name": "X", "currency": "EUR"},
             "units": [{"id": "top", "name": "Top <b>"}, {"id": "ops", "name": "Ops", "parent": "top"}],
             "people": [{"id": "ceo", "name": "Ceo", "unit": "top", "cost": 150000},
                        {"id": "m", "name": "M", "reports_to": "ceo", "unit": "ops", "cost": 90000},
                        {"id": "v", "vacant": True, "reports_to": "m", "unit": "ops"}]}
    (tmp_path / "m.org.json").write_text(json.dumps(model))
    assert run("report", "m.org.json", "-o", "r.html").code == 0
    html = (tmp_path / "r.html").read_text()
    assert "<summary>Units (2; each with the units below it" in html
    assert "Top &lt;b&gt;" in html and "Top <b>" not in html
    # Ops: 2 positions, 2 in the unit, 1 vacant, 2 FTE, 1 manager (50%), span 1, layers 2-3, 90,000
    ops = html.split("<summary>Units", 1)[1].split(">Ops</", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="n">([^<]*)</td>', ops)
    assert cells[:10] == ["2", "2", "1", "2", "1", "50%", "1", "1", "2-3", "90,000"]
    assert "Cost: 240,000 EUR a year in pay (known for 2 of 3 positions)" in html


def test_a_deep_chain_of_units_gives_short_lines(run, tmp_path):
    units = [{"id": f"u{i}", "name": f"U{i}", **({"parent": f"u{i - 1}"} if i else {})} for i in range(2000)]
    model = {"organization": {"id": "x", "name": "X"}, "units": units,
             "people": [{"id": "p", "name": "P", "unit": "u1999"}]}
    (tmp_path / "chain.org.json").write_text(json.dumps(model))
    text = _by(run, "unit", tmp_path / "chain.org.json", fmt="text")
    figures, profile = text.split("Trust profile per unit")
    for part in (figures, profile):  # the figures, then each unit's pillar scores
        rows = [line for line in part.splitlines() if line.lstrip().startswith("U")]
        assert len(rows) == 2000 and max(len(line) for line in rows) < 120
    deepest = _by(run, "unit", tmp_path / "chain.org.json")["rows"][-1]
    assert (deepest["depth"], deepest["subtree"]["positions"]) == (1999, 1)
    top = _by(run, "unit", tmp_path / "chain.org.json")["rows"][0]
    assert (top["depth"], top["own"]["positions"], top["subtree"]["positions"]) == (0, 0, 1)

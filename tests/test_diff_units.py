"""`orgcheck diff` as a scenario view: FTE, cost, vacancies, managers and layers per
unit before → after, on two versions of a small model worked out by hand."""
import json

import pytest
from conftest import model_pair

OLD = {"organization": {"id": "x", "name": "X", "currency": "EUR"},
       "units": [{"id": "top", "name": "Top"}, {"id": "ops", "name": "Ops", "parent": "top"},
                 {"id": "sales", "name": "Sales", "parent": "top"}],
       "people": [{"id": "ceo", "name": "Ceo", "unit": "top", "cost": 150000},
                  {"id": "m", "name": "M", "reports_to": "ceo", "unit": "ops", "cost": 90000},
                  {"id": "m2", "name": "M2", "reports_to": "m", "unit": "ops", "cost": 80000},
                  {"id": "w", "name": "W", "reports_to": "m2", "unit": "ops", "cost": 50000},
                  {"id": "w2", "name": "W2", "reports_to": "m2", "unit": "ops", "cost": 50000},
                  {"id": "s", "name": "S", "reports_to": "ceo", "unit": "sales", "cost": 60000}]}


def proposal() -> dict:
    """The middle manager of Ops goes (its two people report to M), Sales opens a post."""
    new = json.loads(json.dumps(OLD))
    new["people"] = [p for p in new["people"] if p["id"] != "m2"]
    for p in new["people"]:
        if p.get("reports_to") == "m2":
            p["reports_to"] = "m"
    new["people"].append({"id": "v", "vacant": True, "reports_to": "s", "unit": "sales", "cost": 55000})
    return new


@pytest.fixture
def pair(tmp_path):
    return model_pair(tmp_path, OLD, proposal(), ("old.org.json", "new.org.json"), indent=1)


def test_json_has_each_unit_before_and_after(run, pair):
    result = run("diff", "--format", "json", *pair)
    units = {r["id"]: r for r in json.loads(result.out)["units_before_after"]}
    assert list(units) == ["top", "ops", "sales"]
    ops = units["ops"]
    assert (ops["before"]["positions"], ops["after"]["positions"]) == (4, 3)
    assert (ops["before"]["managers"], ops["after"]["managers"]) == (2, 1)
    assert (ops["before"]["layers"], ops["after"]["layers"]) == (3, 2)
    assert (ops["before"]["cost"], ops["after"]["cost"]) == (270000, 190000)
    assert (ops["before"]["fte"], ops["after"]["fte"]) == (4, 3)
    sales = units["sales"]
    assert (sales["before"]["vacant"], sales["after"]["vacant"]) == (0, 1)
    assert (sales["before"]["cost"], sales["after"]["cost"]) == (60000, 115000)
    assert units["top"]["after"]["cost"] == 455000 and units["top"]["changed"]
    shape = json.loads(result.out)["shape"]
    assert (shape["before"]["cost"], shape["after"]["cost"], shape["after"]["currency"]) == (480000, 455000, "EUR")


def test_text_shows_changed_units_with_arrows(run, pair):
    out = run("diff", *pair).out
    assert "Per unit (each with the units below it), before → after:" in out
    lines = out.splitlines()
    ops = next(line for line in lines if line.startswith("  Ops (ops)"))
    assert ops.split() == ["Ops", "(ops)", "4", "→", "3", "0", "4", "→", "3", "2", "→", "1", "3", "→", "2",
                           "270,000", "→", "190,000"]
    assert "  cost a year           480,000 455,000  *" in lines
    assert "  vacant positions            0       1  *" in lines
    # each unit's pillar scores (with the units below it) where they moved, and how many
    # of the pillar's indicators each score saw
    assert [line for line in lines if "trust profile" in line] == [
        "  Top: trust profile self-steering 17 (3/10) → 50 (3/10)",
        "  Ops: trust profile self-steering 25 (2/10) → 33 (2/10)",
        "  Sales: trust profile self-steering 100 (1/10) → 25 (2/10)"]


def test_markdown_table_per_unit(run, pair):
    out = run("diff", "--format", "markdown", *pair).out
    assert "| unit | positions | vacant | FTE | managers | layers | cost |" in out
    assert "| Sales (sales) | 1 → 2 | 0 → 1 | 1 → 2 | 0 → 1 | 1 → 2 | 60,000 → 115,000 |" in out
    assert "| cost a year | 480,000 | 455,000 |" in out


def test_new_and_removed_units_and_unchanged_ones(run, tmp_path):
    new = json.loads(json.dumps(OLD))
    new["units"].append({"id": "lab", "name": "Lab", "parent": "top"})
    new["people"].append({"id": "r", "name": "R", "reports_to": "ceo", "unit": "lab"})
    (tmp_path / "a.org.json").write_text(json.dumps(OLD))
    (tmp_path / "b.org.json").write_text(json.dumps(new))
    out = run("diff", "a.org.json", "b.org.json").out
    assert "  Lab (lab) (new)  - → 1" in out
    assert "  2 units unchanged" in out  # Ops and Sales: only Top (and the new Lab) changed
    back = run("diff", "b.org.json", "a.org.json").out
    assert "Lab (lab) (removed)" in back

"""Each unit's trust profile, its own and its subtree's (issue 21 item 5), through the
CLI: `stats --by unit` (text, json, csv), `stats` and the report."""
import json

from conftest import EXAMPLES

from orgcheck.testing import complete_model

# Division (the boss) above two teams: Wide, whose lead has 12 reports (OC101), and
# Calm, whose lead coaches 4.
MODEL = {
    "units": [{"id": "div", "name": "Division"},
              {"id": "wide", "name": "Wide", "parent": "div"},
              {"id": "calm", "name": "Calm", "parent": "div"}],
    "people": [{"id": "boss", "unit": "div", "manager_type": "supervisor"},
               {"id": "w", "unit": "wide", "reports_to": "boss"},
               *({"id": f"w{i}", "unit": "wide", "reports_to": "w"} for i in range(12)),
               {"id": "c", "unit": "calm", "reports_to": "boss", "manager_type": "coach"},
               *({"id": f"c{i}", "unit": "calm", "reports_to": "c"} for i in range(4))],
}


def _rows(run, tmp_path, model=MODEL):
    (tmp_path / "org.json").write_text(json.dumps(complete_model(model)))
    result = run("stats", "--by", "unit", "--format", "json", "org.json")
    assert result.code == 0, result.err
    return {r["id"]: r for r in json.loads(result.out)["rows"]}


def _reading(row, scope, pillar, ident):
    [found] = [i for i in row["profile"][scope][pillar]["indicators"] if i["id"] == ident]
    return found


def test_a_units_wide_span_shows_in_its_own_and_its_parents_scores(run, tmp_path):
    rows = _rows(run, tmp_path)
    wide = _reading(rows["wide"], "own", "self-steering", "managers-within-span")
    assert (wide["numerator"], wide["denominator"]) == (0, 1)
    calm = _reading(rows["calm"], "own", "self-steering", "managers-within-span")
    assert (calm["numerator"], calm["denominator"]) == (1, 1)
    division = _reading(rows["div"], "subtree", "self-steering", "managers-within-span")
    assert (division["numerator"], division["denominator"]) == (1, 3)  # boss (2 reports: narrow), w, c
    assert rows["wide"]["profile"]["own"]["self-steering"]["score"] < rows["calm"]["profile"]["own"][
        "self-steering"]["score"]
    coaching = _reading(rows["div"], "subtree", "self-steering", "coaching-managers")
    assert (coaching["numerator"], coaching["denominator"]) == (1, 3)


def test_the_units_own_readings_add_up_to_the_whole_profile(run, tmp_path):
    rows = _rows(run, tmp_path)
    whole = json.loads(run("stats", "--format", "json", "org.json").out)["profile"]
    for pillar, p in whole.items():
        for indicator in p["indicators"]:
            own = [_reading(r, "own", pillar, indicator["id"]) for r in rows.values() if r["profile"]]
            if all(o["reason"] == "counted for the whole organization only" for o in own):
                continue
            if indicator["status"] == "assessed":
                assert sum(o["numerator"] or 0 for o in own) == indicator["numerator"], indicator["id"]
                assert sum(o["denominator"] or 0 for o in own) == indicator["denominator"], indicator["id"]
            top = _reading(rows["div"], "subtree", pillar, indicator["id"])
            assert (top["numerator"] or 0, top["denominator"] or 0) == (indicator["numerator"] or 0,
                                                                        indicator["denominator"] or 0)


def test_a_unit_with_nothing_to_count_is_not_assessed_not_zero(run, tmp_path):
    rows = _rows(run, tmp_path)
    span = _reading(rows["div"], "own", "self-steering", "managers-within-span")
    assert (span["status"], span["numerator"], span["denominator"]) == ("assessed", 0, 1)  # the boss, narrow
    processes = _reading(rows["calm"], "own", "self-steering", "processes-not-approval-heavy")
    assert processes["status"] == "not assessed" and processes["reason"] == "nothing in the unit to count"
    roles = _reading(rows["calm"], "own", "professionalism", "roles-with-purpose")
    assert roles["reason"] == "counted for the whole organization only"
    assert rows["calm"]["profile"]["own"]["professionalism"] == {
        "score": None, "assessed": 0, "total": 5, "indicators": rows["calm"]["profile"]["own"]["professionalism"][
            "indicators"]}


def test_stats_by_unit_text_csv_and_the_report_show_each_units_scores(run, tmp_path):
    rows = _rows(run, tmp_path)
    own, sub = rows["wide"]["profile"]["own"]["self-steering"], rows["wide"]["profile"]["subtree"]["self-steering"]
    cell = f"{own['score']} ({own['assessed']}/{own['total']}) · {sub['score']} ({sub['assessed']}/{sub['total']})"
    text = run("stats", "--by", "unit", "org.json").out
    profile = text.split("Trust profile per unit: its own members · with the units below it")[1]
    [line] = [x for x in profile.splitlines() if x.strip().startswith("Wide")]
    assert line.split()[1:4] == cell.split()[:3]
    assert cell in line
    assert cell in run("stats", "org.json").out.split("Trust profile per unit")[1]
    table = run("stats", "--by", "unit", "--format", "csv", "org.json").out.splitlines()
    header = table[0].split(",")
    [wide_own] = [x.split(",") for x in table if x.startswith("wide,") and ",own," in x]
    assert wide_own[header.index("self_steering_score")] == str(own["score"])
    assert wide_own[header.index("self_steering_assessed")] == str(own["assessed"])
    run("report", "org.json", "-o", "r.html")
    html = (tmp_path / "r.html").read_text()
    assert f'<td class="n unit-score" data-pillar="self-steering">{cell}</td>' in html


def test_a_model_without_units_has_no_unit_profile(run, tmp_path):
    (tmp_path / "org.json").write_text(json.dumps(complete_model({"people": [{"id": "a"}, {"id": "b",
                                                                                           "reports_to": "a"}]})))
    assert "Trust profile per unit" not in run("stats", "org.json").out


def test_the_examples_units_have_profiles_that_add_up(run):
    out = json.loads(run("stats", "--by", "unit", "--format", "json",
                         str(EXAMPLES / "command-and-control.org.json")).out)
    units = [r for r in out["rows"] if r["id"] is not None]
    assert units and all(set(r["profile"]) == {"own", "subtree"} for r in units)
    assert any(r["profile"]["own"]["context"]["assessed"] for r in units)

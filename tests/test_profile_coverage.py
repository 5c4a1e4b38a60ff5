"""A trust profile that says how much it saw (issue 22 items 10-13), through the CLI:
import keeps "not assessed", an absent field is not a zero, every score carries its
coverage, and a pillar's indicators agree with its rules."""
import copy
import json

from conftest import ROOT

from orgcheck.testing import complete_model

BPMN = ROOT / "tests" / "data" / "realdata" / "bpmn-miwg-reference"

# A team with a purpose, a metric all its members see, and a process whose doers give
# and get feedback with a cadence: every context indicator whole.
TEAM = {
    "units": [{"id": "t1", "name": "Home Care", "type": "team", "purpose": "Care at home for the clients"}],
    "externals": [{"id": "client", "name": "Client"}],
    "people": [{"id": "a", "unit": "t1"}, {"id": "b", "unit": "t1", "reports_to": "a"},
               {"id": "c", "unit": "t1", "reports_to": "a"}, {"id": "d", "unit": "t1", "reports_to": "a"}],
    "processes": [{"id": "p", "name": "Care", "steps": [
        {"id": "w", "name": "Visit", "performer": "t1"},
        {"id": "f", "name": "Retrospective", "kind": "feedback", "performer": "t1", "cadence": "weekly"}],
        "flows": [{"from": "w", "to": "f"}, {"from": "f", "to": "w", "kind": "feedback"}]}],
    "metrics": [{"id": "m", "name": "Visits on time", "process": "p", "visible_to": ["t1"], "cadence": "weekly"}],
}


def _write(tmp_path, model, name="org.json"):
    path = tmp_path / name
    path.write_text(json.dumps(complete_model(model)))
    return str(path)


def _stats(run, path):
    result = run("stats", "--format", "json", path)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _indicator(stats, pillar, ident):
    [found] = [i for i in stats["profile"][pillar]["indicators"] if i["id"] == ident]
    return found


def _rules(run, path):
    return {f["rule"] for f in json.loads(run("lint", "--format", "json", "--exit-zero", path).out)["findings"]}


# -- item 10: import keeps "not assessed" ----------------------------------------------


def test_an_imported_bpmn_file_has_the_profile_of_the_source(run, tmp_path):
    source = str(BPMN / "C.4.0.bpmn")
    assert run("import", "bpmn", source, "-o", str(tmp_path / "c4.json")).code == 0
    written = json.loads((tmp_path / "c4.json").read_text())
    assert written["x-expresses"] == {"source": "BPMN", "parts": ["processes"]}
    direct, imported = _stats(run, source), _stats(run, str(tmp_path / "c4.json"))
    assert imported["profile"] == direct["profile"]
    assert imported["not_assessed"] == direct["not_assessed"]
    assert direct["profile"]["professionalism"]["score"] is None
    assert "  professionalism: not assessed (0 of 5 indicators)\n" in run("stats", str(tmp_path / "c4.json")).out


def test_an_imported_csv_and_yaml_records_have_the_profile_of_the_source(run, tmp_path):
    (tmp_path / "people.csv").write_text("id,name,reports_to\nceo,Ann,\na,Bo,ceo\nb,Cy,ceo\nc,Di,a\n")
    (tmp_path / "team").mkdir()
    for ident, boss in (("ann", None), ("bo", "ann"), ("cy", "ann"), ("di", "bo")):
        (tmp_path / "team" / f"{ident}.yml").write_text(f"id: {ident}\nname: {ident}\n"
                                                         + (f"reports_to: {boss}\n" if boss else ""))
    for kind, source in (("csv", "people.csv"), ("yaml", "team")):
        assert run("import", kind, source, "-o", f"{kind}.json").code == 0
        imported = _stats(run, str(tmp_path / f"{kind}.json"))
        reasons = {r["rule"]: r["reason"] for r in imported["not_assessed"]}
        assert reasons["OC301"].endswith("has no processes")
        if kind == "csv":  # a folder of records is only read through import
            direct = _stats(run, str(tmp_path / source))
            assert imported["profile"] == direct["profile"]
            assert imported["not_assessed"] == direct["not_assessed"]
        assert imported["profile"]["context"]["score"] is None


def test_a_model_that_states_nothing_is_assessed_on_every_part(run, tmp_path):
    run("import", "bpmn", str(BPMN / "C.4.0.bpmn"), "-o", str(tmp_path / "c4.json"))
    model = json.loads((tmp_path / "c4.json").read_text())
    del model["x-expresses"]  # the designer adds what BPMN cannot say, and drops the statement
    (tmp_path / "edited.json").write_text(json.dumps(model))
    stats = _stats(run, str(tmp_path / "edited.json"))
    assert stats["not_assessed"] == []
    # the lanes made roles: without the statement they are judged, as a designer's roles are
    roles = _indicator(stats, "professionalism", "roles-with-purpose")
    assert (roles["status"], roles["numerator"], roles["denominator"]) == ("assessed", 0, 2)
    # a statement naming no known part is no statement
    model["x-expresses"] = {"source": "BPMN", "parts": ["processes", "wishes"]}
    (tmp_path / "odd.json").write_text(json.dumps(model))
    assert _stats(run, str(tmp_path / "odd.json"))["not_assessed"] == []


def test_importing_into_a_whole_model_states_nothing(run, tmp_path):
    whole = _write(tmp_path, TEAM, "whole.json")
    assert run("import", "bpmn", str(BPMN / "C.4.0.bpmn"), "--into", whole).code == 0
    merged = json.loads((tmp_path / "whole.json").read_text())
    assert "x-expresses" not in merged and merged["processes"][0]["id"] == "p"
    assert _stats(run, whole)["not_assessed"] == []


# -- item 11: absent is not zero ------------------------------------------------------


def test_coaching_is_not_assessed_where_no_one_records_a_manager_type(run, tmp_path):
    stats = _stats(run, _write(tmp_path, TEAM))
    coaching = _indicator(stats, "self-steering", "coaching-managers")
    assert (coaching["status"], coaching["numerator"]) == ("not assessed", None)
    assert coaching["reason"] == "no one in the model has a manager type [manager_type]"


def test_coaching_is_assessed_once_one_manager_type_is_recorded(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["people"][0]["manager_type"] = "supervisor"
    coaching = _indicator(_stats(run, _write(tmp_path, model)), "self-steering", "coaching-managers")
    assert (coaching["status"], coaching["numerator"], coaching["denominator"]) == ("assessed", 0, 1)


def test_layers_are_not_assessed_on_fragments_only(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["people"][0]["reports_to"] = "someone-not-in-the-export"
    path = _write(tmp_path, model)
    trees = _indicator(_stats(run, path), "self-steering", "trees-within-layers")
    assert trees["status"] == "not assessed" and trees["reason"].startswith("every reporting tree in the model is a "
                                                                            "fragment")
    assert "OC104" not in _rules(run, path)


def test_layers_are_assessed_on_a_whole_tree(run, tmp_path):
    trees = _indicator(_stats(run, _write(tmp_path, TEAM)), "self-steering", "trees-within-layers")
    assert (trees["status"], trees["numerator"], trees["denominator"]) == ("assessed", 1, 1)


# -- item 12: coverage beside every score -----------------------------------------------


def test_a_bpmn_file_says_its_self_steering_score_saw_one_indicator(run, tmp_path):
    source = str(BPMN / "C.1.0.bpmn")
    pillar = _stats(run, source)["profile"]["self-steering"]
    assert (pillar["assessed"], pillar["total"]) == (1, 10)
    assert f"  self-steering: {pillar['score']} (1 of 10 indicators)\n" in run("stats", source).out
    assert f"  self-steering: {pillar['score']} (1 of 10 indicators)\n" in run(
        "lint", "--statistics", "--exit-zero", source).out
    assert "profile,self-steering,assessed,1\nprofile,self-steering,total,10\n" in run(
        "stats", "--format", "csv", source).out
    run("report", source, "-o", str(tmp_path / "r.html"))
    card = (tmp_path / "r.html").read_text().split('id="pillar-self-steering"')[1].split('class="pillar"')[0]
    assert '<span class="coverage muted">1 of 10 indicators</span>' in card


def test_a_whole_model_says_every_indicator_was_assessed(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["people"][0]["manager_type"] = "coach"
    path = _write(tmp_path, model)
    context = _stats(run, path)["profile"]["context"]
    assert (context["score"], context["assessed"], context["total"]) == (100, 4, 4)
    assert "  context: 100 (4 of 4 indicators)\n" in run("stats", path).out


# -- item 13: indicators agree with the rules -----------------------------------------------


def test_a_team_without_a_metric_its_members_see_has_no_direction(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["metrics"][0]["visible_to"] = ["a"]  # only the lead sees it
    path = _write(tmp_path, model)
    assert "OC307" in _rules(run, path)
    stats = _stats(run, path)
    teams = _indicator(stats, "context", "teams-with-direction")
    assert (teams["numerator"], teams["denominator"]) == (0, 1)
    assert teams["title"] == "teams with a purpose and a metric all their members see"
    assert stats["profile"]["context"]["score"] < 100


def test_a_team_with_purpose_and_a_shared_metric_has_direction(run, tmp_path):
    path = _write(tmp_path, TEAM)
    assert not _rules(run, path) & {"OC307", "OC301", "OC302", "OC303", "OC304", "OC308"}
    teams = _indicator(_stats(run, path), "context", "teams-with-direction")
    assert (teams["numerator"], teams["denominator"]) == (1, 1)


def test_a_pillar_with_a_warning_of_its_rules_does_not_read_100(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["processes"][0]["customer"] = "client"  # OC303: no feedback starts with the client
    path = _write(tmp_path, model)
    assert "OC303" in _rules(run, path)
    context = _stats(run, path)["profile"]["context"]
    assert all(i["value"] == 1 for i in context["indicators"])  # no indicator counts OC303's fact
    assert (context["score"], context["warnings"]) == (99, 1)
    assert "  context: 99 (4 of 4 indicators)\n" in run("lint", "--statistics", "--exit-zero", path).out


def test_a_waived_warning_leaves_the_pillar_at_100(run, tmp_path):
    model = copy.deepcopy(TEAM)
    model["processes"][0]["customer"] = "client"
    model["processes"][0]["waivers"] = [{"rule": "OC303", "reason": "the client is asked in the care plan talk"}]
    path = _write(tmp_path, model)
    assert "OC303" not in _rules(run, path)
    context = _stats(run, path)["profile"]["context"]
    assert (context["score"], context["warnings"]) == (100, 0)


def test_narrow_spans_of_a_partial_export_are_a_lower_bound_in_the_profile(run, tmp_path):
    import json as _json

    people = [{"id": "top", "name": "Top"}, {"id": "mia", "name": "Mia", "reports_to": "top"},
              {"id": "a", "name": "A", "reports_to": "mia"}, {"id": "b", "name": "B", "reports_to": "mia"},
              {"id": "c", "name": "C", "reports_to": "mia"}]
    whole = {"organization": {"id": "o", "name": "O"}, "people": people}
    partial = {"organization": {"id": "o", "name": "O"},
               "people": [*people, {"id": "x", "name": "X", "reports_to": "gone"}]}

    def reading(model):
        (tmp_path / "m.json").write_text(_json.dumps(model))
        out = _json.loads(run("stats", "--format", "json", "m.json").out)["profile"]["self-steering"]
        return next(i for i in out["indicators"] if i["id"] == "managers-within-span")

    # Top has one report (a one-over-one): a verdict on a whole export, a lower bound on a partial one
    assert (reading(whole)["numerator"], reading(whole)["denominator"]) == (1, 2)
    assert (reading(partial)["numerator"], reading(partial)["denominator"]) == (1, 1)

"""A label is not a redesign (issue 22 item 14): `orgcheck diff` lists changed manager
types, titles, roles and vacancies, and says when a score rose with no change in
reporting lines, units or processes."""
import copy
import json

from orgcheck.testing import complete_model

# A boss with 12 direct reports: OC101 fires for a manager without a type (bound 10),
# not for a facilitator (bound 15).
MODEL = {
    "roles": [{"id": "r-lead", "name": "Lead", "purpose": "Leads the team"},
              {"id": "r-coach", "name": "Coach", "purpose": "Coaches the team"}],
    "people": [{"id": "boss", "name": "Ann Boss", "title": "Team lead", "roles": ["r-lead"]},
               *({"id": f"p{i}", "name": f"Person {i}", "reports_to": "boss"} for i in range(12))],
}


def _pair(tmp_path, change):
    old, new = complete_model(MODEL), complete_model(copy.deepcopy(MODEL))
    change(new)
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    return str(tmp_path / "old.json"), str(tmp_path / "new.json")


def _relabel(model):
    boss = model["people"][0]
    boss.update(manager_type="facilitator", title="Facilitator", roles=["r-coach"])
    model["people"][1]["vacant"] = True
    del model["people"][1]["name"]


def test_relabelling_the_manager_is_listed_and_the_score_rise_is_called_a_label(run, tmp_path):
    old, new = _pair(tmp_path, _relabel)
    before = json.loads(run("lint", "--format", "json", "--exit-zero", old).out)["findings"]
    after = json.loads(run("lint", "--format", "json", "--exit-zero", new).out)["findings"]
    assert "OC101" in {f["rule"] for f in before} and "OC101" not in {f["rule"] for f in after}
    text = run("diff", old, new).out
    assert "People: 0 added, 0 removed, 0 moved\n" in text
    assert ("Labels changed (manager types, titles, roles, vacancies): 2\n"
            "  ~ Ann Boss (boss): manager type facilitator (was none); title Facilitator (was Team lead); "
            "roles r-coach (was r-lead)\n"
            "  ~ vacant position p0 (p0): post vacant (was filled)\n") in text
    result = json.loads(run("diff", "--format", "json", old, new).out)
    ss = result["profile"]["self-steering"]
    assert ss["after"] > ss["before"]
    assert result["labels"]["score_rose_without_redesign"] == [
        {"pillar": "self-steering", "before": ss["before"], "after": ss["after"]}]
    assert (f"! self-steering rose from {ss['before']} to {ss['after']} with no change in reporting lines, "
            "units or processes: only labels changed; a label is not a redesign\n") in text
    assert result["labels"]["changed"][0]["changes"]["manager_type"] == {"before": None, "after": "facilitator"}
    markdown = run("diff", "--format", "markdown", old, new).out
    assert "- Ann Boss (boss): manager type facilitator (was none)" in markdown
    assert "> **self\\-steering rose from" in markdown  # escaped: the pillar is text from the diff


def test_a_real_move_with_the_relabel_is_no_label_only_rise(run, tmp_path):
    def redesign(model):
        _relabel(model)
        model["people"].append({"id": "lead2", "name": "Second Lead", "reports_to": "boss"})
        for p in model["people"][8:13]:
            p["reports_to"] = "lead2"

    old, new = _pair(tmp_path, redesign)
    result = json.loads(run("diff", "--format", "json", old, new).out)
    assert result["people"]["moved"] and result["labels"]["changed"]
    assert result["labels"]["score_rose_without_redesign"] == []
    assert "a label is not a redesign" not in run("diff", old, new).out


def test_no_label_changed_says_nothing_about_labels(run, tmp_path):
    old, new = _pair(tmp_path, lambda model: model["people"][2].update(name="Renamed Person"))
    text = run("diff", old, new).out
    assert "Labels changed" not in text and "a label is not a redesign" not in text
    result = json.loads(run("diff", "--format", "json", old, new).out)
    assert result["labels"] == {"changed": [], "processes_changed": False, "score_rose_without_redesign": []}

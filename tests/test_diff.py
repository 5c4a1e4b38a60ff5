"""`orgcheck diff`: a reorganization under review, two files or a model against git."""
import json

import pytest
from conftest import EXAMPLES, git, model_pair

BEFORE = {
    "organization": {"id": "acme", "name": "Acme"},
    "units": [{"id": "ops", "name": "Operations"}, {"id": "sales", "name": "Sales"},
              {"id": "east", "name": "East", "parent": "sales"}],
    "people": [
        {"id": "ann", "name": "Ann"},
        {"id": "bo", "name": "Bo", "reports_to": "ann", "unit": "ops"},
        {"id": "cy", "name": "Cy", "reports_to": "bo", "unit": "ops"},
        {"id": "di", "name": "Di", "reports_to": "bo", "unit": "ops"},
        {"id": "ed", "name": "Ed", "reports_to": "bo", "unit": "ops"},
        {"id": "fay", "name": "Fay", "reports_to": "ann", "unit": "sales"},
        {"id": "gus", "name": "Gus", "reports_to": "fay", "unit": "sales"},
        {"id": "hal", "name": "Hal", "reports_to": "fay", "unit": "sales"},
        {"id": "ivy", "name": "Ivy", "reports_to": "fay", "unit": "sales"},
        {"id": "jo", "name": "Jo", "reports_to": "ann", "unit": "sales"},
    ],
}


def after() -> dict:
    """Jo leaves, Kim joins under Bo, Ivy moves to Operations, East moves under Operations,
    and Fay is left with two reports (a new span-too-narrow)."""
    model = json.loads(json.dumps(BEFORE))
    people = [p for p in model["people"] if p["id"] != "jo"]
    for p in people:
        if p["id"] == "ivy":
            p["reports_to"], p["unit"] = "bo", "ops"
    people.insert(0, {"id": "kim", "name": "Kim", "reports_to": "bo", "unit": "ops"})  # lines move
    model["people"] = people
    model["units"][2]["parent"] = "ops"
    return model


@pytest.fixture
def pair(tmp_path):
    model_pair(tmp_path, BEFORE, after(), ("old.org.json", "new.org.json"))


def test_diff_text_shows_people_units_spans_and_findings(run, pair):
    result = run("diff", "old.org.json", "new.org.json")
    out = result.out
    assert out.startswith("Comparing old.org.json (before) with new.org.json (after)\n")
    assert "People: 1 added, 1 removed, 1 moved\n" in out
    assert "  + Kim (kim): reports to Bo, in Operations\n" in out
    assert "  - Jo (jo): reported to Ann, in Sales\n" in out
    assert "  ~ Ivy (ivy): reports to Bo (was Fay); in Operations (was Sales)\n" in out
    assert "Units: 0 added, 0 removed, 1 re-parented\n  ~ East (east): under Operations (was Sales)\n" in out
    assert "  managers                    3       3\n" in out
    assert "  spans narrow                0       2  *\n" in out
    assert "    Bo (bo): 3 (within) → 5 (within)\n" in out
    assert "    Fay (fay): 3 (within) → 2 (narrow)\n" in out
    assert "    Ann (ann): 3 (within) → 2 (narrow)\n" in out
    assert "Findings: 2 introduced, 0 resolved, 0 unchanged\n" in out
    assert "introduced:\n  new.org.json:" in out and "OC102 span-too-narrow [warning] Fay has 2 direct reports" in out
    assert result.code == 1  # the new design introduces warnings


def test_findings_match_by_rule_and_entity_not_line(run, tmp_path):
    model = json.loads((EXAMPLES / "command-and-control.org.json").read_text())
    (tmp_path / "old.org.json").write_text(json.dumps(model, indent=2))
    model["people"].insert(0, model["people"].pop())  # every person's line moves
    (tmp_path / "new.org.json").write_text(json.dumps(model, indent=1))
    result = run("diff", "--format", "json", "old.org.json", "new.org.json")
    data = json.loads(result.out)
    assert data["findings"]["introduced"] == [] and data["findings"]["resolved"] == []
    assert len(data["findings"]["unchanged"]) == 52
    assert data["people"] == {"added": [], "removed": [], "moved": []}
    assert result.code == 0


def test_fail_on_decides_the_exit_status(run, pair):
    assert run("diff", "old.org.json", "new.org.json").code == 1
    assert run("diff", "--fail-on", "error", "old.org.json", "new.org.json").code == 0
    # the reverse change only resolves findings: never a failure
    assert run("diff", "--fail-on", "info", "new.org.json", "old.org.json").code == 0


def test_fail_on_defaults_to_the_config(run, pair, tmp_path):
    (tmp_path / "orgcheck.toml").write_text('fail-on = "error"\n')
    assert run("diff", "old.org.json", "new.org.json").code == 0


def test_json_and_markdown(run, pair):
    data = json.loads(run("diff", "--format", "json", "old.org.json", "new.org.json").out)
    assert [p["id"] for p in data["people"]["added"]] == ["kim"]
    assert data["people"]["moved"] == [{"id": "ivy", "name": "Ivy",
                                        "manager": {"before": {"id": "fay", "name": "Fay"},
                                                    "after": {"id": "bo", "name": "Bo"}},
                                        "unit": {"before": {"id": "sales", "name": "Sales"},
                                                 "after": {"id": "ops", "name": "Operations"}}}]
    assert data["shape"]["before"]["layers"] == data["shape"]["after"]["layers"] == 3
    assert {f["entity"] for f in data["findings"]["introduced"]} == {"ann", "fay"}
    md = run("diff", "--format", "markdown", "old.org.json", "new.org.json").out
    assert md.startswith("### orgcheck diff: old\\.org\\.json → new\\.org\\.json\n")
    assert "| spans narrow | 0 | 2 |\n" in md and "**Introduced:**" in md


def test_base_reads_the_old_version_from_git(run, tmp_path):
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    model = repo / "models" / "org.json"
    model.write_text(json.dumps(BEFORE, indent=2))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "today's organization")
    git(repo, "checkout", "-q", "-b", "reorg")
    model.write_text(json.dumps(after(), indent=2))
    result = run("diff", "--base", "main", "models/org.json", cwd=repo)
    assert result.out.startswith("Comparing main:models/org.json (before) with models/org.json (after)\n")
    assert "Findings: 2 introduced, 0 resolved, 0 unchanged\n" in result.out
    assert result.code == 1
    # from inside the folder, and against a commit id
    assert run("diff", "--base", "HEAD", "org.json", cwd=repo / "models").code == 1
    # a model that is new since the base: everything is introduced
    (repo / "models" / "sales.org.json").write_text(json.dumps(BEFORE))
    new = run("diff", "--base", "main", "models/sales.org.json", cwd=repo)
    assert "People: 10 added, 0 removed, 0 moved" in new.out
    assert new.err == "orgcheck: models/sales.org.json is new since main: comparing with an empty organization\n"


def test_mistakes_are_one_line_errors(run, pair, tmp_path):
    assert run("diff", "old.org.json").err == ("orgcheck: error: diff takes OLD and NEW (or --base REF MODEL); "
                                               "got 1 path\n")
    bad = run("diff", "--base", "main", "old.org.json", "new.org.json")
    assert bad.code == 2 and "compares one MODEL" in bad.err
    outside = run("diff", "--base", "main", "new.org.json")
    assert outside.code == 2 and outside.err.startswith("orgcheck: error: new.org.json: not in a git repository")
    git(tmp_path, "init", "-q")
    unknown = run("diff", "--base", "nope", "new.org.json")
    assert unknown.code == 2 and unknown.err.startswith("orgcheck: error: --base nope: no such commit")
    (tmp_path / "broken.org.json").write_text("{")
    broken = run("diff", "old.org.json", "broken.org.json")
    assert broken.code == 2 and "not a valid org model" in broken.err and "Traceback" not in broken.err

"""The rules on the real-data copies, held against the independent counts
(organogram_counts.py, realdata_counts.py: the csv module and PyYAML, no orgcheck code).

- UK organograms: OC101 fires only on posts with more than 10 named direct reports,
  and no file gives more OC008 findings than its extra senior tops plus one for the
  junior rows that name no post (one finding per fact);
- GitLab team page (a partial export): the fragment below a missing manager is summed
  up as a fragment by ``stats`` and never judged by OC104.
"""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from organogram_counts import oc008_bound, orphan_junior_rows, posts_with_more_than
from realdata_counts import gitlab_fragment_people, gitlab_fragments, gitlab_people

REAL = ROOT / "tests" / "data" / "realdata"
UK = sorted((REAL / "uk-gov-organograms").glob("*-senior.csv"))
GITLAB = REAL / "gitlab-team-2022" / "data" / "team_members"


def findings(run, *args: str) -> list[dict]:
    result = run("lint", "--format", "json", *(args if "--config" in args else ("--isolated", *args)))
    assert result.code in (0, 1) and "Traceback" not in result.err, result.err
    return json.loads(result.out)["findings"]



@pytest.mark.parametrize("senior", UK, ids=lambda p: p.name[: -len("-senior.csv")])
def test_uk_oc101_only_on_wide_posts_and_oc008_within_its_bound(run, senior):
    found = findings(run, "--select", "OC101,OC008", str(senior))
    oc101 = {f["entity"] for f in found if f["rule"] == "OC101"}
    assert oc101 == set(posts_with_more_than(str(senior), 10))
    oc008 = [f for f in found if f["rule"] == "OC008"]
    assert len(oc008) <= oc008_bound(str(senior))
    orphans = orphan_junior_rows(str(senior))
    banded = [f for f in oc008 if "grade band" in f["message"]]
    assert len(banded) == (1 if orphans else 0)
    if orphans:
        assert f"{orphans} grade bands of staff" in banded[0]["message"]
        assert banded[0]["file"].endswith("-junior.csv")


def test_gitlab_fragment_is_summed_up_and_never_judged_by_oc104(run, tmp_path):
    people = gitlab_people(str(GITLAB))
    assert gitlab_fragments(str(GITLAB)) == ["pcalder"]
    imported = run("import", "yaml", str(GITLAB), "--map", "title=role", "-o", "gl.org.json")
    assert imported.code == 0, imported.err
    stats = json.loads(run("stats", "--format", "json", "gl.org.json").out)
    done = stats["completeness"]
    assert (done["positions"], done["in_fragments"], done["fragments"], done["complete"]) == (
        len(people), gitlab_fragment_people(str(GITLAB)), 1, 0)
    assert stats["trees"] == []
    # With no slack, 6 positions may have 2 layers; the fragment has 3, yet is not judged ...
    (tmp_path / "orgcheck.toml").write_text("[rules.too-many-layers]\nslack = 0\n")
    assert [f["rule"] for f in findings(run, "--config", "orgcheck.toml", "--select", "OC104", "gl.org.json")] == []
    # ... while the same people as a whole organization (the missing manager's line cut) are
    model = json.loads((tmp_path / "gl.org.json").read_text())
    head = next(p for p in model["people"] if p["id"] == "pcalder")
    del head["reports_to"]
    (tmp_path / "whole.org.json").write_text(json.dumps(model))
    found = findings(run, "--config", "orgcheck.toml", "--select", "OC104", "whole.org.json")
    assert [(f["rule"], f["entity"]) for f in found] == [("OC104", "pcalder")]

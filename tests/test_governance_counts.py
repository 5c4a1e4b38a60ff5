"""The governance rules on the real org models kept as code (the copies in
tests/data/realdata), against counts made with tomllib and PyYAML alone
(tests/governance_counts.py): each finding names exactly the team, group or person the
files say, and the profile counts the same teams."""
from __future__ import annotations

import json

import governance_counts
from conftest import ROOT

REAL = ROOT / "tests" / "data" / "realdata"
RULES = {"OC509": "one_person", "OC510": "leads_over", "OC511": "members_over", "OC512": "without_lead"}


def _lint(run, folder):
    result = run("lint", "--isolated", "--format", "json", "--select", "OC514,OC010,OC509,OC510,OC511,OC512,OC513",
                 "--extend-select", "OC514", str(folder))
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def test_the_rust_lang_teams_governance_matches_the_toml(run):
    counted = governance_counts.rust_team(str(REAL / "rust-lang-team"))
    found = _lint(run, REAL / "rust-lang-team")
    for code, key in RULES.items():
        assert sorted(f["entity"] for f in found if f["rule"] == code) == counted[key], code
    # the upstream validator keeps the record consistent: no alumnus is current, every lead a member
    assert counted["former_and_current"] == counted["lead_not_member"] == []
    assert not [f for f in found if f["rule"] in ("OC514", "OC010")]
    # every finding at its own TOML file, teams at teams/<name>.toml, people at people/<login>.toml
    assert all(f["file"].endswith(".toml") and f["line"] >= 1 for f in found)
    assert (len(counted["one_person"]), len(counted["leads_over"]), len(counted["members_over"]),
            len(counted["without_lead"])) == (12, 8, 9, 7)
    stats = json.loads(run("stats", "--isolated", "--format", "json", str(REAL / "rust-lang-team")).out)
    [resting] = [i for i in stats["profile"]["self-steering"]["indicators"]
                 if i["id"] == "units-not-resting-on-one-person"]
    judged = len(counted["judged"])
    assert (resting["numerator"], resting["denominator"]) == (judged - len(counted["one_person"]), judged)
    # the folder records no end dates: OC513 is not assessed, not passed
    assert any(r["rule"] == "OC513" for r in stats["not_assessed"])


def test_a_backstage_catalog_names_no_leads_and_no_team_rests_on_one_person(run):
    counted = governance_counts.backstage(str(REAL / "backstage-acme"))
    found = _lint(run, REAL / "backstage-acme")
    assert [f["rule"] for f in found] == []
    assert all(counted[key] == [] for key in RULES.values())
    assert len(counted["judged"]) == 4  # team-a, team-b, team-c (5 each), team-d (2); team-e has nobody
    stats = json.loads(run("stats", "--isolated", "--format", "json", str(REAL / "backstage-acme")).out)
    load = {i["id"]: i for i in stats["profile"]["self-steering"]["indicators"]}["leads-within-load"]
    assert (load["status"], load["reason"]) == ("not assessed", "no team or group in the model names a lead [lead]")


def test_gitlabs_departments_are_hierarchy_not_self_organizing_groups(run):
    assert _lint(run, REAL / "gitlab-team-2022") == []

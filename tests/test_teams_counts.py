"""orgcheck's stats on org models kept as code against counts made with tomllib and
PyYAML alone (tests/teams_counts.py), on the copies in tests/data/realdata."""
import json

import pytest
import teams_counts
from conftest import ROOT

REAL = ROOT / "tests" / "data" / "realdata"
KEYS = ("units", "archived", "memberships", "people_in_several_units", "units_with_lead", "leads",
        "former_memberships")
SOURCES = {"rust-lang-team": lambda p: teams_counts.rust_team(str(p)),
           "kubernetes-community": lambda p: teams_counts.k8s_sigs(str(p / "sigs.yaml")),
           "backstage-acme": lambda p: teams_counts.backstage(str(p))}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_stats_memberships_equal_the_independent_counts(run, name):
    counted = SOURCES[name](REAL / name)
    result = run("stats", "--format", "json", str(REAL / name))
    assert result.code == 0, result.err
    figures = json.loads(result.out)
    got = figures["memberships"]
    assert {k: got[k] for k in KEYS} == {k: counted[k] for k in KEYS}
    assert (got["most_memberships"] or {}).get("count", 0) == counted["most_memberships"]
    # none of these sources records a reporting line: no layer is counted on them
    assert figures["reporting_lines"]["recorded"] is False
    found = json.loads(run("lint", "--format", "json", str(REAL / name)).out)["findings"]
    assert sum(1 for f in found if f["rule"] == "OC003" and "members" in f["message"]) == counted["dangling"]
    assert not [f for f in found if f["rule"] in ("OC101", "OC102", "OC103", "OC104", "OC105")]


def test_the_counts_on_a_hand_made_rust_folder(tmp_path):
    from test_org_as_code import rust_folder

    counted = teams_counts.rust_team(str(rust_folder(tmp_path / "team")))
    # lang: ana (lead), cy (boo is nobody), former dee is nobody; lang-docs: bo; old is retired
    assert {k: counted[k] for k in ("units", "archived", "memberships", "dangling", "units_with_lead", "leads",
                                    "former_memberships")} == {
        "units": 2, "archived": 1, "memberships": 3, "dangling": 1, "units_with_lead": 1, "leads": 1,
        "former_memberships": 0}

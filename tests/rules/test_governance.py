"""OC010, OC011, OC509-OC514: governance of self-organizing structures (plugins/governance.py)."""
from __future__ import annotations

import json

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model, profile_of

PEOPLE = [{"id": i, "name": n} for i, n in (("ann", "Ann Aalders"), ("bo", "Bo Berg"), ("cy", "Cy Chan"),
                                            ("di", "Di Dekker"), ("ed", "Ed Eng"), ("fay", "Fay Fox"))]


def model(*units, people=None):
    return {"people": list(PEOPLE if people is None else people), "units": list(units)}


def lead(person):
    return {"person": person, "role": "lead"}


# -- OC509 unit-rests-on-one-person ----------------------------------------------------------


def test_a_group_of_one_rests_on_that_person():
    report = lint_model(model(
        {"id": "regex", "name": "regex", "type": "team", "members": [lead("ann")]},
        {"id": "wg-asm", "name": "wg-asm", "type": "working-group", "members": ["bo"]},
        # a lead from outside and nobody else: the unit rests on the lead
        {"id": "pg-x", "name": "pg-x", "type": "project-group", "lead": "cy"}), select=["OC509"])
    found = assert_fires(report, "OC509", entities=["regex", "wg-asm", "pg-x"], severity="warning")
    assert found[0].message == (
        "team 'regex' rests on one person (Ann Aalders): when they are away or leave, its work stops and nobody "
        "can take over; add a second member who shares the work, or merge it with the team it works with most")
    assert "working-group 'wg-asm' rests on one person (Bo Berg)" in found[1].message


def test_a_second_member_a_grouping_an_empty_unit_or_a_department_is_no_single_point_of_failure():
    report = lint_model(model(
        {"id": "pair", "name": "pair", "type": "team", "members": [lead("ann"), "bo"]},
        # the lead's only member is themselves, but the sub-team has people who can take over
        {"id": "pad", "name": "launching-pad", "type": "team", "members": [lead("cy")]},
        {"id": "sub", "name": "social", "type": "team", "parent": "pad", "members": ["di", "ed"]},
        {"id": "empty", "name": "web", "type": "team"},
        {"id": "alumni-only", "name": "old", "type": "team", "former_members": ["fay"]},
        {"id": "office", "name": "Office of the CEO", "type": "department", "members": ["fay"]},
        # one filled position and a vacancy: still one person; an aggregate of two is two
        {"id": "agg", "name": "support", "type": "team"},
    ), select=["OC509"])
    assert_silent(report, "OC509")


def test_an_aggregate_position_is_the_people_it_stands_for():
    people = [*PEOPLE, {"id": "pool", "name": "Support pool", "fte": 2, "x-aggregate": True, "unit": "support"}]
    units = [{"id": "support", "name": "support", "type": "team"}]
    assert_silent(lint_model(model(*units, people=people), select=["OC509"]), "OC509")
    people[-1]["fte"] = 1
    assert_fires(lint_model(model(*units, people=people), select=["OC509"]), "OC509", entities=["support"])


# -- OC510 leads-too-many-units / OC511 member-of-too-many-units ---------------------------


def _led_by_ann(n):
    return [{"id": f"t{i}", "name": f"team {i}", "type": "team", "members": [lead("ann"), "bo"]} for i in range(n)]


def test_a_person_leading_more_than_three_groups_is_reported_once():
    report = lint_model(model(*_led_by_ann(4)), select=["OC510"])
    [finding] = assert_fires(report, "OC510", entities=["ann"], severity="info")
    assert finding.message == (
        "Ann Aalders leads 4 teams and groups (team 0, team 1, team 2 and team 3), more than 3 one can lead "
        "attentively: hand the lead of some to another member, or merge units they lead anyway")


def test_three_groups_or_a_raised_bound_is_within_the_lead_load():
    report = lint_model(model(*_led_by_ann(3)), select=["OC510"])
    assert_silent(report, "OC510")
    assert_silent(lint_model(model(*_led_by_ann(4)), select=["OC510"], options={"OC510": {"max_led": 4}}), "OC510")
    # a chair leads, a unit's `lead` leads; an archived group or a department does not count
    units = [{"id": "c", "name": "sig", "type": "working-group", "members": [{"person": "ann", "role": "chair"}]},
             {"id": "d", "name": "dept", "type": "department", "lead": "ann"}, *_led_by_ann(2)]
    assert_silent(lint_model(model(*units), select=["OC510"]), "OC510")
    assert_fires(lint_model(model(*units, {"id": "e", "name": "e", "type": "circle", "lead": "ann"}),
                            select=["OC510"]), "OC510", contains="(sig, team 0, team 1 and e)")


def test_a_person_in_more_than_five_groups_is_reported_once():
    units = [{"id": f"t{i}", "name": f"t{i}", "type": "team", "members": ["bo", "cy"]} for i in range(6)]
    report = lint_model(model(*units), select=["OC511"])
    found = assert_fires(report, "OC511", entities=["bo", "cy"], severity="info")
    assert found[0].message.startswith("Bo Berg is a member of 6 teams and groups (t0, t1, t2, t3, t4 and t5), "
                                       "more than the 5 one can contribute to")


def test_five_groups_former_memberships_sub_teams_and_departments_are_within_the_membership_load():
    units = [{"id": f"t{i}", "name": f"t{i}", "type": "team", "members": ["bo"]} for i in range(5)]
    units += [{"id": "old", "name": "old", "type": "team", "former_members": ["bo"]},
              {"id": "dept", "name": "dept", "members": ["bo"]},
              # the sign-off group of t0, a sub-team of it: part of t0's work, not a sixth team
              {"id": "t0-fcp", "name": "t0-fcp", "type": "team", "parent": "t0", "members": ["bo"]}]
    report = lint_model(model(*units), select=["OC511"])
    assert_silent(report, "OC511")
    [finding] = assert_fires(lint_model(model(*units), select=["OC511"], options={"OC511": {"max": 4}}), "OC511",
                             entities=["bo"])
    assert "is a member of 5 teams and groups (t0, t1, t2, t3 and t4)" in finding.message


# -- OC512 unit-without-lead ----------------------------------------------------------------


def test_a_group_with_members_and_no_lead_is_reported_where_the_model_records_leads():
    report = lint_model(model(
        {"id": "lang", "name": "lang", "type": "team", "members": [lead("ann"), "bo"]},
        {"id": "wg-x", "name": "wg-x", "type": "working-group", "members": ["bo", "cy"]},
        {"id": "sig", "name": "sig-docs", "type": "working-group", "members": [{"person": "di", "role": "chair"}]},
        {"id": "empty", "name": "empty", "type": "team"},
        # a sub-group of a led team is convened through it
        {"id": "lang-fcp", "name": "lang-fcp", "type": "team", "parent": "lang", "members": ["bo", "cy"]},
        # a team that declares it steers itself shares the lead by design
        {"id": "nurses", "name": "nurses", "type": "team", "self_organizing": True, "members": ["ed", "fay"]}),
        select=["OC512"])
    [finding] = assert_fires(report, "OC512", entities=["wg-x"], severity="info")
    assert finding.message == (
        "working-group 'wg-x' has 2 members and no lead or chair: nobody convenes it or speaks for it to other "
        "groups; name a lead or chair among its members (role: lead or chair)")


def test_a_model_that_names_no_lead_anywhere_says_nothing_about_leads():
    # a Backstage catalog lists members only: not a finding per group
    report = lint_model(model({"id": "a", "name": "a", "type": "team", "members": ["bo", "cy"]},
                              {"id": "b", "name": "b", "type": "team", "members": ["di", "ed"]}), select=["OC512"])
    assert_silent(report, "OC512")


# -- OC513 temporary-unit-without-end ---------------------------------------------------


def test_a_working_group_without_an_end_date_is_reported():
    text = json.dumps({"organization": {"id": "o", "name": "O"}, "people": [], "units": [
        {"id": "wg-async", "name": "wg-async", "type": "working-group"},
        {"id": "pg", "name": "project-x", "type": "project-group", "until": "2026-06-30"},
        {"id": "lang", "name": "lang", "type": "team"}]}, indent=2)
    report = lint_model(text, select=["OC513"])
    [finding] = assert_fires(report, "OC513", entities=["wg-async"], severity="info",
                             lines=[line_of(text, '"wg-async"') - 1])  # at the unit's opening brace
    assert finding.message.startswith("working-group 'wg-async' has no end date [until]: ")


def test_a_group_with_an_end_date_or_a_team_is_silent_and_a_source_without_dates_is_not_assessed():
    units = [{"id": "wg", "name": "wg", "type": "working-group", "until": "2027-01-31"},
             {"id": "t", "name": "t", "type": "team"},
             {"id": "old", "name": "old", "type": "project-group", "archived": True}]
    assert_silent(lint_model(model(*units), select=["OC513"]), "OC513")
    report = lint_model(model({"id": "wg", "name": "wg", "type": "working-group"}), select=["OC513"],
                        expresses=frozenset({"people", "units"}))
    assert_silent(report, "OC513")
    [(path, skipped)] = report.not_assessed.items()
    assert ("OC513", "this source has no end dates of temporary units (working groups, project groups)") in skipped


# -- OC514 lead-outside-unit / OC010 former-member-listed-as-current ---------------------------


def test_a_lead_outside_the_unit_is_reported_when_enabled():
    text = json.dumps({"organization": {"id": "o", "name": "O"}, "people": PEOPLE, "units": [
        {"id": "docs", "name": "Docs", "type": "team", "lead": "ann", "members": ["bo", "cy"]}]}, indent=2)
    [finding] = assert_fires(lint_model(text, select=["OC514"]), "OC514", entities=["docs"], severity="warning",
                             lines=[line_of(text, '"lead": "ann"')])
    assert finding.message.startswith("team 'Docs' is led by Ann Aalders, who is not one of its members")


def test_a_lead_listed_among_the_members_or_a_unit_without_members_is_silent():
    report = lint_model(model({"id": "a", "name": "a", "type": "team", "lead": "ann", "members": ["ann", "bo"]},
                              {"id": "b", "name": "b", "type": "team", "lead": "cy"},
                              {"id": "c", "name": "c", "type": "team", "members": [lead("di"), "ed"]}),
                        select=["OC514"])
    assert_silent(report, "OC514")


def test_a_former_member_still_listed_is_an_error_at_the_former_member_entry():
    text = json.dumps({"organization": {"id": "o", "name": "O"}, "people": PEOPLE, "units": [
        {"id": "docs", "name": "Docs", "type": "team", "members": ["ann", "bo"], "former_members": ["cy", "bo"]},
        {"id": "ops", "name": "Ops", "type": "team", "lead": "di", "former_members": ["di"]}]}, indent=2)
    found = assert_fires(lint_model(text, select=["OC010"]), "OC010", entities=["docs", "ops"], severity="error",
                         lines=[line_of(text, '"bo"', 3), line_of(text, '"di"', 3)])
    assert found[0].message == (
        "Bo Berg is listed as a former member of Docs [former_members] but is still one of its members: remove "
        "them from the former members if they are back, or from the members if they left")


def test_former_members_who_are_not_current_are_silent():
    report = lint_model(model({"id": "docs", "name": "Docs", "type": "team", "members": ["ann"],
                               "former_members": ["bo", {"person": "cy", "role": "lead"}]}), select=["OC010"])
    assert_silent(report, "OC010")


# -- OC011 archived-unit-with-members --------------------------------------------------------


def test_an_archived_unit_with_current_members_is_an_error():
    report = lint_model(model(
        {"id": "wg-old", "name": "Old WG", "type": "working-group", "archived": True, "members": ["ann", "bo"]},
        {"id": "t-old", "name": "Old team", "type": "team", "archived": True, "lead": "cy"}), select=["OC011"])
    found = assert_fires(report, "OC011", entities=["wg-old", "t-old"], severity="error")
    assert found[0].message == (
        "Old WG is archived but still lists 2 current members (Ann Aalders and Bo Berg): move them to its former "
        "members [former_members], or remove [archived] if the unit is active again")
    assert found[1].message.startswith("Old team is archived but still lists 1 current member (Cy Chan): ")


def test_an_archived_unit_with_only_former_members_or_a_live_unit_with_members_is_silent():
    report = lint_model(model(
        {"id": "wg-old", "name": "Old WG", "type": "working-group", "archived": True, "former_members": ["ann"]},
        {"id": "live", "name": "Live", "type": "team", "members": ["ann", "bo"]}), select=["OC011"])
    assert_silent(report, "OC011")


# -- the trust profile --------------------------------------------------------------------


def test_the_profile_counts_groups_resting_on_one_person_and_leads_over_their_load():
    profile = profile_of(model(*_led_by_ann(4), {"id": "solo", "name": "solo", "type": "team", "members": ["cy"]}))
    [pillar] = [p for p in profile.pillars if p.pillar == "self-steering"]
    readings = {r.id: r for r in pillar.readings}
    resting = readings["units-not-resting-on-one-person"]
    assert (resting.numerator, resting.denominator) == (4, 5)
    load = readings["leads-within-load"]
    assert (load.numerator, load.denominator) == (0, 1)


def test_the_lead_load_is_not_assessed_where_no_group_names_a_lead():
    profile = profile_of(model({"id": "a", "name": "a", "type": "team", "members": ["bo", "cy"]}))
    [pillar] = [p for p in profile.pillars if p.pillar == "self-steering"]
    readings = {r.id: r for r in pillar.readings}
    assert readings["leads-within-load"].status == "not assessed"
    assert readings["leads-within-load"].reason == "no team or group in the model names a lead [lead]"
    assert readings["units-not-resting-on-one-person"].numerator == 1


# -- on a rust-lang/team folder, through the CLI ------------------------------------------------

WG = '''name = "wg-docs"
kind = "working-group"

[people]
leads = ["ana"]
members = ["ana", "bo", "ghost"]
alumni = ["cy", "bo"]
'''


def test_a_rust_team_folder_gets_governance_findings_at_its_toml_lines(run, tmp_path):
    root = tmp_path / "team"
    (root / "people").mkdir(parents=True)
    (root / "teams").mkdir()
    for login in ("ana", "bo", "cy", "di"):
        (root / "people" / f"{login}.toml").write_text(f'name = "{login.title()}"\ngithub = "{login}"\n')
    (root / "teams" / "wg-docs.toml").write_text(WG)
    (root / "teams" / "solo.toml").write_text('name = "solo"\n\n[people]\nleads = []\nmembers = ["di"]\n')
    result = run("lint", "--select", "OC003,OC010,OC509,OC512", "team")
    assert result.code == 1, result.err
    assert result.out.splitlines()[:4] == [
        # the lead is also on ana's line; a member naming no person is OC003's alone, and counts for nobody
        "team/teams/solo.toml:1:8: OC509 unit-rests-on-one-person [warning] team 'solo' rests on one person (Di): "
        "when they are away or leave, its work stops and nobody can take over; add a second member who shares the "
        "work, or merge it with the team it works with most",
        "team/teams/solo.toml:1:8: OC512 unit-without-lead [info] team 'solo' has 1 member and no lead or chair: "
        "nobody convenes it or speaks for it to other groups; name a lead or chair among its members (role: lead "
        "or chair)",
        "team/teams/wg-docs.toml:6:25: OC003 unknown-reference [error] unit 'wg-docs': members 'ghost' names "
        "nothing in the document; it must name a person",
        "team/teams/wg-docs.toml:7:17: OC010 former-member-listed-as-current [error] Bo is listed as a former "
        "member of wg-docs [former_members] but is still one of its members: remove them from the former members "
        "if they are back, or from the members if they left",
    ]


def test_a_rust_team_without_a_description_has_no_purpose_and_a_catalog_is_not_assessed(run, tmp_path):
    # OC307 judges a purpose wherever the source records purposes (rust-lang's [website]
    # description), though the folder has no metrics; a Backstage catalog records none
    root = tmp_path / "team"
    (root / "people").mkdir(parents=True)
    (root / "teams").mkdir()
    for login in ("ana", "bo", "cy"):
        (root / "people" / f"{login}.toml").write_text(f'name = "{login.title()}"\ngithub = "{login}"\n')
    people = '\n[people]\nleads = ["ana"]\nmembers = ["ana", "bo", "cy"]\n'
    (root / "teams" / "lang.toml").write_text('name = "lang"\n' + people + '\n[website]\ndescription = "Design"\n')
    (root / "teams" / "docs.toml").write_text('name = "docs"\n' + people)
    result = run("lint", "--select", "OC307", "team")
    assert result.out.splitlines()[0] == (
        "team/teams/docs.toml:1:8: OC307 team-without-direction [warning] team 'docs' has no purpose: without "
        "direction, a team drifts or is steered from above; state the result it delivers, and for whom, in its "
        "purpose")
    assert "lang.toml" not in result.out
    (tmp_path / "catalog.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: docs\nspec:\n  type: team\n"
        "  children: []\n")
    result = run("lint", "--select", "OC307", "--statistics", "catalog.yaml")
    assert "OC307 team-without-direction: a Backstage catalog has no team purposes" in result.out

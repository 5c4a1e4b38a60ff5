"""Org models kept as code (issue 24): units that list their members, with a role per
membership and former members, beside (or instead of) reporting lines."""
import json

MODEL = {
    "organization": {"id": "p", "name": "Project"},
    "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "cy", "name": "Cy"},
               {"id": "di", "name": "Di", "unit": "docs"}],
    "units": [
        {"id": "docs", "name": "Docs", "type": "team", "purpose": "Readers find answers",
         "members": [{"person": "ana", "role": "lead"}, "bo", "di"], "former_members": ["cy"]},
        {"id": "infra", "name": "Infra", "type": "team", "purpose": "Builds stay green",
         "members": ["ana", {"person": "bo", "role": "lead"}], "former_members": ["cy", "di"]},
    ],
}


def write(tmp_path, model, name="org.json"):
    path = tmp_path / name
    path.write_text(json.dumps(model, indent=2))
    return name


def lint_json(run, name, *args):
    result = run("lint", "--format", "json", name, *args)
    return result, json.loads(result.out)["findings"]


def test_listed_members_count_as_team_members_and_former_members_do_not(run, tmp_path):
    name = write(tmp_path, MODEL)
    result, found = lint_json(run, name)
    assert result.code == 0, result.out + result.err
    # Docs: Di by her line unit and as listed (once), Ana, Bo: 3, no OC502. Infra: Ana
    # and Bo; Cy and Di are former members.
    assert [(f["rule"], f["message"]) for f in found] == [(
        "OC502", "team 'Infra' has 2 direct members (Ana and Bo); a team needs at least 3 to share work and steer "
        "itself: merge it with the team it works with most, or make it a role within that team")]


def test_a_listed_member_who_names_nobody_is_an_unknown_reference_at_its_place(run, tmp_path):
    model = json.loads(json.dumps(MODEL))
    model["units"][0]["members"][1] = "boo"
    model["units"][1]["members"][1] = {"person": "anna", "role": "lead"}
    model["units"][1]["former_members"] = ["cy", "dii"]
    name = write(tmp_path, model)
    result, found = lint_json(run, name, "--select", "OC003")
    assert result.code == 1
    lines = (tmp_path / name).read_text().split("\n")
    got = [(f["message"], lines[f["line"] - 1][f["column"] - 1:].rstrip(",")) for f in found]
    assert got == [
        ("unit 'Docs': members 'boo' names nothing in the document; it must name a person; did you mean 'bo'?",
         '"boo"'),
        ("unit 'Infra': members 'anna' names nothing in the document; it must name a person; did you mean "
         "'ana'?", '"anna"'),
        ("unit 'Infra': former_members 'dii' names nothing in the document; it must name a person; did you mean "
         "'di'?", '"dii"'),
    ]


def test_a_membership_object_is_checked_by_the_schema(run, tmp_path):
    model = json.loads(json.dumps(MODEL))
    model["units"][0]["members"][0] = {"person": "ana", "rol": "lead"}
    name = write(tmp_path, model)
    result, found = lint_json(run, name)
    assert result.code == 1
    assert [f["rule"] for f in found] == ["OC001"]
    assert "rol" in found[0]["message"]


def test_memberships_on_the_model(tmp_path):
    from orgcheck.model import Org

    org = Org(MODEL)
    docs, infra = org["docs"], org["infra"]
    assert [(m.person.id, m.role) for m in docs.memberships] == [("ana", "lead"), ("bo", "member"), ("di", "member")]
    assert [m.person.id for m in infra.former_memberships] == ["cy", "di"]
    assert [(m.unit.id, m.role) for m in org["ana"].memberships] == [("docs", "lead"), ("infra", "member")]
    assert [m.unit.id for m in org["cy"].former_memberships] == ["docs", "infra"]
    assert docs.holders_of("lead") == [org["ana"]]
    # what a unit's members and headcount meant before is unchanged: the line unit only
    assert docs.members == [org["di"]] and docs.headcount == 1 and infra.headcount == 0
    assert [p.id for p in docs.people] == ["di", "ana", "bo"]

"""Org models kept as code (issue 24): units that list their members, with a role per
membership and former members, beside (or instead of) reporting lines."""
import json
import shutil

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


# -- rust-lang/team: a folder of TOML files is one model ------------------------

LANG = '''name = "lang"
top-level = true

[people]
leads = ["ana"]
members = [
    "ana",
    { github = "boo", roles = ["advisor"] },
    "cy",
]
alumni = ["dee"]

[website]
description = "Designing the language"
'''

LANG_DOCS = '''name = "lang-docs"
subteam-of = "lnag"
kind = "working-group"

[people]
leads = []
members = ["bo"]
'''


def rust_folder(root, teams=None):
    """A small rust-lang/team checkout: three people, a team, a working group under
    it, a marker team and a retired team."""
    (root / "people").mkdir(parents=True)
    (root / "teams" / "archive").mkdir(parents=True)
    for login, name in (("ana", "Ana Alves"), ("bo", "Bo Berg"), ("cy", "Cy Chan")):
        (root / "people" / f"{login}.toml").write_text(f'name = "{name}"\ngithub = "{login}"\ngithub-id = 1\n')
    files = {"lang.toml": LANG, "lang-docs.toml": LANG_DOCS,
             "all.toml": 'name = "all"\nkind = "marker-team"\n\n[people]\nleads = []\nmembers = []\n'
                         'include-all-team-members = true\n',
             "archive/old.toml": 'name = "old"\n\n[people]\nleads = []\nmembers = []\nalumni = ["ana"]\n',
             **(teams or {})}
    for name, text in files.items():
        (root / "teams" / name).write_text(text)
    return root


def test_a_rust_team_folder_is_linted_as_one_model_with_findings_at_the_toml_lines(run, tmp_path):
    rust_folder(tmp_path / "team")
    result = run("lint", "team")
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        "team/teams/lang-docs.toml:1:8: OC509 unit-rests-on-one-person [warning] working-group 'lang-docs' rests on "
        "one person (Bo Berg): when they are away or leave, its work stops and nobody can take over; add a second "
        "member who shares the work, or merge it with the team it works with most",
        "team/teams/lang-docs.toml:1:8: OC512 unit-without-lead [info] working-group 'lang-docs' has 1 member and "
        "no lead or chair: nobody convenes it or speaks for it to other groups; name a lead or chair among its "
        "members (role: lead or chair)",
        "team/teams/lang-docs.toml:2:14: OC003 unknown-reference [error] unit 'lang-docs': parent 'lnag' names "
        "nothing in the document; it must name a unit; did you mean 'lang'?",
        "team/teams/lang.toml:1:8: OC502 team-too-small [info] team 'lang' has 2 direct members (Ana Alves and "
        "Cy Chan); a team needs at least 3 to share work and steer itself: merge it with the team it works with "
        "most, or make it a role within that team",
        "team/teams/lang.toml:8:16: OC003 unknown-reference [error] unit 'lang': members 'boo' names nothing in "
        "the document; it must name a person; did you mean 'bo'?",
        "team/teams/lang.toml:11:11: OC003 unknown-reference [error] unit 'lang': former_members 'dee' names "
        "nothing in the document; it must name a person",
        "6 findings (3 errors, 1 warning, 2 info) in 1 file; 39 rules not assessed: the source cannot express "
        "what they need (--statistics lists them)",
    ]


def test_a_rust_team_folder_without_mistakes_passes_and_no_line_rule_runs(run, tmp_path):
    fixed = LANG.replace("boo", "bo").replace('alumni = ["dee"]', "alumni = []")
    # a working group with a lead and a second member (one alone would rest on one person: OC509)
    docs = LANG_DOCS.replace("lnag", "lang").replace('leads = []\nmembers = ["bo"]',
                                                      'leads = ["bo"]\nmembers = ["bo", "cy"]')
    rust_folder(tmp_path / "team", {"lang.toml": fixed, "lang-docs.toml": docs})
    result = run("lint", "--statistics", "team")
    assert result.code == 0, result.out + result.err
    assert "No findings in 1 file; 39 rules not assessed" in result.out
    # the project keeps no reporting lines: the span rules are not assessed, not passed
    assert "not assessed: the rust-lang/team folder has no reporting lines" in result.out


def test_a_folder_walk_finds_a_rust_team_folder_among_model_files(run, tmp_path):
    rust_folder(tmp_path / "repos" / "team")
    write(tmp_path / "repos", MODEL)
    result = run("lint", "--format", "json", "repos")
    files = sorted({f["file"] for f in json.loads(result.out)["findings"]})
    assert files == ["repos/org.json", "repos/team/teams/lang-docs.toml", "repos/team/teams/lang.toml"]


def test_a_toml_file_that_does_not_parse_is_reported_at_its_line(run, tmp_path):
    rust_folder(tmp_path / "team", {"archive/old.toml": 'name = "old"\n[people\n'})
    result = run("lint", "team")
    assert result.code == 1
    assert result.out.splitlines()[0] == ("team/teams/archive/old.toml:2:8: OC001 schema-violation [error] not "
                                          "valid TOML: Expected ']' at the end of a table declaration")


def test_input_format_rust_team_on_a_file_says_to_name_the_folder(run, tmp_path):
    rust_folder(tmp_path / "team")
    result = run("lint", "--input-format", "rust-team", "team/teams/lang.toml")
    assert result.code == 2
    assert result.err.strip() == ("orgcheck: error: team/teams/lang.toml: --input-format rust-team reads a folder "
                                  "holding people/ and teams/ (a rust-lang/team checkout): name the folder")


def test_stats_on_a_rust_team_folder_counts_listed_members(run, tmp_path):
    rust_folder(tmp_path / "team", {"lang.toml": LANG.replace("boo", "bo")})
    result = run("stats", "team")
    assert result.code == 0, result.err
    sizes = result.out[result.out.index("Teams by size:"):].splitlines()
    assert sizes[1:3] == ["  team  type  members  bound  status", "  lang  team        3  3-9    within"]


def test_a_third_party_reader_can_claim_a_folder(run, tmp_path):
    (tmp_path / "org" / "circles").mkdir(parents=True)
    (tmp_path / "org" / "circles" / "care.txt").write_text("Care\n")
    (tmp_path / "circles_reader.py").write_text('''
import os
import orgcheck


@orgcheck.hookimpl
def orgcheck_claim_folder(path):
    return True if os.path.isdir(os.path.join(path, "circles")) else None


@orgcheck.hookimpl
def orgcheck_load(source, options):
    folder = os.path.join(source.path, "circles")
    if not os.path.isdir(folder):
        return None
    units = [{"id": name[:-4], "name": name[:-4], "type": "circle"} for name in sorted(os.listdir(folder))]
    data = {"organization": {"id": "o", "name": "O"}, "people": [], "units": units}
    return orgcheck.Document(source.path, data, expresses=frozenset({"units", "memberships"}),
                             files={"/units/0": "org/circles/care.txt"})
''')
    result = run("lint", "--plugin", "circles_reader.py", "--select", "OC502", "org")
    assert result.out.splitlines()[0].startswith("org/circles/care.txt:1:1: OC502 team-too-small [info] circle 'care'")


def test_the_rust_lang_team_checkout(run):
    from conftest import ROOT

    folder = ROOT / "tests" / "data" / "realdata" / "rust-lang-team"
    result = run("lint", "--format", "json", str(folder))
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["findings"]
    assert found and all(f["file"].endswith(".toml") and f["line"] >= 1 and f["column"] >= 1 for f in found)
    assert not [f for f in found if f["rule"] == "OC001"]
    # what the TOML says, counted with tomllib: OC501/OC502 judge each team (not marker
    # teams, not retired ones) by its leads and members; a team with no members of its
    # own but subteams groups teams
    import tomllib

    sizes, parents = {}, set()
    for path in (folder / "teams").glob("*.toml"):
        team = tomllib.loads(path.read_text())
        if team.get("kind", "team") != "marker-team":
            parents.add(team.get("subteam-of"))
        if team.get("kind", "team") != "team":
            continue
        people = team.get("people", {})
        logins = set(people.get("leads", [])) | {m if isinstance(m, str) else m["github"]
                                                  for m in people.get("members", [])}
        sizes[team["name"]] = len(logins)
    judged = {f["entity"]: f["rule"] for f in found if f["rule"] in ("OC501", "OC502")}
    assert judged == {**{n: "OC501" for n, s in sizes.items() if s > 9},
                      **{n: "OC502" for n, s in sizes.items() if s < 3 and not (s == 0 and n in parents)}}


def test_a_person_who_names_their_units_is_a_member_of_each(run, tmp_path):
    model = {
        "organization": {"id": "o", "name": "O"},
        "people": [{"id": "ana", "name": "Ana", "member_of": ["docs"]},
                   {"id": "bo", "name": "Bo", "member_of": ["docs", "dcos"]}],
        "units": [{"id": "docs", "name": "Docs", "type": "team", "purpose": "Readers find answers",
                   "members": ["ana"]}],
    }
    name = write(tmp_path, model)
    result, found = lint_json(run, name)
    lines = (tmp_path / name).read_text().split("\n")
    dcos = next(n for n, line in enumerate(lines, 1) if '"dcos"' in line)
    docs = next(n for n, line in enumerate(lines, 1) if '"units"' in line) + 1  # the unit's {
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [
        ("OC003", dcos, "person 'Bo': member_of 'dcos' names nothing in the document; it must name a unit; did you "
                     "mean 'docs'?"),
        # Ana is listed by the unit and names it: one member, not two
        ("OC502", docs, "team 'Docs' has 2 direct members (Ana and Bo); a team needs at least 3 to share work and "
                     "steer itself: merge it with the team it works with most, or make it a role within that team"),
    ]


# -- Backstage: Group and User entities, several documents per file ----------------

GROUPS = '''apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: acme
spec:
  type: organization
  children: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: everything
spec:
  targets: [./payments.yaml]
'''

PAYMENTS = '''apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  profile:
    displayName: Payments
  members: [ana, user:default/bo]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
spec:
  profile:
    displayName: Ana Alves
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: bo
spec:
  memberOf: [group:default/payments, paymnets]
'''


def catalog(root, payments=PAYMENTS):
    root.mkdir()
    (root / "org.yaml").write_text(GROUPS)
    (root / "payments.yaml").write_text(payments)
    return root


def test_a_backstage_catalog_folder_is_one_model_with_findings_at_the_yaml_lines(run, tmp_path):
    catalog(tmp_path / "catalog")
    result = run("lint", "catalog")
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        "catalog/payments.yaml:4:9: OC502 team-too-small [info] team 'Payments' has 2 direct members (Ana Alves "
        "and bo); a team needs at least 3 to share work and steer itself: merge it with the team it works with "
        "most, or make it a role within that team",
        "catalog/payments.yaml:25:38: OC003 unknown-reference [error] person 'bo': member_of "
        "'group:default/paymnets' names nothing in the document; it must name a unit; did you mean "
        "'group:default/payments'?",
        "2 findings (1 error, 1 info) in 1 file; 40 rules not assessed: the source cannot express what they need "
        "(--statistics lists them)",
    ]


def test_a_backstage_catalog_with_three_members_a_team_passes(run, tmp_path):
    fixed = PAYMENTS.replace(", paymnets]", "]") + PAYMENTS[PAYMENTS.index("---\napiVersion: backstage.io/v1alpha1\n"
                                                                          "kind: User\nmetadata:\n  name: bo"):] \
        .replace("name: bo", "name: cy").replace(", paymnets]", "]")
    catalog(tmp_path / "catalog", fixed)
    result = run("lint", "catalog")
    assert result.code == 0, result.out + result.err
    assert result.out.startswith("No findings in 1 file; ")


def test_the_backstage_example_catalog(run):
    from conftest import ROOT

    folder = ROOT / "tests" / "data" / "realdata" / "backstage-acme"
    result = run("lint", "--format", "json", str(folder))
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["findings"]
    assert not [f for f in found if f["rule"] == "OC001"]
    # SOURCE.md: 5 users in team-a, 5 in team-b, 5 in team-c, 2 in team-d, none in team-e
    assert sorted((f["rule"], f["file"].rsplit("/", 1)[1], f["line"]) for f in found) == [
        ("OC502", "team-d-group.yaml", 4), ("OC502", "team-e-big-name-group.yaml", 4)]


def test_stats_lists_a_catalogs_units_as_a_tree_from_the_top(run):
    from conftest import ROOT

    # the files come in name order (backstage-group.yaml first), the tree does not
    result = run("stats", str(ROOT / "tests" / "data" / "realdata" / "backstage-acme"))
    assert result.code == 0, result.err
    lines = result.out[result.out.index("Units (members"):].splitlines()[2:11]
    assert [line.strip().split("  ")[0] for line in lines] == [
        "acme-corp", "infrastructure", "Backstage", "team-a", "Team B", "boxoffice", "team-c", "Team D",
        "Team E With A Very Very Very Very Big Name Size"]
    assert [len(line) - len(line.lstrip()) for line in lines] == [2, 4, 6, 8, 8, 6, 8, 8, 8]


def test_import_writes_a_rust_team_folder_as_a_model_that_lints_the_same(run, tmp_path):
    rust_folder(tmp_path / "team")
    result = run("import", "rust-team", "team", "-o", "org.json")
    assert result.code == 0, result.err
    # lang, lang-docs and the retired team old (archived); not the marker team all
    assert result.err == "Wrote org.json: 3 people, 3 units, 0 processes\n"
    model = json.loads((tmp_path / "org.json").read_text())
    old = next(u for u in model["units"] if u["id"] == "old")
    assert old["archived"] is True and old["former_members"] == ["ana"] and "members" not in old
    lang = next(u for u in model["units"] if u["id"] == "lang")
    assert lang["members"] == [{"person": "ana", "role": "lead"}, {"person": "boo", "role": "advisor"}, "cy"]
    assert lang["former_members"] == ["dee"] and lang["x-source"] == {"file": "team/teams/lang.toml", "line": 1}
    linted = run("lint", "--select", "OC003", "org.json")
    assert [line.split(": ", 1)[1] for line in linted.out.splitlines()[:3]] == [
        "OC003 unknown-reference [error] unit 'lang-docs': parent 'lnag' names nothing in the document; it must "
        "name a unit; did you mean 'lang'?",
        "OC003 unknown-reference [error] unit 'lang': members 'boo' names nothing in the document; it must name "
        "a person; did you mean 'bo'?",
        "OC003 unknown-reference [error] unit 'lang': former_members 'dee' names nothing in the document; it "
        "must name a person"]


def test_import_of_a_folder_that_is_no_checkout_says_so(run, tmp_path):
    catalog(tmp_path / "catalog")
    result = run("import", "rust-team", "catalog")
    assert result.code == 2
    assert result.err == ("orgcheck: error: catalog: not a rust-lang/team checkout: the folder holds no people/ "
                          "folder and teams/ folder of TOML files\n")


def test_a_team_of_an_unknown_kind_is_read_as_a_team_and_said(run, tmp_path):
    rust_folder(tmp_path / "team", {"loop.toml": 'name = "loop"\nsubteam-of = "loop"\nkind = "wroking-group"\n'})
    result = run("lint", "--select", "OC005,OC502", "team")
    assert "team: loop.toml: kind 'wroking-group' is none of team, working-group, project-group and marker-team: " \
           "read as a team" in result.err
    assert "team/teams/loop.toml:1:8: OC502 team-too-small [info] team 'loop' has 0 direct members" in result.out
    # a team that is its own subteam is a unit loop, at its subteam-of
    assert "\nteam/teams/loop.toml:2:14: OC005 unit-cycle [error] unit cycle: loop → loop (loop is its own " \
           "parent)" in result.out


def test_gitlabs_team_folder_is_linted_where_it_lives(run, tmp_path):
    from conftest import ROOT

    shutil.copytree(ROOT / "tests" / "data" / "realdata" / "gitlab-team-2022", tmp_path / "www")
    result = run("lint", "--format", "json", "www")  # the walk finds data/team_members
    assert result.code == 1, result.err
    found = json.loads(result.out)["findings"]
    assert found and all(f["file"].startswith("www/data/team_members/") and f["file"].endswith(".yml")
                         for f in found if f["entity"] is not None)
    # the snapshot is partial: a manager without a file is a dangling reporting line, at its line
    assert [(f["rule"], f["file"], f["message"]) for f in found if f["rule"] == "OC003"] == [
        ("OC003", "www/data/team_members/person/p/pcalder.yml", "person 'Phil Calder': reports_to 'waynehaber' "
                                                                "names nothing in the document; it must name a person")]
    dangling = next(f for f in found if f["rule"] == "OC003")
    text = (tmp_path / dangling["file"]).read_text().split("\n")[dangling["line"] - 1]
    assert text[dangling["column"] - 1:] == "waynehaber"
    assert not [f for f in found if f["rule"] == "OC001"]


def test_a_link_to_a_file_outside_the_checkout_is_not_read(run, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('name = "The Secret"\ngithub = "secret"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    rust_folder(repo / "team")
    (repo / "team" / "people" / "secret.toml").symlink_to(secret)
    result = run("lint", "repo/team", "--format", "json")
    assert "secret.toml: skipped: a link to a file outside the checkout" in result.err
    assert "The Secret" not in result.out


def test_a_rust_lead_keeps_every_role_they_hold(run, tmp_path):
    from orgcheck.model import Org

    lang = LANG.replace('"ana",\n    { github', '{ github = "ana", roles = ["spec-editor", "lead"] },\n    { github')
    lang = lang.replace('{ github = "boo", roles = ["advisor"] }', '{ github = "bo", roles = ["advisor", "triage"] }')
    rust_folder(tmp_path / "team", {"lang.toml": lang})
    result = run("import", "rust-team", "team", "-o", "org.json")
    assert result.code == 0, result.err
    model = json.loads((tmp_path / "org.json").read_text())
    unit = next(u for u in model["units"] if u["id"] == "lang")
    assert unit["members"] == [{"person": "ana", "role": ["lead", "spec-editor"]},
                               {"person": "bo", "role": ["advisor", "triage"]}, "cy"]
    org = Org(model)
    assert org["lang"].holders_of("spec-editor") == [org["ana"]]
    assert [(m.person.id, m.role) for m in org["lang"].memberships] == [("ana", "lead"), ("bo", "advisor"),
                                                                          ("cy", "member")]
    # the written model lints clean of schema findings: a list of roles is a membership's role
    assert "OC001" not in run("lint", "org.json").out


def test_a_retired_rust_team_that_still_lists_members_is_an_archived_unit(run, tmp_path):
    rust_folder(tmp_path / "team", {"archive/old.toml": 'name = "old"\n\n[people]\nleads = []\nmembers = ["bo"]\n'})
    result = run("stats", "--format", "json", "team")
    assert result.code == 0, result.err
    figures = json.loads(result.out)["memberships"]
    assert (figures["units"], figures["archived"], figures["per_unit"]["old"]) == (
        2, 1, {"type": "team", "archived": True, "members": 1, "leads": 0, "former": 0})
    # a retired team with one member is not judged too small: it is no team today
    linted = run("lint", "--select", "OC502", "team")
    assert linted.out.splitlines()[0].startswith("team/teams/lang.toml:1:8: OC502 team-too-small [info] team 'lang'")
    assert "'old'" not in linted.out


def test_a_model_of_units_and_members_without_lines_has_no_layers_to_judge(run, tmp_path):
    name = write(tmp_path, MODEL)
    result = run("lint", "--statistics", name)
    # not a flat organization of one-person trees: the span and layer measures are not assessed
    assert "reporting trees within the layers their size needs            not assessed: this model has no " \
           "reporting lines" in result.out
    assert "  OC101 span-too-wide: this model has no reporting lines" in result.out
    stats = run("stats", name)
    assert "tree of" not in stats.out
    assert stats.out.splitlines()[4] == "Layers and spans: not assessed: this model has no reporting lines"
    # one reporting line makes it a hierarchy again: its layers are counted
    model = json.loads(json.dumps(MODEL))
    model["people"][1]["reports_to"] = "ana"
    lined = run("stats", write(tmp_path, model, "lined.json"))
    assert "Layers (2 layers, the top counted as the first):" in lined.out
    assert "Layers and spans: not assessed" not in lined.out


def test_stats_on_a_rust_team_folder_says_once_that_it_has_no_lines(run, tmp_path):
    rust_folder(tmp_path / "team", {"lang.toml": LANG.replace("boo", "bo")})
    result = run("stats", "team")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "tree of" not in result.out
    # people, not posts; no FTE the source never recorded (a default of 1 each would be its headcount)
    assert lines[2] == "People: 3 people"
    assert lines[4:11] == [
        "Layers and spans: not assessed: the rust-lang/team folder has no reporting lines",
        "",
        "Units: 2 (team: 1, working-group: 1); 1 archived (not counted below)",
        "  memberships: 4, held by 3 people; 1 in several units, at most 2 (Bo Berg)",
        "  roles held: member 2, advisor 1, lead 1",
        "  leads: 1 unit with a lead, 1 without; 1 person leads",
        "",  # lang's alumnus dee names nobody: no former membership
    ]
    units = lines[lines.index("Units (members, leads and former members of each):") + 1:][:4]
    # lang-docs names a parent that does not exist (lnag): a top-level unit
    assert units == ["  unit       type             members  leads  former",
                     "  lang-docs  working-group          1      0       0",
                     "  lang       team                   3      1       0",
                     "  old        team (archived)        0      0       1"]


def test_a_team_that_includes_other_teams_members_has_them_as_members(run, tmp_path):
    # upstream's included-teams and include-*-leads flags, on a team (not a marker team)
    council = ('name = "council"\n\n[people]\nleads = []\nmembers = ["cy"]\nincluded-teams = ["lang-docs"]\n'
               'include-wg-leads = true\n')
    docs = LANG_DOCS.replace("lnag", "lang").replace("leads = []", 'leads = ["ana"]')
    rust_folder(tmp_path / "team", {"council.toml": council, "lang-docs.toml": docs})
    result = run("import", "rust-team", "team", "-o", "org.json")
    assert result.code == 0, result.err
    model = json.loads((tmp_path / "org.json").read_text())
    unit = next(u for u in model["units"] if u["id"] == "council")
    # cy listed; lang-docs' lead ana and member bo (included-teams); ana again as a working group's lead
    assert unit["members"] == ["cy", "ana", "bo"]
    # the marker team all (include-all-team-members) stays a list, not a unit
    assert "all" not in {u["id"] for u in model["units"]}
    linted = run("lint", "--format", "json", "--select", "OC502", "team")
    assert "council" not in {f["entity"] for f in json.loads(linted.out)["findings"]}

"""Kubernetes' sigs.yaml read where it lives (issue 24): groups as units with their
leaders' roles, subprojects under them, meetings as recurring feedback, stakeholder
SIGs and liaisons as interactions, every finding at its line in sigs.yaml."""
import json

import yaml
from conftest import ROOT

REAL = ROOT / "tests" / "data" / "realdata" / "kubernetes-community"

SIGS = """sigs:
  - dir: sig-docs
    name: Docs
    mission_statement: >
      Readers find answers.
    leadership:
      chairs:
        - github: ana
          name: Ana Alves
        - github: bo
          name: Bo Berg
      tech_leads:
        - github: ana
          name: Ana Alves
      emeritus_leads:
        - github: cy
          name: Cy Chan
    meetings:
      - description: Regular SIG Meeting
        frequency: biweekly
      - description: Triage
        frequency: weekly
    contact:
      liaison:
        github: di
        name: Di Dee
    subprojects:
      - name: website
        description: The website
        owners:
          - https://raw.githubusercontent.com/kubernetes/website/main/OWNERS
workinggroups:
  - dir: wg-batch
    name: Batch
    stakeholder_sigs:
      - Docs
      - Nodes
    leadership:
      chairs:
        - github: bo
          name: Bo Berg
    meetings:
      - description: WG meeting
        frequency: when the moon is full
committees:
  - dir: committee-steering
    name: Steering
    mission_statement: Steers the project.
    leadership:
      chairs:
        - github: di
          name: Di Dee
        - github: ed
"""


def community(root, text=SIGS):
    root.mkdir(parents=True, exist_ok=True)
    (root / "sigs.yaml").write_text(text)
    (root / "OWNERS_ALIASES").write_text("aliases:\n  sig-docs-leads:\n    - ana\n")
    return root


def test_a_folder_holding_sigs_yaml_is_linted_with_findings_at_its_lines(run, tmp_path):
    community(tmp_path / "community")
    result = run("lint", "community")
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        "community/sigs.yaml:34:11: OC506 collaboration-overload [info] Batch is in 2 current collaborations (with "
        "Docs; wg-batch/with/Nodes); a unit can collaborate closely with at most 1 at a "
        "time: time-box or end the others, or turn them into x-as-a-service",
        # one chair, where Kubernetes' governance asks 2-3 (committee-steering/governance/sig-governance.md)
        "community/sigs.yaml:34:11: OC509 unit-rests-on-one-person [warning] working-group 'Batch' rests on one "
        "person (Bo Berg): when they are away or leave, its work stops and nobody can take over; add a second "
        "member who shares the work, or merge it with the team it works with most",
        "community/sigs.yaml:37:9: OC003 unknown-reference [error] interaction 'wg-batch/with/Nodes': between "
        "'Nodes' names nothing in the document; it must name a unit",
        "community/sigs.yaml:47:11: OC502 team-too-small [info] team 'Steering' has 2 direct members (Di Dee and "
        "ed); a team needs at least 3 to share work and steer itself: merge it with the team it works with most, or "
        "make it a role within that team",
        "4 findings (1 error, 1 warning, 2 info) in 1 file; 28 rules not assessed: the source cannot express what "
        "they need (--statistics lists them)",
    ]
    # a frequency that names no cadence is said, once
    assert result.err == ("orgcheck: community: 1 meeting frequency names no cadence (daily, weekly, biweekly, "
                          "monthly, quarterly, yearly): read as a meeting without a cadence ('when the moon is "
                          "full')\n")


def test_sigs_yaml_named_itself_or_by_input_format_reads_the_same(run, tmp_path):
    fixed = SIGS.replace("      - Nodes\n", "")
    community(tmp_path / "community", fixed)
    (tmp_path / "community" / "governance.yml").write_text(fixed)
    for args in (["community/sigs.yaml"], ["--input-format", "k8s-sigs", "community/governance.yml"]):
        result = run("lint", "--select", "OC003,OC502", *args)
        assert result.code == 0, result.out + result.err
        assert result.out.split("\n")[0].endswith(": OC502 team-too-small [info] team 'Steering' has 2 direct "
                                                  "members (Di Dee and ed); a team needs at least 3 to share work "
                                                  "and steer itself: merge it with the team it works with most, or "
                                                  "make it a role within that team")
        assert "OC001" not in result.out


def test_a_sigs_yaml_that_does_not_parse_is_reported_at_its_line_in_the_file(run, tmp_path):
    community(tmp_path / "community", SIGS.replace("name: Batch", "name: [Batch"))
    result = run("lint", "community")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("community/sigs.yaml:35:21: OC001 schema-violation [error] invalid "
                                                 "YAML")


def test_a_format_1_yaml_model_is_not_taken_for_sigs_yaml(run, tmp_path):
    (tmp_path / "org.yaml").write_text("organization: {id: o, name: O}\npeople: []\nunits:\n  - dir: x\n")
    result = run("lint", "org.yaml")
    assert result.code == 1
    assert "OC001" in result.out and "'dir'" in result.out


def test_import_k8s_sigs_of_another_kind_of_folder_says_so(run, tmp_path):
    from test_org_as_code import rust_folder

    rust_folder(tmp_path / "team")
    result = run("import", "k8s-sigs", "team")
    assert result.code == 2
    assert result.err == ("orgcheck: error: team: no sigs.yaml with groups in this folder: name a "
                          "kubernetes/community checkout or its sigs.yaml\n")


def test_import_writes_groups_roles_subprojects_meetings_and_links(run, tmp_path):
    community(tmp_path / "community")
    result = run("import", "k8s-sigs", "community", "-o", "org.json")
    assert result.code == 0, result.err
    assert result.err.endswith("Wrote org.json: 5 people, 4 units, 2 processes\n")
    model = json.loads((tmp_path / "org.json").read_text())
    docs, website, batch, steering = model["units"]
    # each person where the file first names them (the github key of their first seat)
    assert [(p["id"], p["name"], p["x-source"]["line"]) for p in model["people"]] == [
        ("ana", "Ana Alves", 8), ("bo", "Bo Berg", 10), ("cy", "Cy Chan", 16), ("di", "Di Dee", 51), ("ed", "ed", 53)]
    # a chair who is also a tech lead is one membership with both roles; emeriti are former
    assert docs["members"] == [{"person": "ana", "role": ["chair", "tech-lead"]}, {"person": "bo", "role": "chair"}]
    assert docs["former_members"] == [{"person": "cy", "role": "lead"}]
    assert (docs["type"], docs["purpose"], docs["x-source"]) == ("department", "Readers find answers.",
                                                                {"file": "community/sigs.yaml", "line": 3})
    assert (website["id"], website["parent"], website["type"], website["x-owners"]) == (
        "sig-docs/website", "sig-docs", "project-group",
        ["https://raw.githubusercontent.com/kubernetes/website/main/OWNERS"])
    assert (batch["type"], steering["type"]) == ("working-group", "team")
    # meetings: recurring feedback with a cadence (biweekly meets at least monthly)
    steps = [(s["name"], s["kind"], s["performer"], s.get("cadence")) for p in model["processes"] for s in p["steps"]]
    assert steps == [("Regular SIG Meeting", "feedback", "sig-docs", "monthly"),
                     ("Triage", "feedback", "sig-docs", "weekly"),
                     ("WG meeting", "feedback", "wg-batch", None)]
    assert [(i["between"], i["mode"]) for i in model["interactions"]] == [
        (["sig-docs", "committee-steering"], "facilitating"), (["wg-batch", "sig-docs"], "collaboration"),
        (["wg-batch", "Nodes"], "collaboration")]
    assert model["interactions"][0]["x-liaison"] == "di"
    # what the file cannot say stays not assessed when the written model is linted
    assert "reporting_lines" not in model["x-expresses"]["parts"]
    linted = run("lint", "--select", "OC003", "org.json")
    assert linted.code == 1 and "between 'Nodes' names nothing in the document" in linted.out


def test_stats_on_sigs_yaml_gives_units_memberships_and_leads_not_layers(run, tmp_path):
    community(tmp_path / "community")
    result = run("stats", "community")
    assert result.code == 0, result.err
    assert "tree of" not in result.out and "Layers (" not in result.out
    lines = result.out.splitlines()
    at = lines.index("Layers and spans: not assessed: Kubernetes' sigs.yaml has no reporting lines")
    assert lines[at + 2:at + 8] == [
        "Units: 4 (department: 1, project-group: 1, team: 1, working-group: 1)",
        "  memberships: 5, held by 4 people; 1 in several units, at most 2 (Bo Berg)",
        "  roles held: chair 5, tech-lead 1",
        "  leads: 3 units with a lead, 1 without; 4 people lead, at most 2 units each (Bo Berg)",
        "  former memberships: 1",
        "",
    ]
    figures = json.loads(run("stats", "--format", "json", "community").out)
    assert figures["reporting_lines"] == {"recorded": False,
                                          "reason": "Kubernetes' sigs.yaml has no reporting lines"}
    assert {k: figures["memberships"][k] for k in ("units", "memberships", "people_in_several_units", "leads",
                                                    "units_without_lead")} == {
        "units": 4, "memberships": 5, "people_in_several_units": 1, "leads": 4, "units_without_lead": 1}
    assert figures["memberships"]["most_memberships"] == {"id": "bo", "name": "Bo Berg", "count": 2}
    rows = run("stats", "--format", "csv", "community").out.splitlines()
    assert {"reporting_lines,,recorded,False", "memberships,,memberships,5", "memberships,bo,most_memberships,2",
            "unit_memberships,sig-docs,members,2", "unit_memberships,sig-docs,former,1"} <= set(rows)


def test_the_kubernetes_community_checkout_against_pyyaml_counts(run):
    result = run("lint", "--format", "json", str(REAL))
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["findings"]
    assert found and all(f["file"].endswith("sigs.yaml") and f["line"] > 1 and f["column"] >= 1 for f in found)
    assert not [f for f in found if f["rule"] == "OC001"]
    # counted with PyYAML alone
    data = yaml.safe_load((REAL / "sigs.yaml").read_text())
    groups = [g for key in ("sigs", "workinggroups", "usergroups", "committees") for g in data.get(key) or []]
    subprojects = sum(len(g.get("subprojects") or []) for g in groups)
    seats = {(g["dir"], p["github"]) for g in groups
             for key in ("chairs", "tech_leads") for p in (g.get("leadership") or {}).get(key) or []}
    logins = {p["github"] for g in groups for key in ("chairs", "tech_leads", "emeritus_leads")
              for p in (g.get("leadership") or {}).get(key) or []}
    figures = json.loads(run("stats", "--format", "json", str(REAL)).out)
    assert figures["people"]["positions"] == len(logins)
    assert figures["memberships"]["units"] == len(groups) + subprojects
    assert figures["memberships"]["memberships"] == len(seats)
    assert figures["memberships"]["units_with_lead"] == len({d for d, _ in seats})
    # team-size rules judge only the committees, whose every member the file lists
    sizes = {g["dir"]: len({login for d, login in seats if d == g["dir"]}) for g in data["committees"]}
    judged = {f["entity"]: f["rule"] for f in found if f["rule"] in ("OC501", "OC502")}
    assert judged == {n: ("OC501" if s > 9 else "OC502") for n, s in sizes.items() if s > 9 or s < 3}

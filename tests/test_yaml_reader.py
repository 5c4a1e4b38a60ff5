"""YAML models and records: the same findings as JSON, YAML 1.2 core values, exact
positions, safe loading, alias bombs, and the GitLab team page folder."""
import json
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import EXAMPLES, NOT_RUN, ROOT

GITLAB = ROOT / "tests" / "data" / "realdata" / "gitlab-team-2022" / "data" / "team_members"


def findings(result):
    return json.loads(result.out)["findings"]


@pytest.mark.parametrize("example", ["healthy", "command-and-control"])
def test_yaml_twin_gives_the_same_findings_as_the_json(run, tmp_path, example):
    source = EXAMPLES / f"{example}.org.json"
    shutil.copy(source, tmp_path / f"{example}.org.json")
    (tmp_path / f"{example}.org.yaml").write_text(
        yaml.safe_dump(json.loads(source.read_text()), sort_keys=False, allow_unicode=True), encoding="utf-8")
    as_json = run("lint", "--format", "json", "--today", "2025-06-01", f"{example}.org.json")
    as_yaml = run("lint", "--format", "json", "--today", "2025-06-01", f"{example}.org.yaml")
    assert as_json.code == as_yaml.code

    def key(f):
        return f["rule"], f["message"], f["pointer"], f["entity"]
    assert sorted(map(key, findings(as_yaml))) == sorted(map(key, findings(as_json)))
    assert (example == "healthy") == (findings(as_json) == [])


def test_yaml_12_values_and_exact_positions(run, tmp_path):
    (tmp_path / "org.yaml").write_text(
        "organization: {id: acme, name: Acme}\n"
        "people:\n"
        "  - id: no\n"
        "    name: on\n"
        "  - id: b\n"
        "    name: Bo\n"
        "    reports_to: off\n"
        "    fte: 2020-01-01\n")
    result = run("lint", "org.yaml")
    assert result.out == ("org.yaml:8:10: OC001 schema-violation [error] expected number, got a string\n"
                          f"1 finding (1 error) in 1 file; fix the schema errors first: {NOT_RUN} rules did not run\n")
    (tmp_path / "org.yaml").write_text((tmp_path / "org.yaml").read_text().replace("    fte: 2020-01-01\n", ""))
    result = run("lint", "--select", "OC003", "org.yaml")
    assert result.out.startswith("org.yaml:7:17: OC003 unknown-reference [error] person 'Bo': reports_to 'off' "
                                 "names nothing")
    assert run("import", "yaml", "org.yaml").out.count('"name": "on"') == 1


def test_unsafe_tags_alias_bombs_and_repeated_keys_are_findings(run, tmp_path):
    (tmp_path / "evil.org.yaml").write_text(
        "organization: !!python/object/apply:os.system ['touch pwned']\npeople: []\n")
    result = run("lint", "evil.org.yaml")
    assert result.out.startswith("evil.org.yaml:1:1: OC001 schema-violation [error] tag "
                                 "!!python/object/apply:os.system is not allowed")
    assert not (tmp_path / "pwned").exists() and result.code == 1

    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    (tmp_path / "bomb.org.yaml").write_text(bomb + "people: []\n")
    result = run("lint", "bomb.org.yaml")
    assert result.out.startswith("bomb.org.yaml:6:8: OC001 schema-violation [error] invalid YAML: ")
    assert "aliases expand to more than 100,000 values" in result.out and result.code == 1

    (tmp_path / "twice.org.yaml").write_text("organization: {id: a, name: A}\npeople: []\npeople: []\n")
    assert run("lint", "twice.org.yaml").out.startswith(
        "twice.org.yaml:3:1: OC001 schema-violation [error] key 'people' is repeated in this mapping")


def test_a_json_run_does_not_import_yaml(tmp_path):
    shutil.copy(EXAMPLES / "healthy.org.json", tmp_path / "org.json")
    code = ("import sys, orgcheck; orgcheck.lint(['org.json']); "
            "print('yaml' in sys.modules, 'orgcheck.readers.yaml_load' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.stdout == "False False\n", out.stderr


def test_gitlab_team_folder_imports_with_a_mapping_and_lints(run, tmp_path):
    result = run("import", "yaml", str(GITLAB), "--map", "title=role", "-o", "team.org.json")
    assert result.code == 0, result.err
    model = json.loads((tmp_path / "team.org.json").read_text())
    people = {p["id"]: p for p in model["people"]}
    assert len(people) == len(list(GITLAB.rglob("*.yml")))
    assert people["jayswain"]["title"] == "Fullstack Engineering Manager, Data Science:Anti-Abuse"
    assert people["jayswain"]["reports_to"] == "pcalder"
    assert people["fullstack-engineer-anti-abuse"]["vacant"] is True
    assert people["hmehra"]["x-source"]["file"].endswith("person/h/hmehra.yml")
    units = {u["id"]: u for u in model["units"]}
    team = units[people["hmehra"]["unit"]]
    assert team["name"] == "Anti-Abuse Fullstack Team" and units[team["parent"]]["name"] == "Anti-Abuse Team"
    lint = run("lint", "--format", "json", "team.org.json")
    got = {(f["rule"], f["entity"]) for f in findings(lint)}
    assert ("OC003", "pcalder") in got  # waynehaber is not in the partial snapshot
    assert not any(f["rule"] == "OC001" for f in findings(lint))

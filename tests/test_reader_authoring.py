"""A third-party reader as capable as a built-in one (issue 24, item 5).

tests/data/reader_authoring/gov_readers is a reader package written from docs/plugins.md
alone: Thunderbird's mots.yaml (a file name a folder walk picks up, a config table) and
OpenStack's governance folder (a folder it claims). It is installed here as pip leaves a
package (its source on the path, its entry points in a dist-info), and what orgcheck
makes of the real copies is checked against counts made with PyYAML alone
(tests/data/reader_authoring/counts.py)."""
from __future__ import annotations

import json
import os
import shutil
import sys

import pytest
from conftest import ROOT

from orgcheck.testing import assert_silent, findings, lint_model

AUTHORING = ROOT / "tests" / "data" / "reader_authoring"
MOTS = ROOT / "tests" / "data" / "realdata" / "mozilla-thunderbird-mots" / "mots.yaml"
OPENSTACK = ROOT / "tests" / "data" / "realdata" / "openstack-governance"
sys.path.insert(0, str(AUTHORING))
import counts  # noqa: E402 - beside the reader package, not a package of the tests

#: a rule of the plugin author's own, to see where findings about units land
LEADLESS = '''
import orgcheck


@orgcheck.rule("GOV001", "module-without-owner", pillar="self-steering")
def unit_without_lead(org):
    """A unit names nobody who leads it.

    What: a unit none of whose members has the role lead or chair.
    Why: someone has to call the meeting (Source: the plugin author's practice).
    Fix: name an owner or chair.
    Options: none.
    Example: a module whose owner is "nobody" -> fires.
    """
    for unit in org.units:
        if not any(m.get("role") in ("lead", "chair") for m in unit.raw.get("members", []) if isinstance(m, dict)):
            yield unit, f"{unit.name} names nobody who leads it"


@orgcheck.hookimpl
def orgcheck_rules():
    return [unit_without_lead]
'''


@pytest.fixture
def installed(tmp_path):
    """The reader package as an installed distribution, and a rule file of its author."""
    info = tmp_path / "site" / "gov_readers-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gov-readers\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[orgcheck]\nmots = gov_readers.mots\nopenstack = gov_readers.openstack\n")
    (tmp_path / "leadless.py").write_text(LEADLESS)
    return {"PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(AUTHORING)]), "PYTHONDONTWRITEBYTECODE": "1"}


def _lines(out: str, code: str) -> list[tuple[str, int, str]]:
    found = []
    for line in out.splitlines():
        where, _, rest = line.partition(": ")
        if rest.startswith(code + " "):
            path, row, _col = where.rsplit(":", 2)
            found.append((path, int(row), rest))
    return found


def test_a_folder_walk_finds_mots_yaml_by_the_pattern_its_reader_declares(run, tmp_path, installed):
    shutil.copytree(MOTS.parent, tmp_path / "data")
    without = run("lint", "data")
    assert without.code == 2 and "no org model files found" in without.err
    result = run("lint", "--statistics", "data", env=installed)
    # a mots file records purposes (a module's description) and who leads a module: the
    # modules without a description get OC307, those with peers and no owner OC512, and a
    # person listed both as a peer and as an emeritus of a module OC010 (Exchange: Brendan
    # Abolivier, one YAML anchor in both lists)
    assert result.code == 1, result.err
    found = {line.split()[1] for line in result.out.splitlines() if line.startswith("data/mots.yaml:")}
    assert found == {"OC010", "OC307", "OC512"}, result.out
    assert "1 file" in result.out.splitlines()[-1]
    # a source naming owners and peers only says nothing of team sizes: not a finding, not a pass
    assert ("  OC502 team-too-small: a mots file has no complete member lists of its units (it names some "
            "members, such as the leads)") in result.out.splitlines()
    assert "OC502 team-too-small [" not in result.out


def test_mots_read_as_its_independent_counts_say(run, tmp_path, installed):
    expected = counts.mots(MOTS)
    shutil.copy(MOTS, tmp_path / "mots.yaml")
    model = json.loads(run("import", "mots", "mots.yaml", env=installed).out)
    assert len(model["people"]) == expected["people"] == 68
    assert len(model["units"]) == expected["units"] == 25
    assert sum(len(u.get("members", [])) for u in model["units"]) == expected["memberships"]
    assert model["x-expresses"] == {"source": "a mots file", "parts": ["people", "units", "unit_purposes"]}
    # the council owns two modules: their parent, not a person among their members
    parents = {u["id"]: u.get("parent") for u in model["units"]}
    assert parents["01-thunderbird_desktop"] == parents["03-mailnews_core"] == "00-thunderbird_council"
    assert parents["addressbook"] == "03-mailnews_core"
    result = run("lint", "--plugin", "leadless.py", "--select", "GOV001", "mots.yaml", env=installed)
    found = _lines(result.out, "GOV001")
    assert [row for _path, row, _ in found] == sorted(expected["owner_lines"][m] for m in expected["without_owner"])
    assert {path for path, _row, _ in found} == {"mots.yaml"}


def test_openstack_folder_claimed_and_read_as_counted(run, tmp_path, installed):
    expected = counts.openstack(OPENSTACK)
    shutil.copytree(OPENSTACK, tmp_path / "openstack-governance")
    model = json.loads(run("import", "openstack", "openstack-governance", env=installed).out)
    assert len(model["people"]) == expected["people"]
    assert len(model["units"]) == expected["units"] == 65
    assert sum(1 for u in model["units"] if u["type"] == "team") == expected["teams"] == 42
    result = run("lint", "--statistics", "--plugin", "leadless.py", "--extend-select", "GOV001",
                 "openstack-governance", env=installed)
    found = _lines(result.out, "GOV001")
    assert sorted(rest.split("] ", 1)[1].split(" names")[0] for _p, _r, rest in found) == expected["distributed"]
    assert {path for path, _row, _ in found} == {"openstack-governance/reference/projects.yaml"}
    text = (OPENSTACK / "reference" / "projects.yaml").read_text().splitlines()
    assert all(text[row - 1].startswith(f"{rest.split('] ', 1)[1].split(' names')[0]}:") for _p, row, rest in found)
    assert "OC502 team-too-small [" not in result.out
    assert "  OC502 team-too-small: OpenStack's governance data has no complete member lists" in result.out


def test_a_readers_table_is_checked_and_passed_to_it(run, tmp_path, installed):
    shutil.copy(MOTS, tmp_path / "mots.yaml")
    (tmp_path / "orgcheck.toml").write_text('[readers.mots]\nunit_type = "working-group"\n')
    model = json.loads(run("import", "mots", "mots.yaml", env=installed).out)
    assert {u["type"] for u in model["units"]} == {"working-group"}
    (tmp_path / "orgcheck.toml").write_text('[readers.mots]\nunit_typ = "team"\n')
    result = run("lint", "mots.yaml", env=installed)
    assert result.code == 2
    assert result.err == ("orgcheck: error: orgcheck.toml: [readers.mots]: the mots reader has no option "
                          "'unit_typ'; did you mean 'unit_type'?\n")
    (tmp_path / "orgcheck.toml").write_text("[readers.mots]\nunit_type = 3\n")
    result = run("lint", "mots.yaml", env=installed)
    assert result.code == 2 and "[readers.mots]: unit_type must be " in result.err
    (tmp_path / "orgcheck.toml").write_text("[mots]\nunit_type = 'team'\n")
    result = run("lint", "mots.yaml", env=installed)
    assert result.err == ("orgcheck: error: orgcheck.toml: mots: unknown key 'mots' in the config; a reader "
                          "plugin's settings go in [readers.mots]\n")
    (tmp_path / "orgcheck.toml").write_text("[readers.motz]\nunit_type = 'team'\n")
    result = run("lint", "mots.yaml", env=installed)
    assert result.code == 2 and "no installed reader has a table 'motz'; did you mean 'mots'?" in result.err


def test_the_test_kit_hands_a_text_to_the_reader_by_its_file_name():
    reader = str(AUTHORING / "gov_readers" / "mots.py")
    text = MOTS.read_text(encoding="utf-8")
    report = lint_model(text, path="mots.yaml", plugins=[reader], select=["OC502", "OC005"])
    assert [code for code, _why in report.not_assessed["mots.yaml"]] == ["OC502"]
    assert report.files == ["mots.yaml"]
    mots = lint_model(text, path="mots.yaml", plugins=[reader], select=["OC005"])
    assert_silent(mots, "OC005")  # the modules' tree has no loop
    # without the name, the text is plain YAML to the YAML reader: not an org model
    plain = lint_model(text, plugins=[reader], select=["OC005"])
    assert "the model is missing required key 'organization'" in [f.message for f in findings(plain, "OC001")]


def test_stats_says_a_teams_size_is_not_assessed_where_only_leads_are_named(run, tmp_path, installed):
    shutil.copy(MOTS, tmp_path / "mots.yaml")
    stats = json.loads(run("stats", "--format", "json", "mots.yaml", env=installed).out)
    assert len(stats["teams"]) == counts.mots(MOTS)["units"]
    assert {t["status"] for t in stats["teams"]} == {"not assessed"}

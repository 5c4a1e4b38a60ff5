"""examples/orgcheck-plugin-example: a plugin package a team can copy. Its own tests
(written with orgcheck.testing) pass, and orgcheck lists its rules with its
distribution name: installed for real in a fresh virtualenv (slow; CI runs it), and,
on every run, as an installed distribution on the path."""
import json
import os
import shutil
import subprocess
import sys
import venv

import pytest
from conftest import EXAMPLES

PACKAGE = EXAMPLES / "orgcheck-plugin-example"
ROOT = EXAMPLES.parent


def installed_on_path(site):
    """The package as pip leaves it: its source on the path and its metadata with the
    entry point beside it (no build, so this runs on every test run)."""
    info = site / "orgcheck_plugin_example-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: orgcheck-plugin-example\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[orgcheck]\nexample = orgcheck_example\n"
                                           "example-reader = orgcheck_example.reader\n")
    return {"PYTHONPATH": os.pathsep.join([str(site), str(PACKAGE / "src")]), "PYTHONDONTWRITEBYTECODE": "1"}


def test_the_packages_entry_point_is_the_one_its_readme_names():
    pyproject = (PACKAGE / "pyproject.toml").read_text()
    assert '[project.entry-points.orgcheck]\nexample = "orgcheck_example"' in pyproject
    assert '[project.entry-points.orgcheck] example = "orgcheck_example"' in (PACKAGE / "README.md").read_text()


def test_example_tests_pass_and_its_rules_are_listed(run, tmp_path):
    env = {**os.environ, **installed_on_path(tmp_path / "site")}
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PACKAGE / "tests")],
                           cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert " passed" in tests.stdout and "failed" not in tests.stdout
    rules = {r["code"]: r for r in json.loads(run("rules", "--format", "json", env=env).out)}
    assert (rules["EX101"]["plugin"], rules["EX101"]["family"], rules["EX101"]["enabled"]) == (
        "orgcheck-plugin-example 0.1.0", "example", True)
    assert (rules["EX102"]["enabled"], rules["EX102"]["presets"]) == (False, ["example:policies"])
    # its reader: a folder walk picks up the roster by name, findings at the roster's lines
    (tmp_path / "roster").mkdir()
    (tmp_path / "roster" / "care-teams.yaml").write_text(
        "people:\n  - {id: ann, name: Ann}\nregions:\n  - name: North\n    teams:\n"
        "      - name: Solo\n        coordinators: [ann]\n")
    lint = run("lint", "--select", "OC502", "roster", env=env)
    assert lint.out.splitlines()[0].startswith("roster/care-teams.yaml:6:9: OC502 team-too-small [info] team 'Solo' "
                                               "has 1 direct member (Ann)")


@pytest.mark.slow
def test_installed_in_a_fresh_virtualenv_next_to_orgcheck(tmp_path):
    # Copies, so that building leaves nothing behind in the repository.
    source = tmp_path / "orgcheck"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "tests", "node_modules"))
    package = tmp_path / "orgcheck-plugin-example"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    install = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(source),
                              f"{package}[test]"], capture_output=True, text=True, env=clean, timeout=600)
    assert install.returncode == 0, install.stderr
    tests = subprocess.run([str(bindir / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package,
                           capture_output=True, text=True, env=clean, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "11 passed" in tests.stdout
    rules = subprocess.run([str(bindir / "orgcheck"), "rules"], cwd=tmp_path, capture_output=True, text=True,
                           env=clean, timeout=120)
    assert rules.returncode == 0 and rules.stderr == ""
    listed = {line.split()[0]: line.split() for line in rules.stdout.splitlines()[1:]}
    assert listed["EX101"][:8] == ["EX101", "agreement-span-limit", "example", "warning", "self-steering", "-",
                                   "orgcheck-plugin-example", "0.1.0"]
    assert listed["EX102"][-2:] == ["example:policies", "no"]


def test_the_example_plugin_counts_spans_as_the_built_in_rules_do(run, tmp_path):
    # Ann: 9 named reports and a grade band of 40 junior staff; Bo and Cy report to each
    # other (a loop, OC004's finding). The example's plain `len(manager.reports)` over
    # `org.managers()` must count what OC101 counts: Ann's 9 named reports, nobody in the loop.
    care = {"x-example": {"agreement": "healthcare"}}
    people = [{"id": "ann", "name": "Ann", **care},
              *({"id": f"r{i}", "name": f"R{i}", "reports_to": "ann"} for i in range(9)),
              {"id": "band", "name": "40 junior staff", "reports_to": "ann", "fte": 40, "x-aggregate": True},
              {"id": "bo", "name": "Bo", "reports_to": "cy", **care},
              {"id": "cy", "name": "Cy", "reports_to": "bo", **care},
              *({"id": f"s{i}", "name": f"S{i}", "reports_to": "bo"} for i in range(9))]
    (tmp_path / "org.json").write_text(json.dumps({"organization": {"id": "o", "name": "O"}, "people": people}))
    (tmp_path / "orgcheck.toml").write_text("[rules.span-too-wide]\nmax = 8\n")
    env = {**os.environ, **installed_on_path(tmp_path / "site")}
    result = run("lint", "--format", "json", "--exit-zero", "--select", "EX101,OC101,OC004", "org.json", env=env)
    found = {}
    for f in json.loads(result.out)["findings"]:
        found.setdefault(f["rule"], []).append((f["entity"], f["message"]))
    assert [e for e, _ in found["OC004"]] == ["bo"]
    assert [e for e, _ in found["EX101"]] == [e for e, _ in found["OC101"]] == ["ann"]
    assert found["EX101"][0][1] == "Ann has 9 direct reports; the healthcare agreement allows at most 8"
    assert found["OC101"][0][1].startswith("Ann has 9 direct reports, plus 40 staff in 1 grade band below")

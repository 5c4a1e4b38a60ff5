"""The install snippets a user copies, run as shown: the GitHub workflow's install from
git, and the README's pre-commit config with the real pre-commit. The GitHub address is
swapped for a local clone of this repository made in the test (no network needed)."""
import os
import re
import shutil
import subprocess
import sys
import venv

import pytest
import yaml
from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text()
GITHUB = "https://github.com/orgcheck/orgcheck"
WORKFLOW = yaml.safe_load((EXAMPLES / "ci" / "orgcheck.yml").read_text())


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """This repository as GitHub would serve it: a clone whose main is the commit under test."""
    where = tmp_path_factory.mktemp("clone") / "orgcheck"
    git(ROOT.parent, "clone", "-q", "--no-hardlinks", str(ROOT), str(where))
    git(where, "checkout", "-q", "-B", "main", "HEAD")  # main at the commit under test, whatever was checked out
    return where


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(NO_COLOR="1", **extra)
    return env


def test_no_snippet_installs_a_release_that_does_not_exist():
    docs = [README, *(p.read_text() for p in EXAMPLES.rglob("*.md") if "node_modules" not in p.parts)]
    texts = [(EXAMPLES / "ci" / "orgcheck.yml").read_text(),
             *(b for d in docs for b in re.findall(r"```.*?```", d, re.S))]
    for text in texts:
        assert not re.search(r"pip install orgcheck\b(?!-)", text)
        assert "rev: v" not in text  # no tag has been released
    install = next(s["run"] for s in WORKFLOW["jobs"]["lint"]["steps"] if s.get("run", "").startswith("pip install"))
    assert install == f'pip install "git+{GITHUB}@main"'
    assert install in README  # the README offers the same command
    assert "no release" in README and (ROOT / "CHANGELOG.md").is_file()


@pytest.mark.slow
def test_the_workflow_installs_from_git_and_its_steps_work(clone, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / "bin"
    env = clean_env(PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    models = tmp_path / "models"
    (models / "team").mkdir(parents=True)
    shutil.copy(EXAMPLES / "healthy.org.json", models / "org.json")
    shutil.copy(EXAMPLES / "command-and-control.org.json", models / "team" / "claims.org.json")
    steps = [s["run"] for s in WORKFLOW["jobs"]["lint"]["steps"] if "run" in s]
    assert steps[0].startswith("pip install")
    install = steps[0].replace(f"git+{GITHUB}@main", f"git+file://{clone}@main")  # a path, as pip reads it
    done = subprocess.run(install, shell=True, cwd=models, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert shutil.which("orgcheck", path=str(bindir))
    annotate, scan = (subprocess.run(step, shell=True, cwd=models, env=env, capture_output=True, text=True)
                      for step in steps[1:])
    assert annotate.returncode == 0, annotate.stderr  # --exit-zero: annotations never fail the job
    assert "::warning file=team/claims.org.json,line=" in annotate.stdout
    assert scan.returncode == 1, scan.stderr  # a warning fails the job
    assert "team/claims.org.json:" in scan.stdout and (models / "orgcheck.sarif").is_file()


@pytest.mark.slow
def test_the_readme_pre_commit_config_works_as_shown(clone, tmp_path):
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if "pre-commit" in b or "repos:" in b]
    assert f"repo: {GITHUB}" in block and "rev: main" in block
    repo = tmp_path / "models"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(block.replace(GITHUB, str(clone)))
    shutil.copy(EXAMPLES / "healthy.org.json", repo / "org.json")
    git(repo, "add", ".")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    good = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "orgcheck" in good.stdout and "Passed" in good.stdout

    (repo / "team").mkdir()
    shutil.copy(EXAMPLES / "command-and-control.org.json", repo / "team" / "claims.org.json")
    git(repo, "add", ".")
    bad = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert bad.returncode == 1 and "Failed" in bad.stdout
    assert "team/claims.org.json:" in bad.stdout and "OC101 span-too-wide" in bad.stdout

    # What the README says pins it: the branch becomes the commit's sha.
    pinned = subprocess.run([sys.executable, "-m", "pre_commit", "autoupdate", "--bleeding-edge"], cwd=repo,
                            capture_output=True, text=True, env=env, timeout=300)
    assert pinned.returncode == 0, pinned.stdout + pinned.stderr
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    assert config["repos"][0]["rev"] == git(clone, "rev-parse", "main")


@pytest.mark.slow
def test_the_folder_hook_lints_a_whole_rust_team_checkout_when_one_of_its_files_changes(clone, tmp_path):
    from test_org_as_code import LANG, LANG_DOCS, rust_folder

    cli = (ROOT / "docs" / "cli.md").read_text()
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", cli, re.S) if "orgcheck-folder" in b]
    # lang-docs with a second member: one alone would rest on one person (OC509)
    docs = LANG_DOCS.replace("lnag", "lang").replace('members = ["bo"]', 'members = ["bo", "cy"]')
    repo = rust_folder(tmp_path / "team", {"lang.toml": LANG.replace("boo", "bo").replace('alumni = ["dee"]', ""),
                                           "lang-docs.toml": docs})
    (repo / "README.md").write_text("The teams\n")
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(block.replace(GITHUB, str(clone)))
    git(repo, "add", ".")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "pre_commit", "run"]
    good = subprocess.run([*command, "--all-files"], cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "orgcheck (a whole org-as-code folder)" in good.stdout and "Passed" in good.stdout

    # a person's file changes: the whole folder is linted, and the team that names a
    # missing parent is found in its own file
    (repo / "teams" / "lang-docs.toml").write_text(LANG_DOCS)
    (repo / "people" / "cy.toml").write_text('name = "Cy Chen"\ngithub = "cy"\ngithub-id = 1\n')
    git(repo, "add", ".")
    bad = subprocess.run([*command, "--files", "people/cy.toml"], cwd=repo, capture_output=True, text=True,
                         env=env, timeout=900)
    assert bad.returncode == 1 and "Failed" in bad.stdout
    assert ("teams/lang-docs.toml:2:14: OC003 unknown-reference [error] unit 'lang-docs': parent 'lnag' names "
            "nothing in the document") in bad.stdout
    # a file outside the model is no reason to lint it
    other = subprocess.run([*command, "--files", "README.md"], cwd=repo, capture_output=True, text=True, env=env,
                           timeout=900)
    assert other.returncode == 0 and "Skipped" in other.stdout

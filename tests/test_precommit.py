"""The pre-commit hook, run by the real pre-commit on a real git repository."""
import os
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
def test_hook_passes_a_good_model_and_fails_a_bad_one(tmp_path):
    repo = tmp_path / "models"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "healthy.org.json", repo / "org.json")
    (repo / "notes.json").write_text("not a model, and not JSON")  # not matched by the hook's files
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "orgcheck", "--all-files"]

    good = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "orgcheck" in good.stdout and "Passed" in good.stdout

    sub = repo / "team"
    sub.mkdir()
    shutil.copy(EXAMPLES / "command-and-control.org.json", sub / "claims.org.json")
    git(repo, "add", ".")
    bad = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "team/claims.org.json:" in bad.stdout and "OC101 span-too-wide" in bad.stdout

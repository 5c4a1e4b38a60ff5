"""Attack: a pull request's config loads the pull request's Python. The checkout's
orgcheck.toml names ``plugins = ["tools/x.py"]``; a config above the checkout, or one
another user owns, names a plugin of its own; a folder in the working directory
passes for an installed distribution under ``python -m orgcheck``. In the CI mode
(``--no-local-plugins`` / ``ORGCHECK_NO_LOCAL_PLUGINS=1``) none of them runs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

PLUGIN = """from pathlib import Path
Path({marker!r}).write_text("ran")
"""


def pull_request(root: Path, marker: Path) -> Path:
    """A checkout (a git work tree) whose config names a plugin the pull request added."""
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "tools").mkdir()
    (root / "tools" / "x.py").write_text(PLUGIN.format(marker=str(marker)))
    (root / "orgcheck.toml").write_text('plugins = ["tools/x.py"]\n')
    (root / "org.json").write_text((EXAMPLES / "healthy.org.json").read_text())
    return root


COMMANDS = [["lint", "."], ["lint", "--format", "sarif", "org.json"], ["stats", "org.json"], ["rules"],
            ["plugins"], ["explain", "OC101"], ["graph", "org.json"], ["report", "org.json", "-o", "r.html"],
            ["diff", "org.json", "org.json"]]


def test_the_attack_a_plain_lint_imports_the_pull_requests_file(run, tmp_path):
    marker = tmp_path / "ran"
    repo = pull_request(tmp_path / "checkout", marker)
    assert run("lint", ".", cwd=repo).code == 0
    assert marker.read_text() == "ran"


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize("how", ["flag", "env"])
def test_the_ci_mode_loads_no_plugin_a_config_names(run, tmp_path, args, how):
    marker = tmp_path / "ran"
    repo = pull_request(tmp_path / "checkout", marker)
    if how == "flag":
        result = run(args[0], "--no-local-plugins", *args[1:], cwd=repo)
    else:
        result = run(*args, cwd=repo, env={"ORGCHECK_NO_LOCAL_PLUGINS": "1"})
    assert result.code == 0, result.err
    assert not marker.exists()
    assert "orgcheck: orgcheck.toml: plugins not loaded (--no-local-plugins): tools/x.py\n" in result.err
    assert "Traceback" not in result.err


def test_the_ci_mode_still_loads_a_plugin_named_on_the_command_line(run, tmp_path):
    marker = tmp_path / "ran"
    repo = pull_request(tmp_path / "checkout", marker)
    (repo / "orgcheck.toml").write_text("")
    result = run("lint", "--no-local-plugins", "--plugin", "tools/x.py", ".", cwd=repo)
    assert result.code == 0, result.err
    assert marker.read_text() == "ran"


def test_a_config_selecting_a_left_out_plugins_rule_says_why_it_fails(run, tmp_path):
    marker = tmp_path / "ran"
    repo = pull_request(tmp_path / "checkout", marker)
    (repo / "orgcheck.toml").write_text('plugins = ["tools/x.py"]\nextend-select = ["X001"]\n')
    result = run("lint", "--no-local-plugins", ".", cwd=repo)
    assert result.code == 2 and not marker.exists()
    lines = result.err.splitlines()
    assert lines[0] == "orgcheck: orgcheck.toml: plugins not loaded (--no-local-plugins): tools/x.py"
    assert lines[1].startswith("orgcheck: error: orgcheck.toml: extend-select: 'X001' matches no rule")


def test_config_discovery_stops_at_the_repository_root(run, tmp_path):
    marker = tmp_path / "ran"
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "x.py").write_text(PLUGIN.format(marker=str(marker)))
    (tmp_path / "orgcheck.toml").write_text('plugins = ["tools/x.py"]\nselect = ["OC9"]\n')
    repo = tmp_path / "checkout"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "models").mkdir()
    (repo / "models" / "org.json").write_text((EXAMPLES / "command-and-control.org.json").read_text())
    result = run("lint", "models", cwd=repo)
    assert result.code == 1 and "OC101" in result.out  # the default rules, not the outer select
    assert not marker.exists()
    # the same folder outside a repository reads it (a config above a plain folder is the user's)
    subprocess.run(["rm", "-rf", str(repo / ".git")], check=True)
    assert run("lint", "--isolated", "models", cwd=repo).code == 1
    run("lint", "models", cwd=repo)
    assert marker.exists()


def test_a_config_file_another_user_owns_is_skipped_with_a_note(run, tmp_path):
    marker = tmp_path / "ran"
    shared = tmp_path / "shared"  # say /tmp, where anyone may write
    (shared / "tools").mkdir(parents=True)
    (shared / "tools" / "x.py").write_text(PLUGIN.format(marker=str(marker)))
    config = shared / "orgcheck.toml"
    config.write_text('plugins = ["tools/x.py"]\n')
    os.chown(config, 4242, 4242)  # the tests run as root, as CI does
    (shared / "org.json").write_text((EXAMPLES / "healthy.org.json").read_text())
    result = run("lint", "org.json", cwd=shared)
    assert result.code == 0 and not marker.exists()
    assert result.err == ("orgcheck: orgcheck.toml: skipped: the config file belongs to another user (uid 4242); "
                          "pass --config orgcheck.toml to use it\n")
    # named on the command line, it is the user's choice
    assert run("lint", "--config", "orgcheck.toml", "org.json", cwd=shared).code == 0
    assert marker.exists()


def test_python_m_orgcheck_takes_no_distribution_from_the_working_directory(tmp_path):
    """``python -m`` puts the working directory first on the import path: a pull request
    could add a ``*.dist-info`` folder there whose entry point names its own module."""
    marker = tmp_path / "ran"
    repo = pull_request(tmp_path / "checkout", marker)
    (repo / "orgcheck.toml").write_text("")
    dist = repo / "evil-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[orgcheck]\nevil = evil_plugin\n")
    (repo / "evil_plugin.py").write_text(PLUGIN.format(marker=str(marker)))
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run([sys.executable, "-m", "orgcheck", "lint", "."], cwd=repo, env=env, capture_output=True)
    assert marker.exists(), "the fixture is not armed: python -m did not load the planted distribution"
    marker.unlink()
    proc = subprocess.run([sys.executable, "-m", "orgcheck", "lint", "--no-local-plugins", "."], cwd=repo, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()

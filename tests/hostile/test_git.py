"""Attack: a pull request commits the files of a bare git repository (HEAD, config,
objects/, refs/) into the models folder, plus a script. Run in that folder, git takes
it for a repository and obeys its config. Each attack is first shown to work on git
itself (the fixture is armed), then run through orgcheck, which must refuse it in one
line (exit 2) and run nothing."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(cwd: Path, *args: str, input: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True, input=input).stdout


def checkout(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose main holds a healthy model, checked out at a pull request
    that makes it worse and adds tools/pwn.sh; and the file the script would create."""
    repo = tmp_path / "checkout"
    (repo / "models").mkdir(parents=True)
    (repo / "tools").mkdir()
    model = repo / "models" / "org.json"
    model.write_text((EXAMPLES / "healthy.org.json").read_text())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "today's organization")
    git(repo, "checkout", "-q", "-b", "pull-request")
    model.write_text((EXAMPLES / "command-and-control.org.json").read_text())
    marker = tmp_path / "pwned"
    script = repo / "tools" / "pwn.sh"
    script.write_text(f"#!/bin/sh\necho ran >> {marker}\nexit 1\n")
    script.chmod(0o755)
    return repo, marker


def plant(models: Path, config: str, *, signed: bool = False, drop_blob: bool = False) -> None:
    """The bare repository a pull request adds beside the model: its main holds the
    pull request's own model (so a "base" read from it is the new version)."""
    git(models, "init", "-q", "--bare", ".")
    gd = ["--git-dir", str(models)]
    # its work tree is the models folder itself, so ./org.json resolves as in a checkout
    git(models, *gd, "config", "core.bare", "false")
    git(models, *gd, "config", "core.worktree", ".")
    blob = git(models, *gd, "hash-object", "-w", "org.json").decode().strip()
    tree = git(models, *gd, "mktree", input=f"100644 blob {blob}\torg.json\n".encode()).decode().strip()
    body = f"tree {tree}\nauthor t <t@example.org> 1700000000 +0000\ncommitter t <t@example.org> 1700000000 +0000\n"
    if signed:
        body += "gpgsig -----BEGIN PGP SIGNATURE-----\n \n x\n -----END PGP SIGNATURE-----\n"
    body += "\nthe base\n"
    commit = git(models, *gd, "hash-object", "-t", "commit", "-w", "--stdin", input=body.encode()).decode().strip()
    git(models, *gd, "update-ref", "refs/heads/main", commit)
    git(models, *gd, "symbolic-ref", "HEAD", "refs/heads/main")
    if drop_blob:
        (models / "objects" / blob[:2] / blob[2:]).unlink()
    with open(models / "config", "a") as f:
        f.write(config)


def one_line_error(result, *words: str) -> None:
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and result.err.startswith("orgcheck: error: "), result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def test_diff_base_compares_with_the_real_base_not_a_planted_repository(run, tmp_path):
    repo, _marker = checkout(tmp_path)
    honest = run("diff", "--base", "main", "models/org.json", cwd=repo)
    assert honest.code == 1 and "Findings: 0 introduced" not in honest.out
    plant(repo / "models", "")
    # armed: git in the model's folder reads the planted main, the pull request's own model
    planted = git(repo / "models", "show", "main:./org.json")
    assert planted == (repo / "models" / "org.json").read_bytes()
    bypass = run("diff", "--base", "main", "models/org.json", cwd=repo)
    one_line_error(bypass, "models/org.json", "git repository of its own")
    assert "Findings:" not in bypass.out


def test_a_partial_clone_remote_with_an_ssh_command_runs_nothing(run, tmp_path):
    repo, marker = checkout(tmp_path)
    plant(repo / "models", f"""[core]
\trepositoryformatversion = 1
\tsshCommand = {repo / "tools" / "pwn.sh"}
[extensions]
\tpartialClone = origin
[remote "origin"]
\turl = ssh://git.example.invalid/org.git
\tpromisor = true
\tpartialclonefilter = blob:none
[protocol "ssh"]
\tallow = always
""", drop_blob=True)
    subprocess.run(["git", "cat-file", "-e", "main:./org.json"], cwd=repo / "models", env=ENV, capture_output=True)
    assert marker.exists(), "the fixture is not armed: git did not run the planted ssh command"
    marker.unlink()
    for cwd, model in ((repo, "models/org.json"), (repo / "models", "org.json")):
        for args in (["diff", "--isolated", "--base", "main", model], ["history", model]):
            result = run(*args, cwd=cwd)
            one_line_error(result)
            assert not marker.exists(), f"{args} ran the pull request's script"


def test_show_signature_and_gpg_program_run_nothing(run, tmp_path):
    repo, marker = checkout(tmp_path)
    plant(repo / "models", f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {repo / 'tools' / 'pwn.sh'}\n",
          signed=True)
    subprocess.run(["git", "log", "--format=%s", "--", "org.json"], cwd=repo / "models", env=ENV,
                   capture_output=True)
    assert marker.exists(), "the fixture is not armed: git log did not run the planted gpg.program"
    marker.unlink()
    for args in (["history", "models/org.json"], ["report", "--history", "models/org.json", "-o", "r.html"]):
        result = run(*args, cwd=repo)
        one_line_error(result, "git repository of its own")
        assert not marker.exists(), f"{args} ran the pull request's script"
    assert not (repo / "r.html").exists()


def test_the_working_directorys_own_config_cannot_choose_a_program(run, tmp_path):
    """Even the checkout's own repository (whose config a CI step may have written)
    fetches nothing and verifies no signature through orgcheck."""
    repo, marker = checkout(tmp_path)
    git(repo, "add", ".")
    body = git(repo, "cat-file", "commit", "HEAD").decode()
    git(repo, "commit", "-q", "-m", "worse")
    head = git(repo, "cat-file", "commit", "HEAD").decode()
    signed = head.replace("\n\n", "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n x\n -----END PGP SIGNATURE-----\n\n", 1)
    commit = git(repo, "hash-object", "-t", "commit", "-w", "--stdin", input=signed.encode()).decode().strip()
    git(repo, "update-ref", "refs/heads/pull-request", commit)
    assert body
    with open(repo / ".git" / "config", "a") as f:
        f.write(f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {repo / 'tools' / 'pwn.sh'}\n")
    subprocess.run(["git", "log", "--format=%s"], cwd=repo, env=ENV, capture_output=True)
    assert marker.exists(), "the fixture is not armed"
    marker.unlink()
    result = run("history", "--format", "json", "models/org.json", cwd=repo)
    assert result.code == 0, result.err
    assert [r["subject"] for r in json.loads(result.out)["commits"]] == ["today's organization", "worse"]
    assert not marker.exists()


def test_the_working_directorys_own_partial_clone_fetches_nothing(run, tmp_path):
    """A lazy fetch of a missing blob would run core.sshCommand: orgcheck allows no
    transport, and a blob it cannot read is an error, never "new since the base"."""
    repo, marker = checkout(tmp_path)
    blob = git(repo, "rev-parse", "main:models/org.json").decode().strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    for key, value in (("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                       ("remote.origin.url", "ssh://git.example.invalid/org.git"), ("remote.origin.promisor", "true"),
                       ("protocol.ssh.allow", "always"), ("core.sshCommand", str(repo / "tools" / "pwn.sh"))):
        git(repo, "config", key, value)
    subprocess.run(["git", "cat-file", "-e", "main:models/org.json"], cwd=repo, env=ENV, capture_output=True)
    assert marker.exists(), "the fixture is not armed: git did not run the ssh command"
    marker.unlink()
    result = run("diff", "--base", "main", "models/org.json", cwd=repo)
    one_line_error(result, "git could not read models/org.json at main", "fetch the commit first")
    assert "is new since" not in result.err + result.out
    assert not marker.exists()


def test_a_working_directory_inside_a_planted_bare_repository_is_refused(run, tmp_path):
    repo, marker = checkout(tmp_path)
    plant(repo / "models", "")
    result = run("history", "org.json", cwd=repo / "models")
    one_line_error(result, "bare git repository")


@pytest.mark.parametrize("subject", ["x\x1e" + "0" * 40 + "\x1f" + "0" * 7 + "\x1f2001-01-01T00:00:00+00:00\x1fforged",
                                     "x\x00\n" + "f" * 40 + " fffffff 2001-01-01T00:00:00+00:00"])
def test_a_commit_subject_cannot_forge_a_history_row(run, tmp_path, subject):
    repo, _marker = checkout(tmp_path)
    git(repo, "add", ".")
    tree = git(repo, "write-tree").decode().strip()
    parent = git(repo, "rev-parse", "HEAD").decode().strip()
    body = (f"tree {tree}\nparent {parent}\nauthor t <t@example.org> 1750000000 +0000\n"
            f"committer t <t@example.org> 1750000000 +0000\n\n{subject}\n").encode("utf-8", "surrogatepass")
    commit = git(repo, "hash-object", "-t", "commit", "-w", "--stdin", "--literally", input=body).decode().strip()
    git(repo, "update-ref", "refs/heads/pull-request", commit)
    result = run("history", "--format", "json", "models/org.json", cwd=repo)
    assert result.code == 0, result.err
    rows = json.loads(result.out)["commits"]
    assert [r["commit"] for r in rows] == [parent, commit]
    assert [r["subject"] for r in rows][0] == "today's organization"
    assert not any(r["date"].startswith("2001") for r in rows)
    assert rows[1]["subject"].startswith("x") and rows[1]["date"].startswith("2025")

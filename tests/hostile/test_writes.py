"""Attack: make orgcheck write outside the output it was given. A pull request
commits ``reports`` as a link to a folder outside the checkout; a CI step names
``/dev/stdout`` (a link to the process's own descriptor) with standard output
redirected to a file; two imports into one model run at once."""
from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, orgcheck_command

MODEL = (EXAMPLES / "command-and-control.org.json").read_text()


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "checkout"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "org.json").write_text(MODEL)
    return repo


def outside_victim(tmp_path: Path) -> Path:
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    for name in ("report.html", "out.txt", "graph.mmd"):
        (victim / name).write_text("precious\n")
    return victim


@pytest.mark.parametrize("args", [
    ["report", "org.json", "-o", "reports/report.html"],
    ["lint", "--format", "json", "--output", "reports/out.txt", "org.json"],
    ["stats", "org.json", "-o", "reports/out.txt"],
    ["graph", "org.json", "-o", "nested/reports/graph.mmd"],
])
def test_a_linked_folder_in_the_checkout_is_not_written_through(run, tmp_path, checkout, args):
    victim = outside_victim(tmp_path)
    (checkout / "reports").symlink_to(victim)
    (checkout / "nested").mkdir()
    (checkout / "nested" / "reports").symlink_to(victim)
    result = run(*args, cwd=checkout)
    assert result.code == 2, result
    folder = "nested/reports" if "nested" in args[-1] or "nested" in " ".join(args) else "reports"
    assert result.err.startswith("orgcheck: error: ") and f"its folder {folder} is a link" in result.err
    assert "Traceback" not in result.err
    assert all((victim / n).read_text() == "precious\n" for n in ("report.html", "out.txt", "graph.mmd"))
    assert sorted(p.name for p in victim.iterdir()) == ["graph.mmd", "out.txt", "report.html"]


def test_a_linked_folder_outside_any_repository_is_refused_too(run, tmp_path):
    """Without a repository the working directory is the checkout (a tarball of a pull request)."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "org.json").write_text(MODEL)
    victim = outside_victim(tmp_path)
    (work / "reports").symlink_to(victim)
    result = run("report", "org.json", "-o", "reports/report.html", cwd=work)
    assert result.code == 2 and "is a link" in result.err
    assert (victim / "report.html").read_text() == "precious\n"


def test_a_link_above_the_checkout_is_the_users_own_and_is_followed(run, tmp_path, checkout):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "alias").symlink_to(site)
    result = run("report", "org.json", "-o", str(tmp_path / "alias" / "report.html"), cwd=checkout)
    assert result.code == 0, result.err
    assert (site / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "alias").is_symlink()


def test_a_link_at_the_file_itself_is_replaced_not_written_through(run, tmp_path, checkout):
    victim = outside_victim(tmp_path)
    (checkout / "report.html").symlink_to(victim / "report.html")
    result = run("report", "org.json", "-o", "report.html", cwd=checkout)
    assert result.code == 0, result.err
    assert not (checkout / "report.html").is_symlink()
    assert (victim / "report.html").read_text() == "precious\n"


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_stream_name_is_written_through_the_descriptor(tmp_path, checkout, name):
    before = os.lstat(name) if name == "/dev/stdout" else None
    redirected = tmp_path / "captured.json"
    with open(redirected, "wb") as out:
        proc = subprocess.run([*orgcheck_command(), "lint", "--format", "json", "--output", name, "org.json"],
                              cwd=checkout, stdout=out, stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b""
    findings = json.loads(redirected.read_text())
    assert findings["findings"] and findings["findings"][0]["file"] == "org.json"
    if before is not None:
        after = os.lstat(name)
        assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)


def test_a_report_to_standard_error_by_name(tmp_path, checkout):
    proc = subprocess.run([*orgcheck_command(), "stats", "--format", "json", "-o", "/dev/stderr", "org.json"],
                          cwd=checkout, capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout == b"" and json.loads(proc.stderr)["people"]["positions"] > 0


def test_two_imports_into_one_model_at_once_lose_nothing(tmp_path):
    """Each import reads the model, adds its people and writes it back: without a lock
    the slower one writes over the other's people. A big model widens the window."""
    base = {"schema_version": 1, "organization": {"id": "o", "name": "O"},
            "people": [{"id": f"base{i}", "name": f"Person {i}", "reports_to": "base0" if i else None}
                       for i in range(20000)]}
    for p in base["people"]:
        if p["reports_to"] is None:
            del p["reports_to"]
    (tmp_path / "m.json").write_text(json.dumps(base))
    n = 4
    for k in range(n):
        (tmp_path / f"team{k}.csv").write_text("id,name,title,reports_to\n"
                                               + "".join(f"t{k}p{i},T{k} P{i},x,base0\n" for i in range(50)))
    procs = [subprocess.Popen([*orgcheck_command(), "import", "csv", f"team{k}.csv", "--into", "m.json"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for k in range(n)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    assert all(code == 0 for code, _err in results), results
    ids = {p["id"] for p in json.loads((tmp_path / "m.json").read_text())["people"]}
    assert len(ids) == 20000 + n * 50
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no lock or temporary file left

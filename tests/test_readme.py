"""The README: its two opening commands are the ones CI and a new user run, and its excerpts of
orgcheck's output are what orgcheck prints today."""
import re
import struct
import subprocess
import sys

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_install_and_test_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    install, test = blocks[0], blocks[1]
    assert "pip install ." in install and "orgcheck lint examples/command-and-control.org.json" in install
    assert "pip install -e '.[test]'" in test and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text()
    assert test in ci  # CI runs the README's test command
    assert (ROOT / "examples" / "command-and-control.org.json").is_file()


def test_readme_excerpt_is_what_orgcheck_prints(run):
    block = README.split("$ orgcheck lint examples/command-and-control.org.json\n", 1)[1].split("```", 1)[0]
    excerpt, healthy = block.split("$ orgcheck lint examples/healthy.org.json\n")
    actual = run("lint", "examples/command-and-control.org.json", cwd=ROOT).out.splitlines()
    shown = [line for line in excerpt.splitlines() if line != "..."]
    assert len(shown) >= 5
    for line in shown:
        assert line in actual
    assert run("lint", "examples/healthy.org.json", cwd=ROOT).out == healthy


# -- the excerpts of orgcheck's output and the screenshots: made by scripts/readme_excerpts.py --

SCRIPT = ROOT / "scripts" / "readme_excerpts.py"


def excerpts(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


def test_every_excerpt_in_the_readme_is_what_orgcheck_prints_today():
    result = excerpts()
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    # the blocks the README holds between its markers
    names = re.findall(r"<!-- excerpt: ([\w-]+) -->", README)
    assert {"lint", "stats", "one-finding", "healthy-scores"} <= set(names)


def test_a_stale_excerpt_is_named_and_rewritten(tmp_path):
    stale = README.replace("98% (50 of 51)", "98% (51 of 52)").replace(
        "<!-- excerpt: healthy-scores -->97, 100 and 100", "<!-- excerpt: healthy-scores -->90, 100 and 100")
    assert stale != README
    copy = tmp_path / "README.md"
    copy.write_text(stale)
    checked = excerpts("--readme", str(copy))
    assert checked.returncode == 1
    assert checked.stdout == "README.md: excerpt healthy-scores is stale\nREADME.md: excerpt stats is stale\n"
    assert "python scripts/readme_excerpts.py --write" in checked.stderr
    assert copy.read_text() == stale  # a check writes nothing
    written = excerpts("--readme", str(copy), "--write")
    assert written.returncode == 0
    assert copy.read_text() == README
    assert excerpts("--readme", str(copy)).returncode == 0


def test_the_screenshots_are_taken_of_todays_report(tmp_path):
    from browser import chromium_path

    chromium_path()  # skipped without chromium (and required in CI)
    copy = tmp_path / "README.md"
    copy.write_text(README)
    result = excerpts("--readme", str(copy), "--screenshots", "--docs", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("report-command-and-control.png", "report-org-chart.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 1000 and height >= 1000, (name, width, height)
        assert f"](docs/{name})" in README


def test_realdata_without_the_data_says_so_and_exits_2(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "realdata.py"), "--realdata",
                             str(tmp_path / "missing")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""  # no table, and no "Target: met" on zero files
    assert result.stderr.startswith(f"benchmarks/realdata.py: no real data in {tmp_path / 'missing'}")
    assert "pass --realdata DIR" in result.stderr

"""Conventions a ruff user expects (issue 26, item 8), each run as a user runs it."""
import json
import re
import sys

from conftest import EXAMPLES, git

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEALTHY = (EXAMPLES / "healthy.org.json").read_text()


def test_a_bad_select_on_the_command_line_is_blamed_on_it_not_on_pyproject(run, tmp_path):
    (tmp_path / "org.json").write_text(HEALTHY)
    (tmp_path / "pyproject.toml").write_text('[tool.orgcheck]\nfail-on = "error"\nignore = ["OC5"]\n')
    for option, word in (("--select", "select"), ("--ignore", "ignore"), ("--extend-select", "extend-select")):
        result = run("lint", option, "OC999", "org.json")
        assert (result.code, result.out) == (2, "")
        assert result.err == (f"orgcheck: error: {option}: 'OC999' matches no rule; did you mean 'OC903'? "
                              "(see `orgcheck rules`)\n"), word
    # the file's own mistake is still the file's, beside a good --select
    (tmp_path / "pyproject.toml").write_text('[tool.orgcheck]\nignore = ["OC77"]\n')
    result = run("lint", "--select", "OC1", "org.json")
    assert result.code == 2
    assert result.err.startswith("orgcheck: error: pyproject.toml: ignore: 'OC77' matches no rule")


def test_select_all_runs_every_rule_and_is_documented(run, tmp_path):
    (tmp_path / "org.json").write_text(HEALTHY)
    every = run("lint", "--show-settings", "--select", "ALL", "org.json")
    listed = run("rules", "--format", "json")
    codes = re.findall(r'"(OC\d+)"', every.out.split("[severity]")[0])
    assert codes == sorted(r["code"] for r in json.loads(listed.out))
    assert "ALL" in run("lint", "--help").out.replace("\n", " ")


def test_explain_prints_defaults_as_toml_that_a_config_file_accepts(run, tmp_path):
    result = run("explain", "OC101")
    assert result.code == 0
    block = result.out.split("\nDefaults, as orgcheck.toml sets them "
                             "(in pyproject.toml: [tool.orgcheck.rules.span-too-wide]):\n", 1)[1]
    assert block == ("  [rules.span-too-wide]\n"
                     "  max_by_type = {player-coach = 5, coach = 7, supervisor = 10, facilitator = 15}\n"
                     "  max = 10\n")
    # pasted into orgcheck.toml with a changed bound, it is a config orgcheck reads
    (tmp_path / "orgcheck.toml").write_text(block.replace("supervisor = 10", "supervisor = 12"))
    (tmp_path / "org.json").write_text((EXAMPLES / "command-and-control.org.json").read_text())
    linted = run("lint", "--select", "OC101", "org.json")
    assert (linted.code, linted.err) == (0, "")
    assert linted.out == "No findings in 1 file\n"  # Mark Doyle's 12 are within a bound of 12


def test_show_settings_names_the_config_and_prints_toml_that_round_trips(run, tmp_path):
    (tmp_path / "org.json").write_text(HEALTHY)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.orgcheck]\nfail-on = "error"\nignore = ["OC5"]\n[tool.orgcheck.severity]\nOC101 = "error"\n'
        '[tool.orgcheck.rules.span-too-wide]\nmax_by_type = {coordinator = 30}\n')
    result = run("lint", "--show-settings", "org.json")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[:3] == ["# orgcheck settings for org.json", "# config file: pyproject.toml",
                         "# paste into orgcheck.toml; in pyproject.toml, put each table under [tool.orgcheck]"]
    settings = tomllib.loads(result.out)
    assert settings["fail-on"] == "error"
    assert not any(code.startswith("OC5") for code in settings["select"])
    assert "OC101" in settings["select"] and "OC001" in settings["select"]
    assert settings["severity"]["OC101"] == "error" and settings["severity"]["OC102"] == "warning"
    assert settings["rules"]["OC101"] == {"max_by_type": {"player-coach": 5, "coach": 7, "supervisor": 10,
                                                          "facilitator": 15, "coordinator": 30}, "max": 10}
    # the output, used as a config file, gives the same settings
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "org.json").write_text(HEALTHY)
    (copy / "orgcheck.toml").write_text(result.out)
    again = run("lint", "--show-settings", "org.json", cwd=copy)
    assert again.code == 0
    assert tomllib.loads(again.out) == settings
    assert again.out.splitlines()[1] == "# config file: orgcheck.toml"


def test_show_settings_without_a_config_file_says_so(run, tmp_path):
    (tmp_path / "org.json").write_text(HEALTHY)
    result = run("lint", "--show-settings", "--isolated", "--select", "OC1", "org.json")
    assert result.code == 0
    assert result.out.splitlines()[1] == "# config file: none (the defaults and the command line)"
    assert "# 9 rules run (--select OC1)" in result.out.splitlines()
    assert tomllib.loads(result.out)["select"] == ["OC001", "OC101", "OC102", "OC103", "OC104", "OC105", "OC106",
                                                   "OC107", "OC108"]


def test_history_in_a_shallow_clone_warns_that_commits_are_missing(run, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    git(source, "init", "-q", "-b", "main")
    model = source / "org.json"
    for name in ("Team Platform", "Team Platforms", "Team Platformz"):
        model.write_text(HEALTHY.replace("Team Platform", name))
        git(source, "add", ".")
        git(source, "commit", "-q", "-m", name)
    full = run("history", "org.json", cwd=source)
    assert (full.code, full.err) == (0, "")
    assert full.out.startswith("org.json: 3 commits, oldest first")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", "shallow")
    shallow = run("history", "org.json", cwd=tmp_path / "shallow")
    assert shallow.code == 0
    assert shallow.out.startswith("org.json: 1 commit, oldest first")
    assert shallow.err == ("orgcheck: org.json: the repository is a shallow clone, so its history holds only the "
                           "commits fetched (1 shown here); fetch the whole history for every commit (git fetch "
                           "--unshallow, or fetch-depth: 0 in GitHub's actions/checkout)\n")
    assert json.loads(run("history", "--format", "json", "org.json", cwd=tmp_path / "shallow").out)["shallow"]
    assert json.loads(run("history", "--format", "json", "org.json", cwd=source).out)["shallow"] is False


def test_show_settings_keeps_a_file_name_with_a_line_break_inside_its_comment(run, tmp_path):
    name = 'a\nselect = ["OC101"]\n.org.json'
    (tmp_path / name).write_text(HEALTHY)
    result = run("lint", "--show-settings", "--isolated", "--select", "OC2", name)
    assert result.code == 0
    assert result.out.splitlines()[0] == '# orgcheck settings for a\\nselect = ["OC101"]\\n.org.json'
    assert tomllib.loads(result.out)["select"] == ["OC001", "OC201", "OC202", "OC203", "OC204", "OC205", "OC206"]

"""Presets: the starting set of rules (recommended by default, strict, all,
integrity, a plugin's PLUGIN:NAME), and how select, ignore and extend-select
combine with them."""
import json

import pytest
from conftest import EXAMPLES, ROOT

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()

OPT_IN = '''
import orgcheck


@orgcheck.rule("ZZ101", "opt-in-rule", pillar="context", severity="warning", recommended=False)
def opt_in_rule(org):
    """An opt-in rule: fires on every document."""
    yield None, "opt-in fired"


@orgcheck.rule("ZZ102", "default-rule", pillar="context", severity="warning")
def default_rule(org):
    """A recommended rule: fires on every document."""
    yield None, "default fired"


@orgcheck.hookimpl
def orgcheck_rules():
    return [opt_in_rule, default_rule]


@orgcheck.hookimpl
def orgcheck_presets():
    return {"everything": ["ZZ"], "loud": ["everything", "OC104"]}
'''


@pytest.fixture
def project(tmp_path):
    (tmp_path / "zz.py").write_text(OPT_IN)
    (tmp_path / "org.json").write_text(SMALL)
    return tmp_path


def codes(result):
    """The rule codes of the findings, in output order."""
    return [line.split()[1] for line in result.out.splitlines() if line.startswith("org.json:")]


def enabled(run, *args):
    rows = json.loads(run("rules", "--format", "json", *args).out)
    return {r["code"] for r in rows if r["enabled"]}


def test_recommended_is_the_default_and_leaves_opt_in_rules_out(run, project):
    assert codes(run("lint", "--plugin", "zz.py", "org.json")) == ["ZZ102", "OC104"]
    assert codes(run("lint", "--plugin", "zz.py", "--preset", "recommended", "org.json")) == ["ZZ102", "OC104"]
    assert codes(run("lint", "--plugin", "zz.py", "--preset", "all", "org.json")) == ["ZZ101", "ZZ102", "OC104"]


def test_strict_adds_orgchecks_own_opt_in_rules_only_and_integrity_is_oc0xx(run, project):
    assert codes(run("lint", "--plugin", "zz.py", "--preset", "strict", "org.json")) == ["ZZ102", "OC104"]
    integrity = enabled(run, "--preset", "integrity")
    assert integrity == {f"OC00{i}" for i in range(1, 9)} | {"OC010", "OC011"}
    result = run("lint", "--preset", "integrity", str(EXAMPLES / "command-and-control.org.json"))
    assert [line.split()[1] for line in result.out.splitlines()[:-1]] == ["OC008"]


def test_config_preset_a_list_and_a_plugins_presets(run, project):
    (project / "orgcheck.toml").write_text('plugins = ["zz.py"]\npreset = ["integrity", "zz:everything"]\n')
    assert codes(run("lint", "org.json")) == ["ZZ101", "ZZ102"]
    (project / "orgcheck.toml").write_text('plugins = ["zz.py"]\npreset = "zz:loud"\n')
    assert codes(run("lint", "org.json")) == ["ZZ101", "ZZ102", "OC104"]
    # --preset replaces the file's preset
    assert codes(run("lint", "--preset", "integrity", "org.json")) == []


def test_ignore_and_extend_select_apply_to_the_preset(run, project):
    (project / "orgcheck.toml").write_text('plugins = ["zz.py"]\npreset = "all"\nignore = ["ZZ"]\n'
                                           'extend-select = ["ZZ101"]\n')
    # the full code in extend-select is more specific than the prefix in ignore
    assert codes(run("lint", "org.json")) == ["ZZ101", "OC104"]
    # any ignore beats membership of a preset, even a prefix
    assert codes(run("lint", "--ignore", "OC1", "org.json")) == ["ZZ101"]
    # --preset replaces the file's preset; the file's ignore and extend-select still apply
    assert codes(run("lint", "--preset", "integrity", "--extend-select", "OC104", "org.json")) == ["ZZ101", "OC104"]


def test_select_replaces_the_preset(run, project):
    (project / "orgcheck.toml").write_text('plugins = ["zz.py"]\npreset = "all"\n')
    assert codes(run("lint", "--select", "ZZ101", "org.json")) == ["ZZ101"]
    (project / "orgcheck.toml").write_text('plugins = ["zz.py"]\nselect = ["ZZ101"]\n')
    # --preset on the command line replaces the file's select
    assert codes(run("lint", "--preset", "recommended", "org.json")) == ["ZZ102", "OC104"]


def test_rules_shows_which_presets_enable_each_rule(run, project):
    out = run("rules", "--plugin", "zz.py").out.splitlines()
    header = out[0].split()
    assert header == ["code", "name", "family", "severity", "pillar", "needs", "plugin", "presets", "enabled"]
    rows = {line.split()[0]: line.split() for line in out[1:]}
    assert rows["ZZ101"][-2:] == ["zz:everything,zz:loud", "no"]
    assert rows["ZZ102"][-2:] == ["recommended,strict,zz:everything,zz:loud", "yes"]
    assert rows["OC104"][-2:] == ["recommended,strict,zz:loud", "yes"]
    assert rows["OC002"][-2:] == ["recommended,strict,integrity", "yes"]
    chosen = enabled(run, "--plugin", "zz.py", "--preset", "zz:everything")
    assert chosen == {"OC001", "ZZ101", "ZZ102"}


def test_preset_mistakes_are_one_line_errors(run, project):
    result = run("lint", "--preset", "stritc", "org.json")
    assert result.err == ("orgcheck: error: --preset: unknown preset 'stritc'; did you mean 'strict'? "
                          "(presets: recommended, strict, all, integrity)\n")
    assert result.code == 2
    assert run("lint", "--preset", "all", "--select", "OC1", "org.json").err == (
        "orgcheck: error: --preset and --select both name the rules to start from: use one "
        "(--extend-select adds rules to a preset)\n")
    (project / "orgcheck.toml").write_text('preset = "all"\nselect = ["OC1"]\n')
    assert run("lint", "org.json").err == (
        "orgcheck: error: orgcheck.toml: preset and select both name the rules to start from: keep one "
        "(extend-select adds rules to a preset)\n")
    (project / "orgcheck.toml").write_text('preset = "zz:everythin"\nplugins = ["zz.py"]\n')
    assert run("lint", "org.json").err == (
        "orgcheck: error: orgcheck.toml: preset: unknown preset 'zz:everythin'; did you mean 'zz:everything'? "
        "(presets: recommended, strict, all, integrity, zz:everything, zz:loud)\n")
    (project / "orgcheck.toml").write_text('preset = 3\n')
    assert run("lint", "org.json").err == ("orgcheck: error: orgcheck.toml: preset: expected string or array, "
                                           "got a number\n")


@pytest.mark.parametrize("presets, message", [
    ('{"broken": ["ZZ9"]}', "preset 'zz:broken': 'ZZ9' names no loaded rule or preset"),
    ('{"a": ["b"], "b": ["a"]}', "preset 'zz:a': presets include each other: zz:a -> zz:b -> zz:a"),
    ('{"Bad Name": ["ZZ"]}', "orgcheck_presets(): preset name 'Bad Name' must be lowercase letters, digits, '-' "
                             "and '_' (for example strict)"),
    ('{"solo": "ZZ101"}', "orgcheck_presets(): preset 'zz:solo' must be a list of rule selectors or preset names, "
                          "not 'ZZ101'"),
])
def test_a_plugins_preset_mistakes_are_load_errors_naming_plugin_and_preset(run, tmp_path, presets, message):
    (tmp_path / "zz.py").write_text(OPT_IN.replace(
        'return {"everything": ["ZZ"], "loud": ["everything", "OC104"]}', f"return {presets}"))
    result = run("rules", "--plugin", "zz.py")
    assert result.err.splitlines()[0] == f"orgcheck: error: plugin zz.py (local file): {message}"
    assert result.code == 2


def test_a_preset_entry_with_an_exclamation_mark_leaves_rules_out(run, project):
    (project / "quiet.py").write_text('''
import orgcheck


@orgcheck.hookimpl
def orgcheck_presets():
    return {"quiet": ["!ZZ102", "zz:everything"], "no-spans": ["recommended", "!OC1"]}
''')
    assert codes(run("lint", "--plugin", "zz.py", "--plugin", "quiet.py", "--preset", "quiet:quiet",
                     "org.json")) == ["ZZ101"]
    chosen = enabled(run, "--plugin", "zz.py", "--plugin", "quiet.py", "--preset", "quiet:no-spans")
    assert "OC104" not in chosen and not any(c.startswith("OC1") for c in chosen)
    assert {"ZZ102", "OC502"} <= chosen


def test_a_selection_on_the_command_line_lists_only_its_rules(run, project):
    rows = json.loads(run("rules", "--format", "json", "--select", "OC50").out)
    assert [r["code"] for r in rows] == ["OC001", "OC501", "OC502", "OC503", "OC504", "OC505", "OC506", "OC507",
                                         "OC508", "OC509"]
    assert {r["code"]: r["needs"] for r in rows}["OC502"] == ["units", "memberships"]
    text = run("rules", "--select", "team-too-small").out.splitlines()
    assert [line.split()[0] for line in text] == ["code", "OC001", "OC502"]
    assert text[2].split()[5] == "units,memberships"
    # without a selection on the command line every rule is listed, enabled or not
    assert len(json.loads(run("rules", "--format", "json").out)) > 40
    ignoring = {r["code"]: r["enabled"] for r in json.loads(run("rules", "--format", "json", "--ignore", "OC5").out)}
    assert ignoring["OC502"] is False and ignoring["OC101"] is True
    rows = json.loads(run("rules", "--format", "json", "--select", "OC50", "--ignore", "OC502").out)
    assert "OC502" not in [r["code"] for r in rows] and "OC501" in [r["code"] for r in rows]

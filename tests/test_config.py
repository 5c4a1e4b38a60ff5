"""Config files: found from the linted file's folder upward, validated, overridden
by the command line."""
import shutil

import pytest
from conftest import EXAMPLES, ROOT

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()


def setup(tmp_path, config=None, name="orgcheck.toml", where="."):
    (tmp_path / where).mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / "acme_rules.py", tmp_path / "acme_rules.py")
    (tmp_path / where / "org.json").write_text(SMALL)
    if config is not None:
        (tmp_path / name).write_text(config)


def lint_under(run, tmp_path, config):
    """`orgcheck lint org.json` beside an orgcheck.toml of ``config``."""
    setup(tmp_path, config)
    return run("lint", "org.json")


def test_config_selects_rules_loads_plugins_and_sets_options(run, tmp_path):
    setup(tmp_path, 'plugins = ["acme_rules.py"]\nselect = ["ACME"]\n'
                    '[rules.contractor-manages-staff]\nword = "director"\n')
    result = run("lint", "org.json")
    assert result.out == ("org.json:5:5: ACME001 contractor-manages-staff [warning] "
                          "Ann de Vries is a director with 3 direct reports\n1 finding (1 warning) in 1 file\n")


def test_config_is_found_from_the_files_folder_upward_and_nearest_wins(run, tmp_path):
    setup(tmp_path, 'plugins = ["acme_rules.py"]\nselect = ["ACME"]\n', where="team/sub")
    result = run("lint", "team/sub/org.json")
    assert "ACME001" in result.out
    (tmp_path / "team" / ".orgcheck.toml").write_text('select = ["OC001"]\n')
    result = run("lint", "team/sub/org.json")
    assert result.out == "No findings in 1 file\n"


def test_pyproject_table_and_pyproject_without_it(run, tmp_path):
    setup(tmp_path, '[tool.orgcheck]\nplugins = ["acme_rules.py"]\nselect = ["ACME"]\nfail-on = "error"\n',
          name="pyproject.toml")
    result = run("lint", "org.json")
    assert "ACME001" in result.out and result.code == 0  # fail-on error: a warning does not fail
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    shutil.copy(tmp_path / "org.json", tmp_path / "sub" / "org.json")
    assert "ACME001" in run("lint", "sub/org.json").out  # skipped: it has no [tool.orgcheck]


def test_pyproject_settings_in_every_toml_spelling_are_read(run, tmp_path):
    # A pyproject.toml is parsed only when it may hold [tool.orgcheck]: each way TOML
    # can spell that table is still found.
    setup(tmp_path)
    spellings = ['[tool]\norgcheck = { plugins = ["acme_rules.py"], select = ["ACME"] }\n',
                 'tool.orgcheck.plugins = ["acme_rules.py"]\ntool.orgcheck.select = ["ACME"]\n',
                 '[project]\nname = "x"\n[ "tool" . \'orgcheck\' ]\nplugins = ["acme_rules.py"]\nselect = ["ACME"]\n',
                 '["\\u0074ool".orgcheck]\nplugins = ["acme_rules.py"]\nselect = ["ACME"]\n']
    for text in spellings:
        (tmp_path / "pyproject.toml").write_text(text)
        assert "ACME001" in run("lint", "--select", "ACME", "org.json").out, text


def test_a_pyproject_without_orgcheck_settings_is_not_orgchecks_to_judge(run, tmp_path):
    setup(tmp_path)
    without = run("lint", "org.json")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "orgcheck-user"\n[tool.ruff]\nline-length = \n')
    result = run("lint", "org.json")
    assert (result.out, result.err, result.code) == (without.out, "", 1) and "OC104" in result.out
    (tmp_path / "pyproject.toml").write_text('[tool.orgcheck]\nselect = [\n')
    result = run("lint", "org.json")
    assert result.err.startswith("orgcheck: error: pyproject.toml: invalid TOML:") and result.code == 2


def test_severity_override_and_cli_select_replaces_config(run, tmp_path):
    setup(tmp_path, 'plugins = ["acme_rules.py"]\nselect = ["OC001"]\n[severity]\nACME001 = "error"\n')
    result = run("lint", "--select", "ACME001", "org.json")
    assert "ACME001 contractor-manages-staff [error]" in result.out


def test_config_option_and_isolated(run, tmp_path):
    setup(tmp_path, 'select = ["OC001"]\n')
    (tmp_path / "other.toml").write_text('plugins = ["acme_rules.py"]\nselect = ["ACME"]\n')
    assert "ACME001" in run("lint", "--config", "other.toml", "org.json").out
    isolated = run("lint", "--isolated", "--plugin", "acme_rules.py", "--select", "ACME", "org.json")
    assert "ACME001" in isolated.out


def test_unknown_key_is_one_line_with_suggestion(run, tmp_path):
    result = lint_under(run, tmp_path, 'selct = ["OC1"]\n')
    assert result.err == ("orgcheck: error: orgcheck.toml: selct: unknown key 'selct' in the config; "
                          "did you mean 'select'?\n")
    assert result.code == 2


def test_wrong_type_unknown_rule_and_unknown_option(run, tmp_path):
    result = lint_under(run, tmp_path, 'fail-on = "warn"\n')
    assert result.err.startswith("orgcheck: error: orgcheck.toml: fail-on: \"warn\" is not one of error, warning, info")
    result = lint_under(run, tmp_path, '[rules.span-to-wide]\nmax = 12\n')
    assert result.err.startswith("orgcheck: error: orgcheck.toml: [rules]: unknown rule 'span-to-wide'; did you mean")
    result = lint_under(run, tmp_path, 'plugins = ["acme_rules.py"]\n[rules.ACME001]\nwrods = "x"\n')
    assert result.err == ("orgcheck: error: orgcheck.toml: [rules.ACME001]: ACME001 contractor-manages-staff "
                          "has no option 'wrods'; did you mean 'word'?\n")
    result = lint_under(run, tmp_path, 'plugins = ["acme_rules.py"]\n[rules.ACME001]\nword = 3\n')
    assert result.err == "orgcheck: error: orgcheck.toml: [rules.ACME001]: word must be a string, not an integer (3)\n"
    assert result.code == 2


@pytest.mark.parametrize("table, said", [
    ("[rules.leads-too-many-units]\nmax_led = -1\n", "[rules.leads-too-many-units]: max_led must be 0 or more, not -1"),
    ("[rules.OC101]\nmax_by_type = {coach = -2}\n", "[rules.OC101]: max_by_type coach must be 0 or more, not -2"),
    ("[rules.OC105]\nmax_share = -0.5\n", "[rules.OC105]: max_share must be 0 or more, not -0.5"),
])
def test_a_negative_bound_is_a_config_error(run, tmp_path, table, said):
    """A rule's number option whose default is 0 or more bounds a count, a share or a
    distance: a negative one would flag every person or team, so it is refused."""
    result = lint_under(run, tmp_path, table)
    assert (result.code, result.err) == (2, f"orgcheck: error: orgcheck.toml: {said}\n")
    assert lint_under(run, tmp_path, table.replace("= -", "= ")).code in (0, 1)  # the same bound, positive


def test_invalid_toml_is_one_line(run, tmp_path):
    result = lint_under(run, tmp_path, 'select = [\n')
    assert result.err.startswith("orgcheck: error: orgcheck.toml: invalid TOML:") and result.code == 2
    assert len(result.err.splitlines()) == 1


def test_rules_command_shows_enabled_under_config(run, tmp_path):
    setup(tmp_path, 'ignore = ["OC9"]\n')
    lines = {line.split()[0]: line.split()[-1] for line in run("rules").out.splitlines()[1:]}
    assert lines["OC901"] == "no" and lines["OC001"] == "yes"

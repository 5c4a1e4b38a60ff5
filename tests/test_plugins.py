"""Plugins: the spec's example works as written, entry points load, a broken plugin
costs only itself and is named."""
import json
import textwrap

from conftest import EXAMPLES, ROOT

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()


def make_dist(site, module, code, dist="acme-rules", version="1.2.0"):
    """An installed distribution with an `orgcheck` entry point, as pip leaves it."""
    site.mkdir(exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(code))
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[orgcheck]\n{module} = {module}\n")
    return {"PYTHONPATH": str(site)}


def test_spec_example_plugin_runs_as_written(run, tmp_path):
    # The README shows this file as written (tests/test_doc_examples.py); it passes the
    # kit's doc check, which the first sketch in the design notes' plugin guide did not.
    example = (EXAMPLES / "acme_rules.py").read_text()
    (tmp_path / "acme_rules.py").write_text(example)
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "acme_rules.py", "--select", "ACME", "org.json")
    assert result.out.splitlines()[0] == (
        "org.json:6:5: ACME001 contractor-manages-staff [warning] Bo Jansen is a contractor with 3 direct reports")
    explain = run("explain", "ACME001", "--plugin", "acme_rules.py")
    assert "A contractor manages employees." in explain.out
    assert 'word = "contractor"' in explain.out


BOUNDS_PLUGIN = '''
import orgcheck


@orgcheck.rule("ACME201", "span-bound-shown", severity="info", pillar="self-steering")
def span_bound_shown(org, measures):
    """Shows each manager's span bound, as OC101 applies it."""
    for manager in org.managers():
        yield manager, f"{manager.name}: at most {measures('span_bound', manager)} direct reports"


@orgcheck.hookimpl
def orgcheck_rules():
    return [span_bound_shown]
'''


def test_a_rule_with_a_measures_parameter_gets_the_measures_under_the_users_config(run, tmp_path):
    (tmp_path / "bounds.py").write_text(BOUNDS_PLUGIN)
    (tmp_path / "org.json").write_text(SMALL)
    shown = run("lint", "--plugin", "bounds.py", "--select", "ACME201", "org.json")
    assert ": at most 10 direct reports" in shown.out, shown.err
    (tmp_path / "orgcheck.toml").write_text("[rules.span-too-wide]\nmax = 4\n")
    shown = run("lint", "--plugin", "bounds.py", "--select", "ACME201", "org.json")
    assert ": at most 4 direct reports" in shown.out and "at most 10" not in shown.out, shown.err


def test_entry_point_plugin_is_loaded_with_its_distribution(run, tmp_path):
    env = make_dist(tmp_path / "site", "acme_rules", (EXAMPLES / "acme_rules.py").read_text())
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--select", "ACME001", "org.json", env=env)
    assert "ACME001 contractor-manages-staff" in result.out and result.code == 1
    rules = json.loads(run("rules", "--format", "json", env=env).out)
    acme = next(r for r in rules if r["code"] == "ACME001")
    assert (acme["family"], acme["plugin"]) == ("acme_rules", "acme-rules 1.2.0")
    assert ["acme_rules", "acme-rules", "1.2.0", "ACME001"] in [line.split() for line in run("plugins", env=env).out.splitlines()]


CRASHING = '''
import orgcheck

@orgcheck.rule("BAD001", "always-crashes", pillar="context", severity="warning")
def always_crashes(org):
    """Crashes."""
    yield org.people[0], "partial finding that must be dropped"
    raise ZeroDivisionError("division by zero")

@orgcheck.rule("BAD002", "yields-junk", pillar="context", severity="warning")
def yields_junk(org):
    """Yields something that is not a finding."""
    yield 42

@orgcheck.rule("GOOD001", "always-fires", pillar="context", severity="warning")
def always_fires(org):
    """Fires once."""
    yield None, "still reported"

@orgcheck.hookimpl
def orgcheck_rules():
    return [always_crashes, yields_junk, always_fires]
'''


def test_crashing_rule_costs_only_itself(run, tmp_path):
    env = make_dist(tmp_path / "site", "bad_rules", CRASHING, dist="bad-rules")
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--select", "BAD,GOOD", "org.json", env=env)
    assert result.out == ("org.json:1:1: GOOD001 always-fires [warning] still reported\n1 finding (1 warning) in 1 "
                          "file, not a clean result: 2 errors, the first: rule BAD001 always-crashes (plugin "
                          "bad_rules, bad-rules 1.2.0) crashed on org.json: ZeroDivisionError: division by zero\n")
    assert result.err.splitlines() == [
        "orgcheck: error: rule BAD001 always-crashes (plugin bad_rules, bad-rules 1.2.0) crashed on org.json: "
        "ZeroDivisionError: division by zero",
        "orgcheck: error: rule BAD002 yields-junk (plugin bad_rules, bad-rules 1.2.0) crashed on org.json: "
        "yielded 42; a rule yields (entity, message) pairs or orgcheck.Finding",
    ]
    assert result.code == 2
    traced = run("lint", "--select", "BAD001", "--show-traceback", "org.json", env=env)
    assert "Traceback" in traced.err and "ZeroDivisionError" in traced.err


def test_plugin_that_fails_to_import_is_named_and_others_run(run, tmp_path):
    env = make_dist(tmp_path / "site", "broken_rules", "import nonexistent_module_xyz\n", dist="broken-rules")
    (tmp_path / "org.json").write_text(SMALL.replace('"people"', '"peple"'))
    result = run("lint", "org.json", env=env)
    assert "OC001 schema-violation" in result.out
    assert ("orgcheck: error: plugin broken_rules (broken-rules 1.2.0): failed to load: "
            "ModuleNotFoundError: No module named 'nonexistent_module_xyz'") in result.err
    assert result.code == 2


def test_code_clash_names_both_plugins(run, tmp_path):
    clash = '''
    import orgcheck

    @orgcheck.rule("OC001", "my-own-check", severity="warning")
    def mine(org):
        """Mine."""
        return []

    @orgcheck.hookimpl
    def orgcheck_rules():
        return [mine]
    '''
    (tmp_path / "clash.py").write_text(textwrap.dedent(clash))
    result = run("rules", "--plugin", "clash.py")
    assert result.err == ("orgcheck: error: plugin clash.py (local file): rule code OC001 clashes with "
                          "plugin core (orgcheck 0.1.0)\n")
    assert result.code == 2


def test_rule_definition_errors_are_one_line(run, tmp_path):
    (tmp_path / "bad_code.py").write_text(textwrap.dedent('''
    import orgcheck

    @orgcheck.rule("acme-1", "lowercase-code")
    def f(org):
        """Docs."""
        return []
    '''))
    result = run("rules", "--plugin", "bad_code.py")
    assert result.err == ("orgcheck: error: plugin bad_code.py (local file): failed to load: RuleDefinitionError: "
                          "rule code 'acme-1' must match [A-Z]+[0-9]+ (for example ACME001)\n")
    assert result.code == 2

"""A broken plugin costs only itself: the other rules' findings still come out, the
broken part is named with its plugin and distribution on one line, the exit status
is 2 (so CI does not pass silently), and -v / --show-traceback shows its traceback.

(tests/test_plugins.py covers the basic crash and junk-yield cases; these are the
harder ones: sys.exit(), deep recursion, a crash on one file only, printing plugins,
crashing formatters and imports.)
"""
from __future__ import annotations

import json
import textwrap

from conftest import ROOT, rule_plugin

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()
GOOD = "org.json:1:1: GOOD001 always-fires [warning] still reported"


def install(site, module: str, code: str, dist: str = "wild-rules", version: str = "0.3.0") -> dict:
    """An installed distribution with an `orgcheck` entry point, as pip leaves it."""
    site.mkdir(exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(code))
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    entry = info / "entry_points.txt"
    lines = entry.read_text() if entry.exists() else "[orgcheck]\n"
    entry.write_text(lines + f"{module} = {module}\n")
    return {"PYTHONPATH": str(site)}


GOOD_PLUGIN = rule_plugin('rule("GOOD001", "always-fires", pillar="context", severity="warning")',
                          docs='"""Fires once."""', body='yield None, "still reported"')

WILD = '''
import sys
import orgcheck

@orgcheck.rule("WILD001", "exits", pillar="context", severity="warning")
def exits(org):
    """Calls sys.exit(0), which would make CI pass."""
    yield None, "dropped"
    sys.exit(0)

@orgcheck.rule("WILD002", "recurses", pillar="context", severity="warning")
def recurses(org):
    """Recurses without end."""
    def down(n):
        return down(n + 1)
    down(0)
    yield None, "never"

@orgcheck.rule("WILD003", "returns-none", pillar="context", severity="warning")
def returns_none(org):
    """Not a generator, returns nothing: no findings, not a crash."""
    return None

@orgcheck.rule("WILD004", "yields-a-string", pillar="context", severity="warning")
def yields_a_string(org):
    """Yields a bare message."""
    yield "a message without an entity"

@orgcheck.rule("WILD005", "crashes-on-big-orgs", pillar="context", severity="warning")
def crashes_on_big_orgs(org):
    """Crashes only when the org has more than three people."""
    if len(org.people) > 3:
        raise KeyError("boss")
    yield None, "small org"

@orgcheck.rule("WILD006", "prints", pillar="context", severity="warning")
def prints(org):
    """Prints to standard output while it runs."""
    print("debug output from a rule")
    yield None, "printed"

@orgcheck.hookimpl
def orgcheck_rules():
    print("debug output from registration")
    return [exits, recurses, returns_none, yields_a_string, crashes_on_big_orgs, prints]
'''


def crash_line(code: str, name: str, file: str, what: str) -> str:
    return f"orgcheck: error: rule {code} {name} (plugin wild, wild-rules 0.3.0) crashed on {file}: {what}"


def test_every_kind_of_rule_crash_costs_only_that_rule(run, tmp_path):
    env = install(tmp_path / "site", "good", GOOD_PLUGIN, dist="good-rules")
    env = install(tmp_path / "site", "wild", WILD)
    (tmp_path / "org.json").write_text(SMALL)
    (tmp_path / "tiny.org.json").write_text(json.dumps(
        {"organization": {"id": "o", "name": "O"}, "people": [{"id": "a", "name": "A"}]}))
    result = run("lint", "--select", "GOOD,WILD", "org.json", "tiny.org.json", env=env, timeout=60)
    assert result.out.splitlines() == [
        GOOD,
        "org.json:1:1: WILD006 prints [warning] printed",
        "tiny.org.json:1:1: GOOD001 always-fires [warning] still reported",
        "tiny.org.json:1:1: WILD005 crashes-on-big-orgs [warning] small org",
        "tiny.org.json:1:1: WILD006 prints [warning] printed",
        "5 findings (5 warnings) in 2 files, not a clean result: 7 errors, the first: rule WILD001 exits "
        "(plugin wild, wild-rules 0.3.0) crashed on org.json: SystemExit: 0",
    ]
    errors = [line for line in result.err.splitlines() if line.startswith("orgcheck: error:")]
    assert errors == [
        crash_line("WILD001", "exits", "org.json", "SystemExit: 0"),
        crash_line("WILD002", "recurses", "org.json", "RecursionError: maximum recursion depth exceeded"),
        crash_line("WILD004", "yields-a-string", "org.json",
                   "yielded 'a message without an entity'; a rule yields (entity, message) pairs or orgcheck.Finding"),
        crash_line("WILD005", "crashes-on-big-orgs", "org.json", "KeyError: 'boss'"),
        crash_line("WILD001", "exits", "tiny.org.json", "SystemExit: 0"),
        crash_line("WILD002", "recurses", "tiny.org.json", "RecursionError: maximum recursion depth exceeded"),
        crash_line("WILD004", "yields-a-string", "tiny.org.json",
                   "yielded 'a message without an entity'; a rule yields (entity, message) pairs or orgcheck.Finding"),
    ]
    assert "Traceback" not in result.err
    assert result.code == 2
    # --exit-zero forgives findings, never a crash.
    assert run("lint", "--select", "WILD001", "--exit-zero", "org.json", env=env).code == 2


def test_printing_plugins_cannot_corrupt_machine_readable_output(run, tmp_path):
    env = install(tmp_path / "site", "wild", WILD)
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--select", "WILD006", "--format", "json", "org.json", env=env)
    report = json.loads(result.out)
    assert [f["message"] for f in report["findings"]] == ["printed"]
    assert "debug output from a rule" in result.err and "debug output from registration" in result.err
    assert result.code == 1


def test_show_traceback_shows_the_plugin_authors_traceback(run, tmp_path):
    env = install(tmp_path / "site", "wild", WILD)
    (tmp_path / "org.json").write_text(SMALL)
    for flag in ("--show-traceback", "-v"):
        result = run("lint", "--select", "WILD005", flag, "org.json", env=env)
        assert "Traceback (most recent call last)" in result.err
        assert 'raise KeyError("boss")' in result.err and "wild.py" in result.err
        assert crash_line("WILD005", "crashes-on-big-orgs", "org.json", "KeyError: 'boss'") in result.err
        assert result.code == 2


BROKEN_IMPORTS = {
    "syntax": ("def broken(:\n", "SyntaxError: invalid syntax (syntax.py, line 1)"),
    "raises": ("raise RuntimeError('no licence server')\n", "RuntimeError: no licence server"),
    "exits": ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
}


def test_plugins_that_fail_to_import_are_named_and_the_rest_run(run, tmp_path):
    site = tmp_path / "site"
    env = install(site, "good", GOOD_PLUGIN, dist="good-rules")
    for module, (code, _) in BROKEN_IMPORTS.items():
        install(site, module, code, dist=f"{module}-rules", version="1.0")
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--select", "GOOD", "org.json", env=env)
    assert result.out == GOOD + ("\n1 finding (1 warning) in 1 file, not a clean result: 3 errors, the first: plugin "
                                 "exits (exits-rules 1.0): failed to load: SystemExit: 3\n")
    assert sorted(result.err.splitlines()) == sorted(
        f"orgcheck: error: plugin {module} ({module}-rules 1.0): failed to load: {what}"
        for module, (_, what) in BROKEN_IMPORTS.items())
    assert result.code == 2
    traced = run("lint", "--select", "GOOD", "-v", "org.json", env=env)
    assert traced.err.count("Traceback (most recent call last)") == 3
    assert "no licence server" in traced.err


def test_a_registration_hook_that_raises_is_named(run, tmp_path):
    env = install(tmp_path / "site", "good", GOOD_PLUGIN, dist="good-rules")
    install(tmp_path / "site", "noreg", '''
    import orgcheck

    @orgcheck.hookimpl
    def orgcheck_rules():
        raise ValueError("config missing")
    ''', dist="noreg-rules", version="2.0")
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--select", "GOOD", "org.json", env=env)
    assert result.out == GOOD + ("\n1 finding (1 warning) in 1 file, not a clean result: plugin noreg (noreg-rules "
                                 "2.0): orgcheck_rules() raised ValueError: config missing\n")
    assert result.err == ("orgcheck: error: plugin noreg (noreg-rules 2.0): orgcheck_rules() raised "
                          "ValueError: config missing\n")
    assert result.code == 2


CRASHING_FORMAT = '''
import orgcheck

def broken(report, rules, options):
    raise ZeroDivisionError("no findings to divide")

def wrong_type(report, rules, options):
    return {"not": "text"}

@orgcheck.hookimpl
def orgcheck_formatters():
    return {"broken": broken, "dict": wrong_type}
'''


def test_a_crashing_formatter_costs_only_its_own_output(run, tmp_path):
    env = install(tmp_path / "site", "fmt", CRASHING_FORMAT, dist="fancy-formats", version="0.1")
    (tmp_path / "org.json").write_text(SMALL)
    (tmp_path / "old.txt").write_text("yesterday's report\n")
    result = run("lint", "--format", "broken", "--output", "old.txt", "--format", "json", "--output", "new.json",
                 "--format", "dict", "org.json", env=env)
    assert result.err.splitlines() == [
        "orgcheck: error: format broken (plugin fmt, fancy-formats 0.1) crashed: "
        "ZeroDivisionError: no findings to divide",
        "orgcheck: error: format dict (plugin fmt, fancy-formats 0.1) crashed: "
        "TypeError: returned dict, not the report's text",
    ]
    assert result.code == 2 and result.out == ""
    # the broken format wrote nothing (its old file is intact); the good one wrote its report
    assert (tmp_path / "old.txt").read_text() == "yesterday's report\n"
    assert json.loads((tmp_path / "new.json").read_text())["summary"]["findings"] == 1
    traced = run("lint", "--format", "broken", "-v", "org.json", env=env)
    assert "Traceback (most recent call last)" in traced.err and "fmt.py" in traced.err

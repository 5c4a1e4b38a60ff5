"""Issue 23 items 5 and 6: a plugin (a file given with --plugin) that raises what no
plugin should, writes to standard output by every route, forks, leaves a thread
behind, loops forever outside a rule, or returns values no pillar score can hold.
Each through the real CLI: the other findings stay, the report on standard output
stays whole, the plugin is named in one line on standard error, and the run ends."""
from __future__ import annotations

import json
import textwrap

import pytest
from conftest import ROOT

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()

GOOD = '''
import os, sys, threading, time
import orgcheck

@orgcheck.rule("GOOD001", "always-fires", severity="warning", pillar="context")
def always_fires(org):
    """Fires once."""
    yield None, "still reported"
'''


def plugin(tmp_path, code: str, rules: str = "always_fires, attack") -> None:
    (tmp_path / "attack.py").write_text(GOOD + textwrap.dedent(code) + textwrap.dedent(f'''
        @orgcheck.hookimpl
        def orgcheck_rules():
            return [{rules}]
    '''))
    (tmp_path / "org.json").write_text(SMALL)


def rule(body: str) -> str:
    return ('@orgcheck.rule("BAD001", "attack", severity="warning", pillar="context")\n'
            'def attack(org):\n    """Attacks."""\n' + textwrap.indent(textwrap.dedent(body), "    ") + "\n")


LINT = ("lint", "--plugin", "attack.py", "--select", "GOOD001,BAD001", "--format", "json", "org.json")
CRASH = "orgcheck: error: rule BAD001 attack (plugin attack.py, local file) crashed on org.json: "


def findings(out: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in json.loads(out)["findings"]]


# -- item 6: every exception ----------------------------------------------------------


@pytest.mark.parametrize("raised, shown", [
    ("GeneratorExit", "GeneratorExit"),
    ("KeyboardInterrupt", "KeyboardInterrupt"),
    ("type('Mine', (BaseException,), {})('its own')", "Mine: its own"),
])
def test_whatever_a_rule_raises_costs_only_that_rule(run, tmp_path, raised, shown):
    plugin(tmp_path, rule(f"yield None, 'first'\nraise {raised}"))
    result = run(*LINT)
    assert result.code == 2 and "Traceback" not in result.err
    assert findings(result.out) == [("GOOD001", "still reported")]
    assert result.err == CRASH + shown + "\n"


@pytest.mark.parametrize("raised", ["GeneratorExit", "KeyboardInterrupt", "type('Mine', (BaseException,), {})()"])
def test_a_plugin_that_raises_anything_while_imported_is_a_load_error(run, tmp_path, raised):
    (tmp_path / "boom.py").write_text(f"raise {raised}\n")
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "boom.py", "org.json")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("orgcheck: error: plugin boom.py (local file): failed to load: ")
    assert "org.json:" in result.out  # the built-in rules still ran


def test_a_reader_and_a_formatter_that_raise_base_exceptions(run, tmp_path):
    (tmp_path / "io.py").write_text(textwrap.dedent('''
        import orgcheck

        @orgcheck.hookimpl
        def orgcheck_load(source, options):
            if source.path.endswith(".weird"):
                raise GeneratorExit

        def fmt(report, rules, options):
            raise KeyboardInterrupt

        @orgcheck.hookimpl
        def orgcheck_formatters():
            return {"mine": fmt}
    '''))
    (tmp_path / "org.json").write_text(SMALL)
    (tmp_path / "a.weird").write_text("{}")
    result = run("lint", "--plugin", "io.py", "a.weird")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err == "orgcheck: error: a.weird: reader plugin io.py (local file) crashed: GeneratorExit\n"
    result = run("lint", "--plugin", "io.py", "--format", "mine", "--format", "json", "org.json")
    assert result.code == 2 and "Traceback" not in result.err
    assert "format mine (plugin io.py, local file) crashed: KeyboardInterrupt" in result.err
    assert json.loads(result.out)["summary"]["files"] == 1


# -- item 6: every stream --------------------------------------------------------------


NOISE = rule('''
print("print")
sys.stdout.write("sys.stdout\\n")
sys.__stdout__.write("sys.__stdout__\\n")
sys.__stdout__.flush()
os.write(1, b"os.write\\n")
if os.fork() == 0:
    print("child")
yield None, "noisy"
''')


@pytest.mark.parametrize("command", [
    ("lint", "--plugin", "attack.py", "--select", "GOOD001,BAD001", "--format", "json", "org.json"),
    ("stats", "--plugin", "attack.py", "--format", "json", "org.json"),
    ("diff", "--plugin", "attack.py", "--format", "json", "org.json", "org.json"),
    ("graph", "--plugin", "attack.py", "--format", "dot", "org.json"),
    ("rules", "--plugin", "attack.py", "--format", "json"),
])
def test_a_rule_that_prints_writes_to_fd_1_and_forks_cannot_touch_the_report(run, tmp_path, command):
    plugin(tmp_path, "print('at import')\n" + NOISE)
    result = run(*command)
    assert result.code in (0, 1), result.err
    if command[0] == "graph":
        assert result.out.startswith("digraph") and "print" not in result.out and "child" not in result.out
    else:
        json.loads(result.out)  # whole, and nothing but the report
    if command[0] == "lint":
        assert findings(result.out) == [("BAD001", "noisy"), ("GOOD001", "still reported")]
        assert "print\n" in result.err and "os.write\n" in result.err and "sys.__stdout__\n" in result.err
    assert "at import" in result.err


# -- item 5: time limits for everything a plugin runs -------------------------------------


INDICATORS = '''
def endless(org, measures):
    while True:
        pass

@orgcheck.hookimpl
def orgcheck_indicators():
    return [orgcheck.Indicator("endless", "context", "endless", endless)]
'''


def test_an_indicator_that_never_ends_is_stopped_by_rule_timeout(run, tmp_path):
    plugin(tmp_path, INDICATORS, rules="always_fires")
    result = run("lint", "--plugin", "attack.py", "--rule-timeout", "1", "--statistics", "org.json", timeout=60)
    assert result.code == 1
    assert "GOOD001 always-fires [warning] still reported" in result.out
    assert ("endless  not assessed: the indicator of plugin attack.py failed: stopped after 1 s (--rule-timeout)"
            in " ".join(result.out.split()).replace("endless not", "endless  not"))


def test_a_reader_and_a_formatter_that_never_end_are_stopped(run, tmp_path):
    (tmp_path / "slow.py").write_text(textwrap.dedent('''
        import orgcheck

        @orgcheck.hookimpl
        def orgcheck_load(source, options):
            while source.path.endswith(".weird"):
                pass

        def fmt(report, rules, options):
            while True:
                pass

        @orgcheck.hookimpl
        def orgcheck_formatters():
            return {"slow": fmt}
    '''))
    (tmp_path / "org.json").write_text(SMALL)
    (tmp_path / "a.weird").write_text("{}")
    result = run("lint", "--plugin", "slow.py", "--rule-timeout", "1", "a.weird", "org.json", timeout=60)
    assert result.code == 2
    assert ("orgcheck: error: a.weird: reader plugin slow.py (local file) crashed: stopped after 1 seconds "
            "(--rule-timeout)") in result.err
    assert "org.json:" in result.out
    result = run("lint", "--plugin", "slow.py", "--rule-timeout", "1", "--format", "slow", "--format", "json",
                 "org.json", timeout=60)
    assert result.code == 2
    assert "format slow (plugin slow.py, local file) crashed: stopped after 1 seconds (--rule-timeout)" in result.err
    assert json.loads(result.out)["summary"]["files"] == 1


def test_a_rule_that_will_not_stop_is_stopped_once_not_once_per_file(run, tmp_path):
    plugin(tmp_path, rule('''
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass
    yield None, "never"
    '''))
    for i in range(6):
        (tmp_path / f"m{i}.org.json").write_text(SMALL)
    result = run("lint", "--plugin", "attack.py", "--select", "GOOD001,BAD001", "--rule-timeout", "0.5",
                 *(f"m{i}.org.json" for i in range(6)), timeout=120)
    assert result.code == 2
    assert result.out.count("GOOD001") == 6
    assert result.err.count("stopped after 0.5 seconds") == 1
    assert ("orgcheck: error: rule BAD001 attack (plugin attack.py, local file) is not run on m1.org.json or the "
            "files after it: it did not stop when asked on m0.org.json\n") in result.err


def test_a_thread_a_rule_leaves_behind_does_not_keep_the_process_alive(run, tmp_path):
    plugin(tmp_path, rule('''
    threading.Thread(target=time.sleep, args=(3600,)).start()
    yield None, "found"
    '''))
    result = run(*LINT, timeout=60)  # would wait an hour
    assert result.code == 1
    assert findings(result.out) == [("BAD001", "found"), ("GOOD001", "still reported")]


# -- item 6: values a plugin returns ---------------------------------------------------


def test_indicator_values_that_no_score_can_hold_are_not_assessed_and_named(run, tmp_path):
    plugin(tmp_path, '''
    def nan(org, measures):
        return float("nan"), 3

    def more(org, measures):
        return 7, 3

    @orgcheck.hookimpl
    def orgcheck_indicators():
        return [orgcheck.Indicator("not-a-number", "context", "nan", nan),
                orgcheck.Indicator("more-than-all", "context", "more", more)]
    ''', rules="always_fires")
    result = run("lint", "--plugin", "attack.py", "--statistics", "--format", "json", "--format", "text",
                 "org.json")
    assert result.code == 1, result.err
    assert "GOOD001 always-fires [warning] still reported" in result.out
    assert ("the indicator of plugin attack.py returned (nan, 3): both numbers must be whole numbers" in result.out)
    assert ("the indicator of plugin attack.py returned (7, 3): the numerator counts part of the denominator"
            in result.out)
    assert "233" not in result.out


@pytest.mark.parametrize("value", ["nan", "inf", "-nan"])
def test_rule_timeout_nan_in_the_config_is_refused(run, tmp_path, value):
    plugin(tmp_path, "", rules="always_fires")
    (tmp_path / "orgcheck.toml").write_text(f"rule-timeout = {value}\n")
    result = run("lint", "org.json")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("orgcheck: error: orgcheck.toml: rule-timeout: ")
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("output", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_standard_output_by_name_is_the_report_alone(run, tmp_path, output):
    plugin(tmp_path, NOISE)
    result = run(*LINT[:-1], "--output", output, "org.json")
    assert result.code == 1, result.err
    assert findings(result.out) == [("BAD001", "noisy"), ("GOOD001", "still reported")]

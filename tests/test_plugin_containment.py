"""Plugins contained: what a rule or reader returns is checked, rules see the model
read-only (one rule cannot change what another sees), and --rule-timeout stops a rule
that runs too long. Each broken plugin is one line naming it, exit status 2, and the
findings of the other rules stay."""
from __future__ import annotations

import textwrap

import pytest
from conftest import ROOT

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()
GOOD = "org.json:1:1: GOOD001 always-fires [warning] still reported"

HEADER = '''
import orgcheck

@orgcheck.rule("GOOD001", "always-fires", severity="warning", pillar="context")
def always_fires(org):
    """Fires once, whatever the other rules do."""
    if len(org.people) and org.units is not None and org.data.get("people"):
        yield None, "still reported"

@orgcheck.rule("BAD001", "misbehaves", severity="warning", pillar="context")
def misbehaves(org):
    """Misbehaves."""
'''

FOOTER = '''
@orgcheck.hookimpl
def orgcheck_rules():
    return [misbehaves, always_fires]
'''


def plugin(tmp_path, body: str) -> None:
    code = HEADER + textwrap.indent(textwrap.dedent(body), "    ") + FOOTER
    (tmp_path / "bad.py").write_text(code)
    (tmp_path / "org.json").write_text(SMALL)


LINT = ("lint", "--plugin", "bad.py", "--select", "GOOD001,BAD001", "org.json")
CRASH = "orgcheck: error: rule BAD001 misbehaves (plugin bad.py, local file) crashed on org.json: "


@pytest.mark.parametrize("body, message", [
    ('yield orgcheck.Finding(None, "x", pointer="people/0")',
     "yielded a Finding with the pointer 'people/0', which does not start with \"/\" (a JSON Pointer: /people/0)"),
    ('yield orgcheck.Finding(None, "x", pointer=5)', "yielded a Finding with a pointer that is 5, not a string"),
    ('yield orgcheck.Finding(None, "x", pointer="/" * 20000)', "yielded a Finding with a pointer longer than 10,000"),
    ("org.people.clear()\nreturn []", "AttributeError: 'tuple' object has no attribute 'clear'"),
    ('org.data["people"].clear()\nreturn []', "AttributeError: 'tuple' object has no attribute 'clear'"),
    ('org.data["people"] = []\nreturn []', "TypeError: 'mappingproxy' object does not support item assignment"),
    ("org.people = []\nreturn []", "AttributeError: the model is read-only for rules: cannot set Org.people"),
    ("del org.units\nreturn []", "AttributeError: the model is read-only for rules: cannot delete Org.units"),
    ("org.people[0].manager = None\nreturn []",
     "AttributeError: the model is read-only for rules: cannot set Person.manager"),
    ("org.people[0].reports.append(org.people[1])\nreturn []", "AttributeError: 'tuple' object has no attribute"),
    ('object.__setattr__(org, "people", ())\nreturn []',
     "it changed the model it checks (org.people); rules must not"),
])
def test_a_rule_that_returns_a_bad_value_or_changes_the_model_costs_only_itself(run, tmp_path, body, message):
    plugin(tmp_path, body)
    result = run(*LINT, timeout=60)
    assert result.code == 2
    assert result.out.splitlines()[0] == GOOD
    assert result.err.startswith(CRASH + message), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


@pytest.mark.parametrize("body", [
    "while True:\n    pass",
    "while True:\n    try:\n        sum(range(1000))\n    except BaseException:\n        pass",
])
def test_rule_timeout_stops_an_endless_rule(run, tmp_path, body):
    plugin(tmp_path, body + "\nyield None, 'never'")
    result = run(*LINT[:1], "--rule-timeout", "0.5", *LINT[1:], timeout=60)
    assert (result.code, result.out.splitlines()[0]) == (2, GOOD)
    assert result.err == CRASH + "stopped after 0.5 seconds (--rule-timeout)\n"


def test_rule_timeout_from_the_config(run, tmp_path):
    plugin(tmp_path, "while True:\n    pass\nyield None, 'never'")
    (tmp_path / "orgcheck.toml").write_text("rule-timeout = 1\n")
    result = run(*LINT, timeout=60)
    assert result.err == CRASH + "stopped after 1 second (--rule-timeout)\n"
    (tmp_path / "orgcheck.toml").write_text("rule-timeout = -1\n")
    result = run(*LINT, timeout=60)
    assert result.code == 2 and result.err.startswith("orgcheck: error: orgcheck.toml: rule-timeout")


def test_a_rule_within_its_time_is_unaffected(run, tmp_path):
    plugin(tmp_path, "yield None, 'found'")
    result = run(*LINT[:1], "--rule-timeout", "30", *LINT[1:])
    assert (result.code, result.err) == (1, "")
    assert "org.json:1:1: BAD001 misbehaves [warning] found" in result.out


def test_an_orgcheck_rules_generator_that_raises_is_a_load_error(run, tmp_path):
    (tmp_path / "gen.py").write_text(textwrap.dedent('''
        import orgcheck

        @orgcheck.hookimpl
        def orgcheck_rules():
            yield from []
            raise RuntimeError("half way")
    '''))
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "gen.py", "org.json")
    assert result.code == 2
    assert "orgcheck: error: plugin gen.py (local file): orgcheck_rules() raised RuntimeError: half way\n" in result.err
    assert "Traceback" not in result.err


READER = '''
import orgcheck
from orgcheck.io.document import Document, ParseProblem


class Locator:
    def locate(self, pointers):
        {locate}


@orgcheck.hookimpl
def orgcheck_load(source, options):
    if not source.path.endswith(".weird"):
        return None
    import json
    doc = Document(source.path, data=json.loads(source.data), locator=Locator())
    {extra}
    return doc
'''


@pytest.mark.parametrize("locate, extra, message", [
    ('raise RuntimeError("lost")', "", "RuntimeError: lost"),
    ("return {p: ((10 ** 30, None), (1, 1)) for p in pointers}", "",
     "its locator gave '' the position ((1000000000000000000000000000000, None), (1, 1))"),
    ("return 5", "", "its locator returned int, not a dict of positions"),
    ("return {}", "doc.located_problems.append(ParseProblem('x', 10 ** 30, 1))",
     "it placed a problem at line 1000000000000000000000000000000"),
    ("return {}", "doc.located_problems.append(ParseProblem('x', 1, None))", "it placed a problem at column None"),
])
def test_a_readers_bad_positions_are_its_error(run, tmp_path, locate, extra, message):
    (tmp_path / "weird.py").write_text(READER.format(locate=locate, extra=extra))
    (tmp_path / "m.weird").write_text(SMALL)
    result = run("lint", "--plugin", "weird.py", "--select", "OC", "m.weird", timeout=60)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert f"orgcheck: error: reader plugin weird.py (local file) crashed on m.weird: {message}" in result.err
    # The rules' findings stay, at the first line when the reader cannot place them.
    assert result.out.startswith("m.weird:1:1: OC104 too-many-layers [warning] the reporting tree of Ann")


def test_a_readers_non_finite_fte_is_a_finding_not_a_nan_total(run, tmp_path):
    (tmp_path / "nan.py").write_text(textwrap.dedent('''
        import json
        import orgcheck
        from orgcheck.io.document import Document

        @orgcheck.hookimpl
        def orgcheck_load(source, options):
            if not source.path.endswith(".weird"):
                return None
            data = json.loads(source.data)
            data["people"][0]["fte"] = float("nan")
            data["people"][1]["fte"] = float("inf")
            return Document(source.path, data=data)
    '''))
    (tmp_path / "m.weird").write_text(SMALL)
    result = run("lint", "--plugin", "nan.py", "--select", "OC001", "m.weird")
    assert sorted(result.out.splitlines()[:-1]) == [
        "m.weird:1:1: OC001 schema-violation [error] inf is greater than the maximum of 100000",
        "m.weird:1:1: OC001 schema-violation [error] inf is not a finite number",
        "m.weird:1:1: OC001 schema-violation [error] nan is not a finite number"]
    result = run("stats", "--plugin", "nan.py", "--format", "json", "m.weird")
    assert result.code == 2 and "NaN" not in result.out and result.err.count("\n") == 1

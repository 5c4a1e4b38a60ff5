"""A plugin author's mistakes: each a one-line error naming the plugin and the rule,
at load time where it can be (`orgcheck rules` already says it), else when the rule
runs; the other plugins' rules still load and run."""
import textwrap

import pytest
from conftest import ROOT, rule_plugin

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()


def write(tmp_path, code):
    (tmp_path / "mine.py").write_text("import datetime\nimport orgcheck\n" + textwrap.dedent(code))
    return "mine.py"


def rule_module(decorator, signature="org", docs='"""Docs."""', body="return []"):
    if decorator.startswith("rule(") and "pillar" not in decorator:  # no warning about a missing pillar
        decorator = decorator[:-1] + ', pillar="context")'
    return rule_plugin(decorator, signature, docs, body)


# @orgcheck.rule's arguments, check()'s parameters, and what the RuleDefinitionError says
DEFINITION_ERRORS = [
    # a code that does not match [A-Z]+[0-9]+
    ('rule("AB-1", "bad-code")', "org", "rule code 'AB-1' must match [A-Z]+[0-9]+ (for example ACME001)"),
    ('rule("AB101", "Bad_Name")', "org", "rule AB101: name 'Bad_Name' must be kebab-case (for example span-too-wide)"),
    # an option default a config file cannot express
    ('rule("AB101", "since", options={"since": datetime.date(2024, 1, 1)})', "org, since",
     "rule AB101: option 'since' default datetime.date(2024, 1, 1): a config file cannot express a date: use a "
     "string, number, boolean, list or table (dict)"),
    ('rule("AB101", "kinds", options={"kinds": ("team", "circle")})', "org, kinds",
     "rule AB101: option 'kinds' default ('team', 'circle'): a config file cannot express a tuple: use a string, "
     "number, boolean, list or table (dict)"),
    ('rule("AB101", "limits", options={"limits": {1: 5}})', "org, limits",
     "rule AB101: option 'limits' default {1: 5}: table keys must be strings, not int (1)"),
    # an option default of another type than the function declares
    ('rule("AB101", "typed", options={"max": "10"})', "org, max: int",
     "rule AB101: option 'max' default '10' does not fit check(), which declares max as an integer"),
    ('rule("AB101", "typed", options={"share": "half"})', "org, share=0.5",
     "rule AB101: option 'share' default 'half' does not fit check(), which declares share as a number"),
    # a parameter the engine would never pass
    ('rule("AB101", "needs-more")', "org, limit",
     "rule AB101: parameter 'limit' of check() has no default and is not an option: add it to options={...}"),
    ('rule("AB101", "measures-option", options={"measures": 1})', "org, measures",
     "rule AB101: 'measures' cannot be an option: a rule's 'measures' parameter receives the model's measures"),
    ('rule("AB101", "option-not-a-parameter", options={"max": 3})', "org",
     "rule AB101: option 'max' is not a parameter of check()"),
]

LOAD_ERRORS = [
    # a rule without docs
    (rule_module('rule("AB101", "no-docs")', docs=""),
     "rule AB101 no-docs has no docs: give its function a docstring (its first line is the summary)"),
    *((rule_module(decorator, signature), f"failed to load: RuleDefinitionError: {message}")
      for decorator, signature, message in DEFINITION_ERRORS),
    # hooks pluggy would ignore, or explain over many lines
    ("def orgcheck_rules():\n    return []\n",
     "orgcheck_rules() is not marked @orgcheck.hookimpl, so orgcheck would never call it"),
    ("@orgcheck.hookimpl\ndef orgcheck_rule():\n    return []\n",
     "orgcheck_rule is not an orgcheck hook; did you mean 'orgcheck_rules'? (hooks: orgcheck_claim_folder, "
     "orgcheck_formatters, orgcheck_indicators, orgcheck_input_formats, orgcheck_load, orgcheck_measures, "
     "orgcheck_presets, "
     "orgcheck_rules, orgcheck_schema_fragments)"),
    ("@orgcheck.hookimpl\ndef orgcheck_load(path, options):\n    return None\n",
     "orgcheck_load() asks for 'path', which the hook does not pass: it passes source, options"),
    # orgcheck_rules returning the wrong thing
    (rule_module('rule("AB101", "single")').replace("return [check]", "return check"),
     "orgcheck_rules() returned the rule AB101 itself: return a list, [check]"),
    (rule_module('rule("AB101", "junk")').replace("return [check]", "return [check, 'AB102']"),
     "orgcheck_rules() returned 'AB102', not a rule made with @orgcheck.rule"),
    (rule_module('rule("AB101", "raises")').replace("return [check]", "raise RuntimeError('no config')"),
     "orgcheck_rules() raised RuntimeError: no config"),
]


@pytest.mark.parametrize("code, message", LOAD_ERRORS, ids=[m[:40] for _, m in LOAD_ERRORS])
def test_mistakes_found_at_load_time(run, tmp_path, code, message):
    write(tmp_path, code)
    result = run("rules", "--plugin", "mine.py")
    assert result.err == f"orgcheck: error: plugin mine.py (local file): {message}\n"
    assert result.code == 2
    # the other plugins load: the built-in rules are listed
    assert "OC101" in result.out


def test_a_clash_with_another_plugins_code_or_name_names_both(run, tmp_path):
    write(tmp_path, rule_module('rule("OC101", "my-span")'))
    assert run("rules", "--plugin", "mine.py").err == (
        "orgcheck: error: plugin mine.py (local file): rule code OC101 clashes with plugin span (orgcheck 0.1.0)\n")
    write(tmp_path, rule_module('rule("AB101", "span-too-wide")'))
    assert run("rules", "--plugin", "mine.py").err == (
        "orgcheck: error: plugin mine.py (local file): rule name span-too-wide clashes with plugin span "
        "(orgcheck 0.1.0)\n")


RUN_ERRORS = [
    ('yield "nobody", "a finding"',
     "yielded the entity id 'nobody', which no entity in the model has"),
    ('yield {"id": "ann"}, "a finding"',
     "yielded {'id': 'ann'} as the entity; yield a model entity (such as org.people[0]), an entity id, or None "
     "for the whole document"),
    ('yield org.people[0]',
     "yielded <Person 'ann'>; a rule yields (entity, message) pairs or orgcheck.Finding"),
    ('yield orgcheck.Finding(org.people[0], 42)',
     "yielded a Finding whose message is 42, not a string"),
    ('return (org.people[0], "a finding")',
     "returned (<Person 'ann'>, 'a finding'); a rule yields (entity, message) pairs or orgcheck.Finding "
     "(or returns a list of them)"),
    ('return 3',
     "returned 3; a rule yields (entity, message) pairs or orgcheck.Finding (or returns a list of them)"),
]


@pytest.mark.parametrize("body, message", RUN_ERRORS, ids=[b for b, _ in RUN_ERRORS])
def test_a_rule_that_yields_the_wrong_thing_is_named_when_it_runs(run, tmp_path, body, message):
    write(tmp_path, rule_module('rule("AB101", "wrong-yield")', body=body))
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "mine.py", "--select", "AB101,OC104", "org.json")
    assert result.err == (f"orgcheck: error: rule AB101 wrong-yield (plugin mine.py, local file) crashed on "
                          f"org.json: {message}\n")
    assert result.out.startswith("org.json:5:5: OC104 too-many-layers")
    assert result.code == 2

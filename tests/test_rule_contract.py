"""Every registered built-in rule has complete docs and tests that make it fire and
keep it silent (as ESLint and datasette enforce for theirs)."""
import re
from pathlib import Path

import pytest

from orgcheck.api.manager import load_plugins

SECTIONS = ("What:", "Why:", "Fix:", "Options:", "Example:")
TESTS = Path(__file__).parent
PLUGINS = load_plugins()
BUILTIN = sorted((r for r in PLUGINS.rules.values() if r.distribution.startswith("orgcheck ")),
                 key=lambda r: r.code)


def _test_sources() -> str:
    return "\n".join(p.read_text() for p in TESTS.rglob("test_*.py"))


def test_builtin_plugins_load_cleanly():
    assert PLUGINS.errors == []
    assert len(BUILTIN) >= 4


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_has_complete_docs(rule):
    docs = rule.docs
    assert rule.summary and rule.summary.endswith("."), f"{rule.code}: a one-line summary ending with '.'"
    for section in SECTIONS:
        assert re.search(rf"^{re.escape(section)}", docs, re.M), f"{rule.code} docs lack a {section!r} section"
    for option in rule.options:
        assert re.search(rf"\b{re.escape(option)}\b", docs), f"{rule.code} docs do not describe option {option!r}"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_has_a_firing_test_and_a_near_miss(rule):
    sources = _test_sources()
    assert re.search(rf'assert_fires\([^)]*"{rule.code}"', sources), f"{rule.code}: no test makes it fire"
    assert re.search(rf'assert_silent\([^)]*"{rule.code}"', sources), f"{rule.code}: no near-miss test"


def test_rule_codes_and_names_are_unique_and_well_formed():
    names = [r.name for r in BUILTIN]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"OC\d{3}", r.code) for r in BUILTIN)

"""On a big model some built-in rules run in a forked child while orgcheck runs the
others (orgcheck/run/rule_split.py). What a user sees must be what one process gives:
the same findings in the same order, the same errors, the same tracebacks, also when
a rule in the child crashes and when the child fails."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgcheck.io import forked

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "command-and-control.org.json"

pytestmark = pytest.mark.skipif(not forked.two_processors(), reason="needs Linux and two processors")

# Lints one model twice in a fresh single-threaded process (pytest-xdist's workers run
# threads, and no child is forked then): on one process, then split whatever the size;
# prints what each gave and whether the child's answer was used. ``crash`` makes a rule
# of the child's families raise, and one of this process's before it and one after;
# ``fail`` makes the child's answer impossible to send (this process then runs its rules);
# ``no-memfd``: the system refuses the in-memory file; ``plugin=FILE`` loads a plugin.
_BOTH_WAYS = r"""
import json, sys
from orgcheck.api.manager import load_plugins
from orgcheck.config import Config
from orgcheck.io import forked
from orgcheck.io.json_document import load_json
from orgcheck.run import engine, rule_split

path, how = sys.argv[1], sys.argv[2:]
plugins = load_plugins([p.split("=", 1)[1] for p in how if p.startswith("plugin=")])
config = Config()
rules = engine.prepare(config, plugins)
def crashing(module):
    def crash(org, **options):
        raise LookupError("no such thing")
    crash.__module__ = module  # the child takes a rule by its family's module
    return crash
if "crash" in how:
    for code, module in (("OC101", "orgcheck_plugins.span"), ("OC301", "orgcheck_plugins.feedback"),
                         ("OC401", "orgcheck_plugins.roles")):
        next(r for r in rules if r.code == code).func = crashing(module)
if "no-memfd" in how:  # a seccomp filter refuses it
    import os
    def refused(*args):
        raise PermissionError(1, "Operation not permitted")
    os.memfd_create = refused
if "fail" in how:
    class Unsendable:
        @staticmethod
        def dumps(value):
            raise ValueError("unmarshallable object")
        loads = staticmethod(__import__("marshal").loads)
    rule_split.marshal = Unsendable

answers = []
result = forked.Check.result
forked.Check.result = lambda self: answers.append(result(self)) or answers[-1]
out = []
for split_from in (10 ** 12, 0):
    rule_split.SPLIT_FROM = split_from
    answers.clear()
    document = load_json(path, open(path, "rb").read())
    report = engine.check(document, rules, config, plugins, show_traceback=True).report
    out.append({"forks": len(answers), "answered": [a is not None for a in answers], "errors": report.errors,
                "findings": [[f.rule, f.line, f.column, f.pointer, f.entity, f.severity.value, f.message]
                             for f in report.findings]})
print(json.dumps(out))
"""


def _both_ways(path: Path, *how: str) -> tuple[dict, dict, str]:
    proc = subprocess.run([sys.executable, "-c", _BOTH_WAYS, str(path), *how], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    alone, split = json.loads(proc.stdout)
    return alone, split, proc.stderr


def test_the_split_gives_what_one_process_gives():
    alone, split, _stderr = _both_ways(EXAMPLE)
    assert alone["forks"] == 0
    assert split["forks"] == 1 and split["answered"] == [True]  # the child's answer was used
    assert len(alone["findings"]) == 52
    codes = {f[0] for f in alone["findings"]}
    assert {"OC301", "OC504"} & codes and {"OC101", "OC203"} & codes  # findings from both sides
    assert split["findings"] == alone["findings"]
    assert split["errors"] == alone["errors"] == []


def test_a_rule_crashing_in_the_child_is_reported_as_in_one_process():
    alone, split, stderr = _both_ways(EXAMPLE, "crash")
    assert split["answered"] == [True]
    assert split == {**alone, "forks": 1, "answered": [True]}
    # the crashes in the rules' order (OC101 and OC401 here, OC301 in the child), each named
    assert [e.split(" crashed")[0][:10] for e in alone["errors"]] == ["rule OC101", "rule OC301", "rule OC401"]
    assert all(e.endswith("LookupError: no such thing") for e in alone["errors"])
    assert not any(f[0] in {"OC101", "OC301", "OC401"} for f in split["findings"])
    # --show-traceback: each crash's traceback, both ways (6 in all)
    assert stderr.count("LookupError: no such thing") == 6
    assert stderr.count("Traceback (most recent call last)") == 6


def test_a_child_that_cannot_answer_leaves_its_rules_to_this_process():
    alone, split, _stderr = _both_ways(EXAMPLE, "fail")
    assert split["forks"] == 1 and split["answered"] == [False]
    assert split["findings"] == alone["findings"] and split["errors"] == alone["errors"] == []
    assert any(f[0] == "OC301" for f in split["findings"])  # the child's rules ran here instead


def test_no_in_memory_file_no_split():
    alone, split, _stderr = _both_ways(EXAMPLE, "no-memfd")
    assert split == {**alone, "forks": 0}


_WRAPPING = """import functools
import orgcheck
from orgcheck_plugins import feedback


@orgcheck.rule("ACME1", "wrapped-feedback", severity="info", pillar="context")
@functools.wraps(feedback.process_without_feedback.func)
def wrapped(org):
    "A built-in check, wrapped."
    yield from feedback.process_without_feedback.func(org)


@orgcheck.hookimpl
def orgcheck_rules():
    return [wrapped]
"""


def test_a_run_with_a_plugin_s_rule_is_not_split(tmp_path):
    """A plugin's rule might write into the model's data where the guard does not look,
    and a rule in a child forked before would not see it: no split, whatever the rule
    wraps (functools.wraps gives a wrapper a built-in function's module)."""
    plugin = tmp_path / "wrapping.py"
    plugin.write_text(_WRAPPING)
    alone, split, stderr = _both_ways(EXAMPLE, f"plugin={plugin}")
    assert "ACME1" in {f[0] for f in alone["findings"]}, stderr
    assert split == {**alone, "forks": 0}


def test_a_small_model_is_not_split():
    from orgcheck.api.manager import load_plugins
    from orgcheck.run import rule_split

    assert rule_split.SPLIT_FROM >= 50_000  # a 20,000-person model gains nothing from a child
    families = {rule.plugin for rule in load_plugins([]).rules.values()}
    assert rule_split.CHILD_FAMILIES < families


# The command itself, with the threshold lowered so that the example is split: the same
# bytes on standard output and standard error, and the same exit status, as a run that
# is not split (an installed orgcheck splits only a model of 100,000 entities or more).
_CLI = r"""
import sys
from orgcheck.run import rule_split
rule_split.SPLIT_FROM = int(sys.argv.pop(1))
from orgcheck.cli.app import main
sys.argv[0] = "orgcheck"
sys.exit(main())
"""


@pytest.mark.parametrize("options", [[], ["--format", "json"], ["--format", "sarif"], ["--statistics"]])
def test_the_command_split_writes_what_it_writes_unsplit(options):
    def lint(split_from: int) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", _CLI, str(split_from), "lint", *options, EXAMPLE.name],
                              capture_output=True, cwd=EXAMPLE.parent, timeout=120)

    alone, split = lint(10 ** 12), lint(0)
    assert alone.returncode == split.returncode == 1
    assert split.stdout == alone.stdout and split.stderr == alone.stderr
    assert b"OC301" in alone.stdout and b"OC101" in alone.stdout


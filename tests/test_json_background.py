"""A big JSON model is read on two cores (orgcheck/io/forked.py): json.loads
makes the data here while a forked child reads the text exactly. What a user sees
must be what the exact read alone gives, for clean files and for files with what only
the exact read catches: a repeated key, NaN, a number that overflows."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402
from conftest import rule_plugin  # noqa: E402

from orgcheck.io import forked  # noqa: E402
from orgcheck.io.json_document import BACKGROUND_FROM  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the background read is Linux-only")

# Lints each file twice in a fresh single-threaded process (pytest-xdist's workers run
# threads, and a fork is not taken then): once the exact way, once with the background
# read forced on whatever the size; prints what each gave, and whether it forked.
_BOTH_WAYS = r"""
import json, sys
from orgcheck.api.manager import load_plugins
from orgcheck.config import Config
from orgcheck.io import json_document
from orgcheck.run import engine

json_document.BACKGROUND_FROM = 0
plugins = load_plugins([])
config = Config()
rules = engine.prepare(config, plugins)
out = []
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    seen = []
    for background in (False, True):
        document = json_document.load_json(path, data, background=background)
        forked, verdicts = document.pending is not None, []
        if forked:  # what the child said: None, it confirmed the first read
            pending = document.pending
            document.pending = lambda: verdicts.append(pending()) or verdicts[-1]
        report = engine.check(document, rules, config, plugins).report
        locator = document.locator
        seen.append({"forked": forked, "errors": report.errors, "not_run": report.not_run,
                     "confirmed": forked and verdicts == [None],
                     "placed": bool(forked and locator and locator.spans and locator.places),
                     # the findings' pointers placed from the child's answer alone, without a walk
                     "placed_pointers": sorted(locator._placed({f.pointer for f in report.findings if f.pointer})
                                               if forked and locator else ()),
                     "findings": [[f.rule, f.line, f.column, f.pointer, f.message] for f in report.findings]})
    out.append(seen)
print(json.dumps(out))
"""

_PERSON = '{"id": "p2", "name": "Bo", "reports_to": "p1"}'
_MODEL = ('{{"schema_version": 1, "organization": {{"id": "o", "name": "O"}},\n "people": [{{"id": "p1", "name": '
          '"Ann", "vacant": true}}, {first}, {{"id": "p3", "name": "Cy", "reports_to": "p1"}}],\n "units": '
          '[{{"id": "u1", "name": "Unit"}}]{more}}}')

# Findings on a process's steps and flows (OC203 on a step, OC003 on a flow's end) are
# placed from the child's places for the arrays inside each process: a process with
# none, one that is no object, arrays that are neither steps nor flows, odd spacing.
_MEMBER = '{"id": "p2", "name": "Bo", "reports_to": "p1", "unit": "u1"}'
_PROCESSES = ('{"id": "pr0", "name": "Intake", "steps": [{"id": "s0", "name": "Open", "performer": "u1"}]},\n'
              '  {"id": "pr2", "name": "Empty", "steps": [{"id": "t1", "name": "Do", "performer": "u1"}], '
              '"flows": [\n]},\n  {"id": "pr1", "name": "Claims", "owner": "u1", "x-notes": [[1, {"a": [2]}], "s"], '
              '"steps": [{"id": "s1", "name": "Receive", "performer": "u1"},\n     {"id": "s2", "name": "Check", '
              '"performer": "u1"},  {"id": "s3", "name": "Orphan", "performer": "u1"},\n   {"id": "s4", "name": '
              '"Approve", "kind": "approval", "performer": "p1"}],\n   "flows": [{"from": "s1", "to": "s2"},'
              '{"from": "s2", "to": "s4"},\n     {"from": "s4", "to": "s9"}]}')

SAMPLES = {
    "clean": _MODEL.format(first=_PERSON, more=""),
    "repeated key in an element": _MODEL.format(first='{"id": "p2", "name": "Bo", "name": "Bea", "reports_to": "p1"}',
                                                more=""),
    "repeated key at the top": _MODEL.format(first=_PERSON, more=', "schema_version": 1'),
    "repeated key three deep": _MODEL.format(
        first='{"id": "p2", "name": "Bo", "reports_to": "p1", "x-hr": {"a": {"b": 1, "b": 2}}}', more=""),
    "a repeated object replaced": _MODEL.format(first=_PERSON, more=', "units": [{"id": "u2", "name": "U2", '
                                                '"name": "U3"}]'),
    "NaN": _MODEL.format(first='{"id": "p2", "name": "Bo", "fte": NaN}', more=""),
    "Infinity": _MODEL.format(first='{"id": "p2", "name": "Bo", "fte": -Infinity}', more=""),
    "float overflow": _MODEL.format(first='{"id": "p2", "name": "Bo", "fte": 1e999}', more=""),
    "integer overflow": _MODEL.format(first='{"id": "p2", "name": "Bo", "fte": 1' + "0" * 400 + "}", more=""),
    "schema violation": _MODEL.format(first='{"id": "p2", "name": 7}', more=""),
    "trailing comma": _MODEL.format(first=_PERSON + ",", more=""),
    "two elements on a line, odd spacing": (
        '{"schema_version":1,"organization":{"id":"o","name":"O"},"people":[ {"id":"a","name":"A",'
        '"vacant":true} ,{"id":"b","name":"B","reports_to":"a"}\n,\t{"id":"c","name":"C","reports_to":"a"}]}'),
    "schema violation and a repeated key": _MODEL.format(first='{"id": "p2", "name": 7, "name": 8}', more=""),
    "not an object": '[{"id": "p1"}]',
    "extra data": _MODEL.format(first=_PERSON, more="") + " {}",
    "lone surrogate": _MODEL.format(first='{"id": "p2", "name": "B\\ud800o"}', more=""),
    "processes with steps and flows": _MODEL.format(first=_MEMBER, more=',\n "processes": [' + _PROCESSES + "]"),
    "processes, a step of no kind": _MODEL.format(
        first=_MEMBER, more=',\n "processes": [' + _PROCESSES.replace('"approval"', '"sign-off"') + "]"),
}


#: the samples whose exact read finds nothing a plain read misses
CONFIRMED = {"clean", "schema violation", "two elements on a line, odd spacing", "lone surrogate",
             "processes with steps and flows", "processes, a step of no kind"}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory) -> dict[str, list[dict]]:
    folder = tmp_path_factory.mktemp("background")
    paths = []
    for n, text in enumerate(SAMPLES.values()):
        path = folder / f"s{n}.org.json"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    proc = subprocess.run([sys.executable, "-c", _BOTH_WAYS, *paths], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return dict(zip(SAMPLES, json.loads(proc.stdout), strict=True))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_background_read_gives_what_the_exact_read_gives(both_ways, name):
    exact, background = both_ways[name]
    assert not exact["forked"]
    # Every JSON object is read in the background (else this test would compare the
    # exact read with itself); what is no object, or holds NaN or Infinity (which no
    # rule may see), is read the exact way at once.
    assert background["forked"] is (forked.two_processors() and name not in {
        "not an object", "extra data", "trailing comma", "NaN", "Infinity"})
    assert background["findings"] == exact["findings"]
    assert background["errors"] == exact["errors"]
    assert background["not_run"] == exact["not_run"]
    # the child confirms what it should, and only that (a child that always failed would
    # pass the comparisons above, every big file linted twice)
    assert background["confirmed"] is (background["forked"] and name in CONFIRMED)
    assert background["placed"] is background["confirmed"]


def test_a_process_s_steps_and_flows_are_placed_from_the_child_s_answer(both_ways):
    """The child's places cover the elements of the arrays in each process (a step with
    a finding), and what lies deeper is walked to (a flow's end, a step's kind)."""
    exact, background = both_ways["processes with steps and flows"]
    assert ("OC203", "/processes/2/steps/3") in {(f[0], f[3]) for f in exact["findings"]}
    assert ("OC003", "/processes/2/flows/2/to") in {(f[0], f[3]) for f in exact["findings"]}
    if background["forked"]:
        assert "/processes/2/steps/3" in background["placed_pointers"]
        assert "/processes/2/flows/2/to" not in background["placed_pointers"]
    exact, background = both_ways["processes, a step of no kind"]
    assert [f[3] for f in exact["findings"]] == ["/processes/2/steps/3/kind"]


def test_the_samples_show_what_only_the_exact_read_catches(both_ways):
    """The comparison above is worth something only if the exact read finds these."""
    def messages(name: str) -> list[str]:
        return [f[4] for f in both_ways[name][0]["findings"]]

    assert messages("repeated key in an element") == [
        "key 'name' is repeated in this object; JSON readers disagree on which one wins"]
    assert any("'b' is repeated" in m for m in messages("repeated key three deep"))
    assert any("'schema_version' is repeated" in m for m in messages("repeated key at the top"))
    assert any("NaN is not a JSON number" in m for m in messages("NaN"))
    assert any("1e999" in m for m in messages("float overflow"))
    # the rules ran on the clean samples
    assert both_ways["clean"][0]["findings"] != []
    assert both_ways["two elements on a line, odd spacing"][0]["not_run"] == {}


def _big_model(tmp_path: Path) -> Path:
    text = json.dumps(json.loads(generate.generate(17000, 40, seed=3)), indent=2)
    assert len(text) >= BACKGROUND_FROM
    path = tmp_path / "big.org.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.skipif(not forked.two_processors(), reason="needs Linux and two processors")
def test_a_repeated_key_at_the_end_of_a_big_file_is_found_at_its_line(tmp_path, run):
    path = _big_model(tmp_path)
    text = path.read_text(encoding="utf-8")
    # the last person's id, given twice: only the exact read (in the child) sees it
    at = text.rindex('"id": "')
    path.write_text(text[:at] + '"id": "twice",\n      ' + text[at:], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    result = run("lint", path.name)
    assert result.code == 1
    assert result.out == (
        f"big.org.json:{line + 1}:7: OC001 schema-violation [error] key 'id' is repeated in this object; "
        "JSON readers disagree on which one wins\n"
        "1 finding (1 error) in 1 file; fix the schema errors first: 54 rules did not run\n")


@pytest.mark.skipif(not forked.two_processors(), reason="needs Linux and two processors")
def test_a_big_file_linted_in_the_background_gives_what_the_exact_read_gives(tmp_path, run):
    path = _big_model(tmp_path)
    (exact, background), = json.loads(subprocess.run(
        [sys.executable, "-c", _BOTH_WAYS, str(path)], capture_output=True, text=True, check=True).stdout)
    assert background["forked"] and background["confirmed"] and background["placed"]
    assert len(exact["findings"]) > 1000
    placed = background["placed_pointers"]
    assert background == {**exact, "forked": True, "confirmed": True, "placed": True, "placed_pointers": placed}
    assert any("/steps/" in p for p in placed) and any(p.startswith("/people/") for p in placed)
    # and the command itself, which reads a file this big in the background
    result = run("lint", "--format", "json", path.name)
    found = json.loads(result.out)["findings"]
    assert [[f["rule"], f["line"], f["column"], f["pointer"], f["message"]] for f in found] == exact["findings"]


@pytest.mark.skipif(not forked.two_processors(), reason="needs Linux and two processors")
def test_a_rule_crash_is_shown_once_and_only_for_the_read_that_counts(tmp_path, run):
    """The rules run on the first read while the child checks the file: a crash's
    traceback waits for the child's answer, so a file the exact read rejects (a repeated
    key: no rule runs on it) shows none, as a small one would, and a clean one shows it once."""
    plugin = tmp_path / "crash.py"
    plugin.write_text(rule_plugin('rule("CRASH001", "always-crashes", pillar="context", severity="warning")',
                                  docs='"""Crashes."""', body="return 1 / 0"))
    path = _big_model(tmp_path)
    clean = run("lint", "--isolated", "--plugin", plugin.name, "--select", "CRASH001", "--show-traceback", path.name)
    assert clean.code == 2 and clean.err.count("Traceback (most recent call last)") == 1
    assert "ZeroDivisionError: division by zero" in clean.err
    text = path.read_text(encoding="utf-8")
    at = text.rindex('"id": "')
    path.write_text(text[:at] + '"id": "twice",\n      ' + text[at:], encoding="utf-8")
    rejected = run("lint", "--isolated", "--plugin", plugin.name, "--select", "CRASH001", "--show-traceback",
                   path.name)
    assert "key 'id' is repeated in this object" in rejected.out and "fix the schema errors first" in rejected.out
    assert "Traceback" not in rejected.err and "CRASH001" not in rejected.err


def test_the_child_notes_only_a_process_s_steps_and_flows():
    """Arrays of a process's own (an ``x-`` key in each) are walked to, not noted: noting
    each name for every process made the answer grow with the square of the processes."""
    from orgcheck.io.json_document import _inner_starts, _parse_object

    processes = [{"id": f"p{n}", f"x-tags-{n}": [1, 2], "steps": [{"id": f"s{n}"}] * n, "flows": []}
                 for n in range(50)]
    text = json.dumps({"processes": processes})
    spans: dict = {}
    _parse_object(text, json.JSONDecoder(object_pairs_hook=dict), spans, keep=False)
    members, offsets = _inner_starts(text, spans["/processes"][0])
    assert set(members) == {"steps", "flows"}
    assert len(offsets) == sum(range(50)) and list(members["steps"][1]) == list(range(50))

"""Issue 23 item 4: small files that blew up time or memory, at the issue's sizes,
through the real CLI. Each built by benchmarks/stress.py, which times the same shapes
and reports their peak memory; here each must end with its findings (exit 0 or 1, no
traceback, no MemoryError). A quadratic run would take minutes and hit the run
fixture's timeout; the figures are the benchmark's job, not the tests'."""
from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("stress", ROOT / "benchmarks" / "stress.py")
stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stress)


def lint_json(run, name: str, timeout: float = 300) -> tuple[int, dict]:
    result = run("lint", "--isolated", "--format", "json", name, timeout=timeout)
    assert "Traceback" not in result.err and "MemoryError" not in result.err, result.err[-2000:]
    return result.code, json.loads(result.out)


def messages(report: dict, rule: str) -> list[str]:
    return [f["message"] for f in report["findings"] if f["rule"] == rule]


def test_long_dangling_references_over_thousands_of_cjk_ids_get_no_runaway_suggestion(run, tmp_path):
    model = stress.speller()  # 2,100 CJK ids, five 1,500-character dangling references
    # and a long reference one character off a long id: still suggested, by the bounded search
    long_id = "名" * 300
    model["people"].append({"id": long_id, "name": "Long"})
    model["people"].append({"id": "x", "name": "X", "reports_to": long_id[:-1] + "字"})
    (tmp_path / "org.json").write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    assert len((tmp_path / "org.json").read_bytes()) > 100_000
    code, report = lint_json(run, "org.json")
    assert code == 1
    dangling = [m for m in messages(report, "OC003") if "reports_to" in m or "reports to" in m]
    assert len(dangling) == 6, messages(report, "OC003")
    assert sum(f"did you mean {long_id!r}" in m for m in dangling) == 1


def test_a_parallel_gateway_with_thousands_in_and_out_stays_one_node(run, tmp_path):
    (tmp_path / "fan.bpmn").write_bytes(stress.bpmn_parallel())  # 2,500 tasks in, 2,500 out
    assert len((tmp_path / "fan.bpmn").read_bytes()) > 400_000
    result = run("import", "bpmn", "fan.bpmn", "-o", "fan.org.json", timeout=300)
    assert result.code == 0, result.err
    model = json.loads((tmp_path / "fan.org.json").read_text())
    process = model["processes"][0]
    assert len(process["flows"]) == 5_000  # not 6,250,000
    gateway = [s for s in process["steps"] if s["x-source"]["element"] == "g"]
    assert [(s["kind"], s["name"]) for s in gateway] == [("handoff", "Parallel gateway (g)")]
    code, report = lint_json(run, "fan.bpmn")
    assert code in (0, 1) and report["summary"]["files"] == 1


def test_a_small_parallel_gateway_is_still_joined_through(run, tmp_path):
    (tmp_path / "fan.bpmn").write_bytes(stress.bpmn_parallel(16))  # 256 flows joined: at the bound
    result = run("import", "bpmn", "fan.bpmn", timeout=60)
    process = json.loads(result.out)["processes"][0]
    assert len(process["flows"]) == 256 and len(process["steps"]) == 32


def test_thousands_of_work_steps_into_a_chain_of_thousands_of_approvals(run, tmp_path):
    (tmp_path / "org.json").write_text(json.dumps(stress.approval_chain()))  # 6,000 into 6,000
    code, report = lint_json(run, "org.json")
    assert code == 1
    oc206, oc203 = messages(report, "OC206"), messages(report, "OC203")
    assert len(oc206) == 3_000 and len(oc203) == 3_000  # the approvals, and the reviews
    assert oc206[0].startswith("approval 'Check 0' of the work of self-organizing 'Team' "
                               "('Work 0', 'Work 1', 'Work 2' and 5997 more) is performed by Boss")
    assert oc203[0].startswith("review 'Check 1' is performed by Boss, a superior of the people who do the "
                               "work before it: 'Work 0' (Team), 'Work 1' (Team), 'Work 2' (Team) and 5997 more")


def test_brackets_nested_100000_deep_before_escaped_quotes(run, tmp_path):
    (tmp_path / "deep.org.json").write_bytes(stress.deep_brackets())  # 260 KB
    result = run("lint", "--isolated", "deep.org.json", timeout=300)
    assert result.code == 1, result.err
    assert result.out.startswith("deep.org.json:1:100000: OC001 schema-violation [error] invalid JSON: arrays "
                                 "and objects nested 100000 levels deep, too deep to read\n")


@pytest.mark.parametrize("command", [["stats", "--by", "unit", "--format", "json", "org.json"],
                                     ["report", "org.json", "-o", "report.html"],
                                     ["diff", "old.json", "org.json"]])
def test_views_of_units_in_a_20000_long_parent_loop(run, tmp_path, command):
    model = stress.unit_loop(20_000)  # 2,000 people, in the first 2,000 units of the loop
    (tmp_path / "org.json").write_text(json.dumps(model))
    (tmp_path / "old.json").write_text(json.dumps(dict(model, units=model["units"][:-1])))
    result = run(*command, timeout=300)
    assert result.code in (0, 1) and "Traceback" not in result.err, result.err
    if command[0] == "stats":
        rows = json.loads(result.out)["rows"]
        assert len(rows) == 20_000
        assert {r["subtree"]["positions"] for r in rows} == {2_000}  # each has the whole loop below it
    elif command[0] == "report":
        assert (tmp_path / "report.html").stat().st_size > 0
    else:
        assert "u19999" in result.out


def test_stats_adds_up_units_in_and_below_a_loop(run, tmp_path):
    model = stress.unit_loop(6)
    model["units"].append({"id": "below", "name": "Below", "parent": "u2"})
    model["people"].append({"id": "b", "name": "B", "unit": "below"})
    (tmp_path / "org.json").write_text(json.dumps(model))
    result = run("stats", "--by", "unit", "--format", "json", "org.json")
    rows = {r["id"]: r for r in json.loads(result.out)["rows"]}
    assert {k: r["subtree"]["positions"] for k, r in rows.items()} == {
        "u0": 7, "u1": 7, "u2": 7, "u3": 7, "u4": 7, "u5": 7, "below": 1}
    assert {k: r["own"]["positions"] for k, r in rows.items()} == {
        "u0": 1, "u1": 1, "u2": 1, "u3": 1, "u4": 1, "u5": 1, "below": 1}


def test_a_hexadecimal_fte_of_4000_digits_is_a_finding_like_its_decimal_form(run, tmp_path):
    (tmp_path / "hex.org.yaml").write_bytes(stress.yaml_hex())
    result = run("lint", "--isolated", "hex.org.yaml")
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert result.out.startswith("hex.org.yaml:5:5: OC001 schema-violation [error] number 0xffffffffff… "
                                 "(4002 digits) is too large for a 64-bit float")
    (tmp_path / "dec.org.yaml").write_text(stress.yaml_hex().decode().replace("0x" + "f" * 4000, "9" * 4000))
    decimal = run("lint", "--isolated", "dec.org.yaml")
    assert decimal.code == 1 and "is too large for a 64-bit float" in decimal.out

"""BPMN 2.0: real reference models import and lint, counts against xml.etree, kinds,
lanes, --into, and XML bombs."""
import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import EXAMPLES, ROOT

REFERENCE = ROOT / "tests" / "data" / "realdata" / "bpmn-miwg-reference"
NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
TASKS = ("task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
         "businessRuleTask", "callActivity")


def findings(result):
    return json.loads(result.out)["findings"]


@pytest.mark.parametrize("model", ["A.1.0", "B.1.0", "C.1.0", "C.9.2"])
def test_reference_model_imports_with_every_element_counted_and_lints_without_oc001(run, tmp_path, model):
    path = REFERENCE / f"{model}.bpmn"
    root = ET.parse(path).getroot()
    processes = root.findall(f"{NS}process")
    tasks = {e.get("id") for p in processes for t in TASKS for e in p.iter(f"{NS}{t}")}
    lanes = sum(1 for p in processes for _ in p.iter(f"{NS}lane"))
    flows = sum(1 for p in processes for _ in p.iter(f"{NS}sequenceFlow"))
    result = run("import", "bpmn", str(path), "-o", "p.org.json")
    assert result.code == 0, result.err
    def n(count, word):
        return f"{count} {word}" + ("" if count == 1 else ("es" if word.endswith("s") else "s"))

    assert (f"read {n(len(processes), 'BPMN process')}, {n(len(tasks), 'task')}, {n(lanes, 'lane')}, "
            f"{n(flows, 'sequence flow')}" in result.err)
    made = json.loads((tmp_path / "p.org.json").read_text())
    steps = [s for p in made["processes"] for s in p["steps"]]
    assert {s["x-source"]["element"] for s in steps} >= tasks
    assert all(s["x-source"]["file"].endswith(f"{model}.bpmn") for s in steps)
    lint = run("lint", "--format", "json", "p.org.json")
    assert lint.code in (0, 1) and not [f for f in findings(lint) if f["rule"] == "OC001"]


def test_linting_a_bpmn_file_points_at_the_element_line(run, tmp_path):
    shutil.copy(REFERENCE / "C.1.0.bpmn", tmp_path / "invoice.bpmn")
    result = run("lint", "--format", "json", "--select", "OC402", "invoice.bpmn")
    text = (tmp_path / "invoice.bpmn").read_text(encoding="utf-8").split("\n")
    approver = next(f for f in findings(result) if "'Approver'" in f["message"])
    assert '<lane id="Approver" name="Approver">' in text[approver["line"] - 1]
    assert text[approver["line"] - 1][approver["column"] - 1:].startswith("<lane")


SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" name="Leave">
  <process id="leave" name="Leave request">
    <laneSet id="ls">
      <lane id="l1" name="Employee"><flowNodeRef>start</flowNodeRef><flowNodeRef>ask</flowNodeRef>
        <flowNodeRef>sub</flowNodeRef></lane>
      <lane id="l2" name="Team lead"><flowNodeRef>ok</flowNodeRef><flowNodeRef>fork</flowNodeRef>
        <flowNodeRef>rule</flowNodeRef><flowNodeRef>gw</flowNodeRef></lane>
    </laneSet>
    <startEvent id="start"/>
    <userTask id="ask" name="Request leave"/>
    <userTask id="ok" name="Approve leave"/>
    <parallelGateway id="fork"/>
    <businessRuleTask id="rule" name="Apply leave policy"/>
    <exclusiveGateway id="gw" name="Enough days?"/>
    <subProcess id="sub" name="Plan">
      <startEvent id="s2"/>
      <manualTask id="plan" name="Plan cover"/>
      <task id="check" name="Check roster"/>
      <sequenceFlow id="i1" sourceRef="s2" targetRef="plan"/>
      <sequenceFlow id="i2" sourceRef="plan" targetRef="check"/>
    </subProcess>
    <sequenceFlow id="f1" sourceRef="start" targetRef="ask"/>
    <sequenceFlow id="f2" sourceRef="ask" targetRef="fork"/>
    <sequenceFlow id="f3" sourceRef="fork" targetRef="ok"/>
    <sequenceFlow id="f4" sourceRef="fork" targetRef="rule"/>
    <sequenceFlow id="f5" sourceRef="rule" targetRef="gw"/>
    <sequenceFlow id="f6" sourceRef="gw" targetRef="sub"/>
    <sequenceFlow id="f7" sourceRef="sub" targetRef="ok"/>
  </process>
</definitions>
"""


def test_kinds_lanes_dropped_nodes_and_sub_processes(run, tmp_path):
    (tmp_path / "leave.bpmn").write_text(SMALL)
    result = run("import", "bpmn", "leave.bpmn", "--lane", "Team lead=lead-role")
    (process,) = json.loads(result.out)["processes"]
    assert [(s["id"], s.get("kind", "work"), s["performer"]) for s in process["steps"]] == [
        ("ask", "work", "employee"), ("ok", "approval", "lead-role"), ("rule", "decision", "lead-role"),
        ("gw", "decision", "lead-role"), ("plan", "work", "employee"), ("check", "review", "employee")]
    assert [(f["from"], f["to"]) for f in process["flows"]] == [
        ("ask", "ok"), ("ask", "rule"), ("rule", "gw"), ("gw", "plan"), ("plan", "check"), ("check", "ok")]
    roles = json.loads(result.out)["roles"]
    assert roles == [{"id": "employee", "name": "Employee", "x-source": {"file": "leave.bpmn", "element": "l1"}}]


def test_import_into_an_existing_model(run, tmp_path):
    shutil.copy(EXAMPLES / "healthy.org.json", tmp_path / "org.json")
    before = json.loads((tmp_path / "org.json").read_text())
    (tmp_path / "leave.bpmn").write_text(SMALL)
    lead = before["people"][0]["id"]
    result = run("import", "bpmn", "leave.bpmn", "--into", "org.json", "--lane", f"Team lead={lead}")
    assert result.code == 0, result.err
    after = json.loads((tmp_path / "org.json").read_text())
    assert after["people"] == before["people"]
    assert len(after["processes"]) == len(before["processes"]) + 1
    assert after["processes"][-1]["steps"][1]["performer"] == lead
    lint = run("lint", "--format", "json", "org.json")
    assert not [f for f in findings(lint) if f["rule"] in ("OC001", "OC002", "OC003")]


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
    '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
])
def test_entity_bombs_and_external_entities_are_findings(run, tmp_path, doctype):
    (tmp_path / "evil.bpmn").write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        '<process id="p" name="&lol3;&xxe;"/></definitions>\n')
    result = run("lint", "evil.bpmn")
    assert result.out.startswith("evil.bpmn:2:1: OC001 schema-violation [error] a DOCTYPE is not allowed")
    assert "root:" not in result.out and result.code == 1 and "Traceback" not in result.err

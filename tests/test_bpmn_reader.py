"""BPMN 2.0: real reference models import and lint, counts against xml.etree, kinds,
lanes, --into, and XML bombs."""
import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import EXAMPLES, ROOT, benchmark, sequence_flows
from realdata_counts import bpmn_start_events

REFERENCE = ROOT / "tests" / "data" / "realdata" / "bpmn-miwg-reference"
MODELS = sorted(p.stem for p in REFERENCE.glob("*.bpmn"))
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


# A BPMN file has no roles' content, metrics or feedback: the built-in rules on lanes and
# processes are not assessed there (test_profile.py). Positions are checked with a rule of
# a test plugin that needs nothing and names every process and role (lane).
WHERE = (
    "import orgcheck\n\n"
    "@orgcheck.rule('WHERE001', 'where', pillar='context')\n"
    "def where(org):\n"
    "    '''Names every process and role, at its place.'''\n"
    "    for p in org.processes:\n"
    "        yield p, 'process'\n"
    "    for r in org.roles:\n"
    "        yield r, f\"role '{r.name}'\"\n\n"
    "@orgcheck.hookimpl\n"
    "def orgcheck_rules():\n"
    "    return [where]\n")


def where(run, tmp_path, name):
    (tmp_path / "where.py").write_text(WHERE)
    return run("lint", "--isolated", "--plugin", "where.py", "--format", "json", "--select", "WHERE001", name)


def test_linting_a_bpmn_file_points_at_the_element_line(run, tmp_path):
    shutil.copy(REFERENCE / "C.1.0.bpmn", tmp_path / "invoice.bpmn")
    result = where(run, tmp_path, "invoice.bpmn")
    text = (tmp_path / "invoice.bpmn").read_text(encoding="utf-8").split("\n")
    approver = next(f for f in findings(result) if "'Approver'" in f["message"])
    assert '<lane id="Approver" name="Approver">' in text[approver["line"] - 1]
    assert text[approver["line"] - 1][approver["column"] - 1:].startswith("<lane")


SMALL = f"""<?xml version="1.0" encoding="UTF-8"?>
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
{sequence_flows("s2>plan", "plan>check", ids="i", indent=6)}
    </subProcess>
{sequence_flows("start>ask", "ask>fork", "fork>ok", "fork>rule", "rule>gw", "gw>sub", "sub>ok")}
  </process>
</definitions>
"""


def test_kinds_lanes_dropped_nodes_and_sub_processes(run, tmp_path):
    (tmp_path / "leave.bpmn").write_text(SMALL)
    result = run("import", "bpmn", "leave.bpmn", "--lane", "Team lead=lead-role")
    (process,) = json.loads(result.out)["processes"]
    assert [(s["id"], s.get("kind", "work"), s["performer"]) for s in process["steps"]] == [
        ("start", "handoff", "employee"), ("ask", "work", "employee"), ("ok", "approval", "lead-role"),
        ("rule", "decision", "lead-role"),
        ("gw", "decision", "lead-role"), ("plan", "work", "employee"), ("check", "review", "employee")]
    assert [(f["from"], f["to"]) for f in process["flows"]] == [
        ("start", "ask"), ("ask", "ok"), ("ask", "rule"), ("rule", "gw"), ("gw", "plan"), ("plan", "check"),
        ("check", "ok")]
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
    assert after["processes"][-1]["steps"][2]["performer"] == lead  # start, ask, ok
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


stress = benchmark("stress")  # the BPMN shapes the benchmark times


def test_all_21_reference_models_are_copied():
    assert len(MODELS) == 21


@pytest.mark.parametrize("model", MODELS)
def test_every_process_of_a_reference_model_starts_at_its_start_event(run, tmp_path, model):
    path = REFERENCE / f"{model}.bpmn"
    counted = bpmn_start_events(str(path))
    assert counted and all(n >= 1 for n in counted.values())  # the MIWG models are valid BPMN
    made = json.loads(run("import", "bpmn", str(path)).out)
    by_id = {p["id"]: p for p in made["processes"]}
    root = ET.parse(path).getroot()
    for pid in counted:
        process = by_id[pid]  # one format-1 process per BPMN process, under its id
        targets = {f["to"] for f in process.get("flows", [])}
        starts = [s for s in process["steps"] if s["id"] not in targets]
        ids = {e.get("id") for e in root.find(f"{NS}process[@id='{pid}']").findall(f"{NS}startEvent")}
        assert {s["x-source"]["element"] for s in starts} >= ids, pid
        assert all(s["kind"] == "handoff" for s in starts if s["x-source"]["element"] in ids)
    lint = run("lint", "--isolated", "--format", "json", str(path))
    assert lint.code in (0, 1), lint.err
    assert not [f for f in findings(lint) if f["rule"] in ("OC001", "OC006", "OC007")]


def test_message_flows_are_handoffs_between_processes_not_sequence_flows(run):
    path = REFERENCE / "C.2.0.bpmn"
    root = ET.parse(path).getroot()
    messages = root.findall(f".//{NS}messageFlow")
    made = json.loads(run("import", "bpmn", str(path)).out)
    flows = {f["x-source"]["element"] for p in made["processes"] for f in p.get("flows", [])}
    assert not flows & {m.get("id") for m in messages}
    handoffs = {h["x-source"]["element"]: (p["id"], h) for p in made["processes"] for h in p.get("x-handoffs", [])}
    assert set(handoffs) == {m.get("id") for m in messages}
    # Customer's "Send Credit Card Information" task messages the Credit Card Company,
    # whose process starts with that message.
    sent = next(m for m in messages if m.get("name") == "Send Credit Card Information")
    sender, record = handoffs[sent.get("id")]
    process_of = {e.get("id"): p.get("id") for p in root.findall(f"{NS}process") for e in p.iter()}
    assert sender == process_of[sent.get("sourceRef")]
    assert record["to_process"] == process_of[sent.get("targetRef")]
    assert record["from_step"] == sent.get("sourceRef") and record["to_step"] == sent.get("targetRef")
    lint = run("lint", "--isolated", "--format", "json", str(path))
    assert not [f for f in findings(lint) if f["rule"] in ("OC001", "OC006", "OC007")]


LOOP = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="order" name="Order">
    <startEvent id="start" name="Order received"/>
    <task id="pick" name="Pick items"/>
    <exclusiveGateway id="complete" name="Complete?"/>
    <endEvent id="end"/>
{sequence_flows("start>pick", "pick>complete", "complete>pick", "complete>end")}
  </process>
</definitions>
"""


def test_a_process_that_loops_back_to_its_first_task_starts_at_its_start_event(run, tmp_path):
    (tmp_path / "order.bpmn").write_text(LOOP)
    (process,) = json.loads(run("import", "bpmn", "order.bpmn").out)["processes"]
    assert [(s["id"], s["name"], s.get("kind", "work")) for s in process["steps"]] == [
        ("start", "Order received", "handoff"), ("pick", "Pick items", "work"), ("complete", "Complete?", "decision")]
    lint = run("lint", "--isolated", "--format", "json", "order.bpmn")
    assert not [f for f in findings(lint) if f["rule"] in ("OC006", "OC007")]


def test_without_its_start_event_the_same_loop_has_no_start_step(run, tmp_path):
    """The near miss: a process that really has no start is still OC006."""
    text = LOOP.replace('    <startEvent id="start" name="Order received"/>\n', "").replace(
        '    <sequenceFlow id="f1" sourceRef="start" targetRef="pick"/>\n', "")
    (tmp_path / "order.bpmn").write_text(text)
    result = run("lint", "--isolated", "--format", "json", "--select", "OC006", "order.bpmn")
    (finding,) = findings(result)
    assert "process 'Order' has no start step" in finding["message"]
    assert text.split("\n")[finding["line"] - 1].strip().startswith('<process id="order"')


def test_one_line_bpmn_points_at_each_element_column(run, tmp_path):
    data = stress.bpmn_one_line(300)
    assert data.count(b"\n") == 0
    (tmp_path / "min.bpmn").write_bytes(data)
    result = where(run, tmp_path, "min.bpmn")
    got = {f["message"].split()[0]: (f["line"], f["column"]) for f in findings(result)}
    text = data.decode()
    assert got == {"process": (1, text.index('<process id="p"') + 1), "role": (1, text.index('<lane id="l"') + 1)}


def test_positions_after_multibyte_names_and_cr_only_lines(run, tmp_path):
    text = ('<?xml version="1.0" encoding="UTF-8"?>\r<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
            '<process id="p" name="Aanvraag één"><laneSet id="s"><lane id="l1" name="Behandelaar één">'
            '<flowNodeRef>t</flowNodeRef></lane></laneSet>\r  <startEvent id="a" name="Ontvangen ✓"/>'
            '<lane-free/><task id="t" name="Beoordelen"/><sequenceFlow id="f" sourceRef="a" targetRef="t"/>'
            "</process></definitions>\r")
    (tmp_path / "p.bpmn").write_bytes(text.encode("utf-8"))
    result = where(run, tmp_path, "p.bpmn")
    lines = text.split("\r")
    got = {f["message"].split()[0]: (f["line"], f["column"]) for f in findings(result)}
    assert got == {"process": (2, lines[1].index("<process") + 1), "role": (2, lines[1].index("<lane id") + 1)}


def test_sub_processes_nested_3000_deep_are_a_finding_at_the_place_not_a_crash(run, tmp_path):
    data = stress.bpmn_nested(3_000)
    (tmp_path / "deep.bpmn").write_bytes(data)
    result = run("lint", "--isolated", "deep.bpmn", timeout=60)
    # definitions and process are levels 1 and 2, so sub-process s498 is level 501
    line = data.decode().split("\n").index('<subProcess id="s498" name="Level 498">') + 1
    assert result.out.startswith(f"deep.bpmn:{line}:1: OC001 schema-violation [error] elements nested more "
                                 "than 500 levels deep, too deep to read")
    assert result.code == 1 and "crash" not in result.out + result.err and "Traceback" not in result.err


def test_sub_processes_nested_400_deep_are_read_to_the_deepest_task(run, tmp_path):
    (tmp_path / "deep.bpmn").write_bytes(stress.bpmn_nested(400))
    result = run("import", "bpmn", "deep.bpmn", timeout=60)
    assert result.code == 0, result.err
    (process,) = json.loads(result.out)["processes"]
    assert [s["name"] for s in process["steps"]] == ["Start event (start)", "Deepest task"]
    assert [(f["from"], f["to"]) for f in process["flows"]] == [("start", "t")]


BLACK_BOX = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <collaboration id="c">
    <participant id="customer" name="Customer"/>
    <participant id="shop" name="Shop" processRef="sell"/>
    <messageFlow id="m1" name="Order" sourceRef="customer" targetRef="start"/>
    <messageFlow id="m2" name="Invoice" sourceRef="bill" targetRef="customer"/>
  </collaboration>
  <process id="sell" name="Selling">
    <startEvent id="start" name="Order received"/>
    <sendTask id="bill" name="Send invoice"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="bill"/>
  </process>
</definitions>
"""


def test_messages_to_and_from_a_black_box_pool_are_handoffs_of_the_process_that_takes_part(run, tmp_path):
    (tmp_path / "shop.bpmn").write_text(BLACK_BOX)
    (process,) = json.loads(run("import", "bpmn", "shop.bpmn").out)["processes"]
    assert (process["id"], process["name"]) == ("sell", "Shop")
    assert [(f["from"], f["to"]) for f in process["flows"]] == [("start", "bill")]
    assert [{k: v for k, v in h.items() if k != "x-source"} for h in process["x-handoffs"]] == [
        {"from_process": "Customer", "message": "Order", "to_step": "start"},
        {"to_process": "Customer", "message": "Invoice", "from_step": "bill"}]


def test_lanes_whose_names_make_one_id_get_numbered_ids_in_order(run, tmp_path):
    (tmp_path / "lanes.bpmn").write_bytes(stress.bpmn_one_slug(120))
    made = json.loads(run("import", "bpmn", "lanes.bpmn").out)
    assert [r["id"] for r in made["roles"]] == ["clerk"] + [f"clerk~{n}" for n in range(2, 121)]
    assert [s["performer"] for s in made["processes"][0]["steps"]] == [r["id"] for r in made["roles"]]

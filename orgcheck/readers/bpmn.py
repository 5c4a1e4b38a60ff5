"""Reads BPMN 2.0 process models into format-1 processes (spec/readers.md).

How BPMN maps onto format 1:

- Each BPMN process (a pool, or a process outside any collaboration) becomes one
  format-1 process, named after its pool. A collaboration is several processes that
  talk to each other; it is not one process.
- Tasks and deciding gateways become steps; parallel gateways and intermediate and
  end events are dropped and the sequence flows through them joined; sub-processes
  are flattened. A gateway or event where joining would make more than 256 flows
  (hundreds of tasks in and hundreds out) is kept as a step of kind ``handoff``
  instead, so that a small file cannot make millions of flows; the work before it
  then ends there for the rules that look upstream.
- A start event of a process (or of an event sub-process) becomes its start step,
  kind ``handoff``: the point where work is handed to the process by whoever or
  whatever starts it (a customer's message, a timer, a colleague). It is the kind no
  rule counts as work or as control, so a start step adds no work to judge; it is what
  makes "where does the work begin" answerable for a process that loops back to its
  first task. Start events inside an embedded sub-process are joined through.
- A message flow between pools is not a sequence flow: work does not move inside one
  process but is handed from one process to another. Format 1 has no flow between
  processes, so the reader records each message flow on the sending process as
  ``x-handoffs`` (ignored by the built-in rules, kept by ``orgcheck import``):
  ``{"to_process", "message"?, "from_step"?, "to_step"?, "x-source"}``, where
  ``to_process`` is the receiving process's id (or the pool's name when the pool is
  a black box) and the step ids are given when an end of the flow is a step. A
  message from a black-box pool is recorded on the receiving process, with
  ``from_process`` (the pool's name) in place of ``to_process``.
- Lanes become performers; an element outside every lane is performed by its pool.

Findings point at the BPMN element's line, and every entity made keeps
``x-source: {file, element}``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from orgcheck.io.document import Document, ParseProblem, Position
from orgcheck.readers.records import slug
from orgcheck.readers.xml_safe import Element, XmlError, parse_xml

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
WORK_TASKS = frozenset({"task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask",
                        "scriptTask", "callActivity"})
TASKS = WORK_TASKS | {"businessRuleTask"}
DECISIONS = frozenset({"exclusiveGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"})
DROPPED = frozenset({"parallelGateway", "startEvent", "endEvent", "intermediateCatchEvent",
                     "intermediateThrowEvent", "boundaryEvent", "implicitThrowEvent"})
CONTAINERS = frozenset({"subProcess", "transaction", "adHocSubProcess"})

# What a BPMN file can say about an organization (issue 13 item 4): the parts of the
# format-1 model it expresses (orgcheck/api/parts.py), for the engine to tell "not
# assessed" from "passed". BPMN has processes, their flows and lanes (who performs
# each step), but no people, reporting lines, role purposes, accountabilities,
# standards, metrics or feedback: the roles made from lanes are names only, and the
# pools made units have no members.
EXPRESSES = frozenset({"processes"})
SOURCE_NAME = "BPMN"

# Verbs, not the people named after them: "Assign approver" is work, "Approve invoice"
# an approval. A lane named for the people (Approvers, Reviewer) makes its tasks so.
APPROVAL = re.compile(r"\b(?:approv(?:e|es|ed|ing|al)|sign(?:s|ed|ing)?[\s-]*off|authori[sz](?:e|es|ed|ing|ation)"
                      r"|goedkeur\w*|accorde\w*)\b", re.I)
REVIEW = re.compile(r"\b(?:review(?:s|ed|ing)?|check(?:s|ed|ing)?|verif(?:y|ies|ied|ying|ication)"
                    r"|controle\w*)\b", re.I)
# Tasks that a system or a message performs: a send task notifies, a receive task
# waits, a script or service task computes. None of them is a person's approval or
# review, whatever its name says ("Notify Employee of Approval" is a send task).
SYSTEM_TASKS = frozenset({"sendTask", "receiveTask", "scriptTask", "serviceTask"})
# Words that lead a step's name without being its verb ("Manually Approve Vacation").
_LEAD = re.compile(r"^(?:(?:\w+ly|then|and|to|the|a|an|please)\s+)+", re.I)
# A control word after a preposition is what the step is about, not what it does:
# "Request for approval", "Notify employee of approval".
_ABOUT = re.compile(r"\b(?:of|for|about|on|after|before|with|without|to|from|na|voor|over|van)\s+\S+\s*$", re.I)
_SIGN = re.compile(r"sign(?:s|ed|ing)?", re.I)
_PASSES_ON = re.compile(r"(?:send|sends|notify|notifies|inform|informs|e-?mail|mail|forward|request|requests|ask|"
                        r"submit|submits|tell|publish|communicate|report|escalate|stuur|meld|informeer|vraag)", re.I)
APPROVAL_LANE = re.compile(r"\b(?:approv\w*|sign[\s-]*off|authori[sz]\w*|goedkeur\w*|accorde\w*)", re.I)
REVIEW_LANE = re.compile(r"\b(?:review\w*|check\w*|verif\w*|controle\w*)", re.I)


def _verb(name: str) -> str | None:
    """'approval' or 'review' by what the step does: its first word after adverbs
    ("Approve invoice", "Manually approve"), or its last word when the name ends in the
    act ("Invoice approval", "Factuur goedkeuren"); 'work' when it leads with a verb
    that passes something on ("Notify employee of approval", "Request approval");
    None when the name does not say (the lane may). A control word elsewhere in the
    name is not the step's act."""
    text = name.strip()
    words = _LEAD.sub("", text).split()
    if not words:
        return None
    if _PASSES_ON.fullmatch(words[0]):
        return "work"
    if len(words) > 1 and _SIGN.fullmatch(words[0]) and words[1].lower() == "off":
        return "approval"
    candidates = [words[0]]
    if len(words) > 1 and not _ABOUT.search(text):
        candidates.append(words[-1])
    for word in candidates:
        if APPROVAL.fullmatch(word):
            return "approval"
        if REVIEW.fullmatch(word):
            return "review"
    return None


@dataclass
class _Counts:
    processes: int = 0
    tasks: int = 0
    lanes: int = 0
    sequence_flows: int = 0
    message_flows: int = 0

    def text(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (f"read {n(self.processes, 'BPMN process', 'BPMN processes')}, {n(self.tasks, 'task', 'tasks')}, "
                f"{n(self.lanes, 'lane', 'lanes')}, {n(self.sequence_flows, 'sequence flow', 'sequence flows')}, "
                f"{n(self.message_flows, 'message flow', 'message flows')}")


@dataclass
class _Out:
    """The format-1 data being made, the place of each pointer, the ids taken."""

    path: str
    data: dict
    places: dict[str, Position] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    performers: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) -> id

    tried: dict[str, int] = field(default_factory=dict)  # wanted id -> the last ~n found taken

    def new_id(self, wanted: str) -> str:
        # Ids only ever become taken, so the search for a free "wanted~n" goes on from
        # where the last one for the same wanted id stopped: 50,000 lanes whose names
        # make one slug cost 50,000 steps, not 50,000 squared over two.
        uid, n = wanted, self.tried.get(wanted, 1)
        if n > 1:
            uid = f"{wanted}~{n}"
        while uid in self.taken:
            n += 1
            uid = f"{wanted}~{n}"
        self.tried[wanted] = n
        self.taken.add(uid)
        return uid

    def source(self, element: Element) -> dict:
        return {"file": self.path, "element": element.attrib.get("id", element.tag)}


def _name(element: Element) -> str:
    return " ".join((element.attrib.get("name") or "").split())


def _human(tag: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", lambda m: " " + m.group(1).lower(), tag).capitalize()


def load_bpmn(path: str, data: bytes, *, lanes: dict[str, str] | None = None, existing: dict | None = None,
              summary: bool = False) -> Document:
    """A BPMN file as a format-1 document (``existing``: a model whose roles, units,
    people and externals lanes may name, and whose ids must not be reused)."""
    from orgcheck.io.files import display_path

    shown = path if path == "-" else display_path(path)
    try:
        root = parse_xml(data)
    except XmlError as exc:
        return Document(shown, parse_error=ParseProblem(str(exc), exc.line, exc.column))
    if root.ns != BPMN or root.tag != "definitions":
        return Document(shown, parse_error=ParseProblem(
            "not a BPMN 2.0 model: the root element is not bpmn:definitions", root.line, root.column))
    stem = os.path.splitext(os.path.basename(path))[0] if path != "-" else "process"
    out = _Out(shown, {"schema_version": 1,
                       "organization": {"id": slug(stem), "name": _name(root) or stem},
                       "people": []})
    out.places[""] = (root.line, root.column)
    counts = _Counts()
    _Reader(out, root, lanes or {}, existing or {}, counts).read()
    doc = Document(shown, data=out.data, locator=_PlaceLocator(out.places), expresses=EXPRESSES,
                   source_name=SOURCE_NAME)
    if summary:
        made = out.data.get("processes", [])
        steps, flows = sum(len(p["steps"]) for p in made), sum(len(p.get("flows", [])) for p in made)
        doc.notes.append(f"{counts.text()}; made {len(made)} processes, {steps} steps, {flows} flows")
    return doc


class _PlaceLocator:
    def __init__(self, places: dict[str, Position]) -> None:
        self.places = places

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        return {p: (self.places[p], self.places[p]) for p in pointers if p in self.places}


class _Reader:
    def __init__(self, out: _Out, root: Element, lanes: dict[str, str], existing: dict, counts: _Counts) -> None:
        self.out, self.root, self.lanes, self.existing, self.counts = out, root, lanes, existing, counts
        self.lane_map = {" ".join(k.lower().split()): v for k, v in lanes.items()}
        for section in ("people", "units", "roles", "externals", "processes"):
            for e in existing.get(section, []) or []:
                if isinstance(e, dict) and isinstance(e.get("id"), str):
                    out.taken.add(e["id"])
                    for s in e.get("steps", []) or []:
                        if isinstance(s, dict) and isinstance(s.get("id"), str):
                            out.taken.add(s["id"])

    def bpmn(self, element: Element, tag: str) -> list[Element]:
        return [c for c in element.children if c.ns == BPMN and c.tag == tag]

    def read(self) -> None:
        processes = {p.attrib.get("id"): p for p in self.bpmn(self.root, "process")}
        self.counts.processes = len(processes)
        for p in processes.values():
            for e in p.iter():
                if e.ns == BPMN:
                    self.counts.tasks += e.tag in TASKS
                    self.counts.lanes += e.tag == "lane"
                    self.counts.sequence_flows += e.tag == "sequenceFlow"
        used: set[str | None] = set()  # a participant without processRef takes a process without id
        groups: list[tuple[Element | None, list[tuple[Element | None, Element]]]] = []
        for collab in self.bpmn(self.root, "collaboration"):
            pools: list[tuple[Element | None, Element]] = []
            for participant in self.bpmn(collab, "participant"):
                ref = participant.attrib.get("processRef")
                if ref in processes and ref not in used:
                    used.add(ref)
                    pools.append((participant, processes[ref]))
            self.counts.message_flows += len(self.bpmn(collab, "messageFlow"))
            if pools:
                groups.append((collab, pools))
        for pid, p in processes.items():
            if pid not in used:
                groups.append((None, [(None, p)]))
        # Every process first: a message flow may reach a process outside its collaboration's pools.
        made: dict[str, tuple[dict, str | None]] = {}
        for _, pools in groups:
            # A pool without lanes beside pools with lanes is another party (a customer, a bank).
            own = any(_name(lane) for _, p in pools for lane in p.iter() if lane.ns == BPMN and lane.tag == "lane")
            for pool, process in pools:
                self.make_process(pool, process, own, made)
        for collab in self.bpmn(self.root, "collaboration"):
            self.handoffs(collab, made)

    def handoffs(self, collab: Element, made: dict[str, tuple[dict, str | None]]) -> None:
        """Each message flow, as an ``x-handoffs`` record on the process that sends it
        (on the receiving one, with ``from_process``, when a black-box pool sends it)."""
        pools = {p.attrib.get("id"): p for p in self.bpmn(collab, "participant")}

        def outside(ref: str) -> str:  # a pool with no process in this file, by its name
            pool = pools.get(ref)
            return (_name(pool) or ref) if pool is not None else ref

        for message in self.bpmn(collab, "messageFlow"):
            source, target = message.attrib.get("sourceRef", ""), message.attrib.get("targetRef", "")
            sender, receiver = made.get(source), made.get(target)
            if (holder := sender or receiver) is None:
                continue  # between two black boxes: no process of this file takes part
            record: dict[str, Any] = {}
            if sender is None:
                record["from_process"] = outside(source)
            else:
                record["to_process"] = receiver[0]["id"] if receiver is not None else outside(target)
            if _name(message):
                record["message"] = _name(message)
            if sender is not None and sender[1] is not None:
                record["from_step"] = sender[1]
            if receiver is not None and receiver[1] is not None:
                record["to_step"] = receiver[1]
            record["x-source"] = self.out.source(message)
            holder[0].setdefault("x-handoffs", []).append(record)

    # -- performers ---------------------------------------------------------

    def performer(self, kind: str, name: str, element: Element) -> str:
        """The id of the role, unit or external that ``name`` stands for (made once)."""
        mapped = self.lane_map.get(" ".join(name.lower().split()))
        if mapped:
            return mapped
        key = (kind, name.lower())
        if key in self.out.performers:
            return self.out.performers[key]
        section = {"role": "roles", "unit": "units", "external": "externals"}[kind]
        for e in self.existing.get(section, []) or []:
            if isinstance(e, dict) and str(e.get("name", "")).lower() == name.lower() and e.get("id"):
                self.out.performers[key] = e["id"]
                return e["id"]
        uid = self.out.new_id(slug(name))
        entity: dict[str, Any] = {"id": uid, "name": name}
        if kind == "external":
            entity["kind"] = "other"
        entity["x-source"] = self.out.source(element)
        items = self.out.data.setdefault(section, [])
        self.out.places[f"/{section}/{len(items)}"] = (element.line, element.column)
        items.append(entity)
        self.out.performers[key] = uid
        return uid

    # -- one format-1 process -------------------------------------------------

    def make_process(self, participant: Element | None, process: Element, own: bool,
                     made: dict[str, tuple[dict, str | None]]) -> None:
        """One pool's process as a format-1 process; ``made`` learns, for each BPMN
        element id of it, the process made and the step made from it (if any)."""
        nodes: dict[str, Element] = {}  # every flow node, containers' contents included
        parent: dict[str, str | None] = {}
        lane_of: dict[str, Element] = {}
        edges: list[tuple[str, str, Element]] = []
        starts: list[str] = []
        lanes = [e for e in process.iter() if e.ns == BPMN and e.tag == "lane"]
        for lane in lanes:
            if _name(lane):  # inner lanes come later in document order, so they win
                for ref in self.bpmn(lane, "flowNodeRef"):
                    lane_of[ref.text.strip()] = lane
        self.collect(process, nodes, parent, edges, starts)
        owner = participant if participant is not None else process
        pool_name = _name(owner) or _name(process) or owner.attrib.get("id", "process")
        external = participant is not None and own and not any(_name(x) for x in lanes)
        # A flow that leaves a sub-process leaves from its end (S#out), not its start.
        edges = [(a + "#out" if e.tag == "sequenceFlow" and a in nodes
                  and nodes[a].tag in CONTAINERS and not a.endswith("#out") else a, b, e) for a, b, e in edges]
        start_set = set(starts)
        hubs = _hubs(nodes, edges)
        steps: list[tuple[dict[str, Any], Element]] = []
        kept: dict[str, int] = {}
        for nid, node in nodes.items():
            if nid in start_set or nid in hubs:
                kind = "handoff"
            elif node.tag in TASKS or node.tag in DECISIONS:
                kind = ""
            else:
                continue
            lane = self.lane_for(nid, lane_of, parent)
            kind = kind or self.kind(node, lane)
            name = _name(node) or f"{_human(node.tag)} ({nid})"
            if lane is not None:
                performer = self.performer("role", _name(lane), lane)
            else:
                performer = self.performer("external" if external else "unit", pool_name, owner)
            step: dict[str, Any] = {"id": self.out.new_id(nid), "name": name, "performer": performer}
            if kind != "work":
                step["kind"] = kind
            step["x-source"] = self.out.source(node)
            kept[nid] = len(steps)
            steps.append((step, node))
        if not steps:
            return
        flows = self.join(nodes, kept, edges, steps)
        processes = self.out.data.setdefault("processes", [])
        k = len(processes)
        pid = process.attrib.get("id") or owner.attrib.get("id") or f"process-{k + 1}"
        made_process: dict[str, Any] = {"id": self.out.new_id(pid), "name": _name(owner) or _name(process) or pid,
                        "steps": [s for s, _ in steps]}
        if flows:
            made_process["flows"] = [f for f, _ in flows]
        made_process["x-source"] = self.out.source(owner)
        self.out.places[f"/processes/{k}"] = (owner.line, owner.column)
        for j, (_, node) in enumerate(steps):
            self.out.places[f"/processes/{k}/steps/{j}"] = (node.line, node.column)
        for j, (_, element) in enumerate(flows):
            self.out.places[f"/processes/{k}/flows/{j}"] = (element.line, element.column)
        processes.append(made_process)
        for nid in nodes:
            if not nid.endswith("#out"):
                made[nid] = (made_process, steps[kept[nid]][0]["id"] if nid in kept else None)
        for origin in (participant, process):
            if origin is not None and origin.attrib.get("id"):
                made[origin.attrib["id"]] = (made_process, None)

    def collect(self, process: Element, nodes: dict, parent: dict, edges: list, starts: list) -> None:
        """Flow nodes and sequence flows of a process, sub-processes flattened: a
        sub-process S becomes S (in) and S#out, joined to its first and last nodes.
        The start events of the process and of its event sub-processes go to ``starts``.

        Depth first in document order with a stack of its own: sub-processes may nest
        as deep as the XML reader allows, deeper than Python's recursion limit."""
        # One frame per open container: (container id, its children, next child, its
        # flow nodes, its own sequence flows, whether a start event in it starts work).
        frames: list[tuple[str | None, list[Element], list[int], list[str], list[tuple[str, str]], bool]] = [
            (None, process.children, [0], [], [], True)]
        while frames:
            inside, children, at, inner, local_edges, starting = frames[-1]
            if at[0] < len(children):
                child = children[at[0]]
                at[0] += 1
                if child.ns != BPMN:
                    continue
                cid = child.attrib.get("id")
                if child.tag == "sequenceFlow":
                    a, b = child.attrib.get("sourceRef", ""), child.attrib.get("targetRef", "")  # "": no node
                    edges.append((a, b, child))
                    local_edges.append((a, b))
                elif child.tag in TASKS or child.tag in DECISIONS or child.tag in DROPPED or child.tag in CONTAINERS:
                    if not cid:
                        continue
                    nodes[cid] = child
                    parent[cid] = inside
                    inner.append(cid)
                    if child.tag == "startEvent" and starting:
                        starts.append(cid)
                    if child.tag == "boundaryEvent" and child.attrib.get("attachedToRef"):
                        edges.append((child.attrib["attachedToRef"], cid, child))
                    if child.tag in CONTAINERS:
                        nodes[cid + "#out"] = child
                        parent[cid + "#out"] = inside
                        frames.append((cid, child.children, [0], [], [],
                                       child.attrib.get("triggeredByEvent") == "true"))
                continue
            frames.pop()
            if inside is None:
                continue
            has_in = {b for _, b in local_edges}
            has_out = {a for a, _ in local_edges}
            first = [n for n in inner if n not in has_in and nodes[n].tag != "boundaryEvent"
                     and nodes[n].attrib.get("triggeredByEvent") != "true"]
            ends = [n for n in inner if n not in has_out]
            sub = nodes[inside]
            if not starting:  # an event sub-process starts at its own start event, not from its parent
                for n in first:
                    edges.append((inside, n, sub))
            for n in ends:
                edges.append((n + "#out" if nodes[n].tag in CONTAINERS else n, inside + "#out", sub))
            if not inner:
                edges.append((inside, inside + "#out", sub))

    def lane_for(self, nid: str, lane_of: dict, parent: dict) -> Element | None:
        here: str | None = nid
        while here is not None:
            if here in lane_of:
                return lane_of[here]
            here = parent.get(here)
        return None

    def kind(self, node: Element, lane: Element | None) -> str:
        if node.tag in DECISIONS or node.tag == "businessRuleTask":
            return "decision"
        if node.tag in SYSTEM_TASKS:
            return "work"
        verb = _verb(_name(node))
        if verb is not None:
            return "work" if verb == "work" else verb
        lane_name = _name(lane) if lane is not None else ""
        if APPROVAL_LANE.search(lane_name):
            return "approval"
        if REVIEW_LANE.search(lane_name):
            return "review"
        return "work"

    def join(self, nodes: dict, kept: dict, edges: list, steps: list) -> list[tuple[dict, Element]]:
        """Flows between kept steps, through dropped nodes, in document order."""
        out_edges: dict[str, list[tuple[str, Element]]] = {}
        for a, b, element in edges:
            if a in nodes and b in nodes:
                out_edges.setdefault(a, []).append((b, element))
        flows: list[tuple[dict, Element]] = []
        seen_pairs: set[tuple[str, str]] = set()
        for nid in kept:
            stack = [(b, element) for b, element in reversed(out_edges.get(nid, []))]
            visited: set[str] = set()
            while stack:
                b, element = stack.pop()
                if b in kept:
                    if (nid, b) not in seen_pairs:
                        seen_pairs.add((nid, b))
                        flow = {"from": steps[kept[nid]][0]["id"], "to": steps[kept[b]][0]["id"],
                                "x-source": self.out.source(element)}
                        flows.append((flow, element))
                    continue
                if b in visited:
                    continue
                visited.add(b)
                stack.extend((c, element) for c, _ in reversed(out_edges.get(b, [])))
        return flows


#: A dropped node (a gateway, an event) joined through would turn its ``m`` flows in
#: and ``n`` out into ``m x n`` flows: 2,500 tasks into one parallel gateway and 2,500
#: out make 6.25 million (issue 23). Past this many, the node is kept as a step.
_MAX_JOINED = 256


def _hubs(nodes: dict[str, Element], edges: list) -> set[str]:
    """The gateways and events to keep as ``handoff`` steps (the kind no rule counts as
    work or control) rather than join through, because joining would multiply flows."""
    fan_in: dict[str, int] = {}
    fan_out: dict[str, int] = {}
    for a, b, _ in edges:
        if a in nodes and b in nodes:
            fan_out[a] = fan_out.get(a, 0) + 1
            fan_in[b] = fan_in.get(b, 0) + 1
    return {nid for nid, node in nodes.items()
            if node.tag in DROPPED and fan_in.get(nid, 0) * fan_out.get(nid, 0) > _MAX_JOINED}

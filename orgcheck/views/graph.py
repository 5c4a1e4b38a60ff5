"""``orgcheck graph``: the reporting tree, the unit tree or the process flows, as
Mermaid (renders on GitHub as it is) or Graphviz DOT.

A view builds a neutral ``Graph`` (nodes, edges, clusters); ``to_mermaid`` and
``to_dot`` write it out. Every entity with findings is marked by its worst severity
and lists the rule codes; control steps (approval, review, decision) and feedback
steps are shaped and coloured apart from work. Large trees are cut at a depth, each
cut subtree summarized in one box, so that a diagram stays readable and renders fast.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orgcheck.formatters.escape import dot, mermaid
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.report import Located
from orgcheck.views.load import Loaded, ViewError

VIEWS = ("org", "units", "process")
MAX_NODES = 300  # the automatic depth keeps a tree diagram to about this many boxes
MAX_SHOWN_REPORTS = 40  # with the automatic depth, a wider span shows this many and a summary

SEVERITY_COLORS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}
KIND_FILL = {"work": "#ffffff", "approval": "#ffe0b2", "review": "#fff59d", "decision": "#e1bee7",
             "handoff": "#e3f2fd", "feedback": "#c8e6c9"}
# shapes: (mermaid open, mermaid close, dot shape)
KIND_SHAPE = {"work": ("[", "]", "box"), "approval": ("{{", "}}", "hexagon"), "review": ("[/", "\\]", "trapezium"),
              "decision": ("{", "}", "diamond"), "handoff": ("[/", "/]", "parallelogram"),
              "feedback": ("([", "])", "ellipse")}


@dataclass
class Node:
    key: str
    lines: list[str]
    entity: str | None = None  # the entity id it stands for (for links)
    kind: str = "box"  # a step kind, "person", "unit", "team", "summary"
    severity: str | None = None
    tooltip: str = ""


@dataclass
class Edge:
    source: str
    target: str
    style: str = "solid"  # solid, feedback or summary


@dataclass
class Cluster:
    key: str
    label: str
    nodes: list[Node] = field(default_factory=list)
    entity: str | None = None
    severity: str | None = None
    tooltip: str = ""


@dataclass
class Graph:
    title: str
    direction: str  # TB or LR
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    note: str = ""  # what was cut, for the reader


def _worst(findings: Iterable[Located]) -> str | None:
    worst = max((f.severity for f in findings), key=lambda s: s.rank, default=None)
    return worst.value if worst is not None else None


def _codes(findings: list[Located]) -> str:
    return ", ".join(dict.fromkeys(f.rule for f in findings))


def _tooltip(findings: list[Located]) -> str:
    return "\n".join(f"{f.rule} {f.name} [{f.severity.value}] {f.message}" for f in findings)


class _Builder:
    def __init__(self, loaded: Loaded, title: str, direction: str) -> None:
        self.graph = Graph(title, direction)
        self.by_entity = loaded.findings_by_entity()
        self._n = 0

    def key(self, prefix: str = "n") -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def node(self, lines: list[str], entity: str | None, kind: str, into: list[Node] | None = None) -> Node:
        found = self.by_entity.get(entity, []) if entity is not None else []
        if found:
            lines = [*lines, _codes(found)]
        node = Node(self.key(), lines, entity, kind, _worst(found), _tooltip(found))
        (into if into is not None else self.graph.nodes).append(node)
        return node


# -- the reporting tree --------------------------------------------------------------------


def auto_depth(org: Any, limit: int = MAX_NODES) -> int:
    """The most layers whose people (and a summary box per cut subtree) fit in
    ``limit`` boxes, at least 1."""
    per_layer: dict[int, int] = {}
    for p in org.people:
        if p.layer is not None:
            per_layer[p.layer] = per_layer.get(p.layer, 0) + 1
    total, depth = 0, 0
    for layer in sorted(per_layer):
        below = per_layer.get(layer + 1, 0)
        if total + per_layer[layer] + min(below, per_layer[layer]) > limit and depth:
            break
        total += per_layer[layer]
        depth = layer
    return max(depth, 1)


def person_lines(loaded: Loaded, p: Any) -> list[str]:
    """A person's box: name, title, and span and manager type for a manager."""
    lines = [p.label]
    if p.title and p.title != p.label:
        lines.append(p.title)
    if p.manages:
        lines.append(loaded.measures("span_text", p) + (f" · {p.manager_type}" if p.manager_type else ""))
    return lines


def org_title(org: Any) -> str:
    return _("Reporting lines: {organization}").format(
        organization=org.organization.get("name") or org.organization.get("id") or "")


def org_graph(loaded: Loaded, depth: int | None = None) -> Graph:
    """People as boxes, manager above report. ``depth``: layers shown (None:
    automatic, which also shows at most MAX_SHOWN_REPORTS of a very wide span;
    0: every layer, people in reporting loops included)."""
    org = loaded.org
    b = _Builder(loaded, org_title(org), "LR")
    people = org.people
    deepest = loaded.measures("layers")["layers"]
    auto = depth is None
    limit = auto_depth(org) if auto else (depth or deepest)
    everything = limit >= deepest
    visible: set[int] = set()
    summaries: list[tuple[Any, list, str]] = []  # (manager, hidden roots, text)
    stack = [p for p in people if p.layer == 1 or (everything and p.layer is None)]
    visible.update(id(p) for p in stack)
    while stack:
        p = stack.pop()
        below = [r for r in p.below() if r.layer is not None and r.layer <= limit and id(r) not in visible]
        if auto and len(below) > MAX_SHOWN_REPORTS:
            ranked = sorted(below, key=lambda r: (not r.manages, not b.by_entity.get(r.id), r.index))
            rest = ranked[MAX_SHOWN_REPORTS:]
            below = ranked[:MAX_SHOWN_REPORTS]
            direct = sum(1 for r in rest if not r.aggregate)
            n = sum(q.count for r in rest for q in org.subtree(r))
            text = ngettext("{count} more direct report", "{count} more direct reports", direct).format(count=direct)
            if n != direct:
                text += ngettext(", {count} person in all", ", {count} people in all", n).format(count=n)
            summaries.append((p, rest, text))
        cut = [r for r in p.below() if r.layer is not None and r.layer > limit]
        if cut:
            n = sum(q.count for r in cut for q in org.subtree(r))
            summaries.append((p, cut, ngettext("{count} person below", "{count} people below", n).format(count=n)))
        visible.update(id(r) for r in below)
        stack.extend(below)
    keys: dict[int, str] = {}
    for p in people:
        if id(p) not in visible:
            continue
        keys[id(p)] = b.node(person_lines(loaded, p), p.id, "person").key
    for p in people:
        if id(p) in keys and p.manager is not None and id(p.manager) in keys:
            b.graph.edges.append(Edge(keys[id(p.manager)], keys[id(p)]))
    for manager, roots, text in sorted(summaries, key=lambda s: s[0].index):
        found = [f for r in roots for q in org.subtree(r) for f in b.by_entity.get(q.id, [])]
        node = Node(b.key(), [text] + ([ngettext("{count} finding", "{count} findings", len(found)).format(
                        count=len(found))] if found else []),
                    None, "summary", _worst(found), _tooltip(found[:20]))
        b.graph.nodes.append(node)
        b.graph.edges.append(Edge(keys[id(manager)], node.key, style="summary"))
    if summaries:
        b.graph.note = _("{shown} of {count} layers shown; a dashed box stands for the people it names").format(
            shown=min(limit, deepest), count=deepest)
    return b.graph


# -- the unit tree ------------------------------------------------------------------------


def _unit_depths(units: Iterable[Any]) -> dict[int, int]:
    """Each unit's level (1: a top unit) by id(), in one pass over the parent links:
    each unit is walked once, so a 20,000-unit parent loop stays linear. A unit on a
    loop is as deep as the loop is long; one below it, that plus its distance."""
    depth: dict[int, int] = {}
    for unit in units:
        path: list[Any] = []
        on_path: dict[int, int] = {}
        u = unit
        while u is not None and id(u) not in depth and id(u) not in on_path:
            on_path[id(u)] = len(path)
            path.append(u)
            u = u.parent
        if u is None:
            base, tail = 0, path
        elif id(u) in depth:
            base, tail = depth[id(u)], path
        else:  # the walk came back to itself: path[start:] is a loop
            start = on_path[id(u)]
            loop = path[start:]
            for x in loop:
                depth[id(x)] = len(loop)
            base, tail = len(loop), path[:start]
        for i, x in enumerate(reversed(tail)):
            depth[id(x)] = base + i + 1
    return depth


def units_graph(loaded: Loaded, depth: int | None = None) -> Graph:
    """Units as boxes, parent above child, with type and headcount."""
    org = loaded.org
    b = _Builder(loaded, _("Units: {organization}").format(
        organization=org.organization.get("name") or org.organization.get("id") or ""), "LR")
    units = org.units
    depths = _unit_depths(units)
    deepest = max((depths[id(u)] for u in units), default=0)
    if depth is None:
        limit, total = 0, 0
        per_level = Counter(depths[id(u)] for u in units)
        for d in range(1, deepest + 1):
            total += per_level[d]
            if total > MAX_NODES and limit:
                break
            limit = d
    else:
        limit = depth or deepest
    keys = {}
    for u in units:
        if depths[id(u)] <= limit:
            lead = f" · lead {u.lead.label}" if u.lead is not None else ""
            keys[id(u)] = b.node([u.label, f"{u.type} · {u.headcount} people{lead}"], u.id,
                                 "team" if u.is_team else "unit").key
    cut_any = False
    for u in units:
        if id(u) not in keys:
            continue
        for c in u.children:
            if id(c) in keys:
                b.graph.edges.append(Edge(keys[id(u)], keys[id(c)]))
        cut = [c for c in u.children if id(c) not in keys]
        if cut:
            cut_any = True
            n = sum(1 + sum(1 for _unit in c.descendants()) for c in cut)
            found = [f for c in cut for x in (c, *c.descendants()) for f in b.by_entity.get(x.id, [])]
            node = Node(b.key(), [ngettext("{count} unit below", "{count} units below", n).format(count=n)], None,
                        "summary", _worst(found),
                        _tooltip(found[:20]))
            b.graph.nodes.append(node)
            b.graph.edges.append(Edge(keys[id(u)], node.key, style="summary"))
    if cut_any:
        b.graph.note = _("{shown} of {count} unit levels shown").format(shown=limit, count=deepest)
    elif units and not keys:
        b.graph.note = _("no unit drawn: all {count} lie more than {limit} levels deep (a loop in the unit "
                         "parents?); --depth draws that many levels").format(count=len(units), limit=limit)
    return b.graph


# -- processes ------------------------------------------------------------------------------


def process_graph(loaded: Loaded, process_id: str | None = None) -> Graph:
    """Each process (or the one named) as a box of its steps and flows."""
    org = loaded.org
    processes = org.processes
    if process_id is not None:
        chosen = [p for p in processes if p.id == process_id]
        if not chosen:
            from orgcheck.suggest import did_you_mean

            known = [p.id for p in processes]
            raise ViewError(_("no process {process} in {file}").format(process=repr(process_id), file=loaded.display)
                            + did_you_mean(process_id, known)
                            + (_("; its processes: {processes}").format(processes=", ".join(known))
                               if known and len(known) <= 10 else ""))
        processes = chosen
    elif not processes:
        raise ViewError(_("{file} has no processes to draw").format(file=loaded.display))
    title = processes[0].label if process_id else _("Processes: {organization}").format(
        organization=org.organization.get("name") or "")
    b = _Builder(loaded, title, "LR")
    for process in processes:
        found = b.by_entity.get(process.id, [])
        # flows have no id: their findings are filed under the process
        cluster = Cluster(b.key("c"), process.label + (f" ({_codes(found)})" if found else ""),
                          entity=process.id, severity=_worst(found), tooltip=_tooltip(found))
        b.graph.clusters.append(cluster)
        keys = {}
        for step in process.steps:
            who = step.performer.label if step.performer is not None else "?"
            keys[id(step)] = b.node([step.label, f"({who})"], step.id, step.kind, into=cluster.nodes).key
        for flow in process.flows:
            if flow.source is not None and flow.target is not None and id(flow.source) in keys and id(flow.target) in keys:
                b.graph.edges.append(Edge(keys[id(flow.source)], keys[id(flow.target)],
                                          style="feedback" if flow.kind == "feedback" else "solid"))
    return b.graph


def build(loaded: Loaded, view: str, depth: int | None = None) -> Graph:
    """``view``: org, units, process or process:ID."""
    name, _colon, arg = view.partition(":")
    if name == "org" and not arg:
        return org_graph(loaded, depth)
    if name == "units" and not arg:
        return units_graph(loaded, depth)
    if name == "process":
        return process_graph(loaded, arg or None)
    raise ViewError(_("unknown view {view}: choose org, units, process or process:ID").format(view=repr(view)))


# -- Mermaid ---------------------------------------------------------------------------------


_mermaid_text = mermaid


def _mermaid_shape(node: Node) -> tuple[str, str]:
    if node.kind in KIND_SHAPE:
        return KIND_SHAPE[node.kind][:2]
    if node.kind == "team":
        return "([", "])"
    return "[", "]"


def to_mermaid(graph: Graph) -> str:
    # the front matter is YAML: a JSON string is a valid double-quoted YAML scalar
    lines = ["---", f"title: {json.dumps(_mermaid_text(graph.title), ensure_ascii=False)}", "---", f"flowchart {'TD' if graph.direction == 'TB' else 'LR'}"]
    if graph.note:
        lines.append(f"  %% {graph.note}")

    def node_line(node: Node, indent: str) -> str:
        left, right = _mermaid_shape(node)
        label = "<br/>".join(_mermaid_text(x) for x in node.lines)
        return f'{indent}{node.key}{left}"{label}"{right}'

    for node in graph.nodes:
        lines.append(node_line(node, "  "))
    for cluster in graph.clusters:
        lines.append(f'  subgraph {cluster.key}["{_mermaid_text(cluster.label)}"]')
        for node in cluster.nodes:
            lines.append(node_line(node, "    "))
        lines.append("  end")
    for edge in graph.edges:
        lines.append(f"  {edge.source} {'-->' if edge.style == 'solid' else '-.->'} {edge.target}")
    all_nodes = [*graph.nodes, *(n for c in graph.clusters for n in c.nodes)]
    used = {n.kind for n in all_nodes}
    for kind, fill in KIND_FILL.items():
        if kind in used and kind != "work":
            lines.append(f"  classDef {kind} fill:{fill},stroke:#555,color:#111")
    if "summary" in used:
        lines.append("  classDef summary fill:#f5f5f5,stroke:#888,stroke-dasharray:4 3,color:#333")
    if "team" in used:
        lines.append("  classDef team fill:#e8f5e9,stroke:#555,color:#111")
    for severity, color in SEVERITY_COLORS.items():
        if any(n.severity == severity for n in all_nodes):
            lines.append(f"  classDef {severity} stroke:{color},stroke-width:3px")
    for kind in [*KIND_FILL, "summary", "team"]:
        members = [n.key for n in all_nodes if n.kind == kind]
        if members and kind != "work":
            lines.append(f"  class {','.join(members)} {kind}")
    for severity in SEVERITY_COLORS:
        members = [n.key for n in all_nodes if n.severity == severity]
        if members:
            lines.append(f"  class {','.join(members)} {severity}")
    for cluster in graph.clusters:
        if cluster.severity:
            lines.append(f"  style {cluster.key} stroke:{SEVERITY_COLORS[cluster.severity]},stroke-width:3px")
    return "\n".join(lines) + "\n"


# -- DOT ------------------------------------------------------------------------------------------


EDGE_STYLES = {"solid": "", "feedback": ' [style=dashed, color="#2e7d32", penwidth=1.5]',
               "summary": ' [style=dotted, color="#888888"]'}


_dot = dot


def _dot_attrs(node: Node, links: bool) -> str:
    attrs = {"label": "\n".join(node.lines)}
    if node.kind in KIND_SHAPE:
        attrs["shape"] = KIND_SHAPE[node.kind][2]
        attrs["fillcolor"] = KIND_FILL[node.kind]
    elif node.kind == "team":
        attrs["fillcolor"] = "#e8f5e9"
    elif node.kind == "summary":
        attrs["style"] = "rounded,dashed,filled"
        attrs["fillcolor"] = "#f5f5f5"
    if node.severity:
        attrs["color"] = SEVERITY_COLORS[node.severity]
        attrs["penwidth"] = "3"
    if node.tooltip:
        attrs["tooltip"] = node.tooltip
    if links and node.entity is not None:
        attrs["id"] = f"node-{anchor(node.entity)}"
        attrs["URL"] = f"#{anchor(node.entity)}"
    return ", ".join(f"{k}={_dot(v)}" for k, v in attrs.items())


def anchor(entity_id: str) -> str:
    """An HTML id for an entity (ids may hold any character). One id, one anchor: every
    character but letters, digits and ``-`` is written ``_HEX_``, ``_`` itself too, so
    ``a b`` (``a_20_b``) and ``a_20_b`` (``a_5f_20_5f_b``) stay apart."""
    safe = "".join(c if c.isalnum() or c == "-" else f"_{ord(c):x}_" for c in entity_id)
    return f"entity-{safe}"


def to_dot(graph: Graph, *, links: bool = False) -> str:
    """DOT; with ``links``, each entity's box links to ``#entity-ID`` (for the HTML report)."""
    lines = ["digraph orgcheck {",
             f"  graph [rankdir={graph.direction}, label={_dot(graph.title + (' (' + graph.note + ')' if graph.note else ''))}, "
             'labelloc="t", fontname="Helvetica", fontsize=14];',
             '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];',
             '  edge [color="#555555"];']
    for node in graph.nodes:
        lines.append(f"  {node.key} [{_dot_attrs(node, links)}];")
    for cluster in graph.clusters:
        attrs = {"label": cluster.label, "style": "rounded", "color": SEVERITY_COLORS.get(cluster.severity, "#999999")}
        if cluster.severity:
            attrs["penwidth"] = "3"
        if cluster.tooltip:
            attrs["tooltip"] = cluster.tooltip
        if links and cluster.entity is not None:
            attrs["id"] = f"cluster-{anchor(cluster.entity)}"
            attrs["URL"] = f"#{anchor(cluster.entity)}"
        lines.append(f"  subgraph cluster_{cluster.key} {{")
        lines.append("    " + "; ".join(f"{k}={_dot(v)}" for k, v in attrs.items()) + ";")
        for node in cluster.nodes:
            lines.append(f"    {node.key} [{_dot_attrs(node, links)}];")
        lines.append("  }")
    for edge in graph.edges:
        lines.append(f"  {edge.source} -> {edge.target}{EDGE_STYLES[edge.style]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


"""The data behind the HTML report's interactive parts: the whole reporting tree
(which the page draws a part of at a time, opening and closing subtrees) and the
search index of people, units and roles.

The look of every box comes from ``graph``'s own DOT attributes (one implementation
of the chart's look); the page only chooses which boxes to draw. Each person sits
once in the tree: under their manager when they are reachable from a top, else as a
root of their own (people in a reporting loop), so the page never walks a cycle.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.rules import Severity
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views import graph as g
from orgcheck.views.load import Loaded

TOOLTIP_FINDINGS = 5  # findings a closed subtree's box lists in its tooltip
MAX_LISTED = 50  # members of a unit or holders of a role the search shows in the chart


def _rank(value: str | None) -> int:
    return Severity(value).rank if value else -1


def org_tree(loaded: Loaded) -> dict[str, Any]:
    """Every live person as [anchor, id, name, title, parent index, DOT attributes,
    DOT attributes of the dashed box that stands for their closed subtree (or "")],
    the DOT head, and which people start open (as deep as ``orgcheck graph`` draws)."""
    org = loaded.org
    people = org.people
    by_entity = loaded.findings_by_entity()
    index: dict[int, int] = {}
    parent: list[int] = []
    order: list[Any] = []
    children: dict[int, list[int]] = {}

    def visit(root: Any) -> None:
        stack = [(root, -1)]
        while stack:
            p, up = stack.pop()
            if id(p) in index:
                continue
            index[id(p)] = len(order)
            order.append(p)
            parent.append(up)
            if up >= 0:
                children.setdefault(up, []).append(index[id(p)])
            me = index[id(p)]
            stack.extend((r, me) for r in reversed(p.below()) if id(r) not in index)

    for p in people:
        if p.layer == 1:
            visit(p)
    for p in people:  # in or below a reporting loop: roots of their own
        if id(p) not in index:
            visit(p)
    depth = [0] * len(order)
    for i, up in enumerate(parent):  # parents come before their children
        depth[i] = depth[up] + 1 if up >= 0 else 1
    # people (weighted by count) and findings below each person, bottom-up
    below = [0] * len(order)
    found_below: list[list] = [[] for _ in order]
    for i in range(len(order) - 1, -1, -1):
        up = parent[i]
        if up >= 0:
            below[up] += below[i] + order[i].count
            room = TOOLTIP_FINDINGS - len(found_below[up])
            if room > 0:
                found_below[up].extend((by_entity.get(order[i].id, []) + found_below[i])[:room])
    worst_below = _worst_below(order, parent, by_entity)
    title = g.org_title(org)
    b = g._Builder(loaded, title, "LR")
    nodes = []
    for i, p in enumerate(order):
        node = b.node(g.person_lines(loaded, p), p.id, "person")
        more = ""
        if i in children:
            n = below[i]
            count = worst_below[i][1]
            tip = g._tooltip(found_below[i][:TOOLTIP_FINDINGS])
            if count > TOOLTIP_FINDINGS:
                tip += "\n" + _("... and {n} more").format(n=count - TOOLTIP_FINDINGS)
            box = g.Node("", [ngettext("{count} person below", "{count} people below", n).format(count=n)]
                         + ([ngettext("{count} finding", "{count} findings", count).format(count=count)]
                            if count else []),
                         None, "summary", worst_below[i][0], tip)
            more = g._dot_attrs(box, False)
        # the page adds the id and link attributes (from the anchor) that _dot_attrs(node, True) would
        nodes.append([g.anchor(p.id), p.id, p.label, p.title or "", parent[i], g._dot_attrs(node, False), more])
    limit = g.auto_depth(org)
    head = g.to_dot(g.Graph(title, "LR")).rstrip().removesuffix("}")
    return {"head": head, "summary_edge": g.EDGE_STYLES["summary"], "nodes": nodes,
            "open": sorted(i for i in children if depth[i] < limit)}


def _worst_below(order: list, parent: list[int], by_entity: dict) -> list[tuple[str | None, int]]:
    """(worst severity, number of findings) of everyone below each person."""
    worst: list[str | None] = [None] * len(order)
    count = [0] * len(order)
    for i in range(len(order) - 1, -1, -1):
        up = parent[i]
        if up < 0:
            continue
        mine = by_entity.get(order[i].id, [])
        own = g._worst(mine)
        for sev in (own, worst[i]):
            if _rank(sev) > _rank(worst[up]):
                worst[up] = sev
        count[up] += count[i] + len(mine)
    return list(zip(worst, count, strict=True))


def search_index(loaded: Loaded, tree: dict[str, Any]) -> list[list[Any]]:
    """Units and roles as [kind, anchor, id, name, detail, people in the tree (indices)];
    people are searched in the tree itself."""
    org = loaded.org
    where = {node[1]: i for i, node in enumerate(tree["nodes"])}
    out: list[list[Any]] = []
    for u in org.units:
        members = [where[p.id] for p in u.members if p.id in where][:MAX_LISTED]
        people = ngettext("{count} person", "{count} people", u.headcount).format(count=u.headcount)
        out.append(["unit", g.anchor(u.id), u.id, u.label, f"{u.type} · {people}", members])
    for r in org.roles:
        holders = [where[p.id] for p in r.holders if p.id in where][:MAX_LISTED]
        out.append(["role", g.anchor(r.id), r.id, r.label,
                    ngettext("{count} role holder", "{count} role holders", len(r.holders)).format(
                        count=len(r.holders)), holders])
    return out

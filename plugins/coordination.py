"""The coordination network beside the hierarchy (pillar 1, self-steering): a measure.

Where does the work really coordinate, and does the unit structure follow it? The model
records who works with whom in four ways: sequence flows that hand work from a step of
one performer to a step of another, declared interactions between units, and dotted
lines between people. They make one undirected, weighted graph whose nodes are units,
people who perform steps in person (a manager who approves, say), and roles that
perform steps (a professional community across units).

On that graph, with networkx (the standard for organizational network analysis in
Python, imported only when a view asks for this measure, never by ``lint``):

- clusters: Louvain communities (Blondel et al., 2008), the groups of units that
  coordinate mostly with each other. A cluster whose units sit under different parent
  units crosses the hierarchy: Conway's law (1968) and Team Topologies (Skelton and
  Pais, 2019) suggest grouping the units by the way the work flows.
- brokers: betweenness centrality (Freeman, 1977), the nodes through which most
  coordination between others passes. A broker who is a manager is a vertical-control
  signal: coordination runs through the hierarchy rather than between peers.
- horizontal share: of the hand-overs between different performers, the share that
  goes directly between peers rather than through a person who manages.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import orgcheck
from orgcheck.model import Org, Person, Unit

#: above this many nodes, betweenness is estimated from this many sampled sources (seeded)
EXACT_BETWEENNESS = 300


def _nodes_of(org: Org, performer: Any) -> list[Any]:
    """The coordination nodes a performer stands for."""
    if isinstance(performer, Unit):
        return [performer]
    if isinstance(performer, Person):
        if performer.manages or performer.unit is None:
            return [performer]  # a manager who acts in person is a route of their own
        return [performer.unit]
    if performer is None or getattr(performer, "entity_kind", None) != "role":
        return []  # an external party is outside the organization's network
    # A role is a node of its own: its holders may sit in many units, and a link from every
    # one of them to every partner would make a clique of what is one professional community.
    return [performer]


def _home(node: Any) -> Any:
    """The unit a node belongs to: a unit itself, a person's unit; a role has none."""
    if isinstance(node, Unit):
        return node
    return node.unit if isinstance(node, Person) else None


def _chain(unit: Unit) -> list[Unit]:
    """The unit and its ancestors, nearest first (a parent loop ends the walk)."""
    out, seen = [], set()
    while unit is not None and id(unit) not in seen:
        seen.add(id(unit))
        out.append(unit)
        unit = unit.parent
    return out


def crosses_units(homes: list[Unit]) -> tuple[bool, Unit | None]:
    """Whether units sit in different parts of the hierarchy: some unit is two or more
    levels below the lowest unit that holds them all (sibling teams of one department
    do not cross; a team and a team of another department do). Also that lowest unit.
    ``homes`` in document order: on a unit loop the lowest unit found depends on the
    chain walked first, and a set's order would be the memory's."""
    chains = [_chain(u) for u in homes]
    if not chains:
        return False, None
    common = set(map(id, chains[0])).intersection(*(set(map(id, c)) for c in chains[1:]))
    lowest = next((u for u in chains[0] if id(u) in common), None)
    if lowest is None:
        return len(homes) > 1, None  # no unit holds them all: separate trees
    return any(next(i for i, u in enumerate(c) if u is lowest) >= 2 for c in chains), lowest


def coordination(org: Org) -> dict[str, Any]:
    """The coordination figures of the model (see the module's docs)."""
    weights: dict[tuple[Any, Any], float] = defaultdict(float)
    order: dict[int, int] = {}

    def key(a: Any, b: Any) -> tuple[Any, Any]:
        for n in (a, b):
            order.setdefault(id(n), len(order))
        return (a, b) if order[id(a)] <= order[id(b)] else (b, a)

    handovers = horizontal = 0
    for process in org.processes:
        for flow in process.flows:
            if flow.kind != "sequence" or flow.source is None or flow.target is None:
                continue
            sources, targets = _nodes_of(org, flow.source.performer), _nodes_of(org, flow.target.performer)
            pairs = [(a, b) for a in sources for b in targets if a is not b]
            if not pairs:
                continue
            handovers += 1
            if not any(isinstance(n, Person) and n.manages for pair in pairs for n in pair):
                horizontal += 1
            for a, b in pairs:
                weights[key(a, b)] += 1 / len(pairs)
    for interaction in org.interactions:
        units = [u for u in interaction.between if u is not None]
        for i, a in enumerate(units):
            for b in units[i + 1:]:
                if a is not b:
                    weights[key(a, b)] += 1
    for person in org.people:
        for other in getattr(person, "dotted_to", ()) or ():
            a = _nodes_of(org, person)
            b = _nodes_of(org, other) if isinstance(other, Person) else []
            for x in a:
                for y in b:
                    if x is not y:
                        weights[key(x, y)] += 1
    out: dict[str, Any] = {"nodes": 0, "links": len(weights), "handovers": handovers,
                           "horizontal": horizontal,
                           "horizontal_share": round(horizontal / handovers, 3) if handovers else None,
                           "clusters": [], "brokers": []}
    if not weights:
        return out
    import networkx as nx

    graph = nx.Graph()
    for (a, b), w in weights.items():
        graph.add_edge(a.id, b.id, weight=w, distance=1 / w)
    nodes = {n.id: n for pair in weights for n in pair}
    out["nodes"] = graph.number_of_nodes()
    communities = nx.community.louvain_communities(graph, weight="weight", seed=1)
    total = sum(weights.values())
    for members in sorted(communities, key=lambda c: (-len(c), sorted(c))):
        if len(members) < 2:
            continue
        inside = graph.subgraph(members).size(weight="weight")
        touching = sum(w for (a, b), w in weights.items() if a.id in members or b.id in members)
        in_order = sorted(members, key=lambda m: order[id(nodes[m])])
        homes = [u for u in dict.fromkeys(_home(nodes[m]) for m in in_order) if u is not None]
        crosses, lowest = crosses_units(homes)
        out["clusters"].append({
            "members": [{"id": m, "name": nodes[m].label} for m in in_order],
            "internal_share": round(inside / touching, 3) if touching else None,
            # the lowest unit that holds them all, and whether they sit in different parts
            # of the hierarchy under it: the structure does not follow the work
            "common_unit": None if lowest is None else {"id": lowest.id, "name": lowest.label},
            "crosses_units": crosses,
        })
    # Exact betweenness is O(nodes x links); beyond a few hundred nodes a seeded sample of
    # sources ranks the same brokers (Brandes and Pich, 2007) in a fraction of the time.
    k = EXACT_BETWEENNESS if graph.number_of_nodes() > EXACT_BETWEENNESS else None
    between = nx.betweenness_centrality(graph, k=k, weight="distance", normalized=True, seed=1)
    ranked = sorted((v, order[id(nodes[n])], n) for n, v in between.items() if v > 0)
    for value, _position, n in sorted(ranked, key=lambda r: (-r[0], r[1]))[:10]:
        node = nodes[n]
        out["brokers"].append({"id": n, "name": node.label, "kind": node.entity_kind, "betweenness": round(value, 3),
                               "manager": isinstance(node, Person) and node.manages})
    out["share_of_weight_in_crossing_clusters"] = round(sum(
        graph.subgraph([m["id"] for m in c["members"]]).size(weight="weight")
        for c in out["clusters"] if c["crosses_units"]) / total, 3)
    return out


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("coordination", coordination)]

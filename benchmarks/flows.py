#!/usr/bin/env python3
"""Strongly connected components of process flows at stress size: orgcheck's own
(orgcheck.model.components, iterative Tarjan) against networkx's condensation, when
networkx is installed (it is not a dependency: this script is why).

    python benchmarks/flows.py

The graph is benchmarks/stress.py's dense process (2,000 steps, 200,000 flows): the
control steps along predecessors (the work upstream of OC203) and the approval steps
along successors (OC202's chains). Prints the best of three runs of each.
"""
from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stress  # noqa: E402

from orgcheck.model import CONTROL_KINDS, Org, components  # noqa: E402


def with_networkx(nodes: list, successors) -> list[list]:
    import networkx as nx

    place = {id(n): i for i, n in enumerate(nodes)}
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(nodes)))
    graph.add_edges_from((i, place[id(m)]) for i, n in enumerate(nodes) for m in successors(n) if id(m) in place)
    dag = nx.condensation(graph)
    order = list(nx.topological_sort(dag))
    return [[nodes[v] for v in sorted(dag.nodes[c]["members"])] for c in reversed(order)]


def best_of(runs: int, func, *args) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    process = Org(stress.dense_process()).processes[0]
    cases = [("control steps, upstream", [s for s in process.steps if s.kind in CONTROL_KINDS],
              lambda s: s.predecessors()),
             ("approval steps, downstream", [s for s in process.steps if s.kind == "approval"],
              lambda s: s.successors())]
    try:
        import networkx  # noqa: F401
        contenders = [("orgcheck", components), ("networkx", with_networkx)]
    except ImportError:
        contenders = [("orgcheck", components)]
    for name, nodes, successors in cases:
        for who, func in contenders:
            print(f"{name:28} {len(nodes):5} steps  {who:9} {best_of(3, func, nodes, successors) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()

"""Process flows: strongly connected components of steps, the work upstream of a
control step, and the handoffs between units.

Flows are small graphs, but a generated or exported process can hold thousands of
control steps: every walk here is linear in the process's size.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from orgcheck.model.entities import CONTROL_KINDS

if TYPE_CHECKING:
    from orgcheck.model.entities import Flow, Process, Step, Unit

T = TypeVar("T")


def components(nodes: Sequence[T], successors: Callable[[T], Sequence[T]]) -> list[list[T]]:
    """Strongly connected components (iterative Tarjan) of the graph ``successors``
    spans over ``nodes`` (edges to other nodes are ignored), in reverse topological
    order: a component comes after every component it reaches. Members keep the
    order of ``nodes``."""
    place = {id(n): i for i, n in enumerate(nodes)}
    succ = [[place[id(m)] for m in successors(n) if id(m) in place] for n in nodes]
    n = len(nodes)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[T]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            if i < len(succ[v]):
                work[-1] = (v, i + 1)
                w = succ[v][i]
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    comps.append([nodes[x] for x in sorted(comp)])
    return comps


class Upstream:
    """For one process: its work steps, each one's bit, and for each control step the
    bits of the work steps found upstream through control steps from it. One pass over
    the control steps' components, upstream ones first, so that a process with
    thousands of control steps costs one walk, not one walk per step."""

    def __init__(self, process: Process) -> None:
        self.process = process
        self.works = [s for s in process.steps if s.kind == "work"]
        self.bit = {id(s): 1 << i for i, s in enumerate(self.works)}
        self.reach: dict[int, int] = {}
        controls = [s for s in process.steps if s.kind in CONTROL_KINDS]
        # along predecessors: a component comes after those upstream of it are done
        for members in components(controls, lambda s: s.predecessors()):
            mask = 0
            for m in members:
                for p in m.predecessors():
                    if p.kind == "work":
                        mask |= self.bit[id(p)]
                    elif id(p) in self.reach:
                        mask |= self.reach[id(p)]
            for m in members:
                self.reach[id(m)] = mask

    def work_before(self, step: Step) -> list[Step]:
        """The nearest ``work`` steps upstream along sequence flows, passing only through
        approval, review and decision steps (document order)."""
        return self.works_in(self.mask_before(step))

    def mask_before(self, step: Step) -> int:
        """``work_before`` as a set of bits (one per work step, in document order): equal
        sets are equal numbers, so a rule asking about thousands of control steps with
        the same work before them can do the work once (issue 23)."""
        bit, reach = self.bit, self.reach
        mask = 0
        for p in step.predecessors():
            kind = p.kind
            if kind == "work":
                mask |= bit[id(p)]
            elif kind in CONTROL_KINDS:
                mask |= reach[id(p)]
        return mask & ~bit.get(id(step), 0)

    def works_in(self, mask: int) -> list[Step]:
        """The work steps of the bits of ``mask``, in document order."""
        out = []
        while mask:
            lowest = mask & -mask
            out.append(self.works[lowest.bit_length() - 1])
            mask ^= lowest
        return out


#: the steps whose doers own them: a control step judges what these decided or did
OWNED_KINDS = frozenset({"work", "decision"})


class Inputs:
    """For one process: what flows into each control step from the steps the doers own
    (``OWNED_KINDS``): the nearest work steps upstream along sequence flows, passing only
    through approval, review and decision steps, and the decision steps passed on the way
    (a team that decides and then asks permission owns that decision). ``tags(step)``
    gives each owned step a tuple of bit masks, one per aspect a rule asks about (the step
    itself, its performer, the units it speaks for); each control step gets the OR of the
    tags flowing into it.

    One pass over the control steps' components, upstream first, with one OR of masks
    per sequence flow: the cost is the number of flows times the masks' width in machine
    words (6,000 work steps into a chain of 6,000 approvals: 6,000 ORs of 6,000-bit
    masks, not 36 million walk steps). A control step whose only input is the one before
    it shares that step's masks, so a long chain holds one copy."""

    def __init__(self, process: Process, tags: Callable[[Step], tuple[int, ...]], width: int) -> None:
        self.empty: tuple[int, ...] = (0,) * width
        self.reach: dict[int, tuple[int, ...]] = {}
        own: dict[int, tuple[int, ...]] = {}
        controls = [s for s in process.steps if s.kind in CONTROL_KINDS]
        live = {id(s) for s in process.steps}
        for members in components(controls, lambda s: s.predecessors()):
            parts: dict[int, tuple[int, ...]] = {}
            for m in members:
                for p in m.predecessors():
                    kind = p.kind
                    if id(p) not in live:
                        continue
                    if kind in OWNED_KINDS:
                        mine = own.get(id(p))
                        if mine is None:
                            mine = own[id(p)] = tags(p)
                        parts[id(mine)] = mine
                    if kind in CONTROL_KINDS:
                        before = self.reach.get(id(p))  # none yet for a member of this component
                        if before is not None and before is not self.empty:
                            parts[id(before)] = before
            if not parts:
                mask = self.empty
            elif len(parts) == 1:
                (mask,) = parts.values()
            else:
                acc = list(self.empty)
                for masks in parts.values():
                    for i, bits in enumerate(masks):
                        acc[i] |= bits
                mask = tuple(acc)
            for m in members:
                self.reach[id(m)] = mask

    def of(self, step: Step) -> tuple[int, ...]:
        """The OR of the tags of the owned steps upstream of a control step (zeros for
        any other step); a decision in a loop may find its own tags among them."""
        return self.reach.get(id(step), self.empty)


def handoffs(processes: Sequence[Process], units: Sequence[Unit]) -> dict[tuple[Unit, Unit], list[Flow]]:
    """Pairs of units that hand work to each other, with the sequence flows that do it:
    keyed in document order of the units; units named as performers, neither
    containing the other."""
    from orgcheck.model.entities import Unit

    order = {id(u): i for i, u in enumerate(units)}
    pairs: dict[tuple[Unit, Unit], list[Flow]] = defaultdict(list)
    for process in processes:
        for flow in process.flows:
            if flow.kind != "sequence" or flow.source is None or flow.target is None:
                continue
            a, b = flow.source.performer, flow.target.performer
            if not (isinstance(a, Unit) and isinstance(b, Unit)) or a is b:
                continue
            if a.contains(b) or b.contains(a):
                continue
            key = (a, b) if order[id(a)] <= order[id(b)] else (b, a)
            pairs[key].append(flow)
    return dict(pairs)

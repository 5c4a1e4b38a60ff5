"""Hierarchies: the reporting lines of people and the nesting of units, both a forest
of nodes that each name at most one parent.

One Euler tour and one cycle finder serve both. The tour gives each node reachable
from a root its preorder entry time ``_tin`` and the end ``_tout`` of its subtree's
times, so "is a above b" is two comparisons and a subtree is one slice of the tour.
Nodes the tour does not reach are on a loop or below one: the cycle finder walks up
from them once each, in linear time.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

N = TypeVar("N", bound=Any)  # a Person or a Unit: both carry _tin, _tout (and people a layer)


def is_above(a: Any, b: Any, parent_of: Callable[[Any], Any]) -> bool:
    """Whether ``a`` is a (direct or indirect) parent of ``b``: constant time for toured
    nodes, else a walk up from ``b`` that stops where a loop would repeat."""
    if a is b:
        return False
    if a._tin >= 0 and b._tin >= 0:
        return a._tin < b._tin and b._tout <= a._tout
    if a._tin >= 0 or b._tin >= 0:
        # A toured node's parents are all toured; an untoured one's are all untoured
        # (its walk up ends on a loop, never at a top): neither is above the other.
        return False
    place_a, place_b = getattr(a, "_place", None), getattr(b, "_place", None)
    if place_a is not None and place_b is not None:
        # Both on or below a loop (Hierarchy._place_untoured): one on the loop is above
        # everything on it and below it; one below it is above only what lies further
        # down its own branch, a walk of the difference in distance (a 20,000-unit loop
        # is then not walked once per question).
        if place_a[0] is not place_b[0]:
            return False
        if place_a[1] == 0:
            return True
        steps = place_b[1] - place_a[1]
        if steps <= 0:
            return False
        x = b
        for _ in range(steps):
            x = parent_of(x)
        return x is a
    seen = {id(b)}
    x = parent_of(b)
    while x is not None and id(x) not in seen:
        if x is a:
            return True
        seen.add(id(x))
        x = parent_of(x)
    return False


class Hierarchy(Generic[N]):
    """A forest over ``nodes`` (parent links made already): its tour, its loops and the
    queries rules ask. ``children_of`` lists a node's children in document order;
    ``rank`` orders nodes in document order (a loop is reported from its first node)."""

    def __init__(self, nodes: Sequence[N], parent_of: Callable[[N], N | None],
                 children_of: Callable[[N], Sequence[N]], rank: Callable[[N], int], *,
                 layers: bool = False, tops: Sequence[N] | None = None) -> None:
        self.parent_of = parent_of
        self.children_of = children_of
        #: the nodes reachable from a root, in preorder (children in document order)
        self.tour: list[N] = []
        #: each loop once, from its first node in document order
        self.cycles: list[list[N]] = []
        self._groups: dict[int, tuple] = {}
        # ``tops``: the nodes without a parent, in the order of ``nodes``, when the caller
        # knows them already (a million people need not be fetched once more to find them)
        self._tour([n for n in nodes if parent_of(n) is None] if tops is None else tops, layers)
        # Every node toured (no loop): none to look for (the usual case). The tour only
        # reaches nodes given in ``nodes`` (children_of names no others), so equal counts
        # mean every node was toured.
        untoured = [n for n in nodes if n._tin < 0] if len(self.tour) < len(nodes) else []
        self._find_cycles(untoured, rank)
        self._place_untoured(untoured)

    def _tour(self, tops: Sequence[N], layers: bool) -> None:
        """Preorder times, a node's ``_tout`` set once its subtree is done: a leaf's at
        once, a parent's when the walk next comes up to its depth or above. Until it
        is entered, a node's ``_tout`` holds its depth (its parent put it there)."""
        clock = 0
        order = self.tour
        visit = order.append
        children_of = self.children_of
        for top in tops:
            top._tout = 1
            if layers:
                top.layer = 1
            stack = [top]
            pop, extend = stack.pop, stack.extend
            open_: list = []  # the nodes entered whose subtrees are not done, deepest last
            deepest = 0  # the depth of the last of them
            while stack:
                node = pop()
                depth = node._tout
                while deepest >= depth:
                    open_.pop()._tout = clock
                    deepest = open_[-1]._tout if open_ else 0
                node._tin = clock
                clock += 1
                visit(node)
                children = children_of(node)
                if children:
                    below = depth + 1
                    if layers:
                        for child in children:
                            child._tout = child.layer = below
                    else:
                        for child in children:
                            child._tout = below
                    extend(reversed(children))
                    open_.append(node)
                    deepest = depth
                else:
                    node._tout = clock
            for node in open_:
                node._tout = clock

    def _find_cycles(self, untoured: list[N], rank: Callable[[N], int]) -> None:
        state: dict[int, int] = {}  # id(node) -> 1 on the current walk, 2 done
        parent_of = self.parent_of
        for start in untoured:
            if id(start) in state:
                continue
            walk: list[N] = []
            x: N | None = start
            while x is not None and id(x) not in state:
                state[id(x)] = 1
                walk.append(x)
                x = parent_of(x)
            if x is not None and state[id(x)] == 1:
                loop = walk[walk.index(x):]
                first = min(loop, key=rank)
                i = loop.index(first)
                self.cycles.append(loop[i:] + loop[:i])
            for y in walk:
                state[id(y)] = 2
        self.cycles.sort(key=lambda loop: rank(loop[0]))

    def _place_untoured(self, untoured: list[N]) -> None:
        """Give each node on or below a loop its ``_place``: (the loop, how many steps
        up it is from the node), in one walk up from each node that stops at the first
        node placed before."""
        for loop in self.cycles:
            place = (loop, 0)
            for node in loop:
                node._place = place
        parent_of = self.parent_of
        for start in untoured:
            path: list[N] = []
            x: Any = start
            while x is not None and getattr(x, "_place", None) is None:
                path.append(x)
                x = parent_of(x)
            if x is None:  # not below a loop after all: is_above walks for these
                continue
            loop, distance = x._place
            for node in reversed(path):
                distance += 1
                node._place = (loop, distance)

    # -- queries -------------------------------------------------------------------

    def is_above(self, a: N, b: N) -> bool:
        """Whether ``a`` is a direct or indirect parent of ``b`` (constant time in the tour)."""
        return is_above(a, b, self.parent_of)

    def superiors(self, node: N) -> list[N]:
        """Direct and indirect parents, nearest first, stopping where a loop would repeat."""
        out: list[N] = []
        seen = {id(node)}
        x = self.parent_of(node)
        while x is not None and id(x) not in seen:
            out.append(x)
            seen.add(id(x))
            x = self.parent_of(x)
        return out

    def subtree(self, node: N) -> list[N]:
        """The node and everything below it, depth first (one slice of the tour)."""
        if node._tin >= 0 and self.tour[node._tin] is node:
            return self.tour[node._tin:node._tout]
        out, stack, seen = [], [node], set()
        while stack:
            x = stack.pop()
            if id(x) in seen:
                continue
            seen.add(id(x))
            out.append(x)
            stack.extend(reversed(self.children_of(x)))
        return out

    def is_above_any(self, a: N, group: tuple) -> bool:
        """Whether ``a`` is above at least one node of ``group``: a binary search in the
        group's sorted tour times, indexed once per group (pass the same tuple again,
        such as ``org.people_of(unit)``, and a big unit costs a logarithm per question)."""
        entry = self._groups.get(id(group))
        if entry is None or entry[0] is not group:
            # nodes of another kind (an external among a step's performers) have no place here
            times = [(getattr(x, "_tin", None), x) for x in group]
            tins = sorted(t for t, _ in times if t is not None and t >= 0)
            untoured = self._above_untoured([x for t, x in times if t is not None and t < 0])
            entry = self._groups[id(group)] = (group, tins, untoured)
        _, tins, untoured = entry
        if a._tin >= 0:
            i = bisect.bisect_right(tins, a._tin)
            if i < len(tins) and tins[i] < a._tout:
                return True
        return id(a) in untoured

    def _above_untoured(self, nodes: Iterable[N]) -> set[int]:
        """ids of every node above at least one of ``nodes`` (all on or below a loop): the
        union of their superiors, in time linear in what it walks (one walk per node
        would be quadratic: a unit of a 30,000-person loop)."""
        nodes = list({id(x): x for x in nodes}.values())
        if not nodes:  # the common case (no loops among them): nothing to walk, no loop index to build
            return set()
        parent_of = self.parent_of
        out: set[int] = set()
        for x in nodes:
            s = parent_of(x)
            while s is not None and id(s) not in out:  # a node met before has had all above it added
                out.add(id(s))
                s = parent_of(s)
        # Walking up from x reaches x itself when x is on a loop; x is not above itself,
        # so it stays only when another of ``nodes`` is on or below that loop.
        loop_of = {id(m): i for i, loop in enumerate(self.cycles) for m in loop}
        reached: dict[int, int | None] = {}

        def loop_above(x: Any) -> int | None:
            path = []
            while x is not None and id(x) not in reached and id(x) not in loop_of:
                path.append(x)
                x = parent_of(x)
            found = None if x is None else reached.get(id(x), loop_of.get(id(x)))
            for y in path:
                reached[id(y)] = found
            return found

        counts: dict[int | None, int] = {}
        for x in nodes:
            loop = loop_above(parent_of(x))
            counts[loop] = counts.get(loop, 0) + 1
        for x in nodes:
            if id(x) in loop_of and counts.get(loop_of[id(x)], 0) < 2:
                out.discard(id(x))
        return out

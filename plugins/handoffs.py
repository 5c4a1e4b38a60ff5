"""OC204: work that passes between two units through their common management
(part of the vertical-control family, plugins/vertical.py, which registers it; the
shared definitions are in that module's docstring).

Cost: one walk from each work step (and once more per distinct performer met beyond
management), so it grows with the square of a process's size, never with headcount;
work steps of one performer leading into the same management steps share one walk.
"""
from __future__ import annotations

from operator import attrgetter

from orgcheck_plugins._common import distinct, is_above, managers_only, step_label, unit_of_step

import orgcheck
from orgcheck.i18n.runtime import _
from orgcheck.wording import names as _names

_performer = attrgetter("performer")


def _related(a, b) -> bool:
    """Whether one unit contains the other (or they are the same)."""
    return a is b or a.contains(b) or b.contains(a)


@orgcheck.rule("OC204", "handoff-via-management", severity="warning", options={}, pillar="self-steering",
               needs=("processes", "reporting_lines", "units"))
def handoff_via_management(org):
    """Work passes between two units through their common management.

    What: along sequence flows, a `work` step of one unit leads to a `work` step of
    another unit through one or more steps (of any kind) each performed only by
    people who are superiors of both: of at least one performer of the first work
    step and of at least one performer of the second. The unit of a work step is its
    performer when that is a unit, or the unit of the person who performs it (a role
    or an external belongs to no single unit). The two units differ and neither
    contains the other. A direct flow between the two work steps is a direct handoff,
    not this finding (a route via management next to it still is: that is where the
    exceptions go). The finding is on the first management step of the (shortest)
    route, naming the route and the work steps on both ends: one finding per such
    step and pair of units.

    Why: hierarchical referral: exceptions and handovers that climb to the lowest
    common manager and come down again overload the hierarchy and slow the work;
    lateral relations between the units remove the need (Galbraith 1974; Mintzberg's
    mutual adjustment).

    Fix: let the two units hand work to each other directly, with agreed criteria
    for what passes; if they need a decision, give it to a liaison role or to the
    units themselves rather than to their manager.

    Options: none.

    Example:
        "Assess claim" (Property Claims) -> "Approve" (Adam Mercer) -> "Pay"
        (Claims Payments), Mercer being above both teams
        -> work passes from 'Assess claim' (Property Claims) to 'Pay' (Claims
           Payments) via 'Approve' (Adam Mercer): superiors of both 'Property Claims'
           and 'Claims Payments' (hierarchical referral) ...
    """
    manages: dict = {}
    # A step done by anyone who manages nobody manages no side: most steps are done by
    # teams, and a process without a step that could manage has no route.
    all_manage = managers_only(org)

    def managing(step, side) -> bool:
        """Whether every performer of ``step`` is a person above someone of ``side``."""
        if not all_manage[step.performer]:
            return False
        key = (id(step.performer), id(side))
        verdict = manages.get(key)
        if verdict is None:
            performers = org.performers(step)
            verdict = all(is_above(org, p, side) for p in performers)
            manages[key] = verdict
        return verdict

    for process in org.processes:
        steps = process.steps
        if not any(map(all_manage.__getitem__, map(_performer, steps))):  # at C speed
            continue  # no step anyone could be referred to: no route through management
        order = {id(s): i for i, s in enumerate(steps)}
        # Each step's successors, sorted once into what the walks below look at (in
        # flow order): those managing a side, and the work steps by performer. A dense
        # process (2,000 steps, 200,000 flows) is walked many times; the walks then
        # touch a handful of successors each instead of all of them.
        down: dict = {}
        work_by: dict = {}

        def managing_successors(s, a):
            key = (id(s), id(a))
            found_down = down.get(key)
            if found_down is None:
                # all_manage first: most successors are nobody's superiors (no call made for them)
                found_down = down[key] = [t for t in s.successors()
                                          if id(t) in order and t.performer is not None and all_manage[t.performer]
                                          and managing(t, a)]
            return found_down

        def work_successors(s):
            grouped = work_by.get(id(s))
            if grouped is None:
                grouped = work_by[id(s)] = {}
                for t in s.successors():
                    if id(t) in order and t.kind == "work" and t.performer is not None:
                        grouped.setdefault(id(t.performer), []).append(t)
            return grouped

        # (first management step, unit A, unit B) -> [route, sources, targets]
        found: dict = {}
        # Work steps of one performer that lead into the same management steps walk the
        # same way: a team's 6,000 work steps into one chain of 6,000 approvals is one
        # walk, not 6,000 (issue 23). A walk that comes back to its own source differs
        # from the others (the source is no candidate), so it is not shared.
        walks: dict = {}
        groups: dict = {}
        added: set = set()
        kept: list = []
        for source in steps:
            if source.kind != "work" or source.performer is None:
                continue
            unit_a = unit_of_step(source)
            if unit_a is None:
                continue
            a = source.performer
            start = managing_successors(source, a)
            key = (id(a), tuple(id(t) for t in start))
            walk = walks.get(key)
            if walk is None or id(source) in walk[0]:
                walk = _walk(source, unit_a, start, managing, managing_successors, work_successors)
                if id(source) not in walk[0]:
                    walks[key] = walk
                else:
                    kept.append(walk)  # alive, so that the ids keyed on below stay its own
            for routes in walk[1]:
                grouped = groups.get(id(routes))
                if grouped is None:  # by finding: (first management step, unit B) -> route, unit B, targets
                    grouped = groups[id(routes)] = {}
                    for target, route in routes:
                        unit_b = unit_of_step(target)
                        grouped.setdefault((id(route[0]), id(unit_b)), (route, unit_b, []))[2].append(target)
                for (first, b_id), (route, unit_b, targets) in grouped.items():
                    entry = found.setdefault((first, id(unit_a), b_id), [route, unit_a, unit_b, [], []])
                    entry[3].append(source)
                    if (id(entry), id(routes)) not in added:  # the same targets, once
                        added.add((id(entry), id(routes)))
                        entry[4].extend(targets)
        for route, unit_a, unit_b, sources, targets in sorted(
                found.values(), key=lambda e: (order[id(e[0][0])], order[id(e[3][0])], order[id(e[4][0])])):
            sources = sorted(distinct(sources), key=lambda s: order[id(s)])
            targets = sorted(distinct(targets), key=lambda s: order[id(s)])
            via = " → ".join(step_label(s) for s in route)
            yield route[0], _("work passes from {sources} to {targets} via {route}: superiors of both "
                              "'{unit}' and '{other_unit}' (hierarchical referral); let the two units "
                              "hand the work to each other directly, with agreed criteria").format(
                                  sources=_names((step_label(s) for s in sources), limit=3),
                                  targets=_names((step_label(s) for s in targets), limit=3),
                                  route=via, unit=unit_a.name, other_unit=unit_b.name)


def handoffs(org) -> tuple[int, int]:
    """(direct, via management): work passing between two units (neither containing the
    other) along a direct sequence flow between their work steps, and the routes through
    their common management that OC204 reports (registered by plugins/vertical.py)."""
    direct = 0
    for process in org.processes:
        for step in process.steps:
            a = unit_of_step(step) if step.kind == "work" else None
            if a is None:
                continue
            for nxt in step.successors("sequence"):
                b = unit_of_step(nxt) if nxt.kind == "work" else None
                if b is not None and not _related(a, b):
                    direct += 1
    via = sum(1 for _ in handoff_via_management.func(org))
    return direct, via
def _walk(source, unit_a, start: list, managing, managing_successors, work_successors) -> tuple[set, list]:
    """From ``source`` through steps managing its side (``start``: the first of them):
    the steps reached (ids), and for each performer of the work steps of other units
    met just beyond them, the routes through steps managing both sides (``_routes``)."""
    a = source.performer
    seen = {id(source)}
    frontier = list(start)
    candidates: dict = {}  # id(target performer) -> {id(target): target}
    while frontier:
        s = frontier.pop()
        if id(s) in seen:
            continue
        seen.add(id(s))
        # All work steps of one performer share a unit, so grouping them keeps
        # the candidates (and their order) exactly as a walk in flow order would.
        for performer_id, ts in work_successors(s).items():
            unit_b = unit_of_step(ts[0])
            if unit_b is None or _related(unit_a, unit_b):
                continue
            for t in ts:
                if t is not source:
                    candidates.setdefault(performer_id, {})[id(t)] = t
        frontier.extend(t for t in managing_successors(s, a) if t is not source)
    seen.discard(id(source))
    # A candidate counts when a route exists through steps managing BOTH sides:
    # one breadth-first search per performer of the candidates.
    found = []
    for targets in candidates.values():
        b = next(iter(targets.values())).performer
        found.append(_routes(source, targets, b, managing_successors, work_successors,
                             lambda s, b=b: managing(s, b)))
    return seen, found


def _routes(source, targets: dict, b, managing_successors, work_successors, manages_b) -> list:
    """For each target (id -> step, all performed by ``b``) reachable from ``source``
    through one or more steps managing both sides (the source's performer, whose
    managing successors ``managing_successors`` lists, and ``b``): the shortest such
    chain of steps (breadth first, in flow order). Returns (target, route) pairs in
    the order the targets are reached."""
    a = source.performer
    parent: dict = {}
    frontier = []
    for s in managing_successors(source, a):
        if id(s) not in parent and s is not source and manages_b(s):
            parent[id(s)] = None
            frontier.append(s)
    out: list = []
    done: set = set()
    while frontier and len(done) < len(targets):
        nxt = []
        for s in frontier:
            for t in work_successors(s).get(id(b), ()):
                if id(t) in targets and id(t) not in done:
                    done.add(id(t))
                    route = [s]
                    while parent[id(route[-1])] is not None:
                        route.append(parent[id(route[-1])])
                    out.append((targets[id(t)], route[::-1]))
            for t in managing_successors(s, a):
                if id(t) not in parent and t is not source and manages_b(t):
                    parent[id(t)] = s
                    nxt.append(t)
        frontier = nxt
    return out

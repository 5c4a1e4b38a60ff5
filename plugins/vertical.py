"""OC2xx: vertical control (pillar 1, self-steering).

Trust rests on horizontal coordination between the people who do the work; vertical
steering (the boss approves, the boss decides, work goes up and down the line) takes
control away from them. These rules read the processes of the model and compare who
performs the control steps with the reporting lines.

Shared definitions (the words of rules.md, made precise):

- *Performers* of a step are ``org.performers(step)``: people, or an external party
  as itself. An external is never anyone's superior, and never "a person in the top
  layers" or "a person outside a unit".
- A person is *above* a group when they are a superior (direct or indirect manager,
  ``reports_to`` only) of at least one person of the group.
- The *unit of a work step* (OC204, OC206) is its performer when that is a unit, or
  the unit of its performer when that is a person. A role or an external performer
  belongs to no single unit.
- Only the first entity with a given id counts; later duplicates (OC002) are skipped.

Readings of rules.md chosen here (as an org designer would):

- OC202 reports a chain once, on its first approval step, naming the longest chain
  from there (longest path over the approval steps' strongly connected components,
  so branching never multiplies findings and loops cannot hang the rule).
- OC203 and OC204 read "a superior of the performers" as "a superior of at least one
  of them": a boss above part of a team (a matrix, a secondment) still checks or
  routes that team's work.
- OC204 needs work steps on both ends; a route through management next to a direct
  flow still fires (it is where the exceptions go).
- OC205 is one document-wide finding, located at `processes`.
- OC206 is reported on the approval or decision step outside the unit (the step
  the designer changes), naming the self-organizing unit; a unit performs work when
  it, a unit within it, or one of its people is the work step's performer.

Cost: "is this person above someone of that group" is a binary search in the sorted
Euler-tour entry times of the group (the reporting forest's preorder), computed once
per performer entity per rule run, so a unit of 100,000 people named in thousands of
steps is indexed once and each test costs a logarithm. Sequence-flow walks stay
within one process: linear in its size, except OC204, which walks once from each
work step (and once more per distinct performer met beyond management), so it grows
with the square of a process's size, never with headcount. No rule enumerates paths.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import orgcheck

from ._common import names as _names
from orgcheck.model import External, Person, Unit

CONTROL = ("approval", "review", "decision")


# -- helpers -------------------------------------------------------------------


def _processes(org):
    return org.live(org.processes)


def _steps(org, process):
    return org.live(process.steps)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _who(step) -> str:
    return step.performer.label if step.performer is not None else "an unknown performer"


def _step(step) -> str:
    """How a message names a step: 'Approve claim' (Adam Mercer)."""
    return f"'{step.name}' ({_who(step)})"


if TYPE_CHECKING:
    from fractions import Fraction


def _ratio(value) -> Fraction:
    """An option value as an exact fraction (0.1 is one tenth, not 0.1000000000000000055)."""
    from fractions import Fraction  # here: a lint that never needs it starts faster

    return Fraction(str(value))


def _percent(value) -> str:
    return f"{float(value) * 100:.0f}%"


def _fresh(seq):
    """Items in order, each once (by identity)."""
    seen, out = set(), []
    for item in seq:
        if item is not None and id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


class _Above:
    """Answers "is person p a superior of someone in the group of entity e" fast.

    For each performer entity once: the sorted Euler-tour entry times of its people
    (a person's subtree occupies the interval (tin, tout) of entry times), and for
    people in or below a reporting cycle (who have no tour times) the ids of their
    superiors.
    """

    def __init__(self, org) -> None:
        self.org = org
        self._index: dict = {}

    def _of(self, entity):
        key = id(entity)
        found = self._index.get(key)
        if found is None:
            tins: list[int] = []
            odd = []
            for p in self.org.people_of(entity) if not isinstance(entity, External) else ():
                if p._tin >= 0:
                    tins.append(p._tin)
                else:
                    odd.append(p)
            tins.sort()
            found = self._index[key] = (entity, tins, _superiors_of_any(self.org, odd))
        return found

    def above(self, person, entity) -> bool:
        """Whether ``person`` is a superior of at least one person ``entity`` stands for."""
        if not isinstance(person, Person) or entity is None:
            return False
        _, tins, cyclic = self._of(entity)
        if person._tin >= 0:
            i = bisect.bisect_right(tins, person._tin)
            return i < len(tins) and tins[i] < person._tout
        return id(person) in cyclic

    def above_any(self, person, entities) -> bool:
        return any(self.above(person, e) for e in entities)


def _superiors_of_any(org, people) -> set:
    """ids of everyone who is a superior of at least one of ``people`` (all in or below
    a reporting cycle): the union of their ``superiors()``, in time linear in what it
    walks. One walk per person would be quadratic: a unit of a 30,000-person loop."""
    people = list({id(p): p for p in people}.values())
    out: set[int] = set()
    for p in people:
        s = p.manager
        # a person already met has had everyone above them added
        while s is not None and id(s) not in out:
            out.add(id(s))
            s = s.manager
    # Walking from p.manager reaches p itself when p is on a loop; p is not their own
    # superior, so p stays only when another of ``people`` is on or below that loop.
    loop_of = {id(m): i for i, loop in enumerate(org.reporting_cycles) for m in loop}
    reached: dict[int, int | None] = {}

    def loop_above(x):
        path = []
        while x is not None and id(x) not in reached and id(x) not in loop_of:
            path.append(x)
            x = x.manager
        found = None if x is None else reached.get(id(x), loop_of.get(id(x)))
        for y in path:
            reached[id(y)] = found
        return found

    counts: dict[int | None, int] = {}
    for p in people:
        loop = loop_above(p.manager)
        counts[loop] = counts.get(loop, 0) + 1
    for p in people:
        if id(p) in loop_of and counts.get(loop_of[id(p)], 0) < 2:
            out.discard(id(p))
    return out


# OC203 and OC204 ask about the same performers: one _Above per model.
def _above(org) -> _Above:
    return org.memo(("vertical", "_Above"), lambda: _Above(org))


def _unit_of_step(step):
    performer = step.performer
    if isinstance(performer, Unit):
        return performer
    if isinstance(performer, Person):
        return performer.unit
    return None


def _related(a, b) -> bool:
    """Whether one unit contains the other (or they are the same)."""
    return a is b or a.contains(b) or b.contains(a)


# -- measures ----------------------------------------------------------------


def approval_status(org, process, heavy: dict | None = None) -> dict:
    """OC201: a process's approval and work steps, the approvals allowed per work step,
    and 'heavy' or 'within' (exact: 0.25 x 4 work steps allows exactly 1 approval)."""
    steps = _steps(org, process)
    approvals = [s for s in steps if s.kind == "approval"]
    work = sum(1 for s in steps if s.kind == "work")
    heavy_now = heavy is not None and bool(approvals) and len(approvals) > _ratio(heavy["max_ratio"]) * work
    return {"approvals": approvals, "work": work, "max_ratio": heavy["max_ratio"] if heavy else None,
            "status": "heavy" if heavy_now else "within"}


def centralized(org, central: dict | None = None) -> dict:
    """OC205: the decision and approval steps of all processes, those taken only by
    people in the top layers, and 'high', 'within' or 'not judged'."""
    top_layers = central["top_layers"] if central else 2
    steps = [s for p in _processes(org) for s in _steps(org, p) if s.kind in ("decision", "approval")]
    at_top: dict = {}
    taken = []
    for step in steps:
        if step.performer is None:
            continue
        key = id(step.performer)
        verdict = at_top.get(key)
        if verdict is None:
            performers = org.performers(step)
            verdict = bool(performers) and all(
                isinstance(p, Person) and p.layer is not None and p.layer <= top_layers for p in performers)
            at_top[key] = verdict
        if verdict:
            taken.append(step)
    status = "not judged"
    if central is not None and steps and len(steps) >= central["min_steps"]:
        status = "high" if len(taken) > _ratio(central["max_share"]) * len(steps) else "within"
    return {"steps": steps, "at_top": taken, "top_layers": top_layers,
            "max_share": central["max_share"] if central else None, "status": status}


# -- OC201 ---------------------------------------------------------------------


@orgcheck.rule("OC201", "approval-heavy-process", severity="warning",
               options={"max_ratio": 0.25}, pillar="self-steering")
def approval_heavy_process(org, max_ratio):
    """A process has many approval steps for the work it does.

    What: a process has more `approval` steps than `max_ratio` times its `work` steps,
    so any approval step in a process without work steps fires. Only steps of kind
    `approval` count as approvals (a `review` is a quality check, a `decision` a
    choice); only `work` steps count as work. One finding per process, naming its
    approval steps. The comparison is exact (0.25 × 4 work steps allows exactly 1
    approval).

    Why: every approval is permission someone else must give before the work goes
    on: vertical control instead of mutual adjustment between the people who do the
    work (Mintzberg's coordinating mechanisms: direct supervision takes control away
    from the doers). No published count threshold exists; the default 0.25 is by
    analogy to process cycle efficiency, where 25% value-adding time counts as lean.

    Fix: agree limits within which the people who do the work decide themselves,
    and replace up-front approvals by a review by peers, or by feedback on the results
    afterwards. Remove approvals that only repeat an earlier one.

    Options: `max_ratio` (default 0.25): the number of approval steps allowed per
    work step.

    Example:
        steps: "Register" (work), "Assess" (work), "Approve (team leader)"
        (approval), "Approve (head)" (approval), "Pay" (work), "Close" (work)
        -> process 'Motor claim' has 2 approval steps ('Approve (team leader)' and
           'Approve (head)') for 4 work steps: more than 0.25 per work step ...
    """
    for process in _processes(org):
        figures = approval_status(org, process, {"max_ratio": max_ratio})
        if figures["status"] != "heavy":
            continue
        approvals, work = figures["approvals"], figures["work"]
        names = _names((f"'{s.name}'" for s in approvals), limit=5)
        if work == 0:
            what = f"{_plural(len(approvals), 'approval step')} ({names}) and no work steps"
        else:
            what = (f"{_plural(len(approvals), 'approval step')} ({names}) for "
                    f"{_plural(work, 'work step')}: more than {max_ratio} per work step")
        yield process, (f"process '{process.name}' has {what}; let the people who do the work decide "
                        "within agreed limits, and check afterwards (a peer review, feedback on the "
                        "results) instead of asking permission up front")


# -- OC202 ---------------------------------------------------------------------


def _sccs(n: int, succ: list[list[int]]) -> list[list[int]]:
    """Strongly connected components (iterative Tarjan), in reverse topological
    order: a component comes after every component it reaches."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
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
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    comps.append(sorted(comp))
    return comps


@orgcheck.rule("OC202", "approval-chain", severity="warning",
               options={"max_chain": 1}, pillar="self-steering")
def approval_chain(org, max_chain):
    """Approval steps follow each other: work waits for one permission after another.

    What: more than `max_chain` `approval` steps follow each other directly along
    sequence flows (a `review`, `decision` or any other step in between ends the
    chain). Each chain is reported once, on its first approval step (one that no
    approval step leads to), naming the longest chain that starts there; chains
    that branch are not enumerated. Approval steps that loop back to each other count
    once each and are shown in braces as a loop.

    Why: each extra approval adds waiting and a layer of vertical control on top of
    the one before, while the people who do the work keep the responsibility without
    the say (Mintzberg: direct supervision replaces mutual adjustment; Galbraith 1974:
    referring decisions up the hierarchy overloads it).

    Fix: keep at most one approval, at the lowest level that can judge the work, with
    explicit limits; let higher levels set those limits instead of signing each case.

    Options: `max_chain` (default 1): the longest run of approval steps in a row that
    is accepted.

    Example:
        "Assess" -> "Approve (team leader)" -> "Approve (head)" -> "Agree"
        -> 2 approval steps follow each other in process 'Motor claim':
           'Approve (team leader)' (Tom Ashworth) → 'Approve (head)' (Adam Mercer);
           at most 1 in a row ...
    """
    for process in _processes(org):
        approvals = [s for s in _steps(org, process) if s.kind == "approval"]
        if len(approvals) <= max_chain:
            continue
        idx = {id(s): i for i, s in enumerate(approvals)}
        succ = [sorted({idx[id(t)] for t in s.successors() if id(t) in idx}) for s in approvals]
        comps = _sccs(len(approvals), succ)
        comp_of = [0] * len(approvals)
        for c, members in enumerate(comps):
            for v in members:
                comp_of[v] = c
        comp_succ = [sorted({comp_of[w] for v in members for w in succ[v]} - {c}, key=lambda d: comps[d][0])
                     for c, members in enumerate(comps)]
        entered = [False] * len(comps)
        for c, nexts in enumerate(comp_succ):
            for d in nexts:
                entered[d] = True
        best = [0] * len(comps)
        nxt: list[int | None] = [None] * len(comps)
        for c in range(len(comps)):  # reverse topological: successors first
            length, follow = 0, None
            for d in comp_succ[c]:
                if best[d] > length:
                    length, follow = best[d], d
            best[c] = len(comps[c]) + length
            nxt[c] = follow
        heads = sorted((c for c in range(len(comps)) if not entered[c] and best[c] > max_chain),
                       key=lambda c: comps[c][0])
        for c in heads:
            members = [approvals[v] for v in comps[c]]
            head = next((s for s in members
                         if not s.predecessors() or any(id(p) not in idx for p in s.predecessors())),
                        members[0])
            parts = []
            d = c
            while d is not None:
                if len(comps[d]) == 1:
                    parts.append(_step(approvals[comps[d][0]]))
                else:
                    loop = [approvals[v] for v in comps[d]]
                    if d == c:
                        loop.remove(head)
                        loop.insert(0, head)
                    parts.append("{" + ", ".join(_step(s) for s in loop) + ", in a loop}")
                d = nxt[d]
            yield head, (f"{best[c]} approval steps follow each other in process '{process.name}': "
                         f"{' → '.join(parts)}; at most {max_chain} in a row: keep one approval at the "
                         "lowest level that can judge the work, within limits the higher levels set")


# -- OC203 ---------------------------------------------------------------------


@orgcheck.rule("OC203", "vertical-approval", severity="warning", options={}, pillar="self-steering")
def vertical_approval(org):
    """The boss checks the work: an approval or review is done by the doers' superiors.

    What: an `approval` or `review` step of which every performer is a superior
    (direct or indirect manager through `reports_to`) of at least one performer of the
    work before it: the nearest `work` steps upstream along sequence flows, passing
    only through approval, review and decision steps. A step performed (partly) by an
    external party, by nobody, or with no work before it, stays silent: an external
    is never a superior.

    Why: when checking is the manager's job, control runs down the line instead of
    between professionals; the doers stop owning the quality of their work (Mintzberg:
    direct supervision instead of mutual adjustment and standardized skills).

    Fix: let a peer or a fellow team review the work (four eyes at the same level),
    or let the team own the outcome within agreed limits and learn from feedback on
    the results; the manager sets the limits and coaches instead of signing off.

    Options: none.

    Example:
        "Assess damage" (Motor Damage Assessment) -> "Approve" (Tom Ashworth, who
        leads the assessors)
        -> approval 'Approve' is performed by Tom Ashworth, a superior of the people who
           do the work before it: 'Assess damage' (Motor Damage Assessment) ...
    """
    above = _above(org)
    verdicts: dict = {}
    for process in _processes(org):
        for step in _steps(org, process):
            if step.kind not in ("approval", "review") or step.performer is None:
                continue
            before = org.work_before(step)
            sources = _fresh(s.performer for s in before)
            if not sources:
                continue
            key = (id(step.performer), tuple(id(e) for e in sources))
            verdict = verdicts.get(key)
            if verdict is None:
                performers = org.performers(step)
                verdict = bool(performers) and all(above.above_any(p, sources) for p in performers)
                verdicts[key] = verdict
            if not verdict:
                continue
            if isinstance(step.performer, Person):
                who = f"{step.performer.name}, a superior"
            else:
                who = f"{step.performer.label}, all of them superiors"
            work = _names((_step(s) for s in before), limit=3)
            yield step, (f"{step.kind} '{step.name}' is performed by {who} of the people who do the work "
                         f"before it: {work}; the boss checks the work: let a peer review it, or let the "
                         "doers own the result within agreed limits")


# -- OC204 ---------------------------------------------------------------------


@orgcheck.rule("OC204", "handoff-via-management", severity="warning", options={}, pillar="self-steering")
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
    above = _above(org)
    manages: dict = {}

    def managing(step, side) -> bool:
        """Whether every performer of ``step`` is a person above someone of ``side``."""
        key = (id(step.performer), id(side))
        verdict = manages.get(key)
        if verdict is None:
            performers = org.performers(step)
            verdict = bool(performers) and all(above.above(p, side) for p in performers)
            manages[key] = verdict
        return verdict

    for process in _processes(org):
        steps = _steps(org, process)
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
                found_down = down[key] = [t for t in s.successors()
                                          if id(t) in order and t.performer is not None and managing(t, a)]
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
        for source in steps:
            unit_a = _unit_of_step(source)
            if source.kind != "work" or unit_a is None or source.performer is None:
                continue
            a = source.performer
            # Walk from the source through steps managing its side; the work steps of
            # other units met just beyond them are candidates.
            seen = {id(source)}
            frontier = list(managing_successors(source, a))
            candidates: dict = {}  # id(target performer) -> {id(target): target}
            while frontier:
                s = frontier.pop()
                if id(s) in seen:
                    continue
                seen.add(id(s))
                # All work steps of one performer share a unit, so grouping them keeps
                # the candidates (and their order) exactly as a walk in flow order would.
                for performer_id, ts in work_successors(s).items():
                    unit_b = _unit_of_step(ts[0])
                    if unit_b is None or _related(unit_a, unit_b):
                        continue
                    for t in ts:
                        if t is not source:
                            candidates.setdefault(performer_id, {})[id(t)] = t
                frontier.extend(t for t in managing_successors(s, a) if t is not source)
            # A candidate counts when a route exists through steps managing BOTH sides:
            # one breadth-first search per performer of the candidates.
            for targets in candidates.values():
                b = next(iter(targets.values())).performer
                routes = _routes(source, targets, b, managing_successors, work_successors,
                                 lambda s, b=b: managing(s, b))
                for target, route in routes:
                    unit_b = _unit_of_step(target)
                    entry = found.setdefault((id(route[0]), id(unit_a), id(unit_b)),
                                             [route, unit_a, unit_b, [], []])
                    entry[3].append(source)
                    entry[4].append(target)
        for route, unit_a, unit_b, sources, targets in sorted(
                found.values(), key=lambda e: (order[id(e[0][0])], order[id(e[3][0])], order[id(e[4][0])])):
            sources = sorted(_fresh(sources), key=lambda s: order[id(s)])
            targets = sorted(_fresh(targets), key=lambda s: order[id(s)])
            via = " → ".join(_step(s) for s in route)
            yield route[0], (f"work passes from {_names((_step(s) for s in sources), limit=3)} to "
                             f"{_names((_step(s) for s in targets), limit=3)} via {via}: superiors of both "
                             f"'{unit_a.name}' and '{unit_b.name}' (hierarchical referral); let the two units "
                             "hand the work to each other directly, with agreed criteria")


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


# -- OC205 ---------------------------------------------------------------------


@orgcheck.rule("OC205", "centralized-decisions", severity="warning",
               options={"min_steps": 4, "max_share": 0.5, "top_layers": 2}, pillar="self-steering")
def centralized_decisions(org, min_steps, max_share, top_layers):
    """Decisions and approvals are concentrated at the top of the organization.

    What: the document has at least `min_steps` `decision` and `approval` steps (all
    processes together), and more than `max_share` of them are performed only by
    people in the top `top_layers` layers (layer 1 is the top of a reporting tree). A
    step performed by a unit or role counts as centralized when all its people are in
    those layers; one performed by an external party, by nobody, or by anyone below
    them does not. One finding for the whole document, located at `processes`,
    naming the people at the top who take them.

    Why: when the choices are made at the top, the people who do the work wait for
    them and stop steering themselves; direct supervision replaces mutual adjustment
    (Mintzberg), and referring decisions upward overloads the hierarchy (Galbraith
    1974).

    Fix: push decisions down to the teams that do the work, with a clear domain and
    limits for each; keep for the top only what sets those limits.

    Options: `min_steps` (default 4): below this many decision and approval steps the
    rule stays silent; `max_share` (default 0.5): the share of them that may be taken
    at the top; `top_layers` (default 2): how many layers from the top count as "the
    top".

    Example:
        6 approval and decision steps, 4 of them by Adam Mercer (layer 2) or Helen
        Whitfield (layer 1)
        -> 4 of 6 decision and approval steps (67%) are taken only by people in the top
           2 layers: Helen Whitfield (1) and Adam Mercer (3); at most 50% should be
           taken there ...
    """
    figures = centralized(org, {"min_steps": min_steps, "max_share": max_share, "top_layers": top_layers})
    if figures["status"] != "high":
        return
    steps, central = figures["steps"], figures["at_top"]
    counts: dict = {}
    for step in central:
        for p in org.performers(step):
            counts[id(p)] = counts.get(id(p), 0) + 1
    people = sorted(_fresh(p for s in central for p in org.performers(s)), key=lambda p: p.index)
    who = _names((f"{p.name} ({counts[id(p)]})" for p in people), limit=5)
    from fractions import Fraction

    share = Fraction(len(central), len(steps))
    yield orgcheck.Finding(
        None,
        f"{len(central)} of {len(steps)} decision and approval steps ({_percent(share)}) are taken only by "
        f"people in the top {_plural(top_layers, 'layer')}: {who}; at most {_percent(max_share)} should be taken "
        "there: let the teams that do the work decide within agreed limits",
        pointer="/processes")


# -- OC206 ---------------------------------------------------------------------


def _self_organizing_units(unit, cache: dict) -> list:
    """The unit and its ancestors that declare `self_organizing`, innermost first."""
    found = cache.get(id(unit))
    if found is None:
        found, seen, u = [], set(), unit
        while u is not None and id(u) not in seen:
            seen.add(id(u))
            if u.self_organizing:
                found.append(u)
            u = u.parent
        cache[id(unit)] = found
    return found


def _controls_after(step) -> list:
    """Approval, review and decision steps reachable downstream along sequence flows,
    passing only through such steps (breadth first)."""
    out, seen, frontier = [], {id(step)}, list(step.successors())
    while frontier:
        nxt = []
        for s in frontier:
            if id(s) in seen or s.kind not in CONTROL:
                continue
            seen.add(id(s))
            out.append(s)
            nxt.extend(s.successors())
        frontier = nxt
    return out


@orgcheck.rule("OC206", "self-organization-contradicted", severity="warning", options={},
               pillar="self-steering")
def self_organization_contradicted(org):
    """A self-organizing unit's work needs the approval or decision of people outside it.

    What: a unit that declares `self_organizing` performs a `work` step (the step's
    performer is the unit, a unit within it, or a person who works in it), and an
    `approval` or `decision` step that follows that work along sequence flows (passing
    only through approval, review and decision steps) is performed by people outside
    the unit: at least one person performer does not work in it. External parties
    (a customer, a regulator) do not count as outsiders here. The finding is on the
    approval or decision step, the one to change, naming the unit and its work: one
    finding per step and self-organizing unit.

    Why: the unit claims to steer itself, while the processes send its choices to
    someone else: declared trust contradicted by control, the core claim this check
    tests (Mintzberg: direct supervision takes control away from the doers).

    Fix: let the unit take the approval or decision itself, within agreed limits (and
    let outsiders give advice or feedback instead of permission), or stop declaring
    the unit self-organizing.

    Options: none.

    Example:
        {"id": "fast", "name": "Fast-Track", "self_organizing": true}; "Agree
        settlement" (Fast-Track) -> "Sign off" (approval, Tom Ashworth, not in
        Fast-Track)
        -> approval 'Sign off' of the work of self-organizing 'Fast-Track' ('Agree
           settlement') is performed by Tom Ashworth, outside the unit ...
    """
    units_cache: dict = {}
    outsider: dict = {}
    unit_order = None
    for process in _processes(org):
        steps = _steps(org, process)
        live = {id(s) for s in steps}
        # (control step, unit) -> the unit's work steps before it, in order of discovery
        found: dict = {}
        for work in steps:
            if work.kind != "work":
                continue
            unit = _unit_of_step(work)
            if unit is None:
                continue
            claimed = _self_organizing_units(unit, units_cache)
            if not claimed:
                continue
            for control in _controls_after(work):
                if control.kind not in ("approval", "decision") or id(control) not in live:
                    continue
                if control.performer is None:
                    continue
                for so in claimed:
                    key = (id(control.performer), id(so))
                    person = outsider.get(key, False)
                    if person is False:
                        person = next((p for p in org.performers(control)
                                       if isinstance(p, Person) and not so.contains(p)), None)
                        outsider[key] = person
                    if person is None:
                        continue
                    found.setdefault((id(control), id(so)), (control, so, []))[2].append(work)
        if not found:
            continue
        if unit_order is None:
            unit_order = {id(u): i for i, u in enumerate(org.units)}
        order = {id(s): i for i, s in enumerate(steps)}
        for control, so, works in sorted(found.values(),
                                         key=lambda t: (order[id(t[0])], unit_order[id(t[1])])):
            person = outsider[(id(control.performer), id(so))]
            if isinstance(control.performer, Person):
                who = f"{person.name}, outside the unit"
            else:
                who = f"{control.performer.label}, which includes {person.name} from outside the unit"
            work = _names((f"'{w.name}'" for w in sorted(works, key=lambda w: order[id(w)])), limit=3)
            yield control, (f"{control.kind} '{control.name}' of the work of self-organizing '{so.name}' "
                            f"({work}) is performed by {who}: declared self-organization contradicted by "
                            "control; let the unit decide within agreed limits, or drop the claim")


@orgcheck.hookimpl
def orgcheck_rules():
    return [approval_heavy_process, approval_chain, vertical_approval, handoff_via_management,
            centralized_decisions, self_organization_contradicted]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("approval_status", approval_status, {"heavy": "approval-heavy-process"}),
            orgcheck.Measure("centralized", centralized, {"central": "centralized-decisions"})]

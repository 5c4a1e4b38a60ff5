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

from orgcheck_plugins._common import distinct, exact, is_above, step_label, unit_of_step
from orgcheck_plugins.handoffs import handoff_via_management
from orgcheck_plugins.span import post_label

import orgcheck
from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.model import Person, components
from orgcheck.wording import names as _names
from orgcheck.wording import percent

CONTROL = ("approval", "review", "decision")
#: the close of every message about an approval: a legal control is kept, and waived with its reason
LEGAL = N_("a control that law or regulation requires (such as four-eyes) stays: waive this finding with "
           "its reason (waivers)")


# -- measures ----------------------------------------------------------------


def approval_status(org, process, heavy: dict | None = None) -> dict:
    """OC201: a process's approval and work steps, the approvals allowed per work step,
    and 'heavy' or 'within' (exact: 0.25 x 4 work steps allows exactly 1 approval)."""
    steps = process.steps
    approvals = [s for s in steps if s.kind == "approval"]
    work = sum(1 for s in steps if s.kind == "work")
    heavy_now = heavy is not None and bool(approvals) and len(approvals) > exact(heavy["max_ratio"]) * work
    return {"approvals": approvals, "work": work, "max_ratio": heavy["max_ratio"] if heavy else None,
            "status": "heavy" if heavy_now else "within"}


def centralized(org, central: dict | None = None) -> dict:
    """OC205: the decision and approval steps of all processes, those taken only by
    people in the top layers, and 'high', 'within' or 'not judged'."""
    top_layers = central["top_layers"] if central else 2
    steps = [s for p in org.processes for s in p.steps if s.kind in ("decision", "approval")]
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
        status = "high" if len(taken) > exact(central["max_share"]) * len(steps) else "within"
    return {"steps": steps, "at_top": taken, "top_layers": top_layers,
            "max_share": central["max_share"] if central else None, "status": status}


# -- OC201 ---------------------------------------------------------------------


@orgcheck.rule("OC201", "approval-heavy-process", severity="warning",
               options={"max_ratio": 0.25}, pillar="self-steering", needs=("processes",))
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
    A control that law or regulation requires (four-eyes on payments, a legal sign-off)
    stays: the message says "consider", and such a finding is waived with its reason
    (`waivers`), so the next reader sees why the control is there.

    Options: `max_ratio` (default 0.25): the number of approval steps allowed per
    work step.

    Example:
        steps: "Register" (work), "Assess" (work), "Approve (team leader)"
        (approval), "Approve (head)" (approval), "Pay" (work), "Close" (work)
        -> process 'Motor claim' has 2 approval steps ('Approve (team leader)' and
           'Approve (head)') for 4 work steps: more than 0.25 per work step ...
    """
    for process in org.processes:
        figures = approval_status(org, process, {"max_ratio": max_ratio})
        if figures["status"] != "heavy":
            continue
        approvals, work = figures["approvals"], figures["work"]
        names = _names((f"'{s.name}'" for s in approvals), limit=5)
        steps = ngettext("{count} approval step", "{count} approval steps", len(approvals)).format(
            count=len(approvals))
        if work == 0:
            what = _("{approvals} ({names}) and no work steps").format(approvals=steps, names=names)
        else:
            what = _("{approvals} ({names}) for {work}: more than {max_ratio} per work step").format(
                approvals=steps, names=names, max_ratio=max_ratio,
                work=ngettext("{count} work step", "{count} work steps", work).format(count=work))
        yield process, _("process '{process}' has {what}; consider letting the people who do the work decide "
                         "within agreed limits, and checking afterwards (a peer review, feedback on the results) "
                         "instead of asking permission up front; {legal}").format(
            process=process.name, what=what, legal=_(LEGAL))


# -- OC202 ---------------------------------------------------------------------


@orgcheck.rule("OC202", "approval-chain", severity="warning",
               options={"max_chain": 1}, pillar="self-steering", needs=("processes",))
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
    A control that law or regulation requires (four-eyes on payments, a legal sign-off)
    stays: the message says "consider", and such a finding is waived with its reason
    (`waivers`), so the next reader sees why the control is there.

    Options: `max_chain` (default 1): the longest run of approval steps in a row that
    is accepted.

    Example:
        "Assess" -> "Approve (team leader)" -> "Approve (head)" -> "Agree"
        -> 2 approval steps follow each other in process 'Motor claim':
           'Approve (team leader)' (Tom Ashworth) → 'Approve (head)' (Adam Mercer);
           at most 1 in a row ...
    """
    for process in org.processes:
        approvals = [s for s in process.steps if s.kind == "approval"]
        if len(approvals) <= max_chain:
            continue
        idx = {id(s): i for i, s in enumerate(approvals)}
        succ = [sorted({idx[id(t)] for t in s.successors() if id(t) in idx}) for s in approvals]
        comps = [[idx[id(s)] for s in comp] for comp in components(approvals, lambda s: s.successors())]
        comp_of = [0] * len(approvals)
        for c, members in enumerate(comps):
            for v in members:
                comp_of[v] = c
        comp_succ = [sorted({comp_of[w] for v in members for w in succ[v]} - {c}, key=lambda d: comps[d][0])
                     for c, members in enumerate(comps)]
        entered = [False] * len(comps)
        for nexts in comp_succ:
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
                    parts.append(step_label(approvals[comps[d][0]]))
                else:
                    loop = [approvals[v] for v in comps[d]]
                    if d == c:
                        loop.remove(head)
                        loop.insert(0, head)
                    parts.append("{" + ", ".join(step_label(s) for s in loop) + ", in a loop}")
                d = nxt[d]
            yield head, _("{count} approval steps follow each other in process '{process}': {chain}; at most "
                          "{max_chain} in a row: consider keeping one approval at the lowest level that can judge "
                          "the work, within limits the higher levels set; {legal}").format(
                count=best[c], process=process.name, chain=" → ".join(parts), max_chain=max_chain,
                legal=_(LEGAL))


# -- OC203 ---------------------------------------------------------------------


@orgcheck.rule("OC203", "vertical-approval", severity="warning", options={}, pillar="self-steering",
               needs=("processes", "reporting_lines"))
def vertical_approval(org):
    """The boss checks the work: an approval or review is done by the doers' superiors.

    What: an `approval` or `review` step of which every performer is a superior
    (direct or indirect manager through `reports_to`) of at least one performer of the
    work before it: the nearest `work` steps upstream along sequence flows, passing
    only through approval, review and decision steps. A step performed (partly) by an
    external party, by nobody, or with no work before it, stays silent: an external
    is never a superior. A step that OC206 reports (the approval of a self-organizing
    unit's work by someone outside it) is OC206's finding alone: one finding per fact.

    Why: when checking is the manager's job, control runs down the line instead of
    between professionals; the doers stop owning the quality of their work (Mintzberg:
    direct supervision instead of mutual adjustment and standardized skills).

    Fix: let a peer or a fellow team review the work (four eyes at the same level),
    or let the team own the outcome within agreed limits and learn from feedback on
    the results; the manager sets the limits and coaches instead of signing off.
    A control that law or regulation requires (four-eyes on payments, a legal sign-off)
    stays: the message says "consider", and such a finding is waived with its reason
    (`waivers`), so the next reader sees why the control is there.

    Options: none.

    Example:
        "Assess damage" (Motor Damage Assessment) -> "Approve" (Tom Ashworth, who
        leads the assessors)
        -> approval 'Approve' is performed by Tom Ashworth, a superior of the people who
           do the work before it: 'Assess damage' (Motor Damage Assessment) ...
    """
    verdicts: dict = {}
    contradicted = {id(found[0]) for found in _contradictions(org)}
    for process in org.processes:
        for step in process.steps:
            if step.kind not in ("approval", "review") or step.performer is None:
                continue
            if id(step) in contradicted:
                continue  # OC206's finding: the boss outside a self-organizing unit decides for it
            before = org.work_before(step)
            sources = distinct(s.performer for s in before)
            if not sources:
                continue
            key = (id(step.performer), tuple(id(e) for e in sources))
            verdict = verdicts.get(key)
            if verdict is None:
                performers = org.performers(step)
                verdict = bool(performers) and all(any(is_above(org, p, e) for e in sources) for p in performers)
                verdicts[key] = verdict
            if not verdict:
                continue
            if isinstance(step.performer, Person):
                who = _("{person}, a superior of the people who do the work before it").format(
                    person=post_label(step.performer))
            else:
                who = _("{performer}, all of them superiors of the people who do the work before it").format(
                    performer=step.performer.label)
            work = _names((step_label(s) for s in before), limit=3)
            yield step, _("{kind} '{step}' is performed by {who}: {work}; the boss checks the work: consider "
                          "letting a peer review it, or letting the doers own the result within agreed limits; "
                          "{legal}").format(kind=step.kind, step=step.name, who=who, work=work, legal=_(LEGAL))


# -- OC205 ---------------------------------------------------------------------


@orgcheck.rule("OC205", "centralized-decisions", severity="warning",
               options={"min_steps": 4, "max_share": 0.5, "top_layers": 2}, pillar="self-steering",
               needs=("processes", "reporting_lines"))
def centralized_decisions(org, min_steps, max_share, top_layers):
    """Decisions and approvals are concentrated at the top of the organization.

    What: the document has at least `min_steps` `decision` and `approval` steps (all
    processes together), and more than `max_share` of them are performed only by
    people in the top `top_layers` layers (layer 1 is the top of a reporting tree). A
    step performed by a unit or role counts as centralized when all its people are in
    those layers; one performed by an external party, by nobody, or by anyone below
    them does not. One finding for the whole document, located at `processes`,
    naming the people at the top who take them and how many steps each takes.

    Why: when the choices are made at the top, the people who do the work wait for
    them and stop steering themselves; direct supervision replaces mutual adjustment
    (Mintzberg), and referring decisions upward overloads the hierarchy (Galbraith
    1974).

    Fix: push decisions down to the teams that do the work, with a clear domain and
    limits for each; keep for the top only what sets those limits.
    A control that law or regulation requires (four-eyes on payments, a legal sign-off)
    stays: the message says "consider", and such a finding is waived with its reason
    (`waivers`), so the next reader sees why the control is there.

    Options: `min_steps` (default 4): below this many decision and approval steps the
    rule stays silent; `max_share` (default 0.5): the share of them that may be taken
    at the top; `top_layers` (default 2): how many layers from the top count as "the
    top".

    Example:
        6 approval and decision steps, 4 of them by Adam Mercer (layer 2) or Helen
        Whitfield (layer 1)
        -> 4 of 6 decision and approval steps (67%) are taken only by people in the top
           2 layers: Helen Whitfield (1 step) and Adam Mercer (3 steps); at most 50%
           should be taken there ...
    """
    figures = centralized(org, {"min_steps": min_steps, "max_share": max_share, "top_layers": top_layers})
    if figures["status"] != "high":
        return
    steps, central = figures["steps"], figures["at_top"]
    counts: dict = {}
    for step in central:
        for p in org.performers(step):
            counts[id(p)] = counts.get(id(p), 0) + 1
    people = sorted(distinct(p for s in central for p in org.performers(s)), key=lambda p: p.index)
    who = _names((_("{person} ({steps})").format(
        person=p.name, steps=ngettext("{count} step", "{count} steps", counts[id(p)]).format(count=counts[id(p)]))
        for p in people), limit=5)
    from fractions import Fraction

    share = Fraction(len(central), len(steps))
    yield orgcheck.Finding(
        None,
        _("{count} of {steps} decision and approval steps ({share}) are taken only by people in the top {layers}: "
          "{who}; at most {max_share} should be taken there: consider letting the teams that do the work decide "
          "within agreed limits; {legal}").format(
            count=len(central), steps=len(steps), share=percent(share),
            layers=ngettext("{count} layer", "{count} layers", top_layers).format(count=top_layers),
            who=who, max_share=percent(max_share), legal=_(LEGAL)),
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
               pillar="self-steering", needs=("processes", "units"))
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
    A control that law or regulation requires (four-eyes on payments, a legal sign-off)
    stays: the message says "consider", and such a finding is waived with its reason
    (`waivers`), so the next reader sees why the control is there.

    Options: none.

    Example:
        {"id": "fast", "name": "Fast-Track", "self_organizing": true}; "Agree
        settlement" (Fast-Track) -> "Sign off" (approval, Tom Ashworth, not in
        Fast-Track)
        -> approval 'Sign off' of the work of self-organizing 'Fast-Track' ('Agree
           settlement') is performed by Tom Ashworth, outside the unit ...
    """
    for control, so, works, person in _contradictions(org):
        if isinstance(control.performer, Person):
            who = _("{person}, outside the unit").format(person=post_label(person))
        else:
            who = _("{performer}, which includes {person} from outside the unit").format(
                performer=control.performer.label, person=post_label(person))
        work = _names((f"'{w.name}'" for w in works), limit=3)
        yield control, _("{kind} '{step}' of the work of self-organizing '{unit}' ({work}) is performed by {who}: "
                         "declared self-organization contradicted by control; consider letting the unit decide "
                         "within agreed limits, or drop the claim; {legal}").format(
            kind=control.kind, step=control.name, unit=so.name, work=work, who=who, legal=_(LEGAL))


def _contradictions(org) -> list:
    """OC206's facts, memoized for the model (OC203 leaves these steps to it): (approval
    or decision step, self-organizing unit, the unit's work before it, the first
    outsider who performs it), in document order of the steps, then of the units."""
    return org.memo(("vertical", "contradictions"), lambda: list(_find_contradictions(org)))


def _find_contradictions(org):
    units_cache: dict = {}
    outsider: dict = {}
    unit_order = None
    for process in org.processes:
        steps = process.steps
        live = {id(s) for s in steps}
        # (control step, unit) -> the unit's work steps before it, in order of discovery
        found: dict = {}
        for work in steps:
            if work.kind != "work":
                continue
            unit = unit_of_step(work)
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
            yield (control, so, sorted(works, key=lambda w: order[id(w)]),
                   outsider[(id(control.performer), id(so))])


@orgcheck.hookimpl
def orgcheck_rules():
    return [approval_heavy_process, approval_chain, vertical_approval, handoff_via_management,
            centralized_decisions, self_organization_contradicted]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("approval_status", approval_status, {"heavy": "approval-heavy-process"}),
            orgcheck.Measure("centralized", centralized, {"central": "centralized-decisions"})]

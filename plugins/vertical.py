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
  the designer changes), naming the self-organizing unit; a unit owns a work or
  decision step when it, a unit within it, or one of its people is its performer.
- OC203 and OC206 look back from a control step to the steps the doers own: the
  nearest work steps upstream, and the decision steps passed on the way.
- OC201, OC203 and OC205 advise letting go where the roles of the people who do the
  work name professional standards, and otherwise making those standards explicit
  first (``letting_go``; OC406 judges the roles).

Cost: "is this person above someone of that group" is a binary search in the sorted
Euler-tour entry times of the group (the reporting forest's preorder), computed once
per performer entity per rule run, so a unit of 100,000 people named in thousands of
steps is indexed once and each test costs a logarithm. OC203 and OC206 read a process
in one pass (``orgcheck.model.Inputs``): each control step gets bit masks of the
doers' own steps upstream of it, their performers and the self-organizing units they
speak for, one OR per sequence flow, so 6,000 work steps into a chain of 6,000
approvals cost 6,000 ORs of 6,000-bit masks, not a walk back per approval. What
remains per step is an AND of masks; a performer's superiors are compared once per
distinct approver and distinct doer of the process. OC204 walks once from each work
step (and once more per distinct performer met beyond management), so it grows with
the square of a process's size, never with headcount. No rule enumerates paths.
"""
from __future__ import annotations

from orgcheck_plugins._common import distinct, exceeds, managers_only, step_label
from orgcheck_plugins._control import flow_of as _flow
from orgcheck_plugins._control import speaks_for
from orgcheck_plugins.handoffs import handoff_via_management, handoffs
from orgcheck_plugins.roles import works_to_standards
from orgcheck_plugins.span import post_label

import orgcheck
from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.model import OWNED_KINDS, External, Person, components
from orgcheck.wording import names as _names
from orgcheck.wording import number, percent, word

#: the step kinds OC206 judges
_CONTROLS = frozenset({"approval", "decision"})

#: the close of every message about an approval: a legal control is kept, and waived with its reason
LEGAL = N_("a control that law or regulation requires (such as four-eyes) stays: waive this finding with "
           "its reason (waivers)")


def letting_go(professional: bool) -> str:
    """The approval rules' advice (OC201, OC203, OC205), self-steering first: where the
    roles of the people who do the work name professional standards, let go; otherwise
    first make those standards explicit (OC406), since before you can let go you want to
    know that professionalism is in order."""
    if professional:
        return _("the roles of the people who do the work name professional standards, so consider letting them "
                 "decide within agreed limits and checking afterwards (a peer review, feedback on the results) "
                 "instead of asking permission up front")
    return _("consider first making explicit the professional standards of the people who do the work (their "
             "roles' `standards`), then letting them decide within agreed limits and checking afterwards (a peer "
             "review, feedback on the results) instead of asking permission up front")


# -- measures ----------------------------------------------------------------


def approval_status(org, process, heavy: dict | None = None) -> dict:
    """OC201: a process's approval and work steps, the approvals allowed per work step,
    and 'heavy' or 'within' (exact: 0.25 x 4 work steps allows exactly 1 approval)."""
    steps = process.steps
    approvals = [s for s in steps if s.kind == "approval"]
    work = sum(1 for s in steps if s.kind == "work")
    heavy_now = heavy is not None and bool(approvals) and exceeds(len(approvals), work, heavy["max_ratio"])
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
        status = "high" if exceeds(len(taken), len(steps), central["max_share"]) else "within"
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

    Fix: self-steering first. Where the roles of the people who do the work name
    professional standards (`standards`), let them decide within agreed limits and check
    afterwards (a review by peers, feedback on the results) instead of asking permission
    up front; the message says so. Where they name none, first make those standards
    explicit (OC406): before you can let go, you want to know that professionalism is in
    order. Remove approvals that only repeat an earlier one. A control that law or
    regulation requires (four-eyes on payments, a legal sign-off) stays: the message
    says "consider", and such a finding is waived with its reason (`waivers`), so the
    next reader sees why the control is there.

    Options: `max_ratio` (default 0.25): the number of approval steps allowed per
    work step.

    Example:
        steps: "Register" (work), "Assess" (work), "Approve (team leader)"
        (approval), "Approve (head)" (approval), "Pay" (work), "Close" (work)
        -> process 'Motor claim' has 2 approval steps ('Approve (team leader)' and
           'Approve (head)') for 4 work steps: more than 0.25 per work step; consider
           first making explicit the professional standards of the people who do the
           work ...
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
                approvals=steps, names=names, max_ratio=number(max_ratio),
                work=ngettext("{count} work step", "{count} work steps", work).format(count=work))
        doers = [s.performer for s in process.steps if s.kind == "work" and s.performer is not None]
        professional = bool(doers) and all(isinstance(e, External) or works_to_standards(org, e) for e in doers)
        yield process, _("process '{process}' has {what}; {advice}; {legal}").format(
            process=process.name, what=what, advice=letting_go(professional), legal=_(LEGAL))


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

    What: an `approval` or `review` step of which every performer is a superior (direct
    or indirect manager through `reports_to`) of at least one performer of the work
    before it: the nearest `work` steps upstream along sequence flows, passing only
    through approval, review and decision steps, and the `decision` steps passed on the
    way (a team that decides and then asks its boss's permission is checked too). A step
    performed (partly) by an external party, by nobody, or with no work before it, stays
    silent: an external is never a superior. A step that OC206 reports (the approval of
    a self-organizing unit's work by someone outside it) is OC206's finding alone: one
    finding per fact.

    Why: when checking is the manager's job, control runs down the line instead of
    between professionals; the doers stop owning the quality of their work (Mintzberg:
    direct supervision instead of mutual adjustment and standardized skills).

    Fix: self-steering first. Where the roles of the people who do the work name
    professional standards (`standards`), let them decide within agreed limits and check
    afterwards (a review by peers, feedback on the results) instead of asking permission
    up front; the message says so. Where they name none, first make those standards
    explicit (OC406): before you can let go, you want to know that professionalism is in
    order. A peer or a fellow team can keep four eyes at the same level; the manager
    sets the limits and coaches instead of signing off. A control that law or regulation
    requires (four-eyes on payments, a legal sign-off) stays: the message says
    "consider", and such a finding is waived with its reason (`waivers`), so the next
    reader sees why the control is there.

    Options: none.

    Example:
        "Assess damage" (Motor Damage Assessment) -> "Approve" (Tom Ashworth, who
        leads the assessors)
        -> approval 'Approve' is performed by Tom Ashworth, a superior of the people who
           do the work before it: 'Assess damage' (Motor Damage Assessment); the boss
           checks the work; the roles of the people who do the work name professional
           standards, so consider letting them decide within agreed limits ...
    """
    verdicts: dict = {}
    all_manage = managers_only(org)
    contradicted = {id(found[0]) for found in _contradictions(org)}
    for process in org.processes:
        flow = None  # read only for a process with an approval or review: half of them have none
        for step in process.steps:
            if step.kind not in ("approval", "review") or step.performer is None:
                continue
            if id(step) in contradicted:
                continue  # OC206's finding: the boss outside a self-organizing unit decides for it
            if not all_manage[step.performer]:
                continue  # someone who manages nobody is nobody's superior (the flow is not read)
            if flow is None:
                flow = _flow(org, process)
            before, sources, _units = flow.inputs.of(step)
            if not sources:
                continue
            key = (id(step.performer), sources)
            verdict = verdicts.get(key)
            if verdict is None:
                performers = org.performers(step)
                verdict = bool(performers) and all(flow.oversees(p, sources) for p in performers)
                verdicts[key] = verdict
            if not verdict:
                continue
            if isinstance(step.performer, Person):
                who = _("{person}, a superior of the people who do the work before it").format(
                    person=post_label(step.performer))
            else:
                who = _("{performer}, all of them superiors of the people who do the work before it").format(
                    performer=step.performer.label)
            work = flow.labels(before, step_label, limit=3)
            yield step, _("{kind} '{step}' is performed by {who}: {work}; the boss checks the work; {advice}; "
                          "{legal}").format(kind=word(step.kind), step=step.name, who=who, work=work,
                                            advice=letting_go(flow.professional(sources)), legal=_(LEGAL))


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

    Fix: self-steering first. Where the roles of the people who do the work name
    professional standards (`standards`), let them decide within agreed limits and check
    afterwards (a review by peers, feedback on the results) instead of asking permission
    up front; the message says so. Where they name none, first make those standards
    explicit (OC406): before you can let go, you want to know that professionalism is in
    order. Push decisions down to the teams that do the work, with a clear domain and
    limits for each; keep for the top only what sets those limits. The people who do the
    work are the performers of the work steps of the processes whose choices are taken
    at the top. A control that law or regulation requires (four-eyes on payments, a
    legal sign-off) stays: the message says "consider", and such a finding is waived
    with its reason (`waivers`), so the next reader sees why the control is there.

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
    # the people who do the work are those of the processes whose choices are taken at the top
    held = {id(s.process) for s in central}
    doers = [s.performer for p in org.processes if id(p) in held for s in p.steps
             if s.kind == "work" and s.performer is not None]
    professional = bool(doers) and all(isinstance(e, External) or works_to_standards(org, e) for e in doers)
    yield orgcheck.Finding(
        None,
        _("{count} of {steps} decision and approval steps ({share}) are taken only by people in the top {layers}: "
          "{who}; at most {max_share} should be taken there; {advice}; {legal}").format(
            count=len(central), steps=len(steps), share=percent(share),
            layers=ngettext("{count} layer", "{count} layers", top_layers).format(count=top_layers),
            who=who, max_share=percent(max_share), advice=letting_go(professional), legal=_(LEGAL)),
        pointer="/processes")


# -- OC206 ---------------------------------------------------------------------


@orgcheck.rule("OC206", "self-organization-contradicted", severity="warning", options={},
               pillar="self-steering", needs=("processes", "units"))
def self_organization_contradicted(org):
    """A self-organizing unit's work needs the approval or decision of people outside it.

    What: a unit that declares `self_organizing` performs a `work` or `decision` step of
    its own (the step's performer is the unit, a unit within it, or a person who works
    in it), and an `approval` or `decision` step that follows it along sequence flows
    (passing only through approval, review and decision steps) is performed by people
    outside the unit: at least one person performer does not work in it. A team that
    decides and then needs an outsider's approval of that decision is not organizing
    itself either. External parties (a customer, a regulator) do not count as outsiders
    here. The finding is on the approval or decision step, the one to change, naming the
    unit and its work: one finding per step and self-organizing unit.

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
    for control, so, work, person in _contradictions(org):
        if isinstance(control.performer, Person):
            who = _("{person}, outside the unit").format(person=post_label(person))
        else:
            who = _("{performer}, which includes {person} from outside the unit").format(
                performer=control.performer.label, person=post_label(person))
        yield control, _("{kind} '{step}' of the work of self-organizing '{unit}' ({work}) is performed by {who}: "
                         "declared self-organization contradicted by control; consider letting the unit decide "
                         "within agreed limits, or drop the claim; {legal}").format(
            kind=word(control.kind), step=control.name, unit=so.name, work=work, who=who, legal=_(LEGAL))


def contradicted_units(org) -> set[int]:
    """The self-organizing units (their ids) whose work OC206 reports approved or decided
    by someone outside them: OC206's own facts, shared with the trust profile."""
    return {id(so) for _control, so, _works, _person in _contradictions(org)}


def checked_by_superior(org) -> set[int]:
    """The work steps (their ids) that OC203 finds checked by a superior of their doers:
    the work before each approval or review it reports."""
    checked: set[int] = set()
    for step, _message in vertical_approval.func(org):
        checked.update(id(s) for s in org.work_before(step))
    return checked


def _contradictions(org) -> list:
    """OC206's facts, memoized for the model (OC203 leaves these steps to it): (approval
    or decision step, self-organizing unit, the unit's own steps before it as a message
    names them, the first outsider who performs it), in document order of the steps,
    then of the units."""
    return org.memo(("vertical", "contradictions"), lambda: list(_find_contradictions(org)))


def _find_contradictions(org):
    outsider: dict = {}
    speaks = speaks_for(org)

    def outside(control, so):
        """The first person performer of ``control`` who does not work in ``so``, or None."""
        key = (id(control.performer), id(so))
        person = outsider.get(key, False)
        if person is False:
            person = outsider[key] = next((p for p in org.performers(control)
                                           if isinstance(p, Person) and not so.contains(p)), None)
        return person

    for process in org.processes:
        # Only a process with an approval or decision by someone outside a self-organizing
        # unit that one of its steps speaks for is read (its flow built): most processes
        # have none, and the flow decides only which of those pairs are findings.
        steps = process.steps
        controls = [s for s in steps if s.kind in _CONTROLS and s.performer is not None]
        if not controls:
            continue
        spoken: dict = {}
        for step in steps:
            if step.kind in OWNED_KINDS:
                for so in speaks[step.performer]:
                    spoken[id(so)] = so
        if not spoken or not any(outside(c, so) is not None for c in controls for so in spoken.values()):
            continue
        flow = _flow(org, process)
        for control in controls:
            before, _sources, units = flow.inputs.of(control)
            before &= ~flow.bit(control)  # a decision in a loop is not before itself
            for so in flow.units(units):
                works = before & flow.so_steps.get(id(so), 0)
                if not works:
                    continue
                person = outside(control, so)
                if person is not None:
                    yield control, so, flow.labels(works, lambda w: f"'{w.name}'", limit=3), person


@orgcheck.hookimpl
def orgcheck_rules():
    return [approval_heavy_process, approval_chain, vertical_approval, handoff_via_management,
            centralized_decisions, self_organization_contradicted]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("approval_status", approval_status, {"heavy": "approval-heavy-process"}),
            orgcheck.Measure("centralized", centralized, {"central": "centralized-decisions"}),
            orgcheck.Measure("checked_by_superior", checked_by_superior),
            orgcheck.Measure("contradicted_units", contradicted_units),
            # OC204 is this family's rule, in its own module: so is its measure
            orgcheck.Measure("handoffs", handoffs)]

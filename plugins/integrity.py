"""OC0xx: document integrity (duplicate ids, broken references, cycles, broken flows).

The model records what it meets while resolving a document (``org.duplicates``,
``org.unknown_references``, ``org.reporting_cycles``, ``org.unit_cycles``); these
rules report that data. OC006 and OC007 read the sequence flows of each process,
OC008 the reporting forest. Everything here is linear in the size of the document.

Readings of rules.md made precise here:

- A later entity with a duplicate id is ignored by every rule (references resolve
  to the first); OC002 is the only finding about it.
- OC004/OC005 name a loop in the direction of the reference: ``a → b`` means a
  `reports_to` b (a's `parent` is b). A self-reference is a loop of one.
- OC008 counts as a top only a person whose `reports_to` is absent or null. A person
  whose `reports_to` names nobody is OC003's finding, not a second top; the tree
  below such a person is not weighed either.
"""
from __future__ import annotations

from orgcheck_plugins.span import post_label

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.model import Flow
from orgcheck.wording import names

# -- helpers -------------------------------------------------------------------

_ARTICLE = {"external": "an external party", "interaction": "an interaction"}
_KIND = {"external": "external party"}


def _a(kind: str) -> str:
    """'a unit', 'an external party', in the active language (the kind stays as in the schema)."""
    if kind == "external":
        return _("an external party")
    if kind == "interaction":
        return _("an interaction")
    return _("a {kind}").format(kind=_KIND.get(kind, kind))


def _kinds(kinds) -> str:
    """('unit', 'role', 'person') -> 'a unit, role or person'."""
    words = [_KIND.get(k, k) for k in kinds]
    if not words:
        return _("an entity")
    if len(words) == 1:
        return _a(kinds[0])
    return _("{kinds} or {last}").format(kinds=", ".join([_a(kinds[0]), *words[1:-1]]), last=words[-1])


def _chain(entities) -> str:
    """'a → b → c', the middle left out of a long loop (a loop of 30,000 people must
    not make a message of a megabyte)."""
    labels = [_tag(e) for e in entities]
    if len(labels) > 12:
        labels[5:-5] = [_("… {count} more …").format(count=len(labels) - 10)]
    return " → ".join(labels)


def _path(pointer: str) -> str:
    """'/processes/1/steps/2' -> 'processes[1].steps[2]' (where in the document)."""
    out = ""
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def _tag(entity) -> str:
    """'Ann (p1)': the label, with the id when the label is not the id."""
    label = entity.label
    return label if label == entity.id else f"{label} ({entity.id})"


def _holder(holder) -> str:
    if isinstance(holder, Flow):
        return _("flow {flow} of process '{process}'").format(flow=holder.label, process=holder.process.label)
    kind = _KIND.get(holder.entity_kind, holder.entity_kind)
    if holder.entity_kind == "step":
        return _("step '{step}' of process '{process}'").format(step=holder.label, process=holder.process.label)
    return f"{kind} '{holder.label}'"


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC002", "duplicate-id", severity="error", needs=())
def duplicate_id(org):
    """An id is used by more than one entity.

    What: an id used twice in the document, by entities of any kinds (a person and a
    unit, two steps of different processes, ...). Ids are unique across the whole
    document. The finding is at the second (and every later) use, at its `id`, and
    names the first: references resolve to the first entity; the later one is
    otherwise ignored by every rule.

    Why: every reference in the model is an id; with a duplicate, a `reports_to`, a
    `performer` or a `visible_to` silently points at the wrong position or team, and
    what the other rules conclude about spans, approvals and feedback rests on it.
    (Source: the format-1 contract, docs/model.md "Id".)

    Fix: give the later entity an id of its own, and check which of the two each
    reference to the id meant.

    Options: none.

    Example:
        "people": [{"id": "p1", "name": "Ann"}, ...],
        "units": [{"id": "p1", "name": "Care team"}]
        -> id 'p1' is already used by person 'Ann' (people[0]); references to 'p1'
           resolve to that person and this unit is ignored: give it an id of its own
    """
    for dup in org.duplicates:
        entity, first = dup.entity, dup.first
        kind = _KIND.get(entity.entity_kind, entity.entity_kind)
        first_kind = _KIND.get(first.entity_kind, first.entity_kind)
        yield orgcheck.Finding(
            entity,
            _("id '{id}' is already used by {first_kind} '{first}' ({where}); references to '{id}' "
              "resolve to that {first_kind} and this {kind}, '{label}', is ignored: give it an id of its own").format(
                id=entity.id, first_kind=first_kind, first=first.label, where=_path(first.pointer), kind=kind,
                label=entity.label),
            pointer=f"{entity.pointer}/id")


@orgcheck.rule("OC003", "unknown-reference", severity="error", needs=())
def unknown_reference(org):
    """A reference names no entity, or one of the wrong kind.

    What: a reference field (`reports_to`, `dotted_to`, `unit`, `roles`, `parent`,
    `lead`, `owner`, `customer`, `performer`, a flow's `from`/`to`, a metric's
    `process`, `step` and `visible_to`, an interaction's `between`) whose id names no
    entity, or an entity of a kind the field does not accept (a unit as `reports_to`,
    say), or a flow end that is a step of another process, or a metric `step` outside
    the metric's `process`. The finding is at the reference itself, filed under the
    entity that holds it (a flow's under its process); it names the field, the id,
    what it must be, and the nearest existing id of the right kind ("did you mean").
    A missing manager that several people name in `reports_to` is one fact: one
    finding, at the first of them, with their number and the next few (a partial
    export names the same absent manager for a whole team: GitLab's team page has 450
    people below 139 missing managers).

    Why: a broken reference resolves to nothing, so the reporting line, performer or
    audience it was meant to record is missing from every other check: a typo can
    hide a vertical approval or make feedback look absent. (Source: the format-1
    contract, docs/model.md "Id".)

    Fix: correct the id (the suggestion is usually the one meant), or add the missing
    entity. A flow joins steps of its own process only.

    Options: none.

    Example:
        {"id": "bo", "name": "Bo", "reports_to": "anne"} where only "ann" exists
        -> person 'Bo': reports_to 'anne' names nothing in the document; it must name a
           person; did you mean 'ann'?
    """
    # One missing manager named by many people is one fact (issue 22.4): one finding, at
    # the first of them, with their number and the next few, as OC008 does for orphan rows.
    named: dict[str, list] = {}
    for ref in org.unknown_references:
        if ref.field == "reports_to" and ref.found is None and not ref.reason:
            named.setdefault(ref.ref, []).append(ref)
    for ref in org.unknown_references:
        group = named.get(ref.ref) if ref.field == "reports_to" and ref.found is None and not ref.reason else None
        if group is not None and len(group) > 1:
            if group[0] is ref:
                yield orgcheck.Finding(ref.holder, _missing_manager(group), pointer=ref.pointer)
            continue
        hint = bool(ref.suggestion and ref.suggestion != ref.ref)
        found = ref.found
        if ref.reason:
            text = (_("{holder}: {field} '{ref}' is {reason}; did you mean '{suggestion}'?") if hint
                    else _("{holder}: {field} '{ref}' is {reason}"))
        elif found is not None:
            text = (_("{holder}: {field} '{ref}' is {found_kind} ('{found}'), not {expected}; did you mean "
                      "'{suggestion}'?") if hint
                    else _("{holder}: {field} '{ref}' is {found_kind} ('{found}'), not {expected}"))
        else:
            text = (_("{holder}: {field} '{ref}' names nothing in the document; it must name {expected}; "
                      "did you mean '{suggestion}'?") if hint
                    else _("{holder}: {field} '{ref}' names nothing in the document; it must name {expected}"))
        message = text.format(
            holder=_holder(ref.holder), field=ref.field, ref=ref.ref, reason=ref.reason,
            found_kind=_a(found.entity_kind) if found is not None else "",
            found=found.label if found is not None else "", expected=_kinds(ref.expected),
            suggestion=ref.suggestion)
        yield orgcheck.Finding(ref.holder, message, pointer=ref.pointer)


def _missing_manager(group: list) -> str:
    """'12 people report to 'gone', which names nothing in the document ...'."""
    first = group[0]
    hint = first.suggestion if first.suggestion and first.suggestion != first.ref else None
    others = names((_tag(r.holder) for r in group[1:]), 3)
    text = ngettext(
        "{count} person reports to '{ref}' (reports_to), which names nothing in the document: add the missing "
        "manager, or correct the id{hint}; this row and {others}",
        "{count} people report to '{ref}' (reports_to), which names nothing in the document: add the missing "
        "manager, or correct the id{hint}; this row and {others}", len(group))
    return text.format(count=len(group), ref=first.ref, others=others,
                       hint=_(" (did you mean '{suggestion}'?)").format(suggestion=hint) if hint else "")


@orgcheck.rule("OC004", "reporting-cycle", severity="error", needs=("reporting_lines",))
def reporting_cycle(org):
    """`reports_to` forms a loop.

    What: people whose `reports_to` lines lead back to themselves (a person who
    reports to themself is a loop of one). One finding per loop, at the `reports_to`
    of the loop's person that comes first in the document, naming the loop in
    reporting order: a → b → c → a means a reports to b, b to c and c to a.

    Why: a reporting loop has no top: nobody in it, or below it, has a layer, so spans,
    layers and who is whose superior cannot be judged (the vertical-control rules
    assume a tree). (Source: the format-1 contract, docs/model.md "Person"; layers are counted on
    `reports_to` from the top of a tree.)

    Fix: decide who is the most senior person in the loop and remove their
    `reports_to` (or point it at their actual manager). A peer or matrix relation
    belongs in `dotted_to`, which is never counted in the reporting structure.

    Options: none.

    Example:
        {"id": "p1", "name": "Ann", "reports_to": "p2"},
        {"id": "p2", "name": "Bo", "reports_to": "p1"}
        -> reporting cycle: Ann (p1) → Bo (p2) → Ann (p1) (each reports to the next, so
           the loop has no top); ...
    """
    for loop in org.reporting_cycles:
        first = loop[0]
        chain = _chain((*loop, first))
        if len(loop) == 1:
            detail = _("{person} reports to themself").format(person=_tag(first))
        else:
            detail = _("each reports to the next, so the loop has no top")
        yield orgcheck.Finding(
            first,
            _("reporting cycle: {chain} ({detail}); nobody in or below it has a layer: take the most senior "
              "person in it off the loop (remove their manager, reports_to), and record peer relations as dotted "
              "lines (dotted_to)").format(chain=chain, detail=detail),
            pointer=f"{first.pointer}/reports_to")


@orgcheck.rule("OC005", "unit-cycle", severity="error", needs=("units",))
def unit_cycle(org):
    """Unit `parent` forms a loop.

    What: units whose `parent` lines lead back to themselves (a unit that is its own
    parent is a loop of one). One finding per loop, at the `parent` of the loop's unit
    that comes first in the document, naming the loop: a → b → a means a's parent is
    b and b's parent is a.

    Why: a unit loop contains itself: headcounts, "contains" and the members of a unit
    with its sub-units are no longer defined, and the team and coordination rules read
    them. (Source: the format-1 contract, docs/model.md "Unit".)

    Fix: decide which unit is the outer one and remove its `parent` (or point it at
    the unit that really contains it).

    Options: none.

    Example:
        {"id": "care", "name": "Care", "parent": "board"},
        {"id": "board", "name": "Board", "parent": "care"}
        -> unit cycle: Care (care) → Board (board) → Care (care) (each unit's parent is
           the next, so the loop contains itself); ...
    """
    for loop in org.unit_cycles:
        first = loop[0]
        chain = _chain((*loop, first))
        detail = (_("{unit} is its own parent").format(unit=_tag(first)) if len(loop) == 1
                  else _("each unit's parent is the next, so the loop contains itself"))
        yield orgcheck.Finding(
            first,
            _("unit cycle: {chain} ({detail}); headcounts and membership of the units in it are undefined: take "
              "the outermost unit off the loop (remove the unit it names as its parent, parent)").format(
                chain=chain, detail=detail),
            pointer=f"{first.pointer}/parent")


@orgcheck.rule("OC006", "process-without-start", severity="error", needs=("processes",))
def process_without_start(org):
    """Every step of a process has an incoming sequence flow.

    What: a process in which every step has at least one incoming `sequence` flow (a
    flow with no `kind`, or `kind: sequence`), so no step is a start step. Feedback
    flows do not count; neither do flows with a broken reference (OC003 reports them).

    Why: the sequence flows of a process say how work moves from start to end; when
    they form a closed loop, nothing says where the work begins, and the rules that
    follow work along the flows (approval chains, the work before an approval,
    handoffs) read a circle. A loop that carries results back is a feedback flow.
    (Source: the format-1 contract, docs/model.md "Flow": start steps have no incoming
    sequence flow.)

    Fix: make the flow that leads back to the first step a `feedback` flow (it
    carries information about the results back to an earlier step), or remove it.

    Options: none.

    Example:
        "steps": [{"id": "plan", ...}, {"id": "visit", ...}],
        "flows": [{"from": "plan", "to": "visit"}, {"from": "visit", "to": "plan"}]
        -> process 'Care visit' has no start step: each of its 2 steps (plan and visit)
           has an incoming sequence flow ...
    """
    for process in org.processes:
        steps = process.steps
        # the first step starts most processes: no generator made for them
        if not steps or not steps[0].predecessors() or any(not s.predecessors() for s in steps):
            continue
        yield process, ngettext(
            "process '{process}' has no start step: its {count} step ({steps}) has an incoming sequence "
            "flow, so nothing says where the work begins; make the flow that returns to the first step a "
            "feedback flow, or remove it",
            "process '{process}' has no start step: each of its {count} steps ({steps}) has an incoming "
            "sequence flow, so nothing says where the work begins; make the flow that returns to the first "
            "step a feedback flow, or remove it", len(steps)).format(
                process=process.label, count=len(steps), steps=names((s.label for s in steps), 5, none=_("none")))


@orgcheck.rule("OC007", "unreachable-step", severity="warning", needs=("processes",))
def unreachable_step(org):
    """No start step of its process reaches the step along sequence flows.

    What: a step that cannot be reached from any start step of its process (a step
    without incoming sequence flow) by following `sequence` flows forward. Such a
    step lies on a loop of sequence flows that the rest of the process never enters.
    Not reported in a process that has no start step at all (that is OC006).

    Why: a step no work reaches is either dead (the process never does it) or wrongly
    connected, and the rules that follow work along the flows cannot see the control
    or feedback it holds. (Source: the format-1 contract, docs/model.md "Flow".)

    Fix: connect the step to the flow, with a sequence flow from the step that comes
    before it, or remove it; a flow that only carries results back is a `feedback` flow.

    Options: none.

    Example:
        steps a, b, c; flows a -> b, c -> d, d -> c
        -> step 'c' of process 'Claims' is unreachable: no start step (a) leads to it
           along sequence flows; it follows only d ...
    """
    for process in org.processes:
        steps = process.steps
        starts = [s for s in steps if not s.predecessors()]
        if not starts:
            continue  # OC006
        # Steps hash by identity: the set holds them, not their ids (1.3 million id()
        # calls on 450,000 steps), and a process whose steps are all reached (nearly
        # every one) is told by one pass in C.
        seen = set(starts)
        stack = list(starts)
        while stack:
            for nxt in stack.pop().successors():
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        if all(map(seen.__contains__, steps)):
            continue
        for step in steps:
            if step in seen:
                continue
            before = list(dict.fromkeys(step.predecessors()))
            yield step, _(
                "step '{step}' of process '{process}' is unreachable: no start step ({starts}) leads to it "
                "along sequence flows; it follows only {before}, which no start reaches either: connect it "
                "with a sequence flow from the step before it, or remove it").format(
                    step=step.label, process=process.label, starts=names((s.label for s in starts), 5, none=_("none")),
                    before=names((s.label for s in before), 5, none=_("none")))


@orgcheck.rule("OC008", "multiple-reporting-trees", severity="warning", options={"allowed": 1},
               needs=("reporting_lines",))
def multiple_reporting_trees(org, allowed):
    """More people head a reporting tree than allowed.

    What: more than `allowed` people have no `reports_to` (absent or null) while others
    have one. The people without `reports_to` are the tops of the reporting trees; the
    `allowed` largest trees (by positions: the people in the tree, vacant ones included,
    an aggregate position counting as its people; ties go by document order) are not
    extra, and every other top gets one finding. A person alone (no `reports_to`,
    nobody reporting to them) is a tree of one. Silent when nobody has `reports_to`
    (a plain list of people). A `reports_to` that names nobody is OC003's finding; that
    person is not counted as a top. Aggregate positions (`x-aggregate`, grade bands of
    junior staff in a UK organogram) that name no post are one fact however many rows
    repeat it: one finding, at the first of them, with their number and the next few
    rows (one finding per fact; an independent count of the UK organograms found one
    file with 892 such rows).

    Why: one organization has one accountable top; a second tree usually means a
    forgotten reporting line, and everyone in it is invisible to the span, layer and
    escalation rules that work up the hierarchy (no common superior exists across
    trees). (Source: the format-1 contract, docs/model.md "Person": `reports_to` absent = top of a
    reporting tree.)

    Fix: give the extra top a `reports_to`. If the document really describes several
    independent organizations (a group of companies, a board beside management),
    raise `allowed`, or model them in separate files.

    Options:
        allowed (default 1): how many reporting trees are expected; the largest ones
        up to this number are never reported.

    Example:
        {"id": "ceo", "name": "Ann"}, ... 48 people under Ann ...,
        {"id": "siu", "name": "Bo"}, {"id": "i1", "name": "Cy", "reports_to": "siu"}
        -> Bo reports to no one and heads a separate reporting tree of 2 positions, beside
           the tree of Ann (49 positions); 2 people head reporting trees (1 allowed): give
           Bo a manager (reports_to), or, ...
    """
    people = org.people
    if not any(p.raw.get("reports_to") is not None for p in people):
        return
    # The model's tops (no manager, not reporting to themselves) less those whose
    # `reports_to` names nobody (OC003's): a million people are not walked again.
    tops = [p for p in org.tops() if p.raw.get("reports_to") is None]
    keep = max(allowed, 0)
    if len(tops) <= keep:
        return
    # Grade bands of staff that name no post (UK junior rows) are one fact, however many
    # rows repeat it: one finding at the first, not one per row.
    bands = [p for p in tops if p.aggregate and not p.manages]
    posts = [p for p in tops if not (p.aggregate and not p.manages)] or tops
    # Without aggregate positions (fte > 0: each counts 1 or more) a tree's positions are its people.
    ones = org.headcount() == len(people)
    size = {id(top): len(tree) if ones else sum(p.count for p in tree) for top in posts
            for tree in (org.subtree(top),)}
    ranked = sorted(range(len(posts)), key=lambda i: (-size[id(posts[i])], i))
    kept = {ranked[i] for i in range(min(keep, len(posts)))}
    largest = posts[ranked[0]]
    heads = len(posts)
    for i, top in enumerate(posts):
        if i in kept or heads <= keep:
            continue
        n = size[id(top)]
        if top.manages:
            tree = _("{person} reports to no one and heads a separate reporting tree of {positions}").format(
                person=post_label(top), positions=ngettext("{count} position", "{count} positions", n).format(count=n))
        else:
            tree = _("{person} reports to no one, and nobody reports to them: a position outside every "
                     "reporting tree").format(person=post_label(top))
        if i != ranked[0]:
            tree = _("{tree}, beside the tree of {top} ({positions})").format(
                tree=tree, top=post_label(largest), positions=ngettext(
                    "{count} position", "{count} positions", size[id(largest)]).format(count=size[id(largest)]))
        yield top, _("{tree}; {heads} ({allowed} allowed): give {person} a manager (reports_to), or, if the "
                     "document describes several organizations, allow more trees (allowed)").format(
            tree=tree, heads=ngettext("{count} person heads a reporting tree", "{count} people head reporting trees",
                                      heads).format(count=heads),
            allowed=keep, person=post_label(top))
    if bands and posts is not tops:
        first, staff = bands[0], sum(p.count for p in bands)
        rows = names((p.id for p in bands[1:]), 3, none="")
        yield first, ngettext(
            "{count} grade band of staff ({staff}) reports to no post, so nobody in the reporting tree of {top} "
            "manages it: give it its reporting senior post (reports_to){rows}",
            "{count} grade bands of staff ({staff}) report to no post, so nobody in the reporting tree of {top} "
            "manages them: give each band its reporting senior post (reports_to){rows}", len(bands)).format(
            count=len(bands), staff=ngettext("{count} person", "{count} people", staff).format(count=staff),
            top=post_label(largest), rows=_("; this row and {rows}").format(rows=rows) if rows else "")


@orgcheck.hookimpl
def orgcheck_rules():
    return [duplicate_id, unknown_reference, reporting_cycle, unit_cycle, process_without_start,
            unreachable_step, multiple_reporting_trees]

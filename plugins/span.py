"""OC1xx: span of control and layers (pillar 1, self-steering).

Where people steer themselves and coordinate horizontally, fewer managers are
needed: spans can be wider and the hierarchy flatter. These rules read the solid
reporting lines (`reports_to`) only; dotted lines never count.

Readings of rules.md made precise here:

- A span counts people, not entries: each direct report counts ``person.count``
  (an aggregate position of junior staff, ``x-aggregate``, stands for several
  people). Vacant positions count: the span is what the design asks of the manager.
- Headcount and tree sizes likewise sum ``count``, vacant positions included.
- People in a reporting loop are not judged by OC101-OC103 (the loop is OC004's
  finding, and their spans include a line that will be removed); people below a
  loop are.
- A reporting tree is a person without a manager and everyone below them. A tree
  headed by a person in a reporting cycle is OC004's, and not weighed here.
- A later entity with a duplicate id is ignored (OC002 reports it).
"""
from __future__ import annotations

import orgcheck
from orgcheck.i18n import _, ngettext
from orgcheck.model import layers_needed

PILLAR = "self-steering"


def _span(person) -> int:
    return sum(r.count for r in person.reports)


def _reports_phrase(person) -> str:
    n = _span(person)
    text = ngettext("{count} direct report", "{count} direct reports", n).format(count=n)
    if n != len(person.reports):
        positions = len(person.reports)
        text += ngettext(" (in {count} position, an aggregate position counting as its people)",
                         " (in {count} positions, an aggregate position counting as its people)",
                         positions).format(count=positions)
    return text


def _percent(share: float) -> str:
    """0.245 -> '24.5%', 0.15 -> '15%'."""
    text = f"{share * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _managers(org):
    """Managers in document order, without those in a reporting loop (OC004's finding:
    each has the person before them in the loop among their reports)."""
    in_loop = {id(p) for loop in org.reporting_cycles for p in loop}
    return [m for m in org.managers() if id(m) not in in_loop]


def _live_people(org):
    return org.live(org.people)


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC101", "span-too-wide", severity="warning", pillar=PILLAR,
               options={"max_by_type": {"player-coach": 5, "coach": 7, "supervisor": 10, "facilitator": 15},
                        "max": 10})
def span_too_wide(org, max_by_type, max):
    """A manager has more direct reports than the bound for their `manager_type`.

    What: a manager whose direct reports (through `reports_to`; each report counts as
    its people, so an aggregate position of junior staff counts as several; vacant
    positions count) exceed the bound of their `manager_type` in `max_by_type`. A
    manager without `manager_type` has the bound `max`; a type that `max_by_type`
    does not list (by default `coordinator`) has no bound. People in a reporting loop
    are OC004's finding and not judged here.

    Why: McKinsey ("How to identify the right spans of control for your organization",
    2017) finds no single magic number but five manager archetypes: player/coach 3-5,
    coach 6-7, supervisor 8-10, facilitator 11-15, coordinator 15+. Beyond the bound
    for the kind of managing a position does, the manager cannot give each person the
    attention the role promises; either the people need less steering (they steer
    themselves, and the manager facilitates), or the span is too wide.

    Fix: split the span, or design the work so that the team steers itself and the
    manager facilitates rather than supervises (a `facilitator` manages up to 15
    experienced, self-managing professionals); record that in `manager_type`.

    Options:
        max_by_type (default {player-coach = 5, coach = 7, supervisor = 10,
        facilitator = 15}): the most direct reports for each manager_type; a type not
        in it has no bound. The config merges it entry by entry: setting
        `coordinator = 30` bounds coordinators and keeps the other bounds.
        max (default 10): the bound for a manager without manager_type.

    Example:
        {"id": "mia", "name": "Mia Jansen", "manager_type": "supervisor"} with 12 people
        reporting to mia
        -> Mia Jansen (supervisor) has 12 direct reports; a supervisor manages at most 10: ...
    """
    facilitator = max_by_type.get("facilitator")
    for manager in _managers(org):
        kind = manager.manager_type
        if kind is None:
            bound = max
        elif kind in max_by_type:
            bound = max_by_type[kind]
        else:
            continue
        span = _span(manager)
        if span <= bound:
            continue
        if kind is None:
            head = _("{manager} has {reports}; a manager without manager_type manages at most {bound}").format(
                manager=manager.label, reports=_reports_phrase(manager), bound=bound)
            tail = _("split the span, or let the team steer itself so that the manager facilitates "
                     "rather than supervises")
            if facilitator is not None and facilitator > bound:
                tail += _(" (record manager_type facilitator: up to {facilitator})").format(facilitator=facilitator)
        else:
            head = _("{manager} ({kind}) has {reports}; a {kind} manages at most {bound}").format(
                manager=manager.label, kind=kind, reports=_reports_phrase(manager), bound=bound)
            if kind != "facilitator" and facilitator is not None and facilitator > bound:
                tail = _("split the span, or let the team steer itself so that the manager facilitates rather "
                         "than supervises (a facilitator manages up to {facilitator})").format(facilitator=facilitator)
            else:
                tail = _("split the span into self-steering teams, each with its own facilitator")
        yield manager, f"{head}: {tail}"


@orgcheck.rule("OC102", "span-too-narrow", severity="warning", pillar=PILLAR, options={"min": 3})
def span_too_narrow(org, min):
    """A manager has fewer direct reports than `min` (player-coaches exempt).

    What: a manager (a person with at least one direct report through `reports_to`)
    whose direct reports, each counted as its people, vacant positions included, are
    fewer than `min`. A `player-coach` is exempt: they do their own work and manage a
    few people on the side. People in a reporting loop are OC004's finding and not
    judged here.

    Why: second-level supervisors need at least 3 subordinates (US National Guard HR
    guidance, quoted by N. Stanford, "Layers and spans", 2014). A manager of one or two
    people adds a layer of control without adding capacity; Bain ("Streamlining spans
    and layers") finds most organizations have 1-2 layers more than they need.

    Fix: merge the position into the layer above (its reports report one level up), or
    combine it with a neighbouring team; where the manager mainly does their own work,
    make the position a `player-coach`.

    Options:
        min (default 3): the fewest direct reports a manager should have.

    Example:
        {"id": "lars", "name": "Lars Lawson"} with 2 people reporting to lars
        -> Lars Lawson has 2 direct reports, fewer than 3: ...
    """
    for manager in _managers(org):
        if manager.manager_type == "player-coach":
            continue
        span = _span(manager)
        if span >= min:
            continue
        if manager.manager is not None:
            fix = _("let the reports report one level up, or merge the team with a neighbouring one")
        else:
            fix = _("merge the position with the one below it")
        yield manager, _(
            "{manager} has {reports}, fewer than {min}: a management layer that adds control without "
            "capacity; {fix}, or make {manager} a player-coach who also does the work").format(
            manager=manager.label, reports=_reports_phrase(manager), min=min, fix=fix)


@orgcheck.rule("OC103", "one-over-one", severity="warning", pillar=PILLAR)
def one_over_one(org):
    """A manager's only direct report is a manager too: a pass-through layer.

    What: a manager with exactly one direct report (one position standing for one
    person) who has direct reports of their own. People in a reporting loop are OC004's
    finding and not judged here.

    Why: a one-over-one adds a layer through which every decision and escalation passes
    without anyone being managed by it; with uniform span S, headcount T needs about
    log_S(T) layers, and Bain ("Streamlining spans and layers") finds most organizations
    have 1-2 layers more than they need. Horizontal coordination between colleagues
    needs fewer, not more, managers.

    Fix: remove the layer: let the report's people report to the upper manager, or
    merge the two positions into one.

    Options: none.

    Example:
        {"id": "ann", "name": "Ann"}, {"id": "bo", "name": "Bo", "reports_to": "ann"},
        and 5 people reporting to bo
        -> Ann has one direct report, Bo, who manages 5 people: a pass-through layer; ...
    """
    for manager in _managers(org):
        if len(manager.reports) != 1:
            continue
        report = manager.reports[0]
        if report.count != 1 or not report.reports:
            continue
        yield manager, ngettext(
            "{manager} has one direct report, {report}, who manages {count} person: a pass-through layer; "
            "let {report}'s reports report to {manager}, or merge the two positions",
            "{manager} has one direct report, {report}, who manages {count} people: a pass-through layer; "
            "let {report}'s reports report to {manager}, or merge the two positions",
            _span(report)).format(manager=manager.label, report=report.label, count=_span(report))


@orgcheck.rule("OC104", "too-many-layers", severity="warning", pillar=PILLAR,
               options={"target_span": 8, "slack": 1})
def too_many_layers(org, target_span, slack):
    """A reporting tree is deeper than its size needs.

    What: per reporting tree (a person without `reports_to` and everyone below them):
    T = the positions in the tree (vacant ones included, an aggregate position counting
    as its people), L = the smallest integer with `target_span`^L >= T (integer
    arithmetic), and the tree's depth = its number of layers (the top is layer 1). Fires
    when the depth is more than L + `slack`, on the tree's top person; the message shows
    the deepest chain (the first deepest person in document order). A `target_span`
    below 2 is read as 2.

    Why: with a uniform span S, headcount T needs about log_S(T) layers; Bain
    ("Streamlining spans and layers") finds most organizations have 1-2 layers more than
    they need. Every extra layer lengthens escalation paths and moves decisions away
    from the people who do the work.

    Fix: remove pass-through and narrow layers (see OC102, OC103): widen spans where
    teams can steer themselves, and let teams coordinate with each other directly
    instead of through a shared manager.

    Options:
        target_span (default 8): the span S that the layer count is based on.
        slack (default 1): how many layers more than L a tree may have.

    Example:
        a tree of 50 positions, 5 layers deep
        -> the reporting tree of Ann has 5 layers; 50 positions at a span of 8 need 2
           (8^2 = 64 >= 50), at most 3 with slack 1: Ann → Bo → Cy → Di → Ed; ...
    """
    span = target_span if target_span >= 2 else 2
    in_loop = {id(loop[0]) for loop in org.reporting_cycles if len(loop) == 1}
    for top in _live_people(org):
        if top.manager is not None or id(top) in in_loop or top.layer != 1:
            continue
        tree = org.subtree(top)
        positions = sum(p.count for p in tree)
        layers = layers_needed(positions, span)
        bound = layers + slack
        depth = 0
        deepest = top
        for p in tree:
            if p.layer is None:
                continue
            # _order: the person's place in `people` (no dict of a million people to build)
            if p.layer > depth or (p.layer == depth and p._order < deepest._order):
                depth, deepest = p.layer, p
        if depth <= bound:
            continue
        chain = [deepest, *deepest.superiors()]
        chain.reverse()
        labels = [p.label for p in chain]
        if len(labels) > 12:  # a 30,000-deep chain must not make a 300 kB message
            labels[5:-5] = [_("… {count} more …").format(count=len(labels) - 10)]
        yield top, ngettext(
            "the reporting tree of {top} has {depth} layer; {positions} positions at a span of {span} need "
            "{layers} ({span}^{layers} = {power} >= {positions}), at most {bound} with slack {slack}: {chain}; "
            "remove pass-through and narrow layers, and let teams coordinate directly instead of through a "
            "manager",
            "the reporting tree of {top} has {depth} layers; {positions} positions at a span of {span} need "
            "{layers} ({span}^{layers} = {power} >= {positions}), at most {bound} with slack {slack}: {chain}; "
            "remove pass-through and narrow layers, and let teams coordinate directly instead of through a "
            "manager", depth).format(top=top.label, depth=depth, positions=positions, span=span, layers=layers,
                                     power=span ** layers, bound=bound, slack=slack, chain=" → ".join(labels))


@orgcheck.rule("OC105", "manager-share-high", severity="info", pillar=PILLAR,
               options={"max_share": 0.15, "min_headcount": 20})
def manager_share_high(org, max_share, min_headcount):
    """Managers make up a large share of the organization.

    What: the number of managers (positions with at least one direct report through
    `reports_to`) divided by the headcount (all positions, vacant ones included, an
    aggregate position counting as its people) exceeds `max_share`, in an organization
    of at least `min_headcount`. One finding for the whole document.

    Why: Hamel: spans of 1:10 make managers about 11 percent of headcount; every manager
    beyond that is steering that the people could do themselves. Gallup (2025) finds a
    median span of 5-6; McKinsey (2017) finds no single magic number, but a high share
    of managers means narrow spans and more layers of control.

    Fix: widen spans where teams can steer themselves (see OC102, OC103), turn managers
    of one or two people into player-coaches or professionals, and let teams
    coordinate horizontally.

    Options:
        max_share (default 0.15): the largest acceptable share of managers, 0 to 1.
        min_headcount (default 20): smaller organizations are not judged.

    Example:
        53 positions, 13 of them managers
        -> 13 of 53 positions (24.5%) are managers, more than 15%: ...
    """
    people = _live_people(org)
    headcount = sum(p.count for p in people)
    if headcount < min_headcount or headcount == 0:
        return
    managers = [p for p in people if p.reports]
    from fractions import Fraction  # here: a lint that never needs it starts faster

    # exact: 3 managers of 20 is not more than 0.15 (the float 0.15 is a hair below it)
    if Fraction(len(managers), headcount) <= Fraction(repr(max_share)):
        return
    yield orgcheck.Finding(
        None,
        _("{managers} of {headcount} positions ({share}) are managers, more than {max_share}: narrow spans and "
          "extra layers of control; widen spans where teams can steer themselves (spans of about 10 make "
          "managers some {typical} of headcount)").format(
            managers=len(managers), headcount=headcount, share=_percent(len(managers) / headcount),
            max_share=_percent(max_share), typical=_percent(0.11)),
        pointer="/organization")


@orgcheck.hookimpl
def orgcheck_rules():
    return [span_too_wide, span_too_narrow, one_over_one, too_many_layers, manager_share_high]

"""OC1xx: span of control and layers (pillar 1, self-steering).

Where people steer themselves and coordinate horizontally, fewer managers are
needed: spans can be wider and the hierarchy flatter. These rules read the solid
reporting lines (`reports_to`) only; dotted lines never count.

Readings of rules.md made precise here:

- A span counts named positions: the direct reports a manager steers in person,
  vacant positions included (the span is what the design asks of the manager). An
  aggregate position (``x-aggregate``, a grade band of junior staff in a UK
  organogram) stands for staff somewhere below the post, not for direct reports: it
  is shown beside the span ("span 3, plus 85 staff in 10 grade bands below"), and a
  post with such staff below it is not judged narrow or one-over-one, since its real
  span is unknown; it may still be too wide on its named reports.
- Headcount and tree sizes count an aggregate position as ceil(FTE) people, vacant
  positions included (OC104, OC105).
- People in a reporting loop are not judged by OC101-OC103 (the loop is OC004's
  finding, and their spans include a line that will be removed); people below a
  loop are.
- A one-over-one is OC103's finding alone: it implies the narrow span.
- A reporting tree is a person without a manager and everyone below them. A tree
  headed by a person in a reporting cycle is OC004's, and not weighed here.
- A later entity with a duplicate id is ignored (OC002 reports it).

The measures (``span_bound``, ``span_floor``, ``span_status``, ``is_one_over_one``,
``trees``, ``manager_share``) are the ones the rules judge; views ask for them through
the ``orgcheck_measures`` hook with the configured options of the rules.
"""
from __future__ import annotations

from typing import Any

import orgcheck
from orgcheck.model import Org, Person, layers_needed
from orgcheck.wording import percent, plural

PILLAR = "self-steering"
WIDE, NARROW, LAYERS, SHARE = "span-too-wide", "span-too-narrow", "too-many-layers", "manager-share-high"


# -- measures ------------------------------------------------------------------


def span_bound(person: Person, wide: dict[str, Any] | None) -> int | None:
    """The most named direct reports OC101 allows this manager (None: no bound)."""
    if wide is None:
        return None
    kind = person.manager_type
    if kind is None:
        return wide["max"]
    return wide["max_by_type"].get(kind)


def span_floor(person: Person, narrow: dict[str, Any] | None) -> int | None:
    """The fewest named direct reports OC102 asks of this manager (None: exempt, as a
    player-coach is, or not judged, as a post with aggregated staff below is)."""
    if narrow is None or person.manager_type == "player-coach" or person.bands_below:
        return None
    return narrow["min"]


def is_one_over_one(person: Person) -> bool:
    """OC103: one named direct report, who manages people too, and no aggregated staff
    below (whose real span is unknown)."""
    reports = person.reports
    return len(reports) == 1 and not person.staff and reports[0].manages


def span_status(org: Org, person: Person, wide: dict[str, Any] | None = None,
                narrow: dict[str, Any] | None = None) -> str:
    """One manager's verdict: 'wide', 'narrow', 'one-over-one', 'within', 'not judged'
    (a narrow named span over aggregated staff: the real span is unknown) or 'in a loop'."""
    if org.in_reporting_loop(person):
        return "in a loop"
    n = person.span
    high, low = span_bound(person, wide), span_floor(person, narrow)
    too_wide = high is not None and n > high
    if too_wide and low is not None and n < low:  # only under a config whose min exceeds its max
        return "narrow and wide"
    if too_wide:
        return "wide"
    if is_one_over_one(person):
        return "one-over-one"
    if low is not None and n < low:
        return "narrow"
    if person.bands_below and narrow is not None and n < narrow["min"] and person.manager_type != "player-coach":
        return "not judged"
    return "within"


def span_text(person: Person) -> str:
    """'span 3', or 'span 3, plus 85 staff in 10 grade bands below'."""
    text = f"span {person.span}"
    if person.bands_below:
        text += f", plus {_staff_below(person)}"
    return text


def _staff_below(person: Person) -> str:
    return f"{plural(person.staff_below, 'staff')} in {plural(person.bands_below, 'grade band')} below"


def trees(org: Org, layers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each reporting tree (OC104): its top, positions (an aggregate counting as its
    people), depth, the layers its size needs, and the most it may have. ``status`` is
    'deep', 'within', or 'not judged' without the rule's options."""
    span = max(layers["target_span"], 2) if layers else 2
    out = []
    for top in org.tops():
        tree = org.subtree(top)
        positions = sum(p.count for p in tree)
        needed = layers_needed(positions, span) if layers else None
        depth, deepest = 0, top
        for p in tree:  # the first deepest person in document order
            if p.layer is not None and (p.layer > depth or (p.layer == depth and p.index < deepest.index)):
                depth, deepest = p.layer, p
        allowed = needed + layers["slack"] if layers else None
        out.append({"top": top, "positions": positions, "layers": depth, "needed": needed,
                    "max_layers": allowed, "deepest": deepest, "span": span,
                    "status": "not judged" if layers is None else "deep" if depth > allowed else "within"})
    return out


def manager_share(org: Org, share: dict[str, Any] | None = None) -> dict[str, Any]:
    """OC105's figures: managers, headcount (aggregate positions as their people), the
    share, the bounds, and 'high', 'within' or 'not judged'."""
    headcount = org.headcount()
    managers = sum(1 for p in org.people if p.manages)  # in a loop too: a manager is a manager
    out = {"managers": managers, "headcount": headcount,
           "share": round(managers / headcount, 4) if headcount else None,
           "max_share": share["max_share"] if share else None,
           "min_headcount": share["min_headcount"] if share else None}
    from fractions import Fraction  # here: a lint that never needs it starts faster

    if share is None or headcount == 0 or headcount < share["min_headcount"]:
        out["status"] = "not judged"
    # exact: 3 managers of 20 is not more than 0.15 (the float 0.15 is a hair below it)
    elif Fraction(managers, headcount) > Fraction(repr(share["max_share"])):
        out["status"] = "high"
    else:
        out["status"] = "within"
    return out


def _reports_phrase(person: Person) -> str:
    text = plural(person.span, "direct report")
    if person.bands_below:
        text += f", plus {_staff_below(person)}"
    return text


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC101", "span-too-wide", severity="warning", pillar=PILLAR,
               options={"max_by_type": {"player-coach": 5, "coach": 7, "supervisor": 10, "facilitator": 15},
                        "max": 10}, needs=("reporting_lines",))
def span_too_wide(org, max_by_type, max):
    """A manager has more direct reports than the bound for their `manager_type`.

    What: a manager whose named direct reports (through `reports_to`; vacant positions
    count) exceed the bound of their `manager_type` in `max_by_type`. A manager
    without `manager_type` has the bound `max`; a type that `max_by_type` does not
    list (by default `coordinator`) has no bound. An aggregate position (`x-aggregate`,
    a grade band of junior staff in a UK organogram) is staff somewhere below the post,
    not a direct report: it is named beside the span in the message, never counted in
    it (an independent count of the UK organograms' named reports decided this: a band
    of 85 staff is not 85 direct reports). People in a reporting loop are OC004's
    finding and not judged here.

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
    wide = {"max_by_type": max_by_type, "max": max}
    for manager in org.managers():
        bound = span_bound(manager, wide)
        if bound is None or manager.span <= bound:
            continue
        kind = manager.manager_type
        if kind is None:
            head = (f"{manager.label} has {_reports_phrase(manager)}; a manager without manager_type "
                    f"manages at most {bound}")
            tail = ("split the span, or let the team steer itself so that the manager facilitates "
                    "rather than supervises")
            if facilitator is not None and facilitator > bound:
                tail += f" (record manager_type facilitator: up to {facilitator})"
        else:
            head = f"{manager.label} ({kind}) has {_reports_phrase(manager)}; a {kind} manages at most {bound}"
            tail = "split the span"
            if kind != "facilitator" and facilitator is not None and facilitator > bound:
                tail += (", or let the team steer itself so that the manager facilitates rather than "
                         f"supervises (a facilitator manages up to {facilitator})")
            else:
                tail += " into self-steering teams, each with its own facilitator"
        yield manager, f"{head}: {tail}"


@orgcheck.rule("OC102", "span-too-narrow", severity="warning", pillar=PILLAR, options={"min": 3}, needs=("reporting_lines",))
def span_too_narrow(org, min):
    """A manager has fewer direct reports than `min` (player-coaches exempt).

    What: a manager (a person with at least one direct report through `reports_to`)
    whose named direct reports, vacant positions included, are fewer than `min`. A
    `player-coach` is exempt: they do their own work and manage a few people on the
    side. Not judged: a post with aggregate positions (`x-aggregate`, grade bands of
    junior staff) below it, whose real span the data cannot tell; a one-over-one,
    which is OC103's finding alone (it implies the narrow span); people in a reporting
    loop, which are OC004's finding.

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
    narrow = {"min": min}
    for manager in org.managers():
        floor = span_floor(manager, narrow)
        if floor is None or manager.span >= floor or is_one_over_one(manager):
            continue
        if manager.manager is not None:
            fix = "let the reports report one level up, or merge the team with a neighbouring one"
        else:
            fix = "merge the position with the one below it"
        yield manager, (
            f"{manager.label} has {_reports_phrase(manager)}, fewer than {min}: a management layer "
            f"that adds control without capacity; {fix}, or make {manager.label} a player-coach who "
            f"also does the work")


@orgcheck.rule("OC103", "one-over-one", severity="warning", pillar=PILLAR, needs=("reporting_lines",))
def one_over_one(org):
    """A manager's only direct report is a manager too: a pass-through layer.

    What: a manager with exactly one direct report (a named position) who has direct
    reports of their own. Not judged: a post with aggregate positions (`x-aggregate`,
    grade bands of junior staff) below it, whose real span the data cannot tell, and
    people in a reporting loop (OC004's finding). OC102 stays silent on a one-over-one:
    one finding per fact.

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
    for manager in org.managers():
        if not is_one_over_one(manager):
            continue
        report = manager.reports[0]
        managed = plural(report.span + report.staff_below, "person", "people")
        yield manager, (
            f"{manager.label} has one direct report, {report.label}, who manages "
            f"{managed}: a pass-through layer; "
            f"let {report.label}'s reports report to {manager.label}, or merge the two positions")


@orgcheck.rule("OC104", "too-many-layers", severity="warning", pillar=PILLAR,
               options={"target_span": 8, "slack": 1}, needs=("reporting_lines",))
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
    for tree in trees(org, {"target_span": target_span, "slack": slack}):
        if tree["status"] != "deep":
            continue
        top, deepest, depth, span = tree["top"], tree["deepest"], tree["layers"], tree["span"]
        positions, layers, bound = tree["positions"], tree["needed"], tree["max_layers"]
        chain = [deepest, *org.superiors(deepest)]
        chain.reverse()
        labels = [p.label for p in chain]
        if len(labels) > 12:  # a 30,000-deep chain must not make a 300 kB message
            labels[5:-5] = [f"… {len(labels) - 10} more …"]
        yield top, (
            f"the reporting tree of {top.label} has {depth} layers; {positions} positions at a span of "
            f"{span} need {layers} ({span}^{layers} = {span ** layers} >= {positions}), at most {bound} with slack "
            f"{slack}: {' → '.join(labels)}; remove pass-through and narrow layers, and "
            f"let teams coordinate directly instead of through a manager")


@orgcheck.rule("OC105", "manager-share-high", severity="info", pillar=PILLAR,
               options={"max_share": 0.15, "min_headcount": 20}, needs=("reporting_lines",))
def manager_share_high(org, max_share, min_headcount):
    """Managers make up a large share of the organization.

    What: the number of managers (positions with at least one direct report through
    `reports_to`) divided by the headcount (all positions, vacant ones included, an
    aggregate position counting as its people) exceeds `max_share`, in an organization
    of at least `min_headcount`. One finding for the whole document.

    Why: Hamel: spans of 1:10 make managers about 11% of headcount; every manager
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
    figures = manager_share(org, {"max_share": max_share, "min_headcount": min_headcount})
    if figures["status"] != "high":
        return
    managers, headcount = figures["managers"], figures["headcount"]
    yield orgcheck.Finding(
        None,
        f"{managers} of {headcount} positions ({percent(managers / headcount, 1)}) are "
        f"managers, more than {percent(max_share, 1)}: narrow spans and extra layers of control; widen spans where "
        f"teams can steer themselves (spans of about 10 make managers some 11% of headcount)",
        pointer="/organization")


@orgcheck.hookimpl
def orgcheck_rules():
    return [span_too_wide, span_too_narrow, one_over_one, too_many_layers, manager_share_high]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("span_bound", lambda org, person, wide: span_bound(person, wide), {"wide": WIDE}),
            orgcheck.Measure("span_floor", lambda org, person, narrow: span_floor(person, narrow),
                             {"narrow": NARROW}),
            orgcheck.Measure("span_status", span_status, {"wide": WIDE, "narrow": NARROW}),
            orgcheck.Measure("span_text", lambda org, person: span_text(person)),
            orgcheck.Measure("one_over_one", lambda org, person: is_one_over_one(person)),
            orgcheck.Measure("trees", trees, {"layers": LAYERS}),
            orgcheck.Measure("manager_share", manager_share, {"share": SHARE})]

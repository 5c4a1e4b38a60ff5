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
``layers``, ``trees``, ``manager_share``, ``is_vacant_manager``) are the ones the rules
judge; views ask for them through the ``orgcheck_measures`` hook with the configured
options of the rules.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgcheck_plugins._common import exceeds

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.model import Org, Person, layers_needed
from orgcheck.wording import percent

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
    text = _("span {count}").format(count=person.span)
    if person.bands_below:
        text = _("{span}, plus {staff}").format(span=text, staff=_staff_below(person))
    return text


def _staff_below(person: Person) -> str:
    return ngettext("{staff} in {count} grade band below", "{staff} in {count} grade bands below",
                    person.bands_below).format(staff=_("{count} staff").format(count=person.staff_below),
                                               count=person.bands_below)


def post_label(person: Person) -> str:
    """How a message names a post: its label, with '(vacant)' when it is vacant and the
    label does not say so already; an unnamed vacancy by its title: 'Head of Care
    (vacant, p7)'. A vacancy is judged as a post, and never asked to act."""
    if person.vacant and not person.raw.get("name") and person.title:
        return _("{title} (vacant, {id})").format(title=person.title, id=person.id)
    label = person.label
    if person.vacant and "vacant" not in label.lower():
        return _("{post} (vacant)").format(post=label)
    return label


def is_fragment_head(person: Person) -> bool:
    """Whether the person heads a fragment: their `reports_to` names nobody in the
    document (OC003's finding), so their real manager, and the tree above, are missing
    from a partial export."""
    return person.manager is None and person.raw.get("reports_to") is not None


def reporting_layers(org: Org, people: Iterable[Person] | None = None) -> dict[str, Any]:
    """The reporting layers a group of people spans (the whole model when ``people`` is
    None), the one definition of "layers" that OC104, ``stats``, ``diff``, ``history`` and
    the per-unit tables use: from the group's highest person (``layers_from``; the top
    of a reporting tree, or of a fragment, is layer 1) down to its lowest
    (``layers_to``), counted as the levels a decision passes between them, those where
    the group has nobody included: ``layers = layers_to - layers_from + 1``. For the
    whole model it is the depth of the deepest reporting tree. It depends on the
    highest and lowest person only. People in or below a reporting loop have no layer
    and are not counted; a group where nobody has one has 0 layers."""
    top = bottom = None
    for p in org.people if people is None else people:
        layer = p.layer
        if layer is None:
            continue
        if top is None or layer < top:
            top = layer
        if bottom is None or layer > bottom:
            bottom = layer
    return {"layers": bottom - top + 1 if top is not None else 0, "layers_from": top, "layers_to": bottom}


def trees(org: Org, layers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each reporting tree and fragment (OC104): its top, positions (an aggregate
    counting as its people), depth, the layers its size needs, the most it may have,
    and how many positions those layers hold at the target span. ``fragment`` is true
    for the part of an organization below a manager missing from the document.
    ``status`` is 'deep', 'within', 'fragment' (not judged: the layers above are
    missing) or 'not judged' without the rule's options."""
    span = max(layers["target_span"], 2) if layers else 2
    out = []
    for top in org.tops():
        # positions, depth (top: layer 1), first deepest in document order: one pass (two cost 0.07 s, one 0.05)
        positions, depth, deepest, first = 0, 0, top, top.index
        for p in org.subtree(top):
            positions += p.count
            layer = p.layer
            if layer is not None and layer >= depth and (layer > depth or p.index < first):
                depth, deepest, first = layer, p, p.index
        needed = layers_needed(positions, span) if layers else None
        allowed = needed + layers["slack"] if layers else None
        fragment = is_fragment_head(top)
        if fragment:
            status = "fragment"
        elif layers is None:
            status = "not judged"
        else:
            status = "deep" if depth > allowed else "within"
        out.append({"top": top, "positions": positions, "layers": depth, "needed": needed,
                    "max_layers": allowed, "deepest": deepest, "span": span, "fragment": fragment,
                    "holds": sum(span ** i for i in range(needed)) if needed is not None else None,
                    "status": status})
    return out


def completeness(org: Org) -> dict[str, Any]:
    """How much of the organization the document holds whole: positions (an aggregate
    counting as its people) whose line of managers reaches a top (``complete``), those
    whose line ends at a manager missing from the document (``in_fragments``, below
    ``fragments`` heads naming ``missing_managers`` distinct absent managers), and those
    in or below a reporting loop (``in_loops``), with the shares of the headcount.
    Layer judgments (OC104) are made on complete trees only."""
    complete = in_fragments = fragments = 0
    missing: set = set()
    for top in org.tops():
        size = sum(p.count for p in org.subtree(top))
        if is_fragment_head(top):
            fragments += 1
            in_fragments += size
            missing.add(str(top.raw.get("reports_to")))
        else:
            complete += size
    headcount = org.headcount()
    in_loops = headcount - complete - in_fragments

    def share(n: int) -> float | None:
        return round(n / headcount, 4) if headcount else None

    return {"positions": headcount, "complete": complete, "complete_share": share(complete),
            "in_fragments": in_fragments, "fragment_share": share(in_fragments), "fragments": fragments,
            "missing_managers": len(missing), "in_loops": in_loops, "loop_share": share(in_loops)}


def manager_share(org: Org, share: dict[str, Any] | None = None) -> dict[str, Any]:
    """OC105's figures: managers, headcount (aggregate positions as their people), the
    share, the bounds, and 'high', 'within' or 'not judged'."""
    headcount = org.headcount()
    looped = {id(p): p for loop in org.reporting_cycles for p in loop}  # managers() leaves them out,
    managers = len(org.managers()) + sum(1 for p in looped.values() if p.manages)  # but they manage too
    out = {"managers": managers, "headcount": headcount,
           "share": round(managers / headcount, 4) if headcount else None,
           "max_share": share["max_share"] if share else None,
           "min_headcount": share["min_headcount"] if share else None}
    if share is None or headcount == 0 or headcount < share["min_headcount"]:
        out["status"] = "not judged"
    # exact: 3 managers of 20 is not more than 0.15 (the float 0.15 is a hair below it)
    elif exceeds(managers, headcount, share["max_share"]):
        out["status"] = "high"
    else:
        out["status"] = "within"
    return out


def is_vacant_manager(org: Org, person: Person) -> bool:
    """OC106: a vacant, named post that people report to, outside a reporting loop, with
    someone below it who is not vacant too (a vacancy over vacancies steers nobody)."""
    return (person.vacant and not person.aggregate and person.manages and not org.in_reporting_loop(person)
            and not all(r.vacant for r in person.below()))


def _reports_phrase(person: Person) -> str:
    text = ngettext("{count} direct report", "{count} direct reports", person.span).format(count=person.span)
    if person.bands_below:
        text = _("{reports}, plus {staff}").format(reports=text, staff=_staff_below(person))
    return text


def _partial(org: Org) -> str:
    """What OC102 and OC103 add on a partial export: the span is a lower bound."""
    if not org.partial:
        return ""
    return _(" (this document is a partial export, in which some people report to managers missing from it: "
             "the span counts only the people present, and may be wider)")


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

    Fix: self-steering first (fewer managers, not more): design the work so that the
    team steers itself and the manager facilitates rather than supervises (a
    `facilitator` manages up to 15 experienced, self-managing professionals), and
    record that in `manager_type`. Only where the team cannot steer itself, split the
    span (which adds a manager).

    Options:
        max_by_type (default {player-coach = 5, coach = 7, supervisor = 10,
        facilitator = 15}): the most direct reports for each manager_type; a type not
        in it has no bound. The config merges it entry by entry: setting
        `coordinator = 30` bounds coordinators and keeps the other bounds.
        max (default 10): the bound for a manager without manager_type.

    Example:
        {"id": "mia", "name": "Mia Jansen", "manager_type": "supervisor"} with 12 people
        reporting to mia
        -> Mia Jansen (supervisor) has 12 direct reports; a supervisor manages at most 10:
           let the team steer itself so that the manager facilitates ...
    """
    facilitator = max_by_type.get("facilitator")
    wide = {"max_by_type": max_by_type, "max": max}
    for manager in org.managers():
        bound = span_bound(manager, wide)
        if bound is None or manager.span <= bound:
            continue
        kind, post, reports = manager.manager_type, post_label(manager), _reports_phrase(manager)
        if kind is None:
            head = _("{post} has {reports}, more than the {bound} a manager steers in person when no kind of "
                     "managing is recorded (manager_type)").format(post=post, reports=reports, bound=bound)
            if facilitator is not None and facilitator > bound:
                tail = _("let the team steer itself so that the manager facilitates rather than supervises "
                         "(record the post as a facilitator (manager_type): up to {facilitator}); only where "
                         "the team cannot steer itself, split the span").format(facilitator=facilitator)
            else:
                tail = _("let the team steer itself so that the manager facilitates rather than supervises; "
                         "only where the team cannot steer itself, split the span")
        else:
            head = _("{post} ({kind}) has {reports}; a {kind} manages at most {bound}").format(
                post=post, kind=kind, reports=reports, bound=bound)
            if kind != "facilitator" and facilitator is not None and facilitator > bound:
                tail = _("let the team steer itself so that the manager facilitates rather than supervises (a "
                         "facilitator manages up to {facilitator}); only where the team cannot steer itself, "
                         "split the span").format(facilitator=facilitator)
            else:
                tail = _("let the people form self-steering teams that coordinate among themselves, so that "
                         "the facilitator supports teams rather than each person; only where that is not "
                         "enough, split the span, each team with its own facilitator")
        yield manager, _("{head}: {tail}").format(head=head, tail=tail)


@orgcheck.rule("OC102", "span-too-narrow", severity="warning", pillar=PILLAR, options={"min": 3},
               needs=("reporting_lines",))
def span_too_narrow(org, min):
    """A manager has fewer direct reports than `min` (player-coaches exempt).

    What: a manager (a person with at least one direct report through `reports_to`)
    whose named direct reports, vacant positions included, are fewer than `min`. A
    `player-coach` is exempt: they do their own work and manage a few people on the
    side. Not judged: a post with aggregate positions (`x-aggregate`, grade bands of
    junior staff) below it, whose real span the data cannot tell; a one-over-one,
    which is OC103's finding alone (it implies the narrow span); people in a reporting
    loop, which are OC004's finding. On a partial export (someone's `reports_to` names
    a manager missing from the document) the message says that the span counts only
    the people present: a lower bound.

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
        # span_floor is `min` or none: a span of `min` or more is within, its record unread
        if manager.span >= min or span_floor(manager, narrow) is None or is_one_over_one(manager):
            continue
        post = post_label(manager)
        if manager.vacant and manager.manager is not None:
            fix = _("before filling the post, let its reports report one level up, merge the team with a "
                    "neighbouring one, or fill it as a player-coach (manager_type) who also does the work")
        elif manager.vacant:
            fix = _("before filling the post, merge it with the one below it, or fill it as a player-coach "
                    "(manager_type) who also does the work")
        elif manager.manager is not None:
            fix = _("let the reports report one level up, or merge the team with a neighbouring one, or make "
                    "{post} a player-coach who also does the work").format(post=post)
        else:
            fix = _("merge the position with the one below it, or make {post} a player-coach who also does "
                    "the work").format(post=post)
        yield manager, _("{post} has {reports}, fewer than {min}: a management layer that adds control without "
                         "capacity; {fix}").format(post=post, reports=_reports_phrase(manager), min=min,
                                                   fix=fix) + _partial(org)


@orgcheck.rule("OC103", "one-over-one", severity="warning", pillar=PILLAR, needs=("reporting_lines",))
def one_over_one(org):
    """A manager's only direct report is a manager too: a pass-through layer.

    What: a manager with exactly one direct report (a named position) who has direct
    reports of their own. Not judged: a post with aggregate positions (`x-aggregate`,
    grade bands of junior staff) below it, whose real span the data cannot tell, and
    people in a reporting loop (OC004's finding). OC102 stays silent on a one-over-one:
    one finding per fact. On a partial export the message says that the span counts
    only the people present.

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
        n = report.span + report.staff_below
        managed = ngettext("{count} person", "{count} people", n).format(count=n)
        yield manager, _("{post} has one direct report, {report}, who manages {managed}: a pass-through layer; "
                         "let {report}'s reports report to {post}, or merge the two positions").format(
            post=post_label(manager), report=post_label(report), managed=managed) + _partial(org)


@orgcheck.rule("OC104", "too-many-layers", severity="warning", pillar=PILLAR,
               options={"target_span": 8, "slack": 1}, needs=("reporting_lines",))
def too_many_layers(org, target_span, slack):
    """A reporting tree is deeper than its size needs.

    What: per reporting tree (a person without `reports_to` and everyone below them):
    its positions (vacant ones included, an aggregate position counting as its
    people), its depth (the number of layers, the top counted as layer 1), and the
    layers it needs: the fewest layers, the top counted as one, that hold its positions
    at a steady span of `target_span` (a top, `target_span` people below it, as many
    below each of them, and so on). Fires when the depth is more than the layers
    needed plus `slack`, on the tree's top person; the message shows the deepest chain
    (the first deepest person in document order). A `target_span` below 2 is read as 2.
    Not judged: a fragment, the part of an organization below a manager missing from
    the document (a `reports_to` that names nobody, OC003's finding): the layers above
    it are missing, so its depth says nothing about the organization's (the GitLab
    team page, a partial export, has 450 such fragments). `orgcheck stats` shows each
    tree's layers against its need and the people in fragments.

    Why: with a steady span S, a tree needs about log_S(T) layers for T positions;
    Bain ("Streamlining spans and layers") finds most organizations have 1-2 layers
    more than they need. Every extra layer lengthens escalation paths and moves
    decisions away from the people who do the work. Calibration: the top counts as a
    layer, so that an organization with the median span of 6 that Gallup (2025) finds
    (the figure OC105 cites) passes with the defaults at 50 and at 350 positions (4
    and 5 layers; 3 and 4 needed at a span of 8, plus 1 of slack).

    Fix: remove pass-through and narrow layers (see OC102, OC103): widen spans where
    teams can steer themselves, and let teams coordinate with each other directly
    instead of through a shared manager.

    Options:
        target_span (default 8): the span the layers needed are based on.
        slack (default 1): how many layers more than needed a tree may have.

    Example:
        a tree of 50 positions, 5 layers deep
        -> the reporting tree of Ann has 5 layers: Ann → Bo → Cy → Di → Ed; its 50
           positions need 3 layers at a span of 8 (the top and 2 layers below it hold
           up to 73 positions), at most 4 with 1 layer of slack; ...
    """
    for tree in trees(org, {"target_span": target_span, "slack": slack}):
        if tree["status"] != "deep":
            continue
        top, deepest, depth, span = tree["top"], tree["deepest"], tree["layers"], tree["span"]
        positions, needed, bound = tree["positions"], tree["needed"], tree["max_layers"]
        chain = [deepest, *org.superiors(deepest)]
        chain.reverse()
        labels = [p.label for p in chain]
        if len(labels) > 12:  # a 30,000-deep chain must not make a 300 kB message
            labels[5:-5] = [_("… {count} more …").format(count=len(labels) - 10)]
        yield top, _("the reporting tree of {top} has {depth}: {chain}; its {positions} need {needed} at a span "
                     "of {span} ({holds} hold up to {capacity}), at most {bound} with {slack}; remove "
                     "pass-through and narrow layers, and let teams coordinate directly instead of through a "
                     "manager").format(
            top=top.label, depth=ngettext("{count} layer", "{count} layers", depth).format(count=depth),
            chain=" → ".join(labels),
            positions=ngettext("{count} position", "{count} positions", positions).format(count=positions),
            needed=ngettext("{count} layer", "{count} layers", needed).format(count=needed), span=span,
            holds=ngettext("the top and {count} layer below it", "the top and {count} layers below it",
                           needed - 1).format(count=needed - 1),
            capacity=ngettext("{count} position", "{count} positions", tree["holds"]).format(count=tree["holds"]),
            bound=bound, slack=ngettext("{count} layer of slack", "{count} layers of slack", slack).format(
                count=slack))


@orgcheck.rule("OC105", "manager-share-high", severity="info", pillar=PILLAR,
               options={"max_share": 0.15, "min_headcount": 20}, needs=("reporting_lines",))
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
    figures = manager_share(org, {"max_share": max_share, "min_headcount": min_headcount})
    if figures["status"] != "high":
        return
    managers, headcount = figures["managers"], figures["headcount"]
    yield orgcheck.Finding(
        None,
        _("{managers} of {positions} ({share}) are managers, more than {max_share}: narrow spans and extra layers "
          "of control; widen spans where teams can steer themselves (spans of about 10 make managers some "
          "{hamel} of headcount)").format(
            managers=managers, positions=ngettext("{count} position", "{count} positions", headcount).format(
                count=headcount),
            share=percent(managers / headcount, 1), max_share=percent(max_share, 1), hamel="11%"),
        pointer="/organization")


@orgcheck.rule("OC106", "vacant-manager", severity="info", pillar=PILLAR, needs=("reporting_lines",))
def vacant_manager(org):
    """A vacant post has people reporting to it: they have nobody to steer with.

    What: a `vacant` position with at least one direct report through `reports_to` (a
    named position, or an aggregate position of staff below it) who is not vacant: a
    vacant post whose reports are all vacant too has nobody below it to steer with, and
    stays silent (`stats` counts the vacancies). The post itself is judged as a post by
    the other span rules, whose messages say it is vacant; this rule reports what the
    vacancy means for the people below it. People in a reporting loop are OC004's
    finding and not judged here.

    Why: a manager accounts for at least 70 percent of the variance in team engagement
    (Gallup, "State of the American Manager", 2015): the people below a vacant post
    have nobody to agree priorities, give feedback or escalate to, until the post is
    filled or the design says who steers with them. A vacancy is a fact of the
    organization, not a fault of its design, hence info.

    Fix: self-steering first: consider whether the people below can steer themselves
    as a team, facilitated by the manager above (record it in `reports_to` and
    `manager_type`), so that the post need not be filled. Otherwise fill the post,
    and until it is filled let its reports report to the manager above it (or to
    another manager).

    Options: none.

    Example:
        {"id": "lead", "name": "Team lead", "vacant": true, "reports_to": "ann"} with 4
        people reporting to lead
        -> Team lead (vacant) has 4 direct reports with nobody to steer with: consider
           letting them steer themselves as a team, with Ann facilitating, instead of
           filling the post (...); otherwise fill the post, and let them report to Ann
           until it is filled
    """
    for manager in org.managers():
        if not is_vacant_manager(org, manager):
            continue
        if all(r.vacant for r in manager.below()):
            continue  # nobody to steer with: the vacancies below are stats' figures, not a design choice
        above = manager.manager
        if above is not None:
            fix = _("consider letting them steer themselves as a team, with {manager} facilitating, instead of "
                    "filling the post (record it in reports_to and manager_type); otherwise fill the post, and "
                    "let them report to {manager} until it is filled").format(manager=post_label(above))
        else:
            fix = _("consider letting them steer themselves as a team, with a facilitator, instead of filling "
                    "the post (record it in reports_to and manager_type); otherwise fill the post, and let them "
                    "report to another manager until it is filled")
        yield manager, _("{post} has {reports} with nobody to steer with: {fix}").format(
            post=post_label(manager), reports=_reports_phrase(manager), fix=fix)


@orgcheck.hookimpl
def orgcheck_rules():
    return [span_too_wide, span_too_narrow, one_over_one, too_many_layers, manager_share_high, vacant_manager]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("span_bound", lambda org, person, wide: span_bound(person, wide), {"wide": WIDE}),
            orgcheck.Measure("span_floor", lambda org, person, narrow: span_floor(person, narrow),
                             {"narrow": NARROW}),
            orgcheck.Measure("span_status", span_status, {"wide": WIDE, "narrow": NARROW}),
            orgcheck.Measure("span_text", lambda org, person: span_text(person)),
            orgcheck.Measure("one_over_one", lambda org, person: is_one_over_one(person)),
            orgcheck.Measure("layers", reporting_layers),
            orgcheck.Measure("trees", trees, {"layers": LAYERS}),
            orgcheck.Measure("vacant_manager", is_vacant_manager),
            orgcheck.Measure("completeness", completeness),
            orgcheck.Measure("manager_share", manager_share, {"share": SHARE})]

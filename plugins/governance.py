"""OC010, OC509-OC514: the governance of self-organizing structures (pillar 1,
self-steering).

Open-source projects and team-of-teams designs keep their teams as code: each team,
working group or project group lists its leads, its members and its alumni, and a
person belongs to many of them (issue 24). What keeps such a structure steering
itself is that no unit rests on one person, that nobody leads or joins more units
than they can give attention to, that each unit knows who convenes it, that
temporary groups end, and that the record is consistent: a lead is a member, and a
former member is not also a current one (the checks rust-lang/team's own validator
runs in its CI, `src/validate.rs`).

Readings made precise here (as an org designer would):

- A *self-organizing structure* is a unit of `type` `team`, `circle`,
  `working-group` or `project-group`, or any unit with `self_organizing: true`; a
  unit with `archived: true` (a retired team, where the model records it) is not
  part of it. Departments, divisions and the organization are hierarchy: spans and
  layers judge them.
- A unit's *people* are those whose line unit (`unit`) it is and those it lists in
  `members`, each once; its `lead` counts among them for OC509. Former members
  (`former_members`) never count. A vacant position is nobody; an aggregate position
  counts as the people it stands for (``person.count``).
- A unit *leads* through its `lead`, or through a member listed with the role `lead`
  or `chair` (`tech-lead` leads the technical work, not the unit). OC512 judges
  only where the model records a lead for at least one self-organizing unit: a
  source that names no leads at all (a Backstage catalog) says nothing about them.
- A reference in `members`, `former_members`, `member_of` or `lead` that names no
  person is OC003's finding; these rules leave such an item out.
- A later entity with a duplicate id is reported by OC002 and otherwise ignored.

Cost: the units a person belongs to are read from their line unit and memberships
when asked; the units each person leads are indexed once per model (``org.memo``),
shared by OC510 and the indicators. OC511 asks only the people with enough
memberships to exceed its bound, OC510 only the leads of more units than its bound.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from typing import Any

from orgcheck_plugins._common import names as _names
from orgcheck_plugins._common import until_of

import orgcheck
from orgcheck.i18n.runtime import _, lazy, ngettext

PILLAR = "self-steering"
STRUCTURES = ("team", "circle", "working-group", "project-group")
TEMPORARY = ("working-group", "project-group")


# -- measures ------------------------------------------------------------------


def self_organizing_structure(unit) -> bool:
    """Whether the governance rules judge the unit: a team, circle, working group or
    project group, or a unit that declares itself self-organizing, and not archived."""
    if unit.archived:
        return False
    return unit.type in STRUCTURES or unit.self_organizing


def leads_of(unit) -> list:
    """The people who lead the unit: its `lead`, then the members whose role leads it
    (lead, chair or tech lead: `Membership.leads`)."""
    out = [unit.lead] if unit.lead is not None else []
    for m in unit.memberships:
        if m.leads and m.person not in out:
            out.append(m.person)
    return out


def resting_on(org, unit):
    """OC509: the one person a self-organizing unit rests on, or None. Its people, with
    its lead, are one filled position standing for one person, and no sub-unit has
    anyone who could take over (a unit whose people sit in its sub-units is a grouping
    of teams)."""
    return _resting_on(unit) if self_organizing_structure(unit) else None


def _resting_on(unit):
    """resting_on of a unit known to be a self-organizing structure."""
    people = []
    for p in unit.people:
        if not p.vacant:
            if people:
                return None  # two people already (a team of thousands is not listed in full)
            people.append(p)
    if unit.lead is not None and not unit.lead.vacant and unit.lead not in people:
        people.append(unit.lead)
    if len(people) != 1 or people[0].count != 1:
        return None
    if any(not p.vacant for sub in unit.descendants() for p in sub.people):
        return None
    return people[0]


def _structures(org) -> Iterator:
    """The units the governance rules judge (``self_organizing_structure``), in document
    order: OC509, OC510, OC512, OC513 and the indicator walk these, told once per model
    by a byte per unit (a pass over a million-person model's 142,000 units' records
    costs 0.05 s; a list of the 59,000 would keep 0.5 MB more to the end of the run)."""
    return compress(org.units, org.memo(("governance", "structures"),
                                        lambda: bytes(map(self_organizing_structure, org.units))))


def _judged(org) -> dict[int, int]:
    """id(unit) -> its place among the units the governance rules judge, once per model."""
    return org.memo(("governance", "judged"), lambda: {id(u): i for i, u in enumerate(_structures(org))})


def _led(org) -> dict[Any, list]:
    """person -> the self-organizing units they lead, once per model. Keyed by the person
    (people hash by identity): no id and tuple per lead, 5 MB on a million-person model."""
    def make():
        led: dict[Any, list] = {}
        for unit in _structures(org):
            for p in leads_of(unit):
                found = led.get(p)
                if found is None:
                    led[p] = [unit]
                else:
                    found.append(unit)
        return led

    return org.memo(("governance", "led"), make)


def units_of(org, person) -> list:
    """The self-organizing units a person belongs to (line unit or listed member), in
    document order; leading a unit without being in it is not belonging to it. Read
    from the person's own line unit and memberships: no index of a million people."""
    judged = _judged(org)
    units = [person.unit, *(m.unit for m in person.memberships)] if person.memberships else [person.unit]
    found = list({id(u): u for u in units if u is not None and id(u) in judged}.values())
    return sorted(found, key=lambda u: judged[id(u)]) if len(found) > 1 else found


def membership_load(org, person) -> list:
    """OC511: the units a person belongs to, each counted once with the units above it:
    a sub-unit of another of their units is part of that unit's work (rust-lang's
    compiler-fcp, the sign-off group of compiler, is no second team to attend)."""
    units = units_of(org, person)
    mine = set(map(id, units))

    def nested(unit) -> bool:
        up, seen = unit.parent, set()
        while up is not None and id(up) not in seen:
            if id(up) in mine:
                return True
            seen.add(id(up))
            up = up.parent
        return False

    return [u for u in units if not nested(u)]


def units_led(org, person) -> list:
    """The self-organizing units a person leads (`lead`, or listed as lead or chair)."""
    return list(_led(org).get(person, ()))


def records_leads(org) -> bool:
    """Whether the model names a lead for at least one self-organizing unit."""
    return any(leads_of(u) for u in _structures(org))


def lead_load(org, person, led: dict | None = None) -> str:
    """'over' (OC510), 'within', 'not a lead', or 'not judged' (OC510 not loaded)."""
    n = len(units_led(org, person))
    if not n:
        return "not a lead"
    if led is None:
        return "not judged"
    return "over" if n > led["max_led"] else "within"


def _over(org, candidates, load, bound: int):
    """Each of ``candidates`` (people, in document order) with more units in ``load``
    (the units they lead, or belong to) than ``bound``, with those units: OC510's and
    OC511's people. The candidates are those who could have more (a million people
    each asked for their units cost a second)."""
    for person in candidates:
        units = load(org, person)
        if len(units) > bound:
            yield person, units


def _listed_in(org, at_least: int) -> list:
    """The people listed in at least ``at_least`` units' members, in document order:
    OC511's candidates (a line unit and the rest exceed its bound). Counted from the
    units' lists, which hold every membership a person has: most models list few
    members, and a million people each asked for theirs cost 0.05 s."""
    if at_least <= 0:
        return org.people
    listed: dict[int, int] = {}
    for unit in org.units:
        for m in unit.memberships:
            listed[id(m.person)] = listed.get(id(m.person), 0) + 1
    many = {key for key, n in listed.items() if n >= at_least}
    return [p for p in org.people if id(p) in many] if many else []


def _kind(unit) -> str:
    return unit.type if unit.type in STRUCTURES else _("self-organizing unit")


# -- OC514 / OC010: the record is consistent ------------------------------------


# Opt-in: the format lets a unit's `lead` sit outside it (a manager in the unit above);
# rust-lang/team and similar sources require a lead to be a member.
# Not an OC0xx integrity rule, for the same reason: the integrity preset must not judge
# a hierarchy by a convention of teams-as-code.
@orgcheck.rule("OC514", "lead-outside-unit", severity="warning", recommended=False, pillar=PILLAR,
               needs=("people", "units", "memberships"))
def lead_outside_unit(org):
    """A unit's lead is not one of its members (opt-in: strict).

    What: a unit whose `lead` is a person who is not among its people (its line
    members and the people it lists in `members`), in a unit that has people. A
    member listed with the role `lead` is a member by definition and never fires.
    The finding is at the unit's `lead`.

    Why: where leads are chosen from among a team's members, a lead outside the team
    decides for people whose work they do not share. rust-lang/team's validator
    rejects it ("`x` leads team `y`, but is not a member of it", `validate_team_leads`
    in src/validate.rs); Kubernetes' SIG governance requires its leads to be active
    contributors of the SIG (committee-steering/governance/sig-governance.md).

    Fix: list the lead among the unit's `members` (with the role `lead`), or name a
    member as lead.

    Options: none. The rule is switched off by default: the format lets a `lead` sit
    outside the unit (a manager in the unit above, in a hierarchy). Enable it with
    `extend-select = ["OC514"]` where leads must be members.

    Example:
        {"id": "docs", "name": "Docs", "type": "team", "lead": "ann",
         "members": ["bo", "cy"]}
        -> team 'Docs' is led by Ann, who is not one of its members: ...
    """
    for unit in org.units:
        lead = unit.lead
        people = unit.people
        if lead is None or not people or lead in people:
            continue
        yield orgcheck.Finding(
            unit,
            _("{kind} '{unit}' is led by {lead}, who is not one of its members: a lead decides with the people "
              "whose work they share; list {lead} among its members [members], or name a member as lead "
              "[lead]").format(kind=unit.type, unit=unit.name, lead=lead.name),
            pointer=f"{unit.pointer}/lead")


@orgcheck.rule("OC010", "former-member-listed-as-current", severity="error", needs=("people", "units"))
def former_member_listed_as_current(org):
    """A person is listed both as a former member of a unit and as a current one.

    What: a person in a unit's `former_members` who is also one of its people now (the
    unit lists them in `members`, it is their line unit, or they are its `lead`). The
    finding is at the former-member entry.

    Why: the record contradicts itself: is the person in the unit or not? Every count
    of the unit (its size, who could take over, who leads how much) depends on the
    answer. rust-lang/team keeps alumni apart from members for this reason (a person
    who leaves is moved from `members` to `alumni`; its validator also rejects an
    archived team with current members, `validate_archived_teams` in src/validate.rs).

    Fix: remove the person from `former_members` if they are back, or from `members`
    (and the unit's `lead`) if they left.

    Options: none.

    Example:
        {"id": "docs", "name": "Docs", "members": ["ann", "bo"],
         "former_members": ["bo"]}
        -> Bo is listed as a former member of Docs but is still one of its members: ...
    """
    for unit in org.units:
        if not unit.former_memberships:
            continue
        current = set(map(id, unit.people))
        if unit.lead is not None:
            current.add(id(unit.lead))
        for m in unit.former_memberships:
            if id(m.person) in current:
                yield orgcheck.Finding(
                    unit,
                    _("{person} is listed as a former member of {unit} [former_members] but is still one of its "
                      "members: remove them from the former members if they are back, or from the members if "
                      "they left").format(person=m.person.name, unit=unit.name),
                    pointer=m.pointer)


@orgcheck.rule("OC011", "archived-unit-with-members", severity="error", needs=("people", "units", "memberships"))
def archived_unit_with_members(org):
    """A unit marked as archived still lists current members.

    What: a unit with `archived: true` that has members now (its `members`, people whose
    line unit it is, or its `lead`).

    Why: an archived unit is one the organization has retired and keeps on record; a
    current member in it is counted nowhere else (no team rule judges an archived
    unit) and is missing from the units where they work. rust-lang/team's validator
    rejects an archived team with current members for this reason
    (`validate_archived_teams` in src/validate.rs): leaving people move to `alumni`.

    Fix: move the people to `former_members` (their past membership stays on record),
    or remove `archived` if the unit is active again.

    Options: none.

    Example:
        {"id": "wg-old", "name": "Old WG", "type": "working-group", "archived": true,
         "members": ["ann"]}
        -> Old WG is archived but still lists 1 current member (Ann): ...
    """
    for unit in org.units:
        if not unit.archived:
            continue
        people = list({id(p): p for p in [*unit.people, *([unit.lead] if unit.lead is not None else [])]}.values())
        if people:
            yield orgcheck.Finding(unit, ngettext(
                "{unit} is archived but still lists {count} current member ({names}): move them to its former "
                "members [former_members], or remove [archived] if the unit is active again",
                "{unit} is archived but still lists {count} current members ({names}): move them to its former "
                "members [former_members], or remove [archived] if the unit is active again",
                len(people)).format(unit=unit.name, count=len(people), names=_names(p.name for p in people)))


# -- OC509 - OC513 ----------------------------------------------------------------


@orgcheck.rule("OC509", "unit-rests-on-one-person", severity="warning", pillar=PILLAR,
               needs=("people", "units", "memberships"))
def unit_rests_on_one_person(org):
    """A team or group rests on one person: nobody could take over.

    What: a unit of `type` `team`, `circle`, `working-group` or `project-group` (or
    with `self_organizing: true`), not archived, whose people (line members, listed
    `members` and its `lead`) are one person, and none of whose sub-units has anyone.
    Vacant positions and former members do not count. A unit with nobody in it, or
    whose people sit in its sub-units (a grouping of teams), is not reported.

    Why: a unit of one is a single point of failure: when that person is ill, leaves or
    burns out, the unit's work stops and nobody knows its state. Open-source projects
    measure it as the truck factor (Avelino et al., "A novel approach for estimating
    truck factors", ICPC 2016: most popular projects rest on one or two people) and
    govern against it: Kubernetes asks 2-3 chairs, tech leads and subproject owners
    per group (sig-governance.md), the Apache Software Foundation needs three active
    PMC members to approve a release. A team of one also cannot steer itself (Team
    Topologies, Skelton & Pais); OC502 reports a team's size, this rule the continuity.

    Fix: add a second member who shares the work and could take it over, or merge the
    unit with the team it works with most.

    Options: none.

    Example:
        {"id": "regex", "name": "regex", "type": "team",
         "members": [{"person": "ag", "role": "lead"}]}
        -> team 'regex' rests on one person (Andrew Gallant): ...
    """
    for unit in _structures(org):
        person = _resting_on(unit)
        if person is None:
            continue
        yield unit, _("{kind} '{unit}' rests on one person ({person}): when they are away or leave, its work "
                      "stops and nobody can take over; add a second member who shares the work, or merge it with "
                      "the team it works with most").format(kind=_kind(unit), unit=unit.name, person=person.name)


@orgcheck.rule("OC510", "leads-too-many-units", severity="info", options={"max_led": 3}, pillar=PILLAR,
               needs=("people", "units"))
def leads_too_many_units(org, max_led):
    """A person leads more teams or groups than one can lead attentively.

    What: a person who leads more than `max_led` self-organizing units (teams,
    circles, working groups, project groups; not archived): as their `lead`, or listed
    among their `members` with the role `lead` or `chair`. One finding per person,
    naming the units.

    Why: leading a team is work of its own: Hackman ("Leading Teams", 2002) puts the
    leader's job in creating and keeping the conditions a team needs (a compelling
    direction, an enabling structure, a supportive context) and in coaching at the
    team's start, midpoint and end, which no one can do for many teams at once.
    Research on multiple team membership (O'Leary, Mortensen & Woolley, Academy of
    Management Review 2011) finds that attention split over more teams costs each of
    them; Kubernetes spreads each group's leadership over 2-3 chairs so that nobody
    carries it alone. Three is a judged default: Kubernetes expects a chair to run the
    group's regular meeting, keep its records and report for it every quarter
    (sig-governance.md), and more than three such groups is a job of its own.

    Severity info: the bound is a rule of thumb, not a measured limit.

    Fix: hand the lead of some units to another member (a co-lead first, who takes
    over later), or merge units that one person leads anyway.

    Options: `max_led` (default 3): the most self-organizing units one person should lead.

    Example:
        Niko leads lang, types, wg-async and project-x (each lists him with the role lead)
        -> Niko leads 4 teams and groups (lang, types, wg-async and project-x), more
           than 3: ...
    """
    for person, led in _over(org, sorted((p for p, led in _led(org).items() if len(led) > max_led),
                                   key=lambda p: p.index), units_led, max_led):
        n = len(led)
        yield person, ngettext(
            "{person} leads {count} team or group ({units}), more than {max} one can lead attentively: hand the "
            "lead of some to another member, or merge units they lead anyway",
            "{person} leads {count} teams and groups ({units}), more than {max} one can lead attentively: hand "
            "the lead of some to another member, or merge units they lead anyway", n).format(
                person=person.name, count=n, units=_names((u.name for u in led), limit=6), max=max_led)


@orgcheck.rule("OC511", "member-of-too-many-units", severity="info", options={"max": 5}, pillar=PILLAR,
               needs=("people", "units", "memberships"))
def member_of_too_many_units(org, max):
    """A person is a member of more teams or groups than they can contribute to.

    What: a person who belongs to more than `max` self-organizing units (teams,
    circles, working groups, project groups; not archived), as their line unit or
    listed among their `members`. A unit below another unit the person belongs to
    counts with it (a sub-team's work is part of its parent's). Former memberships do
    not count. One finding per person, naming the units.

    Why: each team a person belongs to asks for their presence in its meetings and
    their share of its work. O'Leary, Mortensen & Woolley ("Multiple team membership",
    Academy of Management Review 2011) show that a few teams at once add learning and
    productivity, and that beyond that switching and scheduling costs take over, for
    the person and for each of the teams. This is the person's side of what OC506
    judges for a team (at most one close collaboration at a time, Team Topologies).

    Severity info: where the bound lies depends on how much each unit asks.

    Fix: let the person leave the units they no longer contribute to (as former
    members), or turn a membership into an occasional role (a reviewer, a liaison).

    Options: `max` (default 5): the most self-organizing units one person should belong to.

    Example:
        Mark in release, infra, triage, compiler, libs and wg-x
        -> Mark is a member of 6 teams and groups (...), more than 5: ...
    """
    for person, units in _over(org, _listed_in(org, max), membership_load, max):
        n = len(units)
        yield person, ngettext(
            "{person} is a member of {count} team or group ({units}), more than the {max} one can contribute "
            "to: let them leave those they no longer work in (as a former member), or make the membership an "
            "occasional role",
            "{person} is a member of {count} teams and groups ({units}), more than the {max} one can contribute "
            "to: let them leave those they no longer work in (as a former member), or make the membership an "
            "occasional role", n).format(
                person=person.name, count=n, units=_names((u.name for u in units), limit=6), max=max)


@orgcheck.rule("OC512", "unit-without-lead", severity="info", pillar=PILLAR, needs=("people", "units"))
def unit_without_lead(org):
    """A team or group with members names no lead or chair.

    What: a self-organizing unit (a team, circle, working group or project group, or a
    unit with `self_organizing: true`; not archived) that has people but no `lead` and
    no member listed with the role `lead` or `chair`. Judged only where the model
    names a lead for at least one such unit: a source that records no leads at all
    says nothing about them. A unit that declares `self_organizing: true` and names no
    lead shares the role among its members by design (Buurtzorg's nursing teams have
    no leader, and a coach outside the team), and a sub-unit of a unit that names a
    lead is convened through that unit (rust-lang's review, sign-off and contributor
    groups of a team): neither is reported.

    Why: self-organization is not the absence of roles: someone convenes the group,
    keeps its agenda and speaks for it to other groups. Sociocracy gives each circle an
    operational leader and a delegate, who link it to the circle above (double
    linking: Endenburg; Buck & Villines, "We the People", 2007); Kubernetes requires
    2-3 chairs per SIG and working group (sig-governance.md); Hackman ("Leading
    Teams", 2002) finds that even self-managing teams need someone who creates their
    conditions. In a project that names leads elsewhere, a group without one has
    nobody others can turn to.

    Severity info: some groups share the role on purpose (rust-lang's core team had no
    lead): then say so, with `self_organizing: true` or a waiver that gives the reason.

    Fix: name a lead or chair among the unit's members (the role `lead` or `chair`), or
    record that the group shares or rotates the role (`self_organizing: true`, or a
    waiver).

    Options: none.

    Example:
        {"id": "wg-x", "name": "wg-x", "type": "working-group", "members": ["ann", "bo"]}
        in a model where other groups name their leads
        -> working-group 'wg-x' has 2 members and no lead or chair: ...
    """
    if not records_leads(org):
        return
    for unit in _structures(org):
        if unit.self_organizing or leads_of(unit):
            continue
        if unit.parent is not None and leads_of(unit.parent):
            continue  # convened through the unit it is part of
        people = [p for p in unit.people if not p.vacant]
        if not people:
            continue
        n = len(people)
        yield unit, ngettext(
            "{kind} '{unit}' has {count} member and no lead or chair: nobody convenes it or speaks for it to "
            "other groups; name a lead or chair among its members (role: lead or chair)",
            "{kind} '{unit}' has {count} members and no lead or chair: nobody convenes it or speaks for it to "
            "other groups; name a lead or chair among its members (role: lead or chair)", n).format(
                kind=_kind(unit), unit=unit.name, count=n)


@orgcheck.rule("OC513", "temporary-unit-without-end", severity="info", pillar=PILLAR, needs=("units", "unit_ends"))
def temporary_unit_without_end(org):
    """A working group or project group has no end date.

    What: a unit of `type` `working-group` or `project-group`, not archived, without an
    `until` date (an `until` that is not a real date is not judged). Collaborations
    between teams without an end are OC505's.

    Why: a working group is formed around a subject and a project group around a piece
    of work; both are meant to end. Kubernetes' working groups are temporary: formed for
    a cross-cutting problem, they disband when their goals are met, unlike SIGs
    (committee-steering/governance/wg-governance.md); Rust's project groups are
    archived once their work is concluded (RFC 2856, "Project groups"). Team
    Topologies (Skelton & Pais) treats close collaboration as temporary for the same
    reason: a group that never ends becomes a standing team nobody designed, and its
    members' time stays split.

    Fix: give the group an `until` date by which it delivers and disbands, or is
    reviewed; or make it a team (`type: team`) if its work is permanent.

    Options: none.

    Example:
        {"id": "wg-async", "name": "wg-async", "type": "working-group"}
        -> working-group 'wg-async' has no end date: ...
    """
    for unit in _structures(org):  # a working or project group not archived is one
        if unit.type not in TEMPORARY:
            continue
        ok, until = until_of(unit)
        if not ok or until is not None:
            continue
        yield unit, _("{kind} '{unit}' has no end date [until]: a group formed around a subject or a piece of "
                      "work is meant to end; set the date by which it delivers and disbands, or make it a team "
                      "if its work is permanent").format(kind=unit.type, unit=unit.name)


# -- trust profile --------------------------------------------------------------------


def _units_not_resting_on_one(org, measures):
    out = []
    for unit in _structures(org):
        if not any(not p.vacant for p in unit.people):
            continue
        out.append((unit, 0 if measures("unit_rests_on", unit) is not None else 1, 1))
    return out


def _leads_within_load(org, measures):
    if not records_leads(org):
        return orgcheck.NotAssessed(_("no team or group in the model names a lead [lead]"))
    statuses = [(p, measures("lead_load", p)) for p in org.people]
    if any(s == "not judged" for _p, s in statuses):
        return orgcheck.NotAssessed(_("rule OC510 (leads-too-many-units) is not loaded"))
    return [(p.unit, 1 if s == "within" else 0, 1) for p, s in statuses if s in ("within", "over")]


@orgcheck.hookimpl
def orgcheck_rules():
    return [lead_outside_unit, former_member_listed_as_current, archived_unit_with_members, unit_rests_on_one_person,
            leads_too_many_units, member_of_too_many_units, unit_without_lead, temporary_unit_without_end]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("unit_rests_on", resting_on),
            orgcheck.Measure("units_of", units_of),
            orgcheck.Measure("membership_load", membership_load),
            orgcheck.Measure("units_led", units_led),
            orgcheck.Measure("lead_load", lead_load, {"led": "leads-too-many-units"})]


@orgcheck.hookimpl
def orgcheck_indicators():
    return [orgcheck.Indicator("units-not-resting-on-one-person", PILLAR,
                               lazy("teams and groups that do not rest on one person"), None,
                               ("people", "units", "memberships"), items=_units_not_resting_on_one),
            orgcheck.Indicator("leads-within-load", PILLAR,
                               lazy("leads of teams and groups within what they can attend to"), None,
                               ("people", "units"), items=_leads_within_load)]

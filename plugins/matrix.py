"""OC507-OC508: matrix lines (pillar 1, self-steering).

A dotted line (`dotted_to`) is a second boss: someone else who sets priorities for a
person's work. A few are how a matrix organization works; many make every person a
meeting point of competing demands, resolved by escalation (Galbraith, "Designing
Matrix Organizations that Actually Work", 2009; Davis and Lawrence, "Matrix", 1977).
A solid line that crosses units is a matrix that nobody declared.

Readings of issue 14 made precise here (as an org designer would):

- OC507 counts a person's distinct dotted lines to other people (a reference to
  oneself, a repeat, or a broken reference does not count). A manager's *dotted
  reports* are the people with a dotted line to them who do not also report to them
  through `reports_to`; each counts as its people (``person.count``), as direct reports
  do for OC101. The span bound is OC101's for the manager's `manager_type`, with
  OC101's options as configured: the span family's ``span_bound`` measure, received
  through the rule's ``measures``, unless OC507's own `max_by_type` or `max` sets one.
  A manager whose direct reports alone exceed OC101's bound is OC101's finding, not
  this rule's; people in a reporting loop are OC004's.
- OC508: a person's line *stays within their unit* when their manager's `unit` is the
  person's unit, a sub-unit of it, or one of its parent units, or when the manager is
  the `lead` of the person's unit or of one of its parent units. A person or manager
  without a unit is not judged (the data does not say where they sit), nor is anyone
  in a reporting loop. Nor is a line where the smallest unit containing both units
  records no `lead`: its lead is unknown, and may be this manager, sitting in an office
  unit of their own beside the units they head (the usual shape of a UK organogram,
  which names no leads). One finding per unit and outside manager, on the first such
  person (document order); the message names the others.
- A later entity with a duplicate id is reported by OC002 and otherwise ignored.
"""
from __future__ import annotations

from orgcheck_plugins._common import names as _names
from orgcheck_plugins._common import person_label as _person

import orgcheck
from orgcheck.i18n.runtime import N_, _, ngettext

PILLAR = "self-steering"


def _dotted(org, person) -> list:
    """The distinct people a person has a dotted line to (not themselves)."""
    out = []
    for other in person.dotted_to:
        if other is not person and other not in out:
            out.append(other)
    return out


def _own_bound(kind: str | None, max_by_type: dict, max) -> tuple[bool, int | None]:
    """Whether OC507's own options bound the direct plus dotted reports of a manager of
    this `manager_type`, and the bound they set (None: no bound for this type)."""
    if kind is None:
        return max is not None, max
    return kind in (max_by_type or {}), (max_by_type or {}).get(kind)


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC507", "matrix-overload", severity="warning", pillar=PILLAR,
               options={"max_dotted": 2, "max_by_type": {}, "max": None}, needs=("reporting_lines", "dotted_lines"))
def matrix_overload(org, max_dotted, max_by_type, max, measures):
    """A person answers to too many dotted lines, or a manager's dotted reports overload their span.

    What: a person with more distinct dotted lines (`dotted_to`) than `max_dotted`; or a
    manager whose direct reports (through `reports_to`) are within OC101's bound for
    their `manager_type`, but whose direct plus dotted reports (people with a dotted
    line to them who do not report to them directly) exceed it. Each report counts as
    its people, vacant positions included, as for OC101. A manager over the bound
    with direct reports alone is OC101's finding; people in a reporting loop are
    OC004's.

    Why: every dotted line is another person who sets priorities for someone's work.
    Davis and Lawrence ("Matrix", 1977) built the matrix around the two-boss manager,
    who balances two lines of authority; Galbraith ("Designing Matrix Organizations
    that Actually Work", 2009) shows matrices with more dimensions (function, product,
    region), and that each extra line adds conflicts someone has to resolve. orgcheck's
    default allows one solid and two dotted lines, a three-dimensional matrix; beyond
    that the conflicts go up for escalation and the person steers little themselves.
    For the manager, a dotted report takes attention as a direct one does, so the span
    bounds of OC101 (McKinsey's manager archetypes, 2017) apply to both together.

    Fix: give the person one solid line and at most two dotted lines (which priorities
    does each line really set?), or replace dotted lines by direct agreements between
    teams; for a manager, reduce the dotted lines to them or split the span.

    Options:
        max_dotted (default 2): the most dotted lines one person should have.
        max_by_type (default: OC101 span-too-wide's bounds, as configured): bounds per
        manager_type for direct plus dotted reports where they should differ from
        OC101's; a type not in it has OC101's bound.
        max (default: OC101's `max`, as configured): the bound for a manager without
        manager_type.

    Example:
        {"id": "p-carver", "name": "Linda Carver", "reports_to": "p-mercer",
         "dotted_to": ["p-lawson", "p-crawford", "p-osei"]}
        -> Linda Carver (...) has 3 dotted lines (to Stuart Lawson, Helen Crawford and
           Rachel Osei) besides a solid line, more than 2: ...
    """
    # id(boss) -> [boss, their dotted reports, the people those stand for], counted while
    # each person is at hand (asked again later, 30,000 people cost a cache miss each)
    dotted_reports: dict[int, list] = {}
    for person in [p for p in org.people if p.dotted_to]:  # few have one
        lines = _dotted(org, person)
        for boss in lines:
            if person.manager is not boss:
                entry = dotted_reports.get(id(boss))
                if entry is None:
                    entry = dotted_reports[id(boss)] = [boss, [], 0]
                entry[1].append(person)
                entry[2] += person.count
        if len(lines) > max_dotted:
            n = len(lines)
            if person.manager is not None:
                head = ngettext("{person} has {count} dotted line (to {targets}) besides a solid line, more "
                                "than {max}: {manager} and {count} other person set priorities for this work",
                                "{person} has {count} dotted lines (to {targets}) besides a solid line, more "
                                "than {max}: {manager} and {count} other people set priorities for this work", n)
            else:
                head = ngettext("{person} has {count} dotted line (to {targets}), more than {max}: {count} "
                                "other person set priorities for this work",
                                "{person} has {count} dotted lines (to {targets}), more than {max}: {count} "
                                "other people set priorities for this work", n)
            head = head.format(person=_person(person), count=n, targets=_names((p.name for p in lines), limit=6),
                               max=max_dotted, manager=person.manager.name if person.manager else "")
            yield orgcheck.Finding(
                person,
                _("{head}, and conflicts between them go up for escalation; keep one solid line and at most "
                  "{max} dotted, or replace dotted lines by direct agreements between teams").format(
                    head=head, max=max_dotted),
                pointer=f"{person.pointer}/dotted_to" if "dotted_to" in person.raw else None)
    if not dotted_reports:
        return
    for manager, extra, dotted in sorted(dotted_reports.values(), key=lambda entry: entry[0].index):  # document order
        if org.in_reporting_loop(manager):
            continue
        span_bound = measures("span_bound", manager)  # OC101's, as configured
        kind = manager.manager_type
        own, bound = _own_bound(kind, max_by_type, max)
        if not own:
            bound = span_bound
        if bound is None:
            continue
        direct = manager.span
        if direct > bound or (span_bound is not None and direct > span_bound):
            continue  # too many direct reports alone: OC101's finding, not the dotted lines'
        if direct + dotted <= bound:
            continue
        if kind:
            text = _("{person} has {direct} and {dotted} ({names}), {total} in all, more than the {bound} a "
                     "{kind} manages: a dotted report asks for attention as a direct one does; reduce the dotted "
                     "lines to {manager} or split the span")
        else:
            text = _("{person} has {direct} and {dotted} ({names}), {total} in all, more than the {bound} a "
                     "manager without manager_type manages: a dotted report asks for attention as a direct one "
                     "does; reduce the dotted lines to {manager} or split the span")
        yield manager, text.format(
            person=_person(manager), kind=kind, bound=bound, total=direct + dotted,
            direct=ngettext("{count} direct report", "{count} direct reports", direct).format(count=direct),
            dotted=ngettext("{count} dotted report", "{count} dotted reports", dotted).format(count=dotted),
            names=_names(p.name for p in extra), manager=manager.name)


# OC508's message for each kind of unit, as whole clauses (a translation puts "team" and
# "unit" where its own grammar wants them): one member, several (singular and plural
# of "other member"), and the fix.
_CROSSING = {
    "team": (
        N_("{person}, a member of team '{unit}', reports to {manager}, who sits in {where}, outside the "
           "team and its parent units, and does not lead it"),
        (N_("{first} and {count} other member of team '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the team and its parent units, and does not lead it"),
         N_("{first} and {count} other members of team '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the team and its parent units, and does not lead it")),
        N_("make {manager} the team's lead, move the line to its own lead, or record a second line as "
           "dotted_to")),
    "circle": (
        N_("{person}, a member of circle '{unit}', reports to {manager}, who sits in {where}, outside the "
           "circle and its parent units, and does not lead it"),
        (N_("{first} and {count} other member of circle '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the circle and its parent units, and does not lead it"),
         N_("{first} and {count} other members of circle '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the circle and its parent units, and does not lead it")),
        N_("make {manager} the circle's lead, move the line to its own lead, or record a second line as "
           "dotted_to")),
    "unit": (
        N_("{person}, a member of unit '{unit}', reports to {manager}, who sits in {where}, outside the "
           "unit and its parent units, and does not lead it"),
        (N_("{first} and {count} other member of unit '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the unit and its parent units, and does not lead it"),
         N_("{first} and {count} other members of unit '{unit}' ({others}) report to {manager}, who sits in "
            "{where}, outside the unit and its parent units, and does not lead it")),
        N_("make {manager} the unit's lead, move the line to its own lead, or record a second line as "
           "dotted_to")),
}


@orgcheck.rule("OC508", "line-crosses-units", severity="info", pillar=PILLAR, needs=("reporting_lines", "units"))
def line_crosses_units(org):
    """A person's manager sits outside their unit and its parent units: a hidden matrix, or a data error.

    What: a person whose manager (`reports_to`) has a `unit` that is neither the
    person's unit, nor a sub-unit of it, nor one of its parent units, and who is not
    the `lead` of the person's unit or of one of its parent units. People or managers
    without a unit are not judged, nor is a line where the smallest unit containing
    both the person's and the manager's unit records no `lead` (the manager may lead it
    from an office unit of their own). One finding per unit and outside manager, on
    the first such person; the message names the others.

    Why: the unit is where a person's work is coordinated; a manager in another unit
    steers that work from outside it. Mintzberg ("The Structuring of Organizations",
    1979) builds units around a manager who supervises them; a solid line across units
    is a matrix nobody designed (Galbraith, "Designing Matrix Organizations that
    Actually Work", 2009, treats the matrix as a deliberate choice with its lines made
    explicit), and in an HR export it is often a transfer that was never recorded.

    Fix: make the manager the unit's `lead`, move the reporting line to the unit's own
    lead, move the person to the manager's unit if that is where they work, or, for
    a real second line, record it in `dotted_to`.

    Options: none.

    Example:
        t-fasttrack (no lead) with members reporting to p-ashworth, who sits in
        t-motor-assessment
        -> Hannah Brooks and 3 other members of team 'Motor Fast-Track Pilot' report to
           Neil Ashworth (...), who sits in Motor Damage Assessment, outside the team
           and its parent units, and does not lead it: ...
    """
    groups: dict[tuple[int, int], list] = {}
    led_by: dict[int, list] = {}  # id(person) -> the units they lead
    for u in org.units:
        if u.lead is not None:
            led_by.setdefault(id(u.lead), []).append(u)
    for person in org.people:
        manager, unit = person.manager, person.unit
        if manager is None or unit is None or manager.unit is unit or manager.unit is None:
            continue  # (one unit: ``unit.contains`` below would say so, at a call per person)
        if org.in_reporting_loop(person):
            continue
        if unit.contains(manager.unit):
            continue
        # The manager's unit above the person's, or a unit on that chain led by the
        # manager: asked through the unit tree (constant time), not by listing the chain
        # per person, which a 10,000-deep unit tree makes quadratic.
        if manager.unit.contains(unit) or any(u.contains(unit) for u in led_by.get(id(manager), ())):
            continue
        # Where the two units meet, a unit that records no lead may well be led by this
        # manager from an office of their own (a UK organogram's director sits in a unit
        # beside the units they head, and the export names no leads): not judged.
        meeting, up, seen = None, unit.parent, {unit.id}
        while up is not None and up.id not in seen:
            if up.contains(manager.unit):
                meeting = up
                break
            seen.add(up.id)
            up = up.parent
        if meeting is not None and meeting.lead is None:
            continue
        groups.setdefault((id(unit), id(manager)), []).append(person)
    for people in groups.values():
        first = people[0]
        unit, manager = first.unit, first.manager
        one, many, fix = _CROSSING[unit.type if unit.type in ("team", "circle") else "unit"]
        if len(people) == 1:
            head = _(one)
        else:
            head = _(many[0] if len(people) == 2 else many[1])  # Dutch plurals fall as English ones
        head = head.format(person=_person(first), first=first.name, count=len(people) - 1, unit=unit.name,
                           others=_names((p.name for p in people[1:]), limit=6), manager=_person(manager),
                           where=manager.unit.name)
        yield orgcheck.Finding(
            first,
            _("{head}: a matrix nobody declared, or an out-of-date record; {fix}").format(
                head=head, fix=_(fix).format(manager=manager.name)),
            pointer=f"{first.pointer}/reports_to",
            related=people[1:])


@orgcheck.hookimpl
def orgcheck_rules():
    return [matrix_overload, line_crosses_units]

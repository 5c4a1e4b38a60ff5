"""OC5xx: self-organizing teams and coordination (pillar 1, self-steering).

Self-steering rests on teams small enough to coordinate by mutual adjustment, and on
coordination between teams that runs directly between them rather than up and down the
hierarchy (Team Topologies, Skelton & Pais: teams of 7-9, three interaction modes, and
collaboration is temporary and with one team at a time; Scrum Guide 2020: 10 or fewer;
Dunbar's layers of group size).

Readings of rules.md made precise here (as an org designer would):

- A later entity with a duplicate id is reported by OC002 and otherwise ignored: these
  rules skip it.
- OC501/OC502 count the *direct* members of a `team` or `circle` (people whose `unit` is
  it, and the people it lists in its `members`, each once), vacant positions included
  (a team is designed with them), an aggregate position
  as the people it stands for (`person.count`). OC502 leaves alone a team or circle
  with no direct members at all that has sub-units: that is a grouping of teams (a
  general circle, say), not a team too small to work.
- OC504 anchors each unit in the reporting lines: its `lead`, or, for a unit without
  a lead, all its members (sub-units included, as ``org.lowest_common_superior``
  does). The lowest common superior (LCS) of the pair is the nearest person who is, or
  is above, every anchor of both units. Each side's distance is the number of layers
  between the LCS and that side's *farthest* anchor (for a unit without a lead: its
  deepest member, because an escalation from any of them has to travel that far); the
  longer side counts. The rule is silent when the two units share no reporting tree
  (there is no common superior: OC008 is the finding for that), when a unit has no
  anchor (no lead and no members), when a unit's `lead` reference is broken, and when
  an anchor sits in or below a reporting cycle (OC004). One finding per pair of units:
  on the pair's first interaction (document order) when they declare one, otherwise on
  the first sequence flow by which they hand work to each other (filed under its
  process). An interaction between a unit and itself, or naming a unit that does not
  resolve, is skipped.
- OC506: an interaction is a current collaboration when its `mode` is `collaboration`
  and it has no `until`, or `until` on or after ``org.today``. It counts for each of
  the units it names (once for an interaction that names one unit twice). An `until`
  that is not a real date is not judged (the interaction does not count).

Cost: OC504 computes one LCS and the deepest anchor per unit once (linear in the
unit's members times the depth of the tree), then one LCS per pair of units (the depth
of the tree): pairs x depth, never members x members.
"""
from __future__ import annotations

from itertools import compress
from operator import attrgetter
from typing import Any

from orgcheck_plugins._common import person_label as _person
from orgcheck_plugins._common import unit_order, until_of

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.wording import names as _names

PILLAR = "self-steering"
_IS_TEAM = attrgetter("is_team")


# -- helpers -------------------------------------------------------------------


def _interactions(org):
    return org.interactions



def _between_labels(interaction) -> str:
    """'Team A and Team B', from the resolved units or, for a broken reference, the raw ids."""
    raw = interaction.raw.get("between") or []
    resolved = {u.id: u for u in interaction.between}
    labels = [resolved[r].label if r in resolved else str(r) for r in raw if isinstance(r, str)]
    return _names(labels)


def _pair(interaction):
    """The two distinct units an interaction is between, or None."""
    units = interaction.between
    if len(units) != 2 or len(interaction.raw.get("between") or []) != 2:
        return None
    a, b = units
    if a is None or b is None or a is b:
        return None
    return a, b


def team_size(unit) -> int:
    """OC501/OC502: a team's direct members (people whose `unit` is it, and those it
    lists in its `members`), each counting as its people (an aggregate position as
    ceil(FTE)), vacant positions included."""
    if not unit.memberships and not unit.children:
        return unit.headcount
    return sum(p.count for p in unit.people)


def team_status(org, unit, large: dict[str, Any] | None = None, small: dict[str, Any] | None = None) -> str:
    """'large' (OC501), 'small' (OC502), 'grouping' (no members, only sub-teams: not
    judged small) or 'within'."""
    return _status_of(unit, team_size(unit), large, small)


def _status_of(unit, n: int, large: dict[str, Any] | None, small: dict[str, Any] | None) -> str:
    """team_status of a unit of ``n`` direct members."""
    if large is not None and n > large["max"]:
        return "large"
    if small is not None and n < small["min"]:
        return "grouping" if n == 0 and unit.children else "small"
    return "within"


def team_bounds(org, large: dict[str, Any] | None = None,
                small: dict[str, Any] | None = None) -> tuple[int | None, int | None]:
    """(fewest, most) direct members a team or circle should have (None: not judged)."""
    return (small["min"] if small else None, large["max"] if large else None)


def _teams_judged(org, status: str, large: dict[str, Any] | None = None, small: dict[str, Any] | None = None):
    """The teams and circles that team_status, under the bounds, finds ``status``, each
    with its team_size. Which units are teams is read once per model for OC501 and
    OC502, a byte per unit (their records cost a million-person model 0.05 s a pass)."""
    teams = org.memo(("teams", "teams"), lambda: bytes(map(_IS_TEAM, org.units)))
    for unit in compress(org.units, teams):
        n = team_size(unit)
        if _status_of(unit, n, large, small) == status:
            yield unit, n


# -- OC501 / OC502 team size ---------------------------------------------------


@orgcheck.rule("OC501", "team-too-large", severity="warning", options={"max": 9}, pillar=PILLAR,
               needs=("units", "memberships"))
def team_too_large(org, max):
    """A team or circle has more direct members than a team can coordinate in.

    What: a unit of `type` `team` or `circle` with more than `max` direct members (people
    whose `unit` is it, and those it lists in its `members`; vacant positions count, an
    aggregate position counts as the people it stands for; members of sub-units and
    former members do not count).

    Why: a self-steering team coordinates by mutual adjustment: everyone talks to
    everyone. That works up to about 7-9 people (Team Topologies, Skelton & Pais; Scrum
    Guide 2020: 10 or fewer; Dunbar). Beyond it, sub-groups form and coordination falls
    back to a leader or to rules.

    Fix: split the team into two teams around distinct work (clients, regions, products),
    each with its own purpose, and let them coordinate directly.

    Options: `max` (default 9): the largest number of direct members a team or circle
    may have.

    Example:
        {"id": "t-property", "name": "Property Claims", "type": "team"} with 13 people
        whose `unit` is t-property
        -> team 'Property Claims' has 13 direct members; a self-steering team works with
           at most 9: ...
    """
    for unit, n in _teams_judged(org, "large", large={"max": max}):
        yield unit, _("{kind} '{unit}' has {count} direct members; a self-steering team works "
                      "with at most {max}: split it into smaller teams around distinct work, each "
                      "coordinating within itself").format(kind=unit.type, unit=unit.name, count=n, max=max)


@orgcheck.rule("OC502", "team-too-small", severity="info", options={"min": 3}, pillar=PILLAR,
               needs=("units", "memberships"))
def team_too_small(org, min):
    """A team or circle has fewer direct members than a team needs.

    What: a unit of `type` `team` or `circle` with fewer than `min` direct members (people
    whose `unit` is it, and those it lists in its `members`; vacant positions count, an
    aggregate position counts as the people it stands for; former members do not). A
    team or circle with no direct members that has sub-units is a grouping of teams and
    is not reported.

    Why: a team of one or two cannot share work, cover absence or hold each other to
    professional standards; it depends on its manager or on other teams for what a team
    does for itself (Team Topologies, Skelton & Pais: teams of 5-9; Scrum Guide 2020).

    Fix: merge it with the team it works with most, or make it a role within that team.

    Options: `min` (default 3): the smallest number of direct members a team or circle
    must have.

    Example:
        {"id": "t-recoveries", "name": "Recoveries", "type": "team"} with 2 people
        -> team 'Recoveries' has 2 direct members (Paul Marsh, Amy Mitchell); a team
           needs at least 3: ...
    """
    for unit, n in _teams_judged(org, "small", small={"min": min}):
        if n:
            text = ngettext("{kind} '{unit}' has {count} direct member ({people}); a team needs at "
                            "least {min} to share work and steer itself: merge it with the team it works "
                            "with most, or make it a role within that team",
                            "{kind} '{unit}' has {count} direct members ({people}); a team needs at "
                            "least {min} to share work and steer itself: merge it with the team it works "
                            "with most, or make it a role within that team", n)
        else:
            text = ngettext("{kind} '{unit}' has {count} direct member; a team needs at "
                            "least {min} to share work and steer itself: merge it with the team it works "
                            "with most, or make it a role within that team",
                            "{kind} '{unit}' has {count} direct members; a team needs at "
                            "least {min} to share work and steer itself: merge it with the team it works "
                            "with most, or make it a role within that team", n)
        yield unit, text.format(kind=unit.type, unit=unit.name, count=n, min=min,
                                people=_names(p.name for p in unit.people))


# -- OC503 coordination via management ----------------------------------------


class _Escalation:
    """Where each unit sits in the reporting lines, computed once per unit.

    ``of(unit)`` is None when the unit cannot be placed, else ``(lcs, deepest)``: the
    lowest common superior of the unit's anchors (its lead, or all its members) and its
    deepest anchor (the first in document order among equals).
    """

    _UNKNOWN = object()

    def __init__(self, org) -> None:
        self.org = org
        self._cache: dict = {}

    def of(self, unit):
        found = self._cache.get(unit, self._UNKNOWN)
        if found is self._UNKNOWN:
            found = self._cache[unit] = self._place(unit)
        return found

    def _place(self, unit):
        if unit.lead is not None:
            anchors = [unit.lead]
        elif unit.raw.get("lead") is not None:
            return None  # a broken lead reference: OC003 reports it
        else:
            anchors = unit.all_members()
        if not anchors or any(p.layer is None for p in anchors):
            return None
        lcs = deepest = anchors[0]
        for p in anchors[1:]:
            if p.layer > deepest.layer:
                deepest = p
            if lcs is not p:
                lcs = self.org.lowest_common_superior(lcs, p)
                if lcs is None:
                    return None  # the unit's own people share no reporting tree
        return lcs, deepest

    def between(self, a, b):
        """(lcs, (deepest of a, distance), (deepest of b, distance)), or None."""
        pa, pb = self.of(a), self.of(b)
        if pa is None or pb is None:
            return None
        lcs = self.org.lowest_common_superior(pa[0], pb[0])
        if lcs is None or lcs.layer is None:
            return None
        return lcs, (pa[1], pa[1].layer - lcs.layer), (pb[1], pb[1].layer - lcs.layer)


@orgcheck.rule("OC503", "coordination-via-management", severity="warning", pillar=PILLAR, needs=("interactions",))
def coordination_via_management(org):
    """Two units coordinate through their managers instead of directly.

    What: an interaction with `channel: via-management`. The message names the two units
    and, where the reporting lines give one, their lowest common superior: the person
    through whom their coordination ultimately runs.

    Why: when teams coordinate through their managers, every question between them
    travels up and down the hierarchy (Galbraith 1974: hierarchical referral overloads
    the hierarchy; lateral relations remove the need). Self-steering teams adjust to
    each other directly (Mintzberg's mutual adjustment; Team Topologies' interaction
    modes are between teams).

    Fix: let the teams coordinate directly (`channel: direct`): a shared stand-up, a
    liaison role, or an x-as-a-service agreement with a clear interface.

    Options: none.

    Example:
        {"id": "ia-property-payments", "between": ["t-property", "t-payments"],
         "mode": "x-as-a-service", "channel": "via-management"}
        -> Property Claims and Claims Payments coordinate via management (their lowest
           common superior is Sarah Mercer): ...
    """
    esc = _Escalation(org)
    for interaction in _interactions(org):
        if interaction.channel != "via-management":
            continue
        found = None
        pair = _pair(interaction)
        if pair is not None:
            found = esc.between(*pair)
        if found is not None:
            text = _("{units} coordinate via management (their lowest common superior is {superior}): "
                     "every question between them travels up the hierarchy and back down; let them "
                     "coordinate directly (channel: direct)")
        else:
            text = _("{units} coordinate via management: every question between them travels up the "
                     "hierarchy and back down; let them coordinate directly (channel: direct)")
        yield orgcheck.Finding(
            interaction,
            text.format(units=_between_labels(interaction),
                        superior=_person(found[0]) if found is not None else ""),
            pointer=f"{interaction.pointer}/channel")


# -- OC504 long escalation path ------------------------------------------------


@orgcheck.rule("OC504", "long-escalation-path", severity="info", options={"max_distance": 2},
               pillar=PILLAR, needs=("units", "reporting_lines"))
def long_escalation_path(org, max_distance):
    """Two units that work together have their first common boss far above them.

    What: two units that hand work to each other (a sequence flow from a step one
    performs to a step the other performs, neither containing the other) or declare an
    interaction, whose lowest common superior is more than `max_distance` reporting
    steps (layers) above at least one of the two units' leads (for a unit without a
    lead: above its deepest member, sub-units included). The longer side of the
    escalation counts. One finding per pair: on their first interaction if they declare
    one, otherwise on the first flow that hands work between them. Silent when the two
    units share no reporting tree, and where a lead, or every anchor, cannot be placed
    (no lead and no members, a broken lead reference, a reporting cycle). Silent too for
    a pair whose interaction has `channel: via-management`: OC503 reports that pair and
    names their lowest common superior (one finding per fact).

    Why: a conflict or exception between the two units that they cannot settle
    themselves goes up to the first person above both (Galbraith 1974: hierarchical
    referral to the lowest common manager). The further up that is, the slower the
    answer and the more the hierarchy is loaded with coordination that colleagues could
    do among themselves (Team Topologies: teams that work together need a direct
    interaction).

    Fix: let the two units settle their interface directly (a declared `direct`
    interaction with clear decision rights), or group units that work closely together
    under a common lead nearer to them.

    Options: `max_distance` (default 2): the number of layers the lowest common superior
    may be above the farther side.

    Example:
        t-fasttrack (no lead, members at layer 5) hands work to t-payments (lead at layer
        4); both report up to p-mercer (layer 2)
        -> Fast-track and Claims Payments hand work to each other, but their lowest
           common superior Sarah Mercer is 3 reporting steps above Fast-track's Jo Ward
           (and 2 above Claims Payments' lead Dan Holt): ...
    """
    esc = _Escalation(org)
    order = unit_order(org)
    # pair key (document order of the units) -> (units, interaction or None, flows)
    pairs: dict[tuple[int, int], list] = {}

    def key(a, b):
        ia, ib = order.get(id(a), -1), order.get(id(b), -1)
        return (ia, ib) if ia <= ib else (ib, ia)

    for interaction in _interactions(org):
        pair = _pair(interaction)
        if pair is None:
            continue
        pairs.setdefault(key(*pair), [pair, interaction, []])
    for (a, b), flows in org.handoffs().items():
        if not flows:
            continue
        entry = pairs.setdefault(key(a, b), [(a, b), None, []])
        entry[2] = flows
    for (a, b), interaction, flows in pairs.values():
        if interaction is not None and interaction.channel == "via-management":
            continue  # OC503's finding, which names their lowest common superior: one fact
        found = esc.between(a, b)
        if found is None:
            continue
        lcs, (deep_a, dist_a), (deep_b, dist_b) = found
        if max(dist_a, dist_b) <= max_distance:
            continue
        if dist_b > dist_a:  # the longer side first
            a, b, deep_a, deep_b, dist_a, dist_b = b, a, deep_b, deep_a, dist_b, dist_a

        def side(unit, person):
            s = unit.name.endswith("s")  # "Payments'" and "Intake's"
            if unit.lead is not None:
                text = _("{unit}' lead {person}") if s else _("{unit}'s lead {person}")
            elif person.unit is not None and person.unit is not unit:
                text = _("{unit}' {person} (in {team})") if s else _("{unit}'s {person} (in {team})")
            else:
                text = _("{unit}' {person}") if s else _("{unit}'s {person}")
            return text.format(unit=unit.name, person=person.name,
                               team=person.unit.name if person.unit is not None else "")

        if interaction is not None:
            if flows:
                how = _("{first} and {second} declare an interaction ({mode}) and hand work to each other")
            else:
                how = _("{first} and {second} declare an interaction ({mode})")
            how = how.format(first=a.name, second=b.name, mode=interaction.mode)
        else:
            first = flows[0]
            how = _("{first} and {second} hand work to each other ('{source}' → '{target}' in "
                    "process '{process}')").format(first=a.name, second=b.name, source=first.source.name,
                                                   target=first.target.name, process=first.process.name)
        message = ngettext(
            "{how}, but their lowest common superior {superior} is {count} reporting step above "
            "{side} (and {other_count} above {other_side}), more than {max}: anything they cannot "
            "settle themselves escalates that far; let them settle their interface directly, or "
            "bring them under a common lead nearer to them",
            "{how}, but their lowest common superior {superior} is {count} reporting steps above "
            "{side} (and {other_count} above {other_side}), more than {max}: anything they cannot "
            "settle themselves escalates that far; let them settle their interface directly, or "
            "bring them under a common lead nearer to them", dist_a).format(
                how=how, superior=_person(lcs), count=dist_a, side=side(a, deep_a), other_count=dist_b,
                other_side=side(b, deep_b), max=max_distance)
        if interaction is not None:
            yield interaction, message
        else:
            yield flows[0], message


# -- OC505 / OC506 collaboration -------------------------------------------------


# Opt-in: many designers keep a standing collaboration between two teams on purpose,
# so whether one may go on without an end date is a matter of taste (strict, all).
@orgcheck.rule("OC505", "permanent-collaboration", severity="info", pillar=PILLAR, recommended=False,
               needs=("interactions",))
def permanent_collaboration(org):
    """A collaboration or facilitating interaction has no end date (opt-in: strict).

    What: an interaction whose `mode` is `collaboration` or `facilitating` and that has
    no `until` date.

    Why: in Team Topologies (Skelton & Pais), collaboration is intense and temporary: two
    teams work closely to discover something, then settle into x-as-a-service; a
    facilitating team helps another learn a capability and then moves on. Without an end
    date the teams stay dependent on each other and their boundaries blur.

    Fix: give the interaction an `until` date by which the collaboration moves to
    x-as-a-service (or the facilitation ends), and review it then.

    Options: none. The rule is switched off by default (Team Topologies' view is one
    school of thought; a standing collaboration can be a sound design): enable it with
    `preset = "strict"` or `extend-select = ["OC505"]`.

    Example:
        {"id": "ia-fasttrack-intake", "between": ["t-fasttrack", "t-motor-intake"],
         "mode": "collaboration"}
        -> collaboration between Fast-track and Motor Intake has no until date: ...
    """
    for interaction in _interactions(org):
        mode = interaction.mode
        if mode not in ("collaboration", "facilitating") or interaction.raw.get("until") is not None:
            continue
        if mode == "collaboration":
            text = _("collaboration between {units} has no until date: collaboration is meant to be "
                     "temporary; set an until date by which they move to x-as-a-service")
        else:
            text = _("facilitating between {units} has no until date: facilitating is meant to be "
                     "temporary; set an until date by which they end the facilitation once the team "
                     "has learnt the capability")
        yield interaction, text.format(units=_between_labels(interaction))


@orgcheck.rule("OC506", "collaboration-overload", severity="info", options={"max": 1},
               pillar=PILLAR, needs=("interactions",))
def collaboration_overload(org, max):
    """A unit is in more current collaborations than it can sustain.

    What: a unit named in more than `max` current `collaboration` interactions. Current:
    no `until`, or `until` on or after today (`org.today`; an `until` that is not a real
    date is not counted). One finding per unit, naming the interactions and the units it
    collaborates with.

    Why: collaboration is the most demanding interaction mode; Team Topologies (Skelton
    & Pais) advises a team to collaborate closely with at most one other team at a time,
    and to use x-as-a-service or facilitating with the rest. A team in many
    collaborations at once has no clear boundary and its cognitive load explodes.

    Severity info: "one collaboration at a time" is Team Topologies' rule of thumb, not
    a measured limit, so the finding is advice to weigh, not a fault.

    Fix: end or time-box the extra collaborations (`until`), and turn the stable ones into
    x-as-a-service with a clear interface.

    Options: `max` (default 1): the number of current collaborations a unit may have.

    Example:
        t-fasttrack in ia-fasttrack-assessment and ia-fasttrack-intake, both collaboration
        without until
        -> Fast-track is in 2 current collaborations (with Motor Assessment; with
           Motor Intake); ...
    """
    current: dict = {}
    for interaction in _interactions(org):
        if interaction.mode != "collaboration":
            continue
        ok, until = until_of(interaction)
        if not ok or (until is not None and until < org.today):
            continue
        named: list = []
        for unit in interaction.between:
            if unit is not None and unit not in named:
                named.append(unit)
        for unit in named:
            current.setdefault(unit, []).append(interaction)
    for unit in org.units:
        found = current.get(unit)
        if not found or len(found) <= max:
            continue
        parts = []
        for interaction in found:
            others = [u.name for u in interaction.between if u is not unit and u is not None]
            # the partners, not the interaction's id (a reader's made-up key says nothing to
            # a designer); an interaction naming no known partner is OC003's, said by its id
            parts.append(_("with {units}").format(units=_names(others)) if others else interaction.id)
        yield unit, _("{unit} is in {count} current collaborations ({interactions}); a unit can "
                      "collaborate closely with at most {max} at a time: time-box or end the others, "
                      "or turn them into x-as-a-service").format(
                          unit=unit.name, count=len(found), interactions="; ".join(parts), max=max)


@orgcheck.hookimpl
def orgcheck_rules():
    return [team_too_large, team_too_small, coordination_via_management, long_escalation_path,
            permanent_collaboration, collaboration_overload]


@orgcheck.hookimpl
def orgcheck_measures():
    options = {"large": "team-too-large", "small": "team-too-small"}
    return [orgcheck.Measure("team_size", lambda org, unit: team_size(unit)),
            orgcheck.Measure("team_status", team_status, options),
            orgcheck.Measure("team_bounds", team_bounds, options)]

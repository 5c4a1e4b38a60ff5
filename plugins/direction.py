"""OC307-OC308: direction and long-term learning (pillar 3, "the right context").

Self-steering needs a context that gives it direction and lets it learn: a team knows
what it is for and sees how it is doing (de Sitter's sociotechnical design: the unit
that does the work regulates it, on information about its own results), and
the people who do a process come back to it regularly to change how it is done, not
only to correct the last case (Argyris and Schön's double-loop learning).

Readings of rules.md and issue 14 made precise here (as an org designer would):

- OC307: a *team* is a unit of `type` `team` or `circle`, or any unit with
  `self_organizing: true`. A metric is *visible to the team* when its audience
  (`visible_to`: people, the members of units with their sub-units, the holders of
  roles) includes every filled member of the team (sub-units included; vacant
  positions see nothing). A metric that only the team's lead or a few members see
  steers the team from outside rather than giving it direction. The metric part is
  judged only where the document describes work or performance information at all
  (it has processes or metrics) and the team has a filled member.
- OC308: the *doers* of a process are the performers of its `work` steps, as for
  OC301-OC306. A *learning loop* is a `feedback` or `review` step with a `cadence`
  whose performers include at least one of the doers, and from which a flow
  (sequence or feedback, directly or through other steps) leads back to a work step:
  an evaluation that leads nowhere changes nothing. Silent for a process whose doers
  include no person (no work step, only external doers, broken references).
- A later entity with a duplicate id is reported by OC002 and otherwise ignored.
"""
from __future__ import annotations

from itertools import filterfalse
from operator import attrgetter

# One implementation of "who does a process" and "who an audience stands for":
# the feedback family's (OC301-OC306).
from orgcheck_plugins._common import names as _names
from orgcheck_plugins._common import step_label
from orgcheck_plugins.feedback import CADENCES, Audience, audience, doers, performer_groups

import orgcheck
from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.model import Unit, has_purpose

PILLAR = "context"
_vacant = attrgetter("vacant")
LEARNING_KINDS = ("feedback", "review")


def _teams(org):
    return [u for u in org.units if u.is_team or u.self_organizing]


def _team_kind(unit) -> str:
    kind = unit.type
    return kind if kind in ("team", "circle") else "self-organizing unit"


# One whole clause per kind of unit and per fact, so that a translation need not
# assemble "team" and "has no purpose" in English word order.
_TEAM_FACTS = {
    "team": (N_("team '{unit}' has no purpose and no metric that all its members see"),
             N_("team '{unit}' has no purpose"),
             N_("team '{unit}' has no metric that all its members see")),
    "circle": (N_("circle '{unit}' has no purpose and no metric that all its members see"),
               N_("circle '{unit}' has no purpose"),
               N_("circle '{unit}' has no metric that all its members see")),
    "self-organizing unit": (
        N_("self-organizing unit '{unit}' has no purpose and no metric that all its members see"),
        N_("self-organizing unit '{unit}' has no purpose"),
        N_("self-organizing unit '{unit}' has no metric that all its members see")),
}


def _sees_all(groups, metric, members) -> bool:
    """Whether every one of ``members`` is in the metric's audience."""
    audience = [groups.of(v) for v in metric.visible_to]
    return all(any(m in group for group in audience) for m in members)


def _metrics_seen_by(metrics):
    """A function: the metrics whose audience includes a person (through the person, a unit
    they are in, its parent units, or a role they hold), so that a team is checked against
    the few metrics its first member sees, not against every metric of the model."""
    by_entity: dict[int, list] = {}
    for metric in metrics:
        for v in metric.visible_to:
            found = by_entity.setdefault(id(v), [])
            if not found or found[-1] is not metric:
                found.append(metric)

    # For each unit, the nearest unit at or above it that some metric is visible to:
    # a person's units are then read by jumping between those, not by walking every
    # parent (a 10,000-deep unit tree would make that quadratic).
    listed: dict[int, object] = {}

    def next_listed(unit):
        if unit is None or id(unit) in by_entity:
            return unit
        if id(unit) in listed:
            return listed[id(unit)]
        path, seen = [], set()
        while unit is not None and id(unit) not in by_entity and id(unit) not in listed and id(unit) not in seen:
            seen.add(id(unit))
            path.append(unit)
            unit = unit.parent
        if unit is None or id(unit) in seen:  # the top, or a loop that no metric names
            found = None
        elif id(unit) in by_entity:
            found = unit
        else:
            found = listed[id(unit)]
        for u in path:
            listed[id(u)] = found
        return found

    # id(listed unit) -> the metrics visible to it and to the listed units above it, for a
    # walk up that reached the top: sibling teams share their parents' part of the walk.
    chains: dict[int, list] = {}

    def unit_metrics(unit) -> list:
        """The metrics visible to ``unit`` (a listed unit or None) and the listed units
        above it, each once, nearest first. Shared lists: never change one."""
        if unit is None:
            return []
        found = chains.get(id(unit))
        if found is not None:
            return found
        path, seen, tail = [], set(), []
        while unit is not None:
            if id(unit) in seen:  # round a loop of units: this walk's own list
                out: list = []
                for u in path:
                    out.extend(m for m in by_entity[id(u)] if m not in out)
                return out
            found = chains.get(id(unit))
            if found is not None:
                tail = found
                break
            seen.add(id(unit))
            path.append(unit)
            unit = next_listed(unit.parent)
        for u in reversed(path):
            own = by_entity[id(u)]
            tail = [*own, *(m for m in tail if m not in own)]
            chains[id(u)] = tail
        return tail

    by_unit: dict[int, list] = {}  # id(a person's unit) -> what its people see through their units

    def seen_by(person) -> list:
        unit = person.unit
        units = by_unit.get(id(unit))
        if units is None:
            units = by_unit[id(unit)] = unit_metrics(next_listed(unit))
        own = by_entity.get(id(person))
        roles = person.roles
        if own is None and not roles:  # the common case: a team member sees what their units see
            return units
        own = list(own or ())
        for role in roles:
            for m in by_entity.get(id(role), ()):
                if m not in own:
                    own.append(m)
        if not own:
            return units
        return [*own, *(m for m in units if m not in own)]

    return seen_by


def team_has_purpose(unit) -> bool:
    """OC307's first half: the team states its purpose (a blank one or a placeholder such
    as "TBD" is none: ``orgcheck.model.has_purpose``, shared with OC402 and the views)."""
    return has_purpose(unit)


def feeds_back(process) -> set[int]:
    """The steps (their ids) from which a flow, sequence or feedback, leads into the work:
    to a work step of the process, directly or through other steps. One walk back from
    the work steps along every flow, so each step is visited once."""
    reached = {id(s) for s in process.steps if s.kind == "work"}
    frontier = [s for s in process.steps if s.kind == "work"]
    while frontier:
        nxt = []
        for step in frontier:
            for before in (*step.predecessors("sequence"), *step.predecessors("feedback")):
                if id(before) not in reached:
                    reached.add(id(before))
                    nxt.append(before)
        frontier = nxt
    return reached


def learning_steps(org, process) -> tuple[list, list]:
    """OC308's reading of a process: its recurring evaluations (feedback or review steps
    with a cadence) that its doers take part in, and those of them that lead back into
    the work (a flow from them reaches a work step)."""
    return _learning_steps(doers(org, process), _evaluations(process), process)


def _evaluations(process) -> list:
    """A process's recurring evaluations: its feedback and review steps with a cadence."""
    return [s for s in process.steps if s.kind in LEARNING_KINDS and s.cadence in CADENCES]


def _learning_steps(team, evaluations: list, process) -> tuple[list, list]:
    theirs = [s for s in evaluations if team.meets(s.performer)]
    back = feeds_back(process) if theirs else set()
    return theirs, [s for s in theirs if id(s) in back]


def team_direction(org) -> list:
    """OC307's verdict on every team, in document order: (unit, no purpose, no metric all
    its filled members see); the metric part is False where it is not judged (a document
    without processes and metrics, a team without a filled member). The trust profile's
    "teams with direction" counts the teams with neither."""
    return org.memo(("direction", "teams"), lambda: list(_team_direction(org)))


def _team_direction(org):
    judge_metrics = bool(org.processes or org.metrics)
    groups = performer_groups(org) if judge_metrics else None
    seen_by = _metrics_seen_by(org.metrics) if judge_metrics else None
    first_filled = _first_filled(org) if judge_metrics else None
    for unit in _teams(org):
        no_purpose = not team_has_purpose(unit)
        no_metric = False
        if judge_metrics:
            first = first_filled(unit)
            if first is not None:
                # Only a metric the first filled member sees can be seen by all: the whole
                # membership is listed only when there is one to check it against.
                no_metric = True
                members = None
                for metric in seen_by(first):
                    if not _covers(unit, metric):
                        if members is None:
                            members = [p for p in org.people_of(unit) if not p.vacant]
                        if not _sees_all(groups, metric, members):
                            continue
                    no_metric = False
                    break
        yield unit, no_purpose, no_metric


def _covers(team, metric) -> bool:
    """Whether the metric is visible to the team itself or a unit it lies in: then every
    member of the team (sub-units included) is in its audience."""
    return any(v.contains(team) for v in metric.visible_to if isinstance(v, Unit))


def _first_filled(org):
    """A function: the first filled member of a unit, in the order of ``org.people_of``
    (its own members, then its sub-units' depth first), or None. Worked out for the
    units asked only (the teams): most have a filled member of their own, and the rest
    read the list ``org.people_of`` keeps for the model."""
    first: dict[int, object] = {}

    def of(unit):
        found = first.get(id(unit), first)
        if found is first:
            found = next(filterfalse(_vacant, unit.members), None)
            if found is None:
                found = next((p for p in org.people_of(unit) if not p.vacant), None)
            first[id(unit)] = found
        return found

    return of


def learning_loop(org, process) -> str:
    """OC308's verdict on a process: 'yes' (its doers take part in a recurring
    evaluation that leads back into the work), 'no', or 'not judged' (no person does
    its work)."""
    return _learning(org, process)[0]


def _learning(org, process) -> tuple[str, Audience, list, list]:
    """learning_loop's verdict with what it read on the way, which OC308's message
    names: the doers, the recurring evaluations they take part in, and all of them."""
    team = doers(org, process)
    if not team.has_people:
        return "not judged", team, [], []
    evaluations = _evaluations(process)
    theirs, back = _learning_steps(team, evaluations, process)
    return ("yes" if back else "no"), team, theirs, evaluations


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC307", "team-without-direction", severity="warning", pillar=PILLAR,
               needs=("units", "unit_purposes"))
def team_without_direction(org):
    """A team has no purpose, or no metric its members see: nothing gives it direction.

    What: a unit of `type` `team` or `circle`, or any unit with `self_organizing: true`,
    whose `purpose` is missing or blank, or for which no metric is visible to all its
    filled members (its `visible_to` names them, a unit they belong to, or a role they
    hold; members of sub-units count, vacant positions do not). The metric part is not
    judged in a document without processes and metrics, nor for a team without a
    filled member.

    Why: the context gives direction to self-steering. De Sitter's sociotechnical
    design ("Synergetisch produceren", 1994) gives the team that does the work the
    regulation of it, which needs a shared goal and information about its own results;
    Laloux ("Reinventing Organizations", 2014) describes purpose as what self-managing
    teams steer on in place of a manager's instructions. A team without a purpose or
    without a view of its results either drifts or is steered from above after all.

    Fix: write the team's `purpose` (the result it delivers, and for whom), and add the
    team to the `visible_to` of a metric of its results, with a cadence.

    Options: none.

    Example:
        {"id": "t-payments", "name": "Claims Payments", "type": "team"} and no metric
        visible to its members
        -> team 'Claims Payments' has no purpose and no metric that all its members
           see: ...
    """
    for unit, no_purpose, no_metric in team_direction(org):
        if not (no_purpose or no_metric):
            continue
        if no_purpose and no_metric:
            fact = _TEAM_FACTS[_team_kind(unit)][0]
            fix = _("state the result it delivers, and for whom, in its purpose, and show all its "
                    "members a metric of their results (add the team to a metric's visible_to)")
        elif no_purpose:
            fact = _TEAM_FACTS[_team_kind(unit)][1]
            fix = _("state the result it delivers, and for whom, in its purpose")
        else:
            fact = _TEAM_FACTS[_team_kind(unit)][2]
            fix = _("show all its members a metric of their results (add the team to a metric's "
                    "visible_to)")
        head = _(fact).format(unit=unit.name)
        purpose = unit.purpose if no_purpose else None
        if isinstance(purpose, str) and purpose.strip():
            head += _(" ('{text}' is a placeholder)").format(text=purpose.strip())
        yield unit, _("{head}: without direction, a team drifts or is steered from above; {fix}").format(
            head=head, fix=fix)


@orgcheck.rule("OC308", "process-without-learning-loop", severity="warning", pillar=PILLAR,
               needs=("processes", "feedback"))
def process_without_learning_loop(org):
    """The people who do a process never come back to it together to learn.

    What: a process with no `feedback` or `review` step that has a `cadence`, is
    performed by (at least one of) the people who do the process's work (the
    performers of its `work` steps), and leads back into the work: a flow from it
    (sequence or feedback) reaches a work step of the process, directly or through
    other steps. An evaluation of the doers that leads nowhere is named in the message:
    it is there, but what it learns changes nothing. Silent for a process without work
    steps, or whose doers include no person (only externals or broken references).

    Why: OC302 checks the fast loop: the doers hear how a case turned out and adjust
    (single-loop learning). This rule checks the slow one: the doers regularly
    evaluate the process itself and change how the work is done (double-loop
    learning, Argyris and Schön, "Organizational Learning", 1978). Without it, the
    way of working is only ever changed from above, and self-steering stays limited
    to the single case. Scrum's retrospective and sociocracy's regular evaluation of
    agreements are such loops.

    Fix: add a recurring `feedback` or `review` step (a retrospective, an evaluation
    of the process) performed by the team(s) doing the work, with its `cadence`
    (for example `monthly`), and a flow from it back to the work (a `feedback` flow to
    the step it changes); where the evaluation is there already, add that flow.

    Options: none.

    Example:
        {"id": "pr-motor", "steps": [..., {"id": "st-m-audit", "kind": "review",
         "performer": "u-quality", "cadence": "quarterly"}]}, work done by t-motor-intake
        -> process 'Motor claim settlement' has no recurring evaluation in which the
           people who do its work (Motor Claims Intake) take part: ...
    """
    for process in org.processes:
        verdict, team, theirs, loops = _learning(org, process)
        if verdict != "no":
            continue
        if theirs:
            yield process, ngettext(
                "process '{process}' has a recurring evaluation by the people who do its work ({steps}), but no "
                "flow leads from it back into the work: what they learn there changes nothing; add a flow from "
                "it to the work step it should change (a feedback flow)",
                "process '{process}' has recurring evaluations by the people who do its work ({steps}), but no "
                "flow leads from them back into the work: what they learn there changes nothing; add a flow from "
                "them to the work steps they should change (feedback flows)", len(theirs)).format(
                process=process.name, steps=_names(step_label(s) for s in theirs))
            continue
        # most processes have no recurring evaluation at all: no audience of nobody made
        others = audience(org, (s.performer for s in loops)) if loops else None
        head = _("process '{process}' has no recurring evaluation in which the people who do its work "
                 "({doers}) take part").format(process=process.name, doers=team.label)
        if others is not None and others.entities:
            head += _(" (its recurring evaluations are done by {others} only)").format(others=others.label)
        yield process, _("{head}: they can correct a case but never change how the work is done; add a "
                         "feedback or review step with a cadence (a retrospective), performed by "
                         "them").format(head=head)


@orgcheck.hookimpl
def orgcheck_rules():
    return [team_without_direction, process_without_learning_loop]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("teams", lambda org: _teams(org)),
            orgcheck.Measure("team_has_purpose", lambda org, unit: team_has_purpose(unit)),
            orgcheck.Measure("team_direction", team_direction),
            orgcheck.Measure("learning_loop", learning_loop)]

"""The figures of a model, by the definitions the rules judge them with.

Each function here reads the ``Org`` indexes and takes the judging rule's options as
arguments (a view passes ``Loaded.rule_options(name)``, so bounds are never copied).
The definitions are those of spec/rules.md as the built-in rule families make them
precise in their module docstrings; ``tests/test_stats.py`` holds both to the same
answers on the examples, a real organogram and generated models:

- A span counts people: each direct report counts ``person.count`` (an aggregate
  position of junior staff stands for several people), vacant positions included.
  Headcount, tree sizes and team sizes count the same way.
- People in a reporting loop are not judged (OC004 reports the loop); a later entity
  with a duplicate id is ignored (OC002 reports it).
- The doers of a process are the performers of its ``work`` steps; a step or metric
  audience "meets" them when they share a person (or an external, or name the very
  same entity).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable

from ..model import External, Org, Person, Process, Step, Unit, layers_needed

CADENCES = ("realtime", "daily", "weekly", "monthly", "quarterly", "yearly")
STEP_KINDS = ("work", "approval", "review", "decision", "handoff", "feedback")


def live(org: Org, entity: Any) -> bool:
    return entity is not None and org.get(entity.id) is entity


def span(person: Person) -> int:
    return sum(r.count for r in person.reports)


def in_loop(org: Org) -> set[int]:
    return {id(p) for loop in org.reporting_cycles for p in loop}


def exact(value: Any) -> Fraction:
    """An option value as an exact fraction (0.15 is 15/100, not a hair below it)."""
    return Fraction(str(value))


# -- spans and layers ------------------------------------------------------------


def span_bound(person: Person, wide: dict[str, Any] | None) -> int | None:
    """The most direct reports OC101 allows this manager (None: no bound)."""
    if wide is None:
        return None
    kind = person.manager_type
    if kind is None:
        return wide["max"]
    return wide["max_by_type"].get(kind)


def span_floor(person: Person, narrow: dict[str, Any] | None) -> int | None:
    """The fewest direct reports OC102 asks of this manager (None: exempt)."""
    if narrow is None or person.manager_type == "player-coach":
        return None
    return narrow["min"]


def span_status(org: Org, person: Person, wide: dict | None, narrow: dict | None,
                loops: set[int] | None = None) -> str:
    """'wide', 'narrow', 'within', or 'in a loop' (not judged) for one manager."""
    if id(person) in (loops if loops is not None else in_loop(org)):
        return "in a loop"
    n = span(person)
    high, low = span_bound(person, wide), span_floor(person, narrow)
    too_wide = high is not None and n > high
    too_narrow = low is not None and n < low
    if too_wide and too_narrow:  # only under a config whose min exceeds its max
        return "narrow and wide"
    return "wide" if too_wide else "narrow" if too_narrow else "within"


def is_one_over_one(person: Person) -> bool:
    """OC103: one direct report (one position, one person) who manages people too."""
    return len(person.reports) == 1 and person.reports[0].count == 1 and bool(person.reports[0].reports)


def trees(org: Org, layers_options: dict | None) -> list[dict]:
    """Each reporting tree: its top, positions, depth, and the depth OC104 allows."""
    opts = layers_options or {"target_span": 8, "slack": 1}
    base = opts["target_span"] if opts["target_span"] >= 2 else 2
    self_loops = {id(loop[0]) for loop in org.reporting_cycles if len(loop) == 1}
    out = []
    for top in org.people:
        if not live(org, top) or top.manager is not None or id(top) in self_loops or top.layer != 1:
            continue
        tree = org.subtree(top)
        positions = sum(p.count for p in tree)
        needed = layers_needed(positions, base)
        depth = max((p.layer for p in tree if p.layer is not None), default=1)
        allowed = needed + opts["slack"]
        out.append({"top": top.id, "name": top.label, "positions": positions, "layers": depth,
                    "needed": needed, "max_layers": allowed,
                    "status": "deep" if layers_options is not None and depth > allowed else "within"})
    return out


def manager_share(org: Org, share_options: dict | None) -> dict:
    """OC105's figures: managers, headcount, share, and whether it is high."""
    people = [p for p in org.people if live(org, p)]
    headcount = sum(p.count for p in people)
    managers = sum(1 for p in people if p.reports)
    out = {"managers": managers, "headcount": headcount,
           "share": round(managers / headcount, 4) if headcount else None,
           "max_share": share_options["max_share"] if share_options else None,
           "min_headcount": share_options["min_headcount"] if share_options else None}
    if share_options is None or headcount == 0 or headcount < share_options["min_headcount"]:
        out["status"] = "not judged"
    elif Fraction(managers, headcount) > exact(share_options["max_share"]):
        out["status"] = "high"
    else:
        out["status"] = "within"
    return out


# -- teams -------------------------------------------------------------------------


def team_size(unit: Unit) -> int:
    """Direct members (people whose `unit` is it), each counting as its people."""
    return sum(p.count for p in unit.members)


def team_status(unit: Unit, large: dict | None, small: dict | None) -> str:
    n = team_size(unit)
    if large is not None and n > large["max"]:
        return "large"
    if small is not None and n < small["min"]:
        return "grouping" if n == 0 and unit.children else "small"
    return "within"


# -- processes -------------------------------------------------------------------


class Audience:
    """Who some performer entities stand for: people, and externals as themselves."""

    def __init__(self, org: Org, entities: Iterable[Any]) -> None:
        self.org = org
        self.entities: list = []
        seen: set[int] = set()
        self.members: set[int] = set()
        self.has_people = False
        for e in entities:
            if e is None or id(e) in seen:
                continue
            seen.add(id(e))
            self.entities.append(e)
            group = self.of(e)
            if group and not isinstance(e, External):
                self.has_people = True
            self.members.update(group)
        self._ids = seen

    def of(self, entity: Any) -> set[int]:
        if isinstance(entity, External):
            return {id(entity)}
        return {id(p) for p in self.org.people_of(entity)}

    def meets(self, entity: Any) -> bool:
        if entity is None:
            return False
        return id(entity) in self._ids or not self.members.isdisjoint(self.of(entity))


def steps(org: Org, process: Process) -> list[Step]:
    return [s for s in process.steps if live(org, s)]


def doers(org: Org, process: Process) -> Audience:
    return Audience(org, (s.performer for s in steps(org, process) if s.kind == "work"))


def has_feedback(process: Process) -> bool:
    return any(f.kind == "feedback" for f in process.flows) or any(s.kind == "feedback" for s in process.steps)


def approval_status(org: Org, process: Process, options: dict | None) -> tuple[int, int, str]:
    """(approval steps, work steps, 'heavy' or 'within') as OC201 judges them."""
    kinds = [s.kind for s in steps(org, process)]
    approvals, work = kinds.count("approval"), kinds.count("work")
    heavy = options is not None and approvals > 0 and approvals > exact(options["max_ratio"]) * work
    return approvals, work, "heavy" if heavy else "within"


def feedback_status(org: Org, process: Process) -> str:
    """Whether feedback reaches the doers (OC301/OC302): 'reaches the doers',
    'misses the doers', 'none', 'no work steps' or 'unknown' (a broken reference)."""
    if not has_feedback(process):
        return "none"
    if not any(s.kind == "work" for s in steps(org, process)):
        return "no work steps"
    arrives: set[int] = set()
    for flow in process.flows:
        if flow.kind == "feedback":
            if flow.target is None:
                return "unknown"
            arrives.add(id(flow.target))
    own = [s for s in process.steps if s.kind == "feedback"]
    for step in own:
        arrives.update(id(s) for s in (*step.successors("sequence"), *step.successors("feedback")))
    reached = [s for s in process.steps if id(s) in arrives] + own
    if any(s.performer is None for s in reached):
        return "unknown"
    team = doers(org, process)
    if not team.entities:
        return "unknown"
    return "reaches the doers" if any(team.meets(s.performer) for s in reached) else "misses the doers"


def customer_feedback_status(org: Org, process: Process) -> str:
    """OC303: 'yes' when some feedback starts with the customer, 'no', 'no customer',
    or 'unknown' (a broken reference)."""
    if process.customer is None:
        return "no customer"
    customer = Audience(org, [process.customer])
    unknown = False
    for flow in process.flows:
        if flow.kind == "feedback":
            if flow.source is None or flow.source.performer is None:
                unknown = True
            elif customer.meets(flow.source.performer):
                return "yes"
    for step in process.steps:
        if step.kind == "feedback":
            if step.performer is None:
                unknown = True
            elif customer.meets(step.performer):
                return "yes"
    return "unknown" if unknown else "no"


def metric_status(org: Org, metric: Any, team: Audience) -> str:
    """OC304: 'visible' when its audience meets the doers (or its step's performers),
    'hidden', or 'not judged' (nobody who could see it, or a broken reference)."""
    if metric.step is not None:
        target = Audience(org, [metric.step.performer])
    elif "step" in metric.raw:
        return "not judged"
    else:
        target = team
    if not target.has_people:
        return "not judged"
    return "visible" if any(target.meets(v) for v in metric.visible_to) else "hidden"


def fastest_to_doers(process: Process, team: Audience) -> str | None:
    """OC306: the most frequent cadence among the process's metrics the doers see."""
    if not team.has_people:
        return None
    known = [m.cadence for m in process.metrics if m.cadence in CADENCES
             and any(team.meets(v) for v in m.visible_to)]
    return min(known, key=CADENCES.index) if known else None


def cadence_status(fastest: str | None, options: dict | None) -> str:
    if fastest is None or options is None or options["max_cadence"] not in CADENCES:
        return "not judged"
    return "slow" if CADENCES.index(fastest) > CADENCES.index(options["max_cadence"]) else "within"


def centralized(org: Org, options: dict | None) -> dict:
    """OC205: decision and approval steps taken only by people in the top layers."""
    top_layers = options["top_layers"] if options else 2
    picked = [s for p in org.processes if live(org, p) for s in steps(org, p) if s.kind in ("decision", "approval")]
    at_top = 0
    for s in picked:
        people = org.performers(s) if s.performer is not None else ()
        if people and all(isinstance(p, Person) and p.layer is not None and p.layer <= top_layers
                          for p in people):
            at_top += 1
    status = "not judged"
    if options is not None and picked and len(picked) >= options["min_steps"]:
        status = "high" if at_top > exact(options["max_share"]) * len(picked) else "within"
    return {"steps": len(picked), "at_top": at_top, "top_layers": top_layers,
            "max_share": options["max_share"] if options else None, "status": status}

"""Figures for a group of positions: a unit, a layer, a grade (``orgcheck stats --by``,
the report's unit table, ``diff`` per unit).

How the rows relate (``tests/test_stats_by.py`` proves it on the examples):

- Each unit row has ``own`` figures (the people whose ``unit`` is that unit) and
  ``subtree`` figures (the unit and every unit below it, each person once).
- The ``own`` figures of all units plus the ``no unit`` row add up to the whole.
- The ``subtree`` figures of the top-level units (no parent) plus the ``no unit`` row
  add up to the whole, when the units form a tree (a loop of parents is OC005's).
- Counts add up (positions, filled, vacant, FTE, managers, named reports, spans by
  status, cost and the positions whose cost is known); averages and shares do not, so
  each row carries what they are made of (``reports`` / ``managers`` is the average
  span). ``layers`` are the span family's ``layers`` measure of the group's people:
  from the highest (``layers_from``) to the lowest (``layers_to``), and how many
  layers that spans (``layers``), as ``stats``, ``diff`` and OC104 count them.

This module is the one place where the views add up spans and layers: ``stats``,
``diff``, ``history`` and the report take the whole model's figures from ``figures``
and the per-layer rows from ``by_layer``. Spans and their verdicts are the span
family's measures (``span_status``), asked for through ``Loaded.measures``: one
implementation, shared with OC101-OC103.
Each unit
row's ``profile`` is its trust profile, ``own`` and ``subtree`` (each pillar's score,
``assessed`` of ``total`` indicators, and the readings), from the indicators' per-unit
form (orgcheck/api/unit_profile.py); the ``no unit`` row has none.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from orgcheck.views.load import Loaded

# the span verdicts of span_status, in the order tables show them
SPAN_STATUSES = ("narrow", "one-over-one", "not judged", "within", "wide")


class _Tally:
    """The additive parts of a group's figures; ``figures`` are made from them. Of the
    layers it keeps the highest and the lowest person, all the ``layers`` measure reads."""

    __slots__ = ("loaded", "positions", "vacant", "fte", "managers", "reports", "widest", "cost",
                 "cost_known", "managers_cost", "managers_cost_known", "statuses", "highest", "lowest")

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.positions = self.vacant = self.managers = self.reports = self.widest = 0
        self.cost_known = self.managers_cost_known = 0
        self.fte = self.cost = self.managers_cost = 0.0
        self.statuses: Counter = Counter()
        self.highest: Any = None
        self.lowest: Any = None

    def _place(self, p: Any) -> None:
        if p is None or p.layer is None:
            return
        if self.highest is None or p.layer < self.highest.layer:
            self.highest = p
        if self.lowest is None or p.layer > self.lowest.layer:
            self.lowest = p

    def add_people(self, people: Iterable[Any]) -> _Tally:
        status_of = _status_of(self.loaded)
        for p in people:
            n = p.count
            self.positions += n
            self.fte += p.fte
            if p.vacant:
                self.vacant += n
            self._place(p)
            manages = p.manages
            if manages:
                self.managers += 1
                self.reports += p.span
                self.widest = max(self.widest, p.span)
                self.statuses[status_of(p)] += 1
            value = p.cost
            if value is not None:
                self.cost += value
                self.cost_known += n
                if manages:
                    self.managers_cost += value
                    self.managers_cost_known += n
        return self

    def add(self, other: _Tally) -> _Tally:
        for k in ("positions", "vacant", "fte", "managers", "reports", "cost", "cost_known",
                  "managers_cost", "managers_cost_known"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.widest = max(self.widest, other.widest)
        self.statuses.update(other.statuses)
        self._place(other.highest)
        self._place(other.lowest)
        return self

    def figures(self) -> dict[str, Any]:
        positions, managers = self.positions, self.managers
        ends = [p for p in (self.highest, self.lowest) if p is not None]
        layers = self.loaded.measures("layers", ends)
        status = {s: self.statuses.get(s, 0) for s in SPAN_STATUSES}
        status.update((s, n) for s, n in sorted(self.statuses.items()) if s not in status)  # 'in a loop', ...
        known = self.cost_known > 0
        return {
            "positions": positions, "filled": positions - self.vacant, "vacant": self.vacant,
            "fte": round(self.fte, 2),
            "managers": managers,
            "manager_share": round(managers / positions, 4) if positions else None,
            "reports": self.reports,
            "average_span": round(self.reports / managers, 2) if managers else None,
            "widest_span": self.widest if managers else None,
            "span_status": status,
            "layers": layers["layers"], "layers_from": layers["layers_from"], "layers_to": layers["layers_to"],
            "cost": round(self.cost, 2) if known else None,
            "cost_known": self.cost_known,
            # the cost of management: the managers' pay against everyone else's, where known
            "managers_cost": round(self.managers_cost, 2) if known else None,
            "others_cost": round(self.cost - self.managers_cost, 2) if known else None,
            "managers_cost_known": self.managers_cost_known,
            "managers_cost_share": round(self.managers_cost / self.cost, 4) if known and self.cost else None,
        }


def _status_of(loaded: Loaded) -> Any:
    """The span family's ``span_status`` per manager, asked once per person per model."""
    memo = loaded.__dict__.get("_span_status")
    if memo is None:
        memo = loaded.__dict__["_span_status"] = {}
    measure = loaded.measures

    def status(p: Any) -> str:
        found = memo.get(id(p))
        if found is None:
            found = memo[id(p)] = measure("span_status", p)
        return found

    return status


def figures(loaded: Loaded, people: Iterable[Any]) -> dict[str, Any]:
    """The figures of one group of positions (aggregate positions count as their people)."""
    return _Tally(loaded).add_people(people).figures()


def unit_profiles(loaded: Loaded) -> dict[int, dict[str, Any]]:
    """id(unit) -> the unit's trust profile, ``{"own": pillars, "subtree": pillars}``
    (orgcheck/api/unit_profile.py): the indicators' own per-unit form, so a unit's
    scores and the whole profile count the same entities."""
    from orgcheck.api.unit_profile import unit_profiles as measure_units

    return measure_units(loaded.org, loaded.measures, loaded.plugins.indicators.values(), loaded.document)


def by_unit(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per unit in tree order (each unit right after its parent, as the unit
    tree draws it; siblings in document order), with ``own`` and ``subtree`` figures,
    then a ``no unit`` row (``id`` None) for the people who are in none, when there are any.
    Units in or below a loop of parents (OC005) come after the tree, in document order.

    Each person is tallied once, in their own unit; a subtree adds up its children's,
    children before parents, so the rows cost one pass over the people. Units in or
    below a loop of parents (OC005) are added up the same way (``_looped_subtrees``)."""
    org = loaded.org
    own = {id(u): _Tally(loaded).add_people(u.members) for u in org.units}
    subtree: dict[int, _Tally] = {}
    for unit in reversed(org.unit_tree.tour):  # children before parents
        total = _Tally(loaded).add(own[id(unit)])
        for child in unit.children:
            total.add(subtree[id(child)])
        subtree[id(unit)] = total
    _looped_subtrees(loaded, own, subtree)
    depths = _depths(org)
    profiles = unit_profiles(loaded)
    rows = []
    toured = {id(u) for u in org.unit_tree.tour}
    # tree order: a file may list a unit long after its parent (GitLab's do)
    for unit in [*org.unit_tree.tour, *(u for u in org.units if id(u) not in toured)]:
        whole = subtree[id(unit)]
        rows.append({"id": unit.id, "name": unit.label, "type": unit.type,
                     "parent": unit.parent.id if unit.parent is not None else None,
                     "depth": depths[id(unit)],
                     "own": own[id(unit)].figures(),
                     "subtree": whole.figures(),
                     "profile": profiles[id(unit)]})
    loose = [p for p in org.people if p.unit is None]
    if loose:
        alone = figures(loaded, loose)
        rows.append({"id": None, "name": "no unit", "type": None, "parent": None, "depth": 0,
                     "own": alone, "subtree": alone, "profile": None})
    return rows


def _looped_subtrees(loaded: Loaded, own: dict[int, _Tally], subtree: dict[int, _Tally]) -> None:
    """The subtree tallies of the units the tour misses: those in or below a loop of
    parents (OC005). Every unit of a loop has the whole loop, and what hangs below it,
    below it; one pass over the loops' components (children first) adds them up, where
    a walk per unit would cost the square of a 20,000-unit loop (issue 23)."""
    org = loaded.org
    rest = [u for u in org.units if id(u) not in subtree]
    if not rest:
        return
    from orgcheck.model.flows import components

    for members in components(rest, lambda u: u.children):  # a component after those below it
        inside = {id(u) for u in members}
        total = _Tally(loaded)
        for u in members:
            total.add(own[id(u)])
            for child in u.children:
                if id(child) not in inside and id(child) in subtree:
                    total.add(subtree[id(child)])
        for u in members:
            subtree[id(u)] = total


def _depths(org: Any) -> dict[int, int]:
    """Each unit's depth, 0 for a top-level unit, parents before children; a unit in or
    below a loop of parents is counted from the loop (the first unit seen again)."""
    depths: dict[int, int] = {}
    for unit in org.unit_tree.tour:
        depths[id(unit)] = 0 if unit.parent is None else depths[id(unit.parent)] + 1
    for unit in org.units:
        if id(unit) in depths:
            continue
        chain, seen, u = [], set(), unit
        while u is not None and id(u) not in depths and id(u) not in seen:
            seen.add(id(u))
            chain.append(u)
            u = u.parent
        depth = depths[id(u)] + 1 if u is not None and id(u) in depths else 0
        for u in reversed(chain):
            depths[id(u)] = depth
            depth += 1
    return depths


def by_layer(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per reporting layer (the top is layer 1), then people without a layer
    (in or below a reporting loop) as ``layer`` None."""
    groups: dict[Any, list] = {}
    for p in loaded.org.people:
        groups.setdefault(p.layer, []).append(p)
    keys = sorted(k for k in groups if k is not None) + ([None] if None in groups else [])
    return [{"layer": k, **figures(loaded, groups[k])} for k in keys]


def grade_groups(loaded: Loaded) -> dict[Any, list[Any]]:
    """The positions by grade, most senior grade first, then grades on no known order
    (in order of first appearance), then positions without a grade (key None). The
    order is the grade family's ``grade_rank`` measure, the one OC107 judges: its
    option ``order``, else ``organization.grades``, else the ladders orgcheck knows."""
    groups: dict[Any, list] = {}
    for p in loaded.org.people:
        groups.setdefault(p.grade, []).append(p)
    if set(groups) == {None}:
        return {}
    first = {k: i for i, k in enumerate(groups)}
    ranked = "grade_rank" in loaded.measures

    def seniority(grade: Any) -> tuple:
        if grade is None:
            return (2, 0, 0, 0)
        found = loaded.measures("grade_rank", groups[grade][0]) if ranked else None
        return (0, *found, first[grade]) if found is not None else (1, 0, 0, first[grade])

    return {k: groups[k] for k in sorted(groups, key=seniority)}


def by_grade(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per grade, most senior first (``grade_groups``), then positions without
    one (``grade`` None). Empty when no position records a grade."""
    groups = grade_groups(loaded)
    return [{"grade": k, **figures(loaded, people)} for k, people in groups.items()]


def grade_spans(loaded: Loaded) -> dict[str, Any]:
    """The grade x span table: per grade (in ``grade_groups`` order), its managers and
    their spans (named direct reports: average, narrowest, widest) and how many spans
    the span family's ``span_status`` judges narrow and wide; and the solid lines whose
    two grades are inverted, the same or in order (the ``grade_lines`` measure OC107 and
    OC108 judge). Empty rows when no position records a grade."""
    status_of = _status_of(loaded)
    rows = []
    for grade, people in grade_groups(loaded).items():
        managers = [p for p in people if p.manages]
        spans = [p.span for p in managers]
        verdicts = Counter(status_of(p) for p in managers)
        n = len(managers)
        rows.append({"grade": grade, "positions": sum(p.count for p in people), "managers": n,
                     "average_span": round(sum(spans) / n, 2) if n else None,
                     "min_span": min(spans) if n else None, "max_span": max(spans) if n else None,
                     "narrow": verdicts["narrow"], "wide": verdicts["wide"],
                     "narrow_share": round(verdicts["narrow"] / n, 4) if n else None,
                     "wide_share": round(verdicts["wide"] / n, 4) if n else None})
    lines = loaded.measures("grade_lines") if rows and "grade_lines" in loaded.measures else None
    return {"rows": rows, "lines": lines}


def currency(loaded: Loaded) -> str | None:
    return loaded.org.organization.get("currency")

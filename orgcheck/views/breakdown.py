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
  span). ``layers`` are the reporting layers the group's people sit in: from the
  highest to the lowest, and how many distinct ones.

Spans and their verdicts are the span family's measures (``span_status``), asked for
through ``Loaded.measures``: one implementation, shared with OC101-OC103.
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from orgcheck.views.load import Loaded

# the span verdicts of span_status, in the order tables show them
SPAN_STATUSES = ("narrow", "one-over-one", "not judged", "within", "wide")


class _Tally:
    """The additive parts of a group's figures; ``figures`` are made from them."""

    __slots__ = ("positions", "vacant", "fte", "managers", "reports", "widest", "cost",
                 "cost_known", "managers_cost", "managers_cost_known", "statuses", "layers")

    def __init__(self) -> None:
        self.positions = self.vacant = self.managers = self.reports = self.widest = 0
        self.cost_known = self.managers_cost_known = 0
        self.fte = self.cost = self.managers_cost = 0.0
        self.statuses: Counter = Counter()
        self.layers: set[int] = set()

    def add_people(self, loaded: Loaded, people: Iterable[Any]) -> _Tally:
        status_of = _status_of(loaded)
        for p in people:
            n = p.count
            self.positions += n
            self.fte += p.fte
            if p.vacant:
                self.vacant += n
            if p.layer is not None:
                self.layers.add(p.layer)
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
        self.layers |= other.layers
        return self

    def figures(self) -> dict[str, Any]:
        positions, managers, layers = self.positions, self.managers, self.layers
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
            "layers": len(layers),
            "layers_from": min(layers) if layers else None,
            "layers_to": max(layers) if layers else None,
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
    return _Tally().add_people(loaded, people).figures()


def unit_indicators(loaded: Loaded, unit: Any, subtree: Callable[[], Sequence[Any]]) -> list[dict[str, Any]]:
    """THE PLACE FOR THE TRUST-PROFILE INDICATORS THAT APPLY TO A UNIT (issue 18 item 1).

    ``unit`` is the Unit; ``subtree()`` returns every person in it and in the units
    below it (asked for only when needed: on a deep unit tree it costs a walk per unit).
    Return one dict per indicator (a JSON-ready ``{"pillar", "indicator", "value", ...}``):
    ``stats --by unit`` puts the list in each row's ``indicators`` (JSON) and prints
    each one under the table (text), the report and ``diff`` show them, and ``diff``
    marks a unit whose indicators changed. Until the indicators exist (the
    ``orgcheck_indicators`` hook) no unit has any.
    """
    return []


def by_unit(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per unit in document order, with ``own`` and ``subtree`` figures, then a
    ``no unit`` row (``id`` None) for the people who are in none, when there are any.

    Each person is tallied once, in their own unit; a subtree adds up its children's,
    children before parents, so the rows cost one pass over the people. A unit in or
    below a loop of parents (OC005) is tallied from its members at every depth instead."""
    org = loaded.org
    own = {id(u): _Tally().add_people(loaded, u.members) for u in org.units}
    subtree: dict[int, _Tally] = {}
    for unit in reversed(org.unit_tree.tour):  # children before parents
        total = _Tally().add(own[id(unit)])
        for child in unit.children:
            total.add(subtree[id(child)])
        subtree[id(unit)] = total
    depths = _depths(org)
    rows = []
    for unit in org.units:
        whole = subtree.get(id(unit)) or _Tally().add_people(loaded, org.people_of(unit))
        rows.append({"id": unit.id, "name": unit.label, "type": unit.type,
                     "parent": unit.parent.id if unit.parent is not None else None,
                     "depth": depths[id(unit)],
                     "own": own[id(unit)].figures(),
                     "subtree": whole.figures(),
                     "indicators": unit_indicators(loaded, unit, functools.partial(org.people_of, unit))})
    loose = [p for p in org.people if p.unit is None]
    if loose:
        alone = figures(loaded, loose)
        rows.append({"id": None, "name": "no unit", "type": None, "parent": None, "depth": 0,
                     "own": alone, "subtree": alone, "indicators": []})
    return rows


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


def by_grade(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per grade, in order of first appearance, then positions without one
    (``grade`` None). Empty when no position records a grade."""
    groups: dict[Any, list] = {}
    for p in loaded.org.people:
        groups.setdefault(p.grade, []).append(p)
    if set(groups) == {None}:
        return []
    keys = [k for k in groups if k is not None] + ([None] if None in groups else [])
    return [{"grade": k, **figures(loaded, groups[k])} for k in keys]


def currency(loaded: Loaded) -> str | None:
    return loaded.org.organization.get("currency")

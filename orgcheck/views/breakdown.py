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

from collections import Counter
from typing import Any, Iterable

from .load import Loaded

# the span verdicts of span_status, in the order tables show them
SPAN_STATUSES = ("narrow", "one-over-one", "not judged", "within", "wide")


def figures(loaded: Loaded, people: Iterable[Any]) -> dict[str, Any]:
    """The figures of one group of positions (aggregate positions count as their people)."""
    measure = loaded.measures
    positions = vacant = managers = reports = widest = 0
    fte = 0.0
    cost = managers_cost = 0.0
    cost_known = managers_cost_known = manager_positions = 0
    statuses: Counter = Counter()
    layers: set[int] = set()
    for p in people:
        n = p.count
        positions += n
        fte += p.fte
        if p.vacant:
            vacant += n
        if p.layer is not None:
            layers.add(p.layer)
        if p.manages:
            managers += 1
            manager_positions += n
            reports += p.span
            widest = max(widest, p.span)
            statuses[measure("span_status", p)] += 1
        value = p.cost
        if value is not None:
            cost += value
            cost_known += n
            if p.manages:
                managers_cost += value
                managers_cost_known += n
    status = {s: statuses.get(s, 0) for s in SPAN_STATUSES}
    status.update((s, n) for s, n in sorted(statuses.items()) if s not in status)  # 'in a loop' and the like
    known = cost_known > 0
    return {
        "positions": positions, "filled": positions - vacant, "vacant": vacant, "fte": round(fte, 2),
        "managers": managers,
        "manager_share": round(managers / positions, 4) if positions else None,
        "reports": reports,
        "average_span": round(reports / managers, 2) if managers else None,
        "widest_span": widest if managers else None,
        "span_status": status,
        "layers": len(layers),
        "layers_from": min(layers) if layers else None,
        "layers_to": max(layers) if layers else None,
        "cost": round(cost, 2) if known else None,
        "cost_known": cost_known,
        # the cost of management: the managers' pay against everyone else's, where known
        "managers_cost": round(managers_cost, 2) if known else None,
        "others_cost": round(cost - managers_cost, 2) if known else None,
        "managers_cost_known": managers_cost_known,
        "managers_cost_share": round(managers_cost / cost, 4) if known and cost else None,
    }


def unit_indicators(loaded: Loaded, unit: Any, subtree: list[Any]) -> list[dict[str, Any]]:
    """THE PLACE FOR THE TRUST-PROFILE INDICATORS THAT APPLY TO A UNIT (issue 18 item 1).

    ``unit`` is the Unit and ``subtree`` every person in it and in the units below it.
    Return one dict per indicator (a JSON-ready ``{"pillar", "indicator", "value", ...}``):
    ``stats --by unit`` puts the list in each row's ``indicators``, its text and CSV
    print each one, and ``diff`` shows them before and after. Until the indicators
    exist (the ``orgcheck_indicators`` hook) no unit has any.
    """
    return []


def by_unit(loaded: Loaded) -> list[dict[str, Any]]:
    """One row per unit in document order, with ``own`` and ``subtree`` figures, then a
    ``no unit`` row (``id`` None) for the people who are in none, when there are any."""
    org = loaded.org
    rows = []
    for unit in org.units:
        subtree = org.people_of(unit)
        rows.append({"id": unit.id, "name": unit.label, "type": unit.type,
                     "parent": unit.parent.id if unit.parent is not None else None,
                     "depth": _depth(unit),
                     "own": figures(loaded, unit.members),
                     "subtree": figures(loaded, subtree),
                     "indicators": unit_indicators(loaded, unit, list(subtree))})
    loose = [p for p in org.people if p.unit is None]
    if loose:
        whole = figures(loaded, loose)
        rows.append({"id": None, "name": "no unit", "type": None, "parent": None, "depth": 0,
                     "own": whole, "subtree": whole, "indicators": []})
    return rows


def _depth(unit: Any) -> int:
    """0 for a top-level unit; a loop of parents stops at the first unit seen again."""
    depth, seen, u = 0, {id(unit)}, unit.parent
    while u is not None and id(u) not in seen:
        seen.add(id(u))
        depth, u = depth + 1, u.parent
    return depth


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

"""The trust profile per unit: each unit's own pillar scores and its subtree's.

An indicator with a subject-level form (``Indicator.items``) says, for each entity it
counts, the unit that entity belongs to: a manager's unit, a work step's performing
unit, the team itself. A unit's *own* reading counts the entities of that unit; its
*subtree* reading adds the units below it (children before parents, one pass). The
sums over all units plus what belongs to no unit are the whole model's reading, so
the per-unit figures and the whole profile never disagree.

Not assessed for a unit: what is not assessed for the whole model (with the same
reason), an indicator with no subject-level form (counted for the whole organization
only: the handoffs between units, a role's content), and a unit with nothing of that
kind to count. A unit's score is the mean of its assessed indicators, as the whole's.
A unit's score is 100 only when each of its assessed indicators is whole; the whole
profile's further cap (99 while the pillar's rules report warnings) is the whole's
alone.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from orgcheck.api.indicator import Indicator, NotAssessed
from orgcheck.api.profile import ASSESSED, NOT_ASSESSED, Reading, pillar_score
from orgcheck.api.rules import PILLARS
from orgcheck.i18n.runtime import _

if TYPE_CHECKING:
    from orgcheck.api.measures import Measures
    from orgcheck.io.document import Document
    from orgcheck.model import Org

SCOPES = ("own", "subtree")


def _counts(indicator: Indicator, org: Org, measures: Measures,
            document: Document | None) -> dict[int, list[int]] | str:
    """id(unit) -> [numerator, denominator] of the unit's own entities, or why the
    indicator has no reading per unit."""
    from orgcheck.api.parts import missing, reason

    lacking = missing(indicator.needs, document.expresses if document is not None else None)
    if lacking and document is not None:
        return reason(document.source_name, lacking)
    if indicator.items is None:
        return _("counted for the whole organization only")
    try:
        items = indicator.items(org, measures)
        if isinstance(items, NotAssessed):
            return str(items.reason)
        out: dict[int, list[int]] = {}
        for unit, n, d in items:
            if unit is not None:
                found = out.setdefault(id(unit), [0, 0])
                found[0] += n
                found[1] += d
    except Exception as exc:  # a plugin's indicator costs only its own reading
        return _("the indicator failed: {error}").format(error=f"{type(exc).__name__}: {exc}")
    return out


def _subtrees(org: Org, own: dict[int, list[int]]) -> dict[int, list[int]]:
    """Each unit's counts with the units below it; a unit in or below a loop of parents
    (OC005) keeps its own."""
    out: dict[int, list[int]] = {}
    for unit in reversed(org.unit_tree.tour):  # children before parents
        total = list(own.get(id(unit), (0, 0)))
        for child in unit.children:
            below = out.get(id(child))
            if below is not None:
                total[0] += below[0]
                total[1] += below[1]
        out[id(unit)] = total
    return out


def _reading(indicator: Indicator, n: int, d: int) -> dict[str, Any]:
    if not d:
        why = _("nothing in the unit to count")
        return Reading(indicator.id, str(indicator.title), 0, 0, NOT_ASSESSED, why).as_dict()
    return {"id": indicator.id, "title": str(indicator.title), "value": round(n / d, 4), "numerator": n,
            "denominator": d, "status": ASSESSED, "reason": None}


def unit_profiles(org: Org, measures: Measures, indicators: Iterable[Indicator],
                  document: Document | None = None) -> dict[int, dict[str, Any]]:
    """id(unit) -> {"own": pillars, "subtree": pillars}, each pillar as the whole
    profile's JSON has it (``score``, ``assessed``, ``total``, ``indicators``)."""
    counted = [(i, _counts(i, org, measures, document)) for i in indicators]
    # (indicator, own counts, subtree counts), or the one reading every unit shares
    table: list[tuple[Indicator, Any, Any]] = [
        (i, c, _subtrees(org, c)) if isinstance(c, dict)
        else (i, Reading(i.id, str(i.title), None, None, NOT_ASSESSED, c).as_dict(), None) for i, c in counted]
    nothing = {i.id: _reading(i, 0, 0) for i, _c in counted}
    out: dict[int, dict[str, Any]] = {}
    for unit in org.units:
        key = id(unit)
        scoped = {}
        for scope in SCOPES:
            pillars: dict[str, list[dict[str, Any]]] = {p: [] for p in PILLARS}
            for indicator, own, subtree in table:
                if subtree is None:
                    reading = own
                else:
                    found = (own if scope == "own" else subtree).get(key) or own.get(key)
                    reading = _reading(indicator, *found) if found and found[1] else nothing[indicator.id]
                pillars[indicator.pillar].append(reading)
            scoped[scope] = {p: {"score": pillar_score([r["value"] for r in rs if r["value"] is not None]),
                                 "assessed": sum(1 for r in rs if r["status"] == ASSESSED), "total": len(rs),
                                 "indicators": rs} for p, rs in pillars.items()}
        out[key] = scoped
    return out

"""``orgcheck stats --by unit|layer|grade``: the figures of each unit, layer or grade.

The rows and how they add up are described in :mod:`orgcheck.views.breakdown`.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.profile import unit_profile_table
from orgcheck.formatters.escape import deep, json_text, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views import breakdown
from orgcheck.views.load import Loaded
from orgcheck.views.tables import MAX_INDENT, cost_line, fmt, layer_range, money, span_verdicts, table, write_csv
from orgcheck.wording import percent as _pct

BY = ("unit", "layer", "grade")
FIGURES = ("positions", "filled", "vacant", "fte", "managers", "manager_share", "reports", "average_span",
           "widest_span", "layers", "layers_from", "layers_to", "cost", "cost_known", "managers_cost",
           "others_cost", "managers_cost_known", "managers_cost_share")


class NothingToGroup(Exception):
    """The model has nothing to group by (no units, no grades): a one-line error."""


def compute(loaded: Loaded, by: str) -> dict[str, Any]:
    org = loaded.org
    if by == "unit":
        rows = breakdown.by_unit(loaded)
        if not org.units:
            raise NothingToGroup(_("{file}: the model has no units to group by; "
                                   "give people a unit (unit) and list the units (units)").format(file=loaded.display))
    elif by == "layer":
        rows = breakdown.by_layer(loaded)
    else:
        rows = breakdown.by_grade(loaded)
        if not rows:
            raise NothingToGroup(_("{file}: no position records a grade; "
                                   "record each position's pay grade (grade)").format(file=loaded.display))
    return {"file": loaded.display,
            "organization": {"id": org.organization.get("id"), "name": org.organization.get("name")},
            "currency": breakdown.currency(loaded), "by": by,
            "whole": breakdown.figures(loaded, org.people), "rows": rows}


def _cost(whole: dict[str, Any]) -> dict[str, Any]:
    return {**whole, "manager_positions": whole["managers"]}


def render_text(result: dict[str, Any]) -> str:
    result = deep(result, printable)
    whole, by = result["whole"], result["by"]
    org = result["organization"]
    with_cost = whole["cost_known"] > 0
    out = [f"{result['file']}: {org['name'] or org['id'] or 'organization'}", ""]
    if with_cost:
        out += [cost_line(_cost(whole), result["currency"]), ""]
    if by == "unit":
        out.append(_("Per unit: each unit with the units below it; 'in unit' counts its own members only"))
        headers = [_("unit"), _("positions"), _("in unit"), _("vacant"), _("FTE"), _("managers"), _("share"),
                   _("avg span"), _("widest"), _("layers")]
        body = []
        for r in result["rows"]:
            f = r["subtree"]
            body.append([("  " * min(r["depth"], MAX_INDENT)) + r["name"], f["positions"], r["own"]["positions"], f["vacant"],
                          f["fte"], f["managers"], _pct(f["manager_share"]), f["average_span"], f["widest_span"],
                          layer_range(f), *([money(f["cost"])] if with_cost else []), span_verdicts(f["span_status"])])
        out += table([*headers, *([_("cost")] if with_cost else []), _("spans")], body)
        out += unit_profile_table(result["rows"])
    else:
        key = by
        label = _("layer") if by == "layer" else _("grade")
        none = _("no layer (in or below a reporting loop)") if by == "layer" else _("no grade")
        headers = [label, _("positions"), _("vacant"), _("FTE"), _("managers"), _("avg span"), _("widest")]
        body = []
        for r in result["rows"]:
            body.append([none if r[key] is None else r[key], r["positions"], r["vacant"], r["fte"], r["managers"],
                          r["average_span"], r["widest_span"],
                          *([money(r["cost"]), r["cost_known"]] if with_cost else [])])
        out += table([*headers, *([_("cost"), _("cost known")] if with_cost else [])], body)
    out.append("")
    out.append(ngettext("Whole: {positions} positions ({vacant} vacant), {fte} FTE, {managers} manager",
                        "Whole: {positions} positions ({vacant} vacant), {fte} FTE, {managers} managers",
                        whole["managers"]).format(
        positions=whole["positions"], vacant=whole["vacant"], fte=fmt(whole["fte"]), managers=whole["managers"]))
    return "".join(line + "\n" for line in out)


def render_json(result: dict[str, Any]) -> str:
    return json_text(result) + "\n"


def render_csv(result: dict[str, Any]) -> str:
    """One row per group (per unit two: its own members, and its subtree)."""
    by = result["by"]
    statuses = list(result["whole"]["span_status"])
    for r in result["rows"]:
        for f in (r["own"], r["subtree"]) if by == "unit" else (r,):
            statuses += [s for s in f["span_status"] if s not in statuses]
    figures = [*FIGURES, *(f"spans_{s.replace(' ', '_').replace('-', '_')}" for s in statuses)]

    def cells(f: dict[str, Any]) -> list[Any]:
        return [*(f[k] for k in FIGURES), *(f["span_status"].get(s, 0) for s in statuses)]

    pillars = next((list(r["profile"]["own"]) for r in result["rows"] if r.get("profile")), [])

    def scores(profile: dict[str, Any] | None) -> list[Any]:  # each pillar's score and its coverage
        return [x for p in pillars for x in ((profile[p]["score"], profile[p]["assessed"], profile[p]["total"])
                                             if profile else (None, None, None))]

    table = []
    if by == "unit":
        header = ["unit", "name", "parent", "depth", "scope", *figures,
                  *(f"{p.replace('-', '_')}_{k}" for p in pillars for k in ("score", "assessed", "total"))]
        for r in result["rows"]:
            for scope in ("own", "subtree"):
                table.append([r["id"], r["name"], r["parent"], r["depth"], scope, *cells(r[scope]),
                              *scores(r["profile"][scope] if r.get("profile") else None)])
    else:
        header = [by, *figures]
        table = [[r[by], *cells(r)] for r in result["rows"]]
    return write_csv(header, table)

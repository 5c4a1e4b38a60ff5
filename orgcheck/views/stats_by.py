"""``orgcheck stats --by unit|layer|grade``: the figures of each unit, layer or grade.

The rows and how they add up are described in :mod:`orgcheck.views.breakdown`.
"""
from __future__ import annotations

from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.formatters.escape import deep, json_text, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views import breakdown
from orgcheck.views.load import Loaded
from orgcheck.views.stats import MAX_INDENT, _fmt, _table, cost_line, money, write_csv
from orgcheck.wording import percent as _pct

FIGURES = ("positions", "filled", "vacant", "fte", "managers", "manager_share", "reports", "average_span",
           "widest_span", "layers", "layers_from", "layers_to", "cost", "cost_known", "managers_cost",
           "others_cost", "managers_cost_known", "managers_cost_share")


class NothingToGroup(OrgcheckError):
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


def _layers(f: dict[str, Any]) -> str:
    if not f["layers"]:
        return "-"
    if f["layers_from"] == f["layers_to"]:
        return str(f["layers_from"])
    return f"{f['layers_from']}-{f['layers_to']}"


def _spans(status: dict[str, int]) -> str:
    return ", ".join(f"{n} {s}" for s, n in status.items() if n) or "-"


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
        table = []
        for r in result["rows"]:
            f = r["subtree"]
            table.append([("  " * min(r["depth"], MAX_INDENT)) + r["name"], f["positions"], r["own"]["positions"],
                          f["vacant"],
                          f["fte"], f["managers"], _pct(f["manager_share"]), f["average_span"], f["widest_span"],
                          _layers(f), *([money(f["cost"])] if with_cost else []), _spans(f["span_status"])])
        out += _table([*headers, *([_("cost")] if with_cost else []), _("spans")], table)
        for r in result["rows"]:
            for ind in r["indicators"]:
                out.append(f"  {r['name']}: {ind.get('pillar', '')} {ind.get('indicator', '')} "
                           f"{_fmt(ind.get('value'))}")
    else:
        key = by
        label = _("layer") if by == "layer" else _("grade")
        none = _("no layer (in or below a reporting loop)") if by == "layer" else _("no grade")
        headers = [label, _("positions"), _("vacant"), _("FTE"), _("managers"), _("avg span"), _("widest")]
        table = []
        for r in result["rows"]:
            table.append([none if r[key] is None else r[key], r["positions"], r["vacant"], r["fte"], r["managers"],
                          r["average_span"], r["widest_span"],
                          *([money(r["cost"]), r["cost_known"]] if with_cost else [])])
        out += _table([*headers, *([_("cost"), _("cost known")] if with_cost else [])], table)
    out.append("")
    out.append(ngettext("Whole: {positions} positions ({vacant} vacant), {fte} FTE, {managers} manager",
                        "Whole: {positions} positions ({vacant} vacant), {fte} FTE, {managers} managers",
                        whole["managers"]).format(
        positions=whole["positions"], vacant=whole["vacant"], fte=_fmt(whole["fte"]), managers=whole["managers"]))
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

    table = []
    if by == "unit":
        header = ["unit", "name", "parent", "depth", "scope", *figures]
        for r in result["rows"]:
            for scope in ("own", "subtree"):
                table.append([r["id"], r["name"], r["parent"], r["depth"], scope, *cells(r[scope])])
    else:
        header = [by, *figures]
        table = [[r[by], *cells(r)] for r in result["rows"]]
    return write_csv(header, table)

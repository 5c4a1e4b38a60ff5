"""``orgcheck stats --format csv``: every figure as a (section, subject, measure, value) row."""
from __future__ import annotations

from typing import Any

from orgcheck.views import memberships
from orgcheck.views.tables import write_csv


def rows(stats: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The figures as (section, subject, measure, value) rows: one tidy table."""
    out: list[tuple[str, str, str, Any]] = []
    for k, v in stats["people"].items():
        out.append(("people", "", k, v))
    if stats["currency"]:
        out.append(("cost", "", "currency", stats["currency"]))
    for k, v in stats["cost"].items():
        out.append(("cost", "", k, v))
    for r in stats["layers"]:
        for k in ("people", "managers", "average_span", "vacant", "fte", "cost", "cost_known"):
            out.append(("layers", str(r["layer"]), k, r[k]))
    out.append(("hierarchy", "", "layers", stats["hierarchy"]["layers"]))
    for k, v in stats["completeness"].items():
        out.append(("completeness", "", k, v))
    for r in stats["units"]:  # each unit with the units below it (stats --by unit has both scopes)
        for k in ("positions", "vacant", "fte", "managers", "average_span", "widest_span", "layers", "cost",
                  "cost_known"):
            out.append(("units", r["id"] or "", k, r["subtree"][k]))
    for t in stats["trees"]:
        for k in ("positions", "layers", "needed", "max_layers", "status"):
            out.append(("trees", t["top"], k, t[k]))
    for b, n in stats["spans"]["distribution"].items():
        out.append(("span_distribution", b, "managers", n))
    out.append(("spans", "", "average", stats["spans"]["average"]))
    for r in stats["managers"]:
        for k in ("manager_type", "layer", "span", "staff_below", "bands_below", "min", "max", "status"):
            out.append(("managers", r["id"], k, r[k]))
    for r in stats["one_over_ones"]:
        out.append(("one_over_ones", r["id"], "report", r["report"]))
    for r in stats["grade_spans"]["rows"]:
        for k in ("positions", "managers", "average_span", "min_span", "max_span", "narrow", "wide"):
            out.append(("grade_spans", r["grade"] or "", k, r[k]))
    for k, v in (stats["grade_spans"]["lines"] or {}).items():
        out.append(("grade_lines", "", k, v))
    for t in stats["teams"]:
        for k in ("type", "members", "status"):
            out.append(("teams", t["id"], k, t[k]))
    for r in stats["processes"]:
        for k, n in r["steps"].items():
            out.append(("processes", r["id"], f"steps_{k}", n))
        for k in ("approvals_per_work", "approval_status", "feedback", "customer_feedback", "metrics",
                  "fastest_metric_to_doers", "cadence_status"):
            out.append(("processes", r["id"], k, r[k]))
    for section in ("decisions", "feedback", "roles"):
        for k, v in stats[section].items():
            out.append((section, "", k, v))
    for k, v in stats["metrics"].items():
        if k == "cadence":
            for c, n in v.items():
                out.append(("metrics", c, "cadence", n))
        elif k == "hidden_from_doers":
            for metric in v:
                out.append(("metrics", metric, "visible_to_doers", "no"))
        else:
            out.append(("metrics", "", k, v))
    for pillar, p in stats["profile"].items():
        out.append(("profile", pillar, "score", p["score"]))
        out.append(("profile", pillar, "assessed", p["assessed"]))
        out.append(("profile", pillar, "total", p["total"]))
        for i in p["indicators"]:
            for k in ("value", "numerator", "denominator", "status"):
                out.append(("profile", i["id"], k, i[k]))
    out += memberships.rows(stats)
    for r in stats["not_assessed"]:
        out.append(("not_assessed", r["rule"], "reason", r["reason"]))
    return out


def render_csv(stats: dict[str, Any]) -> str:
    return write_csv(["section", "subject", "measure", "value"], [list(r) for r in rows(stats)])

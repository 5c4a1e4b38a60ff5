"""``orgcheck stats``: the shape of an organization, judged by the rules' own bounds.

``compute`` gathers the figures (a JSON-ready dict, in a fixed order); ``render_text``,
``render_json`` and ``render_csv`` print them.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from ..formatters.escape import csv_cell, deep, json_text, printable
from . import measures as m
from .load import Loaded
from .profile import profile_lines, trust_profile

SPAN_BUCKETS = [str(i) for i in range(1, 15)] + ["15+"]


def _bucket(n: int) -> str:
    return "15+" if n >= 15 else str(n)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def compute(loaded: Loaded) -> dict[str, Any]:
    org = loaded.org
    opt = loaded.rule_options
    wide, narrow = opt("span-too-wide"), opt("span-too-narrow")
    loops = m.in_loop(org)
    people = [p for p in org.people if m.live(org, p)]

    # people --------------------------------------------------------------------
    positions = sum(p.count for p in people)
    vacant = sum(p.count for p in people if p.vacant)
    share = m.manager_share(org, opt("manager-share-high"))
    summary = {"positions": positions, "filled": positions - vacant, "vacant": vacant,
               "fte": round(sum(p.fte for p in people), 2), **share}

    # layers and spans ----------------------------------------------------------
    managers = [p for p in people if p.reports]
    by_layer: dict[int, list] = {}
    for p in people:
        if p.layer is not None:
            by_layer.setdefault(p.layer, []).append(p)
    layers = []
    for layer in sorted(by_layer):
        bosses = [p for p in by_layer[layer] if p.reports]
        layers.append({"layer": layer, "people": sum(p.count for p in by_layer[layer]), "managers": len(bosses),
                       "average_span": round(sum(m.span(p) for p in bosses) / len(bosses), 2) if bosses else None})
    unplaced = sum(p.count for p in people if p.layer is None)
    distribution = Counter(_bucket(m.span(p)) for p in managers)
    manager_rows = []
    for p in managers:
        manager_rows.append({"id": p.id, "name": p.label, "manager_type": p.manager_type, "layer": p.layer,
                             "span": m.span(p), "min": m.span_floor(p, narrow), "max": m.span_bound(p, wide),
                             "status": m.span_status(org, p, wide, narrow, loops)})
    one_over_ones = [{"id": p.id, "name": p.label, "report": p.reports[0].id, "report_name": p.reports[0].label}
                     for p in managers if id(p) not in loops and m.is_one_over_one(p)]
    spans = {"average": round(sum(m.span(p) for p in managers) / len(managers), 2) if managers else None,
             "distribution": {b: distribution.get(b, 0) for b in SPAN_BUCKETS},
             "status": {s: sum(1 for r in manager_rows if r["status"] == s)
                        for s in ("narrow", "within", "wide")}}

    # teams -----------------------------------------------------------------------
    large, small = opt("team-too-large"), opt("team-too-small")
    teams = [{"id": u.id, "name": u.label, "type": u.type, "members": m.team_size(u),
              "min": small["min"] if small else None, "max": large["max"] if large else None,
              "status": m.team_status(u, large, small)}
             for u in org.units if m.live(org, u) and u.is_team]
    teams.sort(key=lambda t: -t["members"])

    # processes -------------------------------------------------------------------
    heavy, slow = opt("approval-heavy-process"), opt("slow-feedback")
    processes = []
    metric_status: Counter = Counter()
    hidden: list[str] = []
    for process in org.processes:
        if not m.live(org, process):
            continue
        kinds = Counter(s.kind for s in m.steps(org, process))
        approvals, work, approval_status = m.approval_status(org, process, heavy)
        team = m.doers(org, process)
        for metric in process.metrics:
            status = m.metric_status(org, metric, team)
            metric_status[status] += 1
            if status == "hidden":
                hidden.append(metric.id)
        fastest = m.fastest_to_doers(process, team)
        processes.append({
            "id": process.id, "name": process.label,
            "steps": {k: kinds.get(k, 0) for k in m.STEP_KINDS},
            "approvals_per_work": _ratio(approvals, work) if work else None,
            "max_ratio": heavy["max_ratio"] if heavy else None,
            "approval_status": approval_status,
            "feedback": m.feedback_status(org, process),
            "customer": process.customer.id if process.customer is not None else None,
            "customer_feedback": m.customer_feedback_status(org, process),
            "metrics": len(process.metrics),
            "fastest_metric_to_doers": fastest,
            "cadence_status": m.cadence_status(fastest, slow),
        })
    with_customer = [p for p in processes if p["customer_feedback"] != "no customer"]
    customer_fb = sum(1 for p in with_customer if p["customer_feedback"] == "yes")
    judged_metrics = metric_status["visible"] + metric_status["hidden"]
    cadences = Counter(x.cadence or "none" for x in org.metrics if m.live(org, x))
    feedback = {
        "processes": len(processes),
        "with_feedback": sum(1 for p in processes if p["feedback"] != "none"),
        "reaching_doers": sum(1 for p in processes if p["feedback"] == "reaches the doers"),
        "with_customer": len(with_customer),
        "with_customer_feedback": customer_fb,
        "customer_feedback_share": _ratio(customer_fb, len(with_customer)),
    }
    metrics = {
        "metrics": sum(1 for x in org.metrics if m.live(org, x)),
        "judged": judged_metrics,
        "visible_to_doers": metric_status["visible"],
        "visible_share": _ratio(metric_status["visible"], judged_metrics),
        "hidden_from_doers": hidden,
        "cadence": {c: cadences.get(c, 0) for c in (*m.CADENCES, "none")},
    }

    # roles -----------------------------------------------------------------------
    roles = [r for r in org.roles if m.live(org, r)]
    filled = [p for p in people if not p.vacant]
    role_figures = {
        "roles": len(roles),
        "filled_positions_with_role": sum(1 for p in filled if p.roles) if roles else None,
        "filled_positions": len(filled),
        "with_purpose": sum(1 for r in roles if r.purpose),
        "with_accountabilities_or_domains": sum(1 for r in roles if r.accountabilities or r.domains),
        "with_standards": sum(1 for r in roles if r.standards),
        "unfilled": sum(1 for r in roles if not r.holders),
    }

    report = loaded.report
    profiles = trust_profile(report.findings, loaded.rules, report.files)
    return {
        "file": loaded.display,
        "organization": {"id": org.organization.get("id"), "name": org.organization.get("name")},
        "people": summary,
        "layers": layers,
        "people_outside_layers": unplaced,
        "trees": m.trees(org, opt("too-many-layers")),
        "spans": spans,
        "managers": manager_rows,
        "one_over_ones": one_over_ones,
        "teams": teams,
        "processes": processes,
        "decisions": m.centralized(org, opt("centralized-decisions")),
        "feedback": feedback,
        "metrics": metrics,
        "roles": role_figures,
        "trust_profile": [p.as_dict() for p in profiles],
        # rules whose subject is absent are silent (rules.md): say so rather than let a pass mislead
        "trust_profile_notes": [note for note, absent in (
            ("no roles in the model: the professionalism checks had nothing to judge", not roles),
            ("no processes in the model: the context checks had nothing to judge", not processes)) if absent],
        "findings": report.summary,
        "_profile_lines": profile_lines(profiles),
    }


# -- text ---------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def _table(headers: list[str], rows: list[list[Any]], indent: str = "  ") -> list[str]:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(x) for x in col) for col in zip(headers, *cells)]
    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric)]
        return (indent + "  ".join(parts)).rstrip()

    return [line(headers), *(line(r) for r in cells)]


def _is_number(text: str) -> bool:
    return text == "-" or text.replace(".", "", 1).replace("%", "").isdigit()


def _bound(row: dict) -> str:
    low, high = row["min"], row["max"]
    if low is None and high is None:
        return "-"
    if low is None:
        return f"<= {high}"
    if high is None:
        return f">= {low}"
    return f"{low}-{high}"


def render_text(stats: dict[str, Any], *, limit: int = 25) -> str:
    stats = deep(stats, printable)  # names from the model: no escape sequence, no line break
    """A report to read in a terminal; long lists show the ``limit`` most telling rows."""
    out: list[str] = []
    org, p = stats["organization"], stats["people"]
    out.append(f"{stats['file']}: {org['name'] or org['id'] or 'organization'}")
    out.append("")
    share = f"{_pct(p['share'])} of positions"
    if p["status"] == "high":
        share += f", above {_pct(p['max_share'])}"
    out.append(f"People: {p['positions']} positions ({p['filled']} filled, {p['vacant']} vacant), "
               f"{_fmt(p['fte'])} FTE; {p['managers']} managers ({share})")
    out.append("")
    out.append("Layers:")
    out += _table(["layer", "people", "managers", "avg span"],
                  [[r["layer"], r["people"], r["managers"], r["average_span"]] for r in stats["layers"]])
    if stats["people_outside_layers"]:
        out.append(f"  {stats['people_outside_layers']} people in or below a reporting loop have no layer")
    for t in stats["trees"]:
        verdict = (f"deeper than the {t['max_layers']} layers {t['positions']} positions need"
                   if t["status"] == "deep" else f"within the {t['max_layers']} layers {t['positions']} positions need")
        out.append(f"  tree of {t['name']}: {t['layers']} layers, {verdict}")
    out.append("")
    spans = stats["spans"]
    dist = spans["distribution"]
    out.append(f"Spans: average {_fmt(spans['average'])}; {spans['status']['narrow']} narrow, "
               f"{spans['status']['within']} within, {spans['status']['wide']} wide")
    shown = [b for b in SPAN_BUCKETS if dist[b]]
    if shown:
        out += _table(["span", *shown], [["managers", *(dist[b] for b in shown)]])
    out.append("")
    rows = sorted(stats["managers"], key=lambda r: (r["status"] == "within", -r["span"]))
    out.append("Managers (span against the bound for their manager_type):")
    out += _table(["manager", "type", "layer", "span", "bound", "status"],
                  [[r["name"], r["manager_type"], r["layer"], r["span"], _bound(r), r["status"]]
                   for r in rows[:limit]])
    if len(rows) > limit:
        out.append(f"  ... and {len(rows) - limit} more (--format json or csv lists them all)")
    if stats["one_over_ones"]:
        out.append("One-over-ones: " + ", ".join(f"{r['name']} → {r['report_name']}" for r in stats["one_over_ones"]))
    if stats["teams"]:
        out.append("")
        out.append("Teams by size:")
        teams = stats["teams"]
        out += _table(["team", "type", "members", "bound", "status"],
                      [[t["name"], t["type"], t["members"], _bound(t), t["status"]] for t in teams[:limit]])
        if len(teams) > limit:
            out.append(f"  ... and {len(teams) - limit} more")
    if stats["processes"]:
        out.append("")
        out.append("Processes:")
        procs = stats["processes"]
        out += _table(["process", "steps", "approvals/work", "feedback", "customer feedback",
                       "fastest metric to doers"],
                      [[r["name"], ", ".join(f"{n} {k}" for k, n in r["steps"].items() if n),
                        r["approvals_per_work"], r["feedback"], r["customer_feedback"], r["fastest_metric_to_doers"]]
                       for r in procs[:limit]])
        if len(procs) > limit:
            out.append(f"  ... and {len(procs) - limit} more")
        fb, d = stats["feedback"], stats["decisions"]
        out.append(f"  feedback reaches the doers in {fb['reaching_doers']} of {fb['processes']} processes; "
                   f"customer feedback in {fb['with_customer_feedback']} of {fb['with_customer']} processes "
                   f"with a customer ({_pct(fb['customer_feedback_share'])})")
        out.append(f"  decision and approval steps taken only in the top {d['top_layers']} layers: "
                   f"{d['at_top']} of {d['steps']}")
    met = stats["metrics"]
    if met["metrics"]:
        cad = ", ".join(f"{c} {n}" for c, n in met["cadence"].items() if n)
        out.append(f"Metrics: {met['metrics']}; visible to the doers: {met['visible_to_doers']} of "
                   f"{met['judged']} ({_pct(met['visible_share'])}); cadence: {cad}")
    roles = stats["roles"]
    if roles["roles"]:
        out.append(f"Roles: {roles['roles']}; {roles['filled_positions_with_role']} of {roles['filled_positions']} "
                   f"filled positions hold one; with a purpose {roles['with_purpose']}, accountabilities or "
                   f"domains {roles['with_accountabilities_or_domains']}, standards {roles['with_standards']}; "
                   f"unfilled {roles['unfilled']}")
    if stats["_profile_lines"]:
        out.append("")
        out += stats["_profile_lines"]
        out += [f"  ({note})" for note in stats["trust_profile_notes"]]
    return "".join(line + "\n" for line in out)


def public(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if not k.startswith("_")}


def render_json(stats: dict[str, Any]) -> str:
    return json_text(public(stats)) + "\n"


def rows(stats: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The figures as (section, subject, measure, value) rows: one tidy table."""
    out: list[tuple[str, str, str, Any]] = []
    for k, v in stats["people"].items():
        out.append(("people", "", k, v))
    for r in stats["layers"]:
        for k in ("people", "managers", "average_span"):
            out.append(("layers", str(r["layer"]), k, r[k]))
    for t in stats["trees"]:
        for k in ("positions", "layers", "needed", "max_layers", "status"):
            out.append(("trees", t["top"], k, t[k]))
    for b, n in stats["spans"]["distribution"].items():
        out.append(("span_distribution", b, "managers", n))
    out.append(("spans", "", "average", stats["spans"]["average"]))
    for r in stats["managers"]:
        for k in ("manager_type", "layer", "span", "min", "max", "status"):
            out.append(("managers", r["id"], k, r[k]))
    for r in stats["one_over_ones"]:
        out.append(("one_over_ones", r["id"], "report", r["report"]))
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
    for p in stats["trust_profile"]:
        for k in ("checks", "passed", "failed"):
            out.append(("trust_profile", p["pillar"], k, p[k]))
    return out


def render_csv(stats: dict[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["section", "subject", "measure", "value"])
    for section, subject, measure, value in rows(stats):
        writer.writerow([csv_cell(printable(x)) if isinstance(x, str) else x
                         for x in (section, subject, measure, "" if value is None else value)])
    return buf.getvalue()

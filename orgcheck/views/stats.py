"""``orgcheck stats``: the shape of an organization, judged by the rules' own bounds.

``compute`` gathers the figures (a JSON-ready dict, in a fixed order); ``render_text``,
``render_json`` and ``render_csv`` print them.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from orgcheck.api.parts import missing
from orgcheck.api.profile import measure_profile, profile_lines, unit_profile_table, warnings_by_pillar
from orgcheck.formatters.escape import deep, json_text, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.model import STEP_KINDS
from orgcheck.views import breakdown, grade_table, memberships
from orgcheck.views.load import Loaded
from orgcheck.views.network import coordination_lines
from orgcheck.views.stats_csv import render_csv  # noqa: F401 (the CSV view, re-exported)
from orgcheck.views.tables import (
    MAX_INDENT,
    bound,
    cost_line,
    fmt,
    layer_range,
    money,
    span_verdicts,
    table,
)
from orgcheck.wording import percent as _pct
from orgcheck.wording import word, words

SPAN_BUCKETS = [str(i) for i in range(1, 15)] + ["15+"]


def _bucket(n: int) -> str:
    return "15+" if n >= 15 else str(n)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def loaded_profile(loaded: Loaded) -> Any:
    """The trust profile of a loaded model, as ``lint --statistics`` measures it."""
    rules = loaded.plugins.rules
    warned = warnings_by_pillar((rules[f.rule].pillar if f.rule in rules else None, f.severity)
                                for f in loaded.report.findings)
    return measure_profile(loaded.org, loaded.document, loaded.plugins, loaded.config,
                           loaded.report.not_assessed.get(loaded.display, ()), warned)


def compute(loaded: Loaded) -> dict[str, Any]:
    """Every figure of ``orgcheck stats``. A figure a rule also judges is that rule's
    measure (``loaded.measures``) or added up from it by ``breakdown``: never counted
    here, so that stats and lint cannot disagree."""
    org = loaded.org
    measure = loaded.measures
    people = org.people

    # people --------------------------------------------------------------------
    whole = breakdown.figures(loaded, people)
    summary = {"positions": whole["positions"], "filled": whole["filled"], "vacant": whole["vacant"],
               # vacant posts with people reporting to them (OC106)
               "vacant_managers": sum(1 for p in people if p.manages and measure("vacant_manager", p)),
               "fte": whole["fte"], **measure("manager_share"),
               # FTE defaults to 1 a position (the format says so); another source that records
               # none (a team kept as code, a CSV without an FTE column) would show its headcount
               "fte_recorded": loaded.document.expresses is None or any("fte" in p.raw for p in people)}

    # layers and spans: named direct reports (aggregated staff are shown beside them)
    managers = [p for p in people if p.manages]
    by_layer = breakdown.by_layer(loaded)
    layers = [{"layer": r["layer"], "people": r["positions"], "managers": r["managers"],
               "average_span": r["average_span"], **{k: r[k] for k in ("vacant", "fte", "cost", "cost_known")}}
              for r in by_layer if r["layer"] is not None]
    unplaced = sum(r["positions"] for r in by_layer if r["layer"] is None)
    distribution = Counter(_bucket(p.span) for p in managers if p.span)
    manager_rows = []
    for p in managers:
        manager_rows.append({"id": p.id, "name": p.label, "manager_type": p.manager_type, "layer": p.layer,
                             "span": p.span, "staff_below": p.staff_below, "bands_below": p.bands_below,
                             "min": measure("span_floor", p), "max": measure("span_bound", p),
                             "status": measure("span_status", p)})
    one_over_ones = [{"id": p.id, "name": p.label, "report": p.reports[0].id, "report_name": p.reports[0].label}
                     for r, p in zip(manager_rows, managers, strict=False) if r["status"] == "one-over-one"]
    spans = {"average": whole["average_span"],
             "distribution": {b: distribution.get(b, 0) for b in SPAN_BUCKETS},
             "status": whole["span_status"]}
    # layers against need are judged on complete trees only; fragments (below a manager
    # missing from a partial export) are summed up in one line, not listed as trees
    all_trees = measure("trees")
    trees = [{"top": t["top"].id, "name": t["top"].label, "positions": t["positions"], "layers": t["layers"],
              "needed": t["needed"], "max_layers": t["max_layers"], "status": t["status"]}
             for t in all_trees if not t["fragment"]]
    completeness = measure("completeness")

    # teams -----------------------------------------------------------------------
    low, high = measure("team_bounds")
    # a source naming only each unit's leads says nothing of its size (OC501/OC502 not assessed)
    sized = missing(("memberships",), loaded.document.expresses) == []
    teams = [{"id": u.id, "name": u.label, "type": u.type, "members": measure("team_size", u),
              "min": low, "max": high, "status": measure("team_status", u) if sized else "not assessed"}
             for u in org.units if u.is_team]
    teams.sort(key=lambda t: -t["members"])

    # processes -------------------------------------------------------------------
    processes = []
    metric_status: Counter = Counter()
    hidden: list[str] = []
    for process in org.processes:
        kinds = Counter(s.kind for s in process.steps)
        approval = measure("approval_status", process)
        for metric in process.metrics:
            status = measure("metric_status", metric)
            metric_status[status] += 1
            if status == "hidden":
                hidden.append(metric.id)
        work = approval["work"]
        processes.append({
            "id": process.id, "name": process.label,
            "steps": {k: kinds.get(k, 0) for k in STEP_KINDS},
            "approvals_per_work": _ratio(len(approval["approvals"]), work) if work else None,
            "max_ratio": approval["max_ratio"],
            "approval_status": approval["status"],
            "feedback": measure("feedback_status", process),
            "customer": process.customer.id if process.customer is not None else None,
            "customer_feedback": measure("customer_feedback_status", process),
            "metrics": len(process.metrics),
            "fastest_metric_to_doers": measure("fastest_to_doers", process),
            "cadence_status": measure("cadence_status", process),
        })
    with_customer = [p for p in processes if p["customer_feedback"] != "no customer"]
    customer_fb = sum(1 for p in with_customer if p["customer_feedback"] == "yes")
    judged_metrics = metric_status["visible"] + metric_status["hidden"]
    live_metrics = org.metrics
    cadences = Counter(x.cadence or "none" for x in live_metrics)
    feedback = {
        "processes": len(processes),
        "with_feedback": sum(1 for p in processes if p["feedback"] != "none"),
        "reaching_doers": sum(1 for p in processes if p["feedback"] == "reaches the doers"),
        "with_customer": len(with_customer),
        "with_customer_feedback": customer_fb,
        "customer_feedback_share": _ratio(customer_fb, len(with_customer)),
    }
    metrics = {
        "metrics": len(live_metrics),
        "judged": judged_metrics,
        "visible_to_doers": metric_status["visible"],
        "visible_share": _ratio(metric_status["visible"], judged_metrics),
        "hidden_from_doers": hidden,
        "cadence": {c: cadences.get(c, 0) for c in (*measure("cadences"), "none")},
    }
    central = measure("centralized")
    decisions = {"steps": len(central["steps"]), "at_top": len(central["at_top"]),
                 "top_layers": central["top_layers"], "max_share": central["max_share"],
                 "status": central["status"]}

    # roles: each figure is the measure of the rule that judges it (OC401-OC406)
    roles = org.roles
    holding = [measure("holds_role", p) for p in people]
    role_figures = {
        "roles": len(roles),
        "filled_positions_with_role": holding.count(True) if roles else None,
        "filled_positions": len(holding) - holding.count(None),
        "with_purpose": sum(1 for r in roles if measure("role_has_purpose", r)),
        "with_accountabilities_or_domains": sum(1 for r in roles if measure("role_has_accountabilities", r)),
        "with_standards": sum(1 for r in roles if measure("role_has_standards", r)),
        "unfilled": sum(1 for r in roles if not measure("role_filled", r)),
    }

    report = loaded.report
    profile = loaded_profile(loaded)
    return {
        "file": loaded.display,
        "organization": {"id": org.organization.get("id"), "name": org.organization.get("name")},
        "people": summary,
        # posts an export lists as eliminated: out of the model, counted here only
        "eliminated_posts": len(org.eliminated),
        "currency": breakdown.currency(loaded),
        "cost": _cost(whole),
        # the reporting layers of the whole model: the depth of its deepest tree
        "hierarchy": measure("layers"),
        "layers": layers,
        "people_outside_layers": unplaced,
        "completeness": completeness,
        "trees": trees,
        "spans": spans,
        "managers": manager_rows,
        "one_over_ones": one_over_ones,
        "units": breakdown.by_unit(loaded),
        "grades": breakdown.by_grade(loaded),
        "grade_spans": breakdown.grade_spans(loaded),
        "teams": teams,
        # a model of units and memberships (teams kept as code): no layers to count
        "reporting_lines": memberships.reporting_lines(org, loaded.document),
        "memberships": memberships.compute(org),
        "processes": processes,
        "decisions": decisions,
        "feedback": feedback,
        "metrics": metrics,
        "roles": role_figures,
        "profile": profile.as_dict(),
        "coordination": loaded.measures("coordination") if "coordination" in loaded.measures else None,
        # what the source cannot express: neither a finding nor a pass
        "not_assessed": [{"rule": code, "name": name, "reason": why} for code, name, why in profile.not_assessed],
        "findings": report.summary,
        "_profile_lines": profile_lines(profile),
    }


def _cost(whole: dict[str, Any]) -> dict[str, Any]:
    """The model's pay cost, the cost of management, and for how many positions it is known."""
    return {"positions": whole["positions"],
            **{k: whole[k] for k in ("cost", "cost_known", "managers_cost", "others_cost", "managers_cost_known",
                                      "managers_cost_share")},
            "manager_positions": whole["managers"]}


# -- text ---------------------------------------------------------------------------


def _below(row: dict) -> str:
    """'plus 85 staff in 10 grade bands', or '-' for a manager with named reports only."""
    if not row["bands_below"]:
        return "-"
    return _("plus {staff} in {bands}").format(
        staff=ngettext("{count} staff member", "{count} staff", row["staff_below"]).format(count=row["staff_below"]),
        bands=ngettext("{count} grade band", "{count} grade bands", row["bands_below"]).format(
            count=row["bands_below"]))


def _tree_line(t: dict) -> str:
    """'  tree of Ann: 4 layers, within the 4 layers 50 positions need (with slack)'."""
    values = {"top": t["name"],
              "layers": ngettext("{count} layer", "{count} layers", t["layers"]).format(count=t["layers"]),
              "bound": ngettext("{count} layer", "{count} layers", t["max_layers"] or 0).format(
                  count=t["max_layers"]),
              "positions": ngettext("{count} position", "{count} positions", t["positions"]).format(
                  count=t["positions"])}
    if t["status"] == "deep":
        return _("  tree of {top}: {layers}, deeper than the {bound} its {positions} may have").format(**values)
    if t["status"] == "within":
        return _("  tree of {top}: {layers}, within the {bound} its {positions} may have").format(**values)
    return _("  tree of {top}: {layers}, {positions} (not judged)").format(**values)


def _fragments_line(done: dict) -> str:
    """One line for every fragment together: a partial export's pieces are not trees."""
    return ngettext(
        "  {count} fragment below a manager missing from the document: {positions} ({share}), layers not judged",
        "  {count} fragments below {managers} missing from the document: {positions} ({share}), layers not "
        "judged", done["fragments"]).format(
        count=done["fragments"],
        managers=ngettext("{count} manager", "{count} managers", done["missing_managers"]).format(
            count=done["missing_managers"]),
        positions=ngettext("{count} position", "{count} positions", done["in_fragments"]).format(
            count=done["in_fragments"]),
        share=_pct(done["fragment_share"]))


def _completeness_line(done: dict) -> str:
    """'Data: 1368 positions; 0 (0%) reach a top, 1368 (100%) are in 450 fragments ...'."""
    line = _("Data completeness: {complete} of {positions} ({share}) reach a top through managers in the "
             "document; {in_fragments} ({fragment_share}) are in fragments below a missing manager").format(
        complete=done["complete"],
        positions=ngettext("{count} position", "{count} positions", done["positions"]).format(
            count=done["positions"]),
        share=_pct(done["complete_share"]), in_fragments=done["in_fragments"],
        fragment_share=_pct(done["fragment_share"]))
    if done["in_loops"]:
        line += _("; {count} ({share}) are in or below a reporting loop").format(
            count=done["in_loops"], share=_pct(done["loop_share"]))
    return line


def summary_lines(stats: dict[str, Any]) -> list[str]:
    """The metrics and roles in a line each, as the text view and the HTML report show them."""
    out = []
    met = stats["metrics"]
    if met["metrics"]:
        cad = ", ".join(f"{word(c)} {n}" for c, n in met["cadence"].items() if n)
        out.append(_("Metrics: {count}; visible to the doers: {visible} of {judged} ({share}); cadence: "
                     "{cadences}").format(count=met["metrics"], visible=met["visible_to_doers"], judged=met["judged"],
                                          share=_pct(met["visible_share"]), cadences=cad))
    roles = stats["roles"]
    if roles["roles"]:
        out.append(_("Roles: {count}; {holding} of {filled} filled positions hold one; with a purpose {purpose}, "
                     "accountabilities or domains {accountabilities}, standards {standards}; unfilled "
                     "{unfilled}").format(
            count=roles["roles"], holding=roles["filled_positions_with_role"], filled=roles["filled_positions"],
            purpose=roles["with_purpose"], accountabilities=roles["with_accountabilities_or_domains"],
            standards=roles["with_standards"], unfilled=roles["unfilled"]))
    return out


def process_lines(stats: dict[str, Any]) -> list[str]:
    """Feedback to the doers and to the customer, and where decisions are taken, a sentence each."""
    fb, d = stats["feedback"], stats["decisions"]
    return [_("feedback reaches the doers in {reaching} of {processes} processes; customer feedback in {customer} of "
              "{with_customer} processes with a customer ({share})").format(
                reaching=fb["reaching_doers"], processes=fb["processes"], customer=fb["with_customer_feedback"],
                with_customer=fb["with_customer"], share=_pct(fb["customer_feedback_share"])),
            ngettext("decision and approval steps taken only in the top layer: {at_top} of {steps}",
                     "decision and approval steps taken only in the top {count} layers: {at_top} of {steps}",
                     d["top_layers"] or 0).format(count=d["top_layers"], at_top=d["at_top"], steps=d["steps"])]


def _people_line(p: dict[str, Any], share: str, lines_recorded: bool) -> str:
    """'People: 53 positions (50 filled, 3 vacant), 51.5 FTE; 9 managers (17% of positions)',
    without the FTE where the source records none and without managers where it records
    no reporting lines (said on a line of its own)."""
    values = {"positions": ngettext("{count} position", "{count} positions", p["positions"]).format(
                  count=p["positions"]),
              "filled": p["filled"], "vacant": p["vacant"], "fte": fmt(p["fte"]), "share": share,
              "managers": ngettext("{count} manager", "{count} managers", p["managers"]).format(count=p["managers"])}
    if not lines_recorded:
        people = ngettext("{count} person", "{count} people", p["positions"]).format(count=p["positions"])
        return (_("People: {people}, {fte} FTE") if p["fte_recorded"] else _("People: {people}")).format(
            people=people, fte=values["fte"])
    if not p["fte_recorded"]:
        return _("People: {positions} ({filled} filled, {vacant} vacant); {managers} ({share})").format(**values)
    return _("People: {positions} ({filled} filled, {vacant} vacant), {fte} FTE; {managers} ({share})").format(**values)


def render_text(stats: dict[str, Any], *, limit: int = 25) -> str:
    """A report to read in a terminal; long lists show the ``limit`` most telling rows."""
    stats = deep(stats, printable)  # names from the model: no escape sequence, no line break
    out: list[str] = []
    org, p = stats["organization"], stats["people"]
    fallback = _("organization")
    out.append(f"{stats['file']}: {org['name'] or org['id'] or fallback}")
    out.append("")
    share = _("{share} of positions").format(share=_pct(p["share"]))
    if p["status"] == "high":
        share = _("{share} of positions, above {max_share}").format(share=_pct(p["share"]),
                                                                     max_share=_pct(p["max_share"]))
    line = _people_line(p, share, stats["reporting_lines"]["recorded"])
    if p["vacant_managers"]:
        line += "; " + ngettext("{count} vacant post has people reporting to it",
                                "{count} vacant posts have people reporting to them",
                                p["vacant_managers"]).format(count=p["vacant_managers"])
    out.append(line)
    if stats.get("eliminated_posts"):
        out.append(ngettext("Eliminated: {count} post the export lists as eliminated, left out of the model",
                            "Eliminated: {count} posts the export lists as eliminated, left out of the model",
                            stats["eliminated_posts"]).format(count=stats["eliminated_posts"]))
    done = stats["completeness"]
    if done["in_fragments"] or done["in_loops"]:  # a whole organization needs no line about it
        out.append(_completeness_line(done))
    cost = stats["cost"]
    if cost["cost_known"]:
        out.append(cost_line(cost, stats["currency"]))
    out.append("")
    if stats["reporting_lines"]["recorded"]:
        out += _hierarchy_text(stats, limit)
    else:  # said once, not a "1 layer" tree per person
        out.append(memberships.no_lines_line(stats["reporting_lines"]))
    if stats["memberships"]["units"] or stats["memberships"]["archived"]:
        out.append("")
        out += memberships.lines(stats["memberships"])
    if stats["units"]:
        out.append("")
        out += unittable(stats, limit=limit)
    if stats["grade_spans"]["rows"]:
        out += ["", *grade_table.text_lines(stats["grade_spans"])]
    if stats["teams"]:
        out.append("")
        out.append(_("Teams by size:"))
        teams = stats["teams"]
        out += table([_("team"), _("type"), _("members"), _("bound"), _("status")],
                     [[t["name"], t["type"], t["members"], bound(t), word(t["status"])] for t in teams[:limit]])
        if len(teams) > limit:
            out.append("  " + _("... and {n} more").format(n=len(teams) - limit))
    if stats["processes"]:
        out.append("")
        out.append(_("Processes:"))
        procs = stats["processes"]
        out += table([_("process"), _("steps"), _("approvals/work"), _("feedback"), _("customer feedback"),
                      _("fastest metric to doers")],
                     [[r["name"], words(r["steps"]), r["approvals_per_work"], word(r["feedback"]),
                       word(r["customer_feedback"]), word(r["fastest_metric_to_doers"])] for r in procs[:limit]])
        if len(procs) > limit:
            out.append("  " + _("... and {n} more").format(n=len(procs) - limit))
        out += ["  " + line for line in process_lines(stats)]
    out += summary_lines(stats)
    out += coordination_lines(stats.get("coordination"))
    if stats["_profile_lines"]:
        out.append("")
        out += stats["_profile_lines"]
    return "".join(line + "\n" for line in out)


def _hierarchy_text(stats: dict[str, Any], limit: int) -> list[str]:
    """Layers, trees, spans and managers: what the reporting lines show."""
    out: list[str] = []
    cost = stats["cost"]
    depth = stats["hierarchy"]["layers"]
    out.append(ngettext("Layers ({count} layer, the top counted as the first):",
                        "Layers ({count} layers, the top counted as the first):", depth).format(count=depth))
    with_cost = bool(cost["cost_known"])
    partial = with_cost and any(r["cost_known"] < r["people"] for r in stats["layers"])
    out += table([_("layer"), _("people"), _("vacant"), _("FTE"), _("managers"), _("avg span"),
                   *([_("cost")] if with_cost else []), *([_("cost known")] if partial else [])],
                  [[r["layer"], r["people"], r["vacant"], r["fte"], r["managers"], r["average_span"],
                    *([money(r["cost"])] if with_cost else []), *([r["cost_known"]] if partial else [])]
                   for r in stats["layers"]])
    if stats["people_outside_layers"]:
        out.append("  " + ngettext("{count} person in or below a reporting loop has no layer",
                                   "{count} people in or below a reporting loop have no layer",
                                   stats["people_outside_layers"]).format(count=stats["people_outside_layers"]))
    for t in stats["trees"]:
        out.append(_tree_line(t))
    done = stats["completeness"]
    if done["fragments"]:
        out.append(_fragments_line(done))
    out.append("")
    spans = stats["spans"]
    dist = spans["distribution"]
    verdicts = spans["status"]
    order = ("narrow", "one-over-one", "not judged", "within", "wide")
    out.append(_("Spans (named direct reports): average {average}; {verdicts}").format(
        average=fmt(spans["average"]), verdicts=", ".join(
            f"{verdicts[s]} {word(s)}" for s in order if verdicts[s] or s in ("narrow", "within", "wide"))))
    shown = [b for b in SPAN_BUCKETS if dist[b]]
    if shown:
        out += table([_("span"), *shown], [[_("managers"), *(dist[b] for b in shown)]])
    out.append("")
    rows = sorted(stats["managers"], key=lambda r: (r["status"] == "within", -r["span"]))
    out.append(_("Managers (span against the bound for their manager_type):"))
    below = any(r["bands_below"] for r in rows)  # aggregated staff: headcount beside the span, not in it
    out += table([_("manager"), _("type"), _("layer"), _("span"), *([_("staff below")] if below else []),
                  _("bound"), _("status")],
                 [[r["name"], r["manager_type"], r["layer"], r["span"], *([_below(r)] if below else []), bound(r),
                   word(r["status"])] for r in rows[:limit]])
    if len(rows) > limit:
        out.append("  " + _("... and {n} more (--format json or csv lists them all)").format(n=len(rows) - limit))
    if stats["one_over_ones"]:
        out.append(_("One-over-ones: {pairs}").format(pairs=", ".join(
            f"{r['name']} → {r['report_name']}" for r in stats["one_over_ones"])))
    return out


def unittable(stats: dict[str, Any], *, limit: int | None = None) -> list[str]:
    """Each unit with everything below it (its subtree figures), indented by depth."""
    rows = stats["units"]
    with_cost = bool(stats["cost"]["cost_known"])
    if not stats["reporting_lines"]["recorded"]:
        return memberships.unit_table(rows, stats["memberships"], limit)
    out = [_("Units (each with the units below it):")]
    headers = [_("unit"), _("positions"), _("vacant"), _("FTE"), _("managers"), _("share"), _("avg span"),
               _("widest"), _("layers"), *([_("cost")] if with_cost else []), _("spans")]
    body = []
    for r in rows[:limit] if limit else rows:
        f = r["subtree"]
        body.append([("  " * min(r["depth"], MAX_INDENT)) + r["name"], f["positions"], f["vacant"], f["fte"],
                     f["managers"], _pct(f["manager_share"]), f["average_span"], f["widest_span"], layer_range(f),
                     *([money(f["cost"])] if with_cost else []), span_verdicts(f["span_status"])])
    out += table(headers, body)
    if limit and len(rows) > limit:
        out.append("  " + _("... and {n} more (orgcheck stats --by unit lists them all)").format(n=len(rows) - limit))
    out += unit_profile_table(rows[:limit] if limit else rows)
    return out


def public(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if not k.startswith("_")}


def render_json(stats: dict[str, Any]) -> str:
    return json_text(public(stats)) + "\n"

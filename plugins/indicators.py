"""The built-in trust-profile indicators (issue 14): per pillar, shares of the model's
own entities, each read from the measures the rules of its family judge.

Each indicator counts entities of one kind (its denominator) and how many of them are
as a trust-based design has them (its numerator); orgcheck/api/profile.py turns them into
the pillar scores. Where a family has no measure for what its rule judges, the measure
is registered here from the rule's own code (OC203, OC204, OC206), so that a step,
handoff or unit counts as controlled exactly when the rule would report it.
"""
from __future__ import annotations

from orgcheck_plugins._common import unit_of_step

import orgcheck
from orgcheck.i18n.runtime import lazy
from orgcheck.model import Person

COACHING = ("coach", "facilitator")


# -- measures taken from the rules' own code -----------------------------------------


def checked_by_superior(org) -> set[int]:
    """The work steps (their ids) that OC203 finds checked by a superior of their doers:
    the work before each approval or review it reports."""
    from orgcheck_plugins.vertical import vertical_approval

    checked: set[int] = set()
    for item in vertical_approval.func(org):
        step = item.entity if isinstance(item, orgcheck.Finding) else item[0]
        checked.update(id(s) for s in org.work_before(step))
    return checked


def handoffs(org) -> tuple[int, int]:
    """(direct, via management): work passing between two units (neither containing the
    other) along a direct sequence flow between their work steps, and the routes through
    their common management that OC204 reports."""
    from orgcheck_plugins.handoffs import handoff_via_management

    direct = 0
    for process in org.processes:
        for step in process.steps:
            a = unit_of_step(step) if step.kind == "work" else None
            if a is None:
                continue
            for nxt in step.successors("sequence"):
                b = unit_of_step(nxt) if nxt.kind == "work" else None
                if b is not None and not (a is b or a.contains(b) or b.contains(a)):
                    direct += 1
    via = sum(1 for _ in handoff_via_management.func(org))
    return direct, via


def contradicted_units(org) -> set[int]:
    """The self-organizing units (their ids) whose work OC206 finds approved or decided by
    someone outside them, with OC206's own helpers."""
    from orgcheck_plugins.vertical import _controls_after, _self_organizing_units

    out: set[int] = set()
    cache: dict = {}
    for process in org.processes:
        live = {id(s) for s in process.steps}
        for work in process.steps:
            unit = unit_of_step(work) if work.kind == "work" else None
            claimed = _self_organizing_units(unit, cache) if unit is not None else ()
            for control in _controls_after(work) if claimed else ():
                if control.kind not in ("approval", "decision") or id(control) not in live \
                        or control.performer is None:
                    continue
                for so in claimed:
                    if any(isinstance(p, Person) and not so.contains(p) for p in org.performers(control)):
                        out.add(id(so))
    return out


# -- self-steering -------------------------------------------------------------------


def managers_within_span(org, measures):
    statuses = [measures("span_status", p) for p in org.people if p.manages]
    judged = [s for s in statuses if s not in ("in a loop", "not judged")]
    return judged.count("within"), len(judged)


def positions_not_managing(org, measures):
    share = measures("manager_share")
    return share["headcount"] - share["managers"], share["headcount"]


def processes_not_approval_heavy(org, measures):
    processes = _with_work(org)
    return sum(1 for p in processes if measures("approval_status", p)["status"] == "within"), len(processes)


def work_not_checked_by_boss(org, measures):
    work = [s for p in org.processes for s in p.steps if s.kind == "work" and s.performer is not None]
    checked = measures("checked_by_superior")
    return sum(1 for s in work if id(s) not in checked), len(work)


def self_organization_respected(org, measures):
    units = [u for u in org.units if u.self_organizing]
    contradicted = measures("contradicted_units")
    return sum(1 for u in units if id(u) not in contradicted), len(units)


def direct_handoffs(org, measures):
    direct, via = measures("handoffs")
    return direct, direct + via


def trees_within_layers(org, measures):
    judged = [t for t in measures("trees") if t["status"] != "not judged"]
    return sum(1 for t in judged if t["status"] == "within"), len(judged)


def coaching_managers(org, measures):
    managers = [p for p in org.people if p.manages]
    return sum(1 for p in managers if p.manager_type in COACHING), len(managers)


# -- professionalism -----------------------------------------------------------------


def people_holding_role(org, measures):
    if not org.roles:  # as OC401: a model that defines no roles says nothing about them
        return 0, 0
    verdicts = [measures("holds_role", p) for p in org.people]
    judged = [v for v in verdicts if v is not None]
    return sum(judged), len(judged)


def _roles_with(name):
    def share(org, measures):
        roles = org.roles
        return sum(1 for r in roles if measures(name, r)), len(roles)

    return share


def decisions_by_owners(org, measures):
    verdicts = [measures("decision_in_domain", s) for p in org.processes for s in p.steps]
    judged = [v for v in verdicts if v in ("owner", "outside")]
    return judged.count("owner"), len(judged)


# -- context -------------------------------------------------------------------------


def _with_work(org):
    return [p for p in org.processes if any(s.kind == "work" for s in p.steps)]


def feedback_to_doers(org, measures):
    statuses = [measures("feedback_status", p) for p in _with_work(org)]
    judged = [s for s in statuses if s in ("none", "misses the doers", "reaches the doers")]
    return judged.count("reaches the doers"), len(judged)


def metric_to_doers(org, measures):
    processes = _with_work(org)
    return sum(1 for p in processes if measures("fastest_to_doers", p) is not None), len(processes)


def teams_with_purpose(org, measures):
    teams = measures("teams")
    return sum(1 for u in teams if measures("team_has_purpose", u)), len(teams)


def learning_loops(org, measures):
    verdicts = [measures("learning_loop", p) for p in org.processes]
    judged = [v for v in verdicts if v != "not judged"]
    return judged.count("yes"), len(judged)


SS, PRO, CTX = "self-steering", "professionalism", "context"
I = orgcheck.Indicator  # noqa: E741 (short, so that each row of the table below stays one line)
INDICATORS = [
    I("managers-within-span", SS, lazy("managers within the span bound for their type"), managers_within_span,
      ("reporting_lines",)),
    I("positions-not-managing", SS, lazy("positions that do the work rather than manage"), positions_not_managing,
      ("reporting_lines",)),
    I("processes-not-approval-heavy", SS, lazy("processes within the approvals their work needs"),
      processes_not_approval_heavy, ("processes",)),
    I("work-not-checked-by-superior", SS, lazy("work steps not checked by a superior of their doers"),
      work_not_checked_by_boss, ("processes", "reporting_lines")),
    I("self-organization-respected", SS, lazy("self-organizing units whose work nobody outside approves"),
      self_organization_respected, ("processes", "units")),
    I("direct-handoffs", SS, lazy("handoffs between units made directly, not via their managers"),
      direct_handoffs, ("processes", "reporting_lines", "units")),
    I("trees-within-layers", SS, lazy("reporting trees within the layers their size needs"), trees_within_layers,
      ("reporting_lines",)),
    I("coaching-managers", SS, lazy("managers who coach or facilitate rather than supervise"), coaching_managers,
      ("reporting_lines", "manager_types")),
    I("people-holding-role", PRO, lazy("people holding a defined role"), people_holding_role, ("people", "roles")),
    I("roles-with-purpose", PRO, lazy("roles with a purpose"), _roles_with("role_has_purpose"), ("role_content",)),
    I("roles-with-accountabilities", PRO, lazy("roles with accountabilities or domains"),
      _roles_with("role_has_accountabilities"), ("role_content",)),
    I("roles-with-standards", PRO, lazy("roles with professional standards"), _roles_with("role_has_standards"),
      ("role_content",)),
    I("decisions-by-domain-owners", PRO, lazy("decisions taken by a holder of the role owning their domain"),
      decisions_by_owners, ("processes", "roles", "role_content")),
    I("feedback-reaches-doers", CTX, lazy("processes whose doers receive feedback"), feedback_to_doers,
      ("processes", "feedback")),
    I("metric-seen-by-doers", CTX, lazy("processes with a metric their doers see"), metric_to_doers,
      ("processes", "metrics")),
    I("teams-with-purpose", CTX, lazy("teams with a purpose"), teams_with_purpose, ("units", "unit_purposes")),
    I("learning-loops", CTX, lazy("processes with a learning loop their doers take part in"), learning_loops,
      ("processes", "feedback")),
]


@orgcheck.hookimpl
def orgcheck_indicators():
    return list(INDICATORS)


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("checked_by_superior", checked_by_superior),
            orgcheck.Measure("handoffs", handoffs),
            orgcheck.Measure("contradicted_units", contradicted_units)]

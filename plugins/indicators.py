"""The built-in trust-profile indicators (issue 14): per pillar, shares of the model's
own entities, each read from the measures the rules of its family judge.

Each indicator counts entities of one kind (its denominator) and how many of them are
as a trust-based design has them (its numerator); orgcheck/api/profile.py turns them into
the pillar scores. Every figure comes from a measure a rule family registers (OC203's
``checked_by_superior``, OC204's ``handoffs``, OC206's ``contradicted_units`` and the
rest): no indicator re-implements a rule, so a step, handoff or unit counts as
controlled exactly when the rule reports it.
"""
from __future__ import annotations

from orgcheck_plugins._common import unit_of_step

import orgcheck
from orgcheck.i18n.runtime import _, lazy
from orgcheck.model import Person, Unit

COACHING = ("coach", "facilitator")


# Each indicator lists what it counts as (unit, numerator part, denominator part): the
# unit the entity belongs to (None: no unit), so that the same list gives the whole
# model's reading and each unit's (orgcheck/api/unit_profile.py).


def _one(unit, ok) -> tuple:
    return unit, 1 if ok else 0, 1


def _process_unit(process):
    """The unit a process belongs to: its owner's (a unit, or a person's unit)."""
    owner = process.owner
    if isinstance(owner, Unit):
        return owner
    return owner.unit if isinstance(owner, Person) else None


# -- self-steering -------------------------------------------------------------------


def managers_within_span(org, measures):
    statuses = [(p, measures("span_status", p)) for p in org.people if p.manages]
    return [_one(p.unit, s == "within") for p, s in statuses if s not in ("in a loop", "not judged")]


def positions_not_managing(org, measures):
    # as OC105's manager_share: positions (an aggregate as its people), managers once each
    return [(p.unit, p.count - (1 if p.manages else 0), p.count) for p in org.people]


def processes_not_approval_heavy(org, measures):
    return [_one(_process_unit(p), measures("approval_status", p)["status"] == "within") for p in _with_work(org)]


def work_not_checked_by_boss(org, measures):
    checked = measures("checked_by_superior")
    return [_one(unit_of_step(s), id(s) not in checked)
            for p in org.processes for s in p.steps if s.kind == "work" and s.performer is not None]


def self_organization_respected(org, measures):
    contradicted = measures("contradicted_units")
    return [_one(u, id(u) not in contradicted) for u in org.units if u.self_organizing]


def direct_handoffs(org, measures):
    # a handoff is between two units: it belongs to neither, so it is counted for the whole only
    direct, via = measures("handoffs")
    return direct, direct + via


def trees_within_layers(org, measures):
    # as OC104: a fragment of a partial export (its top's manager is missing) is not
    # judged, it is no tree "too deep" or "within" either
    trees = measures("trees")
    judged = [t for t in trees if t["status"] in ("within", "deep")]
    if not judged and any(t["status"] == "fragment" for t in trees):
        return orgcheck.NotAssessed(_("every reporting tree in the model is a fragment: its top's manager is "
                                      "missing from the document"))
    return [_one(t["top"].unit, t["status"] == "within") for t in judged]


def coaching_managers(org, measures):
    managers = [p for p in org.people if p.manages]
    if managers and not any(p.manager_type for p in org.people):
        # an export that records no manager types says nothing about how anyone manages
        return orgcheck.NotAssessed(_("no one in the model has a manager type [manager_type]"))
    return [_one(p.unit, p.manager_type in COACHING) for p in managers]


# -- professionalism -----------------------------------------------------------------


def people_holding_role(org, measures):
    if not org.roles:  # as OC401: a model that defines no roles says nothing about them
        return []
    verdicts = [(p, measures("holds_role", p)) for p in org.people]
    return [_one(p.unit, v) for p, v in verdicts if v is not None]


def _roles_with(name):
    # a role belongs to no unit (its holders may sit in many): counted for the whole only
    def share(org, measures):
        roles = org.roles
        return sum(1 for r in roles if measures(name, r)), len(roles)

    return share


def decisions_by_owners(org, measures):
    verdicts = [(s, measures("decision_in_domain", s)) for p in org.processes for s in p.steps]
    return [_one(unit_of_step(s), v == "owner") for s, v in verdicts if v in ("owner", "outside")]


# -- context -------------------------------------------------------------------------


def _with_work(org):
    return [p for p in org.processes if any(s.kind == "work" for s in p.steps)]


def feedback_to_doers(org, measures):
    statuses = [(p, measures("feedback_status", p)) for p in _with_work(org)]
    return [_one(_process_unit(p), s == "reaches the doers") for p, s in statuses
            if s in ("none", "misses the doers", "reaches the doers")]


def metric_to_doers(org, measures):
    return [_one(_process_unit(p), measures("fastest_to_doers", p) is not None) for p in _with_work(org)]


def teams_with_direction(org, measures):
    # as OC307 judges a team: a purpose and a metric all its members see
    return [_one(unit, not (no_purpose or no_metric)) for unit, no_purpose, no_metric in measures("team_direction")]


def learning_loops(org, measures):
    verdicts = [(p, measures("learning_loop", p)) for p in org.processes]
    return [_one(_process_unit(p), v == "yes") for p, v in verdicts if v != "not judged"]


SS, PRO, CTX = "self-steering", "professionalism", "context"
ITEMS = {managers_within_span, positions_not_managing, processes_not_approval_heavy, work_not_checked_by_boss,
         self_organization_respected, trees_within_layers, coaching_managers, people_holding_role,
         decisions_by_owners, feedback_to_doers, metric_to_doers, teams_with_direction, learning_loops}


def I(ident, pillar, title, func, needs):  # noqa: E743 - the table below reads as one
    """An indicator; one that lists what it counts per unit has a reading per unit too."""
    if func in ITEMS:
        return orgcheck.Indicator(ident, pillar, title, None, needs, items=func)
    return orgcheck.Indicator(ident, pillar, title, func, needs)


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
    I("teams-with-direction", CTX, lazy("teams with a purpose and a metric all their members see"),
      teams_with_direction, ("units", "unit_purposes", "metrics")),
    I("learning-loops", CTX, lazy("processes with a learning loop their doers take part in"), learning_loops,
      ("processes", "feedback")),
]


@orgcheck.hookimpl
def orgcheck_indicators():
    return list(INDICATORS)


"""orgcheck rules of a home-care company: the span limits of its collective
agreements, and every role in its HR role catalogue.

The data the rules read lives under ``x-example`` on people, units and roles:

    {"id": "ann", "name": "Ann", "x-example": {"agreement": "healthcare"}}
    {"id": "nurse", "name": "Nurse", "x-example": {"catalogue": "ZRG-04"}}

``orgcheck_schema_fragments`` below gives orgcheck the JSON Schema of that data, so
that a typo in it is an OC001 finding at its line (with "did you mean"), not a rule
that silently finds nothing.
"""
from __future__ import annotations

import orgcheck

#: what may stand under "x-example" on any entity
SCHEMA = {
    "type": "object",
    "properties": {
        "agreement": {"type": "string", "minLength": 1,
                      "description": "The collective agreement that covers this person, or everyone in this unit."},
        "catalogue": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2}$",
                      "description": "The code of this role's entry in the HR role catalogue, such as ZRG-04."},
    },
    "additionalProperties": False,
}


def _own(entity) -> dict:
    """The entity's x-example data (orgcheck has validated it against SCHEMA)."""
    return entity.raw.get("x-example", {}) if entity is not None else {}


def agreement_of(person) -> str | None:
    """The agreement that covers a person: their own, else their unit's."""
    return _own(person).get("agreement") or _own(person.unit).get("agreement")


@orgcheck.rule("EX101", "agreement-span-limit", severity="warning",
               options={"limits": {"healthcare": 8, "ict": 12}}, pillar="self-steering")
def agreement_span_limit(org, limits):
    """A manager has more direct reports than their collective agreement allows.

    What: a manager covered by a collective agreement (`x-example.agreement` on the
    person, or else on their unit) who has more direct reports (`reports_to`) than
    `limits` allows under that agreement. An agreement that `limits` does not list
    sets no limit. As in orgcheck's own span rules, `org.managers()` leaves out people
    in a reporting loop and `manager.reports` holds named positions only (a grade band
    of junior staff is `manager.staff`), so the plain count below is the built-in one.

    Why: the collective agreements cap how many people one manager may supervise
    (healthcare: article 4.2; ict: article 7.1), so that every employee gets the
    yearly reviews and the supervision hours the agreement promises. A design that
    breaks the cap cannot be staffed as drawn.

    Fix: split the span with a second team lead, or let the team steer itself and
    turn the manager into a coach under an agreement without the cap.

    Options: `limits`, a table of agreement = most direct reports (default
    healthcare = 8, ict = 12). Setting one entry keeps the others:
    `[rules.agreement-span-limit] limits = { healthcare = 10 }`.

    Example:
        {"id": "ann", "name": "Ann", "x-example": {"agreement": "healthcare"}} with 9
        direct reports -> Ann has 9 direct reports; the healthcare agreement allows at most 8
    """
    for manager in org.managers():
        agreement = agreement_of(manager)
        limit = limits.get(agreement) if agreement else None
        if limit is not None and len(manager.reports) > limit:
            yield manager, (f"{manager.name} has {len(manager.reports)} direct reports; "
                            f"the {agreement} agreement allows at most {limit}")


@orgcheck.rule("EX102", "role-not-in-catalogue", severity="warning", recommended=False,
               pillar="professionalism")
def role_not_in_catalogue(org):
    """A role names no entry of the HR role catalogue.

    What: a role without `x-example.catalogue`, the code (such as `ZRG-04`) of its
    entry in the HR role catalogue.

    Why: pay scales, training budgets and job descriptions hang off the catalogue;
    nobody can be hired into a role outside it, so the design cannot be staffed.

    Fix: add the role's catalogue code, or ask HR to add the role to the catalogue.

    Options: none. The rule is not in the recommended preset: enable it with
    `preset = ["recommended", "example:policies"]` or `extend-select = ["EX102"]`.

    Example:
        {"id": "planner", "name": "Planner"} -> role 'Planner' names no entry of the HR role catalogue
    """
    for role in org.roles:
        if not _own(role).get("catalogue"):
            yield role, (f"role {role.name!r} names no entry of the HR role catalogue: add its code as "
                         "x-example.catalogue (such as ZRG-04)")


@orgcheck.hookimpl
def orgcheck_rules():
    return [agreement_span_limit, role_not_in_catalogue]


@orgcheck.hookimpl
def orgcheck_presets():
    # used as "example:policies": both rules, EX102 included
    return {"policies": ["EX101", "EX102"]}


@orgcheck.hookimpl
def orgcheck_schema_fragments():
    return {"x-example": SCHEMA}

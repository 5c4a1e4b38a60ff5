"""OC4xx: professional roles (pillar 2, professionalism).

A trust-based organization steers on professional roles and behaviour rather than on
output alone. Following the Holacracy Constitution (§1.1), a role has a purpose, the
domains it exclusively controls and the accountabilities it is expected to perform;
Sociocracy 3.0 ("Clarify domains") adds the competencies, qualities and skills expected
of whoever fills it, which the model calls `standards`.

Readings of rules.md made precise here (as an org designer would):

- Every rule of this family is silent when the document defines no roles.
- A later entity with a duplicate id is reported by OC002 and otherwise ignored: these
  rules skip it.
- OC401: a *filled* position is one that is not `vacant`; an aggregate position
  (`x-aggregate`, several junior staff in one line of a UK organogram) is skipped, as
  the people it stands for are not named. A position that lists roles whose references
  are all broken is not reported (OC003 reports the references).
- OC403: a list that holds only blank strings counts as empty; for OC402, a blank
  `purpose` or a placeholder ("TBD", "-", "n/a": ``orgcheck.model.has_purpose``) is none.
- OC404: a role is unfilled when no filled position holds it; a role held only by
  vacant positions is unfilled too (the message says so).
- OC405: two domains are the same when they are equal after stripping, collapsing
  runs of whitespace, case-folding and dropping English plural endings ("Budget " =
  "budgets": ``domain_key``, shared with OC407 and OC408); no fuzzy matching. The
  finding is on the later role (document order), once per shared domain, naming the
  earlier role(s) that claim it. A role that lists one domain twice overlaps with
  nobody.
"""
from __future__ import annotations

from collections.abc import Iterable

from orgcheck_plugins._common import names as _names
from orgcheck_plugins._common import person_label as _person

import orgcheck
from orgcheck.i18n.runtime import _
from orgcheck.model import has_purpose as states_purpose

PILLAR = "professionalism"


# -- helpers -------------------------------------------------------------------


def _roles(org):
    return org.roles


def _texts(values) -> list[str]:
    """The non-blank strings of a list field (anything else is the schema's business)."""
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, str) and v.strip()]


def _singular(word: str) -> str:
    """An English word without its plural ending: 'plans' -> 'plan', 'policies' ->
    'policy', 'addresses' -> 'address'; 'process', 'status' and 'analysis' stay. Both
    sides of a comparison pass through it, so a word it leaves alone still matches."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def domain_key(domain: str) -> str:
    """A domain as a designer means it (OC405, OC407, OC408): case, spacing and a plural
    ending aside, so that 'Care plan', 'care  plan' and 'Care plans' are one domain."""
    return " ".join(_singular(w) for w in domain.casefold().split())


def has_purpose(role) -> bool:
    """OC402: the role states a purpose (a blank one or a placeholder such as "TBD" is
    none: ``orgcheck.model.has_purpose``, shared with OC307 and the views)."""
    return states_purpose(role)


def has_accountabilities(role) -> bool:
    """OC403: the role lists accountabilities or domains (blank strings are none)."""
    return bool(_texts(role.accountabilities) or _texts(role.domains))


def has_standards(role) -> bool:
    """OC406: the role names professional standards."""
    return bool(_texts(role.standards))


def works_to_standards(org, entity) -> bool:
    """Whether the people a performer stands for (a person, a unit's people but its lead,
    a role's holders) each hold a role that names professional standards (OC406): what the
    approval rules (OC201, OC203, OC205) ask before they advise letting go. A role
    performer answers for itself; vacant and aggregate positions are not asked; a model
    without roles, or a unit without people, has none to show."""
    from orgcheck.model import Role

    if not org.roles or entity is None:
        return False
    cache = org.memo(("roles", "works_to_standards"), dict)
    found = cache.get(id(entity))
    if found is None:
        if isinstance(entity, Role):
            found = has_standards(entity)
        else:
            people = [p for p in org.people_of(entity) if not p.vacant and not p.aggregate]
            lead = getattr(entity, "lead", None)
            if lead is not None and any(p is not lead for p in people):
                people = [p for p in people if p is not lead]  # a unit's work is done by its members, not its lead
            found = bool(people) and all(any(has_standards(r) for r in p.roles) for p in people)
        cache[id(entity)] = found
    return found
def is_filled(role) -> bool:
    """OC404: a filled position holds the role (one held only by vacant posts is unfilled)."""
    return any(not p.vacant for p in role.holders)


def holds_role(person) -> bool | None:
    """OC401: whether a filled, named position holds a role (None: not judged, as a
    vacant or aggregate position is not)."""
    if person.vacant or person.aggregate:
        return None
    return bool(person.roles or person.raw.get("roles"))


def _opening(role, held: str, nobody: str, **holders: Iterable[str]) -> str:
    """How a message about ``role`` opens: ``held`` when positions hold it (the keyword
    argument lists them for its placeholder), else ``nobody``."""
    if role.holders:
        return held.format(role=role.name, **{key: _names(labels) for key, labels in holders.items()})
    return nobody.format(role=role.name)


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC401", "person-without-role", severity="warning", pillar=PILLAR, needs=("people", "roles"))
def person_without_role(org):
    """A filled position holds no role.

    What: in a document that defines `roles`, a person who is not `vacant` and whose
    `roles` is missing or empty. Vacant positions are exempt (nobody fills them yet), and
    so are aggregate positions (`x-aggregate`: several unnamed staff in one line). A
    position whose role references are all broken is left to OC003. Silent when the
    document defines no roles.

    Why: where people hold no professional role, the only way to steer them is through
    their manager and their output. A role states the purpose, the domains and the
    accountabilities someone acts on, so that they can steer themselves (Holacracy
    Constitution §1.1; Sociocracy 3.0, "Clarify domains").

    Fix: give the position the role(s) its holder actually performs, or define the
    missing role with a purpose, accountabilities and standards.

    Options: none.

    Example:
        {"id": "p-carver", "name": "Tom Carver", "title": "Management Assistant",
         "reports_to": "p-mercer"} in a document with roles
        -> Tom Carver (Management Assistant) holds no role: ...
    """
    if not org.roles:
        return
    for person in org.people:
        if person.roles or holds_role(person) is not False:  # the first test alone settles most people
            continue
        yield person, _("{person} holds no role: only a manager and output targets can steer "
                        "this position; give it the professional role(s) its holder performs, with a "
                        "purpose, accountabilities and standards").format(person=_person(person))


@orgcheck.rule("OC402", "role-without-purpose", severity="warning", pillar=PILLAR, needs=("role_content",))
def role_without_purpose(org):
    """A role has no purpose.

    What: a role whose `purpose` is missing, blank, or a placeholder: only punctuation
    ("-", "?") or a word that stands in for one ("TBD", "n/a", "todo", "to be decided"),
    in any case and spacing. The message quotes the placeholder.

    Why: the purpose is why the role exists; it is what its holder steers on when no
    rule or manager says what to do. A role without one is a list of tasks, and its
    holders can only be steered on doing them (Holacracy Constitution §1.1: a role has a
    purpose, domains and accountabilities).

    Fix: write the purpose as the result the role serves for a client or colleague
    ("Policyholders get a fair, fast settlement"), not as its tasks.

    Options: none.

    Example:
        {"id": "role-team-leader", "name": "Team Leader", "accountabilities": [...]}
        -> role 'Team Leader' has no purpose: ...
    """
    for role in _roles(org):
        if has_purpose(role):
            continue
        head = _opening(role, _("role '{role}' (held by {holders}) has no purpose"),
                        _("role '{role}' has no purpose"), holders=(p.name for p in role.holders))
        if isinstance(role.purpose, str) and role.purpose.strip():
            head += _(" ('{text}' is a placeholder)").format(text=role.purpose.strip())
        yield role, _("{head}: its holders know what to do but not why; state the result the role serves, "
                      "so that they can steer on it themselves").format(head=head)


@orgcheck.rule("OC403", "role-without-accountabilities", severity="warning", pillar=PILLAR, needs=("role_content",))
def role_without_accountabilities(org):
    """A role has neither accountabilities nor domains.

    What: a role whose `accountabilities` and `domains` are both missing or empty (a list
    of blank strings counts as empty).

    Why: accountabilities are the ongoing activities others can count on the role for;
    domains are what it exclusively decides. A role with neither gives its holders no
    room to act and others nothing to expect of them (Holacracy Constitution §1.1).

    Fix: list the activities the role is accountable for ("Investigating referred
    claims") and the decisions it owns (`domains`).

    Options: none.

    Example:
        {"id": "role-claims-auditor", "name": "Claims Auditor", "purpose": "..."}
        -> role 'Claims Auditor' has neither accountabilities nor domains: ...
    """
    for role in _roles(org):
        if has_accountabilities(role):
            continue
        yield role, _("role '{role}' has neither accountabilities nor domains: nobody can tell what "
                      "its holders are expected to do or decide; list the activities it is accountable "
                      "for and the decisions it owns").format(role=role.name)


@orgcheck.rule("OC404", "unfilled-role", severity="info", pillar=PILLAR, needs=("roles", "role_content"))
def unfilled_role(org):
    """Nobody holds the role.

    What: a role that no filled position lists in its `roles`. A role held only by
    vacant positions is unfilled too; the message names them.

    Why: a role nobody holds is work nobody does: its accountabilities and domains fall
    back to whoever is nearest, usually a manager (Holacracy Constitution §1.1: roles
    are filled by people, and an unfilled role's work rests with the circle's lead).

    Fix: assign the role to someone, merge it into a role that is held, or remove it.

    Options: none.

    Example:
        {"id": "role-complaints-officer", "name": "Complaints Officer", ...} and no person
        with it in `roles`
        -> role 'Complaints Officer' is held by nobody: ...
    """
    for role in _roles(org):
        if is_filled(role):
            continue
        head = _opening(role, _("role '{role}' is held only by vacant positions ({positions})"),
                        _("role '{role}' is held by nobody"), positions=(p.id for p in role.holders))
        yield role, _("{head}: its accountabilities and domains fall back to whoever is nearest, usually a "
                      "manager; assign it to someone, merge it into a held role, or remove it").format(head=head)


@orgcheck.rule("OC405", "overlapping-domains", severity="warning", pillar=PILLAR, needs=("role_content",))
def overlapping_domains(org):
    """Two roles claim the same domain.

    What: a role lists a domain that a role earlier in the document also lists. Domains
    are compared after stripping, collapsing whitespace, case-folding and dropping
    English plural endings ("Care plan" = "care plans"); otherwise exactly. The finding
    is on the later role, once per shared domain, naming the earlier role(s). A role
    that lists one domain twice overlaps with nobody.

    Why: a domain is what a role exclusively controls (Holacracy Constitution §1.1;
    Sociocracy 3.0, "Clarify domains"). When two roles claim it, neither can decide on
    its own: every decision becomes a negotiation, or goes up to a common manager.

    Fix: give the domain to one role, split it into two distinct domains ("settlement
    of motor claims", "settlement of property claims"), or make one role an
    accountability of the other.

    Options: none.

    Example:
        role-motor-assessor and role-loss-adjuster both with
        "domains": ["Settlement amount offered to the policyholder"]
        -> role 'Loss Adjuster' claims domain 'Settlement amount offered to the
           policyholder', which role 'Motor Damage Assessor' already claims: ...
    """
    claimed: dict[str, list] = {}
    for role in _roles(org):
        seen: set[str] = set()
        for domain in _texts(role.domains):
            key = domain_key(domain)
            if key in seen:
                continue
            seen.add(key)
            earlier = claimed.setdefault(key, [])
            if earlier:
                others = _names(f"'{r.name}'" for r in earlier)
                if len(earlier) == 1:
                    head = _("role '{role}' claims domain '{domain}', which role {others} already claims")
                else:
                    head = _("role '{role}' claims domain '{domain}', which roles {others} already claim")
                head = head.format(role=role.name, domain=domain.strip(), others=others)
                yield role, _("{head}: a domain is controlled exclusively by one role; give it to one of them "
                              "or split it into distinct domains").format(head=head)
            earlier.append(role)


@orgcheck.rule("OC406", "role-without-standards", severity="info", pillar=PILLAR, needs=("role_content",))
def role_without_standards(org):
    """A role names no professional standards: it can only be steered on output.

    What: a role whose `standards` is missing or empty (a list of blank strings counts
    as empty).

    Why: professional standards (competencies, qualities, skills, codes of practice) are
    what lets a professional be trusted and steered on how they work, not only on what
    they produce (pillar 2, professionalism; Sociocracy 3.0, "Clarify domains":
    competencies, qualities and skills).

    Fix: name the qualifications, codes or competencies the role's holders work by
    ("CII Certificate in Insurance", "FCA Consumer Duty training").

    Options: none.

    Example:
        {"id": "role-payments-officer", "name": "Payments Officer", "purpose": "...",
         "accountabilities": [...]}
        -> role 'Payments Officer' names no professional standards: ...
    """
    for role in _roles(org):
        if has_standards(role):
            continue
        yield role, _("role '{role}' names no professional standards: its holders can only be "
                      "steered on output; name the competencies, qualifications or codes they work by").format(
            role=role.name)


@orgcheck.hookimpl
def orgcheck_rules():
    return [person_without_role, role_without_purpose, role_without_accountabilities, unfilled_role,
            overlapping_domains, role_without_standards]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("holds_role", lambda org, person: holds_role(person)),
            orgcheck.Measure("role_has_purpose", lambda org, role: has_purpose(role)),
            orgcheck.Measure("role_has_accountabilities", lambda org, role: has_accountabilities(role)),
            orgcheck.Measure("role_has_standards", lambda org, role: has_standards(role)),
            orgcheck.Measure("role_filled", lambda org, role: is_filled(role))]

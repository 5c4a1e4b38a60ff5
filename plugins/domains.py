"""OC407-OC408: who owns a decision (pillar 2, professionalism).

A domain is what a role exclusively controls (Holacracy Constitution §1.1; Sociocracy
3.0, "Clarify domains"). Where a process step names the domain it decides, the model
can tell whether the decision is taken by the professional whose role owns it, or
somewhere else: by a manager above them, or by nobody's role at all.

Readings of issue 14 made precise here (as an org designer would):

- A step names its domain in `domain`. Domains are compared as OC405 compares them,
  as a designer writes them: after stripping, collapsing runs of whitespace,
  case-folding and dropping English plural endings ("Care plan" = "care plans"); no
  fuzzy matching. OC408 names the nearest owned domain when one is close ("did you
  mean"), for the slip of the pen that matching leaves.
- A role is *held* when a filled (not vacant) position holds it, as for OC404. A
  domain is *owned* when a held role lists it in its `domains`.
- OC407 judges `decision` and `approval` steps whose domain is owned: it fires when no
  performer of the step (a person, the members of a unit, the holders of a role)
  holds an owning role (a vacant position decides nothing, so it does not count), and
  the step is not performed by an owning role itself. A step whose performer is a
  broken reference is left to OC003. A domain nobody owns is OC408's finding, not
  OC407's.
- OC408 judges every step that names a domain, whatever its kind: one finding per
  unowned domain, on the first step (document order) that names it; the message
  counts the others.
- Both rules are silent when the document defines no roles (as the role rules are):
  the source then does not express who owns what.
- A later entity with a duplicate id is reported by OC002 and otherwise ignored.
"""
from __future__ import annotations

from orgcheck_plugins._common import names as _names
from orgcheck_plugins._common import person_label as _person
from orgcheck_plugins.roles import domain_key

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.suggest import did_you_mean
from orgcheck.wording import word

PILLAR = "professionalism"
DECIDING = ("decision", "approval")


def _domain(step) -> str | None:
    value = step.domain
    return value.strip() if isinstance(value, str) and value.strip() else None


def _claims(org) -> tuple[dict[str, list], dict[str, list], dict[str, str]]:
    """Normalized domain -> the held roles that list it, -> every role that lists it
    (held or not), in document order, and -> how the first role that lists it spells it."""
    def build() -> tuple[dict[str, list], dict[str, list], dict[str, str]]:
        owners: dict[str, list] = {}
        claimants: dict[str, list] = {}
        spelling: dict[str, str] = {}
        for role in org.roles:
            held = any(not p.vacant for p in role.holders)
            domains = role.domains
            for domain in domains if isinstance(domains, list) else []:
                if not (isinstance(domain, str) and domain.strip()):
                    continue
                key = domain_key(domain)
                spelling.setdefault(key, " ".join(domain.split()))
                for index in ((claimants, owners) if held else (claimants,)):
                    found = index.setdefault(key, [])
                    if role not in found:
                        found.append(role)
        return owners, claimants, spelling

    return org.memo(("domains", "claims"), build)


def _steps_with_domain(org) -> list[tuple]:
    """Each step that names a domain, with the domain: OC407's and OC408's, read once
    per model (a pass over a million-person model's 450,000 steps costs 0.08 s)."""
    def find() -> list[tuple]:
        out = []
        for process in org.processes:
            for step in process.steps:
                if step.domain is not None:  # most steps name none
                    domain = _domain(step)
                    if domain is not None:
                        out.append((step, domain))
        return out

    return org.memo(("domains", "steps"), find)


def _role_names(roles) -> str:
    label = _names(f"'{r.name}'" for r in roles)
    return ngettext("role {roles}", "roles {roles}", len(roles)).format(roles=label)


def _takes_part(org, step, owning: list, holders: list) -> bool:
    """Whether a filled holder of an owning role is among the step's performers: walking
    the smaller side, so a step of a big unit costs the holders, not the unit."""
    performers = org.performers(step)
    if len(performers) <= len(holders):
        return any(p.entity_kind == "person" and not p.vacant and any(r in p.roles for r in owning)
                   for p in performers)
    performer = step.performer
    kind = performer.entity_kind
    if kind == "person":
        return any(h is performer for h in holders)
    if kind == "unit":
        return any(performer.contains(h) for h in holders)
    if kind == "role":
        return any(performer in h.roles for h in holders)
    return False


def _deciders(step) -> tuple[str, bool]:
    """How the message names who performs the step, and whether that is several people."""
    performer = step.performer
    kind = performer.entity_kind
    if kind == "person":
        return _person(performer), False
    if kind == "role":
        return _("the holders of role '{role}'").format(role=performer.name), True
    if kind == "unit":
        return _("the members of {unit}").format(unit=performer.label), True
    return performer.label, False


def decision_in_domain(org, step) -> str | None:
    """OC407's verdict on a step: 'owner' (a holder of a role owning its domain decides),
    'outside' (nobody who performs it holds one), 'unowned' (no held role owns the
    domain: OC408's), or None (not a decision or approval naming a domain)."""
    domain = _domain(step)
    if domain is None or step.kind not in DECIDING or step.performer is None:
        return None
    owners = _claims(org)[0]
    owning = owners.get(domain_key(domain))
    if not owning:
        return "unowned"
    if step.performer in owning:
        return "owner"
    holders = [p for role in owning for p in role.holders if not p.vacant]
    return "owner" if _takes_part(org, step, owning, holders) else "outside"


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC407", "decision-outside-domain", severity="warning", pillar=PILLAR,
               needs=("processes", "roles", "role_content"))
def decision_outside_domain(org):
    """A decision is taken by someone who holds no role owning its domain.

    What: a `decision` or `approval` step that names a `domain` which a held role owns
    (lists in its `domains`), performed by a person, unit or role none of whose people
    holds an owning role. Domains are compared after stripping, collapsing whitespace,
    case-folding and dropping English plural endings ("Care plan" = "care plans"). A
    domain no held role owns is OC408's finding. Silent when the document defines no
    roles.

    Why: a domain is what a role exclusively controls (Holacracy Constitution §1.1;
    Robertson, "Holacracy", 2015; Sociocracy 3.0, "Clarify domains"). When the
    decision is taken elsewhere, usually by a manager above the role's holders, the
    role is professional on paper and controlled in practice: its holders prepare,
    someone else decides (Laloux, "Reinventing Organizations", 2014, on the advice
    process: the person the decision is about decides, after seeking advice).

    Fix: let the holders of the owning role take the decision (the manager can be
    asked for advice), or, where the performer is meant to decide, move the domain to
    a role they hold.

    Options: none.

    Example:
        role-motor-assessor with "domains": ["Settlement amount offered to the
        policyholder"], and {"id": "st-m-approve-tl", "kind": "approval", "performer":
        "p-ashworth", "domain": "Settlement amount offered to the policyholder"}
        -> approval 'Team leader approves the settlement' decides on domain 'Settlement
           amount offered to the policyholder', which role 'Motor Damage Assessor'
           owns, but Neil Ashworth (...) holds no such role: ...
    """
    if not org.roles:
        return
    owners = _claims(org)[0]
    for step, domain in _steps_with_domain(org):
        if decision_in_domain(org, step) != "outside":  # "unowned" is OC408's
            continue
        owning = owners[domain_key(domain)]
        holders = [p for role in owning for p in role.holders if not p.vacant]
        who, many = _deciders(step)
        yield orgcheck.Finding(
            step,
            _("{head}, {but}: the professionals who own the decision only prepare it; let {holders} decide "
              "(asking advice where needed), or move the domain to a role of those who decide").format(
                head=ngettext("{kind} '{step}' decides on domain '{domain}', which {roles} owns",
                              "{kind} '{step}' decides on domain '{domain}', which {roles} own",
                              len(owning)).format(kind=word(step.kind), step=step.name, domain=domain,
                                                  roles=_role_names(owning)),
                but=(_("but {who}, who perform it, hold no such role") if many
                     else _("but {who}, who performs it, holds no such role")).format(who=who),
                holders=_names(p.name for p in holders)),
            pointer=f"{step.pointer}/domain")


@orgcheck.rule("OC408", "unowned-domain", severity="warning", pillar=PILLAR,
               needs=("processes", "roles", "role_content"))
def unowned_domain(org):
    """A step decides on a domain that no held role owns.

    What: a step (of any kind) whose `domain` no role held by a filled position lists in
    its `domains` (compared after stripping, collapsing whitespace, case-folding and
    dropping English plural endings). One finding per domain, on the first step that
    names it; the message counts the other steps, and names the nearest domain that a
    held role owns when one is close ("did you mean"). Silent when the document defines
    no roles.

    Why: a decision whose domain belongs to no role belongs to whoever takes it, in
    practice to the hierarchy: nobody can say who may decide, so it goes up (Holacracy
    Constitution §1.1 and Robertson, "Holacracy", 2015: a domain not assigned to a
    role rests with the circle's lead link; Sociocracy 3.0, "Clarify domains").
    Professionalism needs decisions placed in roles that people hold.

    Fix: where the message offers a near spelling, write the domain as the role does;
    otherwise add the domain to the `domains` of the role whose holders take the
    decision (or should), and make sure someone holds that role.

    Options: none.

    Example:
        {"id": "st-x-refer", "kind": "decision", "performer": "p-mercer",
         "domain": "Referral of suspected fraud to the SIU"} and no role with that domain
        -> domain 'Referral of suspected fraud to the SIU' of decision 'Decide whether to
           refer the claim to SIU' is owned by no role that someone holds: ...
    """
    if not org.roles:
        return
    owners, claimants, spelling = _claims(org)
    first: dict[str, tuple] = {}
    count: dict[str, int] = {}
    for step, domain in _steps_with_domain(org):
        key = domain_key(domain)
        if owners.get(key):
            continue
        if key not in first:
            first[key] = (step, domain)
            count[key] = 0
        else:
            count[key] += 1
    for key, (step, domain) in first.items():
        claimed = claimants.get(key, [])
        if claimed:
            why = ngettext("only {roles}, which nobody holds, lists it",
                           "only {roles}, which nobody holds, list it",
                           len(claimed)).format(roles=_role_names(claimed))
        else:
            why = _("no role lists it in its domains")
        # a slip of the pen: the nearest domain that a held role owns, as that role spells it
        why += did_you_mean(domain, [spelling[k] for k in owners])
        more = count[key]
        if more:
            head = ngettext("domain '{domain}' of {kind} '{step}' (and {count} other step) is owned by no role "
                            "that someone holds ({why})",
                            "domain '{domain}' of {kind} '{step}' (and {count} other steps) is owned by no role "
                            "that someone holds ({why})", more)
        else:
            head = _("domain '{domain}' of {kind} '{step}' is owned by no role that someone holds ({why})")
        yield orgcheck.Finding(
            step,
            _("{head}: nobody can say who may decide, so the decision goes up the hierarchy; add it to the "
              "domains of the role whose holders take the decision").format(
                head=head.format(domain=domain, kind=word(step.kind), step=step.name, count=more, why=why)),
            pointer=f"{step.pointer}/domain")


@orgcheck.hookimpl
def orgcheck_rules():
    return [decision_outside_domain, unowned_domain]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("decision_in_domain", decision_in_domain)]

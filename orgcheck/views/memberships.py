"""Units, memberships and leads in ``orgcheck stats``: the figures of an organization
kept as code (teams listing their members, several units per person, a role per
membership), which has no reporting lines to count layers and spans on."""
from __future__ import annotations

from collections import Counter
from typing import Any

from orgcheck.api.parts import PARTS
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.wording import word


def _top(counts: Counter, people: dict[int, Any]) -> dict[str, Any] | None:
    """The person with the most, first in document order among equals."""
    if not counts:
        return None
    key, n = max(counts.items(), key=lambda kv: (kv[1], -people[kv[0]].index))
    return {"id": people[key].id, "name": people[key].label, "count": n}


def compute(org: Any) -> dict[str, Any]:
    """Units by type, memberships per person and the people who lead units."""
    units = org.units
    people = {id(p): p for p in org.people}
    per_person: Counter = Counter()
    led: Counter = Counter()
    roles: Counter = Counter()
    memberships = former = 0
    unled = 0
    per_unit: dict[str, dict[str, Any]] = {}
    for unit in units:
        per_unit[unit.id] = {"type": unit.type, "archived": unit.archived, "members": len(unit.people),
                             "leads": 0, "former": len(unit.former_memberships)}
        if unit.archived:
            continue
        leads = set()
        if unit.lead is not None:
            leads.add(id(unit.lead))
        for m in unit.memberships:
            memberships += 1
            per_person[id(m.person)] += 1
            for role in m.roles:
                roles[role] += 1
            if m.leads:
                leads.add(id(m.person))
        former += len(unit.former_memberships)
        for person in leads:
            led[person] += 1
        per_unit[unit.id]["leads"] = len(leads)
        if not leads:
            unled += 1
    listed = [u for u in units if not u.archived]
    return {
        "units": len(listed),  # today's units: archived ones are counted apart
        "archived": len(units) - len(listed),
        "by_type": dict(sorted(Counter(u.type for u in listed).items())),
        "memberships": memberships,
        "people_with_memberships": len(per_person),
        "people_in_several_units": sum(1 for n in per_person.values() if n > 1),
        "most_memberships": _top(per_person, people),
        "former_memberships": former,
        "roles": dict(sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        "leads": len(led),
        "leaderships": sum(led.values()),
        "units_with_lead": len(listed) - unled,
        "units_without_lead": unled,
        "most_led": _top(led, people),
        "per_unit": per_unit,
    }


def lines(figures: dict[str, Any]) -> list[str]:
    """The figures in a few lines of the stats text."""
    if not figures["units"] and not figures["archived"]:
        return []
    kinds = ", ".join(f"{word(kind)}: {n}" for kind, n in figures["by_type"].items())
    out = [ngettext("Units: {count} ({kinds})", "Units: {count} ({kinds})", figures["units"]).format(
        count=figures["units"], kinds=kinds or "-")]
    if figures["archived"]:
        out[0] += ngettext("; {count} archived (not counted below)", "; {count} archived (not counted below)",
                           figures["archived"]).format(count=figures["archived"])
    if not figures["memberships"] and not figures["former_memberships"]:
        return out
    line = "  " + _("memberships: {count}, held by {people}; {several} in several units").format(
        count=figures["memberships"],
        people=ngettext("{count} person", "{count} people", figures["people_with_memberships"]).format(
            count=figures["people_with_memberships"]),
        several=figures["people_in_several_units"])
    most = figures["most_memberships"]
    if most and most["count"] > 1:
        line += _(", at most {count} ({name})").format(count=most["count"], name=most["name"])
    out.append(line)
    if figures["roles"]:
        held = [f"{role} {n}" for role, n in figures["roles"].items()]
        if len(held) > 6:
            held[5:] = [_("{count} other roles").format(count=len(held) - 5)]
        out.append("  " + _("roles held: {roles}").format(roles=", ".join(held)))
    line = "  " + _("leads: {with_lead} with a lead, {unled} without; {people}").format(
        with_lead=ngettext("{count} unit", "{count} units", figures["units_with_lead"]).format(
            count=figures["units_with_lead"]),
        unled=figures["units_without_lead"],
        people=ngettext("{count} person leads", "{count} people lead", figures["leads"]).format(
            count=figures["leads"]))
    most = figures["most_led"]
    if most and most["count"] > 1:
        line += _(", at most {count} units each ({name})").format(count=most["count"], name=most["name"])
    out.append(line)
    if figures["former_memberships"]:
        out.append("  " + ngettext("former memberships: {count}", "former memberships: {count}",
                                   figures["former_memberships"]).format(count=figures["former_memberships"]))
    return out


def reporting_lines(org: Any, document: Any) -> dict[str, Any]:
    """Whether the model records reporting lines: without them, layers, trees and spans
    are not assessed (a model of units and memberships is not a flat hierarchy)."""
    expresses = getattr(document, "expresses", None)
    if expresses is not None and "reporting_lines" not in expresses:
        source = document.source_name or _("this source")
        return {"recorded": False, "reason": _("{source} has no {what}").format(source=source,
                                                                             what=PARTS["reporting_lines"])}
    if not any(p.manages for p in org.people):
        return {"recorded": False, "reason": _("the model records no reporting lines")}
    return {"recorded": True, "reason": None}


def no_lines_line(figures: dict[str, Any]) -> str:
    return _("Layers and spans: not assessed: {reason}").format(reason=figures["reason"])


def unit_table(rows: list[dict[str, Any]], figures: dict[str, Any], limit: int | None) -> list[str]:
    """The unit tree with each unit's members, leads and former members: for a model
    without reporting lines, whose positions, managers and spans would all be empty."""
    from orgcheck.views.tables import MAX_INDENT, table

    body = []
    for r in rows:
        f = figures["per_unit"].get(r["id"])
        if f is None:  # the people in no unit: counted above
            continue
        name = ("  " * min(r["depth"], MAX_INDENT)) + r["name"]
        body.append([name, f["type"] + (" " + _("(archived)") if f["archived"] else ""), f["members"], f["leads"],
                     f["former"]])
    out = [_("Units (members, leads and former members of each):")]
    out += table([_("unit"), _("type"), _("members"), _("leads"), _("former")], body[:limit] if limit else body)
    if limit and len(body) > limit:
        out.append("  " + _("... and {n} more (orgcheck stats --by unit lists them all)").format(n=len(body) - limit))
    return out


def rows(stats: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The figures as ``stats --format csv`` rows (section, subject, measure, value)."""
    figures = stats["memberships"]
    out: list[tuple[str, str, str, Any]] = [("reporting_lines", "", "recorded", stats["reporting_lines"]["recorded"])]
    for key, value in figures.items():
        if isinstance(value, (int, float)):
            out.append(("memberships", "", key, value))
        elif key in ("most_memberships", "most_led") and value:
            out.append(("memberships", value["id"], key, value["count"]))
    out += [("memberships", kind, "units", n) for kind, n in figures["by_type"].items()]
    out += [("memberships", role, "held", n) for role, n in figures["roles"].items()]
    for unit, f in figures["per_unit"].items():
        out += [("unit_memberships", unit, k, f[k]) for k in ("members", "leads", "former", "archived")]
    return out

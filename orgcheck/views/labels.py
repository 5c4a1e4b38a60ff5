"""What ``orgcheck diff`` says about labels: a manager type, a title, the roles held or a
vacancy changed on a person who kept their place (issue 22 item 14).

A label is not a redesign. Relabelling every manager ``facilitator`` gives them the
wider span bound of that type, so OC101 falls silent and the self-steering score rises,
while nobody moved, no unit changed and no process changed. The diff lists each changed
label, and says so when a pillar's score rose with no change in reporting lines, units
or processes: a reviewer then knows the score moved on words alone.
"""
from __future__ import annotations

from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.views.load import Loaded

# a person's labels, as the diff names them (the model's keys)
LABELS = ("manager_type", "title", "roles", "vacant")


def _labels(person: Any) -> dict[str, Any]:
    return {"manager_type": person.manager_type, "title": person.title,
            "roles": sorted(r.id for r in person.roles), "vacant": bool(person.vacant)}


def relabelled(before: Loaded, after: Loaded) -> list[dict[str, Any]]:
    """The people in both versions whose labels changed, in the new version's order:
    ``{"id", "name", "changes": {label: {"before", "after"}}}``."""
    old = {p.id: p for p in before.org.people}
    out = []
    for person in after.org.people:
        was = old.get(person.id)
        if was is None:
            continue
        b, a = _labels(was), _labels(person)
        changes = {k: {"before": b[k], "after": a[k]} for k in LABELS if b[k] != a[k]}
        if changes:
            out.append({"id": person.id, "name": person.label, "changes": changes})
    return out


def _processes(loaded: Loaded) -> Any:
    data = loaded.document.data if loaded.document is not None else None
    return data.get("processes") if isinstance(data, dict) else None


def compare(before: Loaded, after: Loaded, result: dict[str, Any]) -> dict[str, Any]:
    """The diff's ``labels``: the people relabelled, whether the processes changed, and
    the pillars whose score rose with no change in lines, units or processes (read from
    the diff's ``people``, ``units`` and ``profile``)."""
    people, units = result["people"], result["units"]
    processes_changed = _processes(before) != _processes(after)
    redesigned = processes_changed or any(people[k] for k in ("added", "removed", "moved")) \
        or any(units[k] for k in ("added", "removed", "reparented"))
    rose = [] if redesigned else [
        {"pillar": pillar, "before": p["before"], "after": p["after"]}
        for pillar, p in result["profile"].items()
        if p["before"] is not None and p["after"] is not None and p["after"] > p["before"]]
    return {"changed": relabelled(before, after), "processes_changed": processes_changed,
            "score_rose_without_redesign": rose}


def _value(label: str, value: Any) -> str:
    if label == "vacant":
        return _("vacant") if value else _("filled")
    if label == "roles":
        return ", ".join(value) if value else _("no role")
    return str(value) if value not in (None, "") else _("none")


def _label_name(label: str) -> str:
    return {"manager_type": _("manager type"), "title": _("title"), "roles": _("roles"),
            "vacant": _("post")}[label]


def change_text(changes: dict[str, Any]) -> str:
    """'manager type facilitator (was supervisor); title Coach (was Team lead)'."""
    return "; ".join(_("{label} {after} (was {before})").format(
        label=_label_name(k), after=_value(k, v["after"]), before=_value(k, v["before"]))
        for k, v in changes.items())


def rose_text(row: dict[str, Any]) -> str:
    return _("{pillar} rose from {before} to {after} with no change in reporting lines, units or processes: "
             "only labels changed; a label is not a redesign").format(
        pillar=row["pillar"], before=row["before"], after=row["after"])


def text_lines(labels: dict[str, Any]) -> list[str]:
    """The diff's text block about labels (nothing when no label changed and no score
    rose on its own)."""
    out = []
    if labels["changed"]:
        out.append(_("Labels changed (manager types, titles, roles, vacancies): {count}").format(
            count=len(labels["changed"])))
        out += [f"  ~ {r['name']} ({r['id']}): {change_text(r['changes'])}" for r in labels["changed"]]
    out += [f"! {rose_text(r)}" for r in labels["score_rose_without_redesign"]]
    return out


def markdown_lines(labels: dict[str, Any]) -> list[str]:
    out = []
    if labels["changed"]:
        out += ["", "**" + _("Labels changed (manager types, titles, roles, vacancies): {count}").format(
            count=len(labels["changed"])) + "**", ""]
        out += [f"- {r['name']} ({r['id']}): {change_text(r['changes'])}" for r in labels["changed"]]
    out += ["", *(f"> **{rose_text(r)}**" for r in labels["score_rose_without_redesign"])] \
        if labels["score_rose_without_redesign"] else []
    return out

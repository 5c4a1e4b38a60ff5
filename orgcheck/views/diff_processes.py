"""The processes part of ``orgcheck diff`` (and of a single ``what-if``): what a
redesign changes in the work, beside what it changes in the lines.

Processes, their steps and metrics are matched by id, never by position, so a
reordered file changes nothing. Per process present in both versions: steps added and
removed, steps re-performed (by another person, unit or role), approvals dropped (an
approval or decision step removed, or turned into another kind of step: the control a
redesign takes out) and added; per metric: the people, units and roles it is newly
shown to, and those who no longer see it (the context pillar's feedback loop).
"""
from __future__ import annotations

from typing import Any

from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views.load import Loaded

#: the step kinds that control work rather than do it (as what-if's drop-approval takes them)
CONTROL_KINDS = ("approval", "decision")


def _ref(entity: Any) -> dict[str, Any] | None:
    return None if entity is None else {"id": entity.id, "name": entity.label}


def _step(step: Any) -> dict[str, Any]:
    return {"id": step.id, "name": step.label, "kind": step.kind, "performer": _ref(step.performer)}


def _live(loaded: Loaded) -> dict[str, Any]:
    """The processes by id (the first of a repeated id: OC002 reports the rest)."""
    out: dict[str, Any] = {}
    for process in loaded.org.processes:
        out.setdefault(process.id, process)
    return out


def _process_change(old: Any, new: Any) -> dict[str, Any] | None:
    was = {s.id: s for s in old.steps}
    now = {s.id: s for s in new.steps}
    added = [_step(s) for sid, s in now.items() if sid not in was]
    removed = [_step(s) for sid, s in was.items() if sid not in now]
    reperformed = []
    for sid, s in now.items():
        o = was.get(sid)
        if o is not None and getattr(o.performer, "id", None) != getattr(s.performer, "id", None):
            reperformed.append({"id": sid, "name": s.label, "kind": s.kind,
                                "before": _ref(o.performer), "after": _ref(s.performer)})
    dropped = [_step(o) for sid, o in was.items() if o.kind in CONTROL_KINDS
               and (sid not in now or now[sid].kind not in CONTROL_KINDS)]
    new_controls = [_step(s) for sid, s in now.items() if s.kind in CONTROL_KINDS
                    and (sid not in was or was[sid].kind not in CONTROL_KINDS)]
    if not (added or removed or reperformed or dropped or new_controls):
        return None
    return {"id": new.id, "name": new.label, "steps_added": added, "steps_removed": removed,
            "reperformed": reperformed, "approvals_dropped": dropped, "approvals_added": new_controls}


def _metrics(before: Loaded, after: Loaded) -> list[dict[str, Any]]:
    was = {m.id: m for m in before.org.metrics}
    rows = []
    for metric in after.org.metrics:
        old = was.get(metric.id)
        seen = {e.id for e in old.visible_to if e is not None} if old is not None else set()
        now = {e.id for e in metric.visible_to if e is not None}
        shown = [_ref(e) for e in metric.visible_to if e is not None and e.id not in seen]
        hidden = [_ref(e) for e in (old.visible_to if old is not None else []) if e is not None and e.id not in now]
        if shown or hidden or old is None:
            rows.append({"id": metric.id, "name": metric.label, "new": old is None,
                         "process": _ref(metric.process), "shown_to": shown, "hidden_from": hidden})
    gone = {m.id for m in after.org.metrics}
    rows += [{"id": m.id, "name": m.label, "new": False, "removed": True, "process": _ref(m.process),
              "shown_to": [], "hidden_from": [_ref(e) for e in m.visible_to if e is not None]}
             for m in before.org.metrics if m.id not in gone]
    for r in rows:
        r.setdefault("removed", False)
    return rows


def compare(before: Loaded, after: Loaded) -> dict[str, Any]:
    """The diff's ``processes``: added, removed, changed (per process), and metrics."""
    old, new = _live(before), _live(after)
    changed = []
    for pid, process in new.items():
        if pid in old:
            change = _process_change(old[pid], process)
            if change is not None:
                changed.append(change)
    return {"added": [{"id": p.id, "name": p.label, "steps": len(p.steps)} for pid, p in new.items() if pid not in old],
            "removed": [{"id": p.id, "name": p.label, "steps": len(p.steps)} for pid, p in old.items()
                        if pid not in new],
            "changed": changed, "metrics": _metrics(before, after)}


def _who(ref: dict[str, Any] | None) -> str:
    return _("nobody") if ref is None else ref["name"]


def _names(refs: list[dict[str, Any]]) -> str:
    return ", ".join(r["name"] for r in refs)


def _step_text(s: dict[str, Any]) -> str:
    return _("{step} ({kind} step, by {performer})").format(step=s["name"], kind=s["kind"],
                                                             performer=_who(s["performer"]))


def summary(result: dict[str, Any]) -> str:
    changes = result["processes"]
    return _("Processes: {added} added, {removed} removed, {changed} changed; metrics: {metrics} changed").format(
        added=len(changes["added"]), removed=len(changes["removed"]), changed=len(changes["changed"]),
        metrics=len(changes["metrics"]))


def _details(changes: dict[str, Any], bullet: str, inner: str, markdown: bool = False) -> list[str]:
    """The lines below the summary: ``bullet`` before a process or metric, ``inner``
    before a step of a changed process (text indents; Markdown nests a list, and quotes
    each sign, which it would otherwise read as a list of its own)."""

    def mark(sign: str) -> str:
        return f"`{sign}` " if markdown else f"{sign} "

    out = []
    for r in changes["added"]:
        out.append(f"{bullet}{mark('+')}{r['name']} ({r['id']}): " + ngettext(
            "{count} step", "{count} steps", r["steps"]).format(count=r["steps"]))
    for r in changes["removed"]:
        out.append(f"{bullet}{mark('-')}{r['name']} ({r['id']})")
    for p in changes["changed"]:
        out.append(f"{bullet}{mark('~')}{p['name']} ({p['id']}):")
        # an approval that goes (or comes) is said once, as such
        controls = {s["id"] for s in (*p["approvals_dropped"], *p["approvals_added"])}
        out += [f"{inner}{mark('+')}" + _("step added: {step}").format(step=_step_text(s))
                for s in p["steps_added"] if s["id"] not in controls]
        out += [f"{inner}{mark('-')}" + _("step removed: {step}").format(step=_step_text(s))
                for s in p["steps_removed"] if s["id"] not in controls]
        out += [f"{inner}{mark('~')}" + _("{step} is now performed by {after} (was {before})").format(
            step=s["name"], after=_who(s["after"]), before=_who(s["before"])) for s in p["reperformed"]]
        out += [f"{inner}{mark('!')}" + _("approval dropped: {step}").format(step=_step_text(s))
                for s in p["approvals_dropped"]]
        out += [f"{inner}{mark('!')}" + _("approval added: {step}").format(step=_step_text(s))
                for s in p["approvals_added"]]
    for m in changes["metrics"]:
        parts = []
        if m["removed"]:
            parts.append(_("removed"))
        elif m["new"]:
            parts.append(_("new"))
        if m["shown_to"]:
            parts.append(_("now shown to {names}").format(names=_names(m["shown_to"])))
        if m["hidden_from"] and not m["removed"]:
            parts.append(_("no longer shown to {names}").format(names=_names(m["hidden_from"])))
        out.append(f"{bullet}{mark('~')}" + _("metric {name} ({id}): {changes}").format(
            name=m["name"], id=m["id"], changes="; ".join(parts)))
    return out


def text_lines(result: dict[str, Any]) -> list[str]:
    """The processes part of the diff's text: nothing when neither version has processes
    or metrics."""
    changes = result.get("processes")
    if not changes or not any(changes.values()):
        return []
    return [summary(result), *_details(changes, "  ", "      ")]


def markdown_lines(result: dict[str, Any]) -> list[str]:
    """The processes part of the diff as Markdown (the result is escaped already)."""
    changes = result.get("processes")
    if not changes or not any(changes.values()):
        return []
    return ["", "**" + summary(result) + "**", "", *_details(changes, "- ", "  - ", markdown=True)]

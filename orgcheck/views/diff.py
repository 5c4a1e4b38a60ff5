"""``orgcheck diff``: what a reorganization changes, for a design review.

People and units are matched by id; findings by rule and entity (the pointer for a
document-wide finding), never by line, so moving lines changes nothing. Both
versions are judged with the same settings: the new file's config and plugins.
"""
from __future__ import annotations

import json
from typing import Any

from orgcheck.api.rules import Severity
from orgcheck.formatters.escape import deep, json_text, markdown, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views import breakdown, diff_processes, labels
from orgcheck.views.diff_findings import match_findings
from orgcheck.views.git import read_from_git
from orgcheck.views.load import Loaded, ViewError, load_bytes, settings_for
from orgcheck.wording import grouped, number, word
from orgcheck.wording import percent as _pct

# -- reading the old version ---------------------------------------------------------


def load_pair(old: str | None, new: str, overrides: Any, base: str | None = None) -> tuple[Loaded, Loaded, list[str]]:
    """The old and new versions, judged alike; and notes for standard error."""
    from orgcheck.io.safe_io import ReadError
    from orgcheck.run.engine import read_source

    target, config, plugins = settings_for(new, overrides)
    try:
        data = read_source(target)
    except ReadError as exc:
        raise ViewError(f"{target.display}: {exc.reason}") from None
    after = load_bytes(target.path, target.display, data, config, plugins)
    notes = []
    if base is not None:
        old_data = read_from_git(target.path, base)
        display = f"{base}:{target.display}"
        path = target.path
        if old_data is None:
            notes.append(_("{file} is new since {base}: comparing with an empty organization").format(
                file=target.display, base=base))
            old_data = json.dumps({"organization": after.org.organization, "people": []}).encode()
            path = "new.org.json"
    else:
        if old is None:
            raise ValueError("load_pair needs the old model or a base commit")
        old_target, _config, _plugins = settings_for(old, overrides)
        try:
            old_data = read_source(old_target)
        except ReadError as exc:
            raise ViewError(f"{old_target.display}: {exc.reason}") from None
        display, path = old_target.display, old_target.path
    before = load_bytes(path, display, old_data, config, plugins)
    return before, after, notes


# -- comparing -------------------------------------------------------------------------


def _people(loaded: Loaded) -> dict[str, Any]:
    org = loaded.org
    return {p.id: p for p in org.people}


def _units(loaded: Loaded) -> dict[str, Any]:
    org = loaded.org
    return {u.id: u for u in org.units}


def _ref(entity: Any) -> dict | None:
    return None if entity is None else {"id": entity.id, "name": entity.label}


def _shape(loaded: Loaded) -> dict[str, Any]:
    """The spans-and-layers figures a review compares: the measures ``stats`` shows."""
    measure = loaded.measures
    share = measure("manager_share")
    whole = breakdown.figures(loaded, loaded.org.people)
    status = whole["span_status"]
    return {
        "positions": share["headcount"], "managers": share["managers"], "manager_share": share["share"],
        "layers": measure("layers")["layers"],
        "average_span": whole["average_span"],
        "narrow": status["narrow"], "within": status["within"], "wide": status["wide"],
        "one_over_ones": status["one-over-one"],
        "people_per_layer": {str(r["layer"]): r["positions"] for r in breakdown.by_layer(loaded)
                             if r["layer"] is not None},
        **{k: whole[k] for k in ("vacant", "fte", "cost", "cost_known", "managers_cost")},
        "currency": breakdown.currency(loaded),
    }


# the figures per unit a reorganization is judged on, before and after
UNIT_FIGURES = ("positions", "vacant", "fte", "managers", "layers", "cost", "cost_known")


def _unit_figures(loaded: Loaded) -> dict[Any, dict[str, Any]]:
    """Each unit's subtree figures (and the people in no unit, under None), by id."""
    out = {}
    for r in breakdown.by_unit(loaded):
        f = r["subtree"]
        out[r["id"]] = {"name": r["name"], **{k: f[k] for k in UNIT_FIGURES}, "profile": r["profile"]}
    return out


def _per_unit(before: Loaded, after: Loaded) -> list[dict[str, Any]]:
    """Per unit (with the units below it): its figures before and after (None where
    the unit does not exist), old units first, in tree order; 'no unit' last."""
    old, new = _unit_figures(before), _unit_figures(after)
    ids = [*(k for k in old if k is not None), *(k for k in new if k is not None and k not in old)]
    if None in old or None in new:
        ids.append(None)
    rows = []
    for uid in ids:
        b, a = old.get(uid), new.get(uid)
        name = (a or b or {}).get("name")  # every id is in one of them
        rows.append({"id": uid, "name": name,
                     "before": {k: v for k, v in b.items() if k != "name"} if b else None,
                     "after": {k: v for k, v in a.items() if k != "name"} if a else None,
                     "changed": b is None or a is None or any(b[k] != a[k] for k in (*UNIT_FIGURES, "profile"))})
    return rows


def _spans(loaded: Loaded) -> dict[str, tuple[int, str]]:
    measure = loaded.measures
    return {p.id: (p.span, measure("span_status", p)) for p in _people(loaded).values() if p.manages}


def compare(before: Loaded, after: Loaded) -> dict[str, Any]:
    old_people, new_people = _people(before), _people(after)
    added = [p for pid, p in new_people.items() if pid not in old_people]
    removed = [p for pid, p in old_people.items() if pid not in new_people]
    moved = []
    for pid, p in new_people.items():
        o = old_people.get(pid)
        if o is None:
            continue
        old_manager, new_manager = getattr(o.manager, "id", None), getattr(p.manager, "id", None)
        old_unit, new_unit = getattr(o.unit, "id", None), getattr(p.unit, "id", None)
        if old_manager != new_manager or old_unit != new_unit:
            moved.append({"id": pid, "name": p.label,
                          "manager": {"before": _ref(o.manager),
                                      "after": _ref(p.manager)} if old_manager != new_manager else None,
                          "unit": {"before": _ref(o.unit), "after": _ref(p.unit)} if old_unit != new_unit else None})
    old_units, new_units = _units(before), _units(after)
    reparented = []
    for uid, u in new_units.items():
        o = old_units.get(uid)
        if o is not None and getattr(o.parent, "id", None) != getattr(u.parent, "id", None):
            reparented.append({"id": uid, "name": u.label,
                               "parent": {"before": _ref(o.parent), "after": _ref(u.parent)}})
    old_spans, new_spans = _spans(before), _spans(after)
    span_changes = []
    for pid in [*old_spans, *(k for k in new_spans if k not in old_spans)]:
        b, a = old_spans.get(pid), new_spans.get(pid)
        if b != a:
            person = new_people.get(pid) or old_people[pid]
            span_changes.append({"id": pid, "name": person.label,
                                 "was": "not a manager" if pid in old_people else "new",
                                 "now": "not a manager" if pid in new_people else "removed",
                                 "before": {"span": b[0], "status": b[1]} if b else None,
                                 "after": {"span": a[0], "status": a[1]} if a else None})
    introduced, resolved, unchanged = match_findings(before.report.findings, after.report.findings)
    result = {
        "profile": profile_change(before, after),
        "old": before.display, "new": after.display,
        "people": {"added": [{"id": p.id, "name": p.label, "manager": _ref(p.manager),
                              "unit": _ref(p.unit)} for p in added],
                   "removed": [{"id": p.id, "name": p.label, "manager": _ref(p.manager),
                                "unit": _ref(p.unit)} for p in removed],
                   "moved": moved},
        "units": {"added": [{"id": u.id, "name": u.label,
                             "parent": _ref(u.parent)} for uid, u in new_units.items() if uid not in old_units],
                  "removed": [{"id": u.id, "name": u.label,
                               "parent": _ref(u.parent)} for uid, u in old_units.items() if uid not in new_units],
                  "reparented": reparented},
        "shape": {"before": _shape(before), "after": _shape(after)},
        "span_changes": span_changes,
        "units_before_after": _per_unit(before, after),
        "processes": diff_processes.compare(before, after),
        "findings": {"introduced": [f.as_dict() for f in introduced],
                     "resolved": [f.as_dict() for f in resolved],
                     "unchanged": [f.as_dict() for _key, f in unchanged]},
    }
    result["labels"] = labels.compare(before, after, result)  # a label is not a redesign
    return result


def profile_change(before: Loaded, after: Loaded) -> dict[str, Any]:
    """Per pillar, the score and each indicator's value before and after."""
    from orgcheck.views.stats import loaded_profile

    old, new = loaded_profile(before).as_dict(), loaded_profile(after).as_dict()
    out = {}
    for pillar, p in new.items():
        was = {i["id"]: i for i in old[pillar]["indicators"]}
        out[pillar] = {"before": old[pillar]["score"], "after": p["score"],
                       # each score's coverage: how many of the pillar's indicators it saw
                       "assessed": {"before": old[pillar]["assessed"], "after": p["assessed"]},
                       "total": {"before": old[pillar]["total"], "after": p["total"]},
                       "indicators": [{"id": i["id"], "title": i["title"],
                                       "before": was[i["id"]]["value"] if i["id"] in was else None,
                                       "after": i["value"]} for i in p["indicators"]]}
    return out


def _share(value: float | None) -> str:
    return _pct(value)


def profile_rows(profile: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, before, after) for each pillar score and indicator, as diff prints them."""
    from orgcheck.api.profile import score_text

    rows = []
    for pillar, p in profile.items():
        rows.append((word(pillar), f"{score_text(p['before'])} ({p['assessed']['before']}/{p['total']['before']})",
                     f"{score_text(p['after'])} ({p['assessed']['after']}/{p['total']['after']})"))
        rows += [(f"  {i['title']}", _share(i["before"]), _share(i["after"])) for i in p["indicators"]]
    return rows


def fails(result: dict[str, Any], fail_on: Severity) -> bool:
    """Whether the new design introduces a finding at or above ``fail_on``."""
    return any(Severity(f["severity"]).rank >= fail_on.rank for f in result["findings"]["introduced"])


# -- output ---------------------------------------------------------------------------


def _who(ref: dict | None) -> str:
    return _("nobody") if ref is None else ref["name"]


def _finding_line(f: dict) -> str:
    where = f"{f['file']}:{f['line']}:{f['column']}:" if f["line"] is not None else f"{f['file']}:"
    return f"{where} {f['rule']} {f['name']} [{f['severity']}] {f['message']}"


def _shown(result: dict[str, Any]) -> dict[str, Any]:
    """The result as a text or Markdown diff prints it, so that only that is escaped: the
    changed unit rows (the others counted in ``units_total``), each with its pillar scores
    below the unit, not each indicator (on a 20,000-unit loop those were most of a diff)."""
    rows = result["units_before_after"]
    return {**result, "units_before_after": [{**r, "before": _scores(r["before"]), "after": _scores(r["after"])}
                                             for r in rows if r["changed"]], "units_total": len(rows)}


def _scores(side: dict[str, Any] | None) -> dict[str, Any] | None:
    below = (side.get("profile") or {}).get("subtree") if side else None
    if not side or not below:
        return side
    return {**side, "profile": {"subtree": {
        pillar: p and {k: p[k] for k in ("score", "assessed", "total")} for pillar, p in below.items()}}}


def render_text(result: dict[str, Any], *, show_unchanged: bool = False) -> str:
    result = deep(_shown(result), printable)  # names from the model: no escape sequence, no line break
    out = [_("Comparing {old} (before) with {new} (after)").format(old=result["old"], new=result["new"]), ""]
    p = result["people"]
    out.append(_("People: {added} added, {removed} removed, {moved} moved").format(
        added=len(p["added"]), removed=len(p["removed"]), moved=len(p["moved"])))
    for r in p["added"]:
        out.append(f"  + {r['name']} ({r['id']}): " + (
            _("reports to {manager}, in {unit}") if r["unit"] else _("reports to {manager}")).format(
            manager=_who(r["manager"]), unit=r["unit"]["name"] if r["unit"] else ""))
    for r in p["removed"]:
        out.append(f"  - {r['name']} ({r['id']}): " + (
            _("reported to {manager}, in {unit}") if r["unit"] else _("reported to {manager}")).format(
            manager=_who(r["manager"]), unit=r["unit"]["name"] if r["unit"] else ""))
    for r in p["moved"]:
        parts = []
        if r["manager"]:
            parts.append(_("reports to {after} (was {before})").format(
                after=_who(r["manager"]["after"]), before=_who(r["manager"]["before"])))
        if r["unit"]:
            parts.append(_("in {after} (was {before})").format(
                after=_who(r["unit"]["after"]), before=_who(r["unit"]["before"])))
        out.append(f"  ~ {r['name']} ({r['id']}): {'; '.join(parts)}")
    out += labels.text_lines(result["labels"])
    u = result["units"]
    out.append(_("Units: {added} added, {removed} removed, {reparented} re-parented").format(
        added=len(u["added"]), removed=len(u["removed"]), reparented=len(u["reparented"])))
    for r in u["added"]:
        out.append(f"  + {r['name']} ({r['id']})"
                   + (_(" under {parent}").format(parent=r["parent"]["name"]) if r["parent"] else ""))
    for r in u["removed"]:
        out.append(f"  - {r['name']} ({r['id']})")
    for r in u["reparented"]:
        out.append(f"  ~ {r['name']} ({r['id']}): " + _("under {after} (was {before})").format(
            after=_who(r["parent"]["after"]), before=_who(r["parent"]["before"])))
    out += diff_processes.text_lines(result)
    b, a = result["shape"]["before"], result["shape"]["after"]
    out.append("")
    heading, before, after = _("Spans and layers:"), _("before"), _("after")
    at = len(out)  # the heading goes here once the labels' width is known (a translation may be longer)
    rows = [(_("positions"), b["positions"], a["positions"]), (_("managers"), b["managers"], a["managers"]),
            (_("manager share"), _pct(b["manager_share"]), _pct(a["manager_share"])),
            (_("layers"), b["layers"], a["layers"]),
            (_("average span"), _num(b["average_span"]), _num(a["average_span"])),
            (_("spans narrow"), b["narrow"], a["narrow"]), (_("spans within"), b["within"], a["within"]),
            (_("spans wide"), b["wide"], a["wide"]), (_("one-over-ones"), b["one_over_ones"], a["one_over_ones"])]
    for layer in sorted({*b["people_per_layer"], *a["people_per_layer"]}, key=int):
        rows.append((_("people in layer {layer}").format(layer=layer), b["people_per_layer"].get(layer, 0),
                     a["people_per_layer"].get(layer, 0)))
    width = max(22, *(len(label) + 1 for label, _x, _y in rows))
    out.insert(at, f"{heading:<{width + 2}}{before:>7} {after:>7}")
    for label, x, y in rows:
        mark = "" if str(x) == str(y) else "  *"
        out.append(f"  {label:<{width}}{str(x):>7} {str(y):>7}{mark}")
    for label, x, y in ((_("vacant positions"), b["vacant"], a["vacant"]), (_("FTE"), _num(b["fte"]), _num(a["fte"])),
                        (_("cost a year"), _money(b), _money(a)), (_("cost known for"), b["cost_known"],
                                                                  a["cost_known"])):
        if label == _("cost known for") and x == b["positions"] and y == a["positions"]:
            continue
        if (b["cost_known"] or a["cost_known"]) or label in (_("vacant positions"), _("FTE")):
            out.append(f"  {label:<{width}}{str(x):>7} {str(y):>7}{'' if str(x) == str(y) else '  *'}")
    if result["span_changes"]:
        out.append("  " + _("spans that changed:"))
        for r in result["span_changes"]:
            before = f"{r['before']['span']} ({word(r['before']['status'])})" if r["before"] else word(r["was"])
            after = f"{r['after']['span']} ({word(r['after']['status'])})" if r["after"] else word(r["now"])
            out.append(f"    {r['name']} ({r['id']}): {before} → {after}")
    out += _unit_lines(result)
    out.append("")
    rows = profile_rows(result["profile"])
    # a column as wide as its widest value ("not assessed (0/8)"), so two never run together
    width = max([len(_("before")), len(_("after")), *(len(v) for _label, x, y in rows for v in (x, y))]) + 1
    out.append(_("Trust profile (score 0-100, with how many of its indicators it saw; indicators as shares):"))
    # the labels' column fits the longest label (Dutch ones run past English's 62 characters)
    label_width = max([62, *(len(label) for label, _x, _y in rows)])
    out.append(" " * (label_width + 2) + _("before").rjust(width) + _("after").rjust(width))
    for label, x, y in rows:
        mark = "" if x == y else "  *"
        out.append(f"  {label:<{label_width}}{x:>{width}}{y:>{width}}{mark}")
    f = result["findings"]
    out.append("")
    out.append(_("Findings: {introduced} introduced, {resolved} resolved, {unchanged} unchanged").format(
        introduced=len(f["introduced"]), resolved=len(f["resolved"]), unchanged=len(f["unchanged"])))
    if f["introduced"]:
        out.append(_("introduced:"))
        out += [f"  {_finding_line(x)}" for x in f["introduced"]]
    if f["resolved"]:
        out.append(_("resolved:"))
        out += [f"  {_finding_line(x)}" for x in f["resolved"]]
    if show_unchanged and f["unchanged"]:
        out.append(_("unchanged:"))
        out += [f"  {_finding_line(x)}" for x in f["unchanged"]]
    return "".join(line + "\n" for line in out)


def _num(value: Any) -> str:
    return number(value)


def _money(shape: dict[str, Any] | None) -> str:
    if shape is None or shape["cost"] is None:
        return "-"
    return grouped(shape["cost"])


def _arrow(before: str, after: str) -> str:
    """'18' when unchanged, '18 → 20' when changed."""
    return before if before == after else f"{before} → {after}"


def _unit_cells(row: dict[str, Any], with_cost: bool) -> list[str]:
    b, a = row["before"], row["after"]
    cells = []
    for key in ("positions", "vacant", "fte", "managers", "layers", *(("cost",) if with_cost else ())):
        show = _money if key == "cost" else (lambda f, k=key: "-" if f is None else _num(f[k]))
        cells.append(_arrow(show(b) if b else "-", show(a) if a else "-"))
    return cells


def _unit_label(row: dict[str, Any]) -> str:
    name = _("no unit") if row["id"] is None else f"{row['name']} ({row['id']})"
    if row["before"] is None:
        return name + " " + _("(new)")
    if row["after"] is None:
        return name + " " + _("(removed)")
    return name


def _with_cost(result: dict[str, Any]) -> bool:
    shape = result["shape"]
    return bool(shape["before"]["cost_known"] or shape["after"]["cost_known"])


def _unit_lines(result: dict[str, Any]) -> list[str]:
    """Per unit, before → after, for the units whose figures changed."""
    from orgcheck.api.profile import unit_score

    rows = result["units_before_after"]
    changed = [r for r in rows if r["changed"]]
    total = result.get("units_total", len(rows))
    if not total:
        return []
    out = ["", _("Per unit (each with the units below it), before → after:")]
    if not changed:
        return out + ["  " + _("no unit's figures changed")]
    with_cost = _with_cost(result)
    headers = [_("unit"), _("positions"), _("vacant"), _("FTE"), _("managers"), _("layers"),
               *([_("cost")] if with_cost else [])]
    table = [[_unit_label(r), *_unit_cells(r, with_cost)] for r in changed]
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *table, strict=True)]
    for line in [headers, *table]:
        out.append(("  " + "  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False))).rstrip())
    for r in changed:  # the unit's pillar scores with the units below it, where they moved
        b = ((r["before"] or {}).get("profile") or {}).get("subtree") or {}
        a = ((r["after"] or {}).get("profile") or {}).get("subtree") or {}
        moved = [f"{word(pillar)} {unit_score(b.get(pillar))} → {unit_score(p)}" for pillar, p in a.items()
                 if b.get(pillar) is None or (p["score"], p["assessed"]) != (b[pillar]["score"], b[pillar]["assessed"])]
        if moved:
            out.append(f"  {r['name']}: " + _("trust profile {changes}").format(changes="; ".join(moved)))
    same = total - len(changed)
    if same:
        out.append("  " + ngettext("{n} unit unchanged", "{n} units unchanged", same).format(n=same))
    return out


def render_json(result: dict[str, Any]) -> str:
    return json_text(result) + "\n"


def render_markdown(result: dict[str, Any]) -> str:
    """A pull-request comment: the same content as the text, as GitHub Markdown.
    Every string from the models is escaped first: a name cannot forge a heading,
    hide the findings in an HTML comment, link, embed an image or mention anyone."""
    result = deep(_shown(result), markdown)
    p, u, f = result["people"], result["units"], result["findings"]
    b, a = result["shape"]["before"], result["shape"]["after"]
    out = [f"### orgcheck diff: {result['old']} → {result['new']}", "",
           _("**Findings:** {introduced} introduced, {resolved} resolved, {unchanged} unchanged").format(
               introduced=len(f["introduced"]), resolved=len(f["resolved"]), unchanged=len(f["unchanged"])) + "  ",
           _("**People:** {added} added, {removed} removed, {moved} moved; **units:** {units_added} added, "
             "{units_removed} removed, {reparented} re-parented").format(
               added=len(p["added"]), removed=len(p["removed"]), moved=len(p["moved"]), units_added=len(u["added"]),
               units_removed=len(u["removed"]), reparented=len(u["reparented"])),
           *labels.markdown_lines(result["labels"]),
           *diff_processes.markdown_lines(result),
           "", "| | " + _("before") + " | " + _("after") + " |", "|---|---:|---:|"]
    for label, key in ((_("positions"), "positions"), (_("managers"), "managers"), (_("layers"), "layers"),
                       (_("average span"), "average_span"), (_("spans narrow"), "narrow"),
                       (_("spans wide"), "wide"), (_("one-over-ones"), "one_over_ones")):
        out.append(f"| {label} | {_num(b[key])} | {_num(a[key])} |")
    out.append(f"| {_('manager share')} | {_pct(b['manager_share'])} | {_pct(a['manager_share'])} |")
    out.append(f"| {_('vacant positions')} | {b['vacant']} | {a['vacant']} |")
    out.append(f"| FTE | {_num(b['fte'])} | {_num(a['fte'])} |")
    with_cost = _with_cost(result)
    if with_cost:
        out.append(f"| {_('cost a year')} | {_money(b)} | {_money(a)} |")
        out.append(f"| {_('cost known for')} | {b['cost_known']} | {a['cost_known']} |")
    changed = [r for r in result["units_before_after"] if r["changed"]]
    if changed:
        heads = [_("unit"), _("positions"), _("vacant"), _("FTE"), _("managers"), _("layers"),
                 *([_("cost")] if with_cost else [])]
        out += ["", "**" + _("Per unit (each with the units below it), before → after:") + "**", "",
                "| " + " | ".join(heads) + " |", "|---|" + "---:|" * (len(heads) - 1)]
        out += ["| " + " | ".join([_unit_label(r), *_unit_cells(r, with_cost)]) + " |" for r in changed]
    heading = _("trust profile")
    out += ["", f"| {heading} | before | after |", "|---|---:|---:|"]
    out += [f"| {label.strip()} | {x} | {y} |" for label, x, y in profile_rows(result["profile"])]
    for title, items in ((_("Introduced"), f["introduced"]), (_("Resolved"), f["resolved"])):
        if items:
            out += ["", f"**{title}:**", ""]
            out += [f"- **{x['rule']} {x['name']}** \\[{x['severity']}\\] {x['message']} "
                    f"({x['file']}:{x['line']})" for x in items]
    return "\n".join(out) + "\n"

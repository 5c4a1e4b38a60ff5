"""The report's coordination clusters drawn over the unit tree: one row per unit, in
tree order and indented as the unit tree draws it, one column per cluster, and a mark
where a cluster has members in the unit. A cluster whose marks sit in different
branches coordinates across the hierarchy (Conway's law: docs/coordination.md).

The clusters are the ``coordination`` measure's (plugins/coordination.py); this
module only places their members in the unit tree: a unit is its own place, a person
their unit's, a role (a professional community across units) none.
"""
from __future__ import annotations

from typing import Any

from orgcheck.formatters.escape import html_text as escape
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views.load import Loaded
from orgcheck.wording import percent as _pct

#: the table shows this many clusters (those across units first) and units
MAX_CLUSTERS, MAX_ROWS = 12, 400


def _home(entity: Any) -> Any:
    kind = getattr(entity, "entity_kind", None)
    if kind == "unit":
        return entity
    return getattr(entity, "unit", None) if kind == "person" else None


def placement(loaded: Loaded, network: dict[str, Any] | None) -> dict[str, Any] | None:
    """The clusters shown (``clusters``, each with ``label``), the unit rows (tree order,
    each with ``depth`` and, per cluster, how many of its members are in the unit) and
    the members in no unit; None when there is no cluster to draw."""
    if not network or not network.get("clusters"):
        return None
    org = loaded.org
    clusters = sorted(network["clusters"], key=lambda c: not c["crosses_units"])[:MAX_CLUSTERS]
    at: dict[int, list[int]] = {}  # id(unit) -> members per cluster
    loose = [0] * len(clusters)
    for i, cluster in enumerate(clusters):
        for member in cluster["members"]:
            home = _home(org.get(member["id"]))
            if home is None:
                loose[i] += 1
            else:
                at.setdefault(id(home), [0] * len(clusters))[i] += 1
    shown: set[int] = set()
    for unit in org.units:  # the units with members, and the units above them: a readable tree
        if id(unit) in at:
            u: Any = unit
            seen: set[int] = set()
            while u is not None and id(u) not in seen:
                seen.add(id(u))
                shown.add(id(u))
                u = u.parent
    toured = {id(u) for u in org.unit_tree.tour}
    depth: dict[int, int] = {}
    rows = []
    for unit in [*org.unit_tree.tour, *(u for u in org.units if id(u) not in toured)]:
        parent = unit.parent
        depth[id(unit)] = depth.get(id(parent), -1) + 1 if parent is not None else 0
        if id(unit) in shown:
            rows.append({"id": unit.id, "name": unit.label, "depth": depth[id(unit)],
                         "members": at.get(id(unit), [0] * len(clusters))})
    labels = [{"label": f"C{i + 1}", **c} for i, c in enumerate(clusters)]
    return {"clusters": labels, "rows": rows[:MAX_ROWS], "more": max(len(rows) - MAX_ROWS, 0), "loose": loose}


def html(loaded: Loaded, network: dict[str, Any] | None) -> str:
    """The section's table and its legend; a line saying so when nothing coordinates."""
    placed = placement(loaded, network)
    if placed is None:
        none = _("No coordination clusters: the model records no hand-overs, interactions or dotted lines "
                 "that group units.")
        return f'<p class="muted" id="clusters-none">{escape(none)}</p>'
    clusters = placed["clusters"]
    head = "<th>" + escape(_("unit")) + "</th>" + "".join(
        f'<th title="{escape(c["label"])}">{escape(c["label"])}</th>' for c in clusters)
    body = []
    for r in placed["rows"]:
        cells = "".join(
            f'<td class="n in-cluster" data-cluster="{c["label"]}">{"●" * min(n, 3)}{"+" if n > 3 else ""}</td>'
            if n else "<td></td>" for c, n in zip(clusters, r["members"], strict=True))
        body.append(f'<tr data-unit="{escape(r["id"])}"><td style="padding-left:{6 + 16 * min(r["depth"], 12)}px">'
                    f"{escape(r['name'])}</td>{cells}</tr>")
    if any(placed["loose"]):
        cells = "".join(f'<td class="n">{"●" if n else ""}</td>' for n in placed["loose"])
        body.append(f"<tr><td><em>{escape(_('roles and people in no unit'))}</em></td>{cells}</tr>")
    legend = []
    for c in clusters:
        names = ", ".join(m["name"] for m in c["members"])
        where = c["common_unit"]["name"] if c["common_unit"] else _("separate trees")
        verdict = (_("across the units of {where}: consider grouping them by the work").format(where=where)
                   if c["crosses_units"] else _("within one part of the hierarchy"))
        legend.append(f'<li data-cluster="{escape(c["label"])}" data-crosses="{str(c["crosses_units"]).lower()}">'
                      f"<strong>{escape(c['label'])}</strong>: {escape(names)} ("
                      + escape(_("{share} of their coordination is with each other").format(
                          share=_pct(c["internal_share"]))) + f"); {escape(verdict)}</li>")
    more = ""
    if placed["more"]:
        more = "<p>" + escape(ngettext("... and {count} more unit", "... and {count} more units",
                                       placed["more"]).format(count=placed["more"])) + "</p>"
    note = _("Each column is a cluster of units, people and roles that coordinate mostly with each other "
             "(hand-overs, interactions, dotted lines); a dot marks a member in the unit. Marks in different "
             "branches: the work crosses the structure.")
    return (f'<p class="muted">{escape(note)}</p><table id="cluster-tree"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>{more}<ul id="cluster-legend">{"".join(legend)}</ul>')

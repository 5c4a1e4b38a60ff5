"""The coordination network in a few lines of the stats text (docs/coordination.md)."""
from __future__ import annotations

from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.wording import localized, names
from orgcheck.wording import percent as _pct


def coordination_lines(network: dict[str, Any] | None) -> list[str]:
    """The coordination network in a few lines (docs/coordination.md explains each figure)."""
    if not network or not network["links"]:
        return []
    out = [_("Coordination: {links} links between {nodes} units and people; {horizontal} of {handovers} "
             "hand-overs go directly between peers ({share})").format(
        links=network["links"], nodes=network["nodes"], horizontal=network["horizontal"],
        handovers=network["handovers"], share=_pct(network["horizontal_share"]))]
    crossing = [c for c in network["clusters"] if c["crosses_units"]]
    for cluster in crossing[:5]:
        where = cluster["common_unit"]["name"] if cluster["common_unit"] else _("separate trees")
        out.append("  " + _("cluster across the units of {where}: {names} ({share} of their coordination is with "
                            "each other): consider grouping them by the work")
                   .format(where=where, names=names([m["name"] for m in cluster["members"]], limit=6),
                           share=_pct(cluster["internal_share"])))
    shown = network["brokers"][:3] + [b for b in network["brokers"][3:] if b["manager"]]
    for broker in shown:
        text = _("broker: {name} (betweenness {value})").format(name=broker["name"],
                                                                value=localized(str(broker["betweenness"])))
        if broker["manager"]:
            text += _(": a manager through whom coordination runs")
        out.append("  " + text)
    return out

"""A rule's docs as ``orgcheck explain`` prints them (and SARIF's help carries)."""
from __future__ import annotations

import json

from .i18n import _
from .rules import Rule


def render_options(rule: Rule) -> str:
    if not rule.options:
        return ""
    lines = [_("Defaults:")]
    for key, value in rule.options.items():
        lines.append(f"  {key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule) -> str:
    header = f"{rule.code} {rule.name} [{rule.severity.value}]"
    # the headings are words; the family, plugin and pillar are names, never translated
    meta = _("Family: {family}   Plugin: {plugin}").format(family=rule.family, plugin=rule.distribution or "?")
    if rule.pillar:
        meta += "   " + _("Pillar: {pillar}").format(pillar=rule.pillar)
    parts = [header, meta, "", rule.docs, ""]
    options = render_options(rule)
    if options:
        parts += [options.rstrip("\n"), ""]
    return "\n".join(parts)

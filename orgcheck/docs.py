"""A rule's docs as ``orgcheck explain`` prints them (and SARIF's help carries)."""
from __future__ import annotations

import json

from .rules import Rule


def render_options(rule: Rule) -> str:
    if not rule.options:
        return ""
    lines = ["Defaults:"]
    for key, value in rule.options.items():
        lines.append(f"  {key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule) -> str:
    header = f"{rule.code} {rule.name} [{rule.severity.value}]"
    meta = f"Family: {rule.family}   Plugin: {rule.distribution or '?'}"
    if rule.pillar:
        meta += f"   Pillar: {rule.pillar}"
    parts = [header, meta, "", rule.docs, ""]
    options = render_options(rule)
    if options:
        parts += [options.rstrip("\n"), ""]
    return "\n".join(parts)

"""A finding as a rule yields it, before waivers and positions: what every stage after
the rules passes along."""
from __future__ import annotations

from dataclasses import dataclass

from orgcheck.api.rules import Rule, Severity
from orgcheck.config import Config


@dataclass
class RawFinding:
    """A finding before it has a position."""

    rule: Rule
    severity: Severity
    message: str
    pointer: str | None
    entity: str | None
    at_key: bool = False
    line: int | None = None
    column: int | None = None
    file: str | None = None  # None: where the document says the pointer lies

def severity_for(rule: Rule, yielded: Severity | None, config: Config) -> Severity:
    for key in (rule.code, rule.name):
        if key in config.severity:
            return Severity(config.severity[key])
    return yielded or rule.severity

"""What a source can say about an organization: the parts of the model (issue 13).

A reader states which parts of the format-1 model its format can express
(``Document.expresses``: None means every part, as a format-1 JSON or YAML model
does); a rule or a trust-profile indicator states which parts it needs
(``@orgcheck.rule(..., needs=("roles", "role_content"))``). A rule whose needs the
source cannot express does not run on that document: it is *not assessed*, which
is neither a finding nor a pass, and every view says so with the reason
("BPMN has no role definitions").

``orgcheck import`` writes what its source expressed into the model it writes, as
``"x-expresses": {"source": "BPMN", "parts": ["processes"]}`` at the top, and the
engine honours it on a format-1 model (:func:`declared`), so that linting the written
JSON gives the same "not assessed" as linting the source. A designer who adds what
the source lacked (roles, metrics) widens or deletes the key.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgcheck.i18n.runtime import _, lazy

#: part -> what a source lacks when it cannot express it ("{source} has no {what}")
PARTS = {
    "people": lazy("people or posts"),
    "reporting_lines": lazy("reporting lines"),
    "manager_types": lazy("manager types (how each manager manages)"),
    "dotted_lines": lazy("dotted reporting lines"),
    "units": lazy("units or teams"),
    # A source that names only a unit's leaders (mots' owners and peers, OpenStack's
    # PTLs) has units but not their members: team sizes are then not assessed.
    "memberships": lazy("complete member lists of its units (it names some members, such as the leads)"),
    "unit_purposes": lazy("team purposes"),
    "unit_ends": lazy("end dates of temporary units (working groups, project groups)"),
    "roles": lazy("record of who holds which role"),
    "role_content": lazy("role definitions (purposes, accountabilities, domains, standards)"),
    "processes": lazy("processes"),
    "feedback": lazy("feedback steps or flows"),
    "metrics": lazy("metrics"),
    "interactions": lazy("interactions between teams"),
}


def unknown_parts(needs: Iterable[str]) -> list[str]:
    """The names in ``needs`` that are no part of the vocabulary (a plugin's typo)."""
    return [n for n in needs if n not in PARTS]


def missing(needs: Iterable[str] | None, expresses: frozenset[str] | None) -> list[str]:
    """The parts of ``needs`` a source expressing ``expresses`` cannot say (None: all)."""
    if expresses is None or not needs:
        return []
    return [n for n in needs if n not in expresses]


def reason(source: Any, parts: list[str]) -> str:
    """'BPMN has no role definitions (...)': why something is not assessed."""
    return _("{source} has no {what}").format(source=source or _("this source"), what=PARTS[parts[0]])


#: the top-level key of a format-1 model that says what its source expressed
DECLARED = "x-expresses"


def declared(data: Any) -> tuple[frozenset[str], str] | None:
    """(parts, source name) a model's ``x-expresses`` states, or None when it states
    nothing usable (absent, not an object, or naming a part that does not exist: the
    model is then read as expressing every part, as any format-1 model is)."""
    found = data.get(DECLARED) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return None
    parts, source = found.get("parts"), found.get("source")
    if not isinstance(parts, list) or not all(isinstance(p, str) and p in PARTS for p in parts):
        return None
    return frozenset(parts), _(source) if isinstance(source, str) and source else _("this source")


def declaration(expresses: frozenset[str] | None, source: str) -> dict[str, Any] | None:
    """The ``x-expresses`` value for a model made from a source expressing ``expresses``
    (None: every part, so nothing to declare)."""
    if expresses is None:
        return None
    return {"source": source, "parts": [p for p in PARTS if p in expresses]}


#: what a model of units and memberships without a single reporting line leaves out
_LINE_PARTS = ("reporting_lines", "manager_types", "dotted_lines")


def without_lines(data: Any) -> tuple[frozenset[str], str] | None:
    """(parts, source name) for a format-1 model kept as code: units that list their
    members (or people naming their units) and not one reporting line. Its layers and
    spans are not assessed, as on a source that cannot express lines, rather than
    passed as a flat organization of single-person trees. None for any other model."""
    if not isinstance(data, dict):
        return None
    # the first reporting line settles it: a million people are not listed for that
    people = data.get("people") or ()
    if any(isinstance(p, dict) and (p.get("reports_to") or p.get("dotted_to")) for p in people):
        return None
    people = [p for p in people if isinstance(p, dict)]
    units = [u for u in data.get("units") or () if isinstance(u, dict)]
    if not (any(u.get("members") for u in units) or any(p.get("member_of") for p in people)):
        return None
    return frozenset(p for p in PARTS if p not in _LINE_PARTS), _("this model")

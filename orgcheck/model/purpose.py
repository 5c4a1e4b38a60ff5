"""What counts as a stated purpose: one definition for the rules that judge it (OC307
for teams, OC402 for roles) and the views that count it (`stats`, the trust profile).

A designer who has not decided a purpose yet often writes something in its place:
"TBD", "-", "n/a", "todo", "?". Such a placeholder says the purpose is missing, so it
counts as none, as a blank one does.
"""
from __future__ import annotations

from typing import Any

# Compared with everything but letters and digits removed, case-folded: "N/A", "n.a.",
# "To do", "T.B.D." and "to be decided" all land here. Dutch designers write "n.v.t."
# and "n.t.b." (nader te bepalen) or "nog invullen".
PLACEHOLDERS = frozenset({
    "tbd", "tba", "tbc", "todo", "na", "none", "null", "nil", "pending", "placeholder", "unknown", "x", "xx",
    "xxx", "tobedecided", "tobedetermined", "tobeconfirmed", "tobedefined", "fixme", "wip",
    "nvt", "ntb", "nogtebepalen", "nogbepalen", "noginvullen", "invullen",
})


def placeholder(text: Any) -> bool:
    """Whether a purpose text stands in for a missing one: blank, only punctuation or
    symbols ("-", "?", "..."), or a word such as "TBD", "n/a" or "todo" (any case)."""
    if not isinstance(text, str):
        return True
    key = "".join(c for c in text.casefold() if c.isalnum())
    return not key or key in PLACEHOLDERS


def has_purpose(entity: Any) -> bool:
    """Whether a unit or role states a purpose: a text that is neither blank nor a
    placeholder (see ``placeholder``)."""
    return not placeholder(getattr(entity, "purpose", None))

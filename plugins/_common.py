"""Message helpers shared by the built-in rule families (not a plugin: no hooks)."""
from __future__ import annotations

from typing import Iterable


def names(labels: Iterable[str], limit: int = 4, none: str = "nobody") -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D and 2 more' (repeats dropped)."""
    labels = list(dict.fromkeys(labels))
    if not labels:
        return none
    if len(labels) > limit:
        return ", ".join(labels[:limit]) + f" and {len(labels) - limit} more"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def person_label(person) -> str:
    """'Tom Carver (Management Assistant)', or just the name without a title."""
    return f"{person.name} ({person.title})" if person.title else person.name

"""Units in the order of their tree: a parent before its children, siblings in the
order the source gives them, so that views listing units as a tree read from the
top. Units on a loop, or below one, keep their place at the end."""
from __future__ import annotations

from collections.abc import Sequence


def tree_order(ids: Sequence[str], parents: Sequence[str | None]) -> list[int]:
    """The indexes of the units, parents first (depth first, in source order)."""
    known: dict[str, int] = {}
    for i, uid in enumerate(ids):
        known.setdefault(uid, i)
    children: dict[int, list[int]] = {}
    roots = []
    for i, parent in enumerate(parents):
        p = known.get(parent) if parent is not None else None
        if p is None or p == i:
            roots.append(i)
        else:
            children.setdefault(p, []).append(i)
    order: list[int] = []
    seen: set[int] = set()
    stack = list(reversed(roots))
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        order.append(i)
        stack.extend(reversed(children.get(i, ())))
    order.extend(i for i in range(len(ids)) if i not in seen)
    return order

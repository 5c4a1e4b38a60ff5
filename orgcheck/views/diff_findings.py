"""Which findings a change introduces, resolves or leaves as they were: ``orgcheck diff``
matches the findings of the two versions by rule and entity."""
from __future__ import annotations

from collections import defaultdict

from orgcheck.report import Located


def finding_key(f: Located) -> tuple[str, str]:
    return (f.rule, f"entity:{f.entity}" if f.entity is not None else f"pointer:{f.pointer}")


def match_findings(old: list[Located], new: list[Located]) -> tuple[list[Located], list[Located],
                                                                    list[tuple[Located, Located]]]:
    """(introduced, resolved, unchanged as (old, new) pairs), matched by rule and
    entity; within one key equal messages pair first, then the rest in order."""
    olds: dict[tuple, list[Located]] = defaultdict(list)
    for f in old:
        olds[finding_key(f)].append(f)
    introduced, unchanged = [], []
    pending: dict[tuple, list[Located]] = defaultdict(list)
    for f in new:
        bucket = olds.get(finding_key(f), [])
        same = next((i for i, o in enumerate(bucket) if o.message == f.message), None)
        if same is not None:
            unchanged.append((bucket.pop(same), f))
        else:
            pending[finding_key(f)].append(f)
    for key, fs in pending.items():
        bucket = olds.get(key, [])
        for f in fs:
            if bucket:
                unchanged.append((bucket.pop(0), f))
            else:
                introduced.append(f)
    resolved = [f for fs in olds.values() for f in fs]
    introduced.sort(key=Located.sort_key)
    resolved.sort(key=Located.sort_key)
    unchanged.sort(key=lambda pair: pair[1].sort_key())
    return introduced, resolved, unchanged

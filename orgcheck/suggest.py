""""Did you mean ...": the nearest known spelling of a mistyped name."""
from __future__ import annotations

import difflib
from typing import Iterable

# Beyond this many candidates, compare only names that could plausibly be a typo of
# the word (similar length, same first letter): difflib is quadratic per pair.
_MANY = 2000


def nearest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word``, or None when none is close."""
    pool = candidates if isinstance(candidates, (list, tuple)) else list(candidates)
    if len(pool) > _MANY:
        lo, hi = len(word) - 3, len(word) + 3
        first = word[:1].lower()
        pool = [c for c in pool if lo <= len(c) <= hi and c[:1].lower() == first]
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:  # a case slip: FOO for foo
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'x'?`` or the empty string."""
    best = nearest(word, candidates)
    return f"; did you mean {best!r}?" if best is not None and best != word else ""

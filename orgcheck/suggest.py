""""Did you mean ...": the nearest known spelling of a mistyped name."""
from __future__ import annotations

import itertools
from collections.abc import Iterable

from orgcheck.i18n.runtime import _

# Beyond this many candidates (the ids of a big model), difflib over all of them costs
# too much per question; only names within one edit of the word are offered, found
# by looking each spelling up in a set (see Speller).
_MANY = 2000
# Beyond this length, difflib (pure Python, about quadratic in the length) is not asked
# either: a long word is matched only within one edit, compared character runs at a time.
_LONG = 100
# The most work one question may cost, in rough units of a set lookup of a short string.
# A pool of 2,100 CJK ids makes an alphabet of thousands of characters, and every
# one-edit spelling of a 1,500-character word would take gigabytes (issue 23): past
# this, the question gets no suggestion rather than an answer at any price.
_BUDGET = 2_000_000


def nearest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word``, or None when none is close."""
    pool = candidates if isinstance(candidates, (list, tuple)) else list(candidates)
    if len(pool) > _MANY or len(word) > _LONG:
        return Speller(pool).nearest(word, cutoff)
    return _difflib_nearest(word, pool, cutoff)


def _difflib_nearest(word: str, pool: list | tuple, cutoff: float) -> str | None:
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:  # a case slip: FOO for foo
        return lowered[word.lower()]
    import difflib  # here: only a mistake needs a suggestion, and a clean run starts faster

    close = difflib.get_close_matches(word, pool, n=5, cutoff=cutoff)
    if not close:
        return None
    # difflib breaks a tie in its ratio by the larger string ('OC511' over 'OC101' for
    # 'OC1O1'); the fewer characters to change is the likelier slip
    ratio = difflib.SequenceMatcher(None, word, close[0]).ratio()
    tied = [c for c in close if difflib.SequenceMatcher(None, word, c).ratio() == ratio]
    return min(tied, key=lambda c: _changes(word, c))


def _changes(word: str, candidate: str) -> int:
    """Characters to change, position by position, plus the difference in length."""
    return sum(a != b for a, b in zip(word, candidate, strict=False)) + abs(len(word) - len(candidate))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'x'?`` or the empty string."""
    best = nearest(word, candidates)
    return _("; did you mean {name}?").format(name=repr(best)) if best is not None and best != word else ""


class Speller:
    """``nearest`` over one pool asked many times (the ids of a model, for each dangling
    reference). A big pool is indexed once; each question then costs either a few
    hundred set lookups (every spelling one deletion, insertion, substitution or
    transposition away) or a comparison with the candidates of about its length,
    whichever is cheaper, and never more than ``_BUDGET``."""

    def __init__(self, pool: Iterable[str]) -> None:
        self.pool = list(pool)
        self._known: set[str] | None = None
        self._lowered: dict[str, str] = {}
        self._alphabet = ""
        self._by_length: dict[int, list[str]] = {}

    def nearest(self, word: str, cutoff: float = 0.6) -> str | None:
        if len(self.pool) <= _MANY and len(word) <= _LONG:
            return _difflib_nearest(word, self.pool, cutoff)
        if self._known is None:
            # built in C where it can be (a pool of a million ids: 0.9 s in Python loops)
            self._known = set(self.pool)
            backwards = self.pool[::-1]  # the first spelling wins, as in nearest()
            self._lowered = dict(zip(map(str.lower, backwards), backwards, strict=True))
            self._alphabet = "".join(sorted(set("".join(self.pool))))
            for length, group in itertools.groupby(sorted(self._known, key=len), key=len):
                self._by_length[length] = list(group)
        if word.lower() in self._lowered:
            return self._lowered[word.lower()]
        size = len(word)
        spellings = (size + 1) * (2 * len(self._alphabet) + 2) * (1 + size // 50)
        near = [self._by_length.get(n, ()) for n in (size - 1, size, size + 1)]
        scans = sum(len(group) for group in near) * (20 + size // 50)
        if min(spellings, scans) > _BUDGET:
            return None
        if spellings <= scans:
            close = [c for c in _one_edit(word, self._alphabet) if c in self._known]
        else:
            close = [c for group in near for c in group if _one_edit_apart(word, c)]
        if not close:
            return None
        # As difflib.get_close_matches: the highest ratio, ties to the greater string.
        import difflib

        scored = []
        for c in sorted(close)[-20:]:  # ratio is slow on long words; ties go to the greater
            matcher = difflib.SequenceMatcher(None, word, c)
            if matcher.ratio() >= cutoff:
                scored.append((matcher.ratio(), c))
        return max(scored)[1] if scored else None


def _one_edit(word: str, alphabet: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in alphabet)
    out.update(a + c + b for a, b in splits for c in alphabet)
    out.discard(word)
    return out


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is one deletion, insertion, substitution or transposition from
    ``a`` (and not ``a`` itself); slices compare in C, so a long word costs little."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1 or a == b:
        return False
    lo, hi = 0, len(b)  # the common prefix's length, by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    i = lo
    if len(a) != len(b):
        return a[i + 1:] == b[i:]
    if a[i + 1:] == b[i + 1:]:
        return True
    return a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:]

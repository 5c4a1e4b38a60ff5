""""Did you mean ...": the nearest known spelling of a mistyped name."""
from __future__ import annotations

from collections.abc import Iterable

from orgcheck.i18n.runtime import _

# Beyond this many candidates (the ids of a big model), difflib over all of them costs
# too much per question; only names within one edit of the word are offered, found
# by looking each spelling up in a set (see Speller).
_MANY = 2000


def nearest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word``, or None when none is close."""
    pool = candidates if isinstance(candidates, (list, tuple)) else list(candidates)
    if len(pool) > _MANY:
        return Speller(pool).nearest(word, cutoff)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:  # a case slip: FOO for foo
        return lowered[word.lower()]
    import difflib  # here: only a mistake needs a suggestion, and a clean run starts faster

    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'x'?`` or the empty string."""
    best = nearest(word, candidates)
    return _("; did you mean {name}?").format(name=repr(best)) if best is not None and best != word else ""


class Speller:
    """``nearest`` over one pool asked many times (the ids of a model, for each dangling
    reference). A big pool is indexed once; each question then costs a few hundred set
    lookups (every spelling one deletion, insertion, substitution or transposition
    away), not a comparison with every candidate."""

    def __init__(self, pool: Iterable[str]) -> None:
        self.pool = list(pool)
        self._known: set[str] | None = None
        self._lowered: dict[str, str] = {}
        self._alphabet = ""

    def nearest(self, word: str, cutoff: float = 0.6) -> str | None:
        if len(self.pool) <= _MANY:
            return nearest(word, self.pool, cutoff)
        if self._known is None:
            self._known = set(self.pool)
            for c in reversed(self.pool):  # the first spelling wins, as in nearest()
                self._lowered[c.lower()] = c
            self._alphabet = "".join(sorted(set().union(*self.pool)))
        if word.lower() in self._lowered:
            return self._lowered[word.lower()]
        close = [c for c in _one_edit(word, self._alphabet) if c in self._known]
        if not close:
            return None
        # As difflib.get_close_matches: the highest ratio, ties to the greater string.
        import difflib

        scored = []
        for c in close:
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

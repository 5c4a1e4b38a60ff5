"""No cyclic garbage collection while documents are read, validated, built and linted.

Parsing a big model allocates millions of containers that all stay alive; each
collection the allocations trigger walks them again for nothing, which doubles the
time ``json.loads`` takes on a 100,000-person file. Reference counting still frees
what it can; the model's own cycles (a manager and their reports) wait for
:func:`tidy` between documents, so a run over many big files keeps one model's
garbage at a time, and the collector is back as it was when the run ends.
"""
from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: Collect between documents once this many containers were allocated since the last
#: collection (one large model, or a few hundred small ones).
_TIDY_AFTER = 500_000


def paused(func: F) -> F:
    """Run ``func`` with the cyclic collector off (restored afterwards)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """No cyclic collection while orgcheck's modules load (``orgcheck/__init__.py``, the
    command line): they make thousands of objects that live as long as the process,
    which each collection on the way walks again for nothing, a twentieth of a small
    lint's time. The collector is back as it was afterwards, whoever imports."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def tidy() -> None:
    """Between two documents: free the previous one's cycles if it was big."""
    if not gc.isenabled() and gc.get_count()[0] > _TIDY_AFTER:
        gc.collect()


def for_this_process() -> None:
    """A command that lints and exits: no cyclic collection until the process ends.

    :func:`paused` alone switches the collector back on after the run, and its first
    collection would then walk every object the run made (seconds for a
    million-person model), as would the last one when the interpreter exits. The
    command needs neither: :func:`tidy` still frees a big document's cycles before
    the next document is read, and at exit whatever is left is frozen, not walked.
    """
    import atexit

    gc.disable()
    atexit.register(gc.freeze)

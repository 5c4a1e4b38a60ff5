"""Rules run contained: they see the model read-only, and one that runs too long is stopped.

Read-only, so one rule cannot change what another sees (a rule that empties
``org.people`` would otherwise silence every rule after it, with exit status 0):

- :func:`freeze` turns the model's lists into tuples once per document (the Org's
  entity lists, each entity's relations, the top-level sections of ``org.data``,
  which becomes a read-only mapping): ``org.people.clear()`` is an AttributeError.
  A person's and a process's relations are tuples from the build already.
- :func:`read_only` refuses, while rules run, any assignment to a public attribute
  of the Org or an entity (``org.people = []``, ``person.manager = None``); the
  model's own caches (private attributes) are still filled as before.
- :func:`changed` compares the Org's attributes with a snapshot taken before the
  rule, a cheap check for writes that bypass the two above, and restores them.

Not covered (cost): the JSON objects behind each entity (``person.raw``) stay
ordinary dicts. A rule that writes into them breaks no other rule's view of the
structure, only of the values it changed.

Timeouts (:func:`call_with_timeout`): with a limit, rules, indicators, readers and
formatters run in a daemon worker thread that the run waits for at most that long
per call. When the time is up, RuleTimeout is raised inside the worker (CPython's
async exceptions) a few times over 200 ms, and the thread is then abandoned: a rule
that swallows every exception in an endless loop cannot be killed, but the run goes
on and ends without it (the daemon thread ends with the process, and the command
ends the process even if a plugin started a thread of its own). A rule that did not
stop is not run again on later files, so that one stuck thread does not become one
per file. Chosen over a SIGALRM timer in the main thread because a rule that catches
BaseException in a loop defeats a signal handler (it measured over a minute to
escape a one-second limit), SIGALRM does not exist on Windows, and an abandoned
thread always lets the run finish. No ``sys.settrace``: it would slow every rule,
not only the slow one. Without a limit (the default) rules run in the main thread.

What a thread cannot do: stop code that never returns to the interpreter. A rule
stuck inside one long call into C (a catastrophic regular expression, a huge
integer power) holds the interpreter lock; the run waits until that call returns.
Only a separate process could be killed there, and one per file or rule costs more
than the rest of a lint (see the README's "Plugins are checked, not trusted").
"""
from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its time. A BaseException, so that a rule's
    ``except Exception`` does not swallow it. ``stuck``: the rule's thread did not stop
    when asked, and still runs."""

    stuck = False


# Containment (issue 23): what a plugin raises, even a BaseException (GeneratorExit,
# KeyboardInterrupt, a class of its own), costs only that plugin. Two exceptions pass:
# the guard's own RuleTimeout, and the user's Ctrl-C, told from a KeyboardInterrupt a
# plugin raises by the SIGINT handler below (without it, as in a library call, every
# KeyboardInterrupt is taken for the user's).
_watching = False
_interrupted = False


def watch_interrupts() -> None:
    """Mark the user's Ctrl-C, so that a KeyboardInterrupt a plugin raises is not taken for it."""
    import signal

    global _watching

    def on_sigint(signum: int, frame: Any) -> None:
        global _interrupted
        _interrupted = True
        raise KeyboardInterrupt

    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, on_sigint)
            _watching = True
    except (ValueError, OSError):  # not the main thread, or no signals here
        pass


def escapes(exc: BaseException) -> bool:
    """Whether ``exc`` must end the run rather than the plugin that raised it."""
    if isinstance(exc, RuleTimeout):
        return True
    return isinstance(exc, KeyboardInterrupt) and (_interrupted or not _watching)


def reraise_escaping(exc: BaseException) -> None:
    """In an ``except BaseException`` around plugin code: raise again what must escape."""
    if escapes(exc):
        raise exc


# The relations each entity kind holds in lists (turned into tuples by freeze). A
# person's and a process's relations are tuples already (the model builds them so:
# walking a million people and 50,000 processes here, the freeze took 0.56 s of CPU
# on the generated million-person model; without, 0.16 s).
_RELATIONS = {
    "units": ("children", "members"),
    "roles": ("holders",),
    "metrics": ("visible_to",),
}


def freeze(org: Any) -> None:
    """Make the structure of ``org`` immutable (once, before its rules run)."""
    object.__setattr__(org, "_sealed", True)
    for name, value in list(vars(org).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, list):
            # Entity lists convert at C speed; only the loops (lists of lists) go one by one.
            nested = bool(value) and type(value[0]) is list
            setattr(org, name, tuple(map(tuple, value)) if nested else tuple(value))
        elif isinstance(value, dict):
            if name == "data":
                value = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
            setattr(org, name, MappingProxyType(value))
    # The model's cache of which lists hold no dead duplicate is keyed by the lists'
    # id(): the tuples are new objects, so it is built again for them.
    if hasattr(org, "_clean_lists"):
        object.__setattr__(org, "_clean_lists", None)
    for section, fields in _RELATIONS.items():
        for field in fields:
            for entity in getattr(org, section, ()):
                value = getattr(entity, field, None)
                if type(value) is list:
                    setattr(entity, field, tuple(value))


def snapshot(org: Any) -> dict[str, Any]:
    """The Org's public attributes, by identity, for :func:`changed`."""
    return {k: v for k, v in vars(org).items() if not k.startswith("_")}


def changed(org: Any, before: dict[str, Any]) -> list[str]:
    """The public attributes of ``org`` a rule replaced, added or removed since
    ``before``; they are put back as they were."""
    now = vars(org)
    names = sorted(k for k in {*before, *(k for k in now if not k.startswith("_"))}
                   if now.get(k, _MISSING) is not before.get(k, _MISSING))
    for k in names:
        if k in before:
            object.__setattr__(org, k, before[k])
        else:
            object.__delattr__(org, k)
    return names


_MISSING = object()


def _sealed(obj: Any) -> bool:
    # An Org (it has a __dict__) is read-only once frozen, so a rule may still build
    # an Org of its own; entities (slotted) are read-only while rules run.
    return getattr(obj, "_sealed", not hasattr(obj, "__dict__"))


def _refuse_set(self: Any, name: str, value: Any) -> None:
    if not name.startswith("_") and _sealed(self):
        raise AttributeError(f"the model is read-only for rules: cannot set {type(self).__name__}.{name}")
    object.__setattr__(self, name, value)


def _refuse_delete(self: Any, name: str) -> None:
    if not name.startswith("_") and _sealed(self):
        raise AttributeError(f"the model is read-only for rules: cannot delete {type(self).__name__}.{name}")
    object.__delattr__(self, name)


@contextlib.contextmanager
def read_only(classes: tuple[type, ...]) -> Iterator[None]:
    """While open, public attributes of instances of ``classes`` cannot be set or deleted.

    Installed on the classes only for the time the rules run, so that building a
    model (a million people) pays nothing for it."""
    for cls in classes:
        cls.__setattr__ = _refuse_set  # type: ignore[method-assign, assignment]
        cls.__delattr__ = _refuse_delete  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        for cls in classes:
            del cls.__setattr__
            del cls.__delattr__


def call_with_timeout(func: Callable[[], T], seconds: float | None) -> T:
    """``func()``, given up with RuleTimeout after ``seconds`` (None or 0: no limit).
    Rules, indicators, readers and formatters all run through here."""
    if not seconds or seconds <= 0:
        return func()
    return _RUNNER.call(func, seconds)


class _Runner:
    """One daemon thread that runs rules one after another (a thread per rule would
    cost a thousand files times forty rules thread starts); it is abandoned, and a
    new one started, only when a rule overruns."""

    def __init__(self) -> None:
        self._worker: threading.Thread | None = None
        self._tasks: queue.SimpleQueue | None = None

    def call(self, func: Callable[[], T], seconds: float) -> T:
        tasks = self._tasks
        if tasks is None or self._worker is None or not self._worker.is_alive():
            tasks = self._tasks = queue.SimpleQueue()
            self._worker = threading.Thread(target=_work, args=(tasks,), name="orgcheck-rules", daemon=True)
            self._worker.start()
        box: dict[str, Any] = {}
        done = threading.Event()
        tasks.put((func, box, done))
        if not done.wait(seconds):
            worker, self._worker = self._worker, None
            _stop(worker, done)
            timeout = RuleTimeout()
            timeout.stuck = worker.is_alive() and not done.is_set()
            raise timeout
        if "error" in box:
            raise box["error"]
        return box["value"]


def _work(tasks: queue.SimpleQueue) -> None:
    try:
        while True:
            func, box, done = tasks.get()
            try:
                box["value"] = func()
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc
            finally:
                done.set()
    except BaseException:  # a RuleTimeout that arrived after its rule ended: this worker is done
        return


_RUNNER = _Runner()


def _stop(worker: threading.Thread, done: threading.Event) -> None:
    """Ask a rule's thread to stop: RuleTimeout is raised in it at its next bytecode,
    for a short while; a rule that swallows every one of them is left behind."""
    try:
        import ctypes

        set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
        set_async.argtypes = (ctypes.c_ulong, ctypes.py_object)
    except (ImportError, AttributeError):  # another interpreter than CPython: abandon it
        return
    for _ in range(20):
        if worker.ident is None or not worker.is_alive() or done.is_set():
            return
        set_async(worker.ident, RuleTimeout)
        done.wait(0.01)

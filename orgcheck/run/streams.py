"""Standard output belongs to the report: plugin code cannot write to it (issue 23).

A rule's ``print()`` would corrupt ``stats``, ``diff``, ``graph`` or ``rules --format
json``, and ``os.write(1, ...)`` or a forked child ``lint --format json`` as well. So
the command, at its start (:func:`isolate`), keeps standard output on a private file
descriptor of its own and points descriptor 1 at standard error: whatever writes to
descriptor 1 from then on (``os.write``, a C extension, a child process) lands on
standard error. ``sys.stdout`` becomes a switch: the command's own writes (the report,
``--help``) go to the private descriptor; writes from plugin code (inside
:func:`plugin_code`), from any thread but the main one (a rule under
``--rule-timeout``, a thread a plugin starts) or from a forked child go to standard
error. A forked child that comes back out of plugin code ends there, silently, rather
than run the rest of the command and print a second report.

Without a real descriptor 1 (an embedding host, click's test runner) nothing changes.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any, TextIO

_report: TextIO | None = None
_depth = 0
#: this process is a child forked from the one that isolated standard output: a flag the
#: fork sets, where comparing ``os.getpid()`` cost a system call per measure of a person
_forked = False


#: this process is a child orgcheck forked to run rules for its parent (:func:`as_worker`)
_worker = False


def _note_fork() -> None:
    global _forked, _worker
    _forked, _worker = True, False  # a child a worker forks is no worker


if hasattr(os, "register_at_fork"):  # POSIX: elsewhere no process forks
    os.register_at_fork(after_in_child=_note_fork)


class _Switch:
    """``sys.stdout`` once isolated: the report's stream or standard error (see above)."""

    def _target(self) -> Any:
        if (_report is not None and _depth == 0 and not _forked
                and threading.current_thread() is threading.main_thread()):
            return _report
        return sys.stderr

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._target().flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


def isolate() -> bool:
    """Keep standard output for the report (see the module's docstring); False when
    there is no descriptor 1 to keep (nothing done)."""
    global _report, _forked
    if _report is not None:
        return True
    stdout = sys.stdout
    try:
        if stdout.fileno() != 1 or sys.stderr.fileno() != 2:
            return False
        stdout.flush()
        private = os.dup(1)  # not inherited by child processes
        os.dup2(2, 1)
    except (AttributeError, ValueError, OSError):
        return False
    _report = open(private, "w", encoding=getattr(stdout, "encoding", None) or "utf-8",  # noqa: SIM115
                   errors=getattr(stdout, "errors", None) or "backslashreplace",
                   buffering=1 if getattr(stdout, "line_buffering", False) else -1)
    _forked = False  # this process writes the report (a child forked before now included)
    sys.stdout = _Switch()
    import atexit

    atexit.register(finish)
    return True


def names_stdout(path: str) -> bool:
    """Whether ``path`` names descriptor 1 (``-o /dev/stdout``), which once isolated is
    standard error: the report goes to the private descriptor instead."""
    if _report is None:
        return False
    return os.path.normpath(os.path.abspath(path)) in {
        "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/proc/thread-self/fd/1", f"/proc/{os.getpid()}/fd/1"}


def finish() -> None:
    """Flush the report's stream (before the process ends, ``os._exit`` included)."""
    for stream in (_report, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


@contextlib.contextmanager
def plugin_code() -> Iterator[None]:
    """While open, ``print()`` and ``sys.stdout`` go to standard error; a process forked
    inside ends when it leaves."""
    enter()
    try:
        yield
    finally:
        leave()


def as_worker() -> None:
    """This process is a child orgcheck forked to run rules for its parent
    (``orgcheck.run.rule_split``): leaving plugin code does not end it, and, being a
    forked child, nothing it writes to ``sys.stdout`` reaches the report (its parent
    writes the report; the report's stream stays open here, unflushed)."""
    global _worker
    _worker = True


def enter() -> None:
    """:func:`plugin_code` without a context manager, for calls made very often (a
    measure per person); pair with :func:`leave` in a ``finally``."""
    global _depth
    _depth += 1


def leave() -> None:
    global _depth
    _depth -= 1
    if _forked and not _worker:
        os._exit(0)  # a plugin's forked child: not a second run, not a second report

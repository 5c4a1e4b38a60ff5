"""A big JSON model read on two cores: ``json.loads`` makes the data in this process
while a forked child reads the same text the exact way, for what a plain read cannot
see (a key repeated in one object, NaN, a number that overflows) and for where each
element of the top-level arrays starts (for placing findings).

Why: the exact read calls Python for each of a million objects and each element, and
takes twice as long as ``json.loads`` alone. The rules need only the data; what the
exact read adds is needed after they have run, so the child's answer is asked for
then (``Document.pending``), and the second core has done the work meanwhile. On a
file where the child finds something, the caller reads it the exact way after all,
in this process, and lints that: the answer is the same either way, only later.

The child only reads memory it shares with this process and keeps no element it has
read, so it adds little memory; it sends back the offsets through a pipe and ends
with ``os._exit``, never running this process's code after the fork.
"""
from __future__ import annotations

import marshal
import os
import sys
from array import array
from collections.abc import Callable
from typing import Any

#: where each element of each top-level array starts, the index where the array's
#: value starts and the index just after it (``JsonLocator.spans``)
Spans = dict[str, tuple[Any, int, int]]


def can_fork() -> bool:
    """Whether a child may read in the background: Linux (a fork without exec is
    unsafe on macOS), a second processor to run it on, and no other thread (a fork
    copies only the calling thread, and whatever lock another one holds stays held)."""
    import threading

    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        cores = os.cpu_count() or 1
    return cores >= 2 and threading.active_count() == 1


class Check:
    """The child reading the text exactly; :meth:`result` waits for its answer."""

    def __init__(self, pid: int, answer_fd: int) -> None:
        self._pid, self._fd = pid, answer_fd

    def result(self) -> Spans | None:
        """The spans the exact read found; None when it found what a plain read
        cannot see, or the child failed in any way (the caller then reads exactly)."""
        payload = b""
        try:
            with os.fdopen(self._fd, "rb") as answer:
                payload = answer.read()
        except OSError:  # pragma: no cover - a pipe this process made
            pass
        status = self._reap()
        if status != 0 or not payload:
            return None
        try:
            raw = marshal.loads(payload)
            spans: Spans = {}
            for key, (starts, begin, end) in raw.items():
                offsets = array("q")
                offsets.frombytes(starts)
                spans[key] = (offsets, begin, end)
            return spans
        except (ValueError, TypeError, EOFError):  # pragma: no cover - what the child wrote
            return None

    def cancel(self) -> None:
        """Stop the child (the plain read failed: the exact read happens here)."""
        import signal

        try:
            os.kill(self._pid, signal.SIGKILL)
        except OSError:  # pragma: no cover - it ended already
            pass
        try:
            os.close(self._fd)
        except OSError:  # pragma: no cover
            pass
        self._reap()

    def _reap(self) -> int:
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped already
            return -1
        return os.waitstatus_to_exitcode(status)


def start(text: str, read_exactly: Callable[[str, Spans], None]) -> Check | None:
    """Fork a child that calls ``read_exactly(text, spans)``, which raises on anything
    a plain read does not see, and sends ``spans`` back; None when no child can run."""
    if not can_fork():
        return None
    answer_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(answer_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # pragma: no cover - the child: coverage does not follow a fork
        status = 1
        try:
            os.close(answer_fd)
            spans: Spans = {}
            read_exactly(text, spans)
            payload = marshal.dumps({key: (starts.tobytes(), begin, end)
                                     for key, (starts, begin, end) in spans.items()})
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
            status = 0
        except BaseException:  # noqa: BLE001 - any failure is "read it exactly", said by the status
            pass
        finally:
            os._exit(status)
    os.close(write_fd)
    return Check(pid, answer_fd)

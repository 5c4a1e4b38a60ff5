"""A big JSON model read on two cores: ``json.loads`` makes the data in this process
while a forked child reads the same text the exact way, for what a plain read cannot
see (a key repeated in one object, NaN, a number that overflows) and for where each
element of the top-level arrays starts, with its line and column (for placing findings).

Why: the exact read calls Python for each of a million objects and each element, and
takes twice as long as ``json.loads`` alone. The rules need only the data; what the
exact read adds is needed after they have run, so the child's answer is asked for
then (``Document.pending``), and the second core has done the work meanwhile. On a
file where the child finds something, the caller reads it the exact way after all,
in this process, and lints that: the answer is the same either way, only later.

The child only reads memory it shares with this process and keeps no element it has
read, so it adds little memory; it sends back what its job returns through a pipe and
ends with ``os._exit``, never running this process's code after the fork. (A child
that also built a model and ran half the rules made a million-person lint slower on
a 2-core machine: the two processes' allocations slowed each other.)
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


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

    def result(self) -> bytes | None:
        """What the child's job returned; None when it raised (it found what a plain
        read cannot see) or the child failed in any way: the caller then reads exactly."""
        answer = b""
        try:
            with os.fdopen(self._fd, "rb") as pipe:
                answer = pipe.read()
        except OSError:  # pragma: no cover - a pipe this process made
            pass
        return answer if self._reap() == 0 and answer else None

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


def start(job: Callable[[], bytes]) -> Check | None:
    """Fork a child that runs ``job()`` (which raises on anything a plain read does not
    see) and sends back what it returns; None when no child can run."""
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
            answer = job()
            with os.fdopen(write_fd, "wb") as out:
                out.write(answer)
            status = 0
        except BaseException:  # noqa: BLE001 - any failure is "read it exactly", said by the status
            pass
        finally:
            os._exit(status)
    os.close(write_fd)
    return Check(pid, answer_fd)

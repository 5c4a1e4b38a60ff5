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
read, so it adds little memory; it leaves what its job returns in an anonymous
in-memory file and ends with ``os._exit``, never running this process's code after
the fork. (A child
that also built a model and ran half the rules made a million-person lint slower on
a 2-core machine: the two processes' allocations slowed each other.)
"""
from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Callable


def can_fork() -> bool:
    """Whether a child may read in the background now: a machine that can
    (:func:`two_processors`) and no other thread in this process, counted by the
    system (a fork copies only the calling thread, and whatever lock another one holds
    stays held; a plugin's C extension may run threads Python does not list)."""
    try:
        return two_processors() and len(os.listdir("/proc/self/task")) == 1
    except OSError:  # pragma: no cover - Linux has it
        return False


def two_processors() -> bool:
    """Linux (a fork without exec is unsafe on macOS; none on Windows) with a second
    processor for the child to run on."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or not hasattr(os, "memfd_create"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        return False


class Check:
    """The child reading the text exactly; :meth:`result` waits for its answer.

    The child writes its answer into an anonymous in-memory file, not a pipe, and ends
    at once: blocked on a full pipe until the rules had run, it would keep the pages
    this process frees meanwhile (the file's bytes) in memory. Should this process
    never ask (an error on the way), the child is stopped and reaped when the Check
    is collected."""

    def __init__(self, pid: int, answer_fd: int) -> None:
        self._pid, self._fd = pid, answer_fd
        self._done = weakref.finalize(self, _stop, pid, answer_fd)

    def result(self) -> bytes | None:
        """What the child's job returned; None when it raised (it found what a plain
        read cannot see) or the child failed in any way: the caller then reads exactly."""
        status = _reap(self._pid)
        parts: list[bytes] = []
        if status == 0:
            try:  # the child's writes moved the offset both share: read from the start
                size, at = os.fstat(self._fd).st_size, 0
                while at < size:
                    parts.append(os.pread(self._fd, size - at, at))
                    at += len(parts[-1]) or size
            except OSError:  # pragma: no cover - a file this process made
                parts = []
        self._done.detach()
        os.close(self._fd)
        return b"".join(parts) or None

    def cancel(self) -> None:
        """Stop the child (the plain read failed: the exact read happens here)."""
        self._done()


def _stop(pid: int, fd: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:  # pragma: no cover - it ended already
        pass
    _reap(pid)
    try:
        os.close(fd)
    except OSError:  # pragma: no cover
        pass


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover - reaped already
        return -1
    return os.waitstatus_to_exitcode(status)


def start(job: Callable[[], bytes]) -> Check | None:
    """Fork a child that runs ``job()`` (which raises on anything a plain read does not
    see) and leaves what it returns for :meth:`Check.result`; None when no child can run."""
    if not can_fork():
        return None
    answer_fd = os.memfd_create("orgcheck-answer", os.MFD_CLOEXEC)
    try:
        pid = os.fork()
    except OSError:
        os.close(answer_fd)
        return None
    if pid == 0:  # pragma: no cover - the child: coverage does not follow a fork
        status = 1
        try:
            answer = job()
            view, written = memoryview(answer), 0
            while written < len(view):
                written += os.write(answer_fd, view[written:])
            status = 0
        except BaseException:  # noqa: BLE001 - any failure is "read it exactly", said by the status
            pass
        finally:
            os._exit(status)
    return Check(pid, answer_fd)

"""A job run in a forked child on the second processor: what it returns (bytes) is
left in an anonymous in-memory file for :meth:`Check.result`.

Two jobs use it: a big JSON file's exact read (``orgcheck.io.json_document``), while
this process goes on with ``json.loads``' data, and half the rules on a big model
(``orgcheck.run.rule_runner``), while this process runs the other half.

The child shares this process's memory as it was at the fork (copy on write), never
runs this process's code after its job, and ends with ``os._exit``: it leaves its
answer in the in-memory file and ends at once, where a child blocked on a full pipe
until this process asked would keep the pages this process frees meanwhile.
"""
from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Callable


def can_fork() -> bool:
    """Whether a child may run a job now: a machine that can
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
    """The child running a job; :meth:`result` waits for its answer. Should this process
    never ask (an error on the way), the child is stopped and reaped when the Check is
    collected."""

    def __init__(self, pid: int, answer_fd: int) -> None:
        self._pid, self._fd = pid, answer_fd
        self._done = weakref.finalize(self, _stop, pid, answer_fd)

    def result(self) -> bytes | None:
        """What the child's job returned; None when it raised or the child failed in
        any way: the caller then does the job itself."""
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
        """Stop the child (its answer is no longer wanted)."""
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
    """Fork a child that runs ``job()`` and leaves what it returns for :meth:`Check.result`
    (a job that raises leaves nothing); None when no child can run."""
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
        except BaseException:  # noqa: BLE001 - any failure is "do it yourself", said by the status
            pass
        finally:
            os._exit(status)
    return Check(pid, answer_fd)

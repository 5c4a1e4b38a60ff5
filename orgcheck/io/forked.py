"""A job run in a forked child on the second processor: what it returns (bytes) is
left in an anonymous in-memory file for :meth:`Check.result`.

Two jobs use it: a big JSON file's exact read (``orgcheck.io.json_document``), while
this process goes on with ``json.loads``' data, and half the rules on a big model
(``orgcheck.run.rule_split``), while this process runs the other half. The system ends
the child should this process be killed.

The child shares this process's memory as it was at the fork (copy on write), never
runs this process's code after its job, and ends with ``os._exit``: it leaves its
answer in the in-memory file and ends at once, where a child blocked on a full pipe
until this process asked would keep the pages this process frees meanwhile.
"""
from __future__ import annotations

import math
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
    processor for the child to run on, and the time of two (a container's CPU quota)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or not hasattr(os, "memfd_create"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        return False
    return cpu_quota() >= 2


def cgroup_dirs(controller: str, groups_file: str = "/proc/self/cgroup",
                root: str = "/sys/fs/cgroup") -> list[tuple[str, int]]:
    """The control group folders whose limits of ``controller`` ("memory", "cpu") bind
    this process, innermost first, with their cgroup version: its own group's and each
    enclosing one's (a container on cgroup v1 sees its own group at the mount's root)."""
    try:
        with open(groups_file, encoding="utf-8") as groups:
            lines = [line.rstrip("\n").split(":", 2) for line in groups]
    except OSError:
        return []
    out: list[tuple[str, int]] = []
    for hierarchy, controllers, path in (line for line in lines if len(line) == 3):
        if hierarchy == "0" and not controllers:
            base, version = root, 2
        elif controller in controllers.split(","):
            base, version = f"{root}/{controllers}", 1
        else:
            continue
        parts = [part for part in path.split("/") if part]
        out.extend(("".join([base, *("/" + part for part in parts[:n])]), version) for n in range(len(parts), -1, -1))
    return out


def cpu_quota(groups_file: str = "/proc/self/cgroup", root: str = "/sys/fs/cgroup") -> float:
    """How many processors' time the control groups allow this process (a container's
    --cpus): infinity where none limits it."""
    allowed = math.inf
    for folder, version in cgroup_dirs("cpu", groups_file, root):
        try:
            if version == 2:
                quota, period = _read(f"{folder}/cpu.max").split()[:2]
            else:
                quota, period = _read(f"{folder}/cpu.cfs_quota_us"), _read(f"{folder}/cpu.cfs_period_us")
            if quota not in ("max", "-1"):
                allowed = min(allowed, int(quota) / int(period))
        except (OSError, ValueError, ZeroDivisionError):
            continue
    return allowed


def memory_headroom(groups_file: str = "/proc/self/cgroup", root: str = "/sys/fs/cgroup") -> float:
    """Bytes the control groups let this process take still (a container's --memory):
    infinity where none limits it."""
    headroom = math.inf
    for folder, version in cgroup_dirs("memory", groups_file, root):
        limit, used = ("memory.max", "memory.current") if version == 2 else ("memory.limit_in_bytes",
                                                                             "memory.usage_in_bytes")
        try:
            cap = _read(f"{folder}/{limit}")
            if cap != "max":
                headroom = min(headroom, int(cap) - int(_read(f"{folder}/{used}")))
        except (OSError, ValueError):
            continue
    return headroom


def _read(path: str) -> str:
    with open(path, encoding="ascii") as file:
        return file.read().strip()


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


def _end_with(parent: int) -> None:
    """Have the system end this child when its parent ends (killed, say), rather than
    let it run on, orphaned, holding its copies of the parent's memory."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - Linux has prctl
        pass
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
    try:  # refused by a seccomp filter, or no descriptor or memory left: the caller does the job
        answer_fd = os.memfd_create("orgcheck-answer", os.MFD_CLOEXEC)
    except OSError:
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(answer_fd)
        return None
    if pid == 0:  # pragma: no cover - the child: coverage does not follow a fork
        status = 1
        try:
            _end_with(parent)
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

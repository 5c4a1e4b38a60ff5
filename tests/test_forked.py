"""The fork machinery (orgcheck/io/forked.py) both background jobs use: a child that
ends with its parent, leaves the report alone, and is taken only where the machine and
its control groups (a container's --cpus and --memory) leave room for it."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from orgcheck.io import forked

linux_two = pytest.mark.skipif(not forked.two_processors(), reason="needs Linux and two processors")


def _state(pid: int) -> str:
    """The process's state letter (Z: ended, not yet reaped by its new parent), '' when gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return ""
    return next(line.split()[1] for line in text.splitlines() if line.startswith("State:"))


@linux_two
def test_a_child_ends_when_its_parent_is_killed():
    """Killed (SIGKILL, the OOM killer), the parent cannot stop its child: the system does,
    rather than leave it running its job with its copies of the parent's memory."""
    script = ("import os, signal, sys, time\n"
              "from orgcheck.io import forked\n"
              "check = forked.start(lambda: time.sleep(60) or b'x')\n"
              "print(check._pid, flush=True)\n"
              "time.sleep(0.3)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    child = int(proc.stdout)
    for _ in range(100):
        if _state(child) in ("", "Z"):
            break
        time.sleep(0.05)
    assert _state(child) in ("", "Z")


@linux_two
def test_a_worker_child_leaves_the_report_s_buffered_bytes_alone():
    """What the command has written to the report but not flushed is written once, by the
    command, not a second time by a child that runs rules."""
    script = ("import sys\n"
              "from orgcheck.io import forked\n"
              "from orgcheck.run import streams\n"
              "streams.isolate()\n"
              "sys.stdout.write('the report so far\\n')\n"
              "def job():\n"
              "    streams.as_worker()\n"
              "    with streams.plugin_code():\n"
              "        print('a rule prints')\n"
              "    return b'done'\n"
              "check = forked.start(job)\n"
              "print(check.result().decode())\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "the report so far\ndone\n"
    assert proc.stderr == "a rule prints\n"


def _tree(tmp_path: Path, groups: str, files: dict[str, str]) -> tuple[str, str]:
    tmp_path.mkdir()
    (tmp_path / "cgroup").write_text(groups)
    for name, text in files.items():
        (tmp_path / "fs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / name).write_text(text)
    return str(tmp_path / "cgroup"), str(tmp_path / "fs")


def test_a_container_s_cpu_quota_counts_processors(tmp_path):
    # v2: the job's own group, or one enclosing it, sets cpu.max
    assert forked.cpu_quota(*_tree(tmp_path / "a", "0::/ci/job\n", {"ci/job/cpu.max": "100000 100000\n"})) == 1
    assert forked.cpu_quota(*_tree(tmp_path / "b", "0::/ci/job\n", {"ci/cpu.max": "400000 100000\n",
                                                                    "ci/job/cpu.max": "max 100000\n"})) == 4
    # v1, as Docker mounts it: the container's group at the controller's root
    assert forked.cpu_quota(*_tree(tmp_path / "c", "3:cpu,cpuacct:/docker/abc\n", {
        "cpu,cpuacct/cpu.cfs_quota_us": "150000", "cpu,cpuacct/cpu.cfs_period_us": "100000"})) == 1.5
    assert forked.cpu_quota(*_tree(tmp_path / "d", "3:cpu,cpuacct:/\n", {
        "cpu,cpuacct/cpu.cfs_quota_us": "-1", "cpu,cpuacct/cpu.cfs_period_us": "100000"})) == float("inf")
    assert forked.cpu_quota(str(tmp_path / "none"), str(tmp_path)) == float("inf")


def test_a_container_s_memory_limit_counts_as_much_as_the_system_s(tmp_path):
    """No rules split where the control group has no room for the child's copies,
    whatever the system has free: v2 and v1, the own group's limit or an enclosing one's."""
    gib = 2 ** 30
    assert forked.memory_headroom(*_tree(tmp_path / "a", "0::/ci/job\n", {
        "ci/job/memory.max": f"{4 * gib}\n", "ci/job/memory.current": f"{gib}\n"})) == 3 * gib
    assert forked.memory_headroom(*_tree(tmp_path / "b", "0::/ci/job\n", {
        "ci/job/memory.max": "max\n", "ci/job/memory.current": f"{gib}\n",
        "ci/memory.max": f"{2 * gib}\n", "ci/memory.current": f"{gib}\n"})) == gib
    assert forked.memory_headroom(*_tree(tmp_path / "c", "4:memory:/docker/abc\n0::/\n", {
        "memory/memory.limit_in_bytes": "2147483648", "memory/memory.usage_in_bytes": "2147483000"})) == 648
    assert forked.memory_headroom(*_tree(tmp_path / "d", "1:cpu:/\n", {})) == float("inf")


@linux_two
def test_a_quota_below_two_processors_takes_no_child(monkeypatch):
    """Two processes timesharing one processor's quota would only add the pages both copy."""
    monkeypatch.setattr(forked, "cpu_quota", lambda: 1.5)
    assert not forked.two_processors() and not forked.can_fork()
    monkeypatch.setattr(forked, "cpu_quota", lambda: 2.0)
    assert forked.two_processors()

"""Reading a model's past versions with git: ``diff --base`` and ``history``.

Only the ``git`` command is used (no library): what a user's git sees, orgcheck sees.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from orgcheck.views.load import ViewError


def run(folder: str, *args: str, needed_by: str) -> subprocess.CompletedProcess:
    """``git -C folder ARGS``; a missing git is a one-line error naming what needed it."""
    try:
        return subprocess.run(["git", "-C", folder, *args], capture_output=True)
    except FileNotFoundError:
        raise ViewError(f"{needed_by} needs git, and git is not installed") from None


def folder_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path)) or "."


def top_level(path: str, needed_by: str) -> str | None:
    """The root of the repository ``path`` is in (None: not in one)."""
    top = run(folder_of(path), "rev-parse", "--show-toplevel", needed_by=needed_by)
    return top.stdout.decode().strip() if top.returncode == 0 else None


def show(folder: str, ref: str, name: str, needed_by: str) -> bytes | None:
    """The bytes of ``name`` at commit ``ref`` (None: not in that commit). ``name`` is
    relative to ``folder`` when it starts with ``./``, else to the repository root."""
    if run(folder, "cat-file", "-e", f"{ref}:{name}", needed_by=needed_by).returncode != 0:
        return None
    shown = run(folder, "show", f"{ref}:{name}", needed_by=needed_by)
    if shown.returncode != 0:  # pragma: no cover - cat-file just found it
        raise ViewError(f"{needed_by}: {shown.stderr.decode().strip()}")
    return shown.stdout


@dataclass
class Commit:
    commit: str
    short: str
    date: str  # the committer date, ISO 8601 with its offset
    subject: str
    path: str  # the file's path at this commit, relative to the repository root


def file_log(path: str, *, since: str | None = None, max_count: int | None = None,
             needed_by: str = "history") -> list[Commit]:
    """The commits that changed ``path``, newest first, following renames; ``since``
    is a YYYY-MM-DD date."""
    top = top_level(path, needed_by)
    if top is None:
        raise ViewError(f"{path}: not in a git repository, so it has no history to read; "
                        "commit it to a repository first (git init, git add, git commit)")
    # one record per commit: fields split by \x1f, records by \x1e; --name-only adds the path
    args = ["log", "--follow", "--format=%x1e%H%x1f%h%x1f%cI%x1f%s", "--name-only", "-z"]
    if since:
        args.append(f"--since={since} 00:00:00")  # a date alone would mean that day at this hour
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    listed = run(folder_of(path), *args, "--", os.path.basename(path), needed_by=needed_by)
    if listed.returncode != 0:
        message = listed.stderr.decode(errors="replace").strip().splitlines()
        if any("does not have any commits" in line for line in message):
            return []
        raise ViewError(f"{path}: git could not list its history: {message[-1] if message else 'unknown error'}")
    commits = []
    for record in listed.stdout.decode("utf-8", errors="replace").split("\x1e")[1:]:
        head, *names = record.split("\0")  # with -z: the header, NUL, then each path NUL-ended
        commit, short, date, subject = head.split("\x1f", 3)
        name = next((n.strip("\n") for n in names if n.strip("\n")), "")
        commits.append(Commit(commit, short, date, subject, name))
    return commits

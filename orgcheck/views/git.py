"""Reading a model's past versions with git: ``diff --base`` and ``history``.

Only the ``git`` command is used (no library): what a user's git sees, orgcheck sees.

A pull request can add any file to the checkout, including the files of a bare
repository (``HEAD``, ``config``, ``objects/``, ``refs/``) beside a model. Run in that
folder, git would use that repository and its config, whose settings name programs
(``core.sshCommand`` with a partial-clone remote, ``gpg.program`` with
``log.showSignature``) and whose refs hold whatever "base" the pull request likes.
So git runs only in the repository of the working directory, a model whose nearest
repository is another one is refused, and every setting that could choose a program
or reach the network is pinned on the command line, where it outranks any config.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

from orgcheck.i18n.runtime import _
from orgcheck.views.load import ViewError

#: ``-c`` settings for every git run: command-line config outranks the repository's.
PINNED = (
    "safe.bareRepository=explicit",  # a planted bare repository is not one git will use
    "protocol.allow=never",  # no fetch of any kind (a partial clone's missing blob stays missing)
    "core.sshCommand=false",
    "core.askPass=false",
    "credential.helper=",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "log.showSignature=false",
    "gpg.program=false",
    "gpg.openpgp.program=false",
    "gpg.x509.program=false",
    "gpg.ssh.program=false",
    "log.decorate=false",
    "color.ui=never",
    "i18n.logOutputEncoding=UTF-8",
)

#: the variables that tie git to one repository (``git rev-parse --local-env-vars``):
#: dropped, so git finds the working directory's repository itself
LOCAL_ENV = ("GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
             "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
             "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
             "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR", "GIT_EXTERNAL_DIFF",
             "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PAGER", "GIT_ASKPASS")

PINNED_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_NO_LAZY_FETCH": "1",  # git 2.45+: never fetch a promisor's missing object
    "GIT_ALLOW_PROTOCOL": "none",  # overrides protocol.<name>.allow from any config
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",  # refs/replace/ cannot swap one version for another
    "GIT_LITERAL_PATHSPECS": "1",  # a file named ":(glob)*" is that file
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
}


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in LOCAL_ENV and not k.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))}
    env.update(PINNED_ENV)
    return env


def run(folder: str, *args: str, needed_by: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """``git -C folder ARGS`` with every setting that could run a program or fetch
    pinned; a missing git is a one-line error naming what needed it."""
    pinned = [item for setting in PINNED for item in ("-c", setting)]
    try:
        return subprocess.run(["git", "--no-pager", *pinned, "-C", folder, *args], capture_output=True,
                              input=input, env=_environment(), stdin=None if input is not None else subprocess.DEVNULL)
    except FileNotFoundError:
        raise ViewError(_("{command} needs git, and git is not installed").format(command=needed_by)) from None


def _last_line(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else "unknown error"


def _is_repository(folder: str) -> bool:
    """Whether git could take ``folder`` for a repository of its own: a ``.git``
    entry, or the files of a bare one (git's own test: HEAD, objects/, refs/)."""
    if os.path.lexists(os.path.join(folder, ".git")):
        return True
    return (os.path.isfile(os.path.join(folder, "HEAD")) and os.path.isdir(os.path.join(folder, "objects"))
            and os.path.isdir(os.path.join(folder, "refs")))


@dataclass(frozen=True)
class Tracked:
    """A model in the working directory's repository."""

    top: str  # the repository's root
    name: str  # the model's path from that root, with forward slashes


def top_level(needed_by: str) -> str | None:
    """The root of the working directory's repository (None: not in one)."""
    top = run(".", "rev-parse", "--show-toplevel", needed_by=needed_by)
    if top.returncode != 0:
        if b"safe.bareRepository" in top.stderr:
            raise ViewError(_("the working directory is inside a bare git repository that was not named with "
                              "--git-dir (one a pull request could add); run orgcheck from the repository's "
                              "work tree"))
        return None
    root = os.path.realpath(top.stdout.decode("utf-8", errors="surrogateescape").rstrip("\n"))
    if not os.path.lexists(os.path.join(root, ".git")):
        # a work tree named by a repository's own config (core.worktree), as a planted
        # bare repository does: a git older than 2.38 ignores safe.bareRepository
        raise ViewError(_("the working directory is inside a bare git repository that was not named with "
                          "--git-dir (one a pull request could add); run orgcheck from the repository's "
                          "work tree"))
    return root


def tracked(path: str, needed_by: str) -> Tracked | None:
    """Where ``path`` is in the working directory's repository (None: the working
    directory is in no repository). A model whose nearest repository is not that
    one (a repository planted beside it, a link out of the checkout) is refused."""
    top = top_level(needed_by)
    if top is None:
        return None
    real = os.path.realpath(path)
    outside = _("{path}: not in the git repository of the working directory ({top}); run orgcheck from the "
                "repository that holds the model").format(path=path, top=top)
    if os.path.commonpath([real, top]) != top:
        raise ViewError(outside)
    folder = os.path.dirname(real)
    while folder != top:
        if _is_repository(folder):
            raise ViewError(_("{path}: its folder {folder} is a git repository of its own inside {top} (one a "
                              "pull request could add); orgcheck reads past versions only from the repository of "
                              "the working directory").format(path=path, folder=os.path.relpath(folder), top=top))
        folder = os.path.dirname(folder)
    return Tracked(top, os.path.relpath(real, top).replace(os.sep, "/"))


def is_shallow(top: str, needed_by: str) -> bool:
    """Whether the repository is a shallow clone (CI's usual checkout): its log stops
    at the commits it holds, so a file's history there is cut short."""
    shallow = run(top, "rev-parse", "--is-shallow-repository", needed_by=needed_by)
    return shallow.returncode == 0 and shallow.stdout.strip() == b"true"


def is_commit(top: str, ref: str, needed_by: str) -> bool:
    return run(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
               needed_by=needed_by).returncode == 0


def show(top: str, ref: str, name: str, needed_by: str) -> bytes | None:
    """The bytes of ``name`` (from the repository root) at commit ``ref`` (None: not
    in that commit). An object git cannot read (a partial clone's blob that was never
    fetched) is an error, never taken for a file that is not there."""
    listed = run(top, "ls-tree", "-z", "--full-tree", ref, "--", name, needed_by=needed_by)
    if listed.returncode != 0:
        raise ViewError(f"{needed_by}: " + _("git could not read commit {ref}: {problem}").format(
            ref=ref, problem=_last_line(listed)))
    entry = listed.stdout.split(b"\0", 1)[0]
    meta, _tab, _name = entry.partition(b"\t")
    fields = meta.split()
    if len(fields) != 3 or fields[1] != b"blob":
        return None
    shown = run(top, "cat-file", "blob", fields[2].decode("ascii"), needed_by=needed_by)
    if shown.returncode != 0:
        raise ViewError(f"{needed_by}: " + _("git could not read {name} at {ref}: {problem} (fetch the commit "
                                             "first)").format(name=name, ref=ref, problem=_last_line(shown)))
    return shown.stdout


@dataclass
class Commit:
    commit: str
    short: str
    date: str  # the committer date, ISO 8601 with its offset
    subject: str
    path: str  # the file's path at this commit, relative to the repository root


# What git prints itself, never text from a commit: the hash, short hash and date.
_HEADER = re.compile(rb"^([0-9a-f]{40,64}) ([0-9a-f]{4,64}) (\S+)$")


def file_log(path: str, *, since: str | None = None, max_count: int | None = None,
             needed_by: str = "history") -> list[Commit]:
    """The commits that changed ``path``, newest first, following renames; ``since``
    is a YYYY-MM-DD date."""
    where = tracked(path, needed_by)
    if where is None:
        raise ViewError(f"{path}: " + _("not in a git repository, so it has no history to read; commit it to a "
                                        "repository first (git init, git add, git commit)"))
    # Only fields git writes itself go through the log; the subjects, which anyone
    # writes, are read from the commit objects, whose length git states: no subject
    # can forge a row.
    args = ["log", "--follow", "--format=%H %h %cI", "--name-only", "-z"]
    if since:
        args.append(f"--since={since} 00:00:00")  # a date alone would mean that day at this hour
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    listed = run(where.top, *args, "--", where.name, needed_by=needed_by)
    if listed.returncode != 0:
        message = listed.stderr.decode(errors="replace").strip().splitlines()
        if any("does not have any commits" in line for line in message):
            return []
        raise ViewError(f"{path}: " + _("git could not list its history: {problem}").format(
            problem=message[-1] if message else "unknown error"))
    found: list[tuple[str, str, str, str]] = []
    for token in listed.stdout.split(b"\0"):
        if found and token.startswith(b"\n") and not found[-1][3]:
            # -z: a commit's header, NUL, then a newline and its file's path, NUL
            commit, short, date, _path = found[-1]
            found[-1] = (commit, short, date, token[1:].decode("utf-8", errors="replace"))
            continue
        header = _HEADER.match(token)
        if header:
            found.append((*(g.decode("ascii") for g in header.groups()), ""))  # type: ignore[arg-type]
    subjects = _subjects(where.top, [c[0] for c in found], needed_by)
    return [Commit(commit, short, date, subjects.get(commit, ""), name) for commit, short, date, name in found]


def _subjects(top: str, commits: list[str], needed_by: str) -> dict[str, str]:
    """Each commit's subject, read with ``cat-file --batch``: every object comes with
    its size, so a message cannot pass for another commit."""
    if not commits:
        return {}
    batch = run(top, "cat-file", "--batch", input="".join(c + "\n" for c in commits).encode("ascii"),
                needed_by=needed_by)
    out: dict[str, str] = {}
    data, at = batch.stdout, 0
    for commit in commits:
        end = data.find(b"\n", at)
        if end < 0:
            break
        head = data[at:end].split()
        if len(head) != 3 or head[1] != b"commit":
            at = end + 1
            continue
        size = int(head[2])
        body = data[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the object, then a newline
        message = body.partition(b"\n\n")[2]
        paragraph = message.lstrip(b"\n").split(b"\n\n", 1)[0]
        out[commit] = " ".join(line.strip() for line in paragraph.decode("utf-8", errors="replace").splitlines())
    return out


def read_from_git(path: str, ref: str) -> bytes | None:
    """The file as it is at commit ``ref`` of the working directory's repository
    (None: not there yet)."""
    needed_by = "--base"
    if ref.startswith("-") or any(ch in ref for ch in "\0\n\r"):
        # git would read it as an option (git show --output=FILE writes a file).
        raise ViewError(f"--base {ref!r}: " + _("not a commit, branch or tag name"))
    where = tracked(path, needed_by)
    if where is None:
        raise ViewError(f"{path}: " + _("not in a git repository, so --base {ref} has nothing to read; compare two "
                                        "files instead: orgcheck diff OLD NEW").format(ref=ref))
    if not is_commit(where.top, ref, needed_by):
        raise ViewError(f"--base {ref}: " + _("no such commit, branch or tag in {folder}").format(folder=where.top))
    return show(where.top, ref, where.name, f"--base {ref}")

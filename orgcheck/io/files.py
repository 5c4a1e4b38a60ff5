"""Which files to lint: paths as given, directories walked, each file once."""
from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from orgcheck.i18n.runtime import _

MODEL_NAME = re.compile(r"^(.+\.)?org\.(json|ya?ml)$")
SKIP_DIRS = frozenset({"node_modules", "venv", ".venv", "__pycache__"})
#: the file name endings the YAML reader takes without --input-format
YAML_SUFFIXES = (".yaml", ".yml")


class Target(NamedTuple):
    path: str  # what to open: a filesystem path, or "-" for standard input
    display: str  # what to report
    #: a folder a reader plugin reads as one model (``orgcheck_claim_folder``)
    folder: bool = False


def checkout_root(start: str) -> str:
    """The root of the checkout ``start`` is in: the nearest folder at or above it
    with a ``.git`` entry (the work tree of a repository), else ``start`` itself.
    Found on the file system, without running git."""
    here = os.path.abspath(start)
    folder = here
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def links_outside(path: str, boundary: str) -> bool:
    """Whether ``path`` is a link to a file outside ``boundary`` (a real path, such as
    the checkout root): a reader that reads a folder's files skips it, as the walk does."""
    return os.path.islink(path) and not _within(os.path.realpath(path), boundary)


def display_path(path: str) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.getcwd())
    except (ValueError, OSError):
        return path
    return rel.as_posix() if str(rel) != "." else path


def discover(paths: list[str], stdin_filename: str | None = None,
             notes: list[str] | None = None,
             claims: Callable[[str], bool] | None = None,
             patterns: Sequence[str] = ()) -> tuple[list[Target], list[str]]:
    """The files to lint, in a stable order, and one-line errors for paths that fail;
    ``notes`` receives the files met in a folder walk that were skipped. A folder
    ``claims`` answers True for (a reader reads it as one model) is one target, given
    or met in a walk, and is not walked. A folder walk takes the files named like a
    model (``*.org.json``...) and those matching one of ``patterns`` (file-name globs
    reader plugins declare, such as ``mots.yaml``)."""
    targets: list[Target] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(path: str, folder: bool = False) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            targets.append(Target(path, display_path(path), folder))

    for given in paths:
        if given == "-":
            targets.append(Target("-", stdin_filename or "-"))
            continue
        mode = _mode(given, given, errors)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            if claims is not None and claims(given):
                add(given, folder=True)
                continue
            trouble: list[str] = []
            folders: list[str] = []
            found = sorted(_walk(given, trouble, notes, claims, folders, _matcher(patterns)))
            errors.extend(trouble)
            if not found and not trouble and not folders:
                message = _("no org model files found (a folder is searched for org.json, *.org.json and their "
                            ".yaml and .yml twins; name a people .csv or a .bpmn file itself)")
                if patterns:
                    message += _("; the installed readers also look for {patterns}").format(
                        patterns=", ".join(patterns))
                errors.append(f"{given}: " + message)
            # A claimed folder is listed where its name sorts among the files.
            for f, folder in sorted([(f, False) for f in found] + [(d, True) for d in folders]):
                add(f, folder)
        elif stat.S_ISREG(mode):
            add(given)
        else:
            # Opening a FIFO with no writer blocks forever: refuse it rather than hang.
            errors.append(f"{given}: " + _("not a regular file ({kind}); use - to read standard input").format(
                kind=_kind(mode)))
    return targets, errors


def _mode(path: str, shown: str, errors: list[str]) -> int | None:
    """The file's mode, or None with the reason added to ``errors`` (as ``shown: why``)."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        errors.append(f"{shown}: {_reason(exc)}")
        return None


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("no such file or directory")
    return _("cannot read: {problem}").format(problem=exc.strerror or exc)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, _("a FIFO")), (stat.S_ISSOCK, _("a socket")),
                       (stat.S_ISCHR, _("a character device")), (stat.S_ISBLK, _("a block device"))):
        if test(mode):
            return name
    return _("not a file")


def _matcher(patterns: Sequence[str]) -> Callable[[str], object]:
    """A file-name test: named like a model, or like one of a reader's ``patterns``."""
    if not patterns:
        return MODEL_NAME.match
    other = re.compile("|".join(fnmatch.translate(p) for p in patterns))
    return lambda name: MODEL_NAME.match(name) or other.match(name)


def _walk(top: str, errors: list[str], notes: list[str] | None = None,
          claims: Callable[[str], bool] | None = None, folders: list[str] | None = None,
          wanted: Callable[[str], object] = MODEL_NAME.match) -> list[str]:
    """Model files below ``top``, and in ``folders`` the folders below it a reader
    claims (not walked). Symlinked folders are not followed (so a link loop
    cannot trap the walk); a link to a file outside the checkout is skipped (a pull
    request could link ``x.org.json`` to any file the CI user may read, and findings
    quote what they read); a FIFO, socket or device named like a model is skipped (it
    is no model, and reading a FIFO would hang); a link to nowhere is an error."""
    out = []
    boundary = os.path.realpath(checkout_root(top))
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        if claims is not None and folders is not None:
            claimed = [d for d in dirs if claims(os.path.join(root, d))]
            folders.extend(os.path.join(root, d) for d in claimed)
            dirs[:] = [d for d in dirs if d not in claimed]
        for f in sorted(files):
            if not wanted(f):
                continue
            path = os.path.join(root, f)
            mode = _mode(path, display_path(path), errors)
            if mode is None:
                continue
            if os.path.islink(path) and not _within(os.path.realpath(path), boundary):
                if notes is not None:
                    notes.append(f"{display_path(path)}: " + _("skipped: a link to a file outside the checkout"))
                continue
            if stat.S_ISREG(mode):
                out.append(path)
            elif notes is not None:
                notes.append(f"{display_path(path)}: " + _("skipped: {kind}, not a regular file").format(
                    kind=_kind(mode)))
    return out

"""Which files to lint: paths as given, directories walked, each file once."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

MODEL_NAME = re.compile(r"^(.+\.)?org\.(json|ya?ml)$")
SKIP_DIRS = frozenset({"node_modules", "venv", ".venv", "__pycache__"})


class FileError(Exception):
    """A path that cannot be linted (missing, unreadable, a directory with no models)."""


@dataclass(frozen=True)
class Target:
    path: str  # what to open: a filesystem path, or "-" for standard input
    display: str  # what to report


def display_path(path: str) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.getcwd())
    except (ValueError, OSError):
        return path
    return rel.as_posix() if str(rel) != "." else path


def discover(paths: list[str], stdin_filename: str | None = None) -> tuple[list[Target], list[str]]:
    """The files to lint, in a stable order, and one-line errors for paths that fail."""
    targets: list[Target] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            targets.append(Target(path, display_path(path)))

    for given in paths:
        if given == "-":
            targets.append(Target("-", stdin_filename or "-"))
            continue
        if os.path.isdir(given):
            found = sorted(_walk(given))
            if not found:
                errors.append(f"{given}: no org model files found (looked for org.json and *.org.json)")
            for f in found:
                add(f)
        elif os.path.exists(given):
            add(given)
        else:
            errors.append(f"{given}: no such file or directory")
    return targets, errors


def _walk(top: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        out.extend(os.path.join(root, f) for f in files if MODEL_NAME.match(f))
    return out

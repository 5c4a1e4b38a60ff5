"""The entry points of one group, found without importing ``importlib.metadata``.

``importlib.metadata`` imports the email package and builds objects for every
installed distribution; on a pre-commit hook that costs more than linting a small
model. The distributions of an ordinary environment are folders named
``NAME-VERSION.dist-info`` (or ``.egg-info``) in the folders on ``sys.path``, each
with an optional ``entry_points.txt``: reading those directly finds the same entry
points, in the same order, with the same first-on-the-path-wins rule.

Where distributions may live elsewhere (a zip file on ``sys.path``, an ``.egg``, a
meta-path finder of its own), :func:`entry_points` returns None and the caller asks
``importlib.metadata``.
"""
from __future__ import annotations

import os
import re
import sys
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any

_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint:
    """An entry point: ``name = module[:attr] [extras]`` of the distribution in ``folder``."""

    __slots__ = ("name", "value", "folder")

    def __init__(self, name: str, value: str, folder: str) -> None:
        self.name = name
        self.value = value
        self.folder = folder

    def load(self) -> Any:
        target = self.value.split("[", 1)[0].strip()
        module, _, attr = target.partition(":")
        obj = import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj

    def read_text(self, name: str) -> str | None:
        """A file of the distribution's metadata folder (as ``Distribution.read_text``)."""
        try:
            with open(os.path.join(self.folder, name), encoding="utf-8") as fh:
                return fh.read()
        except OSError:
            return None

    def __repr__(self) -> str:
        return f"EntryPoint({self.name!r}, {self.value!r})"


def _normalized(folder_name: str) -> str:
    """The distribution's name from its metadata folder, as importlib.metadata normalizes it."""
    name = folder_name.lower().rpartition(".")[0].partition("-")[0]
    return re.sub(r"[-_.]+", "-", name).replace("-", "_")


def _group(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` lines of one ``[group]`` section of an entry_points.txt."""
    out, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside:
            name, eq, value = line.partition("=")
            if eq:
                out.append((name.strip(), value.strip()))
    return out


def entry_points(group: str) -> list[EntryPoint] | None:
    """The group's entry points of every distribution on ``sys.path``, in the order
    ``importlib.metadata.entry_points(group=...)`` gives; None where only it can tell."""
    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path:
        root = entry or "."
        if not os.path.isdir(root):
            if os.path.isfile(root):
                return None  # a zip file on the path may hold distributions
            continue
        try:
            children = os.listdir(root)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if low.endswith(".egg"):
                return None
            if not low.endswith(_SUFFIXES):
                continue
            key = _normalized(child)
            if key in seen:
                continue  # the same distribution earlier on the path wins
            seen.add(key)
            folder = os.path.join(root, child)
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            found.extend(EntryPoint(name, value, folder) for name, value in _group(text, group))
    return found


def distribution_of(ep: Any, known: dict[Any, str]) -> str:
    """"name version" of the entry point's distribution, read once per distribution."""
    dist = getattr(ep, "dist", ep)  # an entrypoints.EntryPoint reads its own folder
    if dist is None:
        return "unknown distribution"
    key = getattr(ep, "folder", None) or id(dist)
    found = known.get(key)
    if found is None:
        found = known[key] = name_version(dist)
    return found


def name_version(dist: Any) -> str:
    # A line scan of the METADATA headers: importlib.metadata's email parser (imported
    # and run for each of `name` and `version`) costs more than linting a small file.
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break  # the end of the headers
        key, colon, value = line.partition(":")
        if colon and key in ("Name", "Version"):
            fields.setdefault(key, value.strip())
    return f"{fields.get('Name', 'unknown distribution')} {fields.get('Version', '')}".rstrip()

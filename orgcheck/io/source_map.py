"""A locator for readers that build the model from data read with positions.

A reader plugin rarely keeps its source's shape: mots' ``modules[3].owners[1]``
becomes a unit's ``members/0``. It reads its files into :class:`Document` objects
that know their own positions (``orgcheck.load_yaml``, or its own parser), builds the
model, and records for each model pointer where in which of those documents the
value came from; findings then point at that file, line and column.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from orgcheck.io.document import Document, Position

_Origin = TypeVar("_Origin")


class SourceMap:
    """Model pointer -> (the document it was read from, the pointer in that document).

    Pass it as the model Document's ``locator``, and its :attr:`files` as the
    Document's ``files``, so that each finding names the file its entity came from.
    A model pointer without an origin is not placed by it: the engine then uses the
    place of its nearest ancestor that has one (and 1:1 when none has)."""

    def __init__(self) -> None:
        self.origins: dict[str, tuple[Document, str, bool]] = {}

    def add(self, pointer: str, source: Document, at: str, *, key: bool = False) -> None:
        """The value at ``pointer`` in the model came from ``at`` in ``source``. A finding
        about it points where that value starts; with ``key=True``, where its key does
        (a team keyed by its name, ``nova:``, whose mapping starts on the next line)."""
        self.origins[pointer] = (source, at, key)

    @property
    def files(self) -> dict[str, str]:
        """Model pointer -> the path of the file its origin lies in."""
        return {pointer: source.path for pointer, (source, _at, _key) in self.origins.items()}

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        wanted = [(p, self.origins[p]) for p in pointers if p in self.origins]
        by_source: dict[int, tuple[Document, list[str]]] = {}
        for _p, (source, at, _key) in wanted:
            by_source.setdefault(id(source), (source, []))[1].append(at)
        for source, ats in by_source.values():
            source.prefetch(ats)  # one pass per source file
        return {p: (source.position(at, key=True), source.position(at, key=key)) for p, (source, at, key) in wanted}


def nearest_origins(pointers: set[str], origins: Mapping[str, _Origin]
                    ) -> tuple[dict[str, _Origin], dict[str, tuple[Position, Position]]]:
    """For a reader's own locator: each model pointer -> the origin of the nearest pointer,
    itself or an ancestor, that has one (a unit's fields fall back on its name), and, apart,
    the places of what no source file holds (the organization, the schema version) at 1:1."""
    found: dict[str, _Origin] = {}
    top: dict[str, tuple[Position, Position]] = {}
    for pointer in pointers:
        if pointer == "" or pointer.startswith(("/organization", "/schema_version")):
            top[pointer] = ((1, 1), (1, 1))
            continue
        here = pointer
        while here and here not in origins:
            here = here.rsplit("/", 1)[0]
        if here:
            found[pointer] = origins[here]
    return found, top

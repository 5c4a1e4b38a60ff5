"""A source file read into data, with the line and column of any JSON Pointer.

What every reader makes (a Document, its problems, its locator); orgcheck's own JSON
reading is ``orgcheck.io.json_document``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import LazyString
from orgcheck.io.pointers import ancestors as pointer_ancestors

#: (line, column), both 1-based
Position = tuple[int, int]


@dataclass(frozen=True)
class Source:
    """What a reader receives: the path as given (``-`` for standard input), the raw
    bytes, and the ``--input-format`` (None: guess from the name)."""

    path: str
    data: bytes
    input_format: str | None = None
    #: the caller settles the Document it gets (``Document.pending``) after the rules
    #: have run, so a reader may finish checking a big file in the background meanwhile
    settle_later: bool = False


@dataclass(frozen=True)
class ParseProblem:
    """A problem met while reading a source, with its place (a record, not an exception).
    As ``Document.parse_error``: the file could not be read as a model at all (not
    JSON, not UTF-8...); in ``Document.located_problems``, a reader finding with a place
    but no pointer (a ragged CSV row). ``file`` is set when the place lies in another file than the
    document's own (a UK organogram's junior CSV)."""

    message: str
    line: int
    column: int
    file: str | None = None


class ReaderError(OrgcheckError):
    """The reader cannot do what it was told (a --map column the file lacks): one line,
    exit status 2, as a bad setting is."""


class Locator(Protocol):
    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        """Map each pointer it finds to ``(key position, value position)``."""


@dataclass
class Document:
    """A parsed model file: ``data`` (JSON-like), and positions for pointers.

    ``problems`` are (pointer, message) pairs a reader found while reading that the
    schema cannot see (a key repeated within one object, say); they are reported as
    OC001. ``parse_error`` is set when there is no data at all.

    Readers of other sources may also set ``located_problems`` (OC001 findings at a
    place no pointer names, such as a ragged CSV row), ``notes`` (said once on
    standard error, not findings: "read as Latin-1") and ``files``: pointer prefix ->
    the file whose positions the locator gives for the entities under it, when that
    is not ``path`` (the junior CSV beside a UK senior organogram).
    """

    path: str
    data: Any = None
    parse_error: ParseProblem | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    locator: Locator | None = None
    located_problems: list[ParseProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    #: the reader plugin that made it, as messages name it (set by the plugin manager)
    reader: str = ""
    #: the parts of the model its source can express (``orgcheck.api.parts.PARTS``); None:
    #: every part (a format-1 model). Rules and indicators needing another part are
    #: not assessed on it.
    expresses: frozenset[str] | None = None
    #: the source's kind as a sentence names it ("BPMN", "a CSV export"), for the
    #: reason something is not assessed ("BPMN has no role definitions")
    source_name: str | LazyString = ""
    #: set by orgcheck's own JSON reader: its locator's places are real by construction
    #: (not checked), and it takes the ancestors of the pointers asked for
    _exact_locator: bool = field(default=False, repr=False)
    #: set by a reader that still checks the file in the background (only when its
    #: Source allows ``settle_later``): called once before findings are placed, it
    #: returns None when the check confirms this Document, or the Document to lint
    #: instead (a big JSON file with a repeated key: orgcheck.io.json_document)
    pending: Callable[[], Document | None] | None = field(default=None, repr=False)
    _cache: dict[str, tuple[Position, Position]] = field(default_factory=dict, repr=False)

    def file_of(self, pointer: str | None) -> str:
        """The file a pointer's position lies in."""
        if self.files and pointer:
            here = pointer
            while here:
                found = self.files.get(here)
                if found is not None:
                    return found
                here = here.rsplit("/", 1)[0]
        return self.path

    def prefetch(self, pointers: Iterable[str]) -> None:
        """Resolve many pointers in one pass (the engine calls this once per file).

        Raises LocatorError when the reader's locator crashes or answers with
        something that is no position; every pointer then still has a place."""
        wanted = {p for p in pointers if isinstance(p, str) and p not in self._cache}
        if not wanted:
            return
        # A pointer the text does not have (a default, say) takes the place of its
        # nearest existing ancestor, so a finding is never without a place: the
        # ancestors are asked for in the same pass (orgcheck's own locator finds those
        # on the way of what it walks to, and works out only theirs: a big file's
        # elements are placed without a walk).
        trouble = None
        try:
            if self._exact_locator:
                found = self.locator.locate(wanted)  # type: ignore[union-attr]
            else:
                ancestors = pointer_ancestors(wanted) - wanted - self._cache.keys()
                found = self.locator.locate(wanted | ancestors) if self.locator else {}
                found, trouble = _checked(found)
        except Exception as exc:  # a reader plugin's locator
            found, trouble = {}, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        for pointer in wanted:
            if pointer not in found:
                parent = pointer
                while parent and parent not in found and parent not in self._cache:
                    parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
                found[pointer] = found.get(parent) or self._cache.get(parent) or ((1, 1), (1, 1))
        self._cache.update(found)
        if trouble:
            raise LocatorError(trouble)

    def position(self, pointer: str, *, key: bool = False) -> Position:
        """Line and column (1-based) where the value at ``pointer`` starts, or with
        ``key=True`` where its key starts (for an unknown key, say)."""
        if pointer not in self._cache:
            self.prefetch([pointer])
        key_pos, value_pos = self._cache[pointer]
        return key_pos if key else value_pos


class LocatorError(OrgcheckError):
    """A reader's locator crashed or gave a place that is none."""


#: a line or column beyond this is no real place in a file (a broken reader's answer)
MAX_POSITION = 2 ** 40


def _position_ok(value: Any) -> bool:
    return (isinstance(value, tuple) and len(value) == 2
            and all(type(n) is int and 1 <= n <= MAX_POSITION for n in value))


def _checked(found: Any) -> tuple[dict, str | None]:
    """The locator's answers that are real places, and what was wrong with the rest."""
    if not isinstance(found, dict):
        return {}, f"its locator returned {type(found).__name__}, not a dict of positions"
    good, bad = {}, None
    for pointer, pair in sorted(found.items(), key=lambda item: str(item[0])):
        if isinstance(pair, tuple) and len(pair) == 2 and all(map(_position_ok, pair)):
            good[pointer] = pair
        elif bad is None:
            text = repr(pair)
            bad = (f"its locator gave {pointer!r} the position {text if len(text) <= 60 else text[:57] + '...'}; "
                   "a position is ((line, column), (line, column)), each a whole number from 1")
    return good, bad


def decode_text(data: bytes) -> tuple[str | None, ParseProblem | None]:
    """Bytes to text: UTF-8 (a BOM is fine), UTF-16/32 by their BOM or, without one,
    by the pattern of zero bytes that ASCII text leaves (RFC 4627, as ``json.loads``)."""
    encoding = json.detect_encoding(data)
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        return None, ParseProblem(f"file is not valid {encoding.upper().replace('-SIG', '')}: "
                                f"byte 0x{data[exc.start]:02x} cannot be decoded", line, column)

"""Where a JSON Pointer's value starts in a JSON text: the locator of orgcheck's JSON
reader, which walks only the containers on a pointer's way, and, once a big file's
exact read has answered (``orgcheck.io.json_document``), places the elements of the
top-level arrays and of a process's steps and flows from that answer without reading
the text at all.
"""
from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from orgcheck.io.document import Position
from orgcheck.io.pointers import ancestors as pointer_ancestors
from orgcheck.io.pointers import escape

_ws = cast(Callable[[str, int], "re.Match[str]"], re.compile(r"[ \t\n\r]*").match)  # matches at any index
# json's C scanner ((value, end) at an index: raw_decode without its wrapper) and string reader; typeshed
# lacks json.decoder.scanstring and types make_scanner's argument as a scanner, not the decoder json passes.
_make_scanner: Callable[[json.JSONDecoder], Callable[[str, int], tuple[Any, int]]] = json.scanner.make_scanner  # type: ignore[assignment]
_scanstring: Callable[..., tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_SCAN = _make_scanner(json.JSONDecoder())


def _line_cols(text: str, indexes: set[int]) -> dict[int, Position]:
    """Line and column of many offsets in one pass over the text."""
    ordered = sorted(indexes)
    return dict(zip(ordered, _lines_and_columns(text, ordered), strict=True))


def _lines_and_columns(text: str, ordered: Iterable[int]) -> Iterator[Position]:
    """(line, column) of each of ``ordered`` (increasing offsets), counting the line
    breaks between one and the next only."""
    line, line_start, at = 1, 0, 0
    count, rfind = text.count, text.rfind
    for index in ordered:
        newlines = count("\n", at, index)
        if newlines:
            line += newlines
            line_start = rfind("\n", at, index) + 1
        at = index
        yield line, index - line_start + 1


def _is_index(token: str) -> bool:
    """Whether a pointer token names an array element: digits, no leading zero."""
    return token.isascii() and token.isdigit() and (token == "0" or token[0] != "0")


class JsonLocator:
    """Finds pointers in JSON text by walking only the containers on their way and
    skipping every other value with the C decoder."""

    def __init__(self, text: str, spans: dict[str, tuple[Any, int, int]] | None = None, *,
                 unique_keys: bool = False) -> None:
        self.text = text
        #: for each top-level array ("/people"), as the parse found it: its elements'
        #: offsets, where its value starts and the index just after it (no walk needed)
        self.spans = spans or {}
        #: the parse met no key twice in one object: a walk may stop at the last place it
        #: wants in a value (with a repeated key, the last occurrence is the one that counts)
        self.unique_keys = unique_keys
        #: for each top-level array, the line and the column of each element, when a
        #: background read worked them out (``_read_exactly``): its elements need no walk
        self.places: dict[str, tuple[Any, Any]] = {}
        #: the same for the arrays inside each element of a top-level array ("/processes"):
        #: for each member name ("steps"), the index in ``inner_places`` of each element's
        #: first one and how many it has
        self.inner: dict[str, dict[str, tuple[Any, Any]]] = {}
        self.inner_places: tuple[Any, Any] = ((), ())
        self._on_way: dict[str, dict[int, str]] = {}
        self._wanted_in: dict[str, int] = {}

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        """Where each of ``pointers`` starts (key, value), and each proper ancestor the
        walk passes (the nearest existing one places a pointer the text does not have)."""
        placed = self._placed(pointers) if self.places else {}
        if placed:  # the rest walked as ever
            pointers = pointers - placed.keys()
        found = self._offsets(pointers)
        positions = _line_cols(self.text, {i for pair in found.values() for i in pair})
        placed.update((p, (positions[k], positions[v])) for p, (k, v) in found.items())
        return placed

    def _placed(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        """The pointers to an element of a top-level array, or of an array inside one of
        those elements ("/processes/3/steps/2"), placed from ``places`` and ``inner``."""
        out = {}
        places, inner = self.places, self.inner
        for p in pointers:
            parent, _, token = p.rpartition("/")
            if not _is_index(token):
                continue
            n = int(token)
            place = places.get(parent)
            if place is not None:
                if n < len(place[0]):
                    at = (place[0][n], place[1][n])
                    out[p] = (at, at)
            elif inner:
                head, _, name = parent.rpartition("/")
                top, _, element = head.rpartition("/")
                members = inner.get(top)
                pair = members.get(name) if members is not None else None
                if pair is not None and _is_index(element):
                    k = int(element)
                    if k < len(pair[1]) and n < pair[1][k]:
                        lines, columns = self.inner_places
                        i = pair[0][k] + n
                        at = (lines[i], columns[i])
                        out[p] = (at, at)
        return out

    def key_positions(self, pointer: str, key: str) -> list[Position]:
        """Where each occurrence of ``key`` starts in the object at ``pointer`` (a key
        repeated three times has three places; the parsed data keeps only the last)."""
        at = self._offsets({pointer}).get(pointer)
        if at is None:
            return []
        text, i = self.text, at[1]
        if text[i] != "{":
            return []
        out = []
        i = _ws(text, i + 1).end()
        while text[i] != "}":
            name, end = _scanstring(text, i + 1)
            if name == key:
                out.append(i)
            i = _ws(text, _ws(text, end).end() + 1).end()
            i = _ws(text, _SCAN(text, i)[1]).end()
            if text[i] == ",":
                i = _ws(text, i + 1).end()
        positions = _line_cols(text, set(out))
        return [positions[i] for i in out]

    def _offsets(self, pointers: set[str]) -> dict[str, tuple[int, int]]:
        prefixes = pointer_ancestors(pointers)
        found: dict[str, tuple[int, int]] = {}
        # The elements of each array that are on the way, by index: an array walk then
        # names no element it skips (a million-person array, findings on a few).
        self._on_way = {}
        # How many places each value holds that the walk wants: once it has them all,
        # it need not read the rest of an element (a process's other steps and its flows).
        wanted_in: dict[str, int] = {}
        self._wanted_in = wanted_in
        for p in pointers | prefixes:
            parent, _, token = p.rpartition("/")
            if p:
                wanted_in[parent] = wanted_in.get(parent, 0) + 1
            if p and _is_index(token):
                self._on_way.setdefault(parent, {})[int(token)] = p
        text = self.text
        start = _ws(text, 0).end()
        found[""] = (start, start)
        if "" in prefixes:
            self._walk(start, "", pointers, prefixes, found)
        return found

    def _walk(self, i: int, here: str, wanted: set[str], prefixes: set[str],
              found: dict[str, tuple[int, int]], to_end: bool = True) -> int:
        """Walk the value starting at ``i``; return the index just after it (without
        ``to_end``, -1 when it stopped at the last place it wants, keys being unique)."""
        text = self.text
        ch = text[i]
        if ch not in "{[":
            return _SCAN(text, i)[1]
        if ch == "[":
            return self._walk_array(i, here, wanted, prefixes, found, to_end)
        i = _ws(text, i + 1).end()  # an object
        if text[i] == "}":
            return i + 1
        left = -1 if to_end or not self.unique_keys else self._wanted_in.get(here, 0)
        while True:
            key_at = i
            key, i = _scanstring(text, i + 1)
            i = _ws(text, i).end() + 1  # the colon
            i = _ws(text, i).end()
            child = here + "/" + escape(key)
            if child in wanted or child in prefixes:
                # A repeated key: the last one is the one the parsed data holds.
                found[child] = (key_at, i)
                left -= 1
                if not left:  # the last place wanted here: the rest is not read
                    if child in prefixes:
                        self._walk(i, child, wanted, prefixes, found, False)
                    return -1
            span = self.spans.get(child)
            if span is not None and span[1] != i:
                span = None  # a repeated key: not the occurrence the parse kept
            if child in prefixes:
                i = self._walk(i, child, wanted, prefixes, found)
            else:
                i = span[2] if span is not None else _SCAN(text, i)[1]
            i = _ws(text, i).end()
            if text[i] == "}":
                return i + 1
            i = _ws(text, i + 1).end()  # the comma

    def _walk_array(self, i: int, here: str, wanted: set[str], prefixes: set[str],
                    found: dict[str, tuple[int, int]], to_end: bool = True) -> int:
        """Walk the array starting at ``i``: one C scanner call per element not on the way
        (without ``to_end``, none after the last one on the way: -1)."""
        text, ws, scan = self.text, _ws, _SCAN
        on_way = self._on_way.get(here, {})
        span = self.spans.get(here)
        if span is not None and span[1] == i:
            starts = span[0]
            for index, pointer in sorted(on_way.items()):
                if index < len(starts):
                    at = starts[index]
                    found[pointer] = (at, at)
                    if pointer in prefixes:
                        self._walk(at, pointer, wanted, prefixes, found, False)
            return span[2]
        i = ws(text, i + 1).end()
        if text[i] == "]":
            return i + 1
        index = 0
        last = -1 if to_end or not on_way else max(on_way)
        while True:
            child = on_way.get(index)
            if child is None:
                i = scan(text, i)[1]
            elif index == last:
                found[child] = (i, i)
                if child in prefixes:
                    self._walk(i, child, wanted, prefixes, found, False)
                return -1
            else:
                found[child] = (i, i)
                i = self._walk(i, child, wanted, prefixes, found) if child in prefixes else scan(text, i)[1]
            index += 1
            if text[i] in " \t\n\r":
                i = ws(text, i).end()
            if text[i] == "]":
                return i + 1
            i += 1  # the comma
            if text[i] in " \t\n\r":
                i = ws(text, i).end()

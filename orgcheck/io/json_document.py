"""A JSON model file read into a Document: the parse, which notes where each element of
the top-level arrays starts and which keys an object repeats, and the locator, which
places a pointer by walking only the containers on its way.

Positions are resolved on demand, only for the pointers that have findings, in one
pass over the text: a clean million-person file never pays for them.
"""
from __future__ import annotations

import json
import json.decoder
import json.scanner
import marshal
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from orgcheck.errors import OrgcheckError
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.pointers import ancestors as pointer_ancestors
from orgcheck.io.pointers import escape
from orgcheck.validate import json_errors

_ws = cast(Callable[[str, int], "re.Match[str]"], re.compile(r"[ \t\n\r]*").match)  # matches at any index
_NON_FINITE = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)
# json's C scanner ((value, end) at an index: raw_decode without its wrapper) and string reader; typeshed
# lacks json.decoder.scanstring and types make_scanner's argument as a scanner, not the decoder json passes.
_make_scanner: Callable[[json.JSONDecoder], Callable[[str, int], tuple[Any, int]]] = json.scanner.make_scanner  # type: ignore[assignment]
_scanstring: Callable[..., tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_DECODER = json.JSONDecoder()
#: from this many characters, a file a caller lets settle later is read on two cores
#: (``orgcheck.io.json_background``): a fork costs a few milliseconds, the exact read
#: of 4 MB some 40
BACKGROUND_FROM = 4_000_000
_SCAN = _make_scanner(_DECODER)


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
        self._on_way: dict[str, dict[int, str]] = {}
        self._wanted_in: dict[str, int] = {}

    def locate(self, pointers: set[str], ancestors: set[str] | None = None) -> dict[str, tuple[Position, Position]]:
        """``ancestors``: every proper ancestor of ``pointers``, when the caller has them
        (a hundred thousand findings' pointers: 0.15 s to work out again)."""
        placed = self._placed(pointers) if self.places else {}
        if placed:  # the rest walked as ever, with their own ancestors
            pointers, ancestors = pointers - placed.keys(), None
        found = self._offsets(pointers, ancestors)
        positions = _line_cols(self.text, {i for pair in found.values() for i in pair})
        placed.update((p, (positions[k], positions[v])) for p, (k, v) in found.items())
        return placed

    def _placed(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        """The pointers to an element of a top-level array, placed from ``places``."""
        out = {}
        places = self.places
        for p in pointers:
            parent, _, token = p.rpartition("/")
            place = places.get(parent)
            if place is not None and token.isascii() and token.isdigit() and (token == "0" or token[0] != "0"):
                n = int(token)
                if n < len(place[0]):
                    at = (place[0][n], place[1][n])
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

    def _offsets(self, pointers: set[str], ancestors: set[str] | None = None) -> dict[str, tuple[int, int]]:
        prefixes = pointer_ancestors(pointers) if ancestors is None else ancestors
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
            if token.isascii() and token.isdigit() and (token == "0" or token[0] != "0") and p:
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


class _NonFinite(OrgcheckError, ValueError):
    """NaN or Infinity in the text: not JSON, though Python's reader takes it."""


def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


def load_json(path: str, data: bytes, *, background: bool = False) -> Document:
    """Parse JSON bytes into a Document (never raises for a bad file).

    With ``background`` (the caller settles ``Document.pending`` before it places
    findings), a big file's exact read runs in a forked child while this process
    goes on with the data ``json.loads`` makes (``orgcheck.io.json_background``)."""
    text, error = decode_text(data)
    if text is None:
        return Document(path, parse_error=error)
    if background and len(text) >= BACKGROUND_FROM:
        document = _load_in_background(path, text)
        if document is not None:
            return document
    return _load_text(path, text)


def _load_in_background(path: str, text: str) -> Document | None:
    """The Document of ``json.loads(text)``, its exact read left to a child; None when
    no child can run or the text is no JSON object (the exact read says what it is)."""
    from orgcheck.io import json_background

    check = json_background.start(lambda: _read_exactly(text))
    if check is None:
        return None
    try:  # NaN and Infinity refused here too (they cost nothing where absent): no rule sees them
        data = json.loads(text, parse_constant=_reject_constant)
    except Exception:  # noqa: BLE001 - not JSON, too deep: the exact read says what
        data = None
    if not isinstance(data, dict):
        check.cancel()
        return None
    locator = JsonLocator(text, unique_keys=True)
    document = Document(path, data=data, locator=locator, _exact_locator=True)

    def settle() -> Document | None:
        answer = check.result()
        if answer is None:  # a repeated key, NaN, an overflow (or the child failed)
            return _load_text(path, text)
        locator.spans, locator.places = _unpack(answer)
        return None

    document.pending = settle
    return document


def _read_exactly(text: str) -> bytes:
    """The exact read without its data (the child's part): raises on whatever the plain
    read does not see; returns where the top-level arrays' elements start, and the line
    and column of each (the child has the time: placing findings then reads no text)."""
    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            raise ValueError("a repeated key")
        return obj

    decoder = json.JSONDecoder(object_pairs_hook=pairs_hook, parse_constant=_reject_constant,
                               parse_float=json_errors.parse_float, parse_int=json_errors.parse_int)
    spans: dict[str, tuple[Any, int, int]] = {}
    _parse_object(text, decoder, spans, keep=False)
    return marshal.dumps({key: (starts.tobytes(), begin, end, *(a.tobytes() for a in _places(text, starts)))
                          for key, (starts, begin, end) in spans.items()})


def _places(text: str, starts: Any) -> tuple[Any, Any]:
    """The lines and the columns of ``starts`` (increasing offsets), as two arrays."""
    from array import array

    lines, columns = array("q"), array("q")
    for line, column in _lines_and_columns(text, starts):
        lines.append(line)
        columns.append(column)
    return lines, columns


def _unpack(answer: bytes) -> tuple[dict[str, tuple[Any, int, int]], dict[str, tuple[Any, Any]]]:
    from array import array

    def arr(raw: bytes) -> Any:
        out = array("q")
        out.frombytes(raw)
        return out

    spans, places = {}, {}
    for key, (starts, begin, end, lines, columns) in marshal.loads(answer).items():
        spans[key] = (arr(starts), begin, end)
        places[key] = (arr(lines), arr(columns))
    return spans, places


def _load_text(path: str, text: str) -> Document:
    """The exact read: the data, each repeated key at its place, and the spans."""
    repeated: list[tuple[dict, str]] = []
    # Keys interned: json's C scanner shares a key only within one call, and the parse
    # calls it once per element, so each person's "name" would be a string of its own.
    # Interned, every object holds the one string the code's own "name" is, and each
    # dict lookup a rule or the model makes compares pointers instead of reading a string
    # elsewhere in memory: on a million people the parse takes 0.4 s longer, the model,
    # schema and rules ~1 s less, and the file's objects 120,000 pages less memory.
    intern = sys.intern

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = {intern(k): v for k, v in pairs}
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for k, _ in pairs:
                if k in seen:
                    repeated.append((obj, k))
                seen.add(k)
        return obj

    hooks: dict[str, Any] = {"object_pairs_hook": pairs_hook, "parse_constant": _reject_constant,
                             "parse_float": json_errors.parse_float, "parse_int": json_errors.parse_int}
    spans: dict[str, tuple[Any, int, int]] = {}
    try:
        data_obj = _parse_object(text, json.JSONDecoder(**hooks), spans)
    except Exception:  # any problem: json.loads says what it is, as it always has
        data_obj, repeated[:], spans = _NOT_PARSED, [], {}
    try:
        if data_obj is _NOT_PARSED:
            data_obj = json.loads(text, **hooks)
    except json.JSONDecodeError as exc:
        if not text.strip():
            return Document(path, parse_error=ParseProblem(
                "invalid JSON: file is empty: an org model is a JSON object", 1, 1))
        return Document(path, parse_error=ParseProblem(*json_errors.explain(text, exc.msg, exc.pos)))
    except json_errors.NumberOverflow as exc:
        return Document(path, parse_error=ParseProblem(json_errors.overflow_message(exc.literal),
                                                     *json_errors.find_number(text, exc.literal)))
    except _NonFinite as exc:
        for m in _NON_FINITE.finditer(text):
            if m.group(1):
                line, column = json_errors.line_col(text, m.start())
                break
        else:  # pragma: no cover - the decoder saw one, so the scan finds it
            line, column = 1, 1
        return Document(path, parse_error=ParseProblem(
            f"invalid JSON: {exc} is not a JSON number (use null or a string)", line, column))
    except RecursionError:
        return Document(path, parse_error=ParseProblem(*json_errors.too_deep(text)))
    locator = JsonLocator(text, spans, unique_keys=not repeated)
    doc = Document(path, data=data_obj, locator=locator, _exact_locator=True)
    if repeated:
        where = _paths_of({id(obj) for obj, _ in repeated}, data_obj)
        seen: dict[tuple[int, str], int] = {}
        cached: dict[tuple[str, str], list[Position]] = {}
        for obj, key in repeated:
            message = f"key {key!r} is repeated in this object; JSON readers disagree on which one wins"
            container = where.get(id(obj), "")
            # Each repetition at its own place: the second, third... occurrence of the key.
            n = seen[(id(obj), key)] = seen.get((id(obj), key), 0) + 1
            places = cached.get((container, key))
            if places is None:  # once per object and key: 100,000 repeats stay linear
                places = cached[(container, key)] = locator.key_positions(container, key)
            if n < len(places):
                doc.located_problems.append(ParseProblem(message, *places[n]))
            else:  # an object a later repetition replaced: the data no longer holds it
                doc.problems.append((container + "/" + escape(key), message))
    return doc


_NOT_PARSED = object()


def _parse_object(text: str, decoder: json.JSONDecoder, spans: dict[str, tuple[Any, int, int]],
                  keep: bool = True) -> Any:
    """``decoder.decode(text)`` of an object, noting in ``spans`` where each element of
    its top-level arrays starts, so that placing findings does not parse the text again
    to count up to one. Anything else (another top-level value, an error) raises.
    Without ``keep``, the top-level arrays come back empty (the spans are the point)."""
    ws, scan, scanstring = _ws, _make_scanner(decoder), _scanstring
    i = ws(text, 0).end()
    if text[i] != "{":
        raise ValueError("not an object")
    pairs: list[tuple[str, Any]] = []
    i = ws(text, i + 1).end()
    while text[i] != "}":
        if text[i] != '"':
            raise ValueError("not a key")
        key, i = scanstring(text, i + 1, True)
        i = ws(text, i).end()
        if text[i] != ":":
            raise ValueError("no colon")
        i = ws(text, i + 1).end()
        value: Any
        if text[i] == "[":
            begin = i
            value, starts, i = _parse_array(text, i, scan, keep)
            spans["/" + escape(key)] = (starts, begin, i)
        else:
            value, i = scan(text, i)
        pairs.append((key, value))
        i = ws(text, i).end()
        if text[i] == ",":
            i = ws(text, i + 1).end()
            if text[i] == "}":
                raise ValueError("a trailing comma")
        elif text[i] != "}":
            raise ValueError("no comma")
    if ws(text, i + 1).end() != len(text):
        raise ValueError("extra data")
    return decoder.object_pairs_hook(pairs)


def _parse_array(text: str, i: int, scan: Callable[[str, int], tuple[Any, int]],
                 keep: bool = True) -> tuple[list, Any, int]:
    """(elements, where each starts, the index just after) of the array at ``i``
    (without ``keep``, each element is read and let go: no elements).

    A million times, so the text between two elements is matched as a whole: a file
    separates them alike (``,\\n    ``), and one ``startswith`` of the separator the
    first two had costs less than a regex for the whitespace on each side of each
    comma (0.2-0.4 s of 2.4 on a million people). Anything else takes the general
    way, which raises on what is no JSON array (json.loads then says what)."""
    from array import array

    items: list[Any] = []
    starts = array("q")
    add, start, startswith, ws = items.append, starts.append, text.startswith, _ws
    if not keep:
        add = _drop
    i = ws(text, i + 1).end()
    if text[i] == "]":
        return items, starts, i + 1
    separator: str | None = None  # always starts with the comma
    length = 0
    while True:
        start(i)
        item, i = scan(text, i)
        add(item)
        if separator is not None and startswith(separator, i) and text[i + length] not in " \t\n\r":
            i += length  # (more whitespace than the separator's takes the general way)
            continue
        comma = ws(text, i).end()
        if text[comma] == "]":
            return items, starts, comma + 1
        if text[comma] != ",":
            raise ValueError("no comma")
        after = ws(text, comma + 1).end()
        if text[after] == "]":
            raise ValueError("a trailing comma")
        separator, length, i = text[i:after], after - i, after


def _drop(item: Any) -> None:
    """An element the child has read and does not keep."""


def _paths_of(ids: set[int], data: Any) -> dict[int, str]:
    """Pointers of the containers whose id() is in ``ids`` (only used for rare problems)."""
    out: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, here = stack.pop()
        if id(node) in ids:
            out[id(node)] = here
        if isinstance(node, dict):
            stack.extend((v, here + "/" + escape(k)) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, f"{here}/{i}") for i, v in enumerate(node) if isinstance(v, (dict, list)))
    return out

"""A JSON model file read into a Document: the parse, which notes where each element of
the top-level arrays starts and which keys an object repeats (its locator,
``orgcheck.io.json_locator``, places a pointer by walking only the containers on its way).

Positions are resolved on demand, only for the pointers that have findings, in one
pass over the text: a clean million-person file never pays for them.
"""
from __future__ import annotations

import json
import marshal
import re
import sys
from collections.abc import Callable
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.json_locator import JsonLocator, _lines_and_columns, _make_scanner, _scanstring, _ws
from orgcheck.io.pointers import escape
from orgcheck.validate import json_errors

_NON_FINITE = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)
#: from this many characters, a file a caller lets settle later is read on two cores
#: (``orgcheck.io.forked``): a fork costs a few milliseconds, the exact read
#: of 4 MB some 40
BACKGROUND_FROM = 4_000_000


class _NonFinite(OrgcheckError, ValueError):
    """NaN or Infinity in the text: not JSON, though Python's reader takes it."""


def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


def load_json(path: str, data: bytes, *, background: bool = False) -> Document:
    """Parse JSON bytes into a Document (never raises for a bad file).

    With ``background`` (the caller settles ``Document.pending`` before it places
    findings), a big file's exact read runs in a forked child while this process
    goes on with the data ``json.loads`` makes (``orgcheck.io.forked``)."""
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
    no child can run or the text is no JSON object (the exact read says what it is).

    Why: the exact read calls Python for each of a million objects and each element,
    and takes twice as long as ``json.loads`` alone. The rules need only the data; what
    the exact read adds (a key repeated in one object, NaN, a number that overflows, and
    where each element starts) is needed after they have run, so the child's answer is
    asked for then (``Document.pending``), and the second processor has done the work
    meanwhile. On a file where the child finds something, the file is read the exact way
    after all, here, and linted again: the answer is the same either way, only later.
    The child keeps no element it has read, so it adds little memory."""
    from orgcheck.io import forked

    check = forked.start(lambda: _read_exactly(text))
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
        _unpack(answer, locator)
        return None

    document.pending = settle
    return document


def _read_exactly(text: str) -> bytes:
    """The exact read without its data (the child's part): raises on whatever the plain
    read does not see; returns where the top-level arrays' elements start, and the line
    and column of each, and of each element of a process's steps and flows (the child
    has the time: placing findings then reads no text)."""
    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            raise ValueError("a repeated key")
        return obj

    decoder = json.JSONDecoder(object_pairs_hook=pairs_hook, parse_constant=_reject_constant,
                               parse_float=json_errors.parse_float, parse_int=json_errors.parse_int)
    spans: dict[str, tuple[Any, int, int]] = {}
    _parse_object(text, decoder, spans, keep=False)
    tops = {key: (starts.tobytes(), begin, end, *(a.tobytes() for a in _places(text, starts)))
            for key, (starts, begin, end) in spans.items()}
    inner: tuple = ()
    if _INNER in spans:
        try:
            members, offsets = _inner_starts(text, spans[_INNER][0])
            inner = (_INNER, {name: (firsts.tobytes(), counts.tobytes()) for name, (firsts, counts) in members.items()},
                     *(a.tobytes() for a in _places(text, offsets)))
        except Exception:  # noqa: BLE001 - places only: without them, a finding there is walked to
            inner = ()
    return marshal.dumps((tops, inner))


#: the top-level array whose elements hold the arrays findings point into, and those
#: arrays: a process's steps and flows (17,000 of the 173,000 findings on a million-person
#: model, 0.5 s to walk to); a person's few arrays are not worth the child's walking a
#: million people, nor a process's other arrays (an ``x-`` key of its own in each would
#: make the answer grow with the square of the processes)
_INNER = "/processes"
_INNER_MEMBERS = frozenset({"steps", "flows"})


def _inner_starts(text: str, starts: Any) -> tuple[dict[str, tuple[Any, Any]], Any]:
    """Where the elements of the arrays ``_INNER_MEMBERS`` names begin in each of the
    objects at ``starts``: for each of those names, the index in ``offsets`` of each
    object's first element there and how many it has (0: none, or no array), and
    ``offsets`` in the text's order. The text is valid JSON: the exact read said so."""
    from array import array

    ws, scan, scanstring = _ws, _make_scanner(json.JSONDecoder()), _scanstring
    members: dict[str, tuple[Any, Any]] = {}
    offsets = array("q")
    size = len(starts)
    for n, i in enumerate(starts):
        if text[i] != "{":
            continue
        i = ws(text, i + 1).end()
        if text[i] == "}":
            continue
        while True:
            key, i = scanstring(text, i + 1)
            i = ws(text, ws(text, i).end() + 1).end()  # past the colon
            if text[i] == "[" and key in _INNER_MEMBERS:
                _items, found, i = _parse_array(text, i, scan, keep=False)
                pair = members.get(key)
                if pair is None:
                    pair = members[key] = (array("q", bytes(8 * size)), array("q", bytes(8 * size)))
                pair[0][n], pair[1][n] = len(offsets), len(found)
                offsets.extend(found)
            else:
                i = scan(text, i)[1]
            i = ws(text, i).end()
            if text[i] == "}":
                break
            i = ws(text, i + 1).end()  # the comma
    return members, offsets  # "steps" and "flows" are their own pointer tokens


def _places(text: str, starts: Any) -> tuple[Any, Any]:
    """The lines and the columns of ``starts`` (increasing offsets), as two arrays."""
    from array import array

    lines, columns = array("q"), array("q")
    for line, column in _lines_and_columns(text, starts):
        lines.append(line)
        columns.append(column)
    return lines, columns


def _arr(raw: bytes) -> Any:
    """The 64-bit integers of an array's bytes, read where they are (no copy)."""
    return memoryview(raw).cast("q")


def _unpack(answer: bytes, locator: JsonLocator) -> None:
    """The child's answer into ``locator``: the spans and places of the top-level
    arrays' elements, and those of the elements of a process's steps and flows."""
    tops, inner = marshal.loads(answer)
    for key, (starts, begin, end, lines, columns) in tops.items():
        locator.spans[key] = (_arr(starts), begin, end)
        locator.places[key] = (_arr(lines), _arr(columns))
    if inner:
        top, members, lines, columns = inner
        locator.inner[top] = {name: (_arr(firsts), _arr(counts)) for name, (firsts, counts) in members.items()}
        locator.inner_places = (_arr(lines), _arr(columns))


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

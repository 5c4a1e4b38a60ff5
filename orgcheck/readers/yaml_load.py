"""YAML text into JSON-like data with the line and column of every value.

Only the YAML *event* stream of PyYAML (libyaml's C parser when present) is used:
the values are built here, so that

- scalars resolve by the YAML 1.2 core schema (``no``, ``on`` and dates stay
  strings, as in JSON), whatever YAML 1.1 habits the library has;
- no tag can build an object: only the core tags (``!!str``, ``!!int``...) are
  accepted, any other is a finding;
- aliases are shared, not copied, and the values they stand for are counted, so an
  alias bomb ("billion laughs") is a finding after a bounded amount of work;
- every key and value keeps its position, looked up later by JSON Pointer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _
from orgcheck.io.document import ParseProblem, Position
from orgcheck.io.pointers import escape
from orgcheck.validate import json_errors

#: values that aliases may add beyond the document's own: generous for a model that
#: reuses a waiver or a list, and a bound on the work an alias bomb can cause.
MAX_ALIASED = 100_000
MAX_DEPTH = 500

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_NON_FINITE = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}


class _Stop(OrgcheckError):
    """The document cannot be read on: becomes its parse error."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.position = (mark.line + 1, mark.column + 1)


@dataclass
class YamlData:
    """What :func:`load_yaml` found: the data, or a parse error, and findings."""

    data: Any = None
    error: ParseProblem | None = None
    #: (pointer, message): things a JSON reader would not accept (a repeated key, a tag)
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: findings with a place of their own: each repetition of a key, at that repetition
    located: list[ParseProblem] = field(default_factory=list)
    #: id(container) -> {key: (key position, value position)} or [value position, ...]
    places: dict[int, Any] = field(default_factory=dict)
    root: Position = (1, 1)


def _resolve_plain(value: str) -> tuple[Any, str | None]:
    """A plain scalar by the YAML 1.2 core schema: (value, problem or None)."""
    if _NULL.match(value):
        return None, None
    if value in _BOOL:
        return _BOOL[value], None
    try:
        # The JSON reader's own checks: a number no 64-bit float holds (1e999, a
        # 5,000-digit integer) is a finding, as it is in JSON, never infinity.
        if _INT10.match(value):
            return json_errors.parse_int(value.lstrip("+")), None
        if _INT8.match(value) or _INT16.match(value):
            number = int(value[2:], 8 if value[1] == "o" else 16)
            try:
                float(number)  # not through its decimal digits: Python refuses to print over 4,300
            except OverflowError:
                raise json_errors.NumberOverflow(value) from None
            return number, None
        if _FLOAT.match(value):
            return json_errors.parse_float(value), None
    except json_errors.NumberOverflow:
        return value, json_errors.overflow_message(value)
    if _NON_FINITE.match(value):
        return value, f"{value} is not a JSON number (use null or a string)"
    return value, None


def _tagged(tag: str, value: str) -> tuple[Any, str | None]:
    """A scalar with an explicit core tag."""
    kind = tag[len(_CORE):]
    if kind == "str":
        return value, None
    resolved, problem = _resolve_plain(value)
    ok = {"null": resolved is None, "bool": isinstance(resolved, bool),
          "int": isinstance(resolved, int) and not isinstance(resolved, bool),
          "float": isinstance(resolved, (int, float)) and not isinstance(resolved, bool)}[kind]
    if problem or not ok:
        return value, problem or f"{value!r} is not a YAML 1.2 {kind}"
    return (float(resolved) if kind == "float" else resolved), None


def _tag_problem(tag: str | None) -> str | None:
    if tag in (None, "!"):
        return None
    shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
    return (f"tag {shown} is not allowed: an org model is plain data (strings, numbers, booleans, null, "
            "lists and mappings)")


def _parser(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
    return yaml.parse(text, Loader=loader or yaml.SafeLoader)


def load_yaml(text: str, *, many: bool = False) -> YamlData:
    """Parse one YAML document (``many``: a stream of them, as a list, each document
    at its index: ``/0/kind``); never raises for a bad file."""
    import yaml

    out = YamlData()
    try:
        _build(_parser(text), out, many)
    except _Stop as exc:
        out.data, out.error = None, ParseProblem(_("invalid YAML: {problem}").format(problem=exc), *exc.position)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        out.data, out.error = None, ParseProblem(_("invalid YAML: {problem}").format(problem=reason), line, column)
    except yaml.YAMLError as exc:  # a reader error without a mark (a bad character)
        out.data, out.error = None, ParseProblem(_("invalid YAML: {problem}").format(problem=exc), 1, 1)
    return out


def _build(events: Any, out: YamlData, many: bool = False) -> None:
    import yaml

    # Each open container: [value, pointer, places, pending key, key position, size].
    stack: list[list[Any]] = []
    if many:  # the documents are the items of a list at the root
        documents_list: list[Any] = []
        out.places[id(documents_list)] = []
        out.data, out.root = documents_list, (1, 1)
        stack.append([documents_list, "", out.places[id(documents_list)], None, None, 1, None, None])
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: dict[int, str] = {}
    documents = 0
    done = False
    aliased = seen = 0

    def place(value: Any, mark: Any, size: int, anchor: str | None) -> None:
        nonlocal done
        pos = (mark.line + 1, mark.column + 1)
        if anchor:
            anchors[anchor] = (value, size)
        if not stack:
            out.data, out.root, done = value, pos, True
            return
        top = stack[-1]
        top[5] += size
        if isinstance(top[0], dict):
            if top[3] is None:  # this value is a key
                if isinstance(value, (dict, list)):
                    raise _Stop("a mapping key must be a string, not a mapping or a list", mark)
                top[3], top[4] = (value if isinstance(value, str) else _key_text(value)), pos
                return
            key, key_pos = top[3], top[4]
            top[3] = None
            if key in top[0]:
                repeated = _("key {key} is repeated in this mapping; YAML does not allow it").format(key=repr(key))
                out.located.append(ParseProblem(repeated, *key_pos))
            top[0][key] = value
            top[2][key] = (key_pos, pos)
        else:
            top[0].append(value)
            top[2].append(pos)

    def pointer_here() -> str:
        if not stack:
            return ""
        top = stack[-1]
        if isinstance(top[0], dict):
            return top[1] + "/" + escape(top[3]) if top[3] is not None else top[1]
        return f"{top[1]}/{len(top[0])}"

    for event in events:
        seen += 1
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1 and not many:
                raise _Stop("a second YAML document (---): an org model is one document", event.start_mark)
            continue
        if done:  # pragma: no cover - the parser ends the document first
            continue
        if isinstance(event, yaml.AliasEvent):
            found = anchors.get(event.anchor or "")
            if found is None:
                why = "a node that contains it (a recursive structure)" if event.anchor in open_anchors.values() \
                    else "no anchor defined before it"
                raise _Stop(f"alias *{event.anchor} refers to {why}", event.start_mark)
            aliased += found[1]
            if aliased > MAX_ALIASED + seen:
                raise _Stop(f"aliases expand to more than {MAX_ALIASED:,} values beyond the document's own "
                            "(an alias bomb?): write the values out, or use fewer aliases", event.start_mark)
            place(found[0], event.start_mark, found[1], None)
            continue
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            here = pointer_here()
            problem = _tag_problem(event.tag) if event.tag not in _SCALAR_TAGS else None
            if problem:
                value = event.value
            elif event.tag in _SCALAR_TAGS:
                value, problem = _tagged(event.tag, event.value)
            elif event.style in (None, "") and event.implicit[0]:
                value, problem = _resolve_plain(event.value)
            else:
                value = event.value
            if problem and not (stack and isinstance(stack[-1][0], dict) and stack[-1][3] is None):
                out.problems.append((here, problem))
            place(value, event.start_mark, 1, event.anchor)
            continue
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            is_map = isinstance(event, yaml.MappingStartEvent)
            expected = _CORE + ("map" if is_map else "seq")
            if event.tag not in (None, "!", expected):
                out.problems.append((pointer_here(), _tag_problem(event.tag) or ""))
            if len(stack) >= MAX_DEPTH:
                raise _Stop(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            if stack and isinstance(stack[-1][0], dict) and stack[-1][3] is None:
                raise _Stop("a mapping key must be a string, not a mapping or a list", event.start_mark)
            value = {} if is_map else []
            here = pointer_here()
            places: Any = {} if is_map else []
            out.places[id(value)] = places
            stack.append([value, here, places, None, None, 1, event.start_mark, event.anchor])
            if event.anchor:
                open_anchors[id(value)] = event.anchor
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            value, _k, _p, _s, _c, size, mark, anchor = stack.pop()
            open_anchors.pop(id(value), None)
            place(value, mark, size, anchor)
            continue


def _key_text(value: Any) -> str:
    """A non-string scalar key as JSON would write it (keys of an org model are strings)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class YamlLocator:
    """Positions of pointers, from the places recorded while building the data."""

    def __init__(self, loaded: YamlData) -> None:
        self.loaded = loaded

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        out: dict[str, tuple[Position, Position]] = {}
        data, places = self.loaded.data, self.loaded.places
        for pointer in pointers:
            if pointer == "":
                out[""] = (self.loaded.root, self.loaded.root)
                continue
            node, found = data, None
            for token in pointer.split("/")[1:]:
                token = token.replace("~1", "/").replace("~0", "~")
                here = places.get(id(node))
                if isinstance(node, dict) and isinstance(here, dict) and token in here:
                    found, node = here[token], node[token]
                elif isinstance(node, list) and isinstance(here, list) and token.isdigit() \
                        and int(token) < len(node):
                    found, node = (here[int(token)], here[int(token)]), node[int(token)]
                else:
                    found = None
                    break
            if found is not None:
                out[pointer] = found
        return out

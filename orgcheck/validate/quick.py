"""A validity check of small documents in plain Python, so that a pre-commit hook on a
valid model does not import jsonschema-rs (about a sixth of a lint's start-up).

It answers only what it can answer exactly: "valid", or "not sure". Every keyword of
the shipped schema is checked as JSON Schema (and jsonschema-rs) defines it; a value
whose reading could differ between implementations (a float where an integer is
asked, a string with a line break or non-ASCII text against a ``pattern``, a key that
is not a string, an unknown keyword in the schema) makes it give up, and the fast
path (``fast_schema``) judges the document as before. An invalid document is always
handed on: only jsonschema-rs and jsonschema say what is wrong with it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.validate.loader import is_date

Check = Callable[[Any], bool]

#: keywords that say nothing about validity
_ANNOTATIONS = frozenset(("description", "title", "default", "$schema", "$id", "examples", "$comment",
                          "deprecated", "readOnly", "writeOnly"))
#: JSON values as the document readers make them; anything else is not judged here
_JSON_TYPES = frozenset((dict, list, str, int, float, bool, type(None)))
_BIG = 2 ** 63  # jsonschema-rs reads integers as 64-bit: beyond that, not judged here


class Unsure(OrgcheckError):
    """The value could be read differently by the two validators: the fast path decides."""


class Unsupported(OrgcheckError):
    """The schema uses a keyword this checker does not know."""


def _is_number(x: Any) -> bool:
    t = type(x)
    if t is int:
        if -_BIG <= x < _BIG:
            return True
        raise Unsure
    return t is float


def _type_check(name: str) -> Callable[[Any], bool]:
    if name == "object":
        return lambda x: type(x) is dict
    if name == "array":
        return lambda x: type(x) is list
    if name == "string":
        return lambda x: type(x) is str
    if name == "boolean":
        return lambda x: type(x) is bool
    if name == "null":
        return lambda x: x is None
    if name == "number":
        return _is_number

    if name == "integer":
        def integer(x: Any) -> bool:
            if type(x) is float:
                raise Unsure  # 1.0 is an integer to JSON Schema; not every reader agrees
            return type(x) is int and _is_number(x)

        return integer
    raise Unsupported(name)


class Compiler:
    """Turns a schema into one function per subschema (``$ref`` bound late, so that
    recursive definitions work)."""

    def __init__(self, root: dict) -> None:
        self.root = root
        self.defs: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        prefix = "#/$defs/"
        if not target.startswith(prefix) or "/" in target[len(prefix):] or "~" in target:
            raise Unsupported(target)
        name = target[len(prefix):]
        if name not in self.root.get("$defs", {}):
            raise Unsupported(target)
        if name not in self.defs:
            self.defs[name] = _pending
            self.defs[name] = self.compile(self.root["$defs"][name])
        defs = self.defs
        return lambda x: defs[name](x)

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS or key == "$defs":
                continue
            make = getattr(self, "_" + key.replace("$", "dollar_"), None)
            if make is None:
                raise Unsupported(key)
            made = make(value, schema)
            if made is not None:
                checks.append(made)
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        checks_t = tuple(checks)

        def all_of(x: Any) -> bool:  # a loop, not all(generator): it runs for each value of a model
            for check in checks_t:
                if not check(x):
                    return False
            return True

        return all_of

    # -- keywords (each: a check, or None when another keyword of the object does it) --

    def _dollar_ref(self, value: str, schema: dict) -> Check:
        return self.ref(value)

    def _type(self, value: Any, schema: dict) -> Check:
        names = value if isinstance(value, list) else [value]
        tests = tuple(_type_check(n) for n in names)
        if len(tests) == 1:
            test = tests[0]
            return lambda x: test(x) or _foreign(x)
        return lambda x: any(t(x) for t in tests) or _foreign(x)

    def _enum(self, value: list, schema: dict) -> Check:
        if not all(type(v) in (str, int) for v in value):
            raise Unsupported("enum")
        allowed = frozenset((type(v), v) for v in value)
        numeric = any(type(v) is int for v in value)

        def enum(x: Any) -> bool:
            if type(x) is float and numeric:
                raise Unsure
            return (type(x), x) in allowed if type(x) in (str, int) else _foreign(x)

        return enum

    def _const(self, value: Any, schema: dict) -> Check:
        if type(value) is bool:
            return lambda x: x is value
        if type(value) is str:
            return lambda x: type(x) is str and x == value
        raise Unsupported("const")

    def _required(self, value: list, schema: dict) -> Check:
        keys = tuple(value)
        return lambda x: type(x) is not dict or all(k in x for k in keys)

    def _properties(self, value: dict, schema: dict) -> Check:
        props = {k: self.compile(v) for k, v in value.items()}
        patterns = [(re.compile(p), self.compile(v)) for p, v in schema.get("patternProperties", {}).items()]
        if any(not _plain_pattern(p) for p in schema.get("patternProperties", {})):
            raise Unsupported("patternProperties")
        extra = schema.get("additionalProperties", True)
        other = None if extra is True else self.compile(extra)

        def properties(x: Any) -> bool:
            if type(x) is not dict:
                return True
            for key, item in x.items():
                if type(key) is not str or "\n" in key or not key.isascii():
                    raise Unsure
                check = props.get(key)
                if check is not None and not check(item):
                    return False
                matched = False
                if patterns:
                    for pattern, pcheck in patterns:
                        if pattern.search(key):
                            matched = True
                            if not pcheck(item):
                                return False
                if check is None and not matched and other is not None and not other(item):
                    return False
            return True

        return properties

    def _patternProperties(self, value: dict, schema: dict) -> Check | None:
        if "properties" not in schema:
            raise Unsupported("patternProperties without properties")
        return None  # checked with the properties

    def _additionalProperties(self, value: Any, schema: dict) -> Check | None:
        if "properties" not in schema:
            raise Unsupported("additionalProperties without properties")
        return None

    def _items(self, value: Any, schema: dict) -> Check:
        check = self.compile(value)

        return lambda x: type(x) is not list or all(map(check, x))  # map: no generator frame per value

    def _minItems(self, value: int, schema: dict) -> Check:
        return lambda x: type(x) is not list or len(x) >= value

    def _maxItems(self, value: int, schema: dict) -> Check:
        return lambda x: type(x) is not list or len(x) <= value

    def _uniqueItems(self, value: bool, schema: dict) -> Check | None:
        if not value:
            return None

        def unique(x: Any) -> bool:
            if type(x) is not list:
                return True
            if not all(type(i) is str for i in x):
                raise Unsure
            return len(set(x)) == len(x)

        return unique

    def _minLength(self, value: int, schema: dict) -> Check:
        return lambda x: type(x) is not str or len(x) >= value

    def _pattern(self, value: str, schema: dict) -> Check:
        if not _plain_pattern(value):
            raise Unsupported(value)
        search = re.compile(value).search

        def pattern(x: Any) -> bool:
            if type(x) is not str:
                return True
            if "\n" in x or not x.isascii():
                raise Unsure  # `$` and character classes differ between regex engines there
            return search(x) is not None

        return pattern

    def _format(self, value: str, schema: dict) -> Check:
        if value != "date":
            raise Unsupported(value)
        return is_date  # the very function both validators judge dates with

    def _bound(self, value: Any, holds: Callable[[Any, Any], bool]) -> Check:
        def bound(x: Any) -> bool:
            if type(x) is bool:
                raise Unsure
            if type(x) not in (int, float):
                return True
            return _is_number(x) and holds(x, value)

        return bound

    def _maximum(self, value: Any, schema: dict) -> Check:
        return self._bound(value, lambda x, v: x <= v)

    def _minimum(self, value: Any, schema: dict) -> Check:
        return self._bound(value, lambda x, v: x >= v)

    def _exclusiveMinimum(self, value: Any, schema: dict) -> Check:
        return self._bound(value, lambda x, v: x > v)

    def _anyOf(self, value: list, schema: dict) -> Check:
        checks = tuple(self.compile(v) for v in value)

        def any_of(x: Any) -> bool:
            unsure = False
            for check in checks:
                try:
                    if check(x):
                        return True
                except Unsure:
                    unsure = True  # another branch may still clear it for certain
            if unsure:
                raise Unsure
            return False

        return any_of

    def _if(self, value: Any, schema: dict) -> Check:
        test = self.compile(value)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda x: then(x) if test(x) else otherwise(x)

    def _then(self, value: Any, schema: dict) -> Check | None:
        if "if" not in schema:
            return None  # without "if", "then" and "else" are ignored
        return None

    _else = _then


def _pending(x: Any) -> bool:  # pragma: no cover - replaced before any check runs
    raise Unsure


def _foreign(x: Any) -> bool:
    """A value no JSON reader makes (a tuple, a subclass of str): not judged here."""
    if type(x) not in _JSON_TYPES:
        raise Unsure
    return False


def _plain_pattern(pattern: str) -> bool:
    """A pattern that reads alike in Python's and Rust's regular expressions on ASCII
    text without line breaks: no escapes, lookarounds or flags."""
    return "\\" not in pattern and "(?" not in pattern


def compile_schema(schema: dict) -> Check | None:
    """The checker of ``schema``, or None when it uses what this module does not know."""
    try:
        return Compiler(schema).compile(schema)
    except Unsupported:
        return None


def surely_valid(check: Check, data: Any) -> bool:
    """True only when ``data`` is valid for certain."""
    try:
        return check(data)
    except (Unsure, RecursionError):
        return False

"""The shipped schemas and the validators built from them, made once each.

Both validation paths (jsonschema-rs's fast one, jsonschema's explaining one) agree on
what a ``format: date`` is: :func:`is_date` (the fast one by its own check, guarded
where the two would differ: :func:`rust_dates`). This module
imports no other part of ``orgcheck.validate``: the schema, fast-path and fragment
modules all build on it.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = "org.schema.json"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: object) -> bool:
    """A ``format: date`` check identical to jsonschema's (a real calendar date)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_schema(name: str) -> str:
    """A shipped schema's text: inside the installed package, or in a source checkout."""
    # Plain files first: importlib.resources costs a pre-commit hook more than the lint.
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "schemas" / name, package.parent / "schemas" / name):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    from importlib import resources  # pragma: no cover - a zipped install

    return (resources.files("orgcheck") / "schemas" / name).read_text(encoding="utf-8")  # pragma: no cover


def schema_text() -> str:
    """The org model schema, as ``orgcheck schema`` prints it."""
    return read_schema(SCHEMA_FILE)


@cache
def load_schema() -> dict:
    return json.loads(schema_text())


def explaining_validator(schema: dict) -> Any:
    """jsonschema's validator: slow, but its errors say what is wrong and where."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def fast_validator(schema: dict) -> Any:
    """jsonschema-rs's validator, or None where it cannot be had (no wheel for the
    platform, or a schema it reads otherwise): then jsonschema decides alone."""
    try:
        import jsonschema_rs

        return jsonschema_rs.validator_for(rust_dates(schema), validate_formats=True)
    except Exception:
        return None


#: A year other than 0000: jsonschema-rs's own ``date`` takes year 0, which
#: :func:`is_date` (Python's calendar) does not; with this beside it the two agree.
_NOT_YEAR_ZERO = "^(?:[1-9]|0[1-9]|00[1-9]|000[1-9])"
#: keywords whose value is data, not a schema: a {"format": "date"} there is left as it is
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})
#: keywords whose value maps names to schemas: a property may be called "default"
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def rust_dates(schema: Any) -> Any:
    """``schema`` with a year-0 guard beside each ``format: date``, for jsonschema-rs's
    own date check. Handing it :func:`is_date` instead costs a third more time on a
    million people (0.3 s), however few dates the model holds."""
    if isinstance(schema, list):
        return [rust_dates(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: rust_dates(sub) for name, sub in value.items()}
        else:
            out[key] = value if key in _DATA_KEYWORDS else rust_dates(value)
    if out.get("format") == "date":
        out["allOf"] = [*out.get("allOf", []), {"pattern": _NOT_YEAR_ZERO}]
    return out


class _FragmentValidators:
    """Plugins' fragment schemas, each with its two validators, built on first use.

    Keyed by the schema object's identity, and holding the schema itself so that a
    recycled id() never returns another schema's validators."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[dict, Any, Any]] = {}

    def _entry(self, schema: dict) -> tuple[dict, Any, Any]:
        cached = self._cache.get(id(schema))
        if cached is None or cached[0] is not schema:
            cached = self._cache[id(schema)] = (schema, fast_validator(schema), None)
        return cached

    def fast(self, schema: dict) -> Any:
        return self._entry(schema)[1]

    def explaining(self, schema: dict) -> Any:
        entry = self._entry(schema)
        if entry[2] is None:
            entry = self._cache[id(schema)] = (entry[0], entry[1], explaining_validator(schema))
        return entry[2]


#: the one cache of validators for plugins' fragment schemas
fragment_validators = _FragmentValidators()

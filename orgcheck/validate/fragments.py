"""Plugins' own entity data: an ``x-<plugin>`` key on the document, its
organization or any entity, validated by the JSON Schema fragment the plugin returns
from ``orgcheck_schema_fragments``, so that its data gets the same positioned OC001
findings (and "did you mean") as built-in fields.

The org model schema lets every entity carry ``x-`` keys of any shape; this module
finds the values under registered keys and says which are surely valid (jsonschema-rs,
fast), so that jsonschema explains only the others. None of this runs when no plugin
registers a fragment.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from orgcheck.validate.loader import fragment_validators

FRAGMENT_KEY = re.compile(r"^x-[a-z0-9][a-z0-9_.-]*$")


def fragment_problem(key: Any, schema: Any) -> str | None:
    """What is wrong with one entry a plugin returned (None: nothing)."""
    if not isinstance(key, str) or not FRAGMENT_KEY.match(key):
        return f"key {key!r} must be 'x-' and the plugin's name in lowercase (for example 'x-acme')"
    if not isinstance(schema, dict):
        return f"fragment {key!r} is {type(schema).__name__}, not a JSON Schema (a dict)"
    from jsonschema import Draft202012Validator, exceptions

    try:
        Draft202012Validator.check_schema(schema)
    except exceptions.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        return f"fragment {key!r} is not a valid JSON Schema: {exc.message}" + (f" (at {where})" if where else "")
    return None


#: the lists of entities in a model, and the lists of entities inside each of theirs
SECTIONS = ("people", "units", "roles", "externals", "processes", "metrics", "interactions")
NESTED = {"processes": ("steps", "flows")}


def _holders(data: dict) -> Iterator[tuple[str, Any]]:
    """(pointer, object) of the document, its organization and every entity."""
    yield "", data
    yield "/organization", data.get("organization")
    for section in SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            yield f"/{section}/{i}", item
            for inner in NESTED.get(section, ()):
                nested = item.get(inner) if isinstance(item, dict) else None
                if isinstance(nested, list):
                    for j, child in enumerate(nested):
                        yield f"/{section}/{i}/{inner}/{j}", child


def tagged_values(data: dict, keys: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(pointer of the object holding it, key, value) for every registered ``x-`` key
    on the document, its organization and any entity (people, units, roles,
    externals, processes with their steps and flows, metrics, interactions). Only
    these are looked at: one dict lookup per entity and key, not a walk of the
    whole document."""
    for pointer, holder in _holders(data):
        if isinstance(holder, dict):
            for key in keys:
                if key in holder:
                    yield pointer, key, holder[key]


def surely_valid(schema: dict, value: Any) -> bool:
    """True when the fast validator (jsonschema-rs) accepts ``value``; False means
    "ask jsonschema", which explains the violations (or finds none)."""
    validator = fragment_validators.fast(schema)
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(value))
    except Exception:  # data it cannot read: jsonschema decides
        return False

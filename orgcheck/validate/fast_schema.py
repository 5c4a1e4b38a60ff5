"""The fast path of schema validation: jsonschema-rs tells whether a document is valid
and, when it is not, which entities are; jsonschema then explains only those.

jsonschema walks a 100,000-person model in tens of seconds; jsonschema-rs (Rust) does
it in a fraction of the time ``json.loads`` takes, but its messages are not ours
("did you mean", every violation at its own key). So a valid document never loads
jsonschema at all, and an invalid one is explained by jsonschema on a copy of the
document that keeps only the invalid entities of each section: the same errors, in
the same order, at the same pointers, as a full run (``tests/test_fast_schema.py``
checks that on a corpus of valid and invalid models).

Both paths agree on what a ``format: date`` is (``loader.is_date``; jsonschema-rs
by its own check, guarded where the two would differ: ``loader.rust_dates``). Data
jsonschema-rs cannot read (a dict key that is not a string, say), or an environment
without it, falls back to the full jsonschema run.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from orgcheck.validate.loader import fast_validator, load_schema, rust_dates


class Triage:
    """What the fast validator found: ``valid``, or the document narrowed to what
    jsonschema must explain, with ``remap`` to put the original indexes back."""

    __slots__ = ("valid", "narrowed", "remap")  # a plain class: no dataclass to build at start-up

    def __init__(self, valid: bool, narrowed: dict | None = None,
                 remap: Callable[[Any], None] | None = None) -> None:
        self.valid = valid
        self.narrowed = narrowed
        self.remap = remap


@cache
def _validator() -> Any:
    return fast_validator(load_schema())


@cache
def _sections() -> frozenset[str]:
    """Top-level keys whose value is an array of entities (people, units, ...)."""
    props = load_schema().get("properties", {})
    return frozenset(k for k, v in props.items() if isinstance(v, dict) and "items" in v)


#: Entities per call in a big section. The validator's working memory grows with what
#: one call reads and stays with the process (a fifth of a million-person model's
#: size); in chunks it stays a few MB.
_CHUNK = 20_000


@cache
def _item_validators() -> dict[str, Any]:
    """For each section, a validator of an array of its entities (the same item schema)."""
    import jsonschema_rs

    schema = load_schema()
    return {key: jsonschema_rs.validator_for(rust_dates(
        {"$schema": schema.get("$schema"), "$defs": schema.get("$defs", {}), "type": "array",
         "items": schema["properties"][key]["items"]}), validate_formats=True)
        for key in _sections()}


def _is_valid(validator: Any, data: dict) -> bool:
    # The schema asks nothing of a section but that it is an array of valid entities,
    # so a big section can be judged apart from the rest, chunk by chunk.
    big = [key for key in _sections() if isinstance(data.get(key), list) and len(data[key]) > _CHUNK]
    if not big:
        return validator.is_valid(data)
    rest = dict(data)
    for key in big:
        rest[key] = []
    if not validator.is_valid(rest):
        return False
    items = _item_validators()
    return all(items[key].is_valid(data[key][i:i + _CHUNK]) for key in big
               for i in range(0, len(data[key]), _CHUNK))


def triage(data: dict) -> Triage | None:
    """Judge ``data`` against the org model schema quickly; None when only jsonschema can."""
    validator = _validator()
    if validator is None:
        return None
    try:
        if _is_valid(validator, data):
            return Triage(True)
        bad: dict[str, set[int]] = {}
        for error in validator.iter_errors(data):
            path = error.instance_path
            if len(path) >= 2 and isinstance(path[1], int):
                bad.setdefault(path[0], set()).add(path[1])
    except (ValueError, TypeError, OverflowError):
        return None  # a value it cannot read: jsonschema judges the whole document
    sections = _sections()
    narrowed = dict(data)
    kept: dict[str, list[int]] = {}
    for key in sections:
        items = data.get(key)
        if isinstance(items, list):
            kept[key] = sorted(bad.get(key, ()))
            narrowed[key] = [items[i] for i in kept[key]]

    def remap(error: Any) -> None:
        # jsonschema saw item k of the narrowed section: it is item kept[section][k].
        path = error.path
        if len(path) >= 2 and path[0] in kept and isinstance(path[1], int):
            path[1] = kept[path[0]][path[1]]

    return Triage(False, narrowed, remap)

"""Validates a document against the org model schema: every violation, each at its
own position, with "did you mean" for unknown keys and enum values."""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.io.document import Document
from orgcheck.io.pointers import escape, pointer_of
from orgcheck.suggest import did_you_mean
from orgcheck.validate.loader import explaining_validator, fragment_validators, load_schema
from orgcheck.wording import type_name


class Violation(NamedTuple):
    """One schema violation: where (``at_key``: the key itself, not its value) and what."""

    pointer: str
    message: str
    at_key: bool = False


@cache
def _validator() -> Any:
    return explaining_validator(load_schema())


_SINGULAR = {"people": "person", "units": "unit", "roles": "role", "externals": "external",
             "processes": "process", "steps": "step", "flows": "flow", "metrics": "metric",
             "interactions": "interaction", "waivers": "waiver"}


def _thing(schema: dict, pointer: str = "", top: str = "the model") -> str:
    """What the object at ``pointer`` is, for messages: "person", "step"..."""
    parts = pointer.split("/")
    if pointer == "":
        return _(top)
    if len(parts) >= 3 and parts[-1].isdigit() and parts[-2] in _SINGULAR:
        return _SINGULAR[parts[-2]]
    if pointer == "/organization":
        return "organization"
    return (schema.get("title") or "object").lower()


# what the top of a validated document is called in messages (translated where shown)
_TOPS = (N_("the model"), N_("the config"))


#: keys people write for a field the model names otherwise: the meaning, not the spelling,
#: decides what to suggest ("manager" is reports_to, not manager_type)
KEY_SYNONYMS = {
    "manager": "reports_to", "manager_id": "reports_to", "boss": "reports_to", "parent": "reports_to",
    "supervisor": "reports_to", "line_manager": "reports_to", "linemanager": "reports_to",
    "reports_to_id": "reports_to", "reportsto": "reports_to", "reports": "reports_to", "superior": "reports_to",
    "team": "unit", "department": "unit", "dept": "unit", "division": "unit", "group": "unit",
    "parent_unit": "parent", "parent_id": "parent", "role": "roles", "job_title": "title", "position": "title",
    "full_name": "name", "employee_id": "id", "staff_id": "id",
}
#: strings YAML 1.1 read as booleans and YAML 1.2 (and JSON) read as strings
_YAML11_BOOLEANS = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false",
                    "true": "true", "false": "false"}


def _key_hint(key: str, known: list[str]) -> str:
    meant = KEY_SYNONYMS.get(key.lower().replace("-", "_").replace(" ", "_"))
    if meant in known:
        return _("; did you mean {name}?").format(name=repr(meant))
    return did_you_mean(key, known)


def _violations(error: Any, top: str = "the model") -> Iterator[Violation]:
    pointer = pointer_of(error.absolute_path)
    kw, value, schema = error.validator, error.instance, error.schema
    if kw == "additionalProperties" and isinstance(value, dict) and schema.get("additionalProperties") is False:
        known = list(schema.get("properties", {}))
        patterns = schema.get("patternProperties", {})
        import re

        for key in value:
            if key in known or any(re.search(p, key) for p in patterns):
                continue
            hint = _key_hint(key, known)
            text = _("unknown key {key} in {thing}").format(key=repr(key), thing=_thing(schema, pointer, top))
            if hint or not patterns:
                text += hint
            else:
                text += _(" (keys of your own start with 'x-')")
            yield Violation(pointer + "/" + escape(key), text, at_key=True)
        return
    if kw == "enum":
        choices = [c for c in error.validator_value if isinstance(c, str)]
        if pointer.endswith("/schema_version") or pointer == "/schema_version":
            yield Violation(pointer, _("schema_version {value} is not supported: this orgcheck reads format "
                                       "{formats}").format(value=json.dumps(value),
                                                           formats=", ".join(map(str, error.validator_value))))
            return
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        yield Violation(pointer, _("{value} is not one of {choices}").format(
            value=json.dumps(value), choices=", ".join(choices) or error.validator_value) + hint)
        return
    if kw == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Violation(pointer, _("{thing} is missing required key {key}").format(
            thing=_thing(schema, pointer, top), key=repr(missing)))
        return
    if kw == "type" and error.validator_value == "boolean" and isinstance(value, str):
        key = pointer.rsplit("/", 1)[-1]
        word = _YAML11_BOOLEANS.get(value.strip().lower())
        if word is not None:
            yield Violation(pointer, _("{key} must be true or false, not the string {quoted}: YAML 1.2 (and JSON) "
                                       "read {value} as a string; write {word}").format(
                key=key, quoted=json.dumps(value), value=value, word=word))
        else:
            yield Violation(pointer, _("{key} must be true or false, not the string {quoted}").format(
                key=key, quoted=json.dumps(value)))
        return
    if kw == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        yield Violation(pointer, _("expected {expected}, got {got}").format(expected=expected, got=type_name(value)))
        return
    if kw in ("minItems", "maxItems") and isinstance(value, list):
        n = error.validator_value
        if kw == "minItems":
            text = ngettext("expected at least {count} item, got {got}",
                            "expected at least {count} items, got {got}", n)
        else:
            text = ngettext("expected at most {count} item, got {got}", "expected at most {count} items, got {got}", n)
        yield Violation(pointer, text.format(count=n, got=len(value)))
        return
    if kw == "minLength" and error.validator_value == 1:
        yield Violation(pointer, _("must not be empty"))
        return
    if kw == "pattern" and schema.get("format") == "date":
        yield Violation(pointer, _("{value} is not a date (YYYY-MM-DD)").format(value=json.dumps(value)))
        return
    if kw == "format" and error.validator_value == "date":
        yield Violation(pointer, _("{value} is not a valid date (YYYY-MM-DD)").format(value=json.dumps(value)))
        return
    yield Violation(pointer, error.message)


def validate(document: Document, fragments: dict[str, dict] | None = None) -> list[Violation]:
    """All schema violations of a parsed document (and the reader's own problems).

    ``fragments`` (``{"x-acme": JSON Schema}``, from plugins) validate the data
    under those keys wherever it occurs; without any, nothing more is done."""
    out = [Violation(p, m, at_key=True) for p, m in document.problems]
    data = document.data
    if not isinstance(data, dict):
        out.append(Violation("", _("an org model is a JSON object, not {got}").format(got=type_name(data))))
        return out
    if not _quickly_valid(data):
        from orgcheck.validate.fast_schema import triage

        # The fast validator clears a valid document without loading jsonschema; for an
        # invalid one, jsonschema explains only the entities it found invalid.
        fast = triage(data)
        if fast is None:
            out.extend(_explain(_validator(), data))
        elif not fast.valid:
            out.extend(_explain(_validator(), fast.narrowed, remap=fast.remap))
    if fragments:
        out.extend(_fragment_violations(data, fragments))
    out.extend(_non_finite(data))
    return out


#: entities judged in plain Python per process, at about 5 microseconds each (a
#: generated model of 2,150 entities: 11.6 ms): a little less than importing
#: jsonschema-rs and building its validator costs (16 ms). Past it (a bigger model, or a
#: folder of many), jsonschema-rs is quicker.
_QUICK_BUDGET = 2000
_quick_spent = 0


def _quickly_valid(data: dict) -> bool:
    """Whether plain Python can clear a small document for certain (orgcheck.validate.quick)."""
    global _quick_spent
    size = _entities(data)
    if _quick_spent + size > _QUICK_BUDGET:
        return False
    _quick_spent += size
    from orgcheck.validate.quick import surely_valid

    check = _quick_check()
    return check is not None and surely_valid(check, data)


def _entities(data: dict) -> int:
    """About how many entities a document holds: its sections' items, and steps and flows."""
    size = 0
    for value in data.values():
        if type(value) is list:
            size += len(value)
    processes = data.get("processes")
    for process in processes if type(processes) is list else ():
        if type(process) is dict:
            for key in ("steps", "flows"):
                items = process.get(key)
                if type(items) is list:
                    size += len(items)
    return size


@cache
def _quick_check() -> Any:
    from orgcheck.validate import quick

    return quick.compile_schema(load_schema())


def _non_finite(data: dict) -> Iterator[Violation]:
    """NaN and infinity pass every JSON Schema bound (NaN > 100000 is false), and no
    built-in reader makes them: a reader plugin's ``fte: nan`` would make every total
    NaN. ``fte`` is the only number the views add up."""
    people = data.get("people")
    if not isinstance(people, list):
        return
    for i, person in enumerate(people):
        fte = person.get("fte") if isinstance(person, dict) else None
        if isinstance(fte, float) and not math.isfinite(fte):
            yield Violation(f"/people/{i}/fte", _("{value} is not a finite number").format(value=fte))


def _fragment_violations(data: dict, fragments: dict[str, dict]) -> Iterator[Violation]:
    """Violations of plugins' ``x-`` data, at their place in the document, worded as
    the built-in fields' are ("unknown key 'levl' in x-acme of person; did you mean...")."""
    from orgcheck.validate.fragments import surely_valid, tagged_values

    for holder, key, value in tagged_values(data, fragments):
        schema = fragments[key]
        if surely_valid(schema, value):
            continue
        base = holder + "/" + escape(key)
        for v in _explain(fragment_validators.explaining(schema), value, top=f"{key} of {_thing({}, holder)}"):
            yield Violation(base + v.pointer, v.message, v.at_key)


def validate_data(data: Any, schema: dict, kind: str = "model") -> list[Violation]:
    """Violations of any data against any schema (the config file's, say)."""
    return list(_explain(explaining_validator(schema), data, f"the {kind}"))


def _explain(validator: Any, data: Any, top: str = "the model", remap: Any = None) -> Iterator[Violation]:
    out: list[Violation] = []
    for error in validator.iter_errors(data):
        if remap is not None:
            remap(error)
        # An if/then or anyOf failure explains itself through its context errors.
        if error.context and error.validator in ("anyOf", "oneOf"):
            best = min(error.context, key=lambda e: len(e.absolute_path) * -1)
            out.extend(_violations(best, top))
            continue
        out.extend(_violations(error, top))
    return iter(out)

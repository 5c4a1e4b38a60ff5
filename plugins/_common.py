"""Helpers shared by the built-in rule families (not a plugin: no hooks)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.model import Org, Person, Unit
from orgcheck.wording import names

__all__ = ["distinct", "exceeds", "is_above", "managers_only", "names", "person_label", "step_label",
           "unit_of_performer", "unit_of_step", "unit_order", "until_of"]


def person_label(person) -> str:
    """'Tom Carver (Management Assistant)', or just the name without a title."""
    return f"{person.name} ({person.title})" if person.title else person.name


def step_label(step) -> str:
    """How a message names a step: 'Approve claim' (Adam Mercer)."""
    who = step.performer.label if step.performer is not None else _("an unknown performer")
    return f"'{step.name}' ({who})"


def exceeds(count: int, total: int, bound: Any) -> bool:
    """Whether ``count`` of ``total`` is more than the option value ``bound`` (a share or
    ratio), exactly: 3 of 20 is not more than 0.15, the float 0.15 being a hair below it;
    0.25 x 4 allows exactly 1. Integer arithmetic: no fractions or decimal module on every
    lint (a small valid model is linted without jsonschema-rs, which imports decimal)."""
    num, den = _decimal_ratio(bound)
    return count * den > num * total


def _decimal_ratio(bound: Any) -> tuple[int, int]:
    """``Decimal(str(bound)).as_integer_ratio()`` up to a common factor, read by hand for
    the plain numbers options hold ("0.15", "3", "1e-05"); anything else goes to Decimal."""
    text = str(bound).lower()
    mantissa, _e, exponent = text.partition("e")
    whole, _dot, fraction = mantissa.partition(".")
    digits = whole[1:] if whole[:1] == "-" else whole
    power = exponent[1:] if exponent[:1] in ("+", "-") else exponent
    if (digits.isdigit() and digits.isascii() and (not fraction or (fraction.isdigit() and fraction.isascii()))
            and (not _e or power.isdigit() and power.isascii())):
        num, den = int(whole + fraction), 10 ** len(fraction)
        shift = int(exponent) if _e else 0
        return (num * 10 ** shift, den) if shift >= 0 else (num, den * 10 ** -shift)
    from decimal import Decimal

    return Decimal(str(bound)).as_integer_ratio()


def distinct(items: Iterable[Any]) -> list:
    """Items in order, each once (by identity), without None."""
    seen, out = set(), []
    for item in items:
        if item is not None and id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def is_above(org, person, entity) -> bool:
    """Whether ``person`` is a superior of at least one person ``entity`` stands for."""
    if not isinstance(person, Person) or not person.manages:
        return False  # one who manages nobody is nobody's superior: no group to index
    return entity is not None and org.is_superior_of_any(person, org.people_of(entity))


_manages = attrgetter("manages")


class _ManagersOnly(dict):
    """performer entity -> whether everyone it stands for is a person who manages someone."""

    def __init__(self, org: Any) -> None:
        super().__init__()
        self.org = org

    def __missing__(self, performer: Any) -> bool:
        if isinstance(performer, Unit) and not all(map(_manages, performer.members)):
            found = False  # one of its own people manages nobody: its sub-units need no listing
        else:
            people = self.org.people_of(performer)  # people only; an external, or nobody: none
            found = bool(people) and all(map(_manages, people))
        self[performer] = found
        return found


def managers_only(org: Org) -> dict[Any, bool]:
    """Whether every performer of a step is a person who manages someone, by the step's
    performer (``managers_only(org)[step.performer]``): a step with anyone else among its
    performers is not "performed by superiors" of anybody. Worked out once per performer
    per model, and read as a dict: OC203 and OC204 ask it of every step of 50,000
    processes."""
    return org.memo(("common", "managers only"), lambda: _ManagersOnly(org))


def unit_order(org: Org) -> dict[int, int]:
    """id(unit) -> its place in the model's units (document order), once per model: OC504
    keys its pairs of units on it, OC206 sorts nested self-organizing units by it."""
    return org.memo(("common", "unit order"), lambda: {id(u): i for i, u in enumerate(org.units)})


def unit_of_performer(performer) -> Unit | None:
    """The unit a performer works in: itself when a unit, a person's unit; a role or an
    external belongs to no single unit (None)."""
    if isinstance(performer, Unit):
        return performer
    if isinstance(performer, Person):
        return performer.unit
    return None


def unit_of_step(step) -> Unit | None:
    """The unit of a step: its performer's (``unit_of_performer``)."""
    return unit_of_performer(step.performer)


def until_of(entity) -> tuple[bool, _dt.date | None]:
    """An entity's `until` (a unit's, an interaction's): (whether it can be read, the
    date or None)."""
    value = entity.raw.get("until")
    if value is None:
        return True, None
    try:
        return True, _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False, None

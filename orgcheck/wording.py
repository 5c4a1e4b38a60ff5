"""How orgcheck words figures for people: plurals, percentages, lists of names,
short reprs. One copy, used by the engine, the views, the formatters and the
built-in rules (plugin authors may use it too: ``from orgcheck.wording import plural``)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from orgcheck.i18n.runtime import N_, _, get_language

_UNCOUNTABLE = frozenset({"info", "staff"})


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 layer', '2 layers', '3 people' (with ``many``); 'info' and 'staff' stay as they are."""
    if n == 1 or word in _UNCOUNTABLE:
        return f"{n} {word}"
    return f"{n} {many or word + 's'}"


#: the decimal sign and the thousands separator of each language that differs from English
_SEPARATORS = {"nl": (",", ".")}


def localized(text: str) -> str:
    """A number written the English way ('24.5', '1,234') as the active language writes it
    ('24,5' and '1.234' in Dutch)."""
    signs = _SEPARATORS.get(get_language())
    if signs is None:
        return text
    decimal, thousands = signs
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def number(value: Any, digits: int = 2) -> str:
    """A figure in a sentence or a table, in the active language: None -> '-', 2.50 -> '2.5'
    ('2,5' in Dutch), 3.0 -> '3'; at most ``digits`` decimals. The one formatter of decimals
    for every view and message (machine formats, JSON and CSV, keep Python's numbers)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        return localized(f"{value:.{digits}f}".rstrip("0").rstrip("."))
    return str(value)


def grouped(value: float) -> str:
    """1234567.5 -> '1,234,568' ('1.234.568' in Dutch): whole units with thousands grouped."""
    return localized(f"{value:,.0f}")


def percent(share: float | None, digits: int = 0) -> str:
    """0.245 -> '25%' (``digits=1``: '24.5%', '24,5%' in Dutch, and 0.15 -> '15%', not
    '15.0%'); None -> '-'."""
    if share is None:
        return "-"
    text = f"{float(share) * 100:.{digits}f}"
    if digits and text.endswith("." + "0" * digits):
        text = text[: -digits - 1]
    return localized(text) + "%"


#: the words a view shows for a measure's verdict, a step kind, a cadence or a pillar: the
#: values stay English in JSON, CSV and the model, and read in the user's language in text
_WORDS = {w: w for w in (
    # verdicts of the measures (span, team, tree, process, feedback, metric)
    N_("narrow"), N_("within"), N_("wide"), N_("one-over-one"), N_("not judged"), N_("large"), N_("small"),
    N_("deep"), N_("high"), N_("heavy"), N_("slow"), N_("fragment"), N_("in a loop"), N_("reaches the doers"),
    N_("misses the doers"), N_("none"), N_("yes"), N_("no"), N_("no customer"), N_("visible"), N_("hidden"),
    N_("unknown"), N_("new"), N_("removed"), N_("not a manager"),
    # step kinds and cadences (schema values: a sentence names them in the user's words)
    N_("work"), N_("approval"), N_("review"), N_("decision"), N_("handoff"), N_("feedback"),
    N_("realtime"), N_("daily"), N_("weekly"), N_("monthly"), N_("quarterly"), N_("yearly"),
    # unit types (schema values)
    N_("organization"), N_("division"), N_("department"), N_("team"), N_("circle"), N_("working-group"),
    N_("project-group"),
    # the pillars, by the names the seed gives its three building blocks
    N_("self-steering"), N_("professionalism"), N_("context"))}


def word(value: Any) -> str:
    """A verdict, step kind, cadence or pillar (``'narrow'``, ``'approval'``,
    ``'self-steering'``) as the user reads it in the active language; any other value
    (a name, an id, None as '-') as it is."""
    if value is None:
        return "-"
    text = str(value)
    return _(text) if text in _WORDS else text


def words(counts: Any) -> str:
    """'4 narrow, 1 wide' from ``{verdict: count}``, in the active language (only counts above 0), or '-'."""
    return ", ".join(f"{n} {word(k)}" for k, n in counts.items() if n) or "-"


def names(labels: Iterable[str], limit: int = 4, none: str | None = None) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D and 2 more' (repeats dropped), in the
    active language; ``none`` (default: 'nobody') when there are none."""
    labels = list(dict.fromkeys(labels))
    if not labels:
        return _("nobody") if none is None else none
    if len(labels) > limit:
        return _("{names} and {count} more").format(names=", ".join(labels[:limit]), count=len(labels) - limit)
    if len(labels) == 1:
        return labels[0]
    return _("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])


def short(value: Any, width: int = 60, *, as_json: bool = False) -> str:
    """A value as a message quotes it, cut to ``width`` characters: its repr, or with
    ``as_json`` its JSON text (a value read from a JSON file, as its user wrote it).
    An integer of more than 30 digits is "a number too large" (Python refuses to print
    one of thousands)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 30:
        return "a number too large"
    text = json.dumps(value, default=repr) if as_json and not isinstance(value, float) else repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def type_name(value: Any, *, config: bool = False) -> str:
    """How a message names the type of a value: in JSON's words for a model's value
    (``null``, ``a number``, ``an array``, ``an object``), or with ``config`` in TOML's
    for a setting's (``an integer``, ``a list``, ``a table``, else the Python name)."""
    if config:
        names = {bool: _("a boolean"), int: _("an integer"), float: _("a number"), str: _("a string"),
                 list: _("a list"), dict: _("a table")}
        return names.get(type(value), type(value).__name__)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    return _("an object")

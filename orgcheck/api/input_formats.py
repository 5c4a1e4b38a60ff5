"""The input formats reader plugins declare (``orgcheck_input_formats``): their names
for ``--input-format`` and ``orgcheck import``, the file names a folder walk picks up
for them, and the options of their own config table ``[readers.NAME]``."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from orgcheck.api.rules import config_problem, type_problem
from orgcheck.i18n.runtime import _

NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")
#: the table of ``reader_options`` that is the CSV column mapping, not a format's own
CSV_MAPPING = "csv"


class InputFormat(NamedTuple):
    name: str
    plugin: str  # its label, for messages
    patterns: tuple[str, ...]
    options: dict[str, Any]


def _problem(name: Any, spec: Any) -> str | None:
    if not isinstance(name, str) or not NAME_RE.match(name):
        return f"format name {name!r} must be lowercase letters, digits and dashes (for example mots)"
    if not isinstance(spec, dict):
        return f"format {name!r}: give a dict with patterns and options, not {type(spec).__name__}"
    extra = sorted(set(spec) - {"patterns", "options"})
    if extra:
        return f"format {name!r}: unknown key {extra[0]!r} (it takes patterns and options)"
    patterns = spec.get("patterns", [])
    if not isinstance(patterns, (list, tuple)) or not all(isinstance(p, str) and p and "/" not in p
                                                          for p in patterns):
        return f"format {name!r}: patterns must be a list of file-name patterns such as 'mots.yaml'"
    options = spec.get("options", {})
    if not isinstance(options, dict):
        return f"format {name!r}: options must be a dict of option defaults"
    for option, default in options.items():
        problem = config_problem(default)
        if problem:
            return f"format {name!r}: option {option!r} {problem}"
    return None


def collect(results: Iterable[tuple[str, str, Any]], error: Callable[[str, str], None]) -> dict[str, InputFormat]:
    """Every plugin's formats by name, in load order; a malformed one or a name an
    earlier plugin has is a load error of the plugin that gave it."""
    found: dict[str, InputFormat] = {}
    for _plugin, label, result in results:
        for name, spec in result.items():
            problem = _problem(name, spec)
            if problem:
                error(label, f"orgcheck_input_formats(): {problem}")
            elif name in found:
                error(label, f"input format {name!r} clashes with plugin {found[name].plugin}")
            else:
                found[name] = InputFormat(name, label, tuple(spec.get("patterns", ())), dict(spec.get("options", {})))
    return found


def with_defaults(formats: dict[str, InputFormat], options: dict[str, Any]) -> dict[str, Any]:
    """The reader options a reader receives: each format's table, its defaults filled in."""
    if not any(fmt.options for fmt in formats.values()):
        return options  # the very dict, as a reader may leave notes in it for the next
    out = dict(options)
    for name, fmt in formats.items():
        if fmt.options:
            configured = options.get(name)
            out[name] = {**fmt.options, **(configured if isinstance(configured, dict) else {})}
    return out


def table_problem(formats: dict[str, InputFormat], name: str, table: dict[str, Any]) -> str | None:
    """Why a ``[readers.NAME]`` table is wrong (an unknown format or option, a value of
    another type than the default's), or None."""
    from orgcheck.suggest import did_you_mean

    fmt = formats.get(name)
    if fmt is None:
        known = sorted(n for n, f in formats.items() if f.options)
        return (_("no installed reader has a table {name}").format(name=repr(name)) + did_you_mean(name, known)
                + (_("; tables: {names}").format(names=", ".join(known)) if known else ""))
    for option, value in table.items():
        if option not in fmt.options:
            hint = did_you_mean(option, list(fmt.options))
            return (_("the {format} reader has no option {option}").format(format=name, option=repr(option))
                    + (hint or (_("; it has {options}").format(options=", ".join(fmt.options))
                                if fmt.options else _("; it takes no options"))))
        problem = type_problem(value, fmt.options[option])
        if problem:
            return f"{option} {problem}"
    return None

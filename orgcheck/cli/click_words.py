"""click's own words (Usage, Options, "Show this message and exit.", "[default: ...]",
"No such option") in the language orgcheck speaks.

click marks its messages for gettext with ``from gettext import gettext as _`` in each
of its modules, that is, the standard library's global domain, which no program can
point at orgcheck's catalog without taking it over. So :func:`bind` sets those modules'
``_`` and ``ngettext`` to orgcheck's own, which cost nothing in English (they return
their argument without loading a catalog), and the msgids below, copied from click,
put click's sentences into orgcheck's template, where they are translated like
orgcheck's own. A message click adds in a later version stays English until it is
listed here.
"""
from __future__ import annotations

import sys

from orgcheck.i18n.runtime import _, ngettext

#: click's modules that import gettext's ``_`` / ``ngettext`` (bound when they are loaded)
MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
           "click.types", "click.utils", "click.termui", "click.shell_completion")


def bind() -> None:
    """Make click's loaded modules translate through orgcheck's catalog."""
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def _msgids() -> None:  # pragma: no cover - never called: what extract reads
    """click's messages a user of orgcheck can meet (click 8.1 to 8.3)."""
    _("Usage:")
    _("Options")
    _("Commands")
    _("Positional arguments")
    _("Show this message and exit.")
    _("Show the version and exit.")
    _("default: {default}")
    _("env var: {var}")
    _("required")
    _("(dynamic)")
    _("deprecated")
    _("Aborted!")
    _("Error: {message}")
    _("Try '{command} {option}' for help.")
    _("Invalid value: {message}")
    _("Invalid value for {param_hint}: {message}")
    _("Missing argument")
    _("Missing option")
    _("Missing parameter")
    _("Missing {param_type}")
    _("Missing parameter: {param_name}")
    _("Missing command.")
    _("No such option: {name}")
    _("No such option {name!r}.")
    _("No such command {name!r}.")
    _("unknown error")
    _("Could not open file {filename!r}: {message}")
    _("Option {name!r} does not take a value.")
    _("Argument {name!r} takes {nargs} values.")
    _("{value!r} is not a valid {number_type}.")
    _("{value} is not in the range {range}.")
    _("{value!r} is not a valid boolean. Recognized values: {states}")
    _("file")
    _("directory")
    _("path")
    _("{name} {filename!r} does not exist.")
    _("{name} {filename!r} is a file.")
    _("{name} {filename!r} is a directory.")
    _("{name} {filename!r} is not readable.")
    _("{name} {filename!r} is not writable.")
    _("Choose from:\n\t{choices}")
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.", 1)

"""The plugin contract: every hook orgcheck calls, with what it passes and expects.

A plugin is a module (or object) with functions decorated ``@orgcheck.hookimpl``
whose names are the hooks below. Built-in rules, readers and formatters are
plugins of exactly this kind, registered through the ``orgcheck`` entry-point
group.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    from .document import Document, Source
    from .rules import Rule

PROJECT = "orgcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def orgcheck_rules() -> list[Rule]:
    """Return the rules this plugin provides.

    Each item is a :class:`orgcheck.Rule` made with the ``@orgcheck.rule``
    decorator. Codes and names must be unique across every loaded plugin; a clash
    is a load error that names both plugins.

    Example::

        @orgcheck.hookimpl
        def orgcheck_rules():
            return [contractor_manages_staff]
    """


@hookspec
def orgcheck_formatters() -> dict[str, Callable[..., str]]:
    """Return output formats as ``{name: formatter}``.

    A formatter is called as ``formatter(report, rules, options)`` and returns the
    whole output as a string; ``report`` is an :class:`orgcheck.Report`, ``rules``
    maps each rule code that ran to its :class:`orgcheck.Rule`, and ``options``
    is a dict (``color``, ``statistics``, ``quiet``). ``orgcheck lint --format
    NAME`` selects one.

    Example::

        @orgcheck.hookimpl
        def orgcheck_formatters():
            return {"count": lambda report, rules, options: f"{len(report.findings)}\\n"}
    """


@hookspec(firstresult=True)
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    """Read ``source`` into a :class:`orgcheck.Document`, or return None.

    ``source.path`` is the path as given (``-`` for standard input),
    ``source.data`` its bytes and ``source.input_format`` the ``--input-format``
    (None: guess from the file name). ``options`` holds reader settings such as
    the CSV column mapping. The first plugin that returns a Document wins; a reader
    that does not recognise the source returns None.
    """


@hookspec
def orgcheck_presets() -> dict[str, list[str]]:
    """Return named rule presets as ``{name: [selector, ...]}``."""


@hookspec
def orgcheck_schema_fragments() -> dict[str, dict[str, Any]]:
    """Return ``{"x-<plugin>": JSON Schema}`` for the plugin's own entity data."""

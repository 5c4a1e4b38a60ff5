"""Measures: the figures rules judge, shared with the views that show them.

A rule family implements each measure its rules judge once, as a public function
of its module, and registers it through the ``orgcheck_measures`` hook. Its rules
call the function; ``stats``, ``diff``, ``graph`` and the report ask for it by
name through :class:`Measures`, which hands it the options of the rules it names,
as configured for the model. So a view knows neither a rule's name nor its
defaults, and a rule change changes the view with it.

Example (a plugin's own measure, shown by nothing built in but available to any
view or plugin that asks for ``"acme_contractors"``)::

    @orgcheck.hookimpl
    def orgcheck_measures():
        return [orgcheck.Measure("acme_contractors", contractors,
                                 options={"limits": "contractor-manages-staff"})]

    def contractors(org, limits):
        return sum(1 for p in org.people if p.raw.get("x-acme", {}).get("contractor"))
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgcheck.run import streams

if TYPE_CHECKING:
    from orgcheck.config import Config
    from orgcheck.model import Org


@dataclass(frozen=True)
class Measure:
    """One measure: ``func(org, *subjects, **options)``.

    ``options`` maps each keyword parameter of ``func`` to the name (or code) of the
    rule whose configured options it receives as a dict: None when that rule is not
    loaded, so the measure can say "not judged" instead of inventing a bound.
    """

    name: str
    func: Callable[..., Any]
    options: Mapping[str, str] = field(default_factory=dict)
    plugin: str = ""  # filled in by the plugin manager


class Measures:
    """The measures of one model under one config: ``measures("span_status", person)``."""

    def __init__(self, org: Org, registry: Mapping[str, Measure],
                 rule_options: Callable[[str], dict[str, Any] | None]) -> None:
        self.org = org
        self._registry = registry
        self._rule_options = rule_options
        self._bound: dict[str, dict[str, Any]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._registry

    def options(self, name: str) -> dict[str, Any]:
        """The keyword options measure ``name`` receives (each a rule's options or None)."""
        found = self._bound.get(name)
        if found is None:
            measure = self._registry[name]
            found = self._bound[name] = {param: self._rule_options(rule) for param, rule in measure.options.items()}
        return found

    def __call__(self, name: str, *subjects: Any) -> Any:
        """The measure ``name`` of ``subjects`` (none: of the whole model). A measure no
        loaded plugin provides is a KeyError: a view that needs it is miswired."""
        streams.enter()  # a plugin's measure, as a view calls it: what it prints is not the view's output
        try:
            return self._registry[name].func(self.org, *subjects, **self.options(name))
        finally:
            streams.leave()


def measures_of(org: Org, plugins: Any, config: Config) -> Measures:
    """The measures of ``org`` with each rule's options as ``config`` sets them: what a
    rule's ``measures`` parameter, the indicators and the views receive. A rule that is
    not loaded gives its measures None for its options."""
    from orgcheck.config import options_for

    def rule_options(name: str) -> dict[str, Any] | None:
        rule = plugins.find_rule(name)
        return options_for(rule, config) if rule is not None else None

    return Measures(org, plugins.measures, rule_options)

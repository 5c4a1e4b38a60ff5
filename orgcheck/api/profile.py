"""The trust profile: per pillar, indicators measured on the model's own entities.

An indicator is a share: of the entities it counts (its denominator: managers,
roles, processes...), how many are as a trust-based design would have them (its
numerator). Each is computed from the measures the rules judge (the
``orgcheck_measures`` hook), so the profile and the findings never disagree. An
indicator is *not assessed* when the model has none of the entities it counts, or
when the source cannot express what it needs (a BPMN file has no roles' content):
neither a fault nor a pass. A pillar's score is the mean of its assessed indicators'
values, as a whole number from 0 to 100 (each indicator weighs the same); None
when none of them was assessed.

Plugins add indicators through the ``orgcheck_indicators`` hook, as they add rules.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgcheck.api.rules import PILLARS
from orgcheck.i18n.runtime import _
from orgcheck.wording import short as _short

if TYPE_CHECKING:
    from orgcheck.api.measures import Measures
    from orgcheck.config import Config
    from orgcheck.io.document import Document
    from orgcheck.model import Org

ASSESSED, NOT_ASSESSED = "assessed", "not assessed"


@dataclass(frozen=True)
class Indicator:
    """One indicator: ``func(org, measures)`` returns ``(numerator, denominator)``.

    ``id`` is kebab-case and unique across plugins; ``pillar`` one of the three;
    ``title`` says what the numerator counts, in words ("managers within the span
    bound for their type"; make it with ``orgcheck.i18n.runtime.lazy`` to translate it);
    ``needs`` the parts of the model it counts (``orgcheck.api.parts.PARTS``), as a
    rule's. ``measures("span_status", person)`` gives the rules' own measures, with
    the rules' configured options.
    """

    id: str
    pillar: str
    title: Any
    func: Callable[..., tuple[int, int]]
    needs: tuple[str, ...] = ()
    plugin: str = ""  # filled in by the plugin manager


@dataclass
class Reading:
    """An indicator measured on one model."""

    id: str
    title: str
    numerator: int | None
    denominator: int | None
    status: str  # "assessed" or "not assessed"
    reason: str | None = None  # why not assessed

    @property
    def value(self) -> float | None:
        if self.status != ASSESSED or not self.denominator:
            return None
        return round(self.numerator / self.denominator, 4)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "status": self.status, "reason": self.reason}


@dataclass
class Pillar:
    pillar: str
    readings: list[Reading] = field(default_factory=list)

    @property
    def score(self) -> int | None:
        """The mean of the assessed indicators' values, 0-100 (None: none assessed)."""
        values = [r.value for r in self.readings if r.value is not None]
        return round(100 * sum(values) / len(values)) if values else None


@dataclass
class Profile:
    pillars: list[Pillar]
    #: the rules not assessed on the model, as (code, name, reason)
    not_assessed: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The ``profile`` of ``stats --format json``: pillar -> score and indicators."""
        return {p.pillar: {"score": p.score, "indicators": [r.as_dict() for r in p.readings]}
                for p in self.pillars}


def _reading(indicator: Indicator, org: Org, measures: Measures, document: Document | None,
             timeout: float | None = None) -> Reading:
    from orgcheck.api.parts import missing, reason

    title = str(indicator.title)
    lacking = missing(indicator.needs, document.expresses if document is not None else None)
    if lacking:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, reason(document.source_name, lacking))
    from orgcheck.run import guard, streams

    try:
        with streams.plugin_code():
            returned = guard.call_with_timeout(lambda: indicator.func(org, measures), timeout)
    except guard.RuleTimeout:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} failed: stopped after {seconds} (--rule-timeout)").format(
            plugin=indicator.plugin, seconds=f"{timeout:g} s"))
    except BaseException as exc:  # a plugin's indicator costs only its own reading, whatever it raises
        guard.reraise_escaping(exc)
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} failed: {error}").format(
            plugin=indicator.plugin, error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__))
    problem = _count_problem(returned)
    if problem:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} returned {value}: {problem}").format(
            plugin=indicator.plugin, value=_short(returned), problem=problem))
    numerator, denominator = returned
    if not denominator:
        return Reading(indicator.id, title, 0, 0, NOT_ASSESSED, _("nothing in the model to count"))
    return Reading(indicator.id, title, int(numerator), int(denominator), ASSESSED)


def _count_problem(returned: Any) -> str | None:
    """Why an indicator's value is no (numerator, denominator) pair (None: it is one)."""
    if not isinstance(returned, (tuple, list)) or len(returned) != 2:
        return _("an indicator returns a pair (numerator, denominator)")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in returned):
        return _("both numbers must be whole numbers (counts of the model's entities)")
    numerator, denominator = returned
    if numerator < 0 or denominator < 0 or numerator > denominator:
        return _("the numerator counts part of the denominator: 0 <= numerator <= denominator")
    return None


def measure(org: Org, measures: Measures, indicators: Iterable[Indicator],
            document: Document | None = None, timeout: float | None = None) -> list[Pillar]:
    """Every indicator read on ``org``, grouped by pillar in the order of PILLARS, each
    within ``timeout`` seconds (--rule-timeout; None: no limit)."""
    pillars = {p: Pillar(p) for p in PILLARS}
    for indicator in indicators:
        pillars[indicator.pillar].readings.append(_reading(indicator, org, measures, document, timeout))
    return list(pillars.values())


def measure_profile(org: Org, document: Document | None, plugins: Any, config: Config,
                    not_assessed: Iterable[tuple[str, str]] = ()) -> Profile:
    """The trust profile of one valid model, under ``config``'s rule options."""
    from orgcheck.api.measures import Measures
    from orgcheck.config import options_for

    def rule_options(name: str) -> dict[str, Any] | None:
        rule = plugins.find_rule(name)
        return options_for(rule, config) if rule is not None else None

    measures = Measures(org, plugins.measures, rule_options)
    skipped = [(code, plugins.rules[code].name if code in plugins.rules else "", why)
               for code, why in not_assessed]
    return Profile(measure(org, measures, plugins.indicators.values(), document, config.rule_timeout), skipped)


# -- text ---------------------------------------------------------------------------


def _share(reading: Reading) -> str:
    if reading.status != ASSESSED:
        return _("not assessed: {reason}").format(reason=reading.reason)
    return _("{percent} ({numerator} of {denominator})").format(
        percent=f"{round(100 * reading.value)}%", numerator=reading.numerator, denominator=reading.denominator)


def score_text(score: int | None) -> str:
    return _("not assessed") if score is None else str(score)


def profile_lines(profile: Profile) -> list[str]:
    """The text block ``stats`` and ``lint --statistics`` print."""
    out = [_("Trust profile (a pillar's score is the mean of its assessed indicators, 0-100):")]
    width = max((len(r.title) for p in profile.pillars for r in p.readings), default=0)
    for p in profile.pillars:
        out.append(f"  {p.pillar}: {score_text(p.score)}")
        for r in p.readings:
            out.append(f"    {r.title.ljust(width)}  {_share(r)}")
    if profile.not_assessed:
        out.append(_("Not assessed (the source cannot express what these rules need):"))
        out += [f"  {code} {name}: {why}" for code, name, why in profile.not_assessed]
    return out

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
        if self.status != ASSESSED or not self.denominator or self.numerator is None:
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


def _reading(indicator: Indicator, org: Org, measures: Measures, document: Document | None) -> Reading:
    from orgcheck.api.parts import missing, reason

    title = str(indicator.title)
    lacking = missing(indicator.needs, document.expresses) if document is not None else []
    if document is not None and lacking:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, reason(str(document.source_name), lacking))
    try:
        numerator, denominator = indicator.func(org, measures)
    except Exception as exc:  # a plugin's indicator costs only its own reading
        return Reading(indicator.id, title, None, None, NOT_ASSESSED,
                       _("the indicator failed: {error}").format(error=f"{type(exc).__name__}: {exc}"))
    if not denominator:
        return Reading(indicator.id, title, 0, 0, NOT_ASSESSED, _("nothing in the model to count"))
    return Reading(indicator.id, title, int(numerator), int(denominator), ASSESSED)


def measure(org: Org, measures: Measures, indicators: Iterable[Indicator],
            document: Document | None = None) -> list[Pillar]:
    """Every indicator read on ``org``, grouped by pillar in the order of PILLARS."""
    pillars = {p: Pillar(p) for p in PILLARS}
    for indicator in indicators:
        pillars[indicator.pillar].readings.append(_reading(indicator, org, measures, document))
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
    return Profile(measure(org, measures, plugins.indicators.values(), document), skipped)


# -- text ---------------------------------------------------------------------------


def _share(reading: Reading) -> str:
    if reading.status != ASSESSED:
        return _("not assessed: {reason}").format(reason=reading.reason)
    return _("{percent} ({numerator} of {denominator})").format(
        percent=f"{round(100 * (reading.value or 0))}%", numerator=reading.numerator, denominator=reading.denominator)


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

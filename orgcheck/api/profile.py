"""The trust profile: per pillar, indicators measured on the model's own entities.

An indicator is a share: of the entities it counts (its denominator: managers,
roles, processes...), how many are as a trust-based design would have them (its
numerator). Each is computed from the measures the rules judge (the
``orgcheck_measures`` hook), so the profile and the findings never disagree. An
indicator is *not assessed* when the model has none of the entities it counts, when
the source cannot express what it needs (a BPMN file has no roles' content), or when
no entity of the model sets the field it reads (an export that records no manager
types says nothing about coaching: the indicator returns :class:`NotAssessed`):
neither a fault nor a pass. A pillar's score is the mean of its assessed indicators'
values, as a whole number from 0 to 100 (each indicator weighs the same); None
when none of them was assessed. Every score travels with its coverage: how many of
the pillar's indicators were assessed, of how many (``assessed`` and ``total``).

Plugins add indicators through the ``orgcheck_indicators`` hook, as they add rules
(:mod:`orgcheck.api.indicator`: what a plugin makes; this module measures them).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgcheck.api.indicator import Indicator, NotAssessed
from orgcheck.api.rules import PILLARS
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.wording import short as _short
from orgcheck.wording import word

if TYPE_CHECKING:
    from orgcheck.api.measures import Measures
    from orgcheck.config import Config
    from orgcheck.io.document import Document
    from orgcheck.model import Org

ASSESSED, NOT_ASSESSED = "assessed", "not assessed"


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
    #: the warnings (and errors) the pillar's own rules report on the model, after waivers
    warnings: int = 0

    @property
    def score(self) -> int | None:
        """The mean of the assessed indicators' values, 0-100 (None: none assessed).

        100 means nothing to improve, so it is kept for a pillar whose every assessed
        indicator is whole and whose rules report no warning: 299 of 300 managers
        within their span, or a warning no indicator counts (OC202's approval chain),
        reads 99, not a rounded 100 beside the findings that say otherwise."""
        return pillar_score([r.value for r in self.readings if r.value is not None], self.warnings)

    @property
    def assessed(self) -> int:
        """How many of the pillar's indicators were assessed (the score's coverage)."""
        return sum(1 for r in self.readings if r.status == ASSESSED)

    @property
    def total(self) -> int:
        return len(self.readings)

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "assessed": self.assessed, "total": self.total,
                "warnings": self.warnings, "indicators": [r.as_dict() for r in self.readings]}


def pillar_score(values: list[float], warnings: int = 0) -> int | None:
    """A pillar's score from its assessed indicators' values (see :attr:`Pillar.score`)."""
    if not values:
        return None
    score = round(100 * sum(values) / len(values))
    if score == 100 and (warnings or any(v < 1 for v in values)):
        return 99
    return score


@dataclass
class Profile:
    pillars: list[Pillar]
    #: the rules not assessed on the model, as (code, name, reason)
    not_assessed: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The ``profile`` of ``stats --format json``: pillar -> score, its coverage
        (``assessed`` of ``total`` indicators) and the indicators."""
        return {p.pillar: p.as_dict() for p in self.pillars}


def _reading(indicator: Indicator, org: Org, measures: Measures, document: Document | None,
             timeout: float | None = None) -> Reading:
    from orgcheck.api.parts import missing, reason

    title = str(indicator.title)
    lacking = missing(indicator.needs, document.expresses if document is not None else None)
    if lacking and document is not None:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, reason(document.source_name, lacking))
    from orgcheck.run import guard, streams

    try:
        with streams.plugin_code():
            returned = guard.call_with_timeout(
                lambda: indicator.func(org, measures) if indicator.func is not None
                else _summed(indicator, org, measures), timeout)
    except guard.RuleTimeout:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} failed: stopped after {seconds} (--rule-timeout)").format(
            plugin=indicator.plugin, seconds=f"{timeout:g} s"))
    except BaseException as exc:  # a plugin's indicator costs only its own reading, whatever it raises
        guard.reraise_escaping(exc)
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} failed: {error}").format(
            plugin=indicator.plugin, error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__))
    if isinstance(returned, NotAssessed):
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, str(returned.reason))
    problem = _count_problem(returned)
    if problem:
        return Reading(indicator.id, title, None, None, NOT_ASSESSED, _(
            "the indicator of plugin {plugin} returned {value}: {problem}").format(
            plugin=indicator.plugin, value=_short(returned), problem=problem))
    numerator, denominator = returned
    if not denominator:
        return Reading(indicator.id, title, 0, 0, NOT_ASSESSED, _("nothing in the model to count"))
    return Reading(indicator.id, title, int(numerator), int(denominator), ASSESSED)


def _summed(indicator: Indicator, org: Org, measures: Measures) -> tuple[int, int] | NotAssessed:
    items = indicator.items(org, measures) if indicator.items is not None else NotAssessed("")
    if isinstance(items, NotAssessed):
        return items
    numerator = denominator = 0
    for _unit, n, d in items:
        numerator += n
        denominator += d
    return numerator, denominator


def warnings_by_pillar(findings: Iterable[tuple[str | None, Any]]) -> dict[str, int]:
    """Per pillar, how many of ``findings`` (each as (pillar of its rule, severity)) are
    warnings or errors: what keeps the pillar's score below 100."""
    out: dict[str, int] = {}
    for pillar, severity in findings:
        if pillar is not None and str(severity) in ("warning", "error"):
            out[pillar] = out.get(pillar, 0) + 1
    return out


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
            document: Document | None = None, warnings: Mapping[str, int] | None = None,
            timeout: float | None = None) -> list[Pillar]:
    """Every indicator read on ``org``, grouped by pillar in the order of PILLARS, each
    within ``timeout`` seconds (--rule-timeout; None: no limit); ``warnings``: per
    pillar, the warnings its rules report (:func:`warnings_by_pillar`)."""
    pillars = {p: Pillar(p, warnings=(warnings or {}).get(p, 0)) for p in PILLARS}
    for indicator in indicators:
        pillars[indicator.pillar].readings.append(_reading(indicator, org, measures, document, timeout))
    return list(pillars.values())


def measure_profile(org: Org, document: Document | None, plugins: Any, config: Config,
                    not_assessed: Iterable[tuple[str, str]] = (),
                    warnings: Mapping[str, int] | None = None) -> Profile:
    """The trust profile of one valid model, under ``config``'s rule options;
    ``warnings`` per pillar as :func:`measure` takes them."""
    from orgcheck.api.measures import measures_of

    measures = measures_of(org, plugins, config)
    skipped = [(code, plugins.rules[code].name if code in plugins.rules else "", why)
               for code, why in not_assessed]
    return Profile(measure(org, measures, plugins.indicators.values(), document, warnings, config.rule_timeout),
                   skipped)


# -- text ---------------------------------------------------------------------------


def _share(reading: Reading) -> str:
    if reading.status != ASSESSED:
        return _("not assessed: {reason}").format(reason=reading.reason)
    return _("{percent} ({numerator} of {denominator})").format(
        percent=f"{round(100 * (reading.value or 0))}%", numerator=reading.numerator, denominator=reading.denominator)


def score_text(score: int | None) -> str:
    return _("not assessed") if score is None else str(score)


def coverage_text(assessed: int, total: int) -> str:
    """'6 of 8 indicators': how much of a pillar its score saw."""
    return ngettext("{assessed} of {total} indicator", "{assessed} of {total} indicators", total).format(
        assessed=assessed, total=total)


def pillar_text(score: int | None, assessed: int, total: int) -> str:
    """'81 (6 of 8 indicators)', 'not assessed (0 of 5 indicators)': a score and its coverage."""
    return f"{score_text(score)} ({coverage_text(assessed, total)})"


def profile_lines(profile: Profile) -> list[str]:
    """The text block ``stats`` and ``lint --statistics`` print."""
    out = [_("Trust profile (a pillar's score is the mean of its assessed indicators, 0-100):")]
    width = max((len(r.title) for p in profile.pillars for r in p.readings), default=0)
    for p in profile.pillars:
        out.append(f"  {word(p.pillar)}: {pillar_text(p.score, p.assessed, p.total)}")
        for r in p.readings:
            out.append(f"    {r.title.ljust(width)}  {_share(r)}")
    if profile.not_assessed:
        out.append(_("Not assessed (the source cannot express what these rules need):"))
        out += [f"  {code} {name}: {why}" for code, name, why in profile.not_assessed]
    return out


def unit_score(pillar: dict[str, Any] | None) -> str:
    """'75 (5/8)': a unit's pillar score and how many of its indicators it saw ('-': none)."""
    if pillar is None:
        return "-"
    return f"{'-' if pillar['score'] is None else pillar['score']} ({pillar['assessed']}/{pillar['total']})"


def unit_profile_table(rows: list[dict[str, Any]], max_indent: int = 8) -> list[str]:
    """The lines of ``stats`` and ``stats --by unit`` that give each unit's pillar scores,
    its own and with the units below it (``breakdown.by_unit``'s rows); nothing when no
    unit has an assessed indicator."""
    units = [r for r in rows if r.get("profile")]
    if not any(p["assessed"] for r in units for scope in r["profile"].values() for p in scope.values()):
        return []
    keys = list(units[0]["profile"]["own"])
    pillars = [word(p) for p in keys]
    table = [[("  " * min(r["depth"], max_indent)) + str(r["name"]),
              *(f"{unit_score(r['profile']['own'][p])} · {unit_score(r['profile']['subtree'][p])}" for p in keys)]
             for r in units]
    widths = [max(len(row[i]) for row in [[_("unit"), *pillars], *table]) for i in range(len(pillars) + 1)]
    head = _("Trust profile per unit: its own members · with the units below it (score, and how many of the "
             "pillar's indicators it saw):")
    return ["", head, *(("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False))).rstrip()
                        for row in [[_("unit"), *pillars], *table])]

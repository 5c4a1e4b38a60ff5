"""What a plugin makes to add an indicator to the trust profile: an :class:`Indicator`,
and :class:`NotAssessed` when the model says nothing about what it counts.

Every plugin's ``orgcheck_indicators`` hook runs as plugins load, so these two live
apart from the profile's measuring and wording (``orgcheck.api.profile``), which only
``stats``, the report and ``lint --statistics`` need.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Indicator", "NotAssessed"]


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
    func: Callable[..., tuple[int, int]] | None
    needs: tuple[str, ...] = ()
    plugin: str = ""  # filled in by the plugin manager
    #: the subject-level form: ``items(org, measures)`` yields ``(unit, numerator part,
    #: denominator part)`` per entity counted (its unit: a person's, a step's performer's,
    #: the team itself; None for what belongs to no unit, such as a role), or returns
    #: NotAssessed. Given it, ``func`` may be None (the sums are the indicator), and the
    #: indicator has a reading per unit (``stats --by unit``, the report's unit table).
    items: Callable[..., Any] | None = None


@dataclass(frozen=True)
class NotAssessed:
    """What an indicator returns instead of ``(numerator, denominator)`` when the model
    says nothing about what it counts: ``reason`` in the reader's words ("no manager in
    the model records a manager type")."""

    reason: str

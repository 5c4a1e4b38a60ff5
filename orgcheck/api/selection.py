"""Which rules run: selectors by code, name or code prefix; the most specific wins."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from orgcheck.api.rules import Rule
from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _
from orgcheck.suggest import nearest

_PREFIX = re.compile(r"^[A-Za-z]+[0-9]*$")
ALWAYS = ("OC001",)  # a document that is not valid stops everything: it cannot be switched off


class SelectorError(OrgcheckError, ValueError):
    pass


def _specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 = not at all."""
    if selector == rule.name or selector.upper() == rule.code:
        return 1000
    if selector.upper() == "ALL":
        return 1
    if _PREFIX.match(selector) and rule.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def matches(selector: str, rule: Rule) -> bool:
    """Whether ``selector`` (a code, a name, a code prefix or ALL) names ``rule``."""
    return _specificity(selector, rule) > 0


def check_selectors(selectors: Iterable[str], rules: dict[str, Rule], where: str) -> None:
    """Raise SelectorError for a selector that matches no loaded rule."""
    for s in selectors:
        if not any(_specificity(s, r) for r in rules.values()):
            known = [*rules, *(r.name for r in rules.values())]
            best = nearest(s, known) or nearest(s.upper(), known)
            hint = _("; did you mean {name}?").format(name=repr(best)) if best else ""
            raise SelectorError(_("{where}: {selector} matches no rule{hint} (see `orgcheck rules`)").format(
                where=where, selector=repr(s), hint=hint))


def select(rules: dict[str, Rule], select: list[str] | None, ignore: list[str],
           extend_select: Sequence[str] = (), base: set[str] | None = None) -> list[Rule]:
    """The rules that run, in code order.

    The starting set is ``select`` when given, else ``base`` (the codes the presets
    enable), else every loaded rule. A rule runs when its most specific positive
    selector (the starting set or ``extend_select``) is more specific than its most
    specific ``ignore``; at a tie, ignore wins. Being in a preset counts as the least
    specific selection, like ALL: any ignore that names the rule beats it.
    """
    positive = list(select) if select is not None else ["ALL"] if base is None else []
    positive += list(extend_select)
    out = []
    for code in sorted(rules):
        rule = rules[code]
        if code in ALWAYS:
            out.append(rule)
            continue
        plus = max((_specificity(s, rule) for s in positive), default=0)
        if select is None and base is not None and code in base:
            plus = max(plus, 1)
        minus = max((_specificity(s, rule) for s in ignore), default=0)
        if plus and plus > minus:
            out.append(rule)
    return out

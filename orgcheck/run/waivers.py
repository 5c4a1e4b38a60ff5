"""Waivers: a finding silenced with its reason, in the model itself. Judges the
waivers too (OC901 unused, OC902 expired, OC903 naming no rule)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from orgcheck.api.manager import Plugins
from orgcheck.config import Config
from orgcheck.i18n.runtime import _
from orgcheck.model import Org
from orgcheck.run.raw import RawFinding, severity_for

VALIDATION = "OC001"
UNUSED_WAIVER, EXPIRED_WAIVER, UNKNOWN_WAIVER_RULE = "OC901", "OC902", "OC903"


def waivers_of(org: Org) -> Iterable[tuple[Any, dict, str]]:
    """(holder entity or None, waiver, pointer of the waiver) for every waiver."""
    for i, w in enumerate(org.waivers):
        yield None, w, f"/waivers/{i}"
    for entity in org.waiver_holders:  # noted while the model was built: not a walk of a million entities
        held = entity.raw.get("waivers")
        if not held or org.get(entity.id) is not entity:  # a later duplicate's waivers are not read
            continue
        for i, w in enumerate(held):
            yield entity, w, f"{entity.pointer}/waivers/{i}"

def apply_waivers(org: Org, raw: list[RawFinding], ran: set[str], plugins: Plugins,
                   config: Config) -> tuple[list[RawFinding], int]:
    waivers = list(waivers_of(org))
    if not waivers:
        return raw, 0
    meta = {code: plugins.rules.get(code) for code in (UNUSED_WAIVER, EXPIRED_WAIVER, UNKNOWN_WAIVER_RULE)}
    live: list[tuple[str, str | None, int]] = []  # (rule code, holder id or None, index)
    extra: list[RawFinding] = []

    def report_waiver(code: str, message: str, pointer: str, holder: Any) -> None:
        rule = meta.get(code)
        if rule is not None and code in ran:
            extra.append(RawFinding(rule, severity_for(rule, None, config), message, pointer,
                              holder.id if holder is not None else None))

    for i, (holder, w, pointer) in enumerate(waivers):
        rule = plugins.find_rule(str(w.get("rule", "")))
        if rule is None:
            text = (_("waiver on {holder} names no known rule {rule}") if holder is not None
                    else _("waiver for the whole document names no known rule {rule}"))
            report_waiver(UNKNOWN_WAIVER_RULE, text.format(holder=repr(getattr(holder, "id", None)),
                                                           rule=repr(w.get("rule")))
                          + _hint(str(w.get("rule", "")), plugins), pointer, holder)
            continue
        expires = w.get("expires")
        if expires and _dt.date.fromisoformat(expires) < org.today:
            text = (_("waiver of {code} {name} on {holder} expired on {date}; it no longer silences anything: "
                      "renew it with a reason or fix the finding") if holder is not None
                    else _("waiver of {code} {name} for the whole document expired on {date}; it no longer "
                           "silences anything: renew it with a reason or fix the finding"))
            report_waiver(EXPIRED_WAIVER, text.format(code=rule.code, name=rule.name, date=expires,
                                                      holder=repr(getattr(holder, "id", None))),
                          pointer, holder)
            continue
        live.append((rule.code, holder.id if holder is not None else None, i))
    used = [0] * len(waivers)
    kept = []
    by_key: dict[tuple[str, str | None], int] = {}
    for code, holder_id, i in live:
        by_key.setdefault((code, holder_id), i)
    waived = 0
    for f in raw:
        index = by_key.get((f.rule.code, f.entity)) if f.entity is not None else None
        if index is None:
            index = by_key.get((f.rule.code, None))
        if index is None or f.rule.code == VALIDATION:
            kept.append(f)
        else:
            used[index] += 1
            waived += 1
    for code, holder_id, i in live:
        holder, w, pointer = waivers[i]
        if not used[i] and code in ran and by_key[(code, holder_id)] == i:
            rule = plugins.rules[code]
            text = (_("waiver of {code} {name} on {holder} silenced nothing; remove it") if holder is not None
                    else _("waiver of {code} {name} for the whole document silenced nothing; remove it"))
            report_waiver(UNUSED_WAIVER, text.format(code=rule.code, name=rule.name,
                                                     holder=repr(getattr(holder, "id", None))), pointer, holder)
    return kept + extra, waived

def _hint(word: str, plugins: Plugins) -> str:
    from orgcheck.suggest import did_you_mean

    return did_you_mean(word, [*plugins.rules, *(r.name for r in plugins.rules.values())])

"""The trust profile: per pillar, how many checks a model passes and fails, and
which findings weigh most.

A check is one rule that declares a pillar, run on one model file. It passes when
it reports nothing (after waivers and baseline), and fails otherwise. A file that
fails validation is not judged: no pillar rule ran on it. Findings weigh by their
severity first, then by how many there are.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..report import Located
from ..rules import PILLARS, Rule, Severity
from ..wording import plural as _plural

HEAVIEST = 3  # how many rules "weighs most" names per pillar


@dataclass
class Weight:
    code: str
    name: str
    severity: Severity  # the worst severity among its findings
    count: int


@dataclass
class PillarProfile:
    pillar: str
    checks: int  # rules of this pillar that ran, times the files judged
    failed: int
    findings: Counter = field(default_factory=Counter)  # by severity value
    heaviest: list[Weight] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.checks - self.failed

    def as_dict(self) -> dict:
        return {"pillar": self.pillar, "checks": self.checks, "passed": self.passed, "failed": self.failed,
                "findings": {s: self.findings.get(s, 0) for s in ("error", "warning", "info")},
                "weighs_most": [{"rule": w.code, "name": w.name, "severity": w.severity.value,
                                 "count": w.count} for w in self.heaviest]}


def judged_files(files: Iterable[str], findings: Iterable[Located]) -> list[str]:
    """The files the pillar rules ran on: those that passed validation."""
    from ..engine import VALIDATION

    invalid = {f.file for f in findings if f.rule == VALIDATION}
    return [f for f in files if f not in invalid]


def trust_profile(findings: list[Located], rules: dict[str, Rule], files: list[str]) -> list[PillarProfile]:
    """One profile per pillar, in the order of rules.md (self-steering,
    professionalism, context). ``rules`` are the rules that ran."""
    judged = judged_files(files, findings)
    judged_set = set(judged)
    out = []
    for pillar in PILLARS:
        codes = {code for code, r in rules.items() if r.pillar == pillar}
        mine = [f for f in findings if f.rule in codes and f.file in judged_set]
        profile = PillarProfile(pillar, len(codes) * len(judged), len({(f.rule, f.file) for f in mine}))
        profile.findings.update(f.severity.value for f in mine)
        by_rule: dict[str, list[Located]] = {}
        for f in mine:
            by_rule.setdefault(f.rule, []).append(f)
        weights = [Weight(code, fs[0].name, max((f.severity for f in fs), key=lambda s: s.rank), len(fs))
                   for code, fs in by_rule.items()]
        weights.sort(key=lambda w: (-w.severity.rank, -w.count, w.code))
        profile.heaviest = weights[:HEAVIEST]
        out.append(profile)
    return out



def describe(profile: PillarProfile) -> str:
    """'4 of 17 checks pass; 14 findings (11 warnings, 3 info); weighs most: OC101 span-too-wide (2), ...'"""
    if not profile.checks:
        return "no checks ran"
    text = f"{profile.passed} of {_plural(profile.checks, 'check')} pass"
    total = sum(profile.findings.values())
    if total:
        parts = [_plural(profile.findings[s], s) for s in ("error", "warning", "info") if profile.findings[s]]
        text += f"; {_plural(total, 'finding')} ({', '.join(parts)})"
        heavy = ", ".join(f"{w.code} {w.name} ({w.count})" for w in profile.heaviest)
        text += f"; weighs most: {heavy}"
    return text


def profile_lines(profiles: list[PillarProfile]) -> list[str]:
    """The text block ``lint --statistics`` and ``stats`` print."""
    if not any(p.checks for p in profiles):
        return []
    width = max(len(p.pillar) for p in profiles)
    return ["Trust profile (checks passed per pillar):",
            *(f"  {p.pillar.ljust(width)}  {describe(p)}" for p in profiles)]

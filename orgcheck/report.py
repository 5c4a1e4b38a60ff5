"""What a run produces: located findings and the report formatters receive."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgcheck.api.rules import Severity


@dataclass(frozen=True, init=False)
class Located:
    """A finding with everything a user needs to act on it."""

    rule: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int | None
    column: int | None
    pointer: str | None
    entity: str | None

    def __init__(self, rule: str, name: str, severity: Severity, message: str, file: str, line: int | None,
                 column: int | None, pointer: str | None, entity: str | None) -> None:
        # What dataclass would write, but one update of the instance's dict where a frozen
        # dataclass calls object.__setattr__ nine times: 1.2 µs against 2.9 a finding.
        self.__dict__.update(rule=rule, name=name, severity=severity, message=message, file=file, line=line,
                             column=column, pointer=pointer, entity=entity)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.message, self.pointer or "")

    def as_dict(self) -> dict:
        return {
            "rule": self.rule, "name": self.name, "severity": self.severity.value,
            "message": self.message, "file": self.file, "line": self.line,
            "column": self.column, "pointer": self.pointer, "entity": self.entity,
        }


@dataclass
class Report:
    """The outcome of linting some files: sorted findings, and what could not be done."""

    files: list[str] = field(default_factory=list)
    findings: list[Located] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # orgcheck could not do the job (exit 2)
    notes: list[str] = field(default_factory=list)  # worth saying on standard error, not failures
    waived: int = 0
    baselined: int = 0
    rules_run: list[str] = field(default_factory=list)  # codes, sorted
    fail_on: dict[str, Severity] = field(default_factory=dict)  # by file, from its config
    #: by file: how many selected rules did not run because its schema errors (OC001) came first
    not_run: dict[str, int] = field(default_factory=dict)
    #: by file: the rules that did not run because the source cannot express what they
    #: need, as (rule code, reason) pairs: "not assessed", neither a finding nor a pass
    not_assessed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: by file: the trust profile (``orgcheck.api.profile.Profile``), when it was asked for
    profiles: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def summary(self) -> dict:
        return {"files": len(self.files), "findings": len(self.findings), **self.counts()}

    @property
    def outcome(self) -> dict:
        """Whether the result is clean, and what kept it from being complete."""
        return {"clean": not self.findings and not self.errors,
                # what stopped orgcheck (exit status 2): an error is never a clean result
                "failures": list(self.errors),
                "rules_not_run": [{"file": f, "rules": n, "reason": "schema errors (OC001): fix them first"}
                                  for f, n in sorted(self.not_run.items())],
                # what the source cannot express: neither a finding nor a pass
                "rules_not_assessed": [{"file": f, "rule": code, "reason": reason}
                                       for f, items in sorted(self.not_assessed.items()) for code, reason in items]}

    def exit_status(self, fail_on: Severity | str | None = None) -> int:
        """2 when orgcheck could not do the job; 1 when a finding is at or above
        ``fail_on`` (default: each file's configured ``fail-on``, else warning)."""
        if self.errors:
            return 2
        for f in self.findings:
            bar = Severity(fail_on) if fail_on else self.fail_on.get(f.file, Severity.WARNING)
            if f.severity.rank >= bar.rank:
                return 1
        return 0

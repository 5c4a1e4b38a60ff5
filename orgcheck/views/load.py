"""Load one model for a view: its document, its ``Org``, and what lint says about it.

A view judges the model as it is: waivers apply (they are recorded design
decisions), a baseline does not (it hides findings, it does not change the design).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from orgcheck.api.measures import Measures, measures_of
from orgcheck.api.rules import Rule
from orgcheck.config import Config, ConfigError, Overrides
from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _
from orgcheck.io.document import Document, ReaderError, Source
from orgcheck.model import Org
from orgcheck.report import Located, Report


class ViewError(OrgcheckError):
    """A user's mistake a view cannot get past: one line, exit status 2. ``problem``: for
    a model that is not valid, its first problem alone (what-if quotes it)."""

    problem: str | None = None


class NoReader(ViewError):
    """No reader takes this file (its name or --input-format says no model format)."""


@dataclass
class Loaded:
    """One valid model and its lint findings (sorted, waivers applied, no baseline)."""

    display: str
    document: Document
    org: Org
    report: Report
    rules: dict[str, Rule]  # the rules that ran, by code
    config: Config
    plugins: Any

    @property
    def measures(self) -> Measures:
        """The plugins' measures of this model, each with its rules' configured options,
        as the rules receive them: ``loaded.measures("span_status", person)``. Views read
        figures and bounds from here, never from copies."""
        found = self.__dict__.get("_measures")
        if found is None:
            found = self.__dict__["_measures"] = measures_of(self.org, self.plugins, self.config)
        return found

    def findings_by_entity(self) -> dict[str, list[Located]]:
        out: dict[str, list[Located]] = {}
        for f in self.report.findings:
            if f.entity is not None:
                out.setdefault(f.entity, []).append(f)
        return out


def settings_for(path: str, overrides: Overrides) -> tuple[Any, Config, Any]:
    """The target, config and plugins ``orgcheck lint PATH`` would use for one file."""
    from orgcheck.run import engine

    try:
        plan = engine.plan([path], replace(overrides, no_baseline=True))
    except ConfigError as exc:
        raise ViewError(str(exc)) from None
    if plan.errors:
        raise ViewError(plan.errors[0])
    _say_notes(plan.notes)
    if len(plan.targets) != 1:
        raise ViewError(f"{path}: a directory with {len(plan.targets)} models; name one model file")
    return plan.targets[0], plan.configs[0], plan.plugins


def _say_notes(notes: list[str]) -> None:
    """What discovery skipped (a config file of another user, a config's plugins)."""
    import sys

    from orgcheck.formatters.escape import printable

    for note in notes:
        sys.stderr.write(printable(f"orgcheck: {note}") + "\n")


def load(path: str, overrides: Overrides | None = None) -> Loaded:
    """Read, validate, build and lint one model file (``-``: standard input)."""
    from orgcheck.io.safe_io import ReadError
    from orgcheck.run.engine import read_source

    target, config, plugins = settings_for(path, overrides or Overrides())
    try:
        data = read_source(target)
    except ReadError as exc:
        raise ViewError(f"{target.display}: {exc.reason}") from None
    return load_bytes(target.path, target.display, data, config, plugins)


def load_bytes(path: str, display: str, data: bytes, config: Config, plugins: Any) -> Loaded:
    """Build and lint a model from bytes (an old version from git, say)."""
    from orgcheck.run.engine import VALIDATION, check, prepare

    try:
        rules = prepare(config, plugins)
    except ConfigError as exc:
        raise ViewError(str(exc)) from None
    try:
        document = plugins.load_source(Source(path, data, config.input_format), config.reader_options,
                                       config.rule_timeout)
    except ReaderError as exc:  # a --map column the file lacks: the user's to fix, as in lint
        raise ViewError(f"{display}: {exc}") from None
    if document is None:
        raise NoReader(f"{display}: no reader for this file; name it *.org.json or pass --input-format")
    document.path = display
    checked = check(document, rules, config, plugins)
    report = checked.report
    if report.errors:
        raise ViewError(report.errors[0])
    invalid = [f for f in report.findings if f.rule == VALIDATION]
    if invalid or checked.org is None:
        first = invalid[0]
        where = f":{first.line}:{first.column}" if first.line is not None else ""
        more = (" " + _("(and {count} more)").format(count=len(invalid) - 1)) if len(invalid) > 1 else ""
        error = ViewError(_("{file}: not a valid org model: {problem}; run `orgcheck lint {display}` for every "
                            "problem").format(file=f"{display}{where}", problem=f"{first.message}{more}",
                                              display=display))
        error.problem = f"{first.message}{more}"
        raise error
    return Loaded(display, document, checked.org, report, {r.code: r for r in rules}, config, plugins)

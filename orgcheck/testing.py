"""Helpers for testing rules: build a model with little boilerplate, lint it, assert.

    from orgcheck.testing import lint_model, assert_fires, assert_silent

    def test_span_too_wide():
        report = lint_model({"people": [...]}, select=["OC101"])
        assert_fires(report, "OC101", entities=["boss"], contains="11 direct reports")

A dict model gets what a test does not care about filled in: the organization,
an empty ``people`` list, and a ``name`` (its id) on every entity that needs one.
A string is linted exactly as written (JSON), so a test can assert line numbers.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .config import Config
from .document import load_json
from .engine import check_document, prepare
from .plugins import Plugins, load_plugins
from .report import Located, Report

__all__ = ["assert_fires", "assert_silent", "complete_model", "findings", "lint_model"]

_NAMED = ("units", "roles", "externals", "processes", "metrics")


def complete_model(model: dict) -> dict:
    """A copy of ``model`` with the required fields a test does not care about filled in."""
    doc = copy.deepcopy(model)
    doc.setdefault("organization", {"id": "org", "name": "Test organization"})
    doc.setdefault("people", [])
    for person in doc["people"]:
        if isinstance(person, dict) and not person.get("vacant") and "name" not in person and "id" in person:
            person["name"] = person["id"]
    for key in _NAMED:
        for item in doc.get(key, []) or []:
            if isinstance(item, dict) and "name" not in item and "id" in item:
                item["name"] = item["id"]
    for process in doc.get("processes", []) or []:
        for step in process.get("steps", []) if isinstance(process, dict) else []:
            if isinstance(step, dict) and "name" not in step and "id" in step:
                step["name"] = step["id"]
    return doc


@lru_cache(maxsize=None)
def _plugins(local: tuple[str, ...]) -> Plugins:
    plugins = load_plugins(list(local))
    if plugins.errors:
        raise AssertionError("plugins failed to load:\n" + "\n".join(map(str, plugins.errors)))
    return plugins


def lint_model(model: dict | str, *, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               options: dict[str, dict[str, Any]] | None = None, severity: dict[str, str] | None = None,
               today: _dt.date | str | None = None, plugins: Iterable[str | Path] = (),
               path: str = "org.json") -> Report:
    """Lint one model (a dict, completed; or JSON text, as is) and return the Report.

    Raises AssertionError when a rule crashes, so a test never passes on a crash.
    """
    if isinstance(model, dict):
        text = json.dumps(complete_model(model), indent=2, ensure_ascii=False)
    else:
        text = model
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    config = Config(select=list(select) if select is not None else None, ignore=list(ignore),
                    rule_options=dict(options or {}), severity=dict(severity or {}),
                    today=today or _dt.date(2026, 1, 1))
    loaded = _plugins(tuple(str(p) for p in plugins))
    rules = prepare(config, loaded)
    report = Report(files=[path], rules_run=[r.code for r in rules])
    check_document(load_json(path, text.encode("utf-8")), rules, config, loaded, report)
    report.findings.sort(key=Located.sort_key)
    if report.errors:
        raise AssertionError("\n".join(report.errors))
    return report


def findings(report: Report, rule: str) -> list[Located]:
    """The findings of one rule (by code or name)."""
    return [f for f in report.findings if rule in (f.rule, f.name)]


def _show(report: Report) -> str:
    if not report.findings:
        return "  (no findings)"
    return "\n".join(f"  {f.line}:{f.column} {f.rule} {f.name} [{f.severity.value}] entity={f.entity!r} "
                     f"{f.message}" for f in report.findings)


def assert_fires(report: Report, rule: str, entities: Iterable[str | None] | None = None, *,
                 lines: Iterable[int] | None = None, contains: str | Iterable[str] = (),
                 severity: str | None = None) -> list[Located]:
    """Assert that ``rule`` fired; with ``entities``, on exactly those entity ids (in
    order of position); with ``lines``, at exactly those lines; every message must
    contain each of ``contains``."""
    found = findings(report, rule)
    if not found:
        raise AssertionError(f"expected {rule} to fire, but it did not. All findings:\n{_show(report)}")
    if entities is not None and [f.entity for f in found] != list(entities):
        raise AssertionError(f"expected {rule} on {list(entities)}, got {[f.entity for f in found]}:\n"
                             f"{_show(report)}")
    if lines is not None and [f.line for f in found] != list(lines):
        raise AssertionError(f"expected {rule} at lines {list(lines)}, got {[f.line for f in found]}:\n"
                             f"{_show(report)}")
    fragments = [contains] if isinstance(contains, str) else list(contains)
    for f in found:
        for fragment in fragments:
            if fragment not in f.message:
                raise AssertionError(f"expected {rule}'s message to contain {fragment!r}:\n  {f.message}")
        if severity is not None and f.severity.value != severity:
            raise AssertionError(f"expected {rule} as {severity}, got {f.severity.value}")
    return found


def assert_silent(report: Report, rule: str) -> None:
    """Assert that ``rule`` did not fire."""
    found = findings(report, rule)
    if found:
        raise AssertionError(f"expected {rule} to stay silent, but it fired:\n{_show(report)}")

"""Testing rules: build a model with little boilerplate, lint it, assert on what a
user would see. The public API for rule authors (and orgcheck's own rule tests).

    from orgcheck.testing import assert_fires, assert_silent, lint_model

    def test_span_too_wide():
        report = lint_model({"people": [{"id": "boss"}, *[{"id": f"r{i}", "reports_to": "boss"}
                                                          for i in range(11)]]}, select=["OC101"])
        assert_fires(report, "OC101", entities=["boss"], contains="11 direct reports")

    def test_my_rule():  # a rule of your own, registered for this test only
        report = lint_model({"people": [...]}, rules=[contractor_manages_staff])
        assert_silent(report, "ACME001")

A dict model gets what a test does not care about filled in (see
:func:`complete_model`) and is linted as indented JSON. A string is linted exactly
as written, so a test can assert line numbers: JSON, or any format a reader plugin
reads (YAML once a YAML reader is installed), guessed from the text or given as
``format=``. The assertions fail with the findings listed, one a line.

Installed with orgcheck is a pytest plugin with the fixtures ``lint_model`` and
``org_model`` (the functions below, loading the local plugin files named by the
``orgcheck_plugins`` ini option) and helpers that hide their own frames from
tracebacks.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import re
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.manager import Plugins, load_plugins
from orgcheck.api.rules import Rule, Severity
from orgcheck.config import Config, ConfigError
from orgcheck.io.document import Document, ReaderError, Source
from orgcheck.model import Org
from orgcheck.report import Located, Report
from orgcheck.run.engine import check, prepare

__all__ = ["assert_documented", "assert_fires", "assert_silent", "complete_model", "findings", "line_of",
           "lint_model", "org_model", "profile_of"]

TODAY = _dt.date(2026, 1, 1)  # a fixed date, so tests of dates do not age
_NAMED = ("units", "roles", "externals", "processes", "metrics")
_KIND = {"people": "person", "units": "unit", "roles": "role", "externals": "external",
         "processes": "process", "metrics": "metric", "interactions": "interaction"}
DOC_SECTIONS = ("What:", "Why:", "Fix:", "Options:", "Example:")


def complete_model(model: dict) -> dict:
    """A copy of ``model`` with what a test does not care about filled in: the
    ``organization``, an empty ``people`` list, an ``id`` on every entity without one
    (``person1``, ``unit2``...: kind and position), and a ``name`` (its id) on every
    entity that needs one."""
    doc = copy.deepcopy(model)
    doc.setdefault("organization", {"id": "org", "name": "Test organization"})
    doc.setdefault("people", [])
    used = {item.get("id") for key in _KIND for item in doc.get(key) or [] if isinstance(item, dict)}
    for key, kind in _KIND.items():
        for n, item in enumerate(doc.get(key) or [], 1):
            if isinstance(item, dict) and "id" not in item:
                candidate, extra = f"{kind}{n}", 0
                while candidate in used:
                    extra += 1
                    candidate = f"{kind}{n}-{extra}"
                item["id"] = candidate
                used.add(candidate)
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


# One Plugins per set of local files and test rules: loading entry points once per
# test session, not once per test.
_LOADED: dict[tuple, tuple[Plugins, tuple]] = {}


def _plugins(local: tuple[str, ...], rules: tuple[Rule, ...] = ()) -> Plugins:
    key = (local, tuple(id(r) for r in rules))
    if key not in _LOADED:
        plugins = load_plugins(list(local))
        if plugins.errors:
            raise AssertionError("plugins failed to load:\n" + "\n".join(f"  {e}" for e in plugins.errors))
        # A rule the installed plugins already provide (the test of an installed
        # plugin) is used as it is; the others are registered as a test plugin.
        new = [r for r in rules if not any(loaded.func is r.func for loaded in plugins.rules.values())]
        if new:
            plugin = types.SimpleNamespace(orgcheck_rules=hookimpl(lambda: list(new)))
            plugins = load_plugins(list(local), extra=[("test rules", plugin)])
            if plugins.errors:
                raise AssertionError("rules failed to load:\n" + "\n".join(f"  {e}" for e in plugins.errors))
        _LOADED[key] = (plugins, rules)  # keeps the rules alive, so their ids stay theirs
    return _LOADED[key][0]


def _guess_format(text: str) -> str:
    return "json" if text.lstrip()[:1] in ("{", "[", "") else "yaml"


def _document(model: dict | str, plugins: Plugins, path: str | None, fmt: str | None,
              complete: bool | None) -> Document:
    by_name = False
    if isinstance(model, dict):
        if complete is False:
            text = json.dumps(model, indent=2, ensure_ascii=False)
        else:
            text = json.dumps(complete_model(model), indent=2, ensure_ascii=False)
        fmt = fmt or "json"
    elif isinstance(model, str):
        # A text given a file name and no format reaches the readers as a file of that
        # name would (--input-format unset), so that a reader that goes by the name
        # (mots.yaml, *.org.ini) is asked, as `orgcheck lint` asks it.
        by_name = path is not None and fmt is None
        fmt = fmt or _guess_format(model)
        text = model
        if complete:
            parsed = _document(model, plugins, path, fmt, None)
            if parsed.parse_error is not None or not isinstance(parsed.data, dict):
                return parsed
            return _document(parsed.data, plugins, path, "json", True)
    else:
        raise TypeError(f"lint_model() takes a dict or a string, not {type(model).__name__}")
    path = path or f"org.{fmt}"
    try:
        document = plugins.load_source(Source(path, text.encode("utf-8"), None if by_name else fmt), {})
    except ReaderError as exc:
        raise AssertionError(f"{path}: {exc}") from None
    if document is None:
        raise AssertionError(f"no reader plugin reads {path}" + ("" if by_name else f" as {fmt!r}")
                             + "; installed readers read json"
                             + (" (is the YAML reader installed?)" if fmt in ("yaml", "yml") else ""))
    document.path = path
    return document


def lint_model(model: dict | str, *, rules: Iterable[Rule] = (), select: Iterable[str] | None = None,
               preset: str | Iterable[str] | None = None, ignore: Iterable[str] = (),
               extend_select: Iterable[str] = (), options: dict[str, dict[str, Any]] | None = None,
               severity: dict[str, str] | None = None, today: _dt.date | str | None = None,
               plugins: Iterable[str | Path] = (), path: str | None = None, format: str | None = None,
               complete: bool | None = None, expresses: Iterable[str] | None = None,
               source_name: str = "this source") -> Report:
    """Lint one model and return the :class:`orgcheck.Report`, as ``orgcheck lint`` would.

    ``model``: a dict (completed unless ``complete=False``) or text (as written,
    unless ``complete=True``; JSON when it starts with ``{``, else YAML, or as
    ``format`` says, the ``--input-format`` the readers receive). ``path``: the file
    name findings report (default ``org.json`` or ``org.yaml``); a text with a
    ``path`` and no ``format`` reaches the readers as that file would, the format
    guessed from its name, so a reader that goes by the name is asked. ``rules``: rule
    objects to register for this test (and, without ``select`` or ``preset``, the only
    ones to run besides OC001). ``select``, ``preset``, ``ignore``, ``extend_select``,
    ``options`` (``{"OC101": {"max": 12}}``) and ``severity`` are the config keys of
    the same names. ``plugins``: local plugin files to load. ``today`` defaults to
    2026-01-01. ``expresses``: the parts of the model the source can express
    (``orgcheck.api.parts.PARTS``; None: all, as format 1), as a reader of another
    format says, with ``source_name`` for the reason: a rule whose ``needs`` it lacks
    does not run and is in ``report.not_assessed``.

    Raises AssertionError when a plugin fails to load, a setting is wrong or a rule
    crashes (its traceback goes to standard error), so a test never passes on a crash.
    """
    rules = tuple(rules)
    if isinstance(preset, str):
        preset = [preset]
    if select is None and preset is None and rules:
        select = [r.code for r in rules]
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    config = Config(select=list(select) if select is not None else None,
                    preset=list(preset) if preset is not None else None, ignore=list(ignore),
                    extend_select=list(extend_select), rule_options=dict(options or {}),
                    severity={key: Severity(value) for key, value in (severity or {}).items()}, today=today or TODAY)
    loaded = _plugins(tuple(str(p) for p in plugins), rules)
    try:
        selected = prepare(config, loaded)
    except ConfigError as exc:
        raise AssertionError(f"bad settings: {exc}") from None
    document = _document(model, loaded, path, format, complete)
    if expresses is not None:
        document.expresses, document.source_name = frozenset(expresses), source_name
    report = check(document, selected, config, loaded, show_traceback=True).report
    if report.errors:
        raise AssertionError("\n".join(report.errors))
    return report


def profile_of(model: dict | str, *, options: dict[str, dict[str, Any]] | None = None,
               plugins: Iterable[str | Path] = (), expresses: Iterable[str] | None = None,
               source_name: str = "this source", today: _dt.date | str | None = None) -> Any:
    """The trust profile (:class:`orgcheck.api.profile.Profile`) of ``model``, as ``orgcheck
    stats`` measures it, with the indicators of the installed plugins and of the local
    plugin files ``plugins``; ``expresses`` and ``options`` as for :func:`lint_model`.
    ``profile.as_dict()["context"]["indicators"]`` lists each indicator's reading."""
    __tracebackhide__ = True
    from orgcheck.api.profile import measure_profile, warnings_by_pillar

    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    loaded = _plugins(tuple(str(p) for p in plugins))
    config = Config(rule_options=dict(options or {}), today=today or TODAY)
    document = _document(model, loaded, None, None, None)
    if expresses is not None:
        document.expresses, document.source_name = frozenset(expresses), source_name
    checked = check(document, prepare(config, loaded), config, loaded)
    if checked.org is None:
        raise AssertionError(f"the model is not valid, so it has no profile:\n{_show(checked.report)}")
    warned = warnings_by_pillar((loaded.rules[f.rule].pillar if f.rule in loaded.rules else None, f.severity)
                                for f in checked.report.findings)
    return measure_profile(checked.org, document, loaded, config,
                           checked.report.not_assessed.get(document.path, ()), warned)


def org_model(model: dict | str, *, today: _dt.date | str | None = None, plugins: Iterable[str | Path] = (),
              format: str | None = None, complete: bool | None = None) -> Org:
    """The :class:`orgcheck.Org` a rule receives for ``model`` (completed as in
    :func:`lint_model`), for calling a rule function or a helper of yours directly.
    Raises AssertionError, listing the problems, when the model breaks the schema."""
    __tracebackhide__ = True
    loaded = _plugins(tuple(str(p) for p in plugins))
    document = _document(model, loaded, None, format, complete)
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    checked = check(document, [], Config(select=[], today=today or TODAY), loaded)
    if checked.org is None or checked.report.findings:
        raise AssertionError(f"the model is not valid, so no rule would see it:\n{_show(checked.report)}")
    return checked.org


def _code(rule: str | Rule) -> str:
    return rule.code if isinstance(rule, Rule) else rule


def findings(report: Report, rule: str | Rule) -> list[Located]:
    """The findings of one rule (by code, name or the rule itself)."""
    wanted = _code(rule)
    return [f for f in report.findings if wanted in (f.rule, f.name)]


def _show(report: Report) -> str:
    if not report.findings:
        return "  (no findings)"
    return "\n".join(f"  {f.line}:{f.column} {f.rule} {f.name} [{f.severity.value}] entity={f.entity!r} "
                     f"{f.message}" for f in report.findings)


def assert_fires(report: Report, rule: str | Rule, entities: Iterable[str | None] | None = None, *,
                 lines: Iterable[int] | None = None, contains: str | Iterable[str] = (),
                 severity: str | None = None, count: int | None = None) -> list[Located]:
    """Assert that ``rule`` fired, and return its findings.

    ``entities``: exactly these entity ids, in document order (None for a finding
    about the whole document); ``lines``: at exactly these lines; ``count``: this many
    times; ``contains``: every message contains each fragment; ``severity``: every
    finding has it. A failure lists every finding of the report."""
    __tracebackhide__ = True
    code = _code(rule)
    found = findings(report, code)
    if not found:
        ran = "" if code in report.rules_run or not report.rules_run else (
            f" (it did not run: the rules that ran are {', '.join(report.rules_run)})")
        raise AssertionError(f"expected {code} to fire, but it did not{ran}. All findings:\n{_show(report)}")
    if entities is not None and [f.entity for f in found] != list(entities):
        raise AssertionError(f"expected {code} on {list(entities)}, got {[f.entity for f in found]}:\n"
                             f"{_show(report)}")
    if lines is not None and [f.line for f in found] != list(lines):
        raise AssertionError(f"expected {code} at lines {list(lines)}, got {[f.line for f in found]}:\n"
                             f"{_show(report)}")
    if count is not None and len(found) != count:
        raise AssertionError(f"expected {code} {count} time{'s' if count != 1 else ''}, got {len(found)}:\n"
                             f"{_show(report)}")
    fragments = [contains] if isinstance(contains, str) else list(contains)
    for f in found:
        for fragment in fragments:
            if fragment not in f.message:
                raise AssertionError(f"expected {code}'s message to contain {fragment!r}:\n"
                                     f"  {f.line}:{f.column} entity={f.entity!r} {f.message}")
        if severity is not None and f.severity.value != severity:
            raise AssertionError(f"expected {code} as {severity}, got {f.severity.value}:\n"
                                 f"  {f.line}:{f.column} entity={f.entity!r} {f.message}")
    return found


def assert_silent(report: Report, rule: str | Rule) -> None:
    """Assert that ``rule`` ran and did not fire."""
    __tracebackhide__ = True
    code = _code(rule)
    found = findings(report, code)
    if found:
        raise AssertionError(f"expected {code} to stay silent, but it fired:\n{_show(report)}")
    if report.rules_run and code not in report.rules_run:
        # Silence from a rule that never ran proves nothing.
        invalid = [f for f in report.findings if f.rule == "OC001"]
        why = f"the model is not valid:\n{_show(report)}" if invalid else (
            f"the rules that ran are {', '.join(report.rules_run)}: select it")
        raise AssertionError(f"{code} did not run, so its silence proves nothing; {why}")
    if any(f.rule == "OC001" for f in report.findings):
        raise AssertionError(f"{code} is silent only because the model is not valid (no rule runs on it):\n"
                             f"{_show(report)}")


def assert_documented(rule: Rule) -> None:
    """Assert that ``rule`` has docs in the form the built-in rules have: a one-line
    summary ending with '.', then the sections What:, Why:, Fix:, Options: and
    Example:, and every option named in them."""
    __tracebackhide__ = True
    docs = rule.docs
    problems = []
    if not rule.summary or not rule.summary.endswith("."):
        problems.append("the first line must be a one-sentence summary ending with '.'")
    problems += [f"no {s!r} section (a line starting with it)" for s in DOC_SECTIONS
                 if not re.search(rf"^{re.escape(s)}", docs, re.M)]
    problems += [f"option {o!r} is not described" for o in rule.options
                 if not re.search(rf"\b{re.escape(o)}\b", docs)]
    if problems:
        raise AssertionError(f"{rule.code} {rule.name}: incomplete docs:\n" + "\n".join(f"  - {p}" for p in problems))


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` occurrence of ``fragment`` in ``text``: for
    asserting the line a finding points at in a model written out as text."""
    index = -1
    for _ in range(nth):
        index = text.index(fragment, index + 1)
    return text.count("\n", 0, index) + 1

"""The plugin manager: entry points of the ``orgcheck`` group and local plugin files.

Each plugin is loaded on its own, so a broken one is named and does not hide the
others; rule codes and names must be unique across all of them.

How the hooks are called. pluggy's hook relay (``pm.hook.NAME(...)``) is one call
over every implementation; it fits a hook whose implementations are all trusted,
since the first one that raises ends the call without saying whose it was. Every
hook of orgcheck's runs third-party code whose failure must be named and must cost
only its own plugin, so each is called here an implementation at a time, through
pluggy's public ``pm.hook.NAME.get_hookimpls()``:

- ``orgcheck_load`` (firstresult) asks the readers in the order pluggy's own call
  would (:func:`call_order`: tryfirst first, trylast last, else the last registered
  first) and stops at the first Document, as pluggy would; a reader that crashes or
  returns something else is a ReaderError naming it.
- The registration hooks (rules, measures, indicators, formatters, presets, schema
  fragments) are a census, not a chain: every plugin's answer is taken, checked, and
  a plugin whose hook raises or answers wrongly is a load error of its own. When two
  plugins claim one rule code, format, measure or fragment, the plugin loaded first
  keeps it, so their answers are taken in load order (tryfirst and trylast order a
  chain of calls, and a census has none).

Hook wrappers are refused at load time for the same reason: with no relay call
there is nothing for them to wrap.
"""
from __future__ import annotations

import functools
import importlib.util
import inspect
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import pluggy

from orgcheck.api import hookspecs, input_formats
from orgcheck.api.calls import call_impl, call_order
from orgcheck.api.entrypoints import distribution_of
from orgcheck.api.hook_checks import hook_problem
from orgcheck.api.measures import Measure
from orgcheck.api.presets import Preset, collect_presets
from orgcheck.api.rules import CODE_RE, Rule, check_signature, config_problem
from orgcheck.run import guard, streams
from orgcheck.validate.fragments import fragment_problem
from orgcheck.wording import short as _short

GROUP = "orgcheck"
FORMAT_NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class PluginProblem(NamedTuple):
    """A plugin that could not be loaded, or whose rules could not be registered."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin}: {self.message}"


class PluginInfo(NamedTuple):
    name: str
    distribution: str  # "orgcheck 0.1.0", or "local file" for --plugin
    module: Any


@dataclass
class Plugins:
    """Everything the loaded plugins provide."""

    manager: pluggy.PluginManager
    infos: list[PluginInfo] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # by code, in load order
    errors: list[PluginProblem] = field(default_factory=list)
    #: worth saying on standard error when they load, not failures (a rule without a pillar)
    warnings: list[str] = field(default_factory=list)
    formatters: dict[str, Callable[..., str]] = field(default_factory=dict)
    #: which plugin (label) provides each formatter, for the message when one crashes
    formatter_plugins: dict[str, str] = field(default_factory=dict)
    #: every preset by its full name ("recommended", "acme:strict"), in load order
    presets: dict[str, Preset] = field(default_factory=dict)
    #: "x-<plugin>" -> the JSON Schema its data must match, and which plugin says so
    schema_fragments: dict[str, dict[str, Any]] = field(default_factory=dict)
    fragment_plugins: dict[str, str] = field(default_factory=dict)
    #: every measure by name (the ``orgcheck_measures`` hook), which views ask for
    measures: dict[str, Measure] = field(default_factory=dict)
    #: every trust-profile indicator by id (the ``orgcheck_indicators`` hook), in load order
    indicators: dict[str, Any] = field(default_factory=dict)
    #: every input format by name (``orgcheck_input_formats``: patterns, config table)
    input_formats: dict[str, Any] = field(default_factory=dict)

    def rule_by_name(self) -> dict[str, Rule]:
        return {r.name: r for r in self.rules.values()}

    def find_rule(self, code_or_name: str) -> Rule | None:
        """A rule by its code (any case) or its name."""
        return self.rules.get(code_or_name.upper()) or self.rule_by_name().get(code_or_name)

    def label(self, plugin: str) -> str:
        """How messages name a plugin: ``name (distribution version)``."""
        dist = next((i.distribution for i in self.infos if i.name == plugin), "?")
        return f"{plugin} ({dist})"

    def load_source(self, source: Any, options: dict[str, Any], timeout: float | None = None) -> Any:
        """The first reader's Document for ``source``, or None. A reader that crashes,
        runs past ``timeout`` seconds (--rule-timeout) or returns something else is a
        ReaderError naming the plugin, never a traceback."""
        from orgcheck.io.document import Document, ReaderError

        kwargs = {"source": source, "options": input_formats.with_defaults(self.input_formats, options)}
        for impl in call_order(self.manager.hook.orgcheck_load):
            try:
                with streams.plugin_code():
                    document = guard.call_with_timeout(
                        functools.partial(call_impl, impl, kwargs), timeout)
            except ReaderError:
                raise
            except guard.RuleTimeout:
                raise ReaderError(f"reader plugin {self.label(impl.plugin_name)} crashed: stopped after "
                                  f"{timeout:g} seconds (--rule-timeout)") from None
            except BaseException as exc:  # sys.exit(), GeneratorExit in a plugin must not end the run
                guard.reraise_escaping(exc)
                raise ReaderError(f"reader plugin {self.label(impl.plugin_name)} crashed: {_describe(exc)}") from exc
            if document is None:
                continue
            if not isinstance(document, Document):
                raise ReaderError(f"reader plugin {self.label(impl.plugin_name)} returned {_short(document)}, "
                                  "not an orgcheck.Document or None")
            document.reader = self.label(impl.plugin_name)
            return document
        return None

    def claims_folder(self, path: str) -> bool:
        """Whether a reader plugin reads the folder ``path`` as one model; a plugin that
        crashes is named in a warning and passed over."""
        for impl in reversed(self.manager.hook.orgcheck_claim_folder.get_hookimpls()):
            try:
                if impl.function(path) is True:
                    return True
            except (Exception, SystemExit) as exc:
                warning = f"reader plugin {self.label(impl.plugin_name)} crashed on the folder {path}: {_describe(exc)}"
                if warning not in self.warnings:
                    self.warnings.append(warning)
        return False


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker to register a plugin module.

    pluggy looks at every name a plugin has through ``inspect.getattr_static``; a rule
    module holds hundreds of names (its imports, constants, helpers), and that look
    costs every ``orgcheck lint`` a few milliseconds. A module's names are its
    ``__dict__``, which is all ``getattr_static`` reads there, so a module's plain
    function is judged by its marker here and anything that is not a function at all
    is passed over, as pluggy would; the rest (a class, an instance, a wrapped
    method) goes to pluggy itself. ``parse_hookimpl_opts`` is pluggy's documented
    place for this."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if isinstance(plugin, types.ModuleType):
            value = plugin.__dict__.get(name)
            if isinstance(value, types.FunctionType):
                opts = getattr(value, self.project_name + "_impl", None)
                return opts if isinstance(opts, dict) else None
            if not isinstance(value, (staticmethod, classmethod, types.MethodType)):
                return None
        return super().parse_hookimpl_opts(plugin, name)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _given(obj: Any) -> Any:
    return obj


def _import_file(path: Path) -> Any:
    name = "orgcheck_local_" + "".join(c if c.isalnum() else "_" for c in path.stem)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} is not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def load_plugins(local: Sequence[str | Path] = (), *, entry_points: bool = True,
                 show_traceback: bool = False, extra: Sequence[tuple[str, Any]] = (),
                 trusted_only: bool = False) -> Plugins:
    """Load every installed plugin, the given local plugin files, and ``extra``
    (name, plugin object) pairs (``orgcheck.testing`` registers a test's rules so).

    ``trusted_only`` (``--no-local-plugins``): the working directory, which ``python -m``
    puts first on the import path, is taken off it, so that a pull request's folder
    cannot pass for an installed distribution or shadow one."""
    with streams.plugin_code():  # a plugin that prints as it is imported must not corrupt a report
        return _load_plugins(local, entry_points, show_traceback, extra, trusted_only)


def _load_plugins(local: Sequence[str | Path], entry_points: bool, show_traceback: bool,
                  extra: Sequence[tuple[str, Any]], trusted_only: bool) -> Plugins:
    pm = _PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    candidates: list[tuple[str, str, Callable[[], Any]]] = []
    if trusted_only:
        _drop_working_directory()
    if entry_points:
        from orgcheck.api.entrypoints import entry_points as group_entry_points

        found: Iterable[Any] | None = group_entry_points(GROUP)
        if found is None:  # distributions outside plain folders: only importlib.metadata can tell
            from importlib import metadata

            found = metadata.entry_points(group=GROUP)
        eps = sorted(found, key=lambda ep: ep.name)
        seen: set[str] = set()
        dists: dict[Any, str] = {}
        for ep in eps:
            if ep.name in seen:  # the same distribution seen twice on sys.path
                continue
            seen.add(ep.name)
            candidates.append((ep.name, distribution_of(ep, dists), ep.load))
    for path in local:
        p = Path(path)
        candidates.append((p.name, "local file", functools.partial(_import_file, p)))
    for name, obj in extra:
        candidates.append((name, "test", functools.partial(_given, obj)))
    for name, dist, load in candidates:
        try:
            module = load()
            problem = hook_problem(pm, module)
            if problem is None:
                pm.register(module, name=name)
        except BaseException as exc:  # sys.exit() in a plugin must not end the run
            guard.reraise_escaping(exc)
            if show_traceback:
                import traceback

                traceback.print_exc()
            plugins.errors.append(PluginProblem(f"{name} ({dist})", f"failed to load: {_describe(exc)}"))
            continue
        if problem is not None:
            plugins.errors.append(PluginProblem(f"{name} ({dist})", problem))
            continue
        plugins.infos.append(PluginInfo(name, dist, module))
    _collect_rules(plugins)
    _collect_formatters(plugins)
    _collect_fragments(plugins)
    _collect_measures(plugins)
    _collect_indicators(plugins)
    def error(label: str, message: str) -> None:
        plugins.errors.append(PluginProblem(label, message))

    collect_presets(plugins, _results(plugins, "orgcheck_presets"), error)
    plugins.input_formats = input_formats.collect(_results(plugins, "orgcheck_input_formats"), error)
    return plugins


def _drop_working_directory() -> None:
    here = os.getcwd()
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    importlib.invalidate_caches()


def _results(plugins: Plugins, hook: str, kind: type | None = dict) -> Iterator[tuple[str, str, Any]]:
    """(plugin, its label, what its implementation returned) in load order; a hook that
    raises, or returns something else than ``kind`` (None: anything but None), is a
    load error of its plugin, and costs only that plugin. The one collection loop of
    the registration hooks (rules, formatters, presets, schema fragments, measures)."""
    by_plugin = {impl.plugin_name: impl for impl in getattr(plugins.manager.hook, hook).get_hookimpls()}
    for info in plugins.infos:  # load order: the plugin loaded first keeps a contested name
        impl = by_plugin.get(info.name)
        if impl is None:
            continue
        label = plugins.label(impl.plugin_name)
        try:
            result = impl.function()
        except BaseException as exc:
            guard.reraise_escaping(exc)
            plugins.errors.append(PluginProblem(label, f"{hook}() raised {_describe(exc)}"))
            continue
        if result is None:
            continue
        if kind is not None and not isinstance(result, kind):
            plugins.errors.append(PluginProblem(label, f"{hook}() returned {_short(result)}, not a {kind.__name__}"))
            continue
        yield impl.plugin_name, label, result


def _collect_named(plugins: Plugins, hook: str, what: str, problem_of: Callable[[Any, Any], str | None],
                   found: dict[str, Any], owners: dict[str, str]) -> None:
    """Each plugin's ``{name: value}`` answer to ``hook`` into ``found``, and the plugin
    that gave each name into ``owners``; a value ``problem_of`` finds wrong, or a name
    an earlier plugin has, is a load error of the plugin that gave it."""
    for _, label, result in _results(plugins, hook):
        for name, value in result.items():
            problem = problem_of(name, value)
            if problem:
                plugins.errors.append(PluginProblem(label, f"{hook}(): {problem}"))
            elif name in found:
                plugins.errors.append(PluginProblem(label, f"{what} {name!r} clashes with plugin {owners[name]}"))
            else:
                found[name] = value
                owners[name] = label


def _collect_formatters(plugins: Plugins) -> None:
    _collect_named(plugins, "orgcheck_formatters", "output format", _formatter_problem,
                   plugins.formatters, plugins.formatter_plugins)


def _formatter_problem(name: Any, formatter: Any) -> str | None:
    if not isinstance(name, str) or not FORMAT_NAME_RE.match(name):
        return f"format name {name!r} must be lowercase letters, digits and dashes (for example junit)"
    if not callable(formatter):
        return f"format {name!r} is {_short(formatter)}, not a function"
    try:
        inspect.signature(formatter).bind(None, None, None)
    except TypeError:
        function = getattr(formatter, "__name__", "the formatter")
        return f"format {name!r}: {function}() must accept (report, rules, options)"
    except ValueError:  # no signature to inspect (a builtin): trust it
        pass
    return None


def _collect_fragments(plugins: Plugins) -> None:
    _collect_named(plugins, "orgcheck_schema_fragments", "schema fragment", fragment_problem,
                   plugins.schema_fragments, plugins.fragment_plugins)


def _collect_measures(plugins: Plugins) -> None:
    for plugin, label, result in _results(plugins, "orgcheck_measures", list):
        for measure in result:
            if not isinstance(measure, Measure) or not callable(measure.func):
                plugins.errors.append(PluginProblem(label, f"orgcheck_measures() returned {_short(measure)}, "
                                                       "not an orgcheck.Measure"))
            elif measure.name in plugins.measures:
                plugins.errors.append(PluginProblem(label, f"measure {measure.name!r} clashes with plugin "
                                                       f"{plugins.label(plugins.measures[measure.name].plugin)}"))
            else:
                plugins.measures[measure.name] = replace(measure, plugin=plugin)


def _collect_indicators(plugins: Plugins) -> None:
    from orgcheck.api.indicator import Indicator
    from orgcheck.api.rules import NAME_RE, PILLARS

    for plugin, label, result in _results(plugins, "orgcheck_indicators", list):
        for indicator in result:
            problem: str | None
            if not isinstance(indicator, Indicator) or not callable(indicator.func or indicator.items):
                problem = f"orgcheck_indicators() returned {_short(indicator)}, not an orgcheck.Indicator"
            elif not isinstance(indicator.id, str) or not NAME_RE.match(indicator.id):
                problem = f"indicator id {indicator.id!r} must be kebab-case (for example managers-within-span)"
            elif indicator.pillar not in PILLARS:
                problem = (f"indicator {indicator.id}: pillar {indicator.pillar!r} must be one of "
                           f"{', '.join(PILLARS)}")
            elif indicator.id in plugins.indicators:
                problem = (f"indicator {indicator.id!r} clashes with plugin "
                           f"{plugins.label(plugins.indicators[indicator.id].plugin)}")
            else:
                from orgcheck.api.parts import unknown_parts

                bad = unknown_parts(indicator.needs)
                problem = f"indicator {indicator.id}: needs {bad[0]!r} is no part of the model" if bad else None
            if problem:
                plugins.errors.append(PluginProblem(label, problem))
            else:
                plugins.indicators[indicator.id] = replace(indicator, plugin=plugin, needs=tuple(indicator.needs))


def _collect_rules(plugins: Plugins) -> None:
    dist_of = {info.name: info.distribution for info in plugins.infos}
    names: dict[str, Rule] = {}
    for plugin, label, returned in _results(plugins, "orgcheck_rules", None):
        if isinstance(returned, Rule):
            plugins.errors.append(PluginProblem(label, f"orgcheck_rules() returned the rule {returned.code} itself: "
                                                   f"return a list, [{getattr(returned.func, '__name__', '...')}]"))
            continue
        try:
            rules = list(returned or [])
        except TypeError:
            plugins.errors.append(PluginProblem(label,
                                                f"orgcheck_rules() returned {_short(returned)}, not a list of rules"))
            continue
        except BaseException as exc:  # a generator that raises while it yields
            guard.reraise_escaping(exc)
            plugins.errors.append(PluginProblem(label, f"orgcheck_rules() raised {_describe(exc)}"))
            continue
        for r in rules:
            problem = _rule_problem(r)
            if problem:
                plugins.errors.append(PluginProblem(label, problem))
                continue
            if plugins.rules.get(r.code) is r:  # listed twice by its plugin: harmless
                continue
            other = plugins.rules.get(r.code) or names.get(r.name)
            if other is not None:
                what = f"code {r.code}" if other.code == r.code else f"name {r.name}"
                plugins.errors.append(PluginProblem(
                    label, f"rule {what} clashes with plugin {other.plugin} ({other.distribution})"))
                continue
            r.plugin, r.distribution = plugin, dist_of.get(plugin, "")
            plugins.rules[r.code] = r
            names[r.name] = r
            if r.pillar is None and not r.distribution.startswith("orgcheck "):
                from orgcheck.api.rules import PILLARS

                # orgcheck's own integrity and waiver rules judge the data, not the design.
                plugins.warnings.append(
                    f"warning: rule {r.code} {r.name} (plugin {plugin}, {r.distribution}) names no pillar, so the "
                    f"trust profile leaves it out: add pillar={PILLARS[0]!r} (or {PILLARS[1]!r}, {PILLARS[2]!r}) "
                    "to its @orgcheck.rule")


def _rule_problem(r: Any) -> str | None:
    """What is wrong with a rule a plugin returned (None: nothing). The decorator checks
    most of this already; a Rule built by hand, or changed after, is checked here."""
    from orgcheck.api.rules import NAME_RE, RuleDefinitionError

    if not isinstance(r, Rule):
        return f"orgcheck_rules() returned {_short(r)}, not a rule made with @orgcheck.rule"
    if not isinstance(r.code, str) or not CODE_RE.match(r.code):
        return f"rule code {r.code!r} must match [A-Z]+[0-9]+ (for example ACME001)"
    if not isinstance(r.name, str) or not NAME_RE.match(r.name):
        return f"rule {r.code}: name {r.name!r} must be kebab-case (for example span-too-wide)"
    if not (getattr(r.func, "__doc__", None) or "").strip():  # not r.docs: cleaning every docstring costs startup
        return f"rule {r.code} {r.name} has no docs: give its function a docstring (its first line is the summary)"
    for option, default in r.options.items():
        problem = config_problem(default)
        if problem:
            return f"rule {r.code} {r.name}: option {option!r} default {default!r}: {problem}"
    if r.checked != (r.func, r.options):  # @rule checked this pair already
        try:
            check_signature(r.code, r.func, r.options)
        except RuleDefinitionError as exc:
            return str(exc)
    return None

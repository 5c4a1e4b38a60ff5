"""The plugin manager: entry points of the ``orgcheck`` group and local plugin files.

Each plugin is loaded on its own, so a broken one is named and does not hide the
others; rule codes and names must be unique across all of them.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import pluggy

from . import hookspecs
from .rules import CODE_RE, Rule

GROUP = "orgcheck"


@dataclass(frozen=True)
class LoadError:
    """A plugin that could not be loaded, or whose rules could not be registered."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin}: {self.message}"


@dataclass
class PluginInfo:
    name: str
    distribution: str  # "orgcheck 0.1.0", or "local file" for --plugin
    module: Any


@dataclass
class Plugins:
    """Everything the loaded plugins provide."""

    manager: pluggy.PluginManager
    infos: list[PluginInfo] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # by code, in load order
    errors: list[LoadError] = field(default_factory=list)
    _formatters: dict[str, Callable[..., str]] | None = None

    def rule_by_name(self) -> dict[str, Rule]:
        return {r.name: r for r in self.rules.values()}

    def find_rule(self, code_or_name: str) -> Rule | None:
        """A rule by its code (any case) or its name."""
        return self.rules.get(code_or_name.upper()) or self.rule_by_name().get(code_or_name)

    @property
    def formatters(self) -> dict[str, Callable[..., str]]:
        if self._formatters is None:
            found: dict[str, Callable[..., str]] = {}
            for impl in reversed(self.manager.hook.orgcheck_formatters.get_hookimpls()):
                try:
                    result = impl.function() or {}
                except Exception as exc:  # a broken plugin costs only itself
                    self.errors.append(LoadError(impl.plugin_name, f"orgcheck_formatters() raised {_describe(exc)}"))
                    continue
                for name, formatter in result.items():
                    found.setdefault(name, formatter)
            self._formatters = found
        return self._formatters

    def load_source(self, source: Any, options: dict[str, Any]) -> Any:
        return self.manager.hook.orgcheck_load(source=source, options=options)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _distribution(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"


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


def load_plugins(local: list[str | Path] = (), *, entry_points: bool = True,
                 show_traceback: bool = False) -> Plugins:
    """Load every installed plugin and the given local plugin files."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    candidates: list[tuple[str, str, Callable[[], Any]]] = []
    if entry_points:
        eps = sorted(metadata.entry_points(group=GROUP), key=lambda ep: ep.name)
        seen: set[str] = set()
        for ep in eps:
            if ep.name in seen:  # the same distribution seen twice on sys.path
                continue
            seen.add(ep.name)
            candidates.append((ep.name, _distribution(ep), ep.load))
    for path in local:
        p = Path(path)
        candidates.append((p.name, "local file", lambda p=p: _import_file(p)))
    for name, dist, load in candidates:
        try:
            module = load()
            pm.register(module, name=name)
        except Exception as exc:
            if show_traceback:
                import traceback

                traceback.print_exc()
            plugins.errors.append(LoadError(f"{name} ({dist})", f"failed to load: {_describe(exc)}"))
            continue
        plugins.infos.append(PluginInfo(name, dist, module))
    _collect_rules(plugins)
    return plugins


def _collect_rules(plugins: Plugins) -> None:
    dist_of = {info.name: info.distribution for info in plugins.infos}
    names: dict[str, Rule] = {}
    impls = sorted(plugins.manager.hook.orgcheck_rules.get_hookimpls(),
                   key=lambda impl: list(dist_of).index(impl.plugin_name))
    for impl in impls:
        plugin = impl.plugin_name
        label = f"{plugin} ({dist_of.get(plugin, '?')})"
        try:
            rules = list(impl.function() or [])
        except Exception as exc:
            plugins.errors.append(LoadError(label, f"orgcheck_rules() raised {_describe(exc)}"))
            continue
        for r in rules:
            if not isinstance(r, Rule):
                plugins.errors.append(LoadError(
                    label, f"orgcheck_rules() returned {r!r}, not a rule made with @orgcheck.rule"))
                continue
            if not CODE_RE.match(r.code):
                plugins.errors.append(LoadError(label, f"rule code {r.code!r} must match [A-Z]+[0-9]+"))
                continue
            if not r.docs:
                plugins.errors.append(LoadError(
                    label, f"rule {r.code} {r.name} has no docs: give its function a docstring"))
                continue
            other = plugins.rules.get(r.code) or names.get(r.name)
            if other is not None:
                what = f"code {r.code}" if other.code == r.code else f"name {r.name}"
                plugins.errors.append(LoadError(
                    label, f"rule {what} clashes with plugin {other.plugin} ({other.distribution})"))
                continue
            r.plugin, r.distribution = plugin, dist_of.get(plugin, "")
            plugins.rules[r.code] = r
            names[r.name] = r

"""Rule presets: named sets of rules to start from (``preset = "strict"``).

``recommended`` (the default: every rule whose plugin marks it ``recommended=True``)
and ``all`` (every loaded rule) are defined here, from the rules themselves. Every
other preset comes from a plugin's ``orgcheck_presets`` hook: orgcheck's own
(``strict``, ``integrity``, from its core plugin) by their bare names, any other
plugin's as ``plugin:name``. A preset lists rule selectors (codes, names, code
prefixes) and names of other presets; a name that is both a preset and a rule name
means the preset. An entry starting with ``!`` excludes what it names (``"!OC502"``,
``"!team-too-small"``, ``"!OC5"``, ``"!strict"``), whatever the order of the entries:
``["recommended", "!OC502"]`` is the recommended rules but OC502.

How a preset combines with ``select``, ``ignore`` and ``extend-select`` is
:func:`orgcheck.api.selection.select`'s business: the preset is only the starting set.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgcheck.api.selection import matches
from orgcheck.errors import OrgcheckError
from orgcheck.suggest import did_you_mean

if TYPE_CHECKING:
    from orgcheck.api.manager import Plugins

DEFAULT = "recommended"
#: an entry starting with it takes rules out of the preset
EXCLUDE = "!"
ORDER = ("recommended", "strict", "all", "integrity")
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
OWN_DISTRIBUTION = "orgcheck"  # presets of orgcheck's own plugins need no prefix


@dataclass(frozen=True)
class Preset:
    name: str  # the full name users write: "strict", "acme:union"
    plugin: str  # the plugin that ships it, as messages name it; "" for recommended and all
    entries: tuple[str, ...]
    prefix: str = ""  # "acme:": an entry may name a preset of its own plugin without it


class PresetError(OrgcheckError, ValueError):
    """An unknown preset, or presets that include each other."""


def _prefix(plugin: str) -> str:
    """A plugin's preset prefix: its name (a local plugin file's without ``.py``)."""
    return plugin[:-3] if plugin.endswith(".py") else plugin


def collect_presets(plugins: Plugins, results: Iterable[tuple[str, str, dict]],
                    error: Callable[[str, str], None]) -> None:
    """Register the built-in presets and every plugin's; ``error(plugin label, message)``
    records an author's mistake (the preset is then left out)."""
    plugins.presets["recommended"] = Preset("recommended", "", ())
    plugins.presets["all"] = Preset("all", "", ("ALL",))
    dist = {info.name: info.distribution.split(" ")[0] for info in plugins.infos}
    for plugin, label, result in results:
        prefix = "" if dist.get(plugin) == OWN_DISTRIBUTION else _prefix(plugin) + ":"
        for name, entries in result.items():
            if not isinstance(name, str) or not NAME_RE.match(name):
                error(label, f"orgcheck_presets(): preset name {name!r} must be lowercase letters, digits, "
                             "'-' and '_' (for example strict)")
                continue
            full = prefix + name
            if (isinstance(entries, str) or not isinstance(entries, (list, tuple))
                    or not all(isinstance(e, str) and e for e in entries)):
                error(label, f"orgcheck_presets(): preset {full!r} must be a list of rule selectors or preset "
                             f"names, not {entries!r}")
                continue
            if full in plugins.presets:
                other = plugins.presets[full].plugin or "orgcheck itself"
                error(label, f"orgcheck_presets(): preset {full!r} clashes with plugin {other}")
                continue
            plugins.presets[full] = Preset(full, label, tuple(entries), prefix)
    # Judge every preset before dropping any, so that one broken preset does not make
    # those including it look broken for another reason.
    problems = [(p, _entries_problem(p, plugins)) for p in plugins.presets.values()]
    for preset, problem in problems:
        if problem:
            error(preset.plugin, f"preset {preset.name!r}: {problem}")
            del plugins.presets[preset.name]
    # orgcheck's own first, in the order its docs give them; then the plugins', as loaded
    ordered = sorted(plugins.presets.values(), key=lambda p: ORDER.index(p.name) if p.name in ORDER else len(ORDER))
    plugins.presets.clear()
    plugins.presets.update((p.name, p) for p in ordered)


def _preset_named(entry: str, preset: Preset, plugins: Plugins) -> str | None:
    """The preset an entry names: any preset by its full name, else one of the same
    plugin's by its short name; None: the entry is a rule selector."""
    for name in (entry, preset.prefix + entry):
        if name in plugins.presets:
            return name
    return None


def _entries_problem(preset: Preset, plugins: Plugins) -> str | None:
    for entry in (e.removeprefix(EXCLUDE) for e in preset.entries):
        if _preset_named(entry, preset, plugins):
            continue
        if not any(matches(entry, r) for r in plugins.rules.values()):
            known = [*plugins.presets, *plugins.rules, *(r.name for r in plugins.rules.values())]
            return f"{entry!r} names no loaded rule or preset{did_you_mean(entry, known)}"
    try:
        _expand(preset.name, plugins, ())
    except PresetError as exc:
        return str(exc)
    return None


def _expand(name: str, plugins: Plugins, seen: tuple[str, ...]) -> set[str]:
    if name == "recommended":
        return {code for code, rule in plugins.rules.items() if rule.recommended}
    out: set[str] = set()
    excluded: set[str] = set()
    preset = plugins.presets[name]
    for written in preset.entries:
        entry = written.removeprefix(EXCLUDE)
        into = excluded if entry != written else out
        included = _preset_named(entry, preset, plugins)
        if included:
            if included in (*seen, name):
                raise PresetError(f"presets include each other: {' -> '.join((*seen, name, included))}")
            into |= _expand(included, plugins, (*seen, name))
        else:
            into |= {code for code, rule in plugins.rules.items() if matches(entry, rule)}
    return out - excluded


def rules_of(names: Iterable[str], plugins: Plugins, where: str = "preset") -> set[str]:
    """The codes of the rules the named presets enable together (their union)."""
    out: set[str] = set()
    for name in names:
        if name not in plugins.presets:
            hint = did_you_mean(name, list(plugins.presets))
            raise PresetError(f"{where}: unknown preset {name!r}{hint} (presets: {', '.join(plugins.presets)})")
        out |= _expand(name, plugins, ())
    return out


def membership(plugins: Plugins) -> dict[str, list[str]]:
    """For each rule code, the presets that enable it, in preset order; ``all`` is left
    out, as it enables every rule."""
    out: dict[str, list[str]] = {code: [] for code in plugins.rules}
    for name in plugins.presets:
        if name == "all":
            continue
        for code in sorted(_expand(name, plugins, ())):
            out[code].append(name)
    return out


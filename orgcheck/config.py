"""Settings: found in orgcheck.toml / .orgcheck.toml / [tool.orgcheck], validated
against a schema of their own, merged with the command line.

Each linted file uses the nearest config, looked for from its folder upward.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from orgcheck.api.rules import Rule, Severity
from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _

CONFIG_NAMES = ("orgcheck.toml", ".orgcheck.toml", "pyproject.toml")


class ConfigError(OrgcheckError, ValueError):
    """A bad setting: reported as one line, exit status 2."""


@dataclass(frozen=True)
class _RuleChoice:
    """Which rules run: what a config file and the command line can both say, in the same
    words (None: not said)."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    #: presets to start from when there is no ``select`` (None: ``recommended``)
    preset: list[str] | None = None


@dataclass(frozen=True)
class Config(_RuleChoice):
    """The settings one file is linted with."""

    #: where ``preset`` and ``select`` came from, for messages ("--preset", a file)
    preset_origin: str | None = None
    fail_on: Severity = Severity.WARNING
    #: seconds one rule may run on one file (None: no limit)
    rule_timeout: float | None = None
    severity: dict[str, Severity] = field(default_factory=dict)  # code or name -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name -> options
    plugins: list[str] = field(default_factory=list)  # resolved paths
    input_format: str | None = None
    reader_options: dict[str, Any] = field(default_factory=dict)
    today: _dt.date | None = None
    stdin_filename: str | None = None
    baseline: str | None = None  # an absolute path
    #: the file these settings came from (None: command line and defaults only)
    source: str | None = None
    #: the language of messages and docs ("nl", "en"); None: the locale decides
    lang: str | None = None
    #: the selectors the command line gave (``--select``, ``--ignore``, ``--extend-select``):
    #: a bad one is the command line's mistake, not the config file's
    cli_selectors: dict[str, list[str]] = field(default_factory=dict)

    def key(self) -> tuple:
        """What decides which rules run and how: files sharing a key share rules."""
        return (self.source, self.baseline)


@dataclass(frozen=True)
class Overrides(_RuleChoice):
    """What the command line says; None = not given."""

    plugins: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    rule_timeout: float | None = None
    config_file: str | None = None
    isolated: bool = False
    baseline: str | None = None  # --baseline
    no_baseline: bool = False  # --write-baseline records everything
    input_format: str | None = None
    today: _dt.date | None = None
    stdin_filename: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # --map FIELD=COLUMN, over the [csv] table
    #: load the plugins config files name (False: --no-local-plugins, for others' pull requests)
    local_plugins: bool = True


#: what discovery skipped, said once on standard error (ordered, without repeats)
_notes: dict[str, bool] = {}


def take_notes() -> list[str]:
    """The notes not yet taken: config files skipped, plugins not loaded."""
    notes = [note for note, taken in _notes.items() if not taken]
    _notes.update(dict.fromkeys(notes, True))
    return notes


def _note(note: str) -> None:
    _notes.setdefault(note, False)


def _foreign_owner(path: Path) -> int | None:
    """The owner of ``path`` when it is another user (None: ours). As git's
    ``safe.directory`` check: root running under sudo may use the invoking user's."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: no owners to compare
        return None
    try:
        owner = path.stat().st_uid
    except OSError:
        return None
    me = os.geteuid()
    if owner == me or (me == 0 and os.environ.get("SUDO_UID", "") == str(owner)):
        return None
    return owner


# What a pyproject.toml must hold to define [tool.orgcheck]: a table header under
# `tool`, a [tool] table, a `tool` key (dotted, or an inline table), or a key spelled
# with escapes. A Python project's pyproject.toml usually has none of them: it is then
# not parsed, and a small lint in that project does not import tomllib.
_MAY_CONFIGURE = re.compile(r"""^[ \t]*(?:\[+[ \t]*(?:tool|"tool"|'tool')[ \t]*"""
                            r"""(?:\.[ \t]*(?:orgcheck|"orgcheck"|'orgcheck')|\])"""
                            r"""|(?:tool|"tool"|'tool')[ \t]*[.=])|\\[uU]""", re.M)


def _toml(path: Path, *, pyproject: bool = False) -> dict | None:
    """The file's TOML; None for a pyproject.toml that cannot configure orgcheck."""
    from orgcheck.io.safe_io import CONFIG_CAP, ReadError, read_bytes

    try:
        data = read_bytes(str(path), cap=CONFIG_CAP, what="config")
    except ReadError as exc:
        raise ConfigError(str(exc).replace(str(path), _display(path), 1)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{_display(path)}: " + _("invalid TOML: line {line}: byte {byte} is not UTF-8 (save the "
                                                     "file as UTF-8)").format(
            line=line, byte=f"0x{data[exc.start]:02x}")) from None
    if pyproject and not _MAY_CONFIGURE.search(text):
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_display(path)}: " + _("invalid TOML: {problem}").format(problem=exc)) from None
    except RecursionError:
        raise ConfigError(f"{_display(path)}: " + _("invalid TOML: nested too deep")) from None


@cache  # a pyproject.toml is read once, both to find it and to use it
def _section(path: Path) -> tuple[dict | None, str]:
    """The orgcheck settings in a config file (None for a pyproject.toml without them),
    and the table they are in. Any file may keep them in a [tool.orgcheck] table, as
    pyproject.toml does: ``--config other.toml`` reads a copy of one."""
    data = _toml(path, pyproject=path.name == "pyproject.toml")
    if data is None:
        return None, "[tool.orgcheck]"
    tool = data.get("tool")
    if path.name == "pyproject.toml" or (isinstance(tool, dict) and "orgcheck" in tool):
        found = tool.get("orgcheck") if isinstance(tool, dict) else None
        if found is not None and not isinstance(found, dict):
            raise ConfigError(f"{_display(path)}: " + _("[tool.orgcheck] must be a table of settings"))
        return found, "[tool.orgcheck]"
    if "tool" in data:
        raise ConfigError(f"{_display(path)}: " + _("a [tool] table without [tool.orgcheck]: put orgcheck's "
                                                    "settings at the top level of the file or in a [tool.orgcheck] "
                                                    "table"))
    return data, ""


@cache
def find_config(folder: str) -> Path | None:
    """The nearest config file at or above ``folder`` (first name found wins per folder).

    The search stops at the root of the repository (a folder with ``.git``): a file
    above it is not the project's. A file that belongs to another user is skipped,
    with a note, as git skips a repository another user owns: anyone who can write
    to a shared folder above the checkout could otherwise choose its plugins."""
    here = Path(folder).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                owner = _foreign_owner(candidate)
                if owner is not None:
                    _note(f"{_display(candidate)}: " + _(
                        "skipped: the config file belongs to another user (uid {uid}); pass --config {path} to "
                        "use it").format(uid=owner, path=_display(candidate)))
                    continue
                if name != "pyproject.toml" or _section(candidate)[0] is not None:
                    return candidate
        if (d / ".git").exists():
            break
    return None


@cache
def config_schema() -> dict:
    from orgcheck.validate.loader import read_schema

    return json.loads(read_schema("config.schema.json"))


@cache
def read_config(path: Path) -> Config:
    """Read and validate one config file (not yet merged with the command line)."""
    found, table = _section(path)
    section = found or {}
    display = _display(path)
    from orgcheck.validate.schema import validate_data

    for v in validate_data(section, config_schema(), kind="config"):
        where = ".".join(p.replace("~1", "/").replace("~0", "~") for p in v.pointer.split("/")[1:])
        key = v.pointer[1:]
        hint = ""
        if "/" not in key and key and isinstance(section.get(key), dict) and "did you mean" not in v.message:
            # a table of its own under a name orgcheck does not know: a reader plugin's, most often
            hint = _("; a reader plugin's settings go in [readers.{name}]").format(name=key)
        where = f"{table}{'.' if table and where else ''}{where}" or _("the file")
        raise ConfigError(f"{display}: {where}: {v.message}{hint}")
    timeout = section.get("rule-timeout")
    if isinstance(timeout, float) and not math.isfinite(timeout):  # TOML's nan and inf pass the schema's bounds
        raise ConfigError(f"{display}: {table}{'.' if table else ''}rule-timeout: " + _(
            "{value} is not a number of seconds (use a number above 0, at most 86400)").format(value=timeout))
    base = path.parent
    if "preset" in section and "select" in section:
        raise ConfigError(f"{display}: {table}{'.' if table else ''}" + _(
            "preset and select both name the rules to start from: keep one (extend-select adds rules to a preset)"))
    preset = section.get("preset")
    return Config(
        select=section.get("select"),
        preset=[preset] if isinstance(preset, str) else preset,
        preset_origin=display,
        ignore=list(section.get("ignore", [])),
        extend_select=list(section.get("extend-select", [])),
        fail_on=Severity(section.get("fail-on", "warning")),
        rule_timeout=section.get("rule-timeout"),
        severity={k: Severity(v) for k, v in section.get("severity", {}).items()},
        rule_options={k: dict(v) for k, v in section.get("rules", {}).items()},
        plugins=[str(base / p) for p in section.get("plugins", [])],
        baseline=str(base / section["baseline"]) if "baseline" in section else None,
        reader_options={**({"csv": dict(section["csv"])} if "csv" in section else {}),
                        **{name: dict(table) for name, table in section.get("readers", {}).items()}},
        source=display,
        lang=section.get("lang"),
    )


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def config_language(folder: str, config_file: str | None = None) -> str | None:
    """The ``lang`` of the config that applies to ``folder`` (or of ``config_file``):
    one language per run, taken from the working directory's settings."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: " + _("no such config file"))
        return read_config(path.resolve()).lang
    found = find_config(folder)
    return read_config(found).lang if found else None


def resolve(folder: str, cli: Overrides) -> Config:
    """The settings for files in ``folder``: the nearest config, then the command line."""
    if cli.isolated:
        base = Config()
    elif cli.config_file:
        path = Path(cli.config_file)
        if not path.is_file():
            raise ConfigError(f"{cli.config_file}: " + _("no such config file"))
        base = read_config(path.resolve())
    else:
        found = find_config(folder)
        base = read_config(found) if found else Config()
    if base.plugins and not cli.local_plugins:
        _note(f"{base.source}: " + _("plugins not loaded (--no-local-plugins): {files}").format(
            files=", ".join(os.path.relpath(p) for p in base.plugins)))
        base = replace(base, plugins=[])
    # --select and --preset each name the whole starting set, so either replaces both
    # of the file's (ignore and extend-select still add to it).
    chosen = cli.select is not None or cli.preset is not None
    return replace(
        base,
        select=cli.select if chosen else base.select,
        preset=cli.preset if chosen else base.preset,
        preset_origin="--preset" if cli.preset is not None else base.preset_origin,
        ignore=[*base.ignore, *cli.ignore],
        extend_select=[*base.extend_select, *cli.extend_select],
        plugins=[*base.plugins, *cli.plugins],
        fail_on=cli.fail_on or base.fail_on,
        rule_timeout=cli.rule_timeout or base.rule_timeout,
        baseline=None if cli.no_baseline else (cli.baseline or base.baseline),
        input_format=cli.input_format,
        reader_options={**base.reader_options, "csv": {**base.reader_options.get("csv", {}), **cli.mapping}}
        if cli.mapping else base.reader_options,
        today=cli.today,
        stdin_filename=cli.stdin_filename,
        cli_selectors={"--select": list(cli.select or []), "--ignore": list(cli.ignore),
                       "--extend-select": list(cli.extend_select)},
    )


def options_for(rule: Rule, config: Config) -> dict[str, Any]:
    """The rule's defaults overridden by the config; a table option (such as
    ``max_by_type``) is merged key by key, so setting one entry keeps the others."""
    merged = dict(rule.options)
    for key in (rule.code, rule.name):
        for option, value in config.rule_options.get(key, {}).items():
            default = merged.get(option)
            merged[option] = {**default, **value} if isinstance(default, dict) and isinstance(value, dict) else value
    return merged

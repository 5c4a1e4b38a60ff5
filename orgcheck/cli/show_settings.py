"""``orgcheck lint --show-settings``: which config file a file is linted with, and the
settings resolved from it and the command line, as TOML one can paste into a config
file (ruff's ``--show-settings``)."""
from __future__ import annotations

import os
from typing import Any

from orgcheck.config import Config, Overrides, options_for, resolve
from orgcheck.formatters.escape import printable
from orgcheck.i18n.runtime import _, ngettext


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def settings_of(paths: list[str], overrides: Overrides) -> tuple[str, Config, Any, list]:
    """The first file the paths name (as lint would read it), its settings, the plugins
    and the rules that run on it. Raises ConfigError for a bad setting."""
    from orgcheck.run import engine

    the_plan = engine.plan(paths, overrides)
    if the_plan.targets:
        subject, config = the_plan.targets[0].display, the_plan.configs[0]
    else:  # no file found: the settings of the folder the first path names
        subject = paths[0]
        config = resolve(engine.given_folder(subject, overrides.stdin_filename), overrides)
    return subject, config, the_plan.plugins, engine.prepare(config, the_plan.plugins)


def render(subject: str, config: Config, rules: list) -> str:
    """The settings as TOML, with comments that say where they came from."""
    from orgcheck.api.presets import DEFAULT
    from orgcheck.docs import toml_key, toml_value
    from orgcheck.run.raw import severity_for

    def comment(text: str) -> str:
        # a file name is anyone's to choose: no line break in it may end the comment
        return "# " + printable(text)

    out = [comment(_("orgcheck settings for {file}").format(file=subject))]
    if config.source:
        out.append(comment(_("config file: {file}").format(file=config.source)))
    else:
        out.append(comment(_("config file: none (the defaults and the command line)")))
    out.append(comment(_("paste into orgcheck.toml; in pyproject.toml, put each table under [tool.orgcheck]")))

    def listed(selectors: list[str]) -> str:
        return ", ".join(selectors) if len(selectors) <= 6 else ", ".join(selectors[:5]) + ", …"

    cli = config.cli_selectors
    if config.select is not None:
        came = ("--select " if cli.get("--select") else "select ") + listed(config.select)
    else:
        came = ("--preset " if config.preset_origin == "--preset" else "preset ") + listed(config.preset or [DEFAULT])
    for key, given in (("extend-select", config.extend_select), ("ignore", config.ignore)):
        if given:
            came += f"; {key} {listed(given)}"
    out += ["", comment(ngettext("{count} rule runs ({selection})", "{count} rules run ({selection})",
                                 len(rules)).format(count=len(rules), selection=came))]
    codes = [toml_value(r.code) for r in rules]
    out += ["select = [", *("    " + ", ".join(codes[i:i + 10]) + "," for i in range(0, len(codes), 10)), "]"]
    out.append(f"fail-on = {toml_value(config.fail_on.value)}")
    if config.rule_timeout is not None:
        out.append(f"rule-timeout = {toml_value(config.rule_timeout)}")
    if config.lang:
        out.append(f"lang = {toml_value(config.lang)}")
    if config.baseline:
        out.append(f"baseline = {toml_value(_relative(config.baseline))}")
    if config.plugins:
        out.append(f"plugins = {toml_value([_relative(p) for p in config.plugins])}")
    for table, values in sorted(config.reader_options.items()):
        if values:
            out += ["", f"[{toml_key(table)}]", *(f"{toml_key(k)} = {toml_value(v)}" for k, v in values.items())]
    out += ["", "[severity]"]
    out += [f"{toml_key(r.code)} = {toml_value(severity_for(r, None, config).value)}" for r in rules]
    for rule in rules:
        options = {k: v for k, v in options_for(rule, config).items() if v is not None}
        if options:
            out += ["", f"[rules.{toml_key(rule.code)}]  # {rule.name}",
                    *(f"{toml_key(k)} = {toml_value(v)}" for k, v in options.items())]
    return "\n".join(out) + "\n"

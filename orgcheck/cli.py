"""The command line: options into a Config and paths, the report out, the exit status.

No linting logic lives here.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import sys
from typing import Any, NoReturn

import click

from . import __version__
from .config import Config, ConfigError, Overrides
from .rules import Severity

SEVERITIES = ["error", "warning", "info"]


def fail(message: str) -> NoReturn:
    """A user's mistake: one line on standard error, exit status 2."""
    click.echo(f"orgcheck: error: {message}", err=True)
    sys.exit(2)


def _split(values: tuple[str, ...]) -> list[str]:
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def _date(ctx: Any, param: Any, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="orgcheck", message="%(prog)s %(version)s")
def main() -> None:
    """Lint organization designs: spans and layers, vertical control, feedback
    loops, professional roles and self-organizing teams."""


selection_options = [
    click.option("--select", multiple=True, metavar="RULES",
                 help="Only these rules: comma-separated codes, names or code prefixes (OC1)."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules."),
    click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the selection."),
    click.option("--plugin", "plugin_files", multiple=True, metavar="PATH",
                 type=click.Path(dir_okay=False), help="Load a local plugin module (repeatable)."),
]


def with_selection(f: Any) -> Any:
    for option in reversed(selection_options):
        f = option(f)
    return f


def _overrides(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
               config_file: str | None = None, isolated: bool = False, **extra: Any) -> Overrides:
    return Overrides(select=_split(select) or None, ignore=_split(ignore), extend_select=_split(extend_select),
                     plugins=[os.path.abspath(p) for p in plugin_files], config_file=config_file,
                     isolated=isolated, **extra)


def _settings(overrides: Overrides) -> tuple[Config, Any]:
    """The settings of the working directory (for rules, explain) and the plugins they load."""
    from .config import resolve
    from .plugins import load_plugins

    try:
        config = resolve(".", overrides)
    except ConfigError as exc:
        fail(str(exc))
    return config, load_plugins(config.plugins)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_selection
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help="Output format: text (default), json, or one a plugin adds. Repeat to pair with --output.")
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Lowest severity that makes the exit status 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings as the baseline.")
@click.option("--input-format", type=click.Choice(["json"]), help="How to read the files (default: by extension).")
@click.option("--stdin-filename", metavar="NAME", help="The file name to report for standard input.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--show-traceback", "-v", is_flag=True, help="Show the traceback of a crashing plugin.")
@click.option("--statistics", is_flag=True, help="After the findings, a count per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no summary line.")
@click.option("--today", callback=_date, hidden=True, help="The date waivers and interactions are judged on.")
def lint(paths: tuple[str, ...], select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
         formats: tuple[str, ...], outputs: tuple[str, ...], fail_on: str | None, exit_zero: bool,
         config_file: str | None, isolated: bool, baseline: str | None, write_baseline: str | None,
         input_format: str | None, stdin_filename: str | None,
         color: str, show_traceback: bool, statistics: bool, quiet: bool, today: _dt.date | None) -> None:
    """Lint org models: files, directories (org.json and *.org.json below them) or - for standard input."""
    from . import engine

    overrides = _overrides(select, ignore, extend_select, plugin_files, config_file, isolated,
                           fail_on=Severity(fail_on) if fail_on else None, input_format=input_format,
                           baseline=os.path.abspath(baseline) if baseline else None,
                           no_baseline=bool(write_baseline),
                           stdin_filename=stdin_filename, today=today)
    formats = formats or ("text",)
    if len(outputs) > len(formats):
        fail("more --output than --format options: pair each --output with a --format")
    try:
        the_plan = engine.plan(list(paths) or ["."], overrides, show_traceback=show_traceback)
        plugins = the_plan.plugins
        for name in formats:
            if name not in plugins.formatters:
                from .suggest import did_you_mean

                fail(f"unknown format {name!r}{did_you_mean(name, list(plugins.formatters))}; "
                     f"choose from {', '.join(sorted(plugins.formatters))}")
        report = engine.run(the_plan)
    except ConfigError as exc:
        fail(str(exc))
    if write_baseline:
        from .baseline import write_baseline as write

        for message in report.errors:
            click.echo(f"orgcheck: error: {message}", err=True)
        if report.errors:
            sys.exit(2)
        try:
            n = write(write_baseline, report.findings)
        except OSError as exc:
            fail(f"cannot write {write_baseline}: {exc.strerror or exc}")
        click.echo(f"Wrote {n} baseline entr{'y' if n == 1 else 'ies'} "
                   f"({len(report.findings)} findings) to {write_baseline}", err=True)
        sys.exit(0)
    rules = {code: plugins.rules[code] for code in report.rules_run}
    for i, name in enumerate(formats):
        output = outputs[i] if i < len(outputs) else None
        use_color = name == "text" and output is None and (
            color == "always" or (color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
        text = plugins.formatters[name](report, rules, {"color": use_color, "statistics": statistics,
                                                         "quiet": quiet})
        if output is None:
            click.echo(text, nl=False, color=use_color)
        else:
            try:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            except OSError as exc:
                fail(f"cannot write {output}: {exc.strerror or exc}")
    for message in report.notes:
        click.echo(f"orgcheck: {message}", err=True)
    for message in report.errors:
        click.echo(f"orgcheck: error: {message}", err=True)
    status = report.exit_status()
    sys.exit(2 if status == 2 else 0 if exit_zero else status)


@main.command("rules")
@with_selection
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
                  config_file: str | None, isolated: bool, fmt: str) -> None:
    """List every rule: code, name, family, severity, plugin, and whether it is enabled."""
    from .engine import prepare

    config, plugins = _settings(_overrides(select, ignore, extend_select, plugin_files, config_file, isolated))
    try:
        enabled = {r.code for r in prepare(config, plugins)}
    except ConfigError as exc:
        fail(str(exc))
    rows = [{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "pillar": r.pillar, "plugin": r.distribution, "enabled": r.code in enabled,
             "summary": r.summary} for r in sorted(plugins.rules.values(), key=lambda r: r.code)]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        headers = ["code", "name", "family", "severity", "plugin", "enabled"]
        table = [[row[h] if h != "enabled" else ("yes" if row[h] else "no") for h in headers] for row in rows]
        widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
        for row in [headers, *table]:
            click.echo("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())
    _report_load_errors(plugins)


def _report_load_errors(plugins: Any) -> None:
    for error in plugins.errors:
        click.echo(f"orgcheck: error: {error}", err=True)
    if plugins.errors:
        sys.exit(2)


@main.command()
@click.argument("rule")
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help="Load a local plugin module (repeatable).")
def explain(rule: str, plugin_files: tuple) -> None:
    """Print a rule's docs: what it checks, why, how to fix it, its options, an example."""
    from .docs import render_rule

    _, plugins = _settings(_overrides((), (), (), plugin_files))
    found = plugins.find_rule(rule)
    if found is None:
        from .suggest import did_you_mean

        known = [*plugins.rules, *(r.name for r in plugins.rules.values())]
        fail(f"unknown rule {rule!r}{did_you_mean(rule, known)} (see `orgcheck rules`)")
    click.echo(render_rule(found), nl=False)


@main.command()
def schema() -> None:
    """Print the org model's JSON Schema (for editors and other tools)."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command("plugins")
def plugins_command() -> None:
    """List the loaded plugins with their distribution and version."""
    _, plugins = _settings(Overrides())
    width = max((len(i.name) for i in plugins.infos), default=0)
    for info in plugins.infos:
        click.echo(f"{info.name.ljust(width)}  {info.distribution}")
    _report_load_errors(plugins)

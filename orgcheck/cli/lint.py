"""orgcheck lint."""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
from typing import Any

import click

from orgcheck.api.rules import SEVERITIES, Severity
from orgcheck.cli.common import (
    Command,
    date_option,
    fail,
    map_option,
    overrides_from,
    preset_option,
    say,
    with_selection,
)
from orgcheck.config import ConfigError
from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.io import safe_io
from orgcheck.io.safe_io import WriteError


@click.command(cls=Command)
@click.argument("paths", nargs=-1, type=click.Path())
@with_selection
@preset_option
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help=N_("Output format: text (default), json, sarif, github, gitlab, junit, or one a plugin adds. "
                   "Repeat to pair with --output."))
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Write the report to FILE instead of standard output."))
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help=N_("Lowest severity that makes the exit status 1 (default: warning)."))
@click.option("--exit-zero", is_flag=True, help=N_("Exit 0 even when there are findings."))
@click.option("--rule-timeout", type=click.FloatRange(min=0, min_open=True, max=86400), metavar="SECONDS",
              help=N_("Stop a rule, indicator, reader or formatter that runs longer than this on one file and "
                   "report it as crashed (default: the config's rule-timeout, else no limit)."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
@click.option("--baseline", type=click.Path(dir_okay=False), help=N_("Report only findings not in this baseline."))
@click.option("--write-baseline", type=click.Path(dir_okay=False), help=N_("Record today's findings as the baseline."))
@click.option("--input-format", metavar="json|yaml|csv|bpmn",
              help=N_("How to read the files (default: by extension: .json, .yaml/.yml, .csv, .bpmn), "
                   "or a format a reader plugin adds."))
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", callback=map_option,
              help=N_("Column for a person field in CSV and record files (repeatable): "
                   "id, name, title, reports_to, unit, fte. Overrides the [csv] config table."))
@click.option("--stdin-filename", metavar="NAME", help=N_("The file name to report for standard input."))
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--show-traceback", "-v", is_flag=True, help=N_("Show the traceback of a crashing plugin."))
@click.option("--statistics", is_flag=True,
              help=N_("After the findings, a count per rule, the trust profile and the rules not assessed."))
@click.option("--quiet", "-q", is_flag=True, help=N_("Only the findings, no summary line."))
@click.option("--show-settings", is_flag=True,
              help=N_("Print the config file and the settings the first file would be linted with (as TOML for "
                      "a config file), and lint nothing."))
@click.option("--today", callback=date_option, hidden=True, help=N_("The date waivers and interactions are judged on."))
def lint(paths: tuple[str, ...], select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
         presets: tuple, formats: tuple[str, ...], outputs: tuple[str, ...], fail_on: str | None, exit_zero: bool,
         rule_timeout: float | None, config_file: str | None, isolated: bool, baseline: str | None,
         write_baseline: str | None,
         input_format: str | None, mapping: dict[str, str], stdin_filename: str | None,
         color: str, show_traceback: bool, statistics: bool, quiet: bool, show_settings: bool,
         today: _dt.date | None) -> None:
    """Lint org models: files (JSON, YAML, people CSV or BPMN), folders (every org.json and
    *.org.json below them, and their .yaml/.yml twins) or - for standard input."""
    from orgcheck.run import engine, gcpause

    gcpause.for_this_process()
    overrides = overrides_from(select, ignore, extend_select, plugin_files, config_file, isolated, presets,
                           fail_on=Severity(fail_on) if fail_on else None, input_format=input_format,
                           rule_timeout=rule_timeout,
                           mapping=mapping,
                           baseline=os.path.abspath(baseline) if baseline else None,
                           no_baseline=bool(write_baseline),
                           stdin_filename=stdin_filename, today=today)
    if show_settings:
        _show_settings(list(paths) or ["."], overrides)
        return
    formats = formats or ("text",)
    if len(outputs) > len(formats):
        fail(_("more --output than --format options: pair each --output with a --format"))
    the_plan: engine.Plan | None = None
    try:
        # Plugin code that prints must not corrupt the report (JSON, SARIF) on stdout.
        quiet_stdout = contextlib.redirect_stdout(sys.stderr)
        with quiet_stdout:
            the_plan = engine.plan(list(paths) or ["."], overrides, show_traceback=show_traceback)
            the_plan.profile = statistics and "text" in formats
        plugins = the_plan.plugins
        for name in formats:
            if name not in plugins.formatters:
                from orgcheck.suggest import did_you_mean

                fail(_("unknown format {format} (formats: {formats})").format(
                    format=repr(name), formats=", ".join(sorted(plugins.formatters)))
                     + did_you_mean(name, list(plugins.formatters)))
        with quiet_stdout:
            report = engine.run(the_plan)
    except ConfigError as exc:
        # a note can say why (a config's plugins left out by --no-local-plugins, its rules unknown)
        for note in the_plan.notes if the_plan is not None else []:
            say(f"orgcheck: {note}")
        fail(str(exc))
    if write_baseline:
        from orgcheck.run.baseline import write_baseline as write

        for message in report.errors:
            say(f"orgcheck: error: {message}")
        if report.errors:
            sys.exit(2)
        try:
            n = write(write_baseline, report.findings)
        except WriteError as exc:
            fail(str(exc))
        say(ngettext("Wrote {count} baseline entry ({findings}) to {file}",
                     "Wrote {count} baseline entries ({findings}) to {file}", n).format(
            count=n, file=write_baseline,
            findings=ngettext("{count} finding", "{count} findings", len(report.findings)).format(
                count=len(report.findings))))
        sys.exit(0)
    rules = {code: plugins.rules[code] for code in report.rules_run}
    timeout = next((c.rule_timeout for c in the_plan.configs if c.rule_timeout), rule_timeout)
    for i, name in enumerate(formats):
        output = outputs[i] if i < len(outputs) else None
        use_color = name == "text" and output is None and (
            color == "always" or (color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
        text = _format(plugins, name, report, rules, {"color": use_color, "statistics": statistics,
                                                       "quiet": quiet}, show_traceback, timeout)
        if text is None:
            continue
        try:
            safe_io.to_stdout(text) if output is None else safe_io.to_file(text, output)
        except safe_io.ReaderGone:
            break
        except safe_io.WriteError as exc:
            report.errors.append(str(exc))
    for message in report.notes:
        say(f"orgcheck: {message}")
    for message in report.errors:
        say(f"orgcheck: error: {message}")
    status = report.exit_status()
    sys.exit(2 if status == 2 else 0 if exit_zero else status)

def _show_settings(paths: list[str], overrides: Any) -> None:
    from orgcheck.cli import show_settings

    try:
        with contextlib.redirect_stdout(sys.stderr):  # plugin code that prints must not corrupt the TOML
            subject, config, plugins, rules = show_settings.settings_of(paths, overrides)
    except ConfigError as exc:
        fail(str(exc))
    for message in plugins.warnings:
        say(f"orgcheck: {message}")
    for error in plugins.errors:
        say(f"orgcheck: error: {error}")
    if plugins.errors:
        sys.exit(2)
    try:
        safe_io.to_stdout(show_settings.render(subject, config, rules))
    except safe_io.ReaderGone:
        pass


def _format(plugins: Any, name: str, report: Any, rules: dict, options: dict, show_traceback: bool,
            timeout: float | None = None) -> str | None:
    """Run one formatter, within ``timeout`` seconds (--rule-timeout); a crashing one
    costs only its own output (exit 2, named)."""
    from orgcheck.run import guard, streams

    formatter = plugins.formatters[name]
    try:
        with contextlib.redirect_stdout(sys.stderr), streams.plugin_code():
            text = guard.call_with_timeout(lambda: formatter(report, rules, options), timeout)
        if not isinstance(text, str):
            raise TypeError(f"returned {type(text).__name__}, not the report's text")
        return text
    except BaseException as exc:  # whatever a formatter raises costs only its output
        if not isinstance(exc, guard.RuleTimeout):
            guard.reraise_escaping(exc)
        module = getattr(formatter, "__module__", None)
        info = next((i for i in plugins.infos if getattr(i.module, "__name__", None) == module), None)
        source = f" (plugin {info.name}, {info.distribution})" if info else ""
        problem = (f"stopped after {timeout:g} seconds (--rule-timeout)" if isinstance(exc, guard.RuleTimeout)
                   else f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        report.errors.append(f"format {name}{source} crashed: {problem}")
        if show_traceback:
            import traceback

            traceback.print_exc()
        return None

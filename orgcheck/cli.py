"""The command line: options into a Config and paths, the report out, the exit status.

No linting logic lives here.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
from typing import Any, NoReturn

import click

from . import __version__
from . import output as output_file
from .config import Config, ConfigError, Overrides
from .i18n import LANGUAGES, N_, _, language_from_environment, ngettext, set_language
from .rules import Severity
from .formatters.escape import printable
from .safe_io import WriteError

SEVERITIES = ["error", "warning", "info"]


def say(message: str) -> None:
    """One line on standard error, with whatever the data put in it (a file name's
    escape sequence, a line break) shown as escapes, never obeyed."""
    click.echo(printable(message), err=True)


def fail(message: str) -> NoReturn:
    """A user's mistake: one line on standard error, exit status 2."""
    say(f"orgcheck: error: {message}")
    sys.exit(2)


def _debug_wanted() -> bool:
    return os.environ.get("ORGCHECK_DEBUG", "") not in ("", "0")


def _safe_streams() -> None:
    """Standard output and error never fail on a character their encoding lacks
    (PYTHONIOENCODING=cp1252 and a name with an arrow): it is shown as an escape."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):  # not a TextIOWrapper (an embedding host)
            pass


@contextlib.contextmanager
def _translated_help(command: click.Command) -> Any:
    """The options' help in the active language while a help page is written: the
    strings stay English (marked with N_ for extract) because click cleans them at
    import time, before any language is chosen."""
    saved = [(p, p.help) for p in command.params if isinstance(p, click.Option) and p.help]
    try:
        for param, text in saved:
            param.help = _(text)
        yield
    finally:
        for param, text in saved:
            param.help = text


class _Command(click.Command):
    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_options(ctx, formatter)


class _Main(click.Group):
    """The command group: any exception nobody expected is one line naming what
    failed, exit status 2 (1 means findings), the traceback only under --debug."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `orgcheck --lang nl --help` prints its help while parsing, before main() runs:
        # the language is chosen from the arguments (or the locale) first.
        lang = None
        for i, arg in enumerate(args):
            if arg == "--lang" and i + 1 < len(args):
                lang = args[i + 1]
            elif arg.startswith("--lang="):
                lang = arg.split("=", 1)[1]
            if arg == "--" or not arg.startswith("-") or lang:
                break
        set_language(lang if lang in LANGUAGES else language_from_environment())
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_options(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        _safe_streams()
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            say("orgcheck: interrupted")
            sys.exit(130)
        except Exception as exc:
            if _debug_wanted() or (ctx.obj or {}).get("debug"):
                import traceback

                traceback.print_exc()
            command = ctx.invoked_subcommand or "orgcheck"
            text = str(exc)
            if len(text) > 300:
                text = text[:297] + "..."
            say(f"orgcheck: error: {command} failed: {type(exc).__name__}"
                + (f": {text}" if text else "")
                + ("" if _debug_wanted() else " (run with --debug for the traceback)"))
            sys.exit(2)


def _split(values: tuple[str, ...]) -> list[str]:
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def _date(ctx: Any, param: Any, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(_("{value} is not a date (YYYY-MM-DD)").format(value=repr(value))) from None


def _pairs(ctx: Any, param: Any, values: tuple[str, ...]) -> dict[str, str]:
    """NAME=VALUE options (repeatable) as a dict; a later one wins."""
    out: dict[str, str] = {}
    for value in values:
        key, eq, target = value.partition("=")
        if not eq or not key.strip() or not target.strip():
            raise click.BadParameter(_("{value} is not NAME=VALUE").format(value=repr(value)))
        out[key.strip()] = target.strip()
    return out


def _map_option(ctx: Any, param: Any, values: tuple[str, ...]) -> dict[str, str]:
    from .readers.records import FIELDS
    from .suggest import did_you_mean

    out = _pairs(ctx, param, values)
    for key in out:
        if key not in FIELDS:
            raise click.BadParameter(_("unknown field {field} (fields: {fields})").format(
                field=repr(key), fields=", ".join(FIELDS)) + did_you_mean(key, list(FIELDS)))
    return out


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="orgcheck", message="%(prog)s %(version)s")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help=N_("Language of messages and docs (default: the config's lang, else the locale: "
                   "LANG=nl_NL.UTF-8 is Dutch, else English). Rule codes and names never change."))
@click.option("--debug", is_flag=True,
              help=N_("Show the traceback of an unexpected error (also ORGCHECK_DEBUG=1)."))
@click.pass_context
def main(ctx: click.Context, lang: str | None, debug: bool) -> None:
    """Lint organization designs: spans and layers, vertical control, feedback
    loops, professional roles and self-organizing teams."""
    ctx.obj = {"debug": debug}
    if debug:
        os.environ["ORGCHECK_DEBUG"] = "1"
    # The locale now; a command that reads a config may still choose its `lang` (below).
    set_language(lang or language_from_environment())


def _config_language(config_file: str | None = None, isolated: bool = False) -> None:
    """The config's `lang`, unless --lang was given (--lang > config > locale)."""
    ctx = click.get_current_context(silent=True)
    if isolated or ctx is None or ctx.find_root().params.get("lang"):
        return
    from .config import config_language

    try:
        lang = config_language(".", config_file)
    except ConfigError:
        return  # the command reports a broken config where it reads it (a lint may not read this one)
    if lang:
        set_language(lang)


selection_options = [
    click.option("--select", multiple=True, metavar="RULES",
                 help=N_("Only these rules: comma-separated codes, names or code prefixes (OC1).")),
    click.option("--ignore", multiple=True, metavar="RULES", help=N_("Skip these rules.")),
    click.option("--extend-select", multiple=True, metavar="RULES", help=N_("Add rules to the selection.")),
    click.option("--plugin", "plugin_files", multiple=True, metavar="PATH",
                 type=click.Path(dir_okay=False), help=N_("Load a local plugin module (repeatable).")),
]


def with_selection(f: Any) -> Any:
    for option in reversed(selection_options):
        f = option(f)
    return f


preset_option = click.option(
    "--preset", "presets", multiple=True, metavar="NAME",
    help=N_("Start from a rule preset: recommended (the default), strict, all, integrity, or a plugin's "
         "PLUGIN:NAME; comma-separated for several. Replaces the config's preset and select."))


def _overrides(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
               config_file: str | None = None, isolated: bool = False, presets: tuple = (),
               **extra: Any) -> Overrides:
    _config_language(config_file, isolated)
    if _split(presets) and _split(select):
        fail(_("--preset and --select both name the rules to start from: use one "
               "(--extend-select adds rules to a preset)"))
    return Overrides(select=_split(select) or None, ignore=_split(ignore), extend_select=_split(extend_select),
                     preset=_split(presets) or None,
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
    plugins = load_plugins(config.plugins)
    for warning in plugins.warnings:
        click.echo(f"orgcheck: {warning}", err=True)
    return config, plugins


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_selection
@preset_option
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help=N_("Output format: text (default), json, sarif, github, or one a plugin adds. "
                   "Repeat to pair with --output."))
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Write the report to FILE instead of standard output."))
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help=N_("Lowest severity that makes the exit status 1 (default: warning)."))
@click.option("--exit-zero", is_flag=True, help=N_("Exit 0 even when there are findings."))
@click.option("--rule-timeout", type=click.FloatRange(min=0, min_open=True, max=86400), metavar="SECONDS",
              help=N_("Stop a rule that runs longer than this on one file and report it as crashed "
                   "(default: the config's rule-timeout, else no limit)."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
@click.option("--baseline", type=click.Path(dir_okay=False), help=N_("Report only findings not in this baseline."))
@click.option("--write-baseline", type=click.Path(dir_okay=False), help=N_("Record today's findings as the baseline."))
@click.option("--input-format", metavar="json|yaml|csv|bpmn",
              help=N_("How to read the files (default: by extension: .json, .yaml/.yml, .csv, .bpmn), "
                   "or a format a reader plugin adds."))
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", callback=_map_option,
              help=N_("Column for a person field in CSV and record files (repeatable): "
                   "id, name, title, reports_to, unit, fte. Overrides the [csv] config table."))
@click.option("--stdin-filename", metavar="NAME", help=N_("The file name to report for standard input."))
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--show-traceback", "-v", is_flag=True, help=N_("Show the traceback of a crashing plugin."))
@click.option("--statistics", is_flag=True,
              help=N_("After the findings, a count per rule, the trust profile and the rules not assessed."))
@click.option("--quiet", "-q", is_flag=True, help=N_("Only the findings, no summary line."))
@click.option("--today", callback=_date, hidden=True, help=N_("The date waivers and interactions are judged on."))
def lint(paths: tuple[str, ...], select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
         presets: tuple, formats: tuple[str, ...], outputs: tuple[str, ...], fail_on: str | None, exit_zero: bool,
         rule_timeout: float | None, config_file: str | None, isolated: bool, baseline: str | None, write_baseline: str | None,
         input_format: str | None, mapping: dict[str, str], stdin_filename: str | None,
         color: str, show_traceback: bool, statistics: bool, quiet: bool, today: _dt.date | None) -> None:
    """Lint org models: files (JSON, YAML, people CSV or BPMN), folders (every org.json and
    *.org.json below them, and their .yaml/.yml twins) or - for standard input."""
    from . import engine, gcpause

    gcpause.for_this_process()
    overrides = _overrides(select, ignore, extend_select, plugin_files, config_file, isolated, presets,
                           fail_on=Severity(fail_on) if fail_on else None, input_format=input_format,
                           rule_timeout=rule_timeout,
                           mapping=mapping,
                           baseline=os.path.abspath(baseline) if baseline else None,
                           no_baseline=bool(write_baseline),
                           stdin_filename=stdin_filename, today=today)
    formats = formats or ("text",)
    if len(outputs) > len(formats):
        fail(_("more --output than --format options: pair each --output with a --format"))
    try:
        # Plugin code that prints must not corrupt the report (JSON, SARIF) on stdout.
        quiet_stdout = contextlib.redirect_stdout(sys.stderr)
        with quiet_stdout:
            the_plan = engine.plan(list(paths) or ["."], overrides, show_traceback=show_traceback)
            the_plan.profile = statistics and "text" in formats
        plugins = the_plan.plugins
        for name in formats:
            if name not in plugins.formatters:
                from .suggest import did_you_mean

                fail(_("unknown format {format} (formats: {formats})").format(
                    format=repr(name), formats=", ".join(sorted(plugins.formatters)))
                     + did_you_mean(name, list(plugins.formatters)))
        with quiet_stdout:
            report = engine.run(the_plan)
    except ConfigError as exc:
        fail(str(exc))
    if write_baseline:
        from .baseline import write_baseline as write

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
    for i, name in enumerate(formats):
        output = outputs[i] if i < len(outputs) else None
        use_color = name == "text" and output is None and (
            color == "always" or (color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
        text = _format(plugins, name, report, rules, {"color": use_color, "statistics": statistics,
                                                       "quiet": quiet}, show_traceback)
        if text is None:
            continue
        try:
            output_file.to_stdout(text) if output is None else output_file.to_file(text, output)
        except output_file.ReaderGone:
            break
        except output_file.OutputError as exc:
            report.errors.append(str(exc))
    for message in report.notes:
        say(f"orgcheck: {message}")
    for message in report.errors:
        say(f"orgcheck: error: {message}")
    status = report.exit_status()
    sys.exit(2 if status == 2 else 0 if exit_zero else status)


def _format(plugins: Any, name: str, report: Any, rules: dict, options: dict, show_traceback: bool) -> str | None:
    """Run one formatter; a crashing one costs only its own output (exit 2, named)."""
    formatter = plugins.formatters[name]
    try:
        with contextlib.redirect_stdout(sys.stderr):
            text = formatter(report, rules, options)
        if not isinstance(text, str):
            raise TypeError(f"returned {type(text).__name__}, not the report's text")
        return text
    except Exception as exc:
        module = getattr(formatter, "__module__", None)
        info = next((i for i in plugins.infos if getattr(i.module, "__name__", None) == module), None)
        source = f" (plugin {info.name}, {info.distribution})" if info else ""
        report.errors.append(f"format {name}{source} crashed: {type(exc).__name__}: {exc}")
        if show_traceback:
            import traceback

            traceback.print_exc()
        return None


@main.command("rules")
@with_selection
@preset_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple, presets: tuple,
                  config_file: str | None, isolated: bool, fmt: str) -> None:
    """List every rule: code, name, family, severity, pillar, plugin, whether it is enabled
    under the current config, and the presets that enable it (every rule is in `all`)."""
    from .engine import prepare
    from .presets import membership

    config, plugins = _settings(_overrides(select, ignore, extend_select, plugin_files, config_file, isolated,
                                           presets))
    try:
        enabled = {r.code for r in prepare(config, plugins)}
    except ConfigError as exc:
        fail(str(exc))
    in_presets = membership(plugins)
    rows = [{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "pillar": r.pillar, "plugin": r.distribution, "enabled": r.code in enabled,
             "presets": in_presets[r.code], "summary": r.summary}
            for r in sorted(plugins.rules.values(), key=lambda r: r.code)]
    if fmt == "json":
        from .formatters.escape import json_text

        click.echo(json_text(rows))
    else:
        headers = ["code", "name", "family", "severity", "pillar", "plugin", "presets", "enabled"]
        for row in rows:
            row["presets"] = ",".join(row["presets"]) or "-"
            row["pillar"] = row["pillar"] or "-"
        table = [[row[h] if h != "enabled" else ("yes" if row[h] else "no") for h in headers] for row in rows]
        widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
        for row in [headers, *table]:
            click.echo(printable("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip()))
    _report_load_errors(plugins)


def _report_load_errors(plugins: Any) -> None:
    for error in plugins.errors:
        say(f"orgcheck: error: {error}")
    if plugins.errors:
        sys.exit(2)


@main.command()
@click.argument("rule")
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Load a local plugin module (repeatable)."))
def explain(rule: str, plugin_files: tuple) -> None:
    """Print a rule's docs: what it checks, why, how to fix it, its options, an example."""
    from .docs import render_rule

    _config, plugins = _settings(_overrides((), (), (), plugin_files))
    found = plugins.find_rule(rule)
    family = [r for code, r in sorted(plugins.rules.items()) if code.startswith(rule.upper())] if found is None else []
    if family:
        # A code prefix names a family (OC1): list it rather than guess one member.
        click.echo(ngettext("{family} is a family of {count} rule; `orgcheck explain CODE` prints one:",
                            "{family} is a family of {count} rules; `orgcheck explain CODE` prints one:",
                            len(family)).format(family=rule.upper(), count=len(family)))
        width = max(len(f"{r.code} {r.name}") for r in family)
        for r in family:
            click.echo(f"  {(r.code + ' ' + r.name).ljust(width)}  {r.summary}".rstrip())
        return
    if found is None:
        from .suggest import did_you_mean

        known = [*plugins.rules, *(r.name for r in plugins.rules.values())]
        fail(_("unknown rule {rule}").format(rule=repr(rule)) + did_you_mean(rule, known)
             + _(" (see `orgcheck rules`)"))
    from .formatters.escape import printable_block

    click.echo(printable_block(render_rule(found)), nl=False)


@main.command()
def schema() -> None:
    """Print the org model's JSON Schema (for editors and other tools)."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command("plugins")
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Also load a local plugin module (repeatable), as lint --plugin does."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
def plugins_command(plugin_files: tuple, config_file: str | None, isolated: bool) -> None:
    """List the loaded plugins with their distribution and version, and their rules."""
    _config_language()
    _config, plugins = _settings(_overrides((), (), (), plugin_files, config_file, isolated))
    rows = []
    for info in plugins.infos:
        codes = [r.code for r in plugins.rules.values() if r.plugin == info.name]
        rows.append((info.name, info.distribution, ", ".join(sorted(codes))))
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
    for name, dist, codes in rows:
        click.echo(printable(f"{name.ljust(widths[0])}  {dist.ljust(widths[1])}  {codes}".rstrip()))
    _report_load_errors(plugins)


# -- the designer's views: stats, diff, graph, report (logic in orgcheck/views/) ----------

view_options = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file.")),
    click.option("--isolated", is_flag=True, help=N_("Ignore every config file.")),
    click.option("--today", callback=_date, hidden=True, help=N_("The date waivers are judged on.")),
]


def with_view_options(f: Any) -> Any:
    for option in reversed([*selection_options, *view_options]):
        f = option(f)
    return f


def _view_overrides(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
                    config_file: str | None, isolated: bool, today: _dt.date | None) -> Overrides:
    return _overrides(select, ignore, extend_select, plugin_files, config_file, isolated, today=today)


def _load_view(path: str, overrides: Overrides) -> Any:
    from .views.load import ViewError, load

    try:
        return load(path, overrides)
    except ViewError as exc:
        fail(str(exc))


def _emit(text: str, output: str | None) -> None:
    """Standard output, or ``output`` written whole through safe_io (exit 2 on failure)."""
    try:
        output_file.to_stdout(text) if output is None else output_file.to_file(text, output)
    except output_file.ReaderGone:
        return
    except output_file.OutputError as exc:
        fail(str(exc))


@main.command()
@click.argument("model", type=click.Path())
@with_view_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--by", type=click.Choice(["unit", "layer", "grade"]),
              help=N_("One row per unit (with the units below it), reporting layer or grade: positions, "
                      "vacancies, FTE, managers, spans, layers and cost."))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def stats(model: str, fmt: str, by: str | None, output: str | None, **options: Any) -> None:
    """Spans and layers, teams, processes, feedback and metrics of MODEL, each manager's
    span against the bound for their manager_type, FTE, vacancies and cost per layer and
    unit, and the trust profile per pillar. With --by, one row per unit, layer or grade."""
    from .views import stats as view

    loaded = _load_view(model, _view_overrides(**options))
    if by is not None:
        from .views import stats_by

        try:
            grouped = stats_by.compute(loaded, by)
        except stats_by.NothingToGroup as exc:
            fail(str(exc))
        render = {"text": stats_by.render_text, "json": stats_by.render_json, "csv": stats_by.render_csv}[fmt]
        _emit(render(grouped), output)
        return
    figures = view.compute(loaded)
    render = {"text": view.render_text, "json": view.render_json, "csv": view.render_csv}[fmt]
    _emit(render(figures), output)


@main.command()
@click.argument("models", nargs=-1, type=click.Path(), required=True)
@click.option("--base", metavar="REF",
              help=N_("Compare MODEL with its version at git commit, branch or tag REF (one MODEL)."))
@with_view_options
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help=N_("Exit 1 when the new design introduces a finding at or above this severity "
                   "(default: the config's fail-on, else warning)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
@click.option("--show-unchanged", is_flag=True, help=N_("Also list the findings both versions have."))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def diff(models: tuple[str, ...], base: str | None, fail_on: str | None, fmt: str, show_unchanged: bool,
         output: str | None, **options: Any) -> None:
    """Compare two versions of a model: OLD NEW, or --base REF MODEL.

    People added, removed and moved; units added, removed and re-parented; spans and
    layers before and after; findings introduced, resolved and unchanged (matched by
    rule and entity, not line). Exits 1 only when the new version introduces a finding
    at or above --fail-on."""
    from .views import diff as view
    from .views.load import ViewError

    if base is not None and len(models) != 1:
        fail(_("--base {base} compares one MODEL with its version at {base}; got {count} paths").format(
            base=base, count=len(models)))
    if base is None and len(models) != 2:
        fail(ngettext("diff takes OLD and NEW (or --base REF MODEL); got {count} path",
                      "diff takes OLD and NEW (or --base REF MODEL); got {count} paths", len(models)).format(
            count=len(models)))
    old, new = (None, models[0]) if base is not None else models
    try:
        before, after, notes = view.load_pair(old, new, _view_overrides(**options), base)
    except ViewError as exc:
        fail(str(exc))
    result = view.compare(before, after)
    if fmt == "text":
        text = view.render_text(result, show_unchanged=show_unchanged)
    else:
        text = view.render_json(result) if fmt == "json" else view.render_markdown(result)
    _emit(text, output)
    for note in notes:
        say(f"orgcheck: {note}")
    sys.exit(1 if view.fails(result, Severity(fail_on) if fail_on else after.config.fail_on) else 0)


@main.command()
@click.argument("model", type=click.Path())
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help=N_("Only commits made on or after this date."))
@click.option("--max-count", type=click.IntRange(min=1), metavar="N", help=N_("Only the N most recent commits."))
@with_view_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def history(model: str, since: _dt.date | None, max_count: int | None, fmt: str, output: str | None,
            **options: Any) -> None:
    """How MODEL changed: one row per git commit that changed it, oldest first (renames
    followed): date, commit, positions, managers, layers, average span, findings by
    severity and per pillar its trust-profile score (0-100), each as `orgcheck stats`
    measures that version with today's config. A version that is not a valid model is a
    row that says so."""
    from .views import history as view
    from .views.load import ViewError

    try:
        result = view.compute(model, _view_overrides(**options), since=_since(since), max_count=max_count)
    except ViewError as exc:
        fail(str(exc))
    render = {"text": view.render_text, "json": view.render_json, "csv": view.render_csv}[fmt]
    _emit(render(result), output)


def _since(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@main.command()
@click.argument("model", type=click.Path())
@click.option("--view", default="org", show_default=True, metavar="org|units|process[:ID]",
              help=N_("The reporting tree, the unit tree, or the process flows (all, or the one with ID)."))
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
@click.option("--depth", type=click.IntRange(min=0),
              help=N_("Layers (org) or unit levels (units) to draw; 0 draws all. Default: as many as fit "
                   "in about 300 boxes, each cut subtree summarized in one."))
@with_view_options
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def graph(model: str, view: str, fmt: str, depth: int | None, output: str | None, **options: Any) -> None:
    """Draw MODEL as Mermaid (renders on GitHub in a ```mermaid block) or Graphviz DOT.

    Entities with findings are outlined in the colour of their worst severity and list
    the rule codes; approval, review, decision and feedback steps are shaped apart from work."""
    from .views import graph as view_module
    from .views.load import ViewError

    loaded = _load_view(model, _view_overrides(**options))
    try:
        drawing = view_module.build(loaded, view, depth)
    except ViewError as exc:
        fail(str(exc))
    _emit(view_module.to_mermaid(drawing) if fmt == "mermaid" else view_module.to_dot(drawing), output)


@main.command()
@click.argument("model", type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help=N_("The HTML file to write (report.html)."))
@click.option("--history", "with_history", is_flag=True,
              help=N_("Add a chart and table of how MODEL changed, one point per git commit (see `orgcheck history`)."))
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help=N_("With --history: commits on or after this date."))
@click.option("--max-count", type=click.IntRange(min=1), metavar="N", help=N_("With --history: the N most recent commits."))
@with_view_options
def report(model: str, output: str, with_history: bool, since: _dt.date | None, max_count: int | None,
           **options: Any) -> None:
    """Write one self-contained HTML report of MODEL: trust profile, stats, findings by
    pillar linked to their entities, org chart, unit tree and process diagrams, and with
    --history how it changed in git. It opens offline in any browser and fetches nothing
    from the network."""
    from .views import html
    from .views.load import ViewError

    overrides = _view_overrides(**options)
    loaded = _load_view(model, overrides)
    past = None
    if with_history:
        from .views import history

        try:
            past = history.compute(model, overrides, since=_since(since), max_count=max_count)
        except ViewError as exc:
            fail(str(exc))
    elif since or max_count:
        fail(_("--since and --max-count choose the commits of --history: add --history"))
    _emit(html.render(loaded, past), output)
    say(_("Wrote {file}").format(file=output))


@main.command("import")
@click.argument("kind", type=click.Choice(["csv", "yaml", "bpmn"]))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help=N_("Write the model here (default: standard output, or back into --into)."))
@click.option("--into", type=click.Path(dir_okay=False),
              help=N_("Add to this existing format-1 JSON model (its processes, roles, people...)."))
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", callback=_map_option,
              help=N_("Column (or YAML key) for a person field (repeatable): id, name, title, reports_to, unit, "
                   "fte. Overrides the [csv] config table."))
@click.option("--lane", "lanes", multiple=True, metavar="LANE=ID", callback=_pairs,
              help=N_("BPMN: the person, unit or role that performs a lane's (or pool's) tasks (repeatable); "
                   "default: a role named like the lane."))
def import_command(kind: str, files: tuple[str, ...], output: str | None, into: str | None,
                   mapping: dict[str, str], lanes: dict[str, str]) -> None:
    """Convert people CSVs, YAML (a model, people records, or a folder of one-person
    files) or BPMN 2.0 processes into one format-1 JSON model, each entity with
    x-source (the file and line, or BPMN element, it came from)."""
    from .config import resolve
    from .importer import ImportFailed, import_files, write_model

    _config_language()
    try:
        options = resolve(".", Overrides()).reader_options
        result = import_files(kind, list(files), mapping=mapping, lanes=lanes, into=into, reader_options=options)
    except (ImportFailed, ConfigError) as exc:
        fail(str(exc))
    for note in result.notes:
        say(f"orgcheck: {note}")
    for problem in result.problems:
        say(f"orgcheck: {problem}")
    text = write_model(result.model)
    target = output or into
    _emit(text, target)
    if target is not None and target != "-":
        people = len(result.model.get("people", []))
        processes = len(result.model.get("processes", []))
        units = len(result.model.get("units", []))
        say(_("Wrote {file}: {people}, {units}, {processes}").format(
            file=target, people=ngettext("{count} person", "{count} people", people).format(count=people),
            units=ngettext("{count} unit", "{count} units", units).format(count=units),
            processes=ngettext("{count} process", "{count} processes", processes).format(count=processes)))
    sys.exit(1 if result.problems else 0)

"""What the commands share: their options, how they fail (one line, exit 2), where
their output goes."""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
from typing import Any, NoReturn

import click

from orgcheck.cli import click_words
from orgcheck.config import Config, ConfigError, Overrides
from orgcheck.formatters.escape import printable
from orgcheck.i18n.runtime import N_, _, docs_paragraphs, get_language, set_language
from orgcheck.io import safe_io

# click's Usage, Options and errors in the language orgcheck speaks. Bound before the
# options below are built: click.Path() words its type name as it is constructed, and
# through the standard library's gettext that means importing `locale` and looking for
# a catalog of click's on disk, on every start.
click_words.bind()


def say(message: str) -> None:
    """One line on standard error, with whatever the data put in it (a file name's
    escape sequence, a line break) shown as escapes, never obeyed."""
    click.echo(printable(message), err=True)


def fail(message: str) -> NoReturn:
    """A user's mistake: one line on standard error, exit status 2."""
    say(f"orgcheck: error: {message}")
    sys.exit(2)


def debug_wanted() -> bool:
    return os.environ.get("ORGCHECK_DEBUG", "") not in ("", "0")


def split_values(values: tuple[str, ...]) -> list[str]:
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def date_option(ctx: Any, param: Any, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(_("{value} is not a date (YYYY-MM-DD)").format(value=repr(value))) from None


def pairs_option(ctx: Any, param: Any, values: tuple[str, ...]) -> dict[str, str]:
    """NAME=VALUE options (repeatable) as a dict; a later one wins."""
    out: dict[str, str] = {}
    for value in values:
        key, eq, target = value.partition("=")
        if not eq or not key.strip() or not target.strip():
            raise click.BadParameter(_("{value} is not NAME=VALUE").format(value=repr(value)))
        out[key.strip()] = target.strip()
    return out


def map_option(ctx: Any, param: Any, values: tuple[str, ...]) -> dict[str, str]:
    if not values:  # the usual lint: the people readers stay unimported
        return {}
    from orgcheck.readers.records import FIELDS
    from orgcheck.suggest import did_you_mean

    out = pairs_option(ctx, param, values)
    for key in out:
        if key not in FIELDS:
            raise click.BadParameter(_("unknown field {field} (fields: {fields})").format(
                field=repr(key), fields=", ".join(FIELDS)) + did_you_mean(key, list(FIELDS)))
    return out


def apply_config_language(config_file: str | None = None, isolated: bool = False) -> None:
    """The config's `lang`, unless --lang was given (--lang > config > locale)."""
    ctx = click.get_current_context(silent=True)
    if isolated or ctx is None or ctx.find_root().params.get("lang"):
        return
    from orgcheck.config import config_language

    try:
        lang = config_language(".", config_file)
    except ConfigError:
        return  # the command reports a broken config where it reads it (a lint may not read this one)
    if lang:
        set_language(lang)

TRUSTED_ONLY = "orgcheck.no_local_plugins"


def _no_local_plugins(ctx: click.Context, param: Any, value: bool) -> bool:
    if value:
        ctx.meta[TRUSTED_ONLY] = True
    return value


no_local_plugins_option = click.option(
    "--no-local-plugins", is_flag=True, expose_value=False, envvar="ORGCHECK_NO_LOCAL_PLUGINS",
    callback=_no_local_plugins,
    help=N_("Load only installed plugins and those named with --plugin, never a plugin file a config file "
            "names (for pull requests from others; also ORGCHECK_NO_LOCAL_PLUGINS=1)."))

selection_options = [
    click.option("--select", multiple=True, metavar="RULES",
                 help=N_("Only these rules: comma-separated codes, names or code prefixes (OC1), or ALL for "
                         "every loaded rule.")),
    click.option("--ignore", multiple=True, metavar="RULES", help=N_("Skip these rules.")),
    click.option("--extend-select", multiple=True, metavar="RULES", help=N_("Add rules to the selection.")),
    click.option("--extend-ignore", multiple=True, metavar="RULES", expose_value=False,
                 callback=lambda ctx, param, values: ctx.meta.__setitem__("orgcheck.extend_ignore", values),
                 help=N_("Skip these rules too (as --ignore: both add to the config's ignore).")),
    click.option("--plugin", "plugin_files", multiple=True, metavar="PATH",
                 type=click.Path(dir_okay=False), help=N_("Load a local plugin module (repeatable).")),
    no_local_plugins_option,
]


def with_selection(f: Any) -> Any:
    for option in reversed(selection_options):
        f = option(f)
    return f


preset_option = click.option(
    "--preset", "presets", multiple=True, metavar="NAME",
    help=N_("Start from a rule preset: recommended (the default), strict, all, integrity, or a plugin's "
         "PLUGIN:NAME; comma-separated for several. Replaces the config's preset and select."))


def overrides_from(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
               config_file: str | None = None, isolated: bool = False, presets: tuple = (),
               **extra: Any) -> Overrides:
    apply_config_language(config_file, isolated)
    if split_values(presets) and split_values(select):
        fail(_("--preset and --select both name the rules to start from: use one "
               "(--extend-select adds rules to a preset)"))
    ctx = click.get_current_context(silent=True)
    trusted_only = bool(ctx is not None and ctx.meta.get(TRUSTED_ONLY))
    extend_ignore = ctx.meta.get("orgcheck.extend_ignore", ()) if ctx is not None else ()
    return Overrides(local_plugins=not trusted_only, select=split_values(select) or None,
                     ignore=split_values((*ignore, *extend_ignore)), extend_select=split_values(extend_select),
                     preset=split_values(presets) or None,
                     plugins=[os.path.abspath(p) for p in plugin_files], config_file=config_file,
                     isolated=isolated, **extra)


def settings(overrides: Overrides) -> tuple[Config, Any]:
    """The settings of the working directory (for rules, explain) and the plugins they load."""
    from orgcheck.api.manager import load_plugins
    from orgcheck.config import resolve, take_notes

    try:
        config = resolve(".", overrides)
    except ConfigError as exc:
        fail(str(exc))
    for note in take_notes():
        say(f"orgcheck: {note}")
    plugins = load_plugins(config.plugins, trusted_only=not overrides.local_plugins)
    for warning in plugins.warnings:
        click.echo(f"orgcheck: {warning}", err=True)
    return config, plugins


view_options = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file.")),
    click.option("--isolated", is_flag=True, help=N_("Ignore every config file.")),
    click.option("--today", callback=date_option, hidden=True, help=N_("The date waivers are judged on.")),
    click.option("--input-format", metavar="json|yaml|csv|bpmn",
                 help=N_("How to read MODEL (default: by extension), or a format a reader plugin adds.")),
    click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", callback=map_option,
                 help=N_("Column for a person field in CSV and record files (repeatable): "
                         "id, name, title, reports_to, unit, fte. Overrides the [csv] config table.")),
]


def with_view_options(f: Any) -> Any:
    for option in reversed([*selection_options, *view_options]):
        f = option(f)
    return f


def view_overrides(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple,
                   config_file: str | None, isolated: bool, today: _dt.date | None,
                   input_format: str | None = None, mapping: dict[str, str] | None = None) -> Overrides:
    """The views read a model as ``lint`` does: the same selection, config and reading options."""
    return overrides_from(select, ignore, extend_select, plugin_files, config_file, isolated, today=today,
                          input_format=input_format, mapping=mapping or {})


def load_view(path: str, overrides: Overrides) -> Any:
    from orgcheck.views.load import ViewError, load

    try:
        return load(path, overrides)
    except ViewError as exc:
        fail(str(exc))


def emit(text: str, output: str | None) -> None:
    """Standard output, or ``output`` written whole through safe_io (exit 2 on failure)."""
    try:
        safe_io.to_stdout(text) if output is None else safe_io.to_file(text, output)
    except safe_io.ReaderGone:
        return
    except safe_io.WriteError as exc:
        fail(str(exc))


def since_text(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def report_load_errors(plugins: Any) -> None:
    for error in plugins.errors:
        say(f"orgcheck: error: {error}")
    if plugins.errors:
        sys.exit(2)


def help_text(text: str | None) -> str | None:
    """A command's help (its docstring) in the active language, paragraph by paragraph
    as extract takes it; English as it is."""
    if not text or get_language() == "en":
        return text
    import inspect

    return "\n\n".join(_(p) for p in docs_paragraphs(inspect.cleandoc(text).partition("\f")[0]))


@contextlib.contextmanager
def translated_help(command: click.Command) -> Any:
    """The command's and its options' help in the active language while a help page is
    written: the strings stay English (marked with N_ for extract) because click cleans
    them at import time, before any language is chosen."""
    saved = [(p, p.help) for p in command.params if isinstance(p, click.Option) and p.help]
    own = command.help
    try:
        for param, text in saved:
            param.help = _(text)
        command.help = help_text(own)
        yield
    finally:
        for param, text in saved:
            param.help = text
        command.help = own


class Command(click.Command):
    """A command whose help and options' help are in the active language (the group's too:
    it derives from this as well)."""


    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with translated_help(self):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with translated_help(self):
            return super().get_short_help_str(limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with translated_help(self):
            super().format_options(ctx, formatter)

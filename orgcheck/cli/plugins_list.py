"""orgcheck plugins."""
from __future__ import annotations

import click

from orgcheck.cli.common import (
    Command,
    apply_config_language,
    no_local_plugins_option,
    overrides_from,
    report_load_errors,
    settings,
)
from orgcheck.formatters.escape import printable
from orgcheck.i18n.runtime import N_


@click.command("plugins", cls=Command)
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Also load a local plugin module (repeatable), as lint --plugin does."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
@no_local_plugins_option
def plugins_command(plugin_files: tuple, config_file: str | None, isolated: bool) -> None:
    """List the loaded plugins with their distribution and version, and their rules."""
    apply_config_language()
    _config, plugins = settings(overrides_from((), (), (), plugin_files, config_file, isolated))
    rows = []
    for info in plugins.infos:
        codes = [r.code for r in plugins.rules.values() if r.plugin == info.name]
        rows.append((info.name, info.distribution, ", ".join(sorted(codes))))
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
    for name, dist, codes in rows:
        click.echo(printable(f"{name.ljust(widths[0])}  {dist.ljust(widths[1])}  {codes}".rstrip()))
    report_load_errors(plugins)

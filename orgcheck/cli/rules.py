"""orgcheck rules."""
from __future__ import annotations

import click

from orgcheck.cli.common import (
    Command,
    fail,
    overrides_from,
    preset_option,
    report_load_errors,
    settings,
    with_selection,
)
from orgcheck.config import ConfigError
from orgcheck.formatters.escape import printable
from orgcheck.i18n.runtime import N_, _


@click.command("rules", cls=Command)
@with_selection
@preset_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=N_("Use this config file."))
@click.option("--isolated", is_flag=True, help=N_("Ignore every config file."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(select: tuple, ignore: tuple, extend_select: tuple, plugin_files: tuple, presets: tuple,
                  config_file: str | None, isolated: bool, fmt: str) -> None:
    """List every rule: code, name, family, severity, pillar, what it needs of the source,
    plugin, whether it is enabled under the current config, and the presets that enable it
    (every rule is in `all`). --select, --extend-select or --preset on the command line
    lists only the rules they enable (with --ignore: less the ignored)."""
    from orgcheck.api.presets import membership
    from orgcheck.run.engine import prepare

    config, plugins = settings(overrides_from(select, ignore, extend_select, plugin_files, config_file, isolated,
                                           presets))
    try:
        enabled = {r.code for r in prepare(config, plugins)}
    except ConfigError as exc:
        fail(str(exc))
    in_presets = membership(plugins)
    # A selection on the command line asks about those rules; the config's own
    # selection, and --ignore alone, only mark them enabled or not.
    chosen = any((select, extend_select, presets))
    rows = [{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
             "pillar": r.pillar, "needs": list(r.needs), "plugin": r.distribution, "enabled": r.code in enabled,
             "presets": in_presets[r.code], "summary": r.summary}
            for r in sorted(plugins.rules.values(), key=lambda r: r.code) if not chosen or r.code in enabled]
    if fmt == "json":
        from orgcheck.formatters.escape import json_text

        click.echo(json_text(rows))
    else:
        from orgcheck.wording import word

        keys = ["code", "name", "family", "severity", "pillar", "needs", "plugin", "presets", "enabled"]
        headers = [_("code"), _("name"), _("family"), _("severity"), _("pillar"), _("needs"), _("plugin"),
                   _("presets"), _("enabled")]
        for row in rows:
            row["presets"] = ",".join(row["presets"]) or "-"
            row["pillar"] = word(row["pillar"])
            row["needs"] = ",".join(row["needs"]) or "-"
            row["enabled"] = word("yes" if row["enabled"] else "no")
        table = [[row[k] for k in keys] for row in rows]
        widths = [max(len(str(x)) for x in col) for col in zip(headers, *table, strict=True)]
        for line in [headers, *table]:
            click.echo(printable("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip()))
    report_load_errors(plugins)

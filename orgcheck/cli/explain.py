"""orgcheck explain."""
from __future__ import annotations

import click

from orgcheck.cli.common import Command, fail, no_local_plugins_option, overrides_from, settings
from orgcheck.i18n.runtime import N_, _, ngettext


@click.command(cls=Command)
@click.argument("rule")
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Load a local plugin module (repeatable)."))
@no_local_plugins_option
def explain(rule: str, plugin_files: tuple) -> None:
    """Print a rule's docs: what it checks, why, how to fix it, its options, an example."""
    from orgcheck.docs import render_rule

    _config, plugins = settings(overrides_from((), (), (), plugin_files))
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
        from orgcheck.suggest import did_you_mean

        known = [*plugins.rules, *(r.name for r in plugins.rules.values())]
        fail(_("unknown rule {rule}").format(rule=repr(rule)) + did_you_mean(rule, known)
             + _(" (see `orgcheck rules`)"))
    from orgcheck.formatters.escape import printable_block

    click.echo(printable_block(render_rule(found)), nl=False)

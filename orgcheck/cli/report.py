"""orgcheck report."""
from __future__ import annotations

import datetime as _dt
from typing import Any

import click

from orgcheck.cli.common import (
    Command,
    date_option,
    emit,
    fail,
    load_view,
    say,
    since_text,
    view_overrides,
    with_view_options,
)
from orgcheck.i18n.runtime import N_, _


@click.command(cls=Command)
@click.argument("model", type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help=N_("The HTML file to write (report.html)."))
@click.option("--history", "with_history", is_flag=True,
              help=N_("Add a chart and table of how MODEL changed, one point per git commit (see `orgcheck history`)."))
@click.option("--since", callback=date_option, metavar="YYYY-MM-DD",
              help=N_("With --history: commits on or after this date."))
@click.option("--max-count", type=click.IntRange(min=1), metavar="N",
              help=N_("With --history: the N most recent commits."))
@with_view_options
def report(model: str, output: str, with_history: bool, since: _dt.date | None, max_count: int | None,
           **options: Any) -> None:
    """Write one self-contained HTML report of MODEL: trust profile, stats, findings by
    pillar linked to their entities, org chart, unit tree and process diagrams, and with
    --history how it changed in git. It opens offline in any browser and fetches nothing
    from the network."""
    from orgcheck.views import html
    from orgcheck.views.load import ViewError

    overrides = view_overrides(**options)
    loaded = load_view(model, overrides)
    past = None
    if with_history:
        from orgcheck.views import history

        try:
            past = history.compute(model, overrides, since=since_text(since), max_count=max_count)
        except ViewError as exc:
            fail(str(exc))
        warning = history.shallow_warning(past)
        if warning:
            say(f"orgcheck: {warning}")
    elif since or max_count:
        fail(_("--since and --max-count choose the commits of --history: add --history"))
    emit(html.render(loaded, past), output)
    say(_("Wrote {file}").format(file=output))

"""orgcheck history."""
from __future__ import annotations

import datetime as _dt
from typing import Any

import click

from orgcheck.cli.common import Command, date_option, emit, fail, say, since_text, view_overrides, with_view_options
from orgcheck.i18n.runtime import N_


@click.command(cls=Command)
@click.argument("model", type=click.Path())
@click.option("--since", callback=date_option, metavar="YYYY-MM-DD",
              help=N_("Only commits made on or after this date."))
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
    row that says so. In a shallow clone (CI's usual checkout) it warns that the older
    commits are missing."""
    from orgcheck.views import history as view
    from orgcheck.views.load import ViewError

    try:
        result = view.compute(model, view_overrides(**options), since=since_text(since), max_count=max_count)
    except ViewError as exc:
        fail(str(exc))
    warning = view.shallow_warning(result)
    if warning:
        say(f"orgcheck: {warning}")
    render = {"text": view.render_text, "json": view.render_json, "csv": view.render_csv}[fmt]
    emit(render(result), output)

"""orgcheck stats."""
from __future__ import annotations

from typing import Any

import click

from orgcheck.cli.common import Command, emit, fail, load_view, view_overrides, with_view_options
from orgcheck.i18n.runtime import N_


@click.command(cls=Command)
@click.argument("model", type=click.Path())
@with_view_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--by", type=click.Choice(["unit", "layer", "grade"]),
              help=N_("One row per unit (with the units below it), reporting layer or grade: positions, "
                      "vacancies, FTE, managers, spans, layers and cost; per unit also its trust profile, its "
                      "own and with the units below it. Units come in tree order, grades most senior first."))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def stats(model: str, fmt: str, by: str | None, output: str | None, **options: Any) -> None:
    """Spans and layers, teams, processes, feedback and metrics of MODEL, each manager's
    span against the bound for their manager_type, FTE, vacancies and cost per layer and
    unit, spans by grade, and the trust profile per pillar; for a model kept as code (units listing their
    members, no reporting lines), its units, memberships and leads instead of layers and
    spans. With --by, one row per unit, layer or grade."""
    from orgcheck.views import stats as view

    loaded = load_view(model, view_overrides(**options))
    if by is not None:
        from orgcheck.views import stats_by

        try:
            grouped = stats_by.compute(loaded, by)
        except stats_by.NothingToGroup as exc:
            fail(str(exc))
        render_rows = {"text": stats_by.render_text, "json": stats_by.render_json, "csv": stats_by.render_csv}[fmt]
        emit(render_rows(grouped), output)
        return
    figures = view.compute(loaded)
    render = {"text": view.render_text, "json": view.render_json, "csv": view.render_csv}[fmt]
    emit(render(figures), output)

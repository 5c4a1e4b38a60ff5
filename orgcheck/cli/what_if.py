"""orgcheck what-if."""
from __future__ import annotations

from typing import Any

import click

from orgcheck.cli.common import Command, emit, fail, load_view, view_overrides, with_view_options
from orgcheck.i18n.runtime import N_


@click.command("what-if", cls=Command)
@click.argument("model", type=click.Path())
@click.argument("scenarios", nargs=-1, required=True, type=click.Path())
@with_view_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True,
              help=N_("html: the report of MODEL (as `orgcheck report` writes it) with today and each scenario "
                      "side by side."))
@click.option("--show-unchanged", is_flag=True, help=N_("Also list the findings both versions have."))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help=N_("Write to FILE instead of standard output."))
def what_if(model: str, scenarios: tuple[str, ...], fmt: str, show_unchanged: bool, output: str | None,
            **options: Any) -> None:
    """Apply the operations of SCENARIO files to MODEL in memory (the file is not changed)
    and show what they change: with one scenario, the diff from today (as `orgcheck diff`
    shows it); with several, today and each scenario side by side: positions, managers,
    layers, spans, cost, findings and the trust profile. With --format html, the report
    of MODEL with today and every scenario side by side. See docs/what-if.md."""
    from orgcheck.views import diff as diff_view
    from orgcheck.views import whatif
    from orgcheck.views.load import ViewError

    today = load_view(model, view_overrides(**options))
    try:
        loaded = []
        for path in scenarios:
            scenario = whatif.read_scenario(path)
            loaded.append((scenario, whatif.load_scenario(today, scenario)))
    except ViewError as exc:
        fail(str(exc))
    if len(loaded) == 1 and fmt != "html":
        result = diff_view.compare(today, loaded[0][1])
        if fmt == "text":
            text = diff_view.render_text(result, show_unchanged=show_unchanged)
        else:
            text = diff_view.render_json(result) if fmt == "json" else diff_view.render_markdown(result)
        emit(text, output)
        return
    rows = [{"label": today.display, "description": "", **whatif.summary(today)}]
    rows += [{"label": s.name, "description": s.description, **whatif.summary(result)} for s, result in loaded]
    table = whatif.compare_table(rows)
    if fmt == "html":
        from orgcheck.views import html

        emit(html.render(today, scenarios=whatif.render_table_html(table)), output)
        return
    render = {"text": whatif.render_table_text, "json": whatif.render_table_json,
              "markdown": whatif.render_table_markdown}[fmt]
    emit(render(table), output)

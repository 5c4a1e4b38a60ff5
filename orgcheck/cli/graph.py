"""orgcheck graph."""
from __future__ import annotations

from typing import Any

import click

from orgcheck.cli.common import Command, emit, fail, load_view, view_overrides, with_view_options
from orgcheck.i18n.runtime import N_


@click.command(cls=Command)
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
    from orgcheck.views import graph as view_module
    from orgcheck.views.load import ViewError

    loaded = load_view(model, view_overrides(**options))
    try:
        drawing = view_module.build(loaded, view, depth)
    except ViewError as exc:
        fail(str(exc))
    emit(view_module.to_mermaid(drawing) if fmt == "mermaid" else view_module.to_dot(drawing), output)

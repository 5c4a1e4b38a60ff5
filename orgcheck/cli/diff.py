"""orgcheck diff."""
from __future__ import annotations

import sys
from typing import Any

import click

from orgcheck.api.rules import SEVERITIES, Severity
from orgcheck.cli.common import (
    Command,
    emit,
    fail,
    say,
    view_overrides,
    with_view_options,
)
from orgcheck.i18n.runtime import N_, _, ngettext


@click.command(cls=Command)
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

    People added, removed and moved; units added, removed and re-parented; labels
    changed (manager types, titles, roles, vacancies), with a warning when a trust-profile
    score rose with no change in reporting lines, units or processes; processes added and
    removed, their steps added, removed and re-performed by someone else, approvals
    dropped, and metrics shown to new people; spans and layers
    before and after; findings introduced, resolved and unchanged (matched by rule and
    entity, not line). Exits 1 only when the new version introduces a finding at or
    above --fail-on."""
    from orgcheck.views import diff as view
    from orgcheck.views.load import ViewError

    if base is not None and len(models) != 1:
        fail(_("--base {base} compares one MODEL with its version at {base}; got {count} paths").format(
            base=base, count=len(models)))
    if base is None and len(models) != 2:
        fail(ngettext("diff takes OLD and NEW (or --base REF MODEL); got {count} path",
                      "diff takes OLD and NEW (or --base REF MODEL); got {count} paths", len(models)).format(
            count=len(models)))
    old, new = (None, models[0]) if base is not None else models
    try:
        before, after, notes = view.load_pair(old, new, view_overrides(**options), base)
    except ViewError as exc:
        fail(str(exc))
    result = view.compare(before, after)
    if fmt == "text":
        text = view.render_text(result, show_unchanged=show_unchanged)
    else:
        text = view.render_json(result) if fmt == "json" else view.render_markdown(result)
    emit(text, output)
    for note in notes:
        say(f"orgcheck: {note}")
    sys.exit(1 if view.fails(result, Severity(fail_on) if fail_on else after.config.fail_on) else 0)

"""orgcheck import."""
from __future__ import annotations

import contextlib
import sys

import click

from orgcheck.cli.common import (
    Command,
    apply_config_language,
    emit,
    fail,
    map_option,
    pairs_option,
    say,
)
from orgcheck.config import ConfigError, Overrides
from orgcheck.i18n.runtime import N_, _, ngettext
from orgcheck.io import safe_io


@click.command("import", cls=Command)
@click.argument("kind", metavar="FORMAT")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help=N_("Write the model here (default: standard output, or back into --into)."))
@click.option("--into", type=click.Path(dir_okay=False),
              help=N_("Add to this existing format-1 JSON model (its processes, roles, people...)."))
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", callback=map_option,
              help=N_("Column (or YAML key) for a person field (repeatable): id, name, title, reports_to, unit, "
                   "fte. Overrides the [csv] config table."))
@click.option("--lane", "lanes", multiple=True, metavar="LANE=ID", callback=pairs_option,
              help=N_("BPMN: the person, unit or role that performs a lane's (or pool's) tasks (repeatable); "
                   "default: a role named like the lane."))
@click.option("--plugin", "plugin_files", multiple=True, type=click.Path(dir_okay=False),
              help=N_("Load a local plugin module (repeatable): a reader of another format."))
def import_command(kind: str, files: tuple[str, ...], output: str | None, into: str | None,
                   mapping: dict[str, str], lanes: dict[str, str], plugin_files: tuple[str, ...]) -> None:
    """Convert people CSVs, YAML (a model, people records, or a folder of one-person
    files), BPMN 2.0 processes, a rust-lang/team folder, Kubernetes' sigs.yaml (or the
    kubernetes/community folder holding it), a Backstage catalog (a folder or
    its files), or any format an installed reader plugin reads (FORMAT: csv, yaml, bpmn,
    rust-team, backstage, k8s-sigs or a plugin's format) into one format-1 JSON model, each entity
    with x-source (the file and line, or BPMN element, it came from)."""
    apply_config_language()
    # --into is read, added to and written back: another import of it waits its turn
    try:
        with safe_io.exclusive(into) if into and into != "-" else contextlib.nullcontext():
            _import(kind, files, output, into, mapping, lanes, list(plugin_files))
    except safe_io.WriteError as exc:  # waited too long for another import of it
        fail(str(exc))


def _import(kind: str, files: tuple[str, ...], output: str | None, into: str | None,
            mapping: dict[str, str], lanes: dict[str, str], plugin_files: list[str]) -> None:
    from orgcheck.cli.importer import ImportFailed, import_files, write_model
    from orgcheck.config import resolve

    try:
        config = resolve(".", Overrides())
        result = import_files(kind, list(files), mapping=mapping, lanes=lanes, into=into,
                              reader_options=config.reader_options, plugin_files=[*config.plugins, *plugin_files])
    except (ImportFailed, ConfigError) as exc:
        fail(str(exc))
    for note in result.notes:
        say(f"orgcheck: {note}")
    for problem in result.problems:
        say(f"orgcheck: {problem}")
    text = write_model(result.model)
    target = output or into
    emit(text, target)
    if target is not None and target != "-":
        people = len(result.model.get("people", []))
        processes = len(result.model.get("processes", []))
        units = len(result.model.get("units", []))
        say(_("Wrote {file}: {people}, {units}, {processes}").format(
            file=target, people=ngettext("{count} person", "{count} people", people).format(count=people),
            units=ngettext("{count} unit", "{count} units", units).format(count=units),
            processes=ngettext("{count} process", "{count} processes", processes).format(count=processes)))
    sys.exit(1 if result.problems else 0)

"""orgcheck schema."""
from __future__ import annotations

import click

from orgcheck.cli.common import Command


@click.command(cls=Command)
def schema() -> None:
    """Print the org model's JSON Schema (for editors and other tools)."""
    from orgcheck.validate.loader import schema_text

    click.echo(schema_text(), nl=False)

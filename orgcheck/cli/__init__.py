"""The command line: one module per command, all registered on the ``main`` group."""
from orgcheck.cli.app import main

__all__ = ["main"]

"""The command line: one module per command, all registered on the ``main`` group."""
from orgcheck.run.gcpause import loading as _loading

with _loading():
    from orgcheck.cli.app import main

__all__ = ["main"]

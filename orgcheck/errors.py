"""The one base of orgcheck's errors: a user's mistake (a setting, a file, a reader's
input) that ends a command with a one-line message and exit status 2, never a
traceback. Catch ``orgcheck.OrgcheckError`` to handle them all."""
from __future__ import annotations


class OrgcheckError(Exception):
    """A mistake orgcheck explains in one line (exit status 2)."""

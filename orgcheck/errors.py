"""The one base of orgcheck's exceptions. Catch ``orgcheck.OrgcheckError`` to handle
them all.

Those that reach a user are mistakes (a setting, a file, a reader's input) that end a
command with a one-line message and exit status 2, never a traceback; the others are
raised and caught inside orgcheck (a rule that crashed, a closed standard output). The
one exception is ``orgcheck.run.guard.RuleTimeout``: a ``BaseException`` on purpose, so
that a rule's own ``except Exception`` cannot swallow the timeout that stops it.
"""
from __future__ import annotations


class OrgcheckError(Exception):
    """An error orgcheck raises; one that reaches the user is said in one line (exit status 2)."""

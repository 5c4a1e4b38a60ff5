"""orgcheck: lint organization designs.

The public API for plugin authors and embedders. Besides these names, a plugin may
use ``orgcheck.model`` (the entity classes, for ``isinstance``), ``orgcheck.wording``
(plurals, percentages, lists of names, as the built-in messages word them) and, in
its tests, ``orgcheck.testing``; nothing else of orgcheck is a stable interface.
"""
from __future__ import annotations

__version__ = "0.1.0"

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.measures import Measure
from orgcheck.api.profile import Indicator, NotAssessed
from orgcheck.api.rules import Finding, Rule, Severity, rule
from orgcheck.errors import OrgcheckError
from orgcheck.io.document import Document, ParseError, ReaderError, Source
from orgcheck.model import Org
from orgcheck.report import Report
from orgcheck.run.engine import lint

__all__ = ["Document", "Finding", "Indicator", "Measure", "NotAssessed", "Org", "OrgcheckError", "ParseError", "ReaderError", "Report", "Rule",
           "Severity", "Source", "__version__", "hookimpl", "lint", "rule"]

"""orgcheck: lint organization designs.

The public API for plugin authors and embedders. Besides these names, a plugin may
use ``orgcheck.model`` (the entity classes, for ``isinstance``), ``orgcheck.wording``
(plurals, percentages, lists of names, as the built-in messages word them) and, in
its tests, ``orgcheck.testing``; nothing else of orgcheck is a stable interface.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .document import Document, ParseError, ReaderError, Source
from .engine import lint
from .errors import OrgcheckError
from .hookspecs import hookimpl
from .measures import Measure
from .model import Org
from .profile import Indicator
from .report import Report
from .rules import Finding, Rule, Severity, rule

__all__ = ["Document", "Finding", "Indicator", "Measure", "Org", "OrgcheckError", "ParseError", "ReaderError", "Report", "Rule",
           "Severity", "Source", "__version__", "hookimpl", "lint", "rule"]

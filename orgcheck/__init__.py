"""orgcheck: lint organization designs.

The public API for plugin authors and embedders. Besides these names, a plugin may
use ``orgcheck.model`` (the entity classes, for ``isinstance``), ``orgcheck.wording``
(plurals, percentages, lists of names, as the built-in messages word them) and, in
its tests, ``orgcheck.testing``; nothing else of orgcheck is a stable interface.
"""
from __future__ import annotations

__version__ = "0.1.0"

from orgcheck.run.gcpause import loading as _loading

with _loading():
    from orgcheck.api.hookspecs import hookimpl
    from orgcheck.api.indicator import Indicator, NotAssessed
    from orgcheck.api.measures import Measure
    from orgcheck.api.rules import Finding, Rule, Severity, rule
    from orgcheck.errors import OrgcheckError
    from orgcheck.io.document import Document, ParseProblem, ReaderError, Source
    from orgcheck.io.source_map import SourceMap
    from orgcheck.model import Org
    from orgcheck.readers.yaml_public import load_yaml
    from orgcheck.report import Report
    from orgcheck.run.engine import lint

__all__ = ["Document", "Finding", "Indicator", "Measure", "NotAssessed", "Org", "OrgcheckError", "ParseProblem",
           "ReaderError", "Report", "Rule", "Severity", "Source", "SourceMap", "__version__", "hookimpl", "lint",
           "load_yaml", "rule"]


def __getattr__(name: str) -> object:
    # ParseProblem's earlier name, which docs/plugins.md promised to reader plugins: it
    # is a dataclass, not an exception, and the name said otherwise.
    if name == "ParseError":
        import warnings

        warnings.warn("orgcheck.ParseError is now orgcheck.ParseProblem (a dataclass, not an exception)",
                      DeprecationWarning, stacklevel=2)
        return ParseProblem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""``--format json``: one object, findings sorted, byte-identical for the same input."""
from __future__ import annotations

from typing import Any

from .. import __version__
from ..hookspecs import hookimpl
from ..report import Report
from ..rules import Rule
from .escape import json_text


def format_json(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    out = {
        "version": f"orgcheck {__version__}",
        "findings": [f.as_dict() for f in report.findings],
        "summary": {**report.summary, **report.outcome},
    }
    return json_text(out) + "\n"


@hookimpl
def orgcheck_formatters():
    return {"json": format_json}

"""``--format json``: one object, findings sorted, byte-identical for the same input."""
from __future__ import annotations

from typing import Any

from orgcheck import __version__
from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import json_text
from orgcheck.report import Report


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

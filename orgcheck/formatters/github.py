"""``--format github``: GitHub Actions workflow commands that annotate a pull request."""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import github_data as _data
from orgcheck.formatters.escape import github_property as _property
from orgcheck.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def format_github(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    lines = []
    for f in report.findings:
        props = [f"file={_property(f.file)}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column or 1}"]
        props.append(f"title={_property(f'{f.rule} {f.name}')}")
        lines.append(f"::{COMMANDS[f.severity.value]} {','.join(props)}::{_data(f.message)}\n")
    for file, items in sorted(report.not_assessed.items()):
        if items:  # said once per file, so that a clean-looking run is not taken for a full one
            codes = ", ".join(code for code, _reason in items)
            lines.append(f"::notice file={_property(file)},title=orgcheck: {len(items)} rules not assessed::"
                         f"{_data(f'the source cannot express what these rules need: {codes}')}\n")
    return "".join(lines)


@hookimpl
def orgcheck_formatters():
    return {"github": format_github}

"""``--format github``: GitHub Actions workflow commands that annotate a pull request."""
from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from ..report import Report
from ..rules import Rule
from .escape import printable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    # GitHub's own escapes for the line breaks; any other control character (a
    # terminal escape sequence in a name, say) is shown as an escape, not obeyed.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    lines = []
    for f in report.findings:
        props = [f"file={_property(f.file)}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column or 1}"]
        props.append(f"title={_property(f'{f.rule} {f.name}')}")
        lines.append(f"::{COMMANDS[f.severity.value]} {','.join(props)}::{_data(f.message)}\n")
    return "".join(lines)


@hookimpl
def orgcheck_formatters():
    return {"github": format_github}

"""The default output: one finding a line, in the form editors and CI logs link."""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..hookspecs import hookimpl
from ..report import Report
from ..rules import Rule
from .escape import printable

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(n: int, word: str) -> str:
    if word == "info":
        return f"{n} info"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _names(files: list[str]) -> str:
    shown = [printable(f) for f in files[:3]]
    if len(files) > 3:
        shown.append(f"{len(files) - 3} more")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def summary_line(report: Report) -> str:
    files = _plural(len(report.files), "file")
    counts = report.counts()
    total = len(report.findings)
    if total:
        parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        line = f"{_plural(total, 'finding')} ({', '.join(parts)}) in {files}"
    elif report.errors and not report.files:
        line = "No file linted"  # not "No findings": an error is never a clean result
    else:
        line = f"No findings in {files}"
    if report.waived:
        line += f", {report.waived} waived"
    if report.baselined:
        line += f", {report.baselined} in baseline"
    if report.not_run:
        most = max(report.not_run.values())
        rules = "rule" if most == 1 else "rules"
        where = f" on {_names(sorted(report.not_run))}" if len(report.files) > 1 else ""
        count = f"{most}" if len(set(report.not_run.values())) == 1 else f"up to {most}"
        line += f"; fix the schema errors first: {count} {rules} did not run{where}"
    if report.errors:
        n = len(report.errors)
        first = printable(report.errors[0])
        what = first if n == 1 else f"{n} errors, the first: {first}"
        line += f", not a clean result: {what}"
    return line


def format_text(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    color = options.get("color", False)
    if color:
        import click

        style = click.style
    else:
        def style(text: str, **_: Any) -> str:
            return text

    lines = []
    for f in report.findings:
        file = printable(f.file)
        where = f"{file}:{f.line}:{f.column}:" if f.line is not None else f"{file}:"
        sev = f"[{f.severity.value}]"
        lines.append(f"{style(where, bold=True)} {style(f.rule, fg=_COLORS[f.severity.value])} "
                     f"{f.name} {style(sev, fg=_COLORS[f.severity.value])} {printable(f.message)}")
    if options.get("statistics"):
        counts = Counter((f.rule, f.name) for f in report.findings)
        width = len(str(max(counts.values(), default=0)))
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>{width}}  {code} {name}")
        from ..views.profile import profile_lines, trust_profile

        lines.extend(profile_lines(trust_profile(report.findings, rules, report.files)))
    if not options.get("quiet"):
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


@hookimpl
def orgcheck_formatters():
    return {"text": format_text}

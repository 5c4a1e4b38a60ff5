"""The default output: one finding a line, in the form editors and CI logs link."""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..hookspecs import hookimpl
from ..report import Report
from ..rules import Rule
from ..wording import plural as _plural
from .escape import printable

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}



def summary_line(report: Report) -> str:
    files = _plural(len(report.files), "file")
    counts = report.counts()
    total = len(report.findings)
    if total:
        parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        line = f"{_plural(total, 'finding')} ({', '.join(parts)}) in {files}"
    else:
        line = f"No findings in {files}"
    if report.waived:
        line += f", {report.waived} waived"
    if report.baselined:
        line += f", {report.baselined} in baseline"
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

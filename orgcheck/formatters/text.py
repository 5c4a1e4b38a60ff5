"""The default output: one finding a line, in the form editors and CI logs link."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import needs_escape, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.report import Report

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _severities(n: int, severity: str) -> str:
    """"2 warnings": the severity as a word in the summary (the `[warning]` of each
    line is the identifier --fail-on and the config use, and stays as it is)."""
    if severity == "error":
        return ngettext("{count} error", "{count} errors", n).format(count=n)
    if severity == "warning":
        return ngettext("{count} warning", "{count} warnings", n).format(count=n)
    return ngettext("{count} info", "{count} info", n).format(count=n)


def _names(files: list[str]) -> str:
    shown = [printable(f) for f in files[:3]]
    if len(files) > 3:
        shown.append(_("{count} more").format(count=len(files) - 3))
    if len(shown) == 1:
        return shown[0]
    return _("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


def not_assessed_count(report: Report) -> int:
    """How many rules were not assessed on some file (each rule counted once)."""
    return len({code for items in report.not_assessed.values() for code, _reason in items})


def summary_line(report: Report) -> str:
    n_files = len(report.files)
    files = ngettext("{count} file", "{count} files", n_files).format(count=n_files)
    counts = report.counts()
    total = len(report.findings)
    if total:
        parts = [_severities(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        line = ngettext("{count} finding ({severities}) in {files}", "{count} findings ({severities}) in {files}",
                        total).format(count=total, severities=", ".join(parts), files=files)
    elif report.errors and not report.files:
        line = _("No file linted")  # not "No findings": an error is never a clean result
    else:
        line = _("No findings in {files}").format(files=files)
    if report.waived:
        line += ngettext(", {count} waived", ", {count} waived", report.waived).format(count=report.waived)
    if report.baselined:
        line += ngettext(", {count} in baseline", ", {count} in baseline",
                         report.baselined).format(count=report.baselined)
    if report.not_run:
        most = max(report.not_run.values())
        where = (_(" on {files}").format(files=_names(sorted(report.not_run)))
                 if len(report.files) > 1 else "")
        if len(set(report.not_run.values())) == 1:
            line += ngettext("; fix the schema errors first: {count} rule did not run{where}",
                             "; fix the schema errors first: {count} rules did not run{where}",
                             most).format(count=most, where=where)
        else:
            line += ngettext("; fix the schema errors first: up to {count} rule did not run{where}",
                             "; fix the schema errors first: up to {count} rules did not run{where}",
                             most).format(count=most, where=where)
    unassessed = not_assessed_count(report)
    if unassessed:
        # a source that cannot express roles or processes is not a clean bill for them
        line += ngettext("; {count} rule not assessed: the source cannot express what it needs "
                         "(--statistics lists it)",
                         "; {count} rules not assessed: the source cannot express what they need "
                         "(--statistics lists them)", unassessed).format(count=unassessed)
    if report.errors:
        n = len(report.errors)
        first = printable(report.errors[0])
        what = first if n == 1 else ngettext("{count} error, the first: {first}", "{count} errors, the first: {first}",
                                              n).format(count=n, first=first)
        line += _(", not a clean result: {what}").format(what=what)
    return line


def format_text(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    color = options.get("color", False)
    style: Callable[..., str]
    if color:
        import click

        style = click.style
    else:
        def style(text: str, **_: Any) -> str:
            return text

    lines = []
    files: dict[str, str] = {}  # a run's findings share a few files: each escaped once
    # Most runs have no message to escape: one search of them all tells (a tab is no
    # unsafe character), where a search per message took 0.2 s of 170,000 findings.
    escape: Callable[[str], str] = printable if needs_escape([f.message for f in report.findings]) else str
    for f in report.findings:
        file = files.get(f.file)
        if file is None:
            file = files[f.file] = printable(f.file)
        where = f"{file}:{f.line}:{f.column}:" if f.line is not None else f"{file}:"
        value = f.severity._value_  # Enum.value is a descriptor call; a million findings notice it
        if color:
            lines.append(f"{style(where, bold=True)} {style(f.rule, fg=_COLORS[value])} "
                         f"{f.name} {style(f'[{value}]', fg=_COLORS[value])} {escape(f.message)}")
        else:
            lines.append(f"{where} {f.rule} {f.name} [{value}] {escape(f.message)}")
    if options.get("statistics"):
        counts = Counter((f.rule, f.name) for f in report.findings)
        width = len(str(max(counts.values(), default=0)))
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>{width}}  {code} {name}")
        from orgcheck.api.profile import profile_lines

        for file, profile in sorted(report.profiles.items()):
            block = profile_lines(profile)
            if len(report.profiles) > 1:
                block[0] = f"{printable(file)}: {block[0]}"
            lines.extend(block)
    if not options.get("quiet"):
        lines.append(summary_line(report))
    if lines:
        lines.append("")  # the last line's end: one join, where a line + "\n" each made 170,000 more strings
    return "\n".join(lines)


@hookimpl
def orgcheck_formatters():
    return {"text": format_text}

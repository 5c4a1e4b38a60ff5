"""``--format junit``: JUnit XML, which most CI servers (Jenkins, GitLab, Azure, CircleCI)
show as a test report: one test suite per file, one failing test case per finding, a
passing one for a file without findings, and an error for a run orgcheck could not do."""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import xml_safe
from orgcheck.report import Located, Report


# xml.sax.saxutils imports urllib.request, and with it ssl and http.client: imported
# when a JUnit report is written, not by every lint that loads this plugin.
def escape(text: str) -> str:
    from xml.sax.saxutils import escape as sax_escape

    return sax_escape(text)


def quoteattr(text: str) -> str:
    from xml.sax.saxutils import quoteattr as sax_quoteattr

    return sax_quoteattr(text)


def _case(name: str, classname: str, body: str = "") -> str:
    attributes = f"name={quoteattr(xml_safe(name))} classname={quoteattr(xml_safe(classname))}"
    return f"    <testcase {attributes}>{body}</testcase>\n" if body else f"    <testcase {attributes}/>\n"


def _failure(f: Located) -> str:
    where = f"{f.file}:{f.line}:{f.column or 1}" if f.line is not None else f.file
    text = f"{where}: {f.rule} {f.name} [{f.severity.value}] {f.message}"
    return (f"<failure message={quoteattr(xml_safe(f.message))} type={quoteattr(f.severity.value)}>"
            f"{escape(xml_safe(text))}</failure>")


def format_junit(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    by_file: dict[str, list[Located]] = {name: [] for name in report.files}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    suites = []
    for name, findings in by_file.items():
        cases = [_case(f"{f.rule} {f.name} at line {f.line}" if f.line is not None else f"{f.rule} {f.name}",
                       name, _failure(f)) for f in findings]
        skipped = [code for code, _reason in report.not_assessed.get(name, [])]
        if name in report.not_run:
            skipped.append(f"{report.not_run[name]} rules (schema errors first)")
        if not findings and name not in report.not_run:
            cases.append(_case("no findings", name))
        for code in skipped:
            cases.append(_case(f"{code} not assessed", name, "<skipped/>"))
        suites.append(f"  <testsuite name={quoteattr(xml_safe(name))} tests=\"{len(cases)}\" "
                      f"failures=\"{len(findings)}\" errors=\"0\" skipped=\"{len(skipped)}\">\n"
                      + "".join(cases) + "  </testsuite>\n")
    if report.errors:
        body = "".join(f"<error message={quoteattr(xml_safe(e))}/>" for e in report.errors)
        suites.append("  <testsuite name=\"orgcheck\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                      + _case("orgcheck run", "orgcheck", body) + "  </testsuite>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="orgcheck">\n' + "".join(suites)
            + "</testsuites>\n")


@hookimpl
def orgcheck_formatters():
    return {"junit": format_junit}

"""``--format gitlab``: GitLab's Code Quality report (the ``codequality`` artifact of a
merge request), a JSON array of issues in the Code Climate format GitLab reads."""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import json_text
from orgcheck.formatters.sarif import finding_fingerprints
from orgcheck.report import Report

#: GitLab's severities are info, minor, major, critical and blocker
GITLAB_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def format_gitlab(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    issues = []
    for f, fingerprint in zip(report.findings, finding_fingerprints(report.findings), strict=True):
        issues.append({
            "type": "issue",
            "check_name": f"{f.rule} {f.name}",
            "description": f.message,
            "categories": ["Style"],
            "severity": GITLAB_SEVERITY[f.severity.value],
            "fingerprint": fingerprint,
            "location": {"path": f.file, "lines": {"begin": f.line or 1}},
        })
    return json_text(issues) + "\n"


@hookimpl
def orgcheck_formatters():
    return {"gitlab": format_gitlab}

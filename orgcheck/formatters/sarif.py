"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""
from __future__ import annotations

from typing import Any

from orgcheck import __version__
from orgcheck.api.hookspecs import hookimpl
from orgcheck.api.rules import Rule
from orgcheck.formatters.escape import json_text, sarif_message, uri
from orgcheck.report import Located, Report

INFORMATION_URI = "https://github.com/orgcheck/orgcheck"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def fingerprint_key(f: Located) -> str:
    """What identifies a finding across edits: rule, file, and entity id (or, for a
    finding on no entity, its pointer) — never its line."""
    anchor = f"entity:{f.entity}" if f.entity is not None else f"pointer:{f.pointer}"
    return f"{f.rule}|{f.file}|{anchor}"


def finding_fingerprints(findings: list[Located]) -> list[str]:
    """A stable fingerprint per finding: its :func:`fingerprint_key`, numbered where
    several findings share one, hashed (code scanning and GitLab match findings across
    commits by it)."""
    import hashlib  # here, not at the top: every lint loads this plugin, few ask for SARIF

    seen: dict[str, int] = {}
    out = []
    for f in findings:
        key = fingerprint_key(f)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(hashlib.sha256(f"{key}|{n}".encode("utf-8", "surrogatepass")).hexdigest())
    return out


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    docs = rule.docs
    from orgcheck.docs import render_options  # only when SARIF is asked for: a lint starts fast

    options = render_options(rule)
    help_text = docs + ("\n\n" + options if options else "")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": [t for t in (rule.family, rule.pillar) if t]},
    }


def format_sarif(report: Report, rules: dict[str, Rule], options: dict[str, Any]) -> str:
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for f, digest in zip(report.findings, finding_fingerprints(report.findings), strict=True):
        location: dict[str, Any] = {"artifactLocation": {"uri": uri(f.file)}}
        if f.line is not None:
            location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity.value],
            "message": {"text": sarif_message(f.message)},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"orgcheckFinding/v1": digest},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.pointer is not None or f.entity is not None:
            result["properties"] = {"pointer": f.pointer, "entity": f.entity}
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orgcheck",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rules[c]) for c in codes],
            }},
            "invocations": [_invocation(report)],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json_text(sarif) + "\n"


def _invocation(report: Report) -> dict[str, Any]:
    """Whether the run did its whole job: a viewer (and a CI step that uploads the log
    even when orgcheck fails) must not show a failed or incomplete run as clean."""
    # file names are anyone's to choose: escaped as every SARIF message (§3.11)
    notes: list[dict[str, Any]] = [{"level": "error", "message": {"text": sarif_message(e)}} for e in report.errors]
    notes += [{"level": "error",
               "message": {"text": sarif_message(f"{file}: {n} rules did not run: fix the schema errors first")}}
              for file, n in sorted(report.not_run.items())]
    notes += [{"level": "note", "message": {"text": sarif_message(f"{file}: {code} not assessed: {reason}")},
               "descriptor": {"id": code}}
              for file, items in sorted(report.not_assessed.items()) for code, reason in items]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors and not report.not_run}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


@hookimpl
def orgcheck_formatters():
    return {"sarif": format_sarif}

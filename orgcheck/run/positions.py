"""Findings placed at their file, line and column: the last stage before the report."""
from __future__ import annotations

from typing import Any

from orgcheck.io.document import Document
from orgcheck.report import Located, Report
from orgcheck.run.raw import RawFinding
from orgcheck.wording import short as _short


def entity_at(data: Any, pointer: str) -> str | None:
    """The id of the nearest entity enclosing ``pointer`` (for schema findings)."""
    node, found = data, None
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and node is not data.get("organization"):
            found = node["id"]
    return found

def place_problem(e: Any) -> str | None:
    from orgcheck.io.document import MAX_POSITION, ParseProblem

    if not isinstance(e, ParseProblem) or not isinstance(e.message, str):
        return f"it reported {_short(e)} as a problem, not an orgcheck ParseProblem with a message"
    for what, n in (("line", e.line), ("column", e.column)):
        if type(n) is not int or not 1 <= n <= MAX_POSITION:
            return f"it placed a problem at {what} {_short(n)}; a {what} is a whole number from 1"
    if e.file is not None and not isinstance(e.file, str):
        return f"it placed a problem in the file {_short(e.file)}, not a file name"
    return None

def drop_bad_places(document: Document) -> str | None:
    """Check the places a reader gave its own findings: the ones that are no place
    are dropped (the rest of the document is linted), and the first is described."""
    first = place_problem(document.parse_error) if document.parse_error is not None else None
    kept = []
    for e in document.located_problems:
        problem = place_problem(e)
        if problem is None:
            kept.append(e)
        else:
            first = first or problem
    document.located_problems = kept
    return first

def locate(document: Document, raw: list[RawFinding], report: Report) -> None:
    from orgcheck.io.document import LocatorError

    try:
        document.prefetch(f.pointer for f in raw if f.pointer is not None and f.line is None)
    except LocatorError as exc:
        # The findings stay, each at the nearest place the locator could give.
        report.errors.append(f"reader plugin {document.reader or '?'} crashed on {document.path}: {exc}")
    position, file_of, append = document.position, document.file_of, report.findings.append
    path = None if document.files else document.path  # one file: file_of needs no asking
    for f in raw:
        line, column, pointer = f.line, f.column, f.pointer
        if line is None and pointer is not None:
            line, column = position(pointer, key=f.at_key)
        rule = f.rule
        append(Located(rule.code, rule.name, f.severity, f.message, f.file or path or file_of(pointer), line, column,
                       pointer, f.entity))

"""Baselines: adopt orgcheck on a large model by reporting only new findings.

Entries are keyed by file, rule and entity id (or JSON Pointer where there is no
entity), never by line, so moving lines or inserting people keeps them valid. Each
key has a count: two findings of one rule on one entity are two.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.formatters.escape import json_text
from orgcheck.i18n.runtime import _
from orgcheck.io.safe_io import BASELINE_CAP, ReadError, read_bytes, write_text
from orgcheck.report import Located
from orgcheck.wording import short

VERSION = 1


class BaselineError(OrgcheckError, ValueError):
    pass


def _relative(file: str, base: str) -> str:
    if file == "-":
        return file
    return os.path.relpath(os.path.abspath(file), base).replace(os.sep, "/")


def _key(f: Located, base: str) -> tuple[str, str, str, str]:
    path = _relative(f.file, base)
    if f.entity is not None:
        return (path, f.rule, "entity", f.entity)
    return (path, f.rule, "pointer", f.pointer if f.pointer is not None else "")


@dataclass
class Baseline:
    path: str
    counts: Counter = field(default_factory=Counter)

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def filter(self, findings: list[Located], files: Iterable[str]) -> tuple[list[Located], int,
                                                                            list[tuple[str, int]]]:
        """(new findings, how many the baseline absorbed, the stale entries among ``files``:
        each described for a person, ``org.json: OC101 on 'mia'``, with its count)."""
        left = Counter(self.counts)
        kept, absorbed = [], 0
        for f in findings:
            key = _key(f, self.base)
            if left[key] > 0:
                left[key] -= 1
                absorbed += 1
            else:
                kept.append(f)
        linted = {_relative(f, self.base) for f in files}
        stale = [(f"{file}: " + (_("{rule} on {entity}").format(rule=rule, entity=repr(anchor)) if kind == "entity"
                                 else _("{rule} at {pointer}").format(rule=rule, pointer=anchor) if anchor
                                 else _("{rule} at the document").format(rule=rule)), n)
                 for (file, rule, kind, anchor), n in sorted(left.items()) if n > 0 and file in linted]
        return kept, absorbed, stale


#: more findings than any model has: a count above it is a forged or broken file
MAX_COUNT = 10_000_000


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a count")


def read_baseline(path: str) -> Baseline:
    """Read a baseline; raises BaselineError (one line) for anything but a regular,
    reasonably sized file of the shape --write-baseline writes."""
    from orgcheck.io.files import display_path

    full, shown = path, display_path(path)
    try:
        data = read_bytes(path, cap=BASELINE_CAP, what="baseline")
    except ReadError as exc:
        if not os.path.lexists(path):
            missing = _("no such baseline file (create it with --write-baseline {path})").format(path=path)
            raise BaselineError(f"{path}: " + missing) from None
        raise BaselineError(str(exc).replace(path, shown, 1)) from None
    path = shown
    try:
        parsed = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except RecursionError:
        raise BaselineError(f"{path}: " + _("not a readable baseline file: nested too deep")) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: " + _("not a readable baseline file: {problem}").format(problem=exc)) from None
    baseline = Baseline(full)
    wrong = BaselineError(f"{path}: " + _("not a baseline file written by orgcheck --write-baseline"))
    if not isinstance(parsed, dict) or not isinstance(parsed.get("entries"), list):
        raise wrong
    for e in parsed["entries"]:
        if not isinstance(e, dict):
            raise wrong
        kind = "entity" if "entity" in e else "pointer"
        anchor, file, rule = e.get(kind), e.get("file"), e.get("rule")
        count = e.get("count", 1)
        if not all(isinstance(x, str) for x in (anchor, file, rule)):
            raise wrong
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            raise BaselineError(f"{path}: " + _("entry for {rule} in {file} has count {count}; a count is a whole "
                                                "number from 0 to {max}").format(rule=rule, file=file,
                                                                                 count=short(count, 40, as_json=True),
                                                                                 max=f"{MAX_COUNT:,}"))
        baseline.counts[(file, rule, kind, anchor)] += count
    return baseline


def write_baseline(path: str, findings: list[Located]) -> int:
    """Write the baseline; return the number of entries."""
    base = os.path.dirname(os.path.abspath(path))
    counts = Counter(_key(f, base) for f in findings)
    entries = []
    for (file, rule, kind, anchor), n in sorted(counts.items()):
        entries.append({"file": file, "rule": rule, kind: anchor, "count": n})
    text = json_text({"version": VERSION, "tool": "orgcheck", "entries": entries})
    # Written whole and renamed into place: two runs at once leave one whole baseline.
    write_text(path, text + "\n")
    return len(entries)

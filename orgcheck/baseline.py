"""Baselines: adopt orgcheck on a large model by reporting only new findings.

Entries are keyed by file, rule and entity id (or JSON Pointer where there is no
entity), never by line, so moving lines or inserting people keeps them valid. Each
key has a count: two findings of one rule on one entity are two.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .report import Located
from .errors import OrgcheckError

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
        stale = [(f"{file}: {rule} " + (f"on {anchor!r}" if kind == "entity" else f"at {anchor or 'the document'}"), n)
                 for (file, rule, kind, anchor), n in sorted(left.items()) if n > 0 and file in linted]
        return kept, absorbed, stale


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline {path})") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a readable baseline file: {exc}") from None
    baseline = Baseline(path)
    try:
        for e in data["entries"]:
            anchor = ("entity", e["entity"]) if "entity" in e else ("pointer", e["pointer"])
            baseline.counts[(e["file"], e["rule"], *anchor)] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{path}: not a baseline file written by orgcheck --write-baseline") from None
    return baseline


def write_baseline(path: str, findings: list[Located]) -> int:
    """Write the baseline; return the number of entries."""
    base = os.path.dirname(os.path.abspath(path))
    counts = Counter(_key(f, base) for f in findings)
    entries = []
    for (file, rule, kind, anchor), n in sorted(counts.items()):
        entries.append({"file": file, "rule": rule, kind: anchor, "count": n})
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": VERSION, "tool": "orgcheck", "entries": entries}, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return len(entries)

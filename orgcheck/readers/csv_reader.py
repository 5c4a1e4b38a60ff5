"""The people CSV reader plugin: ``.csv`` files (or ``--input-format csv``), HR
exports and UK organograms. The reading itself is :mod:`orgcheck.readers.csv_people`,
imported only when a CSV file is read: every ``orgcheck lint`` loads this plugin,
most never read CSV.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document, Source


@hookimpl
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt == "csv" or (fmt is None and source.path.lower().endswith(".csv")):
        from orgcheck.readers.csv_people import load_csv

        return load_csv(source.path, source.data, dict(options.get("csv") or {}))
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {"csv": {}}

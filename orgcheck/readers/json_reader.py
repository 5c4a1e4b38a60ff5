"""Reads format-1 JSON models (and standard input, unless told otherwise)."""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document, Source
from orgcheck.io.json_document import load_json


@hookimpl(trylast=True)
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt == "json" or (fmt is None and (source.path == "-" or source.path.lower().endswith(".json"))):
        return load_json(source.path, source.data, background=source.settle_later)
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {"json": {}}

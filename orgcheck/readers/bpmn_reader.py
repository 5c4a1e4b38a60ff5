"""The BPMN reader plugin: ``.bpmn`` files (or ``--input-format bpmn``) become
format-1 processes. How BPMN maps onto format 1 is told in
:mod:`orgcheck.readers.bpmn`, which is imported only when a BPMN file is read: every
``orgcheck lint`` loads this plugin, most never read BPMN.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document, Source


@hookimpl
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt == "bpmn" or (fmt is None and source.path.lower().endswith(".bpmn")):
        from orgcheck.readers.bpmn import load_bpmn

        bpmn = options.get("bpmn") or {}
        return load_bpmn(source.path, source.data, lanes=bpmn.get("lanes") or {},
                         existing=bpmn.get("existing"), summary=bool(bpmn.get("summary")))
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {"bpmn": {}}

"""``orgcheck import KIND FILE...``: other sources into one format-1 model.

Each file is read by the reader plugin for its kind (the same ``orgcheck_load``
hook ``lint`` uses); a folder given to ``import yaml`` is read as one person per
file. Every entity written keeps ``x-source`` (``{file, line}``, or ``{file,
element}`` for BPMN) so a later finding can be traced back to the source.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from orgcheck.api.parts import DECLARED, declaration, declared
from orgcheck.errors import OrgcheckError
from orgcheck.formatters.escape import json_text
from orgcheck.io.document import Document, ParseProblem, ReaderError, Source
from orgcheck.io.safe_io import ReadError, read_bytes
from orgcheck.validate.fragments import SECTIONS


class ImportFailed(OrgcheckError):
    """Nothing could be written: one line, exit status 2."""


@dataclass
class Imported:
    model: dict
    notes: list[str] = field(default_factory=list)  # said on standard error
    problems: list[str] = field(default_factory=list)  # "file:line:col: message": exit status 1


def import_files(kind: str, paths: list[str], *, mapping: dict[str, str] | None = None,
                 lanes: dict[str, str] | None = None, into: str | None = None,
                 reader_options: dict[str, Any] | None = None, plugin_files: list[str] | None = None) -> Imported:
    """Read ``paths`` as ``kind`` (a format an installed reader plugin, or one of
    ``plugin_files``, declares) and merge them into one model (into ``into``'s model
    when given). Raises ImportFailed when a file cannot be read at all."""
    from orgcheck.api.manager import load_plugins

    plugins = load_plugins(plugin_files or [])
    if plugins.errors:
        raise ImportFailed(str(plugins.errors[0]))
    if kind not in plugins.input_formats:
        from orgcheck.i18n.runtime import _
        from orgcheck.suggest import did_you_mean

        raise ImportFailed(_("no installed reader reads {format}{hint} (installed: {formats})").format(
            format=repr(kind), hint=did_you_mean(kind, list(plugins.input_formats)),
            formats=", ".join(plugins.input_formats)))
    options = dict(reader_options or {})
    from orgcheck.api.input_formats import CSV_MAPPING, table_problem

    for table_name, table in options.items():
        problem = None if table_name == CSV_MAPPING else table_problem(plugins.input_formats, table_name, table)
        if problem:
            raise ImportFailed(f"[readers.{table_name}]: {problem}")
    if mapping:
        options["csv"] = {**options.get("csv", {}), **mapping}
    existing = _read_model(into) if into else None
    if kind == "bpmn":
        options["bpmn"] = {"lanes": lanes or {}, "existing": existing or {}, "summary": True}
    result = Imported(existing if existing is not None else {})
    # What the sources could say (orgcheck/api/parts.py): the written model states it, so
    # that linting it keeps their "not assessed". A model given to --into says all it
    # says unless it states otherwise itself.
    stated = declared(existing) if existing is not None else None
    expresses: frozenset[str] | None = stated[0] if stated else (frozenset() if existing is None else None)
    source = str(existing.get(DECLARED, {}).get("source", "")) if stated and existing is not None else ""
    for path in paths:
        if kind == "yaml" and os.path.isdir(path):
            document = _folder(path, options)
        elif os.path.isdir(path) and plugins.claims_folder(path):  # a folder a reader reads as one model
            document = _load(plugins, kind, path, options, folder=True)
        elif os.path.isdir(path):
            raise ImportFailed(f"{path}: is a folder; import {kind} reads files (a folder only for yaml records)")
        else:
            document = _load(plugins, kind, path, options)
        _merge(result, document, kind)
        if expresses is not None:
            expresses = None if document.expresses is None else expresses | document.expresses
            name = document.source_name
            source = source or str(getattr(name, "message", name))  # the English name: the lint translates it
        if kind == "bpmn":  # the next file must not reuse ids or performers made here
            options["bpmn"]["existing"] = result.model
    if not result.model.get("people") and "people" not in result.model:
        result.model["people"] = []
    result.model.pop(DECLARED, None)
    statement = declaration(expresses, source)
    if statement is not None:
        result.model[DECLARED] = statement
    result.model = _ordered(result.model)
    problems = _check(result.model)
    if problems and kind in ("csv", "bpmn"):  # orgcheck's own conversions; a plugin's model is its own
        raise ImportFailed(f"internal error: the imported model breaks the schema: {problems[0]} "
                           "(please report this, with the source file)")
    result.problems.extend(problems)  # a YAML model's own mistakes, as written
    return result


def _read_model(path: str) -> dict:
    from orgcheck.io.json_document import load_json

    try:
        document = load_json(path, read_bytes(path, named=True))
    except ReadError as exc:
        raise ImportFailed(str(exc)) from None
    if document.parse_error or not isinstance(document.data, dict):
        e = document.parse_error
        where = f":{e.line}:{e.column}: {e.message}" if e else ": not a format-1 model (a JSON object)"
        raise ImportFailed(f"{path}{where}")
    return document.data


def _load(plugins: Any, kind: str, path: str, options: dict, folder: bool = False) -> Document:
    try:
        data = b"" if folder else read_bytes(path, named=True)
    except ReadError as exc:
        raise ImportFailed(str(exc)) from None
    try:
        document = plugins.load_source(Source(path, data, kind), options)
    except ReaderError as exc:
        raise ImportFailed(f"{path}: {exc}") from None
    if document is None:  # a plugin that declares a format but passes this file over
        raise ImportFailed(f"{path}: no reader reads it as {kind}")
    return document


def _folder(path: str, options: dict) -> Document:
    from orgcheck.readers.yaml_document import (
        read_record_files,
        record_files,
        records_document,
    )

    skipped: list[str] = []
    files = record_files(path, skipped)
    if not files:
        raise ImportFailed(f"{path}: no .yaml or .yml files below this folder"
                           + (f" ({len(skipped)} skipped: not regular files)" if skipped else ""))
    records, errors = read_record_files(files)
    if not records:
        raise ImportFailed(f"{path}: none of its {len(files)} YAML files could be read")
    try:
        document = records_document(records, dict(options.get("csv") or {}), path)
    except ReaderError as exc:
        raise ImportFailed(f"{path}: {exc}") from None
    document.located_problems[:0] = errors
    document.notes[:0] = [s.removeprefix(path).lstrip("/") or s for s in skipped]
    return document


def _where(document: Document, e: ParseProblem) -> str:
    return f"{e.file or document.path}:{e.line}:{e.column}: {e.message}"


def _merge(result: Imported, document: Document, kind: str) -> None:
    if document.parse_error is not None:
        raise ImportFailed(_where(document, document.parse_error))
    result.notes.extend(f"{document.path}: {note}" for note in document.notes)
    for e in document.located_problems:
        result.problems.append(_where(document, e))
    if document.problems:
        document.prefetch(p for p, _ in document.problems)
        for pointer, message in document.problems:
            line, column = document.position(pointer, key=True)
            result.problems.append(f"{document.file_of(pointer)}:{line}:{column}: {message}")
    data = document.data
    if not isinstance(data, dict):
        raise ImportFailed(f"{document.path}: not a model or a list of people records")
    if kind != "bpmn":
        _add_sources(document)
    model = result.model
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, list):
            have = model.setdefault(key, [])
            known = {json.dumps(_without_source(e), sort_keys=True) for e in have if isinstance(e, dict)}
            for entity in value:
                # The same unit named by two files is one unit.
                if key == "units" and json.dumps(_without_source(entity), sort_keys=True) in known:
                    continue
                have.append(entity)
        elif key not in model:
            model[key] = value


def _without_source(entity: Any) -> Any:
    return {k: v for k, v in entity.items() if k != "x-source"} if isinstance(entity, dict) else entity


def _entity_pointers(data: dict) -> list[str]:
    out = []
    for key in SECTIONS:
        for i, entity in enumerate(data.get(key) or []):
            if isinstance(entity, dict):
                out.append(f"/{key}/{i}")
                if key == "processes":
                    out.extend(f"/{key}/{i}/steps/{j}" for j, s in enumerate(entity.get("steps") or [])
                               if isinstance(s, dict))
    return out


def _add_sources(document: Document) -> None:
    """``x-source: {file, line}`` on every entity, from the reader's positions."""
    pointers = _entity_pointers(document.data)
    document.prefetch(pointers)
    for pointer in pointers:
        node: Any = document.data
        for part in pointer.split("/")[1:]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if "x-source" not in node:
            line, _ = document.position(pointer)
            node["x-source"] = {"file": document.file_of(pointer), "line": line}


def _ordered(model: dict) -> dict:
    """Keys in the order model.md lists them, then the rest as they came."""
    first = ["$schema", "schema_version", "organization", *SECTIONS, "waivers"]
    return {**{k: model[k] for k in first if k in model}, **{k: v for k, v in model.items() if k not in first}}


def _check(model: dict) -> list[str]:
    """Schema violations of the written model: orgcheck's bug for what a reader made,
    the user's for a YAML model converted as written."""
    from orgcheck.validate import schema

    return [f"the model at {v.pointer or '/'}: {v.message}" for v in schema.validate(Document("import", data=model))]


def write_model(model: dict) -> str:
    return json_text(model) + "\n"

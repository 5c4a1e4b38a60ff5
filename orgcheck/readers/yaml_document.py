"""Reads YAML: a format-1 model (``org.yaml``, ``*.org.yaml``), a list of people
records, or (for ``orgcheck import yaml DIR``) a folder of one-person files such as
GitLab's team page. PyYAML is imported only when a YAML file is read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orgcheck.i18n.runtime import _, lazy
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.files import YAML_SUFFIXES
from orgcheck.io.pointers import escape
from orgcheck.io.safe_io import ReadError, read_bytes
from orgcheck.readers.records import Built, PeopleBuilder, organization_of, resolve_mapping, set_paths, text_of

if TYPE_CHECKING:
    from orgcheck.readers.yaml_load import YamlData


def load_yaml_document(path: str, data: bytes, mapping: dict[str, str]) -> Document:
    """A YAML model, or a list of people records; never raises for a bad file
    (ReaderError for a column mapping the records cannot satisfy)."""
    from orgcheck.readers.yaml_load import YamlLocator, load_yaml

    text, error = decode_text(data)
    if text is None:
        return Document(path, parse_error=error)
    loaded = load_yaml(text)
    if loaded.error:
        return Document(path, parse_error=loaded.error)
    if loaded.data is None:
        return Document(path, parse_error=ParseProblem(_("file is empty: an org model is a YAML mapping"), 1, 1))
    if isinstance(loaded.data, list) and loaded.data and all(isinstance(r, dict) for r in loaded.data):
        records = [_Record(r, path, loaded, f"/{i}") for i, r in enumerate(loaded.data)]
        return records_document(records, mapping, path)
    return Document(path, data=loaded.data, problems=list(loaded.problems), locator=YamlLocator(loaded),
                    located_problems=list(loaded.located))


@dataclass
class _Record:
    values: dict[Any, Any]
    file: str  # as reported
    loaded: YamlData  # what it was read from
    pointer: str  # where the record lies in it


def read_record_files(paths: list[str]) -> tuple[list[_Record], list[ParseProblem]]:
    """One person per YAML file; a file that cannot be read is a parse error in it."""
    from orgcheck.io.files import display_path
    from orgcheck.readers.yaml_load import load_yaml

    records, errors = [], []
    for path in paths:
        shown = display_path(path)
        try:
            text, error = decode_text(read_bytes(path))
        except ReadError as exc:
            errors.append(ParseProblem(str(exc).removeprefix(path + ": "), 1, 1, shown))
            continue
        if text is None:  # then decode_text says why
            problem = error
        else:
            loaded = load_yaml(text)
            problem = loaded.error
        if problem:
            errors.append(ParseProblem(problem.message, problem.line, problem.column, shown))
            continue
        if not isinstance(loaded.data, dict):
            errors.append(ParseProblem(_("a person file holds one YAML mapping"), 1, 1, shown))
            continue
        values = dict(loaded.data)
        # The file name's stem is the person's id (GitLab's slug), unless mapped otherwise.
        values.setdefault("slug", os.path.splitext(os.path.basename(path))[0])
        records.append(_Record(values, shown, loaded, ""))
    return records, errors


def record_files(folder: str, skipped: list[str] | None = None) -> list[str]:
    """The YAML files below a folder, in a stable order (hidden folders skipped). A
    FIFO, device or link to one is no record (and reading a FIFO would hang): it is
    left out, and named in ``skipped``."""
    from orgcheck.io.files import checkout_root, links_outside
    from orgcheck.io.safe_io import regular_file

    boundary = os.path.realpath(checkout_root(folder))
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.lower().endswith(YAML_SUFFIXES):
                continue
            path = os.path.join(root, f)
            if links_outside(path, boundary):  # a pull request must not make findings quote any file
                if skipped is not None:
                    skipped.append(f"{path}: " + _("skipped: a link to a file outside the checkout"))
                continue
            why = regular_file(path)
            if why is None:
                found.append(path)
            elif skipped is not None:
                skipped.append(f"{path}: skipped: {why}, not a regular file")
    return sorted(found)


def team_folder_document(path: str, mapping: dict[str, str]) -> Document:
    """A folder of one-person YAML files as one model (a file that cannot be read is
    an OC001 finding in it)."""
    skipped: list[str] = []
    records, errors = read_record_files(record_files(path, skipped))
    document = records_document(records, mapping, path)
    document.located_problems[:0] = errors
    document.notes[:0] = [s.removeprefix(path).lstrip("/\\") or s for s in skipped]
    return document


def records_document(records: list[_Record], mapping: dict[str, str], path: str) -> Document:
    """People (and units) from YAML records, positions in the files they came from."""
    columns: list[str] = []
    seen: set[str] = set()
    for r in records:
        for k in r.values:
            if isinstance(k, str) and k not in seen:
                seen.add(k)
                columns.append(k)
    resolved = resolve_mapping(columns, mapping, kind="key")
    builder = PeopleBuilder(resolved, lambda record, key: record.values.get(key))
    lists = [[text_of(v) for v in r.values[c]] for r in records for c in resolved.unit
             if isinstance(r.values.get(c), list)]
    if lists:  # a list of departments is a set (GitLab's order varies): one path per set
        builder.list_path = set_paths(lists)
    for i, record in enumerate(records):
        builder.add(record, i)
    built = builder.finish()
    from orgcheck.readers.meaning import interpret

    notes = interpret(built)
    # people records say what a people CSV says (orgcheck/api/parts.py), no more
    from orgcheck.readers.csv_people import EXPRESSES

    doc = Document(path, expresses=EXPRESSES, source_name=lazy("people records"))
    doc.notes.extend(notes)
    for i, column, message in built.problems:
        pointer = records[i].pointer + ("/" + escape(column) if column else "")
        key_pos = next(iter(_locate(records[i], {pointer}).values()), ((1, 1), (1, 1)))[0]
        doc.located_problems.append(ParseProblem(message, *key_pos,
                                               records[i].file if records[i].file != path else None))
    stem = os.path.splitext(os.path.basename(path.rstrip("/\\")))[0] or "people"
    doc.data = {"schema_version": 1, "organization": organization_of(built, stem), "people": built.people}
    if built.eliminated:
        doc.data["organization"]["x-eliminated"] = built.eliminated
    if built.units:
        doc.data["units"] = built.units
    doc.locator = RecordLocator(records, built, resolved.columns)
    for i, n in enumerate(built.person_record):
        if records[n].file != path:
            doc.files[f"/people/{i}"] = records[n].file
    for j, (n, _origin) in enumerate(built.unit_origin):
        if records[n].file != path:
            doc.files[f"/units/{j}"] = records[n].file
    return doc


def _locate(record: _Record, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
    from orgcheck.readers.yaml_load import YamlLocator

    return YamlLocator(record.loaded).locate(pointers)


class RecordLocator:
    """A pointer of the people made from records -> the key of the record it came from."""

    def __init__(self, records: list[_Record], built: Built, columns: dict[str, str]) -> None:
        self.records = records
        self.built = built
        self.columns = columns  # field -> key

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        out: dict[str, tuple[Position, Position]] = {}
        for pointer in pointers:
            parts = pointer.split("/")
            if len(parts) < 3 or not parts[2].isdigit():
                if pointer == "" or pointer.startswith(("/organization", "/schema_version")):
                    out[pointer] = ((1, 1), (1, 1))
                continue
            n, field = int(parts[2]), (parts[3] if len(parts) > 3 else None)
            if parts[1] == "people" and n < len(self.built.people):
                record = self.records[self.built.person_record[n]]
                key = self.built.person_unit_column[n] if field == "unit" else self._key(field)
            elif parts[1] == "units" and n < len(self.built.units):
                index, key = self.built.unit_origin[n]
                record = self.records[index]
            else:
                continue
            inner = record.pointer + ("/" + escape(key) if key else "")
            found = _locate(record, {inner, record.pointer})
            out[pointer] = found.get(inner) or found.get(record.pointer) or ((1, 1), (1, 1))
        return out

    def _key(self, field: str | None) -> str | None:
        if field == "vacant":
            field = "name"
        return self.columns.get(field) if field else None

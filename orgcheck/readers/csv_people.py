"""Reads people CSVs (HR exports, UK organograms) into format-1 documents.

A finding points at the cell it is about: ``people.csv:ROW:COL``, the row's
physical line (the header is line 1) and the column where the cell starts. A UK
organogram ``X-senior.csv`` brings its ``X-junior.csv``: each junior row becomes one
aggregate position (``x-aggregate``) reporting to its senior post, and findings
about it point into the junior file.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from orgcheck.i18n.runtime import _, lazy
from orgcheck.io.document import Document, ParseProblem, Position
from orgcheck.readers.csv_sheet import Sheet, decode, read_sheet
from orgcheck.readers.records import (
    NO_MANAGER,
    Built,
    PeopleBuilder,
    check_ids_are_names,
    organization_of,
    resolve_mapping,
    text_of,
)

# What a people CSV (an HR export, a UK organogram) can say about an organization
# (issue 13 item 4): which parts of the format-1 model it expresses. It has people,
# posts (filled, vacant or aggregated staff), reporting lines and units, but no
# processes, no roles' content (purposes, accountabilities, standards) and no metrics;
# rules that judge those have nothing to judge in a CSV. The vocabulary is
# orgcheck/api/parts.py.
EXPRESSES = frozenset({"people", "reporting_lines", "units", "memberships"})

JUNIOR = {"reports_to": "reporting senior post", "fte": "number of posts in fte", "grade": "grade",
          "title": "generic job title"}

# Pay in a UK organogram (normalized column names). A senior row gives the post
# holder's actual pay as a band (floor and ceiling, in £5,000 steps; 0 or N/D when
# not disclosed); a junior row gives the pay scale of one full-time post of its grade.
# A position's cost is the midpoint of its band: pay only, no employer on-costs
# (pension, national insurance); a junior row's is the midpoint per FTE times its FTE.
SENIOR_PAY = ("grade", "actual pay floor", "actual pay ceiling")
JUNIOR_PAY = ("grade", "payscale minimum", "payscale maximum")


@dataclass
class _Part:
    sheet: Sheet
    offset: int  # record indexes of this sheet start here
    columns: dict[str, int]  # field -> cell index


def load_csv(path: str, data: bytes, mapping: dict[str, str], *, display: str | None = None) -> Document:
    """Read a people CSV (and a UK junior sibling) into a Document; raises ReaderError
    for a column mapping the file cannot satisfy."""
    from orgcheck.io.files import display_path

    shown = display or (path if path == "-" else display_path(path))
    text, note = decode(data)
    sheet, rows, problems = read_sheet(shown, text)
    doc = Document(shown, expresses=EXPRESSES, source_name=lazy("a CSV export"))
    if note:
        doc.notes.append(note)
    if not sheet.header:
        doc.parse_error = ParseProblem(_("file is empty: a people CSV starts with a header row"), 1, 1)
        return doc
    index = sheet.index()
    resolved = resolve_mapping(sheet.header, mapping)

    def values(column: str) -> list[str]:
        i = index[column]
        return [text_of(row[i]) for row in rows if i < len(row)]

    check_ids_are_names(resolved, sheet.header, values)
    if "reports_to" not in resolved.columns:
        # Without a manager column the file says nothing about reporting lines: no span
        # rule may pass it as clean.
        doc.expresses = EXPRESSES - {"reporting_lines"}
        doc.notes.append(_("no column of managers recognised among {found} (tried: {tried}): reporting "
                           "lines are not assessed; name the column with --map reports_to=COLUMN").format(
            found=", ".join(repr(c) for c in sheet.header if isinstance(c, str) and c.strip()),
            tried=", ".join(repr(g) for g in ("manager", "manager id", "reports to", "line manager", "supervisor"))
            + ", ..."))
    builder = PeopleBuilder(resolved, lambda row, column: row[index[column]] if index[column] < len(row) else "")
    pay = _pay_columns(sheet.header, SENIOR_PAY)
    for i, row in enumerate(rows):
        builder.add(row, i, _grade_and_cost(row, pay, fte_scales=False))
    parts = [_Part(sheet, 0, {f: index[c] for f, c in resolved.columns.items()})]
    junior_path = _junior_of(path)
    if junior_path is not None:
        parts.append(_read_junior(junior_path, builder, len(rows), doc))
    built = builder.finish()
    from orgcheck.readers.meaning import interpret

    doc.notes.extend(interpret(built, zero_padded=True))
    for i, column, message in built.problems:
        part = _part_of(parts, i)
        line, col = _cell(part, i - part.offset, part.sheet.index().get(column) if column is not None else None)
        doc.located_problems.append(ParseProblem(message, line, col, part.sheet.path if part.offset else None))
    for e in problems:
        doc.located_problems.append(e)
    stem = os.path.splitext(os.path.basename(path))[0] if path != "-" else "people"
    doc.data = {"schema_version": 1, "organization": organization_of(built, stem), "people": built.people}
    if built.eliminated:
        doc.data["organization"]["x-eliminated"] = built.eliminated
    if any("cost" in p for p in built.people):
        doc.data["organization"]["currency"] = "GBP"  # the UK organogram's columns are in pounds (£)
    if built.units:
        doc.data["units"] = built.units
    doc.locator = CsvLocator(parts, built)
    if len(parts) > 1:
        offset = parts[1].offset
        for i, record in enumerate(built.person_record):
            if record >= offset:
                doc.files[f"/people/{i}"] = parts[1].sheet.path
        for j, (record, _column) in enumerate(built.unit_origin):
            if record >= offset:
                doc.files[f"/units/{j}"] = parts[1].sheet.path
    return doc


def _pay_columns(header: list[str], names: tuple[str, str, str]) -> tuple[int | None, ...]:
    """Cell indexes of the grade, pay floor and pay ceiling columns (None: absent).
    '"Actual Pay Floor (£)"' normalizes to 'actual pay floor'; "Grade (or equivalent)"
    is the grade."""
    from orgcheck.readers.records import normalize

    found: dict[str, int] = {}
    for i, column in enumerate(header):
        if isinstance(column, str):
            found.setdefault(normalize(column), i)
    # the 2016 template heads the grade column "Grade (or equivalent)" (a military rank)
    if "grade or equivalent" in found:
        found.setdefault("grade", found["grade or equivalent"])
    return tuple(found.get(n) for n in names)


def _money(text: str) -> float | None:
    """'54,621' or '£54621.00' -> 54621.0; 0, N/D, blank or text -> None (not disclosed)."""
    try:
        value = float(text.replace(",", "").replace("£", "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _grade_and_cost(row: list[str], pay: tuple[int | None, ...], *, fte_scales: bool,
                    fte: float = 1.0) -> dict[str, Any]:
    """The position's ``grade`` and yearly ``cost`` from a UK organogram row's own
    columns: the midpoint of its pay band (times its FTE for a junior grade band)."""
    grade_at, low_at, high_at = pay

    def cell(i: int | None) -> str:
        return text_of(row[i]) if i is not None and i < len(row) else ""

    out: dict[str, Any] = {}
    if cell(grade_at):
        out["grade"] = cell(grade_at)
    low, high = _money(cell(low_at)), _money(cell(high_at))
    if low is not None and high is not None and high >= low:
        mid = (low + high) / 2
        out["cost"] = round(mid * fte if fte_scales else mid, 2)
    return out


def _cell(part: _Part, row: int, cell: int | None) -> Position:
    if cell is None:
        return part.sheet.lines[row], 1
    return part.sheet.cell_positions({(row, cell)})[(row, cell)]


def _part_of(parts: list[_Part], record: int) -> _Part:
    return parts[-1] if record >= parts[-1].offset else parts[0]


def _junior_of(path: str) -> str | None:
    """``X-junior.csv`` beside ``X-senior.csv``, when it exists."""
    if path == "-" or not path.lower().endswith("-senior.csv"):
        return None
    base = path[: -len("senior.csv")]
    return next((base + j for j in ("junior.csv", "Junior.csv", "JUNIOR.csv") if os.path.isfile(base + j)), None)


def _read_junior(path: str, builder: PeopleBuilder, offset: int, doc: Document) -> _Part:
    """Junior rows as aggregate positions: "5.5 junior staff (Grade 7)", fte as given."""
    from orgcheck.io.files import display_path

    shown = display_path(path)
    from orgcheck.io.safe_io import read_bytes

    text, note = decode(read_bytes(path))
    if note:
        doc.notes.append(f"{shown}: {note}")
    sheet, rows, problems = read_sheet(shown, text)
    for e in problems:
        doc.located_problems.append(ParseProblem(e.message, e.line, e.column, shown))
    index = sheet.index()
    by_norm = {" ".join(c.lower().split()): c for c in sheet.header}
    columns = {f: index[by_norm[n]] for f, n in JUNIOR.items() if n in by_norm}
    if "grade" in columns:
        columns["name"] = columns["grade"]  # the aggregate is named by its grade
    part = _Part(sheet, offset, columns)
    unit_columns = [c for c in builder.mapping.unit if c in index]
    pay = _pay_columns(sheet.header, JUNIOR_PAY)
    taken = {p["id"] for p in builder.built.people}

    def get(row: list[str], column: str) -> str:
        i = index[column]
        return row[i] if i < len(row) else ""

    def cell(row: list[str], f: str) -> str:
        i = columns.get(f)
        return text_of(row[i]) if i is not None and i < len(row) else ""

    builder.get = get  # units below are read from this sheet's columns
    for r, row in enumerate(rows):
        record = offset + r
        raw_fte = cell(row, "fte")
        try:
            fte = float(raw_fte) if raw_fte else 0.0
        except ValueError:
            builder.built.problems.append((record, sheet.header[columns["fte"]],
                                           f"Number of Posts in FTE {raw_fte!r} is not a number"))
            continue
        if not math.isfinite(fte) or fte <= 0:
            continue  # a grade with no posts stands for nobody
        pid = f"junior-{sheet.lines[r]}"
        while pid in taken:
            pid += "~"
        taken.add(pid)
        grade = cell(row, "grade") or "grade not given"
        person: dict[str, Any] = {"id": pid, "name": f"{fte:g} junior staff ({grade})"}
        if cell(row, "title"):
            person["title"] = cell(row, "title")
        manager = cell(row, "reports_to")
        if manager.lower() not in NO_MANAGER:
            person["reports_to"] = manager
        key, column = builder.unit_of(row, record, unit_columns)
        if key is not None:
            person["unit"] = key
        person["fte"] = fte
        person.update(_grade_and_cost(row, pay, fte_scales=True, fte=fte))
        person["x-aggregate"] = True
        builder.append(person, record, column)
    return part


class CsvLocator:
    """Positions of pointers in the CSV cells their values came from."""

    def __init__(self, parts: list[_Part], built: Built) -> None:
        self.parts = parts
        self.person_record = built.person_record
        self.person_unit_column = built.person_unit_column
        self.unit_origin = built.unit_origin
        self.count = (len(built.people), len(built.units))

    def _where(self, pointer: str) -> tuple[_Part, int, int | None] | None:
        """(sheet part, row, cell index or None for the row) a pointer comes from."""
        parts = pointer.split("/")
        if len(parts) < 3 or not parts[2].isdigit():
            return None
        n = int(parts[2])
        field = parts[3] if len(parts) > 3 else None
        if parts[1] == "people" and n < self.count[0]:
            record = self.person_record[n]
            part = _part_of(self.parts, record)
            if field == "unit":
                column = self.person_unit_column[n]
                return part, record - part.offset, part.sheet.index().get(column) if column else None
            if field == "vacant":
                field = "name"
            return part, record - part.offset, part.columns.get(field) if field else None
        if parts[1] == "units" and n < self.count[1]:
            record, column = self.unit_origin[n]
            part = _part_of(self.parts, record)
            return part, record - part.offset, part.sheet.index().get(column) if column else None
        return None

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        out: dict[str, tuple[Position, Position]] = {}
        wanted: dict[int, set[tuple[int, int]]] = {}
        places: dict[str, tuple[int, int, int | None]] = {}
        for pointer in pointers:
            where = self._where(pointer)
            if where is None:
                if pointer == "" or pointer.startswith(("/organization", "/schema_version")):
                    head = (self.parts[0].sheet.header_line, 1)
                    out[pointer] = (head, head)
                continue
            part, row, cell = where
            k = self.parts.index(part)
            places[pointer] = (k, row, cell)
            if cell is not None:
                wanted.setdefault(k, set()).add((row, cell))
        found = {k: self.parts[k].sheet.cell_positions(cells) for k, cells in wanted.items()}
        for pointer, (k, row, cell) in places.items():
            pos = found[k][(row, cell)] if cell is not None else (self.parts[k].sheet.lines[row], 1)
            out[pointer] = (pos, pos)
        return out

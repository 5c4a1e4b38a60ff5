"""A CSV file as rows, each with the physical line it starts on; cell columns on demand.

Rows are split by the C ``csv`` module (fast for a million-row HR export); the
column where a cell starts is found only for the cells that have findings, by
re-reading that one row's text.
"""
from __future__ import annotations

import io
import re
from array import array
from dataclasses import dataclass, field

from orgcheck.i18n.runtime import _
from orgcheck.io.document import ParseProblem, Position

DELIMITERS = ",;\t|"
#: a line break as the csv module counts them: CRLF, a lone CR (old Mac exports) or LF
_BREAK = re.compile(r"\r\n?|\n")


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else Latin-1 with a note."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        note = (f"not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); read as Latin-1: "
                "check names with accents, or save the file as UTF-8")
        return data.decode("latin-1"), note


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of , ; tab | outside quotes."""
    found = _BREAK.search(text)
    header = text[: found.start() if found else len(text)]
    outside = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


@dataclass
class Sheet:
    """One CSV file: its header, and the line each data row starts on."""

    path: str  # as reported
    text: str
    delimiter: str
    header: list[str] = field(default_factory=list)
    header_line: int = 1
    #: per data row: the physical line it starts on (1-based)
    lines: array = field(default_factory=lambda: array("l"))
    _offsets: dict[int, int] = field(default_factory=dict, repr=False)

    def index(self) -> dict[str, int]:
        """Column name -> index (the first of repeated names)."""
        out: dict[str, int] = {}
        for i, name in enumerate(self.header):
            out.setdefault(name, i)
        return out

    def cell_positions(self, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], Position]:
        """(row, cell index) -> (line, column) where the cell starts; row -1 is the header."""
        need_lines = sorted({self.header_line if r < 0 else self.lines[r] for r, _ in wanted})
        self._line_offsets(need_lines)
        out: dict[tuple[int, int], Position] = {}
        by_row: dict[int, set[int]] = {}
        for r, c in wanted:
            by_row.setdefault(r, set()).add(c)
        for r, cells in by_row.items():
            line = self.header_line if r < 0 else self.lines[r]
            found = self._cells(line, max(cells))
            for c in cells:
                out[(r, c)] = found[c] if c < len(found) else (line, 1)
        return out

    def _line_offsets(self, lines: list[int]) -> None:
        text, offsets = self.text, self._offsets
        todo = [n for n in lines if n not in offsets]
        if not todo:
            return
        line, at = 1, 0
        known = [n for n in offsets if n <= todo[0]]
        if known:
            line = max(known)
            at = offsets[line]
        search = _BREAK.search
        for n in todo:
            while line < n:
                nxt = search(text, at)
                if nxt is None:
                    break
                at, line = nxt.end(), line + 1
            offsets[n] = at

    def _cells(self, line: int, last: int) -> list[Position]:
        """Start positions of cells 0..last of the row that starts on ``line``."""
        text, d = self.text, self.delimiter
        i = self._offsets[line]
        col = 1
        out: list[Position] = [(line, col)]
        quoted = False
        at_start = True
        while i < len(text) and len(out) <= last:
            ch = text[i]
            if quoted:
                if ch == '"':
                    if i + 1 < len(text) and text[i + 1] == '"':
                        i += 1
                        col += 1
                    else:
                        quoted = False
                elif ch in "\r\n":
                    if ch == "\r" and text.startswith("\n", i + 1):
                        i += 1
                    line, col = line + 1, 0
            elif ch == '"' and at_start:
                quoted = True
            elif ch == d:
                out.append((line, col + 1))
                at_start = True
                i += 1
                col += 1
                continue
            elif ch in "\r\n":
                break
            at_start = False
            i += 1
            col += 1
        return out


def read_sheet(path: str, text: str) -> tuple[Sheet, list[list[str]], list[ParseProblem]]:
    """Split CSV text into a sheet and its data rows; ragged rows are problems."""
    import csv  # here: every lint loads this module, few read CSV

    sheet = Sheet(path, text, sniff_delimiter(text))
    rows: list[list[str]] = []
    problems: list[ParseProblem] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sheet.delimiter)
    limit = csv.field_size_limit()
    # A 10 MB cell is read and then reported, not a csv.Error that loses the file.
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        before = 0
        header_seen = False
        for row in reader:
            start = before + 1
            before = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                sheet.header, sheet.header_line, header_seen = row, start, True
                continue
            width = len(sheet.header)
            if len(row) != width and not (len(row) > width and not any(c.strip() for c in row[width:])):
                problems.append(ParseProblem(
                    _("row has {count} cells, the header has {width}: is a quote or a delimiter ({delimiter}) "
                      "missing or extra?").format(count=len(row), width=width, delimiter=_name(sheet.delimiter)),
                    start, 1, None))
            rows.append(row)
            sheet.lines.append(start)
    except csv.Error as exc:
        problems.append(ParseProblem(_("invalid CSV: {problem}").format(problem=exc), reader.line_num, 1, None))
    finally:
        csv.field_size_limit(limit)
    return sheet, rows, problems


def _name(delimiter: str) -> str:
    return {"\t": _("tab"), ",": _("comma"), ";": _("semicolon"), "|": _("bar")}[delimiter]

"""Why a JSON text cannot be read as a model, said at the place it goes wrong.

The standard library's decoder reports some hostile inputs badly or not at all: a
trailing comma as "Expecting value", a comment as "Expecting value", ``1e999`` as
infinity and a 5,000-digit integer as a ValueError without a place, and nesting
100,000 levels deep as a RecursionError. These helpers turn each into a message with
a line and column. They run only once a file has failed (or, for numbers, only on
numbers), so a clean file pays nothing for them.
"""
from __future__ import annotations

import math
import re

from orgcheck.i18n.runtime import _

#: a JSON string, or a token this module looks for outside strings. An unclosed string
#: runs to the end of the text: were it to fail instead, the scan would try again from
#: every later quote, and 100,000 escaped quotes would take minutes (issue 23).
_STRING = r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)'
_BRACKETS = re.compile(_STRING + r"|([\[\]{}])", re.DOTALL)
_NUMBERS = re.compile(_STRING + r"|(-?[0-9][0-9.eE+-]*)", re.DOTALL)
_WS = " \t\n\r"

#: the most digits an integer can have and still fit a 64-bit float (1.8e308)
_FLOAT_DIGITS = 309


class NumberOverflow(ValueError):
    """A number the text holds that no 64-bit float can hold: JSON readers disagree
    on it (infinity, an error, or a big integer), so it is a finding."""

    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


def parse_float(literal: str) -> float:
    """``float``, refusing a literal that overflows to infinity (``1e999``)."""
    value = float(literal)
    if math.isinf(value):
        raise NumberOverflow(literal)
    return value


def parse_int(literal: str) -> int:
    """``int``, refusing an integer too big for a float (and so for most JSON readers);
    Python itself refuses to read one of more than 4,300 digits."""
    if len(literal.lstrip("-")) >= _FLOAT_DIGITS:
        try:
            float(int(literal))
        except (OverflowError, ValueError):
            raise NumberOverflow(literal) from None
    return int(literal)


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def overflow_message(literal: str) -> str:
    if len(literal) <= 24:
        shown = literal
    else:
        shown = _("{start}… ({count} digits)").format(start=literal[:12], count=len(literal.lstrip("-")))
    return _("number {number} is too large for a 64-bit float: JSON readers disagree on its value "
             "(use a smaller number, or a string)").format(number=shown)


def find_number(text: str, literal: str) -> tuple[int, int]:
    """Where the number ``literal`` first stands outside a string."""
    for m in _NUMBERS.finditer(text):
        if m.group(1) == literal:
            return line_col(text, m.start())
    return 1, 1  # pragma: no cover - the decoder read it, so the scan finds it


def too_deep(text: str) -> tuple[str, int, int]:
    """For a text the decoder could not nest into: how deep it goes, and where it
    first reaches that depth (a message, line, column)."""
    depth = deepest = at = 0
    for m in _BRACKETS.finditer(text):
        bracket = m.group(1)
        if bracket is None:
            continue
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, m.start()
        else:
            depth -= 1
    line, column = line_col(text, at)
    return (_("invalid JSON: arrays and objects nested {count} levels deep, too deep to read").format(count=deepest),
            line, column)


def explain(text: str, message: str, pos: int) -> tuple[str, int, int]:
    """A clearer message (and place) for a decoder error at offset ``pos``."""
    rest = text[pos:pos + 2]
    if rest in ("//", "/*") or rest[:1] == "#":
        line, column = line_col(text, pos)
        return _("invalid JSON: comments are not allowed in JSON (move the note into an \"x-\" key)"), line, column
    comma = pos if text[pos:pos + 1] == "," else _previous(text, pos)
    if comma is not None and text[comma] == ",":
        after = _next(text, comma + 1)
        if after is not None and text[after] in "]}":
            line, column = line_col(text, comma)
            return _("invalid JSON: trailing comma before {bracket} (JSON allows none)").format(
                bracket=text[after]), line, column
    line, column = line_col(text, pos)
    if message.startswith("Invalid control character") and pos < len(text):
        code = ord(text[pos])
        return (_("invalid JSON: control character {code} inside a string (write it as {escape}, or \\n for a "
                  "line break)").format(code=f"U+{code:04X}", escape=f"\\u{code:04x}"), line, column)
    return _("invalid JSON: {message}").format(message=message), line, column


def _previous(text: str, pos: int) -> int | None:
    i = pos - 1
    while i >= 0 and text[i] in _WS:
        i -= 1
    return i if i >= 0 else None


def _next(text: str, pos: int) -> int | None:
    i = pos
    while i < len(text) and text[i] in _WS:
        i += 1
    return i if i < len(text) else None

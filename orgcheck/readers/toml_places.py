"""Where keys and array items lie in a TOML file: tomllib gives data, not positions.

One pass over the text finds, for each ``key = value`` of each table, the key's and
the value's line and column, and for an array value each item's place (for an
inline table item, the places of its own keys too). It reads the TOML that
tomllib has already accepted, so it only needs to skip strings, comments and
nested values correctly; it does not validate.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from orgcheck.io.document import Position

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_SCALAR = re.compile(r"[^,\]}\n#]*")


@dataclass
class Item:
    """One item of an array: its place, and the places of an inline table's keys."""

    at: Position
    keys: dict[str, Position] = field(default_factory=dict)


@dataclass
class Entry:
    key: Position
    value: Position
    items: list[Item] = field(default_factory=list)


@dataclass
class Places:
    """``entries[(table, key)]``: ``table`` is the header's dotted name (``""`` at the
    top, ``people``); the n-th table of an array of tables is ``roles[n]``."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)

    def get(self, table: str, key: str) -> Entry | None:
        return self.entries.get((table, key))


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.i = 0

    def pos(self, index: int) -> Position:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def skip_space(self, newlines: bool) -> None:
        """Skip blanks (and, inside arrays, newlines and comments)."""
        text, n = self.text, len(self.text)
        while self.i < n:
            c = text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif newlines and c == "#":
                end = text.find("\n", self.i)
                self.i = n if end < 0 else end
            elif newlines and c == ",":
                self.i += 1
            else:
                return

    def key(self) -> str:
        """A dotted key (bare or quoted parts), joined with dots."""
        parts = []
        while True:
            self.skip_space(False)
            c = self.text[self.i:self.i + 1]
            if c in ('"', "'"):
                start = self.i
                self.string()
                parts.append(self.text[start + 1:self.i - 1])
            else:
                m = _BARE.match(self.text, self.i)
                if not m:
                    break
                parts.append(m.group())
                self.i = m.end()
            self.skip_space(False)
            if self.text[self.i:self.i + 1] == ".":
                self.i += 1
                continue
            break
        return ".".join(parts)

    def string(self) -> None:
        text, i = self.text, self.i
        quote = text[i]
        if text.startswith(quote * 3, i):
            end = text.find(quote * 3, i + 3)
            end = len(text) if end < 0 else end + 3
            while text.startswith(quote, end) and end < len(text):  # """a"""" ends on the last quotes
                end += 1
            self.i = end
            return
        i += 1
        while i < len(text) and text[i] != quote and text[i] != "\n":
            i += 2 if quote == '"' and text[i] == "\\" else 1
        self.i = i + 1

    def value(self, entry: Entry | None = None) -> None:
        """Skip one value; record an array's items in ``entry``."""
        c = self.text[self.i:self.i + 1]
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.i += 1
            while True:
                self.skip_space(True)
                if self.i >= len(self.text) or self.text[self.i] == "]":
                    self.i += 1
                    return
                item = Item(self.pos(self.i))
                if self.text[self.i] == "{":
                    item.keys = self.inline_table()
                else:
                    self.value()
                if entry is not None:
                    entry.items.append(item)
        elif c == "{":
            self.inline_table()
        else:
            self.i = _SCALAR.match(self.text, self.i).end()  # type: ignore[union-attr]  # matches empty

    def inline_table(self) -> dict[str, Position]:
        self.i += 1
        keys: dict[str, Position] = {}
        while True:
            self.skip_space(True)
            if self.i >= len(self.text) or self.text[self.i] == "}":
                self.i += 1
                return keys
            start = self.i
            name = self.key()
            if self.text[self.i:self.i + 1] != "=" or self.i == start:
                self.i = max(self.i, start + 1)  # not TOML tomllib accepted: move on
                continue
            self.i += 1
            self.skip_space(False)
            keys[name] = self.pos(self.i)
            self.value()


def scan(text: str) -> Places:
    """The places of every key of every table, and of array items, in ``text``."""
    s = _Scanner(text)
    places = Places()
    table = ""
    arrays: dict[str, int] = {}
    n = len(text)
    while s.i < n:
        s.skip_space(False)
        if s.i >= n:
            break
        c = text[s.i]
        if c == "\n":
            s.i += 1
        elif c == "#":
            end = text.find("\n", s.i)
            s.i = n if end < 0 else end
        elif c == "[":
            double = text.startswith("[[", s.i)
            s.i += 2 if double else 1
            name = s.key()
            if double:
                arrays[name] = arrays.get(name, -1) + 1
                name = f"{name}[{arrays[name]}]"
            table = name
            end = text.find("\n", s.i)
            s.i = n if end < 0 else end
        else:
            start = s.i
            name = s.key()
            if s.i == start or text[s.i:s.i + 1] != "=":
                end = text.find("\n", s.i)  # not a key: tomllib would have refused it
                s.i = n if end < 0 else end
                continue
            s.i += 1
            s.skip_space(False)
            entry = Entry(s.pos(start), s.pos(s.i))
            places.entries.setdefault((table, name), entry)
            s.value(entry)
    return places

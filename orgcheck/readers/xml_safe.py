"""A hardened XML reader that keeps each element's line and column.

Built on the standard library's expat, with what defusedxml would forbid forbidden
outright: no DOCTYPE at all, hence no entity declarations, no entity expansion
(a "billion laughs" bomb) and no external entities or DTDs fetched (XXE). Only
the five predefined entities and character references remain, which cannot grow.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class XmlError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass
class Element:
    ns: str
    tag: str  # the local name
    attrib: dict[str, str]
    line: int
    column: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def iter(self):
        """This element and every element below it, in document order (no recursion)."""
        stack = [self]
        while stack:
            e = stack.pop()
            yield e
            stack.extend(reversed(e.children))


def parse_xml(data: bytes) -> Element:
    """Parse XML bytes into Elements; raises XmlError with a position for bad or
    hostile input."""
    from xml.parsers import expat  # here: every lint loads this module, few read XML

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[Element] = []
    stack: list[Element] = []
    texts: list[list[str]] = []

    def here() -> tuple[int, int]:
        """Line and character column (expat counts bytes) of the current event."""
        line = parser.CurrentLineNumber
        at = parser.CurrentByteIndex
        start = data.rfind(b"\n", 0, at) + 1
        try:
            column = len(data[start:at].decode("utf-8")) + 1
        except UnicodeDecodeError:
            column = parser.CurrentColumnNumber + 1
        return line, column

    def forbid_doctype(*_args: object) -> None:
        line, column = here()
        at = data.find(b"<!DOCTYPE")  # expat reports the end of the declaration's head
        if 0 <= at < parser.CurrentByteIndex + 1:
            line, column = data.count(b"\n", 0, at) + 1, at - data.rfind(b"\n", 0, at)
        raise XmlError("a DOCTYPE is not allowed (DTDs and entities are how XML bombs and external "
                       "entity attacks work; BPMN needs neither)", line, column)

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, tag = name.rpartition(" ")
        line, column = here()
        element = Element(ns, tag, {k.rpartition(" ")[2]: v for k, v in attrs.items()}, line, column)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)
        texts.append([])

    def end(name: str) -> None:
        element = stack.pop()
        element.text = "".join(texts.pop())

    def chars(text: str) -> None:
        if texts:
            texts[-1].append(text)

    parser.StartDoctypeDeclHandler = forbid_doctype
    parser.EntityDeclHandler = forbid_doctype
    parser.UnparsedEntityDeclHandler = forbid_doctype
    parser.ExternalEntityRefHandler = lambda *a: forbid_doctype()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlError(f"invalid XML: {expat.ErrorString(exc.code)}", exc.lineno, exc.offset + 1) from None
    if not root:  # pragma: no cover - expat reports "no element found" first
        raise XmlError("invalid XML: no element found", 1, 1)
    return root[0]

"""A hardened XML reader that keeps each element's line and column.

Built on the standard library's expat, with what defusedxml would forbid forbidden
outright: no DOCTYPE at all, hence no entity declarations, no entity expansion
(a "billion laughs" bomb) and no external entities or DTDs fetched (XXE). Only
the five predefined entities and character references remain, which cannot grow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _

# As deep as the YAML reader goes: far beyond any real model (the BPMN reference
# models nest 10 levels), and the readers' walks stay well inside any stack.
MAX_DEPTH = 500


class XmlError(OrgcheckError, ValueError):
    """The bytes are not XML orgcheck reads (or a DOCTYPE, refused): the message and its place."""

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
    # The last place computed: (byte index, line, character column there). Events come
    # in document order, so each place is found from the previous one by scanning only
    # the bytes between them: linear time, even for a minified file on one line.
    last = [0, 1, 1]

    def here() -> tuple[int, int]:
        """Line and character column (expat counts bytes) of the current event."""
        at, line = parser.CurrentByteIndex, parser.CurrentLineNumber
        was, was_line, column = last
        if at < was:  # never in practice; start again from the top rather than guess
            was, was_line, column = 0, 1, 1
        if line != was_line:  # expat ends a line at LF, CR or CRLF
            was, column = max(data.rfind(b"\n", was, at), data.rfind(b"\r", was, at)) + 1, 1
        try:
            column += len(data[was:at].decode("utf-8"))
        except UnicodeDecodeError:
            column = parser.CurrentColumnNumber + 1
        last[:] = [at, line, column]
        return line, column

    def forbid_doctype(*_args: object) -> NoReturn:
        line, column = here()
        at = data.find(b"<!DOCTYPE")  # expat reports the end of the declaration's head
        if 0 <= at < parser.CurrentByteIndex + 1:
            line, column = data.count(b"\n", 0, at) + 1, at - data.rfind(b"\n", 0, at)
        raise XmlError(_("a DOCTYPE is not allowed (DTDs and entities are how XML bombs and external entity "
                         "attacks work; BPMN needs neither)"), line, column)

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _space, tag = name.rpartition(" ")
        line, column = here()
        if len(stack) >= MAX_DEPTH:
            raise XmlError(_("elements nested more than {count} levels deep, too deep to read (a real model "
                             "nests a few dozen at most)").format(count=MAX_DEPTH), line, column)
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
        raise XmlError(_("invalid XML: {problem}").format(problem=expat.ErrorString(exc.code)), exc.lineno,
                       exc.offset + 1) from None
    if not root:  # pragma: no cover - expat reports "no element found" first
        raise XmlError(_("invalid XML: no element found"), 1, 1)
    return root[0]

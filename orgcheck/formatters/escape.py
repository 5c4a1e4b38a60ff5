"""Text from a model made safe for each place orgcheck writes it: one function per
output context, used by every command that writes to that context.

A name, id or file name comes from whoever opened the pull request. Printed as it
is, a line break forges a finding line or a GitHub workflow command, an escape
sequence recolours or rewrites the terminal, a bidi override reorders what a
reviewer reads, Markdown forges a heading or hides the findings in a comment, a
Mermaid directive restyles the chart, ``</script`` ends the report's script.

==================  ==========================================================
context             function
==================  ==========================================================
terminal line       :func:`printable` (controls, line breaks, bidi as escapes)
terminal block      :func:`printable_block` (the same, line breaks kept)
GitHub command      :func:`github_data`, :func:`github_property`
Markdown            :func:`markdown`
Mermaid label       :func:`mermaid`
DOT string          :func:`dot`
JSON output         :func:`json_text`
HTML text           :func:`html_text`
<script> JSON       :func:`script_json`
CSV cell            :func:`csv_cell`
SARIF message       :func:`sarif_message`
SARIF URI           :func:`uri`
all strings in      :func:`deep` (applies one of the above to every string value
a view's figures    of a dict/list structure)
==================  ==========================================================
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote


def _compiled(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled when it is first used: a lint that writes only text pays
    for none of the Markdown, JSON or XML patterns (each costs a tenth of a
    millisecond to compile, on every start)."""
    return functools.cache(lambda: re.compile(pattern))


# C0 controls but tab, DEL, C1 controls, line and paragraph separators, bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_BLOCK = _compiled("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_COMMAND_START = re.compile(r"^(\s*):(?=:)")


def printable(text: str) -> str:
    """``text`` with every character that could break or disguise a line escaped,
    and a leading ``::`` (which GitHub Actions runs as a workflow command when it
    starts a line of the log) shown as ``\\x3a:``."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    return _COMMAND_START.sub(r"\1\\x3a", text) if "::" in text else text


def needs_escape(texts: list[str]) -> bool:
    """Whether :func:`printable` would change any of ``texts`` (one search of them all).

    Every character it escapes is one Python counts as unprintable, and ``isprintable``
    reads a text at twice the speed of the search: only a text with one (a tab, a
    non-breaking space) is searched."""
    joined = " ".join(texts)
    return "::" in joined or (not joined.isprintable() and bool(_UNSAFE.search(joined)))


def printable_block(text: str) -> str:
    """Several lines for a terminal: as :func:`printable`, but line breaks kept."""
    if _UNSAFE_IN_BLOCK().search(text):
        text = _UNSAFE_IN_BLOCK().sub(_escape, text)
    return "\n".join(printable(line) for line in text.split("\n")) if "::" in text else text


def deep(value: Any, escape: Callable[[str], str]) -> Any:
    """``value`` (dicts, lists, tuples of strings and numbers) with ``escape`` applied
    to every string value in it: a view's figures made safe before they are rendered.
    Keys are the view's own field names, and are kept."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {k: deep(v, escape) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(deep(v, escape) for v in value)
    return value


# -- GitHub Actions workflow commands -----------------------------------------------


def github_data(text: str) -> str:
    """The message part of ``::error ...::MESSAGE``. GitHub's own escapes for ``%``
    and the line breaks (so nothing starts a new command); any other control
    character is shown as an escape, not obeyed."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A property value (``file=``, ``title=``): also ``:`` and ``,``, which end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# -- Markdown (a pull-request comment) ----------------------------------------------

_MD_PUNCT = _compiled(r"([\\`*_{}\[\]()#+\-.!|<>~=:\"'$&%^;?/@,])")
_MENTION = _compiled(r"([@#])(?=[\w\u2060])")


def markdown(text: str) -> str:
    """Inline Markdown that shows ``text`` literally: every ASCII punctuation mark
    backslash-escaped (no heading, emphasis, link, image, HTML comment or table cell
    can start), line breaks and controls as visible escapes, and a word joiner after
    ``@`` and ``#`` and in ``://`` and ``www.`` so GitHub makes no mention, issue
    reference or autolink of them."""
    text = printable(text)
    text = _MENTION().sub("\\1\u2060", text).replace("://", ":\u2060//").replace("www.", "www\u2060.")
    return _MD_PUNCT().sub(r"\\\1", text)


_SARIF_BRACKET = _compiled(r"(\\*)([\[\]])")


def sarif_message(text: str) -> str:
    """Plain text for a SARIF ``message.text`` (SARIF 2.1.0 §3.11). A viewer reads
    ``[text](target)`` in it as an embedded link (§3.11.6) and ``{0}`` as a
    placeholder (§3.11.5), so a literal square bracket is escaped with a backslash
    (any backslashes before it doubled, so none of them escapes it instead) and a
    literal brace is doubled."""
    text = _SARIF_BRACKET().sub(lambda m: m.group(1) * 2 + "\\" + m.group(2), text)
    return text.replace("{", "{{").replace("}", "}}")


# -- Mermaid --------------------------------------------------------------------------


_MERMAID = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "%": "#37;",
            "{": "#123;", "}": "#125;", "\\": "#92;", "\n": " ", "\r": " "}
_MERMAID_RE = _compiled("[" + re.escape("".join(_MERMAID)) + "]")


def mermaid(text: str) -> str:
    """Text inside a quoted Mermaid label: entity codes for what Mermaid parses
    (quotes, ``#``, markup, and ``%`` and braces, so no ``%%{init: ...}%%``
    directive can form), controls as escapes."""
    return printable(_MERMAID_RE().sub(lambda m: _MERMAID[m.group()], text))


# -- Graphviz DOT ---------------------------------------------------------------------


def dot(text: str) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, each line break a
    DOT line break, any other control character (a NUL, which Graphviz refuses) an
    escape shown as text."""
    lines = (printable(line).replace("\\", "\\\\").replace('"', '\\"') for line in text.split("\n"))
    return '"' + "\\n".join(lines) + '"'


# -- JSON ------------------------------------------------------------------------------

_JSON_UNSAFE = _compiled("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: Any, *, indent: int | None = 2, **options: Any) -> str:
    """JSON as orgcheck writes it: UTF-8 text, no NaN or Infinity (an error instead),
    and every character a terminal or a reviewer's eye could be fooled by (C1
    controls, bidi overrides, line separators) as a ``\\uXXXX`` escape; json itself
    escapes the C0 controls."""
    text = json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False, **options)
    return _JSON_UNSAFE().sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_UNSAFE().search(text) else text


# -- HTML ----------------------------------------------------------------------------


def html_text(text: str, quote: bool = True) -> str:
    """Text (or an attribute value) in HTML: markup characters as entities, control
    characters as visible escapes."""
    import html  # its entity tables cost every lint's startup; only the HTML views escape for HTML

    return html.escape(printable(text), quote=quote)



def script_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<`` (so neither
    ``</script`` nor ``<!--`` can end or bend it), no ``>``, ``&``, U+2028/9."""
    text = json_text(value, indent=None)
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, code)
    return text


# -- XML (JUnit) -------------------------------------------------------------------------

_XML_UNSAFE = _compiled("[\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: control characters (which it forbids), lone surrogates
    and U+FFFE/U+FFFF as visible escapes. Markup is left to the caller's escape()."""
    text = printable(text)
    return _XML_UNSAFE().sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _XML_UNSAFE().search(text) else text


# -- CSV -------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a string that starts like a formula
    (``=HYPERLINK(...)``, ``+``, ``-``, ``@``, a tab or line break) gets a leading
    apostrophe. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# -- SARIF -----------------------------------------------------------------------------


def uri(path: str) -> str:
    """A relative file path as a SARIF ``artifactLocation.uri`` (RFC 3986): each
    character outside the unreserved set and ``/`` percent-encoded, UTF-8 (a lone
    surrogate as its escape)."""
    return quote(path.replace("\\", "/"), safe="/", errors="backslashreplace")

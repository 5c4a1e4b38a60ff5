"""Text from a model made safe for a line-oriented output.

A person may be named with a line break, a terminal escape sequence or a bidi
override; printed as they are, these would forge a finding line, recolour a
terminal or reorder what a reviewer reads. They are shown as escapes instead.
"""
from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, line and paragraph separators, bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could break or disguise a line escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text

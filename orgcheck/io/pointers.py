"""JSON Pointers (RFC 6901): how a finding names the place it is about."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(path: Iterable[Any]) -> str:
    return "".join("/" + escape(str(p)) for p in path)

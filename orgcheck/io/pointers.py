"""JSON Pointers (RFC 6901): how a finding names the place it is about."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(path: Iterable[Any]) -> str:
    return "".join("/" + escape(str(p)) for p in path)


def ancestors(pointers: Iterable[str]) -> set[str]:
    """Every proper ancestor of the pointers ("/people/3/manager": "/people/3",
    "/people" and the root ""). Each pointer's chain is walked up only until an
    ancestor already found: 150,000 findings' pointers share most of theirs."""
    found: set[str] = set()
    for pointer in pointers:
        while True:
            pointer, slash, _token = pointer.rpartition("/")
            if not slash or pointer in found:
                break
            found.add(pointer)
    return found


def pointer_problem(pointer: Any) -> str | None:
    """Why a rule's pointer cannot be used (None: it can): a JSON Pointer is a string,
    empty (the whole document) or starting with "/"."""
    from orgcheck.wording import short

    if not isinstance(pointer, str):
        return f"a pointer that is {short(pointer)}, not a string"
    if pointer and not pointer.startswith("/"):
        return f"the pointer {short(pointer)}, which does not start with \"/\" (a JSON Pointer: /people/0)"
    if len(pointer) > 10_000:
        return "a pointer longer than 10,000 characters"
    return None

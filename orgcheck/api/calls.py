"""Calling a hook's implementations one by one, in pluggy's own order: each plugin's
failure must be named and contained, which a single relay call cannot do."""
from __future__ import annotations

from typing import Any

import pluggy


def call_order(caller: pluggy.HookCaller) -> list[pluggy.HookImpl]:
    """A hook's implementations in the order pluggy's own call runs them: tryfirst ones
    first, trylast ones last, otherwise the last registered first. pluggy keeps them in
    ``get_hookimpls()`` in the reverse of that order, and its call loop walks the list
    from the end; tests/test_hooks.py holds this order to the relay's."""
    return caller.get_hookimpls()[::-1]


def call_impl(impl: pluggy.HookImpl, kwargs: dict[str, Any]) -> Any:
    """Call one implementation with the hook's arguments it asks for, as pluggy does."""
    extra = {name: kwargs[name] for name in impl.kwargnames if name in kwargs}
    return impl.function(*(kwargs[name] for name in impl.argnames), **extra)

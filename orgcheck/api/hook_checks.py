"""A plugin's hook functions checked before pluggy registers them: the mistakes pluggy
would pass over in silence (a hook never called) or with a many-line message."""
from __future__ import annotations

import inspect
from typing import Any

import pluggy

from orgcheck.api import hookspecs

HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("orgcheck_"))


def hook_problem(pm: pluggy.PluginManager, plugin: Any) -> str | None:
    """The mistakes pluggy would pass over in silence or with a many-line message: a
    hook function without ``@orgcheck.hookimpl`` (never called), a marked function
    whose name is no hook, one that asks for arguments the hook does not pass."""
    from orgcheck.suggest import did_you_mean

    for attr in sorted(dir(plugin)):
        if not attr.startswith("orgcheck_"):
            continue
        opts = pm.parse_hookimpl_opts(plugin, attr)
        marked = opts is not None
        spec = getattr(pm.hook, attr, None)
        if spec is None:
            if marked:
                return f"{attr} is not an orgcheck hook{did_you_mean(attr, HOOKS)} (hooks: {', '.join(HOOKS)})"
            continue
        if not marked:
            if callable(getattr(plugin, attr)):
                return f"{attr}() is not marked @orgcheck.hookimpl, so orgcheck would never call it"
            continue
        if opts and (opts.get("wrapper") or opts.get("hookwrapper")):
            return (f"{attr}() is marked as a hook wrapper, which orgcheck does not call: it asks each "
                    "plugin on its own (drop wrapper=True)")
        wanted = spec.spec.argnames if spec.spec else ()
        extra = [a for a in required_args(getattr(plugin, attr)) if a not in wanted]
        if extra:
            return (f"{attr}() asks for {', '.join(map(repr, extra))}, which the hook does not pass: "
                    f"it passes {', '.join(wanted) or 'nothing'}")
    return None


def required_args(func: Any) -> list[str]:
    """The arguments pluggy would pass to a hook function: those without a default.

    A plain function's are read from its code object, as pluggy reads them
    (``inspect.signature`` costs ten times as much, for each hook of each plugin on
    every start); anything else callable is asked through ``inspect``."""
    code = getattr(func, "__code__", None)
    if code is not None and not hasattr(func, "__wrapped__") and not inspect.ismethod(func):
        positional = code.co_varnames[:code.co_argcount]
        defaults = len(getattr(func, "__defaults__", None) or ())
        return list(positional[:len(positional) - defaults])
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            and p.default is p.empty]

"""What a rule is: the ``rule`` decorator, ``Rule``, ``Finding`` and ``Severity``.

A rule is a generator function over the org model plus its metadata (code, name,
default severity, options with their defaults, docs). The engine calls it as
``fn(org, **options)`` and turns what it yields into located findings. A rule that
judges a figure another rule bounds (OC507 counts dotted reports against OC101's span
bound) takes a ``measures`` parameter: the engine passes it the model's measures, each
with its rules' options as configured (``measures("span_bound", person)``), so that it
never reads another rule's declared defaults.
"""
from __future__ import annotations

import enum
import inspect
import json
import re
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _
from orgcheck.wording import type_name

CODE_RE = re.compile(r"^[A-Z]+[0-9]+$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PILLARS = ("self-steering", "professionalism", "context")
#: the parameter through which a rule receives the model's measures (not an option)
MEASURES = "measures"


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


#: the severities' names, worst first, as options offer them and tables list them
SEVERITIES = (Severity.ERROR.value, Severity.WARNING.value, Severity.INFO.value)


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class RuleDefinitionError(OrgcheckError):
    """A plugin author's mistake in declaring a rule (raised at load time)."""


@dataclass(frozen=True)
class Finding:
    """What a rule yields when a plain ``(entity, message)`` pair is not enough.

    ``entity`` is a model entity (or None for the whole document); ``severity``
    overrides the rule's default; ``pointer`` points somewhere more specific than
    the entity's own object (a field of it, say); ``related`` are other entities
    the finding is about.
    """

    entity: Any
    message: str
    severity: Severity | str | None = None
    pointer: str | None = None
    related: tuple = ()

    def __init__(self, entity: Any, message: str, *, severity: Severity | str | None = None,
                 pointer: str | None = None, related: Iterable[Any] = ()) -> None:
        object.__setattr__(self, "entity", entity)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "severity", Severity(severity) if severity is not None else None)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "related", tuple(related))


@dataclass
class Rule:
    """A registered rule: metadata and the function that checks it."""

    code: str
    name: str
    severity: Severity
    func: Callable[..., Iterable[Any]]
    options: dict[str, Any] = field(default_factory=dict)
    pillar: str | None = None
    recommended: bool = True
    #: the parts of the model the rule needs (``orgcheck.api.parts.PARTS``); a source that
    #: cannot express one of them does not get the rule run: it is "not assessed"
    needs: tuple[str, ...] = ()
    #: filled in by the plugin manager: the plugin (entry-point name or module) that provides it
    plugin: str = ""
    #: the distribution that ships the plugin, with its version ("orgcheck 0.1.0"), or "local"
    distribution: str = ""
    #: whether the function takes the model's measures (a ``measures`` parameter)
    takes_measures: bool = False
    #: (function, options) as ``@rule`` checked them: the plugin manager checks a rule
    #: again only when it was built by hand or changed since
    checked: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    @property
    def docs(self) -> str:
        """The docstring, cleaned, in the active language (translated when read: the
        docstring itself is fixed at import time, before a language is chosen)."""
        from orgcheck.i18n.runtime import translate_docs

        return translate_docs(inspect.cleandoc(self.func.__doc__ or ""), getattr(self.func, "__module__", None))

    @property
    def summary(self) -> str:
        docs = self.docs
        return docs.splitlines()[0].strip() if docs else ""

    @property
    def family(self) -> str:
        return self.plugin

    def __call__(self, org: Any, **options: Any) -> Iterable[Any]:
        merged = {**self.options, **options}
        return self.func(org, **merged)


def rule(code: str, name: str, *, severity: Severity | str = Severity.WARNING,
         options: dict[str, Any] | None = None, pillar: str | None = None,
         recommended: bool = True, needs: Iterable[str] = ()) -> Callable[[Callable[..., Iterable[Any]]], Rule]:
    """Turn a generator function ``fn(org, **options)`` into a :class:`Rule`.

    The function's docstring is the rule's documentation; its first line is the
    summary shown by ``orgcheck rules``. ``needs`` names the parts of the model the
    rule judges (``orgcheck.api.parts.PARTS``: ``people``, ``reporting_lines``,
    ``roles``, ``role_content``, ``processes``, ``metrics``...); on a source that
    cannot express one of them (a BPMN file has no roles' content) the rule does not
    run and is reported as not assessed.
    """
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RuleDefinitionError(f"rule code {code!r} must match [A-Z]+[0-9]+ (for example ACME001)")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise RuleDefinitionError(f"rule {code}: name {name!r} must be kebab-case (for example span-too-wide)")
    try:
        sev = Severity(severity)
    except ValueError:
        raise RuleDefinitionError(
            f"rule {code}: severity {severity!r} must be one of error, warning, info") from None
    if pillar is not None and pillar not in PILLARS:
        raise RuleDefinitionError(f"rule {code}: pillar {pillar!r} must be one of {', '.join(PILLARS)}")
    if not isinstance(options, (dict, type(None))):
        raise RuleDefinitionError(f"rule {code}: options must be a dict of defaults, not {type(options).__name__}")
    if isinstance(needs, str):
        needs = (needs,)
    try:
        need_list = tuple(needs)
    except TypeError:
        raise RuleDefinitionError(f"rule {code}: needs must be a list of model parts, not {needs!r}") from None
    from orgcheck.api.parts import PARTS, unknown_parts

    bad = unknown_parts(need_list)
    if bad:
        raise RuleDefinitionError(f"rule {code}: needs {bad[0]!r} is no part of the model; "
                                  f"use {', '.join(PARTS)}")
    opts = dict(options or {})
    for option, default in opts.items():
        problem = config_problem(default) if isinstance(option, str) else "its name is not a string"
        if problem:
            raise RuleDefinitionError(f"rule {code}: option {option!r} default {default!r}: {problem}")

    def decorate(func: Callable[..., Iterable[Any]]) -> Rule:
        if not callable(func):
            raise RuleDefinitionError(f"rule {code}: @rule must decorate a function")
        takes_measures = check_signature(code, func, opts)
        return Rule(code=code, name=name, severity=sev, func=func, options=opts,
                    pillar=pillar, recommended=recommended, needs=need_list, takes_measures=takes_measures,
                    checked=(func, dict(opts)))

    return decorate


def config_problem(value: Any, top: bool = True) -> str | None:
    """Why a config file (TOML) could never set an option whose default is ``value``:
    the engine checks a configured value against the default's type, so a default
    of a type TOML has no word for would reject every setting. None at the top means
    "unset": any value may set it."""
    if value is None:
        return None if top else "a list or table cannot hold None in a config file"
    if isinstance(value, (bool, int, float, str)):
        return None
    if isinstance(value, list):
        for item in value:
            problem = config_problem(item, top=False)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"table keys must be strings, not {type(key).__name__} ({key!r})"
            problem = config_problem(item, top=False)
            if problem:
                return problem
        return None
    return (f"a config file cannot express a {type(value).__name__}: use a string, number, boolean, "
            "list or table (dict)")


_KINDS = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
          dict: "a table"}


def fits(value: Any, kind: type) -> bool:
    """Whether an option value is of ``kind``: an int for a float, never a bool for a
    number (the one type check of option defaults and configured values)."""
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


_P = inspect.Parameter


class _Param:
    """What :func:`check_signature` reads of a parameter (as ``inspect.Parameter``)."""

    __slots__ = ("name", "kind", "default", "annotation")

    def __init__(self, name: str, kind: Any, default: Any, annotation: Any) -> None:
        self.name, self.kind, self.default, self.annotation = name, kind, default, annotation


def _parameters(func: Callable[..., Any]) -> list[Any]:
    """The parameters ``inspect.signature`` gives, read straight from a plain function's
    code: ``inspect.signature`` costs every lint's startup a millisecond or two over the
    built-in rules. Anything else (a wrapper, a partial, a callable object) asks
    ``inspect.signature``, which raises TypeError or ValueError where it cannot tell."""
    if type(func) is not types.FunctionType or hasattr(func, "__wrapped__") or hasattr(func, "__signature__"):
        return list(inspect.signature(func).parameters.values())
    code = func.__code__
    names, count, kwonly = code.co_varnames, code.co_argcount, code.co_kwonlyargcount
    defaults, kwdefaults, annotations = func.__defaults__ or (), func.__kwdefaults__ or {}, func.__annotations__
    first_default = count - len(defaults)
    params = [_Param(name, _P.POSITIONAL_ONLY if i < code.co_posonlyargcount else _P.POSITIONAL_OR_KEYWORD,
                     defaults[i - first_default] if i >= first_default else _P.empty,
                     annotations.get(name, _P.empty))
              for i, name in enumerate(names[:count])]
    rest = count + kwonly
    if code.co_flags & inspect.CO_VARARGS:
        params.append(_Param(names[rest], _P.VAR_POSITIONAL, _P.empty, annotations.get(names[rest], _P.empty)))
        rest += 1
    params += [_Param(name, _P.KEYWORD_ONLY, kwdefaults.get(name, _P.empty), annotations.get(name, _P.empty))
               for name in names[count:count + kwonly]]
    if code.co_flags & inspect.CO_VARKEYWORDS:
        params.append(_Param(names[rest], _P.VAR_KEYWORD, _P.empty, annotations.get(names[rest], _P.empty)))
    return params


def _annotated_kind(func: Callable[..., Any], param: Any) -> type | None:
    """The plain type a parameter's annotation names (``int``, ``list[str]`` -> list), or
    None when it names something else (a union, a class of the author's)."""
    annotation = param.annotation
    if isinstance(annotation, str):  # ``from __future__ import annotations``
        head = annotation.split("[", 1)[0].strip()
        return {k.__name__: k for k in _KINDS}.get(head)
    origin = getattr(annotation, "__origin__", annotation)
    return origin if origin in _KINDS else None


def check_signature(code: str, func: Callable[..., Any], opts: dict[str, Any]) -> bool:
    """The function can be called as ``fn(org, **options)`` with the declared defaults;
    whether it takes the model's measures too (a ``measures`` parameter)."""
    if MEASURES in opts:
        raise RuleDefinitionError(f"rule {code}: {MEASURES!r} cannot be an option: a rule's {MEASURES!r} "
                                  "parameter receives the model's measures")
    try:
        params = _parameters(func)
    except (TypeError, ValueError):  # a builtin without a signature: nothing to check
        return False
    fname = getattr(func, "__name__", "the rule function")
    positional = [p for p in params if p.kind in (_P.POSITIONAL_ONLY, _P.POSITIONAL_OR_KEYWORD)]
    if not positional and not any(p.kind is _P.VAR_POSITIONAL for p in params):
        raise RuleDefinitionError(f"rule {code}: {fname}() must take the org model as its first parameter")
    rest = {p.name: p for p in (positional[1:] if positional else [])}
    rest.update({p.name: p for p in params if p.kind is _P.KEYWORD_ONLY})
    takes_measures = rest.pop(MEASURES, None) is not None
    accepts_kwargs = any(p.kind is _P.VAR_KEYWORD for p in params)
    for option in opts:
        if option not in rest and not accepts_kwargs:
            raise RuleDefinitionError(f"rule {code}: option {option!r} is not a parameter of {fname}()")
    for pname, param in rest.items():
        if pname not in opts and param.default is _P.empty:
            raise RuleDefinitionError(
                f"rule {code}: parameter {pname!r} of {fname}() has no default and is not an option: "
                f"add it to options={{...}}")
        if pname not in opts or opts[pname] is None:
            continue
        kind = _annotated_kind(func, param)
        if kind is None and param.default not in (_P.empty, None):
            kind = type(param.default) if type(param.default) in _KINDS else None
        if kind is not None and not fits(opts[pname], kind):
            raise RuleDefinitionError(
                f"rule {code}: option {pname!r} default {opts[pname]!r} does not fit {fname}(), which "
                f"declares {pname} as {_KINDS[kind]}")
    return takes_measures


def type_problem(value: Any, default: Any) -> str | None:
    """Why ``value`` cannot stand in for an option whose default is ``default`` (or None)."""
    if default is None:
        return None
    if not fits(value, type(default)):
        return _("must be {expected}, not {got} ({value})").format(
            expected=type_name(default, config=True), got=type_name(value, config=True),
            value=json.dumps(value, default=str))
    if fits(default, float) and default >= 0 and value < 0:
        # a number option whose default is 0 or more is a bound on a count, a share or a
        # distance: below 0 it would judge every person, team or step, which no one means
        return _("must be 0 or more, not {value}").format(value=json.dumps(value))
    if isinstance(default, dict) and default:
        sample = next(iter(default.values()))
        for k, v in value.items():
            problem = type_problem(v, sample)
            if problem:
                return f"{k} {problem}"
    return None

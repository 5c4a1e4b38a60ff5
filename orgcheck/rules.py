"""What a rule is: the ``rule`` decorator, ``Rule``, ``Finding`` and ``Severity``.

A rule is a generator function over the org model plus its metadata (code, name,
default severity, options with their defaults, docs). The engine calls it as
``fn(org, **options)`` and turns what it yields into located findings.
"""
from __future__ import annotations

import enum
import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

CODE_RE = re.compile(r"^[A-Z]+[0-9]+$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PILLARS = ("self-steering", "professionalism", "context")


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


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class RuleDefinitionError(Exception):
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
    #: filled in by the plugin manager: the plugin (entry-point name or module) that provides it
    plugin: str = ""
    #: the distribution that ships the plugin, with its version ("orgcheck 0.1.0"), or "local"
    distribution: str = ""

    @property
    def docs(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        docs = self.docs
        return docs.splitlines()[0].strip() if docs else ""

    @property
    def family(self) -> str:
        return self.plugin

    def run(self, org: Any, options: dict[str, Any]) -> Iterator[Any]:
        return iter(self.func(org, **options) or ())

    def __call__(self, org: Any, **options: Any) -> Iterable[Any]:
        merged = {**self.options, **options}
        return self.func(org, **merged)


def rule(code: str, name: str, *, severity: Severity | str = Severity.WARNING,
         options: dict[str, Any] | None = None, pillar: str | None = None,
         recommended: bool = True) -> Callable[[Callable[..., Iterable[Any]]], Rule]:
    """Turn a generator function ``fn(org, **options)`` into a :class:`Rule`.

    The function's docstring is the rule's documentation; its first line is the
    summary shown by ``orgcheck rules``.
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
    opts = dict(options or {})

    def decorate(func: Callable[..., Iterable[Any]]) -> Rule:
        if not callable(func):
            raise RuleDefinitionError(f"rule {code}: @rule must decorate a function")
        params = inspect.signature(func).parameters
        accepts_kwargs = any(p.kind is p.VAR_KEYWORD for p in params.values())
        missing = [o for o in opts if o not in params and not accepts_kwargs]
        if missing:
            raise RuleDefinitionError(
                f"rule {code}: option {missing[0]!r} is not a parameter of {func.__name__}()")
        return Rule(code=code, name=name, severity=sev, func=func, options=opts,
                    pillar=pillar, recommended=recommended)

    return decorate

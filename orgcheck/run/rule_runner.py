"""Running the rules on one model: each on the read-only model, each within
--rule-timeout, each checked for what it yields; a rule that crashes, overruns or
changes the model costs only its own findings and is named in an error.
"""
from __future__ import annotations

import functools
from typing import Any

from orgcheck.api.rules import MEASURES, Finding, Rule, Severity
from orgcheck.config import Config, options_for
from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.io.document import Document
from orgcheck.io.pointers import pointer_problem
from orgcheck.model import External, Flow, Interaction, Metric, Org, Person, Process, Role, Step, Unit
from orgcheck.run import guard, streams
from orgcheck.run.raw import RawFinding, severity_for
from orgcheck.wording import short as _short


class RuleCrash(OrgcheckError):
    """A rule raised, or yielded what is no finding: reported as that rule's error."""


#: what running one rule came to: its findings, the errors that name it, and with
#: --show-traceback its crash's traceback (lines of text)
Outcome = tuple[list[RawFinding], list[str], list[str]]


def run_rules(rules: list[Rule], org: Org, config: Config, document: Document, errors: list[str],
              show_traceback: bool, measures: Any, tracebacks: list[str]) -> list[RawFinding]:
    """Every rule, each on the read-only model, each within --rule-timeout; a rule that
    crashes, overruns or changes the model costs only its own findings (and says so
    in ``errors``). With ``show_traceback``, a crash's traceback goes into
    ``tracebacks`` (the caller shows them when it keeps the findings: not for a big
    file linted again from its exact read).

    On a big model some built-in rules run in a forked child meanwhile
    (``orgcheck.run.rule_split``); what each rule came to is taken in the rules' order
    either way."""
    from orgcheck.model import Entity
    from orgcheck.run import rule_split

    guard.freeze(org)
    before = guard.snapshot(org)

    def outcome(rule: Rule) -> Outcome:
        return _outcome(rule, org, config, document, show_traceback, measures, before)

    with guard.read_only((Org, Entity, Flow)):
        split = rule_split.start(rules, org, config, outcome)
        theirs = split.theirs if split is not None else frozenset()
        outcomes = {i: outcome(rule) for i, rule in enumerate(rules) if i not in theirs}
        if split is not None:
            outcomes.update(split.outcomes(rules, outcome))
    out: list[RawFinding] = []
    for i in range(len(rules)):
        found, rule_errors, rule_tracebacks = outcomes[i]
        out.extend(found)
        errors.extend(rule_errors)
        tracebacks.extend(rule_tracebacks)
    return out


def _outcome(rule: Rule, org: Org, config: Config, document: Document, show_traceback: bool, measures: Any,
             before: Any) -> Outcome:
    """One rule run, guarded: its findings, or the error that says why it has none."""
    name = _("rule {code} {name} (plugin {plugin}, {distribution})").format(
        code=rule.code, name=rule.name, plugin=rule.plugin, distribution=rule.distribution)
    if id(rule) in _STUCK:  # another stuck thread per file would slow every file after
        first = _STUCK.pop(id(rule))
        _STUCK[id(rule)] = None
        if first is None:
            return [], [], []
        return [], [_("{rule} is not run on {file} or the files after it: it did not stop "
                      "when asked on {first}").format(rule=name, file=document.path, first=first)], []
    try:
        with streams.plugin_code():
            found = guard.call_with_timeout(functools.partial(_run, rule, org, config, measures),
                                            config.rule_timeout)
    except guard.RuleTimeout as exc:
        if exc.stuck:
            _STUCK[id(rule)] = document.path
            _STUCK_RULES.append(rule)  # alive, so that its id stays its own
        guard.changed(org, before)
        return [], [_("{rule} crashed on {file}: stopped after {seconds} (--rule-timeout)").format(
            rule=name, file=document.path, seconds=seconds_text(config.rule_timeout))], []
    except RuleCrash as exc:
        cause = exc.__cause__
        shown: list[str] = []
        if show_traceback and cause is not None:
            import traceback

            shown = traceback.format_exception(type(cause), cause, cause.__traceback__)
        guard.changed(org, before)
        return [], [_("{rule} crashed on {file}: {problem}").format(
            rule=name, file=document.path, problem=exc)], shown
    touched = guard.changed(org, before)
    if touched:
        return [], [_("{rule} crashed on {file}: it changed the model it checks ({changed}); "
                      "rules must not").format(rule=name, file=document.path,
                                               changed=", ".join("org." + t for t in touched))], []
    return found, [], []


#: the model's own kinds of entity (not a plugin's subclass, which may say anything)
_MODEL_ENTITIES = frozenset({Person, Unit, Role, External, Process, Step, Flow, Metric, Interaction})

#: rules whose thread did not stop after their timeout (by id), for the rest of the run:
#: the file where it stuck, until the first file it is not run on says so (then None)
_STUCK: dict[int, str | None] = {}
_STUCK_RULES: list[Rule] = []


def seconds_text(limit: float | None) -> str:
    """``2 seconds``: the --rule-timeout, for a message."""
    return ngettext("{count} second", "{count} seconds", 1 if limit == 1 else 2).format(count=f"{limit:g}")


def _run(rule: Rule, org: Org, config: Config, measures: Any) -> list[RawFinding]:
    """Run one rule to the end; a crash or a wrong yield drops all its findings."""
    out = []
    options = options_for(rule, config)
    if rule.takes_measures:
        options[MEASURES] = measures
    try:
        returned = rule.func(org, **options)
        single = isinstance(returned, tuple) and len(returned) == 2 and isinstance(returned[1], str)
        if single or isinstance(returned, (str, bytes, dict, Finding)) or (
                returned is not None and not hasattr(returned, "__iter__")):
            raise RuleCrash(f"returned {_short(returned)}; a rule yields (entity, message) pairs or "
                            "orgcheck.Finding (or returns a list of them)")
        # Severity as configured, worked out once per rule: a rule may yield 60,000 findings.
        overridden = rule.code in config.severity or rule.name in config.severity
        fixed: Severity | None = None
        model_entities = _MODEL_ENTITIES
        for item in returned or ():
            if type(item) is tuple and len(item) == 2 and type(item[0]) in model_entities and type(item[1]) is str:
                # The common case, a model entity and a message: the model made the entity's
                # pointer and id, so they need no checking (3 µs less a finding: a rule may
                # yield 60,000). entity_id stays a property: a flow's is its process's.
                entity = item[0]
                fixed = fixed or severity_for(rule, None, config)
                out.append(RawFinding(rule, fixed, item[1], entity.pointer, entity.entity_id))
                continue
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):  # Finding(*item), unmade
                given, message, given_pointer, severity = item[0], item[1], None, None
            elif isinstance(item, Finding):
                given, message, given_pointer, severity = item.entity, item.message, item.pointer, item.severity
                if not isinstance(message, str):
                    raise RuleCrash(f"yielded a Finding whose message is {_short(message)}, not a string")
            else:
                raise RuleCrash(f"yielded {_short(item)}; a rule yields (entity, message) pairs or orgcheck.Finding")
            entity = given
            if isinstance(entity, str):
                entity = org.get(entity)
                if entity is None:
                    raise RuleCrash(f"yielded the entity id {given!r}, which no entity in the model has")
            elif entity is not None and not hasattr(entity, "pointer"):
                raise RuleCrash(f"yielded {_short(entity)} as the entity; yield a model entity (such as "
                                "org.people[0]), an entity id, or None for the whole document")
            pointer = given_pointer if given_pointer is not None else getattr(entity, "pointer", "")
            # pointer_problem's test, inline for the common case (a short "/..." string)
            if not (type(pointer) is str and (pointer[:1] == "/" or not pointer) and len(pointer) <= 10_000):
                problem = pointer_problem(pointer)
                if problem:
                    raise RuleCrash(f"yielded a Finding with {problem}")
            if severity is not None and not isinstance(severity, Severity):
                try:
                    Severity(severity)
                except (ValueError, TypeError):
                    raise RuleCrash(f"yielded a Finding whose severity is {_short(severity)}; "
                                    "use error, warning or info") from None
            entity_id = getattr(entity, "entity_id", None) if entity is not None else None
            if entity_id is not None and not isinstance(entity_id, str):
                raise RuleCrash(f"yielded an entity whose id is {_short(entity_id)}, not a string")
            if severity is None or overridden:
                judged = fixed = fixed or severity_for(rule, None, config)
            else:
                judged = severity_for(rule, Severity(severity), config)
            out.append(RawFinding(rule, judged, message if type(message) is str else str(message),
                                  pointer, entity_id))
    except RuleCrash:
        raise
    except BaseException as exc:  # sys.exit(), GeneratorExit, KeyboardInterrupt: the rule's crash, not the run's end
        guard.reraise_escaping(exc)
        raise RuleCrash(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from exc
    return out



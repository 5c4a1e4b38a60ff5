"""``lint(paths, config) -> Report``: read, validate, build, run rules, waive, sort.

The engine knows no rule by heart: it runs what the plugins registered. Its own
work (schema validation, waivers) is reported under codes whose metadata the
built-in ``core`` plugin registers, so every output treats them alike.
"""
from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from orgcheck.api.input_formats import CSV_MAPPING, table_problem
from orgcheck.api.manager import Plugins, load_plugins
from orgcheck.api.rules import MEASURES, Finding, Rule, Severity, type_problem
from orgcheck.api.selection import check_selectors, select
from orgcheck.config import Config, ConfigError, Overrides, options_for, resolve, take_notes
from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.io.document import Document, ReaderError, Source
from orgcheck.io.files import Target, discover
from orgcheck.io.pointers import pointer_problem
from orgcheck.io.safe_io import ReadError
from orgcheck.model import External, Flow, Interaction, Metric, Org, Person, Process, Role, Step, Unit
from orgcheck.report import Located, Report
from orgcheck.run import gcpause, guard, streams
from orgcheck.run.positions import drop_bad_places, entity_at, locate
from orgcheck.run.raw import RawFinding, severity_for
from orgcheck.run.waivers import VALIDATION, apply_waivers
from orgcheck.suggest import did_you_mean
from orgcheck.validate import schema
from orgcheck.wording import short as _short


class RuleCrash(OrgcheckError):
    """A rule raised, or yielded what is no finding: reported as that rule's error."""


def prepare(config: Config, plugins: Plugins) -> list[Rule]:
    """The rules to run under ``config``, with its settings checked against the loaded
    rules: raises ConfigError naming the file and key."""
    rules = plugins.rules
    where = config.source
    try:
        for key, selectors in (("select", config.select or []), ("ignore", config.ignore),
                               ("extend-select", config.extend_select)):
            given = config.cli_selectors.get(f"--{key}", [])  # the command line's mistake is blamed on it
            check_selectors(given, rules, f"--{key}")
            check_selectors([s for s in selectors if s not in given], rules, f"{where}: {key}" if where else f"--{key}")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    prefix = f"{where}: " if where else ""
    known = [*rules, *(r.name for r in rules.values())]
    for table, keys in (("severity", config.severity), ("rules", config.rule_options)):
        for key in keys:
            if plugins.find_rule(key) is None:
                raise ConfigError(f"{prefix}[{table}]: " + _("unknown rule {rule}").format(rule=repr(key))
                                  + did_you_mean(key, known))
    for name, table in config.reader_options.items():
        problem = None if name == CSV_MAPPING else table_problem(plugins.input_formats, name, table)
        if problem:
            raise ConfigError(f"{prefix}[readers.{name}]: {problem}")
    for key, options in config.rule_options.items():
        rule = plugins.find_rule(key)
        if rule is None:  # said above
            continue
        for option, value in options.items():
            if option not in rule.options:
                hint = did_you_mean(option, list(rule.options))
                if rule.options and not hint:
                    hint = _("; it has {options}").format(options=", ".join(rule.options))
                elif not rule.options:
                    hint += _("; it takes no options")
                raise ConfigError(f"{prefix}[rules.{key}]: " + _("{code} {name} has no option {option}").format(
                    code=rule.code, name=rule.name, option=repr(option)) + hint)
            problem = type_problem(value, rule.options[option])
            if problem:
                raise ConfigError(f"{prefix}[rules.{key}]: {option} {problem}")
    base = None
    if config.select is None:
        from orgcheck.api.presets import DEFAULT, PresetError, rules_of

        try:
            origin = config.preset_origin or "preset"
            base = rules_of(config.preset or [DEFAULT], plugins,
                            origin if origin.startswith("--") or origin == "preset" else f"{origin}: preset")
        except PresetError as exc:
            raise ConfigError(str(exc)) from None
    return select(rules, config.select, config.ignore, config.extend_select, base)


def read_source(target: Target) -> bytes:
    """The file's bytes; a FIFO or device that took a checked file's place is refused
    (safe_io.ReadError), never waited on."""
    from orgcheck.io.safe_io import read_bytes

    if target.folder:  # its reader reads the folder's files itself
        return b""
    return read_bytes(target.path)


@dataclass
class Plan:
    """What a lint run will do: the files, the settings each uses, the plugins."""

    targets: list[Target]
    configs: list[Config]
    plugins: Plugins
    errors: list[str]
    show_traceback: bool = False
    notes: list[str] = field(default_factory=list)
    #: measure each model's trust profile too (``lint --statistics``)
    profile: bool = False


def plan(paths: list[str], config: Config | Overrides | None = None, plugins: Plugins | None = None, *,
         show_traceback: bool = False) -> Plan:
    """Find the files and their settings, and load the plugins they need.

    With a :class:`Config`, every file uses it. With :class:`Overrides` (what the
    command line says) or None, each file uses the nearest config file, overridden.
    Raises ConfigError for a bad config file.
    """
    notes: list[str] = []
    given = plugins
    # A reader plugin may read a whole folder as one model: the plugins are loaded
    # before the walk (with the local plugins the given paths' configs name), and
    # loaded again only if the files found name other local plugins.
    overrides = Overrides() if isinstance(config, Config) else (config or Overrides())
    if isinstance(config, Config):
        first_local = list(config.plugins)
    else:
        try:
            first_local = list(dict.fromkeys(p for g in paths for p in resolve(
                given_folder(g, overrides.stdin_filename), overrides).plugins))
        except ConfigError:  # said below, for the files it concerns
            first_local = []
        first_local = first_local or list(overrides.plugins)
    trusted_only = isinstance(config, Overrides) and not config.local_plugins
    if plugins is None:
        plugins = load_plugins(first_local, show_traceback=show_traceback, trusted_only=trusted_only)
    targets, errors = discover(paths, config.stdin_filename if config else None, notes, plugins.claims_folder,
                               [p for f in plugins.input_formats.values() for p in f.patterns])
    if isinstance(config, Config):
        configs = [config] * len(targets)
    else:
        configs = [resolve(_config_folder(t, overrides.stdin_filename), overrides) for t in targets]
        local = list(dict.fromkeys(p for c in configs for p in c.plugins)) if targets else list(overrides.plugins)
        if given is None and set(local) != set(first_local):
            plugins = load_plugins(local, show_traceback=show_traceback, trusted_only=trusted_only)
    notes.extend(take_notes())
    return Plan(targets, configs, plugins, [*map(str, plugins.errors), *errors], show_traceback, notes)


@gcpause.paused
def run(plan: Plan) -> Report:
    """Lint what the plan names. Raises ConfigError for settings the loaded rules reject."""
    report = Report(errors=list(plan.errors), notes=[*plan.notes, *plan.plugins.warnings])
    plugins = plan.plugins
    prepared: dict[tuple, list[Rule]] = {}
    for cfg in plan.configs:
        if cfg.key() not in prepared:
            prepared[cfg.key()] = prepare(cfg, plugins)
    ran: set[str] = set()
    baseline_of = {t.display: c.baseline for t, c in zip(plan.targets, plan.configs, strict=True)}
    for target, cfg in zip(plan.targets, plan.configs, strict=True):
        gcpause.tidy()
        rules = prepared[cfg.key()]
        ran.update(r.code for r in rules)
        try:
            data = read_source(target)
        except ReadError as exc:
            report.errors.append(f"{target.display}: {exc.reason}")
            continue
        source = Source(target.path, data, cfg.input_format)
        try:
            document = plugins.load_source(source, cfg.reader_options, cfg.rule_timeout)
        except ReaderError as exc:
            report.errors.append(f"{target.display}: {exc}")
            continue
        del data, source  # the reader is done with the bytes: a big file's go before its model is built
        if document is None:
            report.errors.append(f"{target.display}: " + (
                _("no reader reads --input-format {format} (installed: {formats})").format(
                    format=repr(cfg.input_format), formats=", ".join(plugins.input_formats))
                if cfg.input_format else _("no reader for this file; name it *.org.json (or .yaml, .csv, "
                                           ".bpmn) or pass --input-format")))
            continue
        document.path = target.display
        report.files.append(target.display)
        report.notes.extend(f"{target.display}: {note}" for note in document.notes)
        # A reader may place findings in a file beside this one (a UK junior CSV): it
        # is judged with this file's settings.
        report.fail_on[target.display] = cfg.fail_on
        for other in document.files.values():
            report.fail_on.setdefault(other, cfg.fail_on)
            baseline_of.setdefault(other, cfg.baseline)
        check_document(document, rules, cfg, plugins, report, show_traceback=plan.show_traceback,
                       profile=plan.profile)
    report.rules_run = sorted(ran)
    _apply_baselines(report, baseline_of)
    report.findings.sort(key=Located.sort_key)
    return report


def _apply_baselines(report: Report, baseline_of: dict[str, str | None]) -> None:
    if not any(baseline_of.values()):
        return
    from orgcheck.run.baseline import BaselineError, read_baseline

    kept = [f for f in report.findings if not baseline_of.get(f.file)]
    for path in sorted({p for p in baseline_of.values() if p}):
        try:
            baseline = read_baseline(path)
        except BaselineError as exc:
            raise ConfigError(str(exc)) from None
        files = [f for f, p in baseline_of.items() if p == path]
        mine = [f for f in report.findings if baseline_of.get(f.file) == path]
        new, absorbed, stale = baseline.filter(sorted(mine, key=Located.sort_key), files)
        kept.extend(new)
        report.baselined += absorbed
        if stale:
            n = sum(count for _entry, count in stale)
            shown = [what + (_(" ({count} times)").format(count=count) if count > 1 else "")
                     for what, count in stale[:10]]
            named = "; ".join(shown) + (_("; and {count} more").format(count=len(stale) - 10)
                                        if len(stale) > 10 else "")
            report.notes.append(ngettext(
                "{count} stale baseline entry in {file} (no longer found: {entries}): rerun with "
                "--write-baseline to prune",
                "{count} stale baseline entries in {file} (no longer found: {entries}): rerun with "
                "--write-baseline to prune", n).format(count=n, file=os.path.relpath(path), entries=named))
    report.findings = kept


def lint(paths: list[str], config: Config | Overrides | None = None, plugins: Plugins | None = None, *,
         show_traceback: bool = False) -> Report:
    """Lint files and directories; never raises for a user's mistake in a model file.

    Raises ConfigError for bad settings (a config file's typo, an unknown rule in a
    selector)."""
    return run(plan(paths, config, plugins, show_traceback=show_traceback))


def _config_folder(target: Target, stdin_filename: str | None) -> str:
    """Where to look for a file's config: its folder (standard input: the working
    directory, or the folder of --stdin-filename; a folder read as one model: itself)."""
    if target.folder:
        return target.path
    path = (stdin_filename or "org.json") if target.path == "-" else target.path
    return os.path.dirname(path) or "."


def given_folder(path: str, stdin_filename: str | None) -> str:
    """Where to look for the config of a path as given on the command line."""
    if path != "-" and os.path.isdir(path):
        return path
    return _config_folder(Target(path, path), stdin_filename)


@dataclass
class Checked:
    """One document through the pipeline: its Org (None when it is not a valid model:
    OC001 findings or a parse error say why) and its report, findings sorted."""

    document: Document
    org: Org | None
    report: Report


def check(document: Document, rules: list[Rule], config: Config, plugins: Plugins, *,
          show_traceback: bool = False) -> Checked:
    """The pipeline for one document, as lint, the views and the test kit run it:
    validate, build the Org, run ``rules``, apply waivers, locate and sort."""
    report = Report(files=[document.path], fail_on={document.path: config.fail_on},
                    rules_run=sorted(r.code for r in rules))
    org = check_document(document, rules, config, plugins, report, show_traceback=show_traceback)
    report.findings.sort(key=Located.sort_key)
    return Checked(document, org, report)


def check_document(document: Document, rules: list[Rule], config: Config, plugins: Plugins,
                   report: Report, *, show_traceback: bool = False, profile: bool = False) -> Org | None:
    """Lint one document into ``report``; the Org it built (None: not a valid model).
    With ``profile``, its trust profile goes into ``report.profiles`` too."""
    def validation() -> Rule:  # OC001, registered by the core plugin; asked for only on a problem
        return plugins.rules[VALIDATION]

    raw: list[RawFinding] = []
    bad = drop_bad_places(document)
    if bad:
        report.errors.append(f"reader plugin {document.reader or '?'} crashed on {document.path}: {bad}")
        if document.parse_error is not None:
            return None
    if document.parse_error is not None:
        e = document.parse_error
        raw.append(RawFinding(validation(), Severity.ERROR, e.message, None, None, line=e.line, column=e.column,
                        file=e.file))
    else:
        for e in document.located_problems:
            raw.append(RawFinding(validation(), severity_for(validation(), None, config), e.message, None, None,
                            line=e.line, column=e.column, file=e.file))
        violations = schema.validate(document, plugins.schema_fragments)
        for v in violations:
            raw.append(RawFinding(validation(), severity_for(validation(), None, config), v.message, v.pointer,
                            entity_at(document.data, v.pointer), at_key=v.at_key))
    if raw:
        locate(document, raw, report)
        # The rules judge a valid model only: say how many were held back, so that a
        # schema error does not pass for the only thing wrong.
        held_back = sum(1 for r in rules if r.code != VALIDATION)
        if held_back:
            report.not_run[document.path] = held_back
        return None
    if document.expresses is None:  # a model written by `orgcheck import` says what its source could say
        from orgcheck.api.parts import declared, without_lines

        stated = declared(document.data) or without_lines(document.data)
        if stated is not None:
            document.expresses, document.source_name = stated
    org = Org(document.data, today=config.today)
    rules, skipped = assessable(rules, document)
    if skipped:
        report.not_assessed[document.path] = skipped
    ran = {r.code for r in rules}
    from orgcheck.api.measures import measures_of

    raw.extend(_run_all(rules, org, config, document, report, show_traceback, measures_of(org, plugins, config)))
    kept, waived = apply_waivers(org, raw, ran, plugins, config)
    report.waived += waived
    locate(document, kept, report)
    if profile:
        from orgcheck.api.profile import measure_profile, warnings_by_pillar

        warned = warnings_by_pillar((f.rule.pillar, f.severity) for f in kept)
        report.profiles[document.path] = measure_profile(org, document, plugins, config, skipped, warned)
    return org


def assessable(rules: list[Rule], document: Document) -> tuple[list[Rule], list[tuple[str, str]]]:
    """The rules whose needs the document's source can express, and (code, reason) for
    each of the others: not assessed ("BPMN has no role definitions")."""
    from orgcheck.api.parts import missing, reason

    if document.expresses is None:
        return rules, []
    kept, skipped = [], []
    for rule in rules:
        lacking = missing(rule.needs, document.expresses)
        if lacking:
            skipped.append((rule.code, reason(str(document.source_name), lacking)))
        else:
            kept.append(rule)
    return kept, skipped


def _run_all(rules: list[Rule], org: Org, config: Config, document: Document, report: Report,
             show_traceback: bool, measures: Any) -> list[RawFinding]:
    """Every rule, each on the read-only model, each within --rule-timeout; a rule that
    crashes, overruns or changes the model costs only its own findings."""
    from orgcheck.model import Entity

    guard.freeze(org)
    before = guard.snapshot(org)
    out: list[RawFinding] = []
    with guard.read_only((Org, Entity, Flow)):
        for rule in rules:
            name = _("rule {code} {name} (plugin {plugin}, {distribution})").format(
                code=rule.code, name=rule.name, plugin=rule.plugin, distribution=rule.distribution)
            if id(rule) in _STUCK:  # another stuck thread per file would slow every file after
                first = _STUCK.pop(id(rule))
                if first is not None:
                    report.errors.append(_("{rule} is not run on {file} or the files after it: it did not stop "
                                           "when asked on {first}").format(rule=name, file=document.path, first=first))
                _STUCK[id(rule)] = None
                continue
            try:
                with streams.plugin_code():
                    found = guard.call_with_timeout(functools.partial(_run, rule, org, config, measures),
                                                    config.rule_timeout)
            except guard.RuleTimeout as exc:
                report.errors.append(_("{rule} crashed on {file}: stopped after {seconds} (--rule-timeout)").format(
                    rule=name, file=document.path, seconds=seconds_text(config.rule_timeout)))
                if exc.stuck:
                    _STUCK[id(rule)] = document.path
                    _STUCK_RULES.append(rule)  # alive, so that its id stays its own
                guard.changed(org, before)
                continue
            except RuleCrash as exc:
                cause = exc.__cause__
                report.errors.append(_("{rule} crashed on {file}: {problem}").format(
                    rule=name, file=document.path, problem=exc))
                if show_traceback and cause is not None:
                    import traceback

                    traceback.print_exception(type(cause), cause, cause.__traceback__, file=sys.stderr)
                guard.changed(org, before)
                continue
            touched = guard.changed(org, before)
            if touched:
                report.errors.append(_("{rule} crashed on {file}: it changed the model it checks ({changed}); "
                                       "rules must not").format(rule=name, file=document.path,
                                                                changed=", ".join("org." + t for t in touched)))
                continue
            out.extend(found)
    return out


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



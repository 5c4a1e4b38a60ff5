"""``lint(paths, config) -> Report``: read, validate, build, run rules, waive, sort.

The engine knows no rule by heart: it runs what the plugins registered. Its own
work (schema validation, waivers) is reported under codes whose metadata the
built-in ``core`` plugin registers, so every output treats them alike.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from orgcheck.api.input_formats import CSV_MAPPING, table_problem
from orgcheck.api.manager import Plugins, load_plugins
from orgcheck.api.rules import Rule, Severity, type_problem
from orgcheck.api.selection import check_selectors, select
from orgcheck.config import Config, ConfigError, Overrides, resolve, take_notes
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.io.document import Document, ReaderError, Source
from orgcheck.io.files import Target, discover
from orgcheck.io.safe_io import ReadError
from orgcheck.model import Org
from orgcheck.report import Located, Report
from orgcheck.run import gcpause
from orgcheck.run.positions import drop_bad_places, entity_at, locate
from orgcheck.run.raw import RawFinding, severity_for
from orgcheck.run.rule_runner import run_rules
from orgcheck.run.waivers import VALIDATION, apply_waivers
from orgcheck.suggest import did_you_mean
from orgcheck.validate import schema


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
        source = Source(target.path, data, cfg.input_format, settle_later=True)
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
        exact = _settle(document)
        if exact is not None:
            return check_document(exact, rules, config, plugins, report, show_traceback=show_traceback,
                                  profile=profile)
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
    assessed, skipped = assessable(rules, document)
    ran = {r.code for r in assessed}
    from orgcheck.api.measures import measures_of

    # What the rules say goes into the report only once the document is settled: a
    # big file whose exact read (in the background meanwhile) finds a repeated key is
    # linted again from that read, and these findings are not its own.
    errors: list[str] = []
    tracebacks: list[str] = []  # a crashing rule's, shown once the findings are this file's
    raw.extend(run_rules(assessed, org, config, document, errors, show_traceback, measures_of(org, plugins, config),
                         tracebacks))
    exact = _settle(document)
    if exact is not None:
        del org, raw, errors, tracebacks  # the model of the first read goes before the second lint
        return check_document(exact, rules, config, plugins, report, show_traceback=show_traceback,
                              profile=profile)
    report.errors.extend(errors)
    if tracebacks:
        sys.stderr.write("".join(tracebacks))
    if skipped:
        report.not_assessed[document.path] = skipped
    kept, waived = apply_waivers(org, raw, ran, plugins, config)
    report.waived += waived
    locate(document, kept, report)
    if profile:
        from orgcheck.api.profile import measure_profile, warnings_by_pillar

        warned = warnings_by_pillar((f.rule.pillar, f.severity) for f in kept)
        report.profiles[document.path] = measure_profile(org, document, plugins, config, skipped, warned)
    return org


def _settle(document: Document) -> Document | None:
    """The Document to lint instead of ``document``, when its reader's check in the
    background found what its first read could not see; None: it stands."""
    pending, document.pending = document.pending, None
    exact = pending() if pending is not None else None
    if exact is not None:
        exact.path, exact.reader = document.path, document.reader
        document.data = document.locator = None  # the first read's memory goes before the second lint
    return exact


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

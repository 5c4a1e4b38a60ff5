"""The plugin contract: every hook orgcheck calls, with what it passes and expects.

A plugin is a module (or object) with functions decorated ``@orgcheck.hookimpl``
whose names are the hooks below. Built-in rules, readers and formatters are
plugins of exactly this kind, registered through the ``orgcheck`` entry-point
group.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from orgcheck.api.indicator import Indicator
    from orgcheck.api.measures import Measure
    from orgcheck.api.rules import Rule
    from orgcheck.io.document import Document, Source

PROJECT = "orgcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def orgcheck_rules() -> list[Rule]:
    """Return the rules this plugin provides.

    Each item is a :class:`orgcheck.Rule` made with the ``@orgcheck.rule``
    decorator. Codes and names must be unique across every loaded plugin; a clash
    is a load error that names both plugins. So is, naming the plugin and the rule,
    a rule without docs (its docstring), a code not matching ``[A-Z]+[0-9]+``, a
    name not in kebab-case, an option default a config file cannot express (TOML:
    a string, number, boolean, list or table; None means unset) or of another type
    than the function's parameter declares, and a parameter that is neither an
    option nor has a default. What a rule yields is checked when it runs: an
    ``(entity, message)`` pair or an :class:`orgcheck.Finding`, the entity a model
    entity, the id of one, or None for the whole document. On a JSON file of 4 MB or
    more, ``orgcheck lint`` may run the rules while the file's exact read is still
    under way; when that read then finds what holds the rules back (a key repeated in
    one object), their findings and errors are dropped, but not what a rule printed:
    a rule should only read the model and yield. A plugin's rules run one after
    another in the ``orgcheck`` process, in code order with the built-in ones (on a big
    model with only built-in rules, some families run in a forked child meanwhile; a
    run with a plugin's rule is never split).

    Example::

        @orgcheck.hookimpl
        def orgcheck_rules():
            return [contractor_manages_staff]
    """


@hookspec
def orgcheck_measures() -> list[Measure]:
    """Return the measures this plugin's rules judge, for the views to show.

    Each item is an :class:`orgcheck.Measure`: a name, a function called as
    ``func(org, *subjects, **options)``, and which rule's configured options each
    keyword parameter receives (a dict, or None when that rule is not loaded). The
    rules of the plugin call the same function, so what ``orgcheck stats``,
    ``diff``, ``history``, ``graph`` and the HTML report show is what lint judges.
    Names are unique across plugins (a clash is a load error naming both plugins).
    The built-in families provide, among others: ``span_status``, ``span_bound``,
    ``span_floor``, ``one_over_one``, ``layers``, ``trees``, ``manager_share``,
    ``vacant_manager`` (span), ``approval_status``, ``centralized`` (vertical),
    ``team_status``, ``team_bounds`` (teams), ``feedback_status``,
    ``customer_feedback_status``, ``doers``, ``metric_status``,
    ``fastest_to_doers``, ``cadence_status`` (feedback), ``holds_role``,
    ``role_has_purpose``, ``role_has_accountabilities``, ``role_has_standards``,
    ``role_filled`` (roles). A view asks for them through
    :class:`orgcheck.api.measures.Measures`; a rule that judges a figure another
    family bounds takes a ``measures`` parameter and receives them too, each with
    its rules' options as configured (OC507 reads OC101's ``span_bound`` so).

    Example::

        @orgcheck.hookimpl
        def orgcheck_measures():
            return [orgcheck.Measure("acme_contractor_share", contractor_share,
                                     options={"limits": "contractor-manages-staff"})]
    """


@hookspec
def orgcheck_indicators() -> list[Indicator]:
    """Return the trust-profile indicators this plugin provides.

    Each item is an :class:`orgcheck.Indicator`: an ``id`` (kebab-case, unique
    across plugins), its ``pillar`` (``self-steering``, ``professionalism`` or
    ``context``), a ``title`` saying what the numerator counts, a function called as
    ``func(org, measures)`` that returns ``(numerator, denominator)``: how many of the
    model's entities of one kind are as a trust-based design has them, of how many;
    and ``needs``, the parts of the model it counts (as a rule's ``needs``). Compute
    it from the measures the rules judge (``measures("span_status", person)``, see
    ``orgcheck_measures``), so that the profile and the findings agree. A function
    returns ``orgcheck.NotAssessed(reason)`` instead when no entity of the model sets
    the field it reads (an absent field is no zero). A denominator
    of 0, or a source that cannot express what it needs, makes it "not assessed",
    which neither lowers nor raises its pillar's score (the mean of the assessed
    indicators). ``orgcheck stats``, ``lint --statistics``, ``diff``, ``history`` and
    the HTML report show it; ``orgcheck.testing.profile_of(model)`` tests it. An id
    that is not kebab-case, a pillar that is none of the three, or an id another
    plugin has is a load error naming the plugin; an indicator that raises is not
    assessed, with the error as its reason.

    Example::

        @orgcheck.hookimpl
        def orgcheck_indicators():
            return [orgcheck.Indicator("acme-staff-not-contracted", "self-steering",
                                       "positions filled by employees, not contractors",
                                       employees, needs=("people",))]

        def employees(org, measures):
            filled = [p for p in org.people if not p.vacant]
            return sum(1 for p in filled if not p.raw.get("x-acme", {}).get("contractor")), len(filled)
    """


@hookspec
def orgcheck_formatters() -> dict[str, Callable[..., str]]:
    """Return output formats as ``{name: formatter}``.

    A formatter is called as ``formatter(report, rules, options)`` and returns the
    whole output as a string; ``report`` is an :class:`orgcheck.Report` (``files``;
    ``findings``, sorted, each with ``rule``, ``name``, ``severity``, ``message``,
    ``file``, ``line``, ``column``, ``pointer``, ``entity``; ``summary()``),
    ``rules`` maps each rule code that ran to its :class:`orgcheck.Rule`, and
    ``options`` is a dict (``color``, ``statistics``, ``quiet``). ``orgcheck lint
    --format NAME`` selects one. Names are lowercase (``[a-z][a-z0-9-]*``) and unique
    across plugins: a clash, a value that is not a function, or a function that
    cannot take three arguments is a load error naming the plugin. A formatter that
    raises, or returns something other than a string, costs only its own output:
    the error names the format and plugin (exit status 2).

    Example (one CSV line per finding)::

        @orgcheck.hookimpl
        def orgcheck_formatters():
            return {"csv": to_csv}

        def to_csv(report, rules, options):
            return "".join(f"{f.file},{f.line},{f.rule},{f.entity or ''}\\n" for f in report.findings)
    """


@hookspec(firstresult=True)
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    """Read ``source`` into a :class:`orgcheck.Document`, or return None.

    ``source.path`` is the path as given (``-`` for standard input),
    ``source.data`` its bytes and ``source.input_format`` the ``--input-format``
    or ``orgcheck import`` kind (None: guess from the file name). ``options`` holds
    reader settings: ``options["csv"]`` the CSV column mapping, and under its own
    name the table of each format a plugin declares (``orgcheck_input_formats``),
    its defaults filled in. The first plugin that returns a Document wins; a reader
    that does not recognise the source returns None. Mark a reader
    ``@orgcheck.hookimpl(tryfirst=True)`` to be asked before the built-in ones (the
    YAML reader takes every ``.yaml`` file). ``source.settle_later`` is True when the
    caller (``orgcheck lint``) settles the Document's ``pending`` only after the rules
    have run: a reader may then leave a slow check of a big file to a background
    process (orgcheck's JSON reader does, from 4 MB); a reader may ignore it.

    ``orgcheck.Document(path, data, *, locator=None, parse_error=None, files={},
    expresses=None, source_name="", notes=[], located_problems=[])``: ``data`` is the
    model (JSON-like: dicts, lists, strings, numbers); ``locator`` an object whose
    ``locate(pointers)`` maps each JSON Pointer into ``data`` it can place to
    ``((key line, key column), (value line, value column))``; ``files`` maps a
    pointer (an entity's, say ``/units/3``) to the file its place lies in, when that
    is not ``path``; ``expresses`` the parts of the model the source can say (a
    frozenset of ``orgcheck.api.parts.PARTS``; None: all) and ``source_name`` the
    source as a sentence names it ("a mots file"). ``locate`` is asked, in one
    call, for the pointers with findings and every ancestor of each (``/units/3``
    for ``/units/3/members/0``, then ``/units`` and ``""``); a pointer it leaves out
    takes the place of its nearest placed ancestor, and one with no placed ancestor
    lands at 1:1. A finding about an entity uses the position of its value (the
    entity's object, or what the reader maps it to), a finding about an unknown key
    the key's. ``orgcheck.SourceMap`` is such a locator for a reader that builds
    the model from files it read with positions (``orgcheck.load_yaml``).
    When the source cannot be read at all, return ``orgcheck.Document(path,
    parse_error=orgcheck.ParseProblem(message, line, column))``: that is an OC001
    finding, not a crash. (``orgcheck.ParseError``, its earlier name, still imports,
    with a DeprecationWarning: it was never an exception.)
    Raise ``orgcheck.ReaderError`` for a setting the reader cannot follow
    (one line, exit status 2). Any other exception, or a return value that is not a
    Document, is reported as that reader plugin's error, naming it.

    Example (``*.org.ini`` files of ``person = manager`` lines)::

        @orgcheck.hookimpl
        def orgcheck_load(source, options):
            if source.input_format != "ini" and not source.path.endswith(".org.ini"):
                return None
            people, places = [], {}
            for number, line in enumerate(source.data.decode("utf-8").splitlines(), 1):
                if "=" in line:
                    person, manager = (part.strip() for part in line.split("=", 1))
                    places[f"/people/{len(people)}"] = ((number, 1), (number, 1))
                    people.append({"id": person, "name": person, **({"reports_to": manager} if manager else {})})
            data = {"organization": {"id": "org", "name": source.path}, "people": people}
            return orgcheck.Document(source.path, data, locator=Places(places))

        class Places:
            def __init__(self, places):
                self.places = places

            def locate(self, pointers):
                return {p: self.places[p] for p in pointers if p in self.places}
    """


@hookspec
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    """Return the input formats this plugin's reader reads, as ``{name: {...}}``.

    Each entry may give ``patterns``: file-name patterns (``fnmatch``, matched
    against the name without its folder: ``"mots.yaml"``, ``"*.org.ini"``) that a
    folder walk (``orgcheck lint data/``) picks up besides ``*.org.json``; and
    ``options``: the defaults of the format's own config table, ``[readers.NAME]``
    in ``orgcheck.toml`` (``[tool.orgcheck.readers.NAME]`` in ``pyproject.toml``),
    each a value a config file can write, checked as a rule's options are (an
    unknown option or a value of another type is a config error, exit 2). The
    reader receives the table, defaults filled in, as ``options[NAME]``. The name
    is what ``--input-format NAME`` and ``orgcheck import NAME FILE`` pass as
    ``source.input_format``. Names are lowercase letters, digits and dashes, unique
    across plugins; a clash or a malformed entry is a load error naming the plugin.

    Example::

        @orgcheck.hookimpl
        def orgcheck_input_formats():
            return {"mots": {"patterns": ["mots.yaml"], "options": {"emeritus": False}}}
    """


@hookspec(firstresult=True)
def orgcheck_claim_folder(path: str) -> bool | None:
    """Return True if this plugin's reader reads the folder ``path`` as one model.

    Org models kept as code often span a folder (rust-lang/team: a TOML file per team
    and per person). When ``orgcheck lint``, ``stats`` or another command meets a
    folder, given or found while walking one, it asks this hook first: a folder a
    plugin claims becomes one model, is not walked for ``*.org.json`` files, and
    its configuration is looked for from the folder itself. The reader's
    ``orgcheck_load`` is then called with ``source.path`` the folder and
    ``source.data`` empty (``b""``): it reads the folder's files itself (with
    ``orgcheck.io.safe_io.read_bytes``) and names each entity's file in
    ``Document.files`` so that findings point at the file, line and column.
    Answer quickly (a check of the folder's layout, not a read of its files): the
    hook is asked for every folder a walk meets. Return None, not False, for a
    folder the plugin does not read; the first True wins. A plugin that raises is
    named in a note and its answer taken as None.

    Example::

        import os

        @orgcheck.hookimpl
        def orgcheck_claim_folder(path):
            return True if os.path.isfile(os.path.join(path, "mots.yaml")) else None
    """


@hookspec
def orgcheck_presets() -> dict[str, list[str]]:
    """Return named rule presets as ``{name: [selector, ...]}``.

    A selector is a rule code, name or code prefix (as in ``select``), or the name of
    another preset (``recommended``, ``acme:strict``), whose rules are included; an
    entry starting with ``!`` excludes the rules it names, whatever the order
    (``["recommended", "ACME", "!OC502"]``). Users
    name a plugin's preset ``PLUGIN:NAME``, PLUGIN being the plugin's name as
    ``orgcheck plugins`` lists it (a local plugin file's without ``.py``):
    ``preset = ["recommended", "acme:union"]``. Names are lowercase letters, digits,
    ``-`` and ``_``. A selector that matches no loaded rule or preset, presets that
    include each other, or a name another plugin's preset has is a load error
    naming the plugin and the preset.

    Example::

        @orgcheck.hookimpl
        def orgcheck_presets():
            return {"union": ["ACME1"], "strict": ["recommended", "ACME"],
                    "leads-only": ["recommended", "!team-too-small"]}
    """


@hookspec
def orgcheck_schema_fragments() -> dict[str, dict[str, Any]]:
    """Return ``{"x-<plugin>": JSON Schema}`` for the plugin's own entity data.

    The org model lets any entity carry keys starting with ``x-``. With a fragment
    registered, the value under that key, on the document, its organization or any
    entity (people, units, roles, externals, processes and their steps and flows,
    metrics, interactions), is validated against the fragment (JSON Schema 2020-12):
    each violation is an OC001 finding at its own line and column, worded as for
    built-in fields ("unknown key 'levl' in x-acme of person; did you mean
    'level'?"), and, as with any OC001, no rule runs on the document until it is
    fixed, so rules can trust the data. Rules read it from
    ``entity.raw.get("x-acme")``. A key that does not start with ``x-``, a
    schema that is not valid JSON Schema, or a key another plugin registered is a
    load error naming the plugin.

    Example::

        @orgcheck.hookimpl
        def orgcheck_schema_fragments():
            return {"x-acme": {
                "type": "object",
                "properties": {"agreement": {"enum": ["cao-zorg", "cao-ict"]}},
                "additionalProperties": False,
            }}
    """

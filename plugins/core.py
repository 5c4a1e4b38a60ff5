"""The engine's own checks: schema validation (OC001) and waivers (OC901–OC903).

The engine does this work itself; this plugin registers their metadata and docs so
that ``orgcheck rules``, ``explain`` and SARIF treat them like every other rule.
"""
from __future__ import annotations

import orgcheck
import orgcheck.i18n.runtime  # noqa: F401  (extract takes the rule docs of modules that use i18n)

# The engine finds these itself (engine.py, schema.py): the functions only carry the
# metadata and docs, and find nothing.


@orgcheck.rule("OC001", "schema-violation", severity="error")
def schema_violation(org):
    """The file is not valid JSON, or breaks the org model schema.

    What: one finding per problem, each at its own line and column: a parse error, an
    unknown key (with the nearest known key), a value of the wrong type, an enum value
    that does not exist (with the nearest one), a missing required key, a key repeated
    within one object, an unknown `schema_version`.

    Why: every other rule reads the model; a model the schema does not accept cannot
    be read reliably, so nothing else runs on it. A typo such as `report_to` would
    otherwise silently drop a reporting line. (Source: the format-1 contract,
    `orgcheck schema`.)

    Fix: correct the key or value at the position shown; keys of your own start
    with `x-`.

    Options: none. This rule cannot be switched off or waived.

    Example:
        {"id": "p2", "name": "Bo", "report_to": "p1"}
        -> unknown key 'report_to' in person; did you mean 'reports_to'?
    """
    return iter(())


@orgcheck.rule("OC901", "unused-waiver", severity="warning")
def unused_waiver(org):
    """A waiver silenced nothing.

    What: a waiver (on an entity or document-wide) for a rule that ran in this lint
    silenced no finding. A waiver for a rule that was not selected is not judged.

    Why: a waiver is a recorded design decision; one that no longer applies hides the
    next real finding of that rule on the entity. ESLint's
    `--report-unused-disable-directives` and ruff's RUF100 do the same.

    Fix: remove the waiver.

    Options: none.

    Example:
        {"id": "p1", "name": "Ann", "waivers": [{"rule": "span-too-wide", "reason": "interim"}]}
        where Ann has 4 direct reports -> waiver of OC101 span-too-wide on 'p1' silenced nothing
    """
    return iter(())


@orgcheck.rule("OC902", "expired-waiver", severity="warning")
def expired_waiver(org):
    """A waiver's expiry date has passed.

    What: a waiver whose `expires` date lies before today. It still holds on the date
    itself; after it, it silences nothing and is reported.

    Why: temporary exceptions become permanent when nobody looks at them again; an
    expiry date makes the design decision come back for review.

    Fix: fix the finding the waiver silenced, or renew the waiver with a new date and
    reason.

    Options: none.

    Example:
        {"rule": "OC101", "reason": "reorganization underway", "expires": "2024-06-30"}
        -> waiver of OC101 span-too-wide on 'p1' expired on 2024-06-30
    """
    return iter(())


@orgcheck.rule("OC903", "unknown-rule-in-waiver", severity="warning")
def unknown_rule_in_waiver(org):
    """A waiver names no known rule.

    What: the waiver's `rule` is neither the code nor the name of any loaded rule.

    Why: a misspelled waiver silences nothing, so the finding it was meant for still
    appears while the model suggests it was dealt with.

    Fix: use the code or name that `orgcheck rules` lists (the message suggests the
    nearest), or load the plugin that provides the rule.

    Options: none.

    Example:
        {"rule": "span-to-wide", "reason": "..."} -> names no known rule 'span-to-wide';
        did you mean 'span-too-wide'?
    """
    return iter(())


@orgcheck.hookimpl
def orgcheck_rules():
    return [schema_violation, unused_waiver, expired_waiver, unknown_rule_in_waiver]


@orgcheck.hookimpl
def orgcheck_presets():
    # `recommended` and `all` need no list: they follow the rules' own flags. orgcheck's
    # own presets take bare names; a third party's are `plugin:name`.
    return {
        # recommended, plus every rule orgcheck ships that is not recommended (opt-in)
        "strict": ["recommended", "OC"],
        # data quality only: for checking an HR export, not judging the design
        "integrity": ["OC0"],
    }

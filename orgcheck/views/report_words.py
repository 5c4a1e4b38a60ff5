"""The words of the HTML report that are not a figure: pillar titles and descriptions,
and the sentences its script writes into the page, in the report's language.

The script has no gettext: the page carries these sentences as JSON (both plural forms
where a count decides), and the script fills in the ``{placeholders}``.
"""
from __future__ import annotations

from typing import Any

from orgcheck.i18n.runtime import N_, _, ngettext

PILLAR_TITLES = {"self-steering": N_("Self-steering"), "professionalism": N_("Professionalism"),
                 "context": N_("Context"), None: N_("Integrity and waivers")}
PILLAR_TEXT = {
    "self-steering": N_("spans, layers, vertical control and teams: colleagues coordinate horizontally"),
    "professionalism": N_("roles and standards: people steered on their profession, not on output alone"),
    "context": N_("feedback and metrics: information about results reaches the people who do the work"),
    None: N_("the model itself: ids, references, cycles, waivers"),
}
#: a finding's severity as the report's badges and filter show it (the value itself stays in the data)
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


#: the kinds of entity, as a card in the report names them
ENTITY_KINDS = {"person": N_("person"), "unit": N_("unit"), "role": N_("role"), "external": N_("external party"),
                "process": N_("process"), "step": N_("step"), "metric": N_("metric"), "interaction": N_("interaction")}
#: a count for which a sentence has both forms: the first for 1, the second for the rest
#: (so in each of orgcheck's languages)
BOTH = (1, 2)


def script_words() -> dict[str, Any]:
    """What ``assets/report.js`` says, by key, in the active language."""
    return {
        "reporting_lines": _("Reporting lines"),
        "org_failed": _("The org chart could not be drawn: {error}"),
        "too_many": _("Opening {name} would draw {count} boxes, more than {max} can be drawn at once: close other "
                      "subtrees first, or search for the person you want."),
        "reports": [ngettext("{count} direct report", "{count} direct reports", n) for n in BOTH],
        "close_below": _("Close the people below"),
        "open_below": _("Open the people below"),
        "findings": _("findings"),
        "kinds": {"person": _("person"), "unit": _("unit"), "role": _("role")},
        "no_match": _("No person, unit or role matches"),
        "more": _("{count} more: type more of the name"),
        "matches": [ngettext("{count} match", "{count} matches", n) for n in BOTH],
        "showing": _("Showing {shown} of {all} findings"),
        "diagram_failed": _("This diagram could not be drawn: {error}"),
    }

"""The grade x span table of ``orgcheck stats`` and the report: are the managers of
each grade given spans of their weight, and are grades in order along the lines?

The figures come from ``breakdown.grade_spans`` (the span family's ``span_status`` and
the grade family's ``grade_rank`` and ``grade_lines``): this module only lays them out.
"""
from __future__ import annotations

from typing import Any

from orgcheck.formatters.escape import html_text as escape
from orgcheck.i18n.runtime import _
from orgcheck.views.tables import fmt, table
from orgcheck.wording import percent as _pct


def _headers() -> list[str]:
    return [_("grade"), _("positions"), _("managers"), _("avg span"), _("narrowest"), _("widest"), _("narrow"),
            _("wide")]


def _cells(r: dict[str, Any]) -> list[Any]:
    none = _("no grade")
    if not r["managers"]:
        return [none if r["grade"] is None else r["grade"], r["positions"], 0, "-", "-", "-", "-", "-"]
    return [none if r["grade"] is None else r["grade"], r["positions"], r["managers"], r["average_span"],
            r["min_span"], r["max_span"], f"{r['narrow']} ({_pct(r['narrow_share'])})",
            f"{r['wide']} ({_pct(r['wide_share'])})"]


def lines_sentence(lines: dict[str, int] | None) -> str | None:
    """'Grades along the reporting lines (120 compared): report graded above the manager 2 ...'."""
    if not lines:
        return None
    compared = lines["inverted"] + lines["same"] + lines["in_order"]
    return _("Grades along the reporting lines ({compared} compared): report graded above the manager "
             "{inverted} (OC107), same grade {same} (OC108), in order {in_order}; not compared {not_compared} "
             "(a grade missing or on no known order)").format(
        compared=compared, inverted=lines["inverted"], same=lines["same"], in_order=lines["in_order"],
        not_compared=lines["not_compared"])


def text_lines(grades: dict[str, Any] | None) -> list[str]:
    """The table for the stats text: nothing when no position records a grade."""
    if not grades or not grades["rows"]:
        return []
    out = [_("Spans by grade (most senior first; narrow and wide as the span rules judge them):")]
    out += table(_headers(), [_cells(r) for r in grades["rows"]])
    sentence = lines_sentence(grades["lines"])
    if sentence:
        out.append("  " + sentence)
    return out


def html(grades: dict[str, Any] | None) -> str:
    """The table for the report: nothing when no position records a grade."""
    if not grades or not grades["rows"]:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in _headers())
    body = "".join("<tr>" + "".join(
        f'<td class="n">{escape(fmt(c))}</td>' if i else f"<td>{escape(fmt(c))}</td>" for i, c in enumerate(_cells(r)))
        + "</tr>" for r in grades["rows"])
    title = escape(_("Spans by grade (most senior first; narrow and wide as the span rules judge them)"))
    sentence = lines_sentence(grades["lines"])
    note = f"<p>{escape(sentence)}.</p>" if sentence else ""
    return (f'<h3 id="grade-spans">{title}</h3><table class="grade-spans"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{note}")

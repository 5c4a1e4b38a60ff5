"""How the views print figures: aligned text tables, numbers, bounds, money and CSV.

Shared by ``stats``, ``stats --by``, ``history`` and the HTML report, so that a figure
reads the same wherever it is shown.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from orgcheck.formatters.escape import csv_cell, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.wording import grouped, number, words
from orgcheck.wording import percent as _pct

#: unit tables indent a unit by its depth, up to this many levels (a 20,000-deep chain
#: of units would otherwise print lines of 40,000 spaces)
MAX_INDENT = 8


def fmt(value: Any) -> str:
    """A figure as a table shows it: None as '-', 2.50 as '2.5' ('2,5' in Dutch), 3.0 as '3'."""
    return number(value)


def table(headers: list[str], rows: list[list[Any]], indent: str = "  ") -> list[str]:
    """Aligned lines: numeric columns to the right, the others to the left."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(x) for x in col) for col in zip(headers, *cells, strict=False)]
    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=False)]
        return (indent + "  ".join(parts)).rstrip()

    return [line(headers), *(line(r) for r in cells)]


def _is_number(text: str) -> bool:
    return text == "-" or text.replace(".", "").replace(",", "").replace("%", "").isdigit()


def bound(row: dict) -> str:
    """A row's ``min`` and ``max`` as '3-10', '<= 10', '>= 3' or '-'."""
    low, high = row["min"], row["max"]
    if low is None and high is None:
        return "-"
    if low is None:
        return f"<= {high}"
    if high is None:
        return f">= {low}"
    return f"{low}-{high}"


def layer_range(figures: dict[str, Any]) -> str:
    """A group's layers as '2-4', '3' (one layer) or '-' (none)."""
    if not figures["layers"]:
        return "-"
    if figures["layers_from"] == figures["layers_to"]:
        return str(figures["layers_from"])
    return f"{figures['layers_from']}-{figures['layers_to']}"


def span_verdicts(status: dict[str, int]) -> str:
    """'2 narrow, 1 wide' (only the verdicts some manager has), or '-'."""
    return words(status)


def money(value: float | None) -> str:
    """1234567.5 -> '1,234,568' (whole units of the currency); None -> '-'."""
    return "-" if value is None else grouped(value)


def cost_line(cost: dict[str, Any], currency: str | None) -> str:
    """'Cost: 2,450,000 GBP a year in pay (known for 40 of 53 positions); managers 600,000 (24%), the rest ...'."""
    unit = f" {currency}" if currency else ""
    if cost["cost_known"] >= cost["positions"]:
        known = ngettext("known for the {n} position", "known for all {n} positions", cost["positions"]).format(
            n=cost["positions"])
    else:
        known = ngettext("known for {known} of {n} position", "known for {known} of {n} positions",
                         cost["positions"]).format(known=cost["cost_known"], n=cost["positions"])
    text = _("Cost: {cost}{currency} a year in pay ({known}); managers {managers}{currency} ({share}), "
             "the rest {others}{currency}").format(
        cost=money(cost["cost"]), currency=unit, known=known, managers=money(cost["managers_cost"]),
        share=_pct(cost["managers_cost_share"]), others=money(cost["others_cost"]))
    if cost["managers_cost_known"] < cost["manager_positions"]:
        text += _(" (managers' cost known for {known} of {n})").format(
            known=cost["managers_cost_known"], n=cost["manager_positions"])
    return text


def write_csv(header: list[str], rows: list[list[Any]]) -> str:
    """CSV text for the views (stats, history): one writer, None as an empty cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(printable(x)) if isinstance(x, str) else x
                         for x in ("" if value is None else value for value in row)])
    return buf.getvalue()

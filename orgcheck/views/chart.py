"""The history chart of the HTML report: pillar figures and headcount per commit, as
inline SVG (drawn here, so the report needs no script and fetches nothing for it).

Commits are evenly spaced, oldest on the left: the eye follows the changes, and a
burst of commits in one week does not squeeze into a line. Pillar figures (0-100)
use the left axis, headcount the right one; an invalid version is a red cross.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape
from typing import Any

from orgcheck.api.rules import PILLARS

PILLAR_COLORS = {"self-steering": "#2e7d32", "professionalism": "#6a1b9a", "context": "#1565c0"}
HEADCOUNT_COLOR = "#616161"
WIDTH, HEIGHT = 900, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 64, 16, 52


def _pillar_score(pillar: str, row: dict[str, Any]) -> Any:
    return row["pillars"].get(pillar)


def _nice_max(value: int) -> int:
    """A round top for the headcount axis: 10, 20, 50, 100, 200, 500 ..."""
    top = 10
    while True:
        for step in (1, 2, 5):
            if top * step >= value:
                return top * step
        top *= 10


def history_svg(result: dict[str, Any]) -> str:
    rows = result["commits"]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(rows)

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(fraction: float) -> float:
        return TOP + plot_h * (1 - fraction)

    top_count = _nice_max(max((r["positions"] for r in rows if r["valid"]), default=10))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="history-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="Pillar figures and headcount per commit">']
    for tick in range(0, 101, 25):  # grid and both axes' labels
        ty = y(tick / 100)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e0e0e0"/>'
                   f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="11">{tick}%</text>'
                   f'<text x="{WIDTH - RIGHT + 6}" y="{ty + 4:.1f}" font-size="11" fill="{HEADCOUNT_COLOR}">'
                   f'{top_count * tick // 100}</text>')
    series: list[tuple[str, str, Callable[[dict[str, Any]], Any], int]] = [
        (p, PILLAR_COLORS[p], functools.partial(_pillar_score, p), 100) for p in PILLARS]
    series.append(("positions", HEADCOUNT_COLOR, lambda r: r["positions"], top_count))
    for name, color, value, scale in series:
        points: list[list[tuple[float, float, dict[str, Any], Any]]] = []
        segment: list[tuple[float, float, dict[str, Any], Any]] = []
        for i, r in enumerate(rows):
            v = value(r) if r["valid"] else None
            if v is None:  # a gap: an invalid version breaks the line
                if len(segment) > 1:
                    points.append(segment)
                segment = []
                continue
            segment.append((x(i), y(v / scale), r, v))
        if len(segment) > 1:
            points.append(segment)
        dash = ' stroke-dasharray="6 4"' if name == "positions" else ""
        for seg in points:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in seg)
            out.append(f'<polyline class="series-{escape(name)}" fill="none" stroke="{color}" stroke-width="2"'
                       f'{dash} points="{path}"/>')
        for i, r in enumerate(rows):
            v = value(r) if r["valid"] else None
            if v is not None:
                unit = "%" if name != "positions" else " positions"
                out.append(f'<circle cx="{x(i):.1f}" cy="{y(v / scale):.1f}" r="3.5" fill="{color}">'
                           f'<title>{escape(r["date"][:10])} {escape(r["short"])}: {escape(name)} {v}{unit}'
                           f'</title></circle>')
    for i, r in enumerate(rows):
        if not r["valid"]:
            cx, cy = x(i), y(0) - 8
            out.append(f'<path class="invalid" d="M{cx - 5:.1f},{cy - 5:.1f}L{cx + 5:.1f},{cy + 5:.1f}'
                       f'M{cx - 5:.1f},{cy + 5:.1f}L{cx + 5:.1f},{cy - 5:.1f}" stroke="#c62828" stroke-width="2.5">'
                       f'<title>{escape(r["date"][:10])} {escape(r["short"])}: {escape(r["error"])}</title></path>')
    # dates under the first, the last and a few commits between
    step = max(1, (n - 1) // 6) if n > 1 else 1
    for i in sorted({*range(0, n, step), n - 1}):
        out.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">'
                   f'{escape(rows[i]["date"][:10])}</text>')
    legend_x = LEFT
    for name, color, _, _ in series:
        label = "positions (right axis)" if name == "positions" else name
        out.append(f'<rect x="{legend_x}" y="{HEIGHT - 18}" width="14" height="4" fill="{color}"/>'
                   f'<text x="{legend_x + 18}" y="{HEIGHT - 12}" font-size="12">{escape(label)}</text>')
        legend_x += 30 + 8 * len(label)
    out.append("</svg>")
    return "".join(out)

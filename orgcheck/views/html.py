"""``orgcheck report``: one self-contained HTML file for a management team.

The file holds everything it shows: the trust profile, the stats, the findings by
pillar linked to their entities, the org chart, the unit tree and each process. The
diagrams are the DOT that ``orgcheck graph --format dot`` prints, drawn in the browser
by Viz.js (Graphviz compiled to WebAssembly, inlined with its license). A
Content-Security-Policy forbids every network request, so the report opens offline
and can never phone home. Large models stay fast: the unit tree is cut at the depth
``orgcheck graph`` picks (about 300 boxes), and the org chart opens that deep, its
subtrees opened and closed by the page's script (``assets/report.js``, data from
``explore``), which also searches, highlights and filters.
"""
from __future__ import annotations

from importlib import resources
from typing import Any

from orgcheck import __version__
from orgcheck.api.rules import PILLARS
from orgcheck.formatters.escape import html_text as escape
from orgcheck.formatters.escape import script_json
from orgcheck.i18n.runtime import N_, _, get_language, ngettext
from orgcheck.report import Located
from orgcheck.views import explore, grade_table, html_network, tables
from orgcheck.views import graph as g
from orgcheck.views import stats as st
from orgcheck.views.load import Loaded
from orgcheck.views.report_words import ENTITY_KINDS, PILLAR_TEXT, PILLAR_TITLES, SEVERITY_WORDS, script_words
from orgcheck.wording import percent as _pct
from orgcheck.wording import word, words

CSP = ("default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; "
       "img-src data:; font-src 'none'; connect-src 'none'")

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;\
background:#fafafa}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:24px}h1{margin:0 0 4px;font-size:26px}\
h2{margin-top:36px;border-bottom:2px solid #ddd;padding-bottom:4px}
nav a{margin-right:14px}.muted{color:#666}table{border-collapse:collapse;margin:8px 0 16px;background:#fff}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f0f0f0}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:10px;background:#90a4ae;vertical-align:middle;margin-right:6px}
.pillars{display:flex;gap:16px;flex-wrap:wrap}\
.pillar{flex:1 1 300px;background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px}
.pillar h3{margin:0 0 6px}.meter{height:12px;background:#ffcdd2;border-radius:6px;overflow:hidden;margin:6px 0}
.meter span{display:block;height:100%;background:#66bb6a}
.score-row{display:flex;align-items:center;gap:8px}.score-row .meter{flex:1}
.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;margin-right:4px}
.sev.error{background:#c62828}.sev.warning{background:#ef6c00}.sev.info{background:#1565c0}
.status-wide,.status-large,.status-deep,.status-high,.status-heavy,.status-slow{color:#c62828;font-weight:600}
.status-invalid{color:#c62828}\
.history-chart{max-width:100%;height:auto;background:#fff;border:1px solid #ddd;border-radius:6px}
.status-narrow,.status-small{color:#ef6c00;font-weight:600}
ul.findings{list-style:none;padding:0}\
ul.findings li{background:#fff;border:1px solid #e3e3e3;border-radius:4px;margin:4px 0;padding:6px 10px}
.where{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#555}
.diagram{background:#fff;border:1px solid #ddd;border-radius:6px;overflow:auto;padding:8px;margin:8px 0 20px}
.diagram svg{max-width:100%;height:auto}.diagram.actual svg{max-width:none}.entity:target{outline:3px solid #ffb300}
details{margin:6px 0}summary{cursor:pointer}
.search{position:sticky;top:0;z-index:5;background:#fafafa;padding:8px 0}\
.search input{width:100%;max-width:520px;font:inherit;padding:6px 10px;border:1px solid #bbb;border-radius:4px}
#search-results{position:absolute;z-index:6;list-style:none;margin:2px 0 0;padding:0;width:100%;max-width:640px;\
background:#fff;border:1px solid #bbb;border-radius:4px;box-shadow:0 4px 12px rgba(0,0,0,.15);max-height:60vh;\
overflow:auto}
#search-results li{padding:5px 10px;cursor:pointer;border-bottom:1px solid #eee}\
#search-results li:hover,#search-results li:focus{background:#fff8e1}#search-results li.count{cursor:default}
.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:8px 0}.filters span{font-weight:600}\
.filters #finding-count{font-weight:400}
ul.findings li[data-target]{cursor:pointer}ul.findings li.chosen{border-color:#ffb300;box-shadow:0 0 0 2px #ffb300}
.selection{min-height:1.5em;margin:4px 0}.selection button{margin-left:6px}
#diagram-org g.node{cursor:pointer}
.diagram g.hl path,.diagram g.hl polygon,.diagram g.hl ellipse{stroke:#ffb300;stroke-width:7px}
"""

def _asset(name: str) -> str:
    return resources.files("orgcheck.views").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot close the <script> element it sits in."""
    return text.replace("</", "<\\/")


def _sev(value: str) -> str:
    return f'<span class="sev {value}">{escape(_(SEVERITY_WORDS.get(value, value)))}</span>'


def _status(value: Any, suffix: str = "") -> str:
    """A verdict, in the user's words, styled by its value ('wide' is red)."""
    key = escape(str(value if value is not None else "-")).replace(" ", "-")
    return f'<span class="status-{key}">{escape(suffix + word(value))}</span>'


def _num(value: Any) -> str:
    return f'<td class="n">{escape(tables.fmt(value))}</td>'



def _h3(title: str) -> str:
    return f"<h3>{escape(title)}</h3>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bars(indicators: list[dict]) -> str:
    """The indicators of one pillar as an inline SVG bar chart: one bar a share."""
    # the bars start after the longest label (Dutch ones run to 90 characters), at about
    # 6.3 px a character of the 12 px font
    row, bar_w = 22, 200
    label_w = max(330, 20 + round(6.3 * max((len(r["title"]) for r in indicators), default=0)))
    parts = []
    for i, r in enumerate(indicators):
        y = i * row
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{escape(r["title"])}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="12" fill="#eceff1"/>')
        if r["value"] is None:
            unassessed = _("not assessed")
            parts.append(f'<text x="{label_w + 4}" y="{y + 15}" font-size="11" fill="#666">'
                         f'{escape(unassessed)}</text>')
        else:
            parts.append(f'<rect class="indicator-bar" data-indicator="{escape(r["id"])}" x="{label_w}" '
                         f'y="{y + 4}" width="{bar_w * r["value"]:.1f}" height="12" fill="#66bb6a"/>'
                         f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12">'
                         f'{_pct(r["value"])} ({r["numerator"]}/{r["denominator"]})</text>')
    height = max(len(indicators), 1) * row
    return (f'<svg class="profile-chart" role="img" viewBox="0 0 {label_w + bar_w + 90} {height}" '
            f'width="{label_w + bar_w + 90}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'{"".join(parts)}</svg>')


def _profile(stats: dict) -> str:
    from orgcheck.api.profile import coverage_text, score_text

    cards = []
    for pillar, p in stats["profile"].items():
        why = _("not assessed: {reason}")
        reasons = "".join(f'<li>{escape(r["title"])}: {escape(why.format(reason=r["reason"]))}</li>'
                          for r in p["indicators"] if r["status"] != "assessed")
        cards.append(
            f'<div class="pillar" id="pillar-{pillar}"><h3>{escape(_(PILLAR_TITLES[pillar]))}: '
            f'<span class="score">{escape(score_text(p["score"]))}</span></h3>'
            # the score's bar, and beside it how many indicators it saw
            f'<div class="score-row"><div class="meter"><span style="width:{p["score"] or 0}%"></span></div>'
            f'<span class="coverage muted">{escape(coverage_text(p["assessed"], p["total"]))}</span></div>'
            f'<div class="muted">{escape(_(PILLAR_TEXT[pillar]))}</div>{_bars(p["indicators"])}'
            + (f'<ul class="muted">{reasons}</ul>' if reasons else "") + "</div>")
    skipped = stats.get("not_assessed") or []
    extra = ""
    if skipped:
        items = "".join(f'<li><code>{escape(r["rule"])}</code> {escape(r["name"])}: {escape(r["reason"])}</li>'
                        for r in skipped)
        title = _("Rules not assessed")
        extra = (f'<details id="not-assessed"><summary>{escape(title)} ({len(skipped)})'
                 f'</summary><ul>{items}</ul></details>')
    return f'<div class="pillars">{"".join(cards)}</div>{extra}'


def _stats(stats: dict, known: set[str]) -> str:
    p = stats["people"]
    people = (_("{positions} ({filled} filled, {vacant} vacant), {fte} FTE; {managers}: {share} of positions")
              if p["fte_recorded"] else  # no FTE the source never recorded (its headcount)
              _("{positions} ({filled} filled, {vacant} vacant); {managers}: {share} of positions")).format(
        positions=ngettext("{count} position", "{count} positions", p["positions"]).format(count=p["positions"]),
        filled=p["filled"], vacant=p["vacant"], fte=tables.fmt(p["fte"]), share=_pct(p["share"]),
        managers=ngettext("{count} manager", "{count} managers", p["managers"]).format(count=p["managers"]))
    out = [f"<p>{escape(people)} {_status(p['status'])}"
           + (escape(_(" (at most {share})").format(share=_pct(p["max_share"]))) if p["max_share"] is not None
              else "") + "</p>"]
    with_cost = bool(stats["cost"]["cost_known"])
    if with_cost:
        out.append(f"<p>{escape(tables.cost_line(stats['cost'], stats['currency']))}</p>")
    most = max((r["people"] for r in stats["layers"]), default=1) or 1
    out.append(_h3(_("Layers")) + _table(
        [_("layer"), _("people"), _("vacant"), _("FTE"), _("managers"), _("average span"),
         *([_("cost"), _("cost known")] if with_cost else [])],
        [[_num(r["layer"]), f'<td><span class="bar" style="width:{200 * r["people"] / most:.0f}px"></span>'
          f'{r["people"]}</td>', _num(r["vacant"]), _num(r["fte"]), _num(r["managers"]), _num(r["average_span"]),
          *([f'<td class="n">{escape(tables.money(r["cost"]))}</td>', _num(r["cost_known"])] if with_cost else [])]
         for r in stats["layers"]]))
    if stats["units"]:
        out.append(_units(stats, known, with_cost))
    if stats["trees"]:
        out.append(_table([_("reporting tree of"), _("positions"), _("layers"), _("layers needed (+ slack)"),
                           _("status")],
                          [[escape(t["name"]), _num(t["positions"]), _num(t["layers"]), _num(t["max_layers"]),
                            _status(t["status"])] for t in stats["trees"]]))
    dist = stats["spans"]["distribution"]
    top = max(dist.values(), default=1) or 1
    spans = _("Average span {average}; {verdicts}").format(average=tables.fmt(stats["spans"]["average"]),
                                                          verdicts=words(stats["spans"]["status"]))
    out.append(_h3(_("Spans")) + f"<p>{escape(spans)}</p>")
    out.append(_table([_("direct reports"), _("managers")],
                      [[escape(b), f'<td><span class="bar" style="width:{200 * n / top:.0f}px"></span>{n}</td>']
                       for b, n in dist.items() if n]))
    rows = sorted(stats["managers"], key=lambda r: (r["status"] == "within", -r["span"]))
    summary = _("Managers and their spans ({count}; outside their bounds first)").format(count=len(rows))
    out.append(f"<details {'open' if len(rows) <= 60 else ''}><summary>{escape(summary)}</summary>" + _table(
                   [_("manager"), _("manager type"), _("layer"), _("span"), _("bound"), _("status")],
                   [[_link(r["id"], r["name"], known), escape(r["manager_type"] or "-"),
                     _num(r["layer"]), _num(r["span"]), escape(tables.bound(r)), _status(r["status"])] for r in rows])
               + "</details>")
    out.append(grade_table.html(stats["grade_spans"]))
    if stats["one_over_ones"]:
        out.append("<p>" + escape(_("One-over-ones: {pairs}").format(pairs=", ".join(
            f"{r['name']} → {r['report_name']}" for r in stats["one_over_ones"]))) + "</p>")
    if stats["teams"]:
        out.append(_h3(_("Teams by size")) + _table(
            [_("team"), _("type"), _("members"), _("bound"), _("status")],
            [[_link(t["id"], t["name"], known), escape(t["type"]), _num(t["members"]), escape(tables.bound(t)),
              _status(t["status"])]
             for t in stats["teams"]]))
    if stats["processes"]:
        out.append(_h3(_("Processes")) + _table(
            [_("process"), _("steps"), _("approvals per work step"), _("feedback"), _("customer feedback"),
             _("fastest metric to the doers")],
            [[_link(r["id"], r["name"], known), escape(words(r["steps"])),
              _num(r["approvals_per_work"]) if r["approval_status"] != "heavy" else
              f'<td class="n">{_status("heavy", tables.fmt(r["approvals_per_work"]) + " ")}</td>',
              _status(r["feedback"]), _status(r["customer_feedback"]),
              escape(word(r["fastest_metric_to_doers"]))] for r in stats["processes"]]))
        out.append("<p>" + escape(". ".join(line[:1].upper() + line[1:] for line in st.process_lines(stats)))
                   + ".</p>")
    out += (f"<p>{escape(line)}.</p>" for line in st.summary_lines(stats))
    return "\n".join(out)


#: the report's unit table stops here (the file stays small enough to open at once)
MAX_UNIT_ROWS = 2000


def _units(stats: dict, known: set[str], with_cost: bool) -> str:
    """The per-unit table of ``stats --by unit``: each unit with the units below it."""
    rows = []
    units = stats["units"]
    for r in units[:MAX_UNIT_ROWS]:
        f = r["subtree"]
        name = (_link(r["id"], r["name"], known) if r["id"] is not None else escape(r["name"]))
        indent = 6 + 16 * min(r["depth"], tables.MAX_INDENT)
        rows.append([f'<td style="padding-left:{indent}px">{name}</td>', _num(f["positions"]),
                     _num(r["own"]["positions"]), _num(f["vacant"]), _num(f["fte"]), _num(f["managers"]),
                     f'<td class="n">{_pct(f["manager_share"])}</td>', _num(f["average_span"]),
                     _num(f["widest_span"]), f'<td class="n">{escape(tables.layer_range(f))}</td>',
                     *([f'<td class="n">{escape(tables.money(f["cost"]))}</td>'] if with_cost else []),
                     escape(tables.span_verdicts(f["span_status"])),
                     *_unit_scores(r.get("profile"))])
    more = ("<p>" + escape(_("... and {n} more (orgcheck stats --by unit lists them all)").format(
        n=len(units) - MAX_UNIT_ROWS)) + "</p>" if len(units) > MAX_UNIT_ROWS else "")
    summary = _("Units ({count}; each with the units below it; 'in unit' counts its own members)").format(
        count=len(units))
    return (f"<details {'open' if len(rows) <= 60 else ''}><summary>{escape(summary)}</summary>" + _table(
                [_("unit"), _("positions"), _("in unit"), _("vacant"), _("FTE"), _("managers"), _("manager share"),
                 _("average span"), _("widest span"), _("layers"), *([_("cost")] if with_cost else []), _("spans"),
                 *(_("{pillar} (own · with the units below)").format(pillar=word(p)) for p in PILLARS)], rows)
            + more + "</details>")


def _unit_scores(profile: dict | None) -> list[str]:
    """A unit's pillar scores, its own and its subtree's, each with its coverage."""
    from orgcheck.api.profile import unit_score

    if not profile:
        return ['<td class="n">-</td>'] * len(PILLARS)
    return [f'<td class="n unit-score" data-pillar="{p}">{escape(unit_score(profile["own"][p]))} · '
            f'{escape(unit_score(profile["subtree"][p]))}</td>' for p in PILLARS]


def _link(entity_id: str, text: str, known: set[str]) -> str:
    """The entity's name, linked to its findings when it has any."""
    if entity_id in known:
        return f'<a href="#{g.anchor(entity_id)}">{escape(text)}</a>'
    return escape(text)


def _finding(f: Located, known: set[str]) -> str:
    where = f"{f.file}:{f.line}:{f.column}" if f.line is not None else f.file
    link = (f' · <a href="#{g.anchor(f.entity)}">{escape(f.entity)}</a>' if f.entity in known else
            (f" · {escape(f.entity)}" if f.entity else ""))
    target = f' data-target="{escape(g.anchor(f.entity))}"' if f.entity else ""
    return (f'<li data-severity="{f.severity.value}"{target}>{_sev(f.severity.value)}<code>{escape(f.rule)}</code> '
            f"{escape(f.name)}: {escape(f.message)}"
            f'<div class="where">{escape(where)}{link}</div></li>')


def _filters(groups: dict[Any, list[Located]]) -> str:
    """Check boxes that hide findings by pillar and severity (the page's script applies them)."""
    pillars = "".join(f'<label><input type="checkbox" name="pillar" value="{p or "integrity"}" checked> '
                      f"{escape(_(PILLAR_TITLES[p]))}</label>" for p in (*PILLARS, None) if groups.get(p))
    severities = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {_sev(s)}</label>'
                         for s in ("error", "warning", "info"))
    pillar, severity = escape(_("Pillar:")), escape(_("Severity:"))
    hint = escape(_("Click a finding to see its entity in the org chart, the unit tree or the process."))
    return (f'<div id="finding-filters" class="filters"><span>{pillar}</span>{pillars}<span>{severity}</span>'
            f'{severities}<span id="finding-count" class="muted"></span></div><p class="muted">{hint}</p>')


def _entities(loaded: Loaded, shown: set[str]) -> tuple[str, set[str]]:
    """A card per entity with findings: the target of the findings' links."""
    by_entity = loaded.findings_by_entity()
    cards, known = [], set()
    for entity in loaded.org.entities():
        if entity.id not in by_entity or entity.id in known or loaded.org.get(entity.id) is not entity:
            continue
        known.add(entity.id)
        found = by_entity[entity.id]
        show = escape(_("show in diagram"))
        in_chart = f' · <a href="#node-{g.anchor(entity.id)}">{show}</a>' if entity.id in shown else ""
        cards.append(f'<li class="entity" id="{g.anchor(entity.id)}"><strong>{escape(entity.label)}</strong> '
                     f'<span class="muted">{escape(_(ENTITY_KINDS.get(entity.entity_kind, entity.entity_kind)))} '
                     f'{escape(entity.id)}</span>{in_chart}<div>'
                     + " ".join(f"{_sev(f.severity.value)}<code>{escape(f.rule)}</code>" for f in found)
                     + "</div></li>")
    return f'<ul class="findings">{"".join(cards)}</ul>', known


def _history(result: dict[str, Any]) -> str:
    """The history section: the chart, then a row per commit (oldest first)."""
    from orgcheck.views.chart import history_svg

    rows = []
    for r in result["commits"]:
        head = [escape(r["date"][:10]), f"<code>{escape(r['short'])}</code>", escape(r["subject"])]
        if r["valid"]:
            rows.append(head + [_num(r["positions"]), _num(r["managers"]), _num(r["layers"]), _num(r["average_span"]),
                                *(_num(r["findings"][s]) for s in ("error", "warning", "info")),
                                *(_num(r["pillars"].get(p)) for p in PILLARS)])
        else:
            rows.append(head + [f'<td colspan="{7 + len(PILLARS)}" class="status-invalid">{escape(r["error"])}</td>'])
    n = len(result["commits"])
    intro = ngettext("{count} commit of {file}, oldest first; pillars: the share of their checks that pass.",
                    "{count} commits of {file}, oldest first; pillars: the share of their checks that pass.",
                    n).format(count=n, file=result["file"])
    return (f'<p class="muted">{escape(intro)}</p>' + history_svg(result)
            + _table([_("date"), _("commit"), _("message"), _("positions"), _("managers"), _("layers"),
                      _("average span"), _("errors"), _("warnings"), _("info"), *map(word, PILLARS)], rows))


def render(loaded: Loaded, history: dict[str, Any] | None = None, scenarios: str | None = None) -> str:
    """The report; ``history`` (from ``history.compute``) adds its chart and table,
    ``scenarios`` (``whatif.render_table_html``) the what-if options side by side."""
    stats = st.compute(loaded)
    org = loaded.org
    name = org.organization.get("name") or org.organization.get("id") or loaded.display
    diagrams: list[dict[str, str]] = []
    shown: set[str] = set()

    zoom, drawing_text = escape(_("Actual size / fit to width")), escape(_("Drawing…"))

    def diagram(target: str, drawing: g.Graph) -> str:
        for node in [*drawing.nodes, *(n for c in drawing.clusters for n in c.nodes)]:
            if node.entity is not None:
                shown.add(node.entity)
        diagrams.append({"target": target, "title": drawing.title, "dot": g.to_dot(drawing, links=True)})
        note = f'<p class="muted">{escape(drawing.note)}</p>' if drawing.note else ""
        return (f'{note}<button type="button" class="zoom" data-for="{target}">{zoom}</button>'
                f'<div class="diagram" id="{target}" data-rendered="no">{drawing_text}</div>')

    tree = explore.org_tree(loaded)
    shown.update(node[1] for node in tree["nodes"])
    org_help = escape(_("Click a person to open or close the people below them; a dashed box stands for the people "
                        "below and opens them."))
    reset, no_people = escape(_("Reset the chart")), escape(_("No people in the model."))
    no_units = escape(_("No units."))
    org_part = (f'<p class="muted" id="org-help">{org_help} '
                f'<button type="button" id="org-reset">{reset}</button> '
                f'<button type="button" class="zoom" data-for="diagram-org">{zoom}'
                '</button></p><p id="org-note" class="status-invalid" role="status"></p>'
                '<div id="org-selection" class="selection" aria-live="polite"></div>'
                f'<div class="diagram" id="diagram-org" data-rendered="no">{drawing_text}</div>' if tree["nodes"]
                else f'<p class="muted">{no_people}</p>')
    unit_part = (diagram("diagram-units", g.units_graph(loaded)) if org.units
                 else f'<p class="muted">{no_units}</p>')
    process_parts = []
    for i, process in enumerate(p for p in org.processes if org.get(p.id) is p):
        process_parts.append(f'<h3 id="{g.anchor(process.id)}-diagram">{escape(process.label)}</h3>'
                             + diagram(f"diagram-process-{i + 1}", g.process_graph(loaded, process.id)))
    entities, known = _entities(loaded, shown)
    groups: dict[Any, list[Located]] = {}
    for f in loaded.report.findings:
        rule = loaded.rules.get(f.rule)
        groups.setdefault(rule.pillar if rule is not None else None, []).append(f)
    finding_parts = []
    for pillar in (*PILLARS, None):
        items = groups.get(pillar, [])
        if items:
            finding_parts.append(f"<h3>{escape(_(PILLAR_TITLES[pillar]))} ({len(items)})</h3>"
                                 f'<ul class="findings" data-pillar="{pillar or "integrity"}">'
                                 f'{"".join(_finding(f, known) for f in items)}</ul>')
    summary = loaded.report.summary
    total = summary["findings"]
    words = {"error": ("{count} error", "{count} errors"), "warning": ("{count} warning", "{count} warnings"),
             "info": ("{count} info", "{count} info")}
    counts = ", ".join(ngettext(*words[s], summary[s]).format(count=summary[s])
                       for s in ("error", "warning", "info") if summary[s])
    page_title = escape(_("orgcheck report: {name}").format(name=name))
    found_text = ngettext("{count} finding", "{count} findings", total).format(count=total)
    t = {key: escape(_(text)) for key, text in (
        ("search", N_("Search people, units and roles by name or id")),
        ("search_label", N_("Search people, units and roles")),
        ("profile", N_("Trust profile")), ("history", N_("History")), ("stats", N_("Spans and layers")),
        ("findings", N_("Findings")),
        ("org", N_("Org chart")), ("units", N_("Units")), ("processes", N_("Processes")),
        ("stats_title", N_("Spans and layers, teams, processes")),
        ("by_pillar", N_("Findings by pillar")), ("none", N_("No findings.")),
        ("entities", N_("Entities with findings")),
        ("no_processes", N_("No processes.")),
        ("clusters", N_("Coordination clusters over the units")),
        ("what_if", N_("What-if scenarios")),
        ("footer", N_("Diagrams drawn in your browser by Viz.js (Graphviz compiled to WebAssembly), inlined in this "
                   "file; its license follows in the page source.")))}
    data = script_json(diagrams)
    tree["search"] = explore.search_index(loaded, tree)
    explore_data = script_json(tree)
    license_text = _asset("LICENSE-viz-js.txt").replace("--", "- -")
    profile_note = _("Each bar is a share of the model's own entities; a pillar's score is the mean of its "
                     "assessed indicators, 0-100.")
    return f"""<!DOCTYPE html>
<html lang="{get_language()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}</title>
<style>{CSS}</style>
</head>
<body data-rendered="no">
<header>
<h1>{escape(name)}</h1>
<p class="muted">{escape(loaded.display)} · orgcheck {__version__} · {found_text}{f' ({counts})' if counts else ''}</p>
<div class="search"><input type="search" id="search" placeholder="{t['search']}" \
aria-label="{t['search_label']}" autocomplete="off"><ul id="search-results" hidden></ul></div>
<nav><a href="#profile">{t['profile']}</a>{f'<a href="#history">{t["history"]}</a>' if history else ''}\
{f'<a href="#what-if">{t["what_if"]}</a>' if scenarios else ''}\
<a href="#stats">{t['stats']}</a><a href="#findings">{t['findings']}</a><a href="#org-chart">{t['org']}</a>\
<a href="#unit-tree">{t['units']}</a><a href="#processes">{t['processes']}</a></nav>
</header>
<main>
<section id="profile"><h2>{t['profile']}</h2>
<p class="muted">{escape(profile_note)}</p>
{_profile(stats)}</section>
{f'<section id="history"><h2>{t["history"]}</h2>{_history(history)}</section>' if history else ''}
{f'<section id="what-if"><h2>{t["what_if"]}</h2>{scenarios}</section>' if scenarios else ''}
<section id="stats"><h2>{t['stats_title']}</h2>
{_stats(stats, known)}</section>
<section id="findings"><h2>{t['by_pillar']}</h2>
{_filters(groups) if finding_parts else ''}
{''.join(finding_parts) or f"<p>{t['none']}</p>"}
<h3>{t['entities']}</h3>
{entities}</section>
<section id="org-chart"><h2>{t['org']}</h2>
{org_part}</section>
<section id="unit-tree"><h2>{t['units']}</h2>
{unit_part}
<h3 id="coordination-clusters">{t['clusters']}</h3>
{html_network.html(loaded, stats["coordination"])}</section>
<section id="processes"><h2>{t['processes']}</h2>
{''.join(process_parts) or f'<p class="muted">{t["no_processes"]}</p>'}</section>
</main>
<footer><p class="muted">{t['footer']}</p></footer>
<script type="application/json" id="orgcheck-diagrams">{data}</script>
<script type="application/json" id="orgcheck-explore">{explore_data}</script>
<script type="application/json" id="orgcheck-words">{script_json(script_words())}</script>
<!--
{license_text}-->
<script>{_script_safe(_asset("viz-global.js"))}</script>
<script>{_script_safe(_asset("report.js"))}</script>
</body>
</html>
"""

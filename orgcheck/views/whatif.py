"""``orgcheck what-if MODEL SCENARIO...``: a designer's operations applied to the model in
memory, and the difference they make, before anyone edits the file.

A scenario is a YAML (or JSON) file::

    name: Delayer the claims managers
    description: The team leaders report to the Head of Claims Operations.
    operations:
      - remove: p-lawson                        # a manager; reports go up (or: reports_to: ID)
      - move: p-fletcher                        # a person (new manager) or a unit (new parent)
        under: p-mercer
      - merge: [t-motor-intake, t-motor-assessment]   # the others into the first
      - split: t-property                       # a new sibling unit takes these members
        into: {id: t-property-north, name: Property North, members: [p-grant, p-porter]}
      - self-organize: t-fasttrack
      - manager-type: p-doyle
        type: facilitator
      - drop-approval: st-m-approve-head        # the flows around it are joined
      - show-metric: m-motor-days-to-settle
        to: [t-motor-intake, t-motor-assessment]

Each operation names entities by id; a typo is a one-line error with "did you mean".
The result is linted as any model is; a scenario that leaves it invalid is reported as a
lint of the result.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.suggest import did_you_mean
from orgcheck.views.load import Loaded, ViewError, load_bytes
from orgcheck.wording import grouped, number, word

#: a scenario file is small; anything bigger is a mistake
SCENARIO_CAP = 1024 * 1024
OPERATIONS = ("move", "remove", "merge", "split", "self-organize", "manager-type", "drop-approval", "show-metric")


@dataclass
class Scenario:
    name: str
    path: str
    description: str = ""
    operations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line, operation)


def read_scenario(path: str) -> Scenario:
    """Read and check the shape of a scenario file; raises ViewError (one line)."""
    from orgcheck.io.safe_io import ReadError, read_bytes
    from orgcheck.readers.yaml_load import load_yaml

    try:
        data = read_bytes(path, cap=SCENARIO_CAP, what="scenario", named=True)
    except ReadError as exc:
        raise ViewError(str(exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ViewError(_("{file}: a scenario is UTF-8 text (YAML or JSON)").format(file=path)) from None
    parsed = load_yaml(text)
    if parsed.error is not None:
        raise ViewError(f"{path}:{parsed.error.line}:{parsed.error.column}: {parsed.error.message}")
    doc = parsed.data
    if not isinstance(doc, dict) or not isinstance(doc.get("operations"), list) or not doc["operations"]:
        raise ViewError(_("{file}: a scenario has a list of operations (operations: [...]); see docs/what-if.md")
                        .format(file=path))
    lines = parsed.places.get(id(doc["operations"])) or []
    operations = []
    for i, op in enumerate(doc["operations"]):
        line = lines[i][0] if i < len(lines) and lines[i] else 1
        if not isinstance(op, dict) or not any(k in OPERATIONS for k in op):
            raise ViewError(_("{file}:{line}: operation {n} names none of {known}").format(
                file=path, line=line, n=i + 1, known=", ".join(OPERATIONS)))
        kinds = [k for k in op if k in OPERATIONS]
        if len(kinds) > 1:
            raise ViewError(_("{file}:{line}: operation {n} does two things ({kinds}): one per list item").format(
                file=path, line=line, n=i + 1, kinds=", ".join(kinds)))
        operations.append((line, op))
    named, described = doc.get("name"), doc.get("description")
    name = named if isinstance(named, str) and named.strip() else path
    description = described if isinstance(described, str) else ""
    return Scenario(name, path, description, operations)


class _Model:
    """The model's data, indexed by id, edited in place by the operations."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where
        self.people = {p["id"]: p for p in data.get("people", []) if isinstance(p, dict) and "id" in p}
        self.units = {u["id"]: u for u in data.get("units", []) if isinstance(u, dict) and "id" in u}
        self.metrics = {m["id"]: m for m in data.get("metrics", []) if isinstance(m, dict) and "id" in m}
        self.steps: dict[str, tuple[dict, dict]] = {}
        for process in data.get("processes", []):
            for step in process.get("steps", []):
                self.steps[step["id"]] = (process, step)

    def _find(self, value: Any, pools: dict[str, dict[str, Any]], what: str) -> str:
        if not isinstance(value, str):
            raise ViewError(_("{where}: {what} must be an id (text), not {value}").format(
                where=self.where, what=what, value=json.dumps(value)))
        for pool in pools.values():
            if value in pool:
                return value
        known = [k for pool in pools.values() for k in pool]
        raise ViewError(_("{where}: {value} names no {what} in the model").format(
            where=self.where, value=repr(value), what=what) + did_you_mean(value, known))

    def person(self, value: Any) -> str:
        return self._find(value, {"person": self.people}, _("person"))

    def unit(self, value: Any) -> str:
        return self._find(value, {"unit": self.units}, _("unit"))

    def replace_reference(self, old: str, new: str | None) -> None:
        """Every reference to ``old`` (performers, leads, owners, visibility, interactions)
        now names ``new``; with None, references are dropped where they are optional."""
        for process in self.data.get("processes", []):
            for key in ("owner",):
                if process.get(key) == old:
                    process.pop(key) if new is None else process.__setitem__(key, new)
            for step in process.get("steps", []):
                if step.get("performer") == old and new is not None:
                    step["performer"] = new
        for unit in self.data.get("units", []):
            if unit.get("lead") == old:
                unit.pop("lead") if new is None else unit.__setitem__("lead", new)
        for metric in self.data.get("metrics", []):
            seen = metric.get("visible_to")
            if isinstance(seen, list) and old in seen:
                kept = [x for x in seen if x != old] + ([new] if new is not None and new not in seen else [])
                metric["visible_to"] = kept
        for person in self.data.get("people", []):
            dotted = person.get("dotted_to")
            if isinstance(dotted, list) and old in dotted:
                kept = [x for x in dotted if x != old and x != person.get("id")]
                if new is not None and new not in kept and new != person.get("id"):
                    kept.append(new)
                if kept:
                    person["dotted_to"] = kept
                else:
                    person.pop("dotted_to")
        kept_interactions = []
        for interaction in self.data.get("interactions", []):
            between = interaction.get("between")
            if isinstance(between, list) and old in between:
                between = [new if x == old else x for x in between if new is not None or x != old]
                if len(set(between)) < 2:
                    continue  # a unit no longer coordinates with itself
                interaction["between"] = between
            kept_interactions.append(interaction)
        if "interactions" in self.data:
            self.data["interactions"] = kept_interactions


def _move(m: _Model, op: dict[str, Any]) -> None:
    target = op["move"]
    if target in m.people:
        under = m.person(op.get("under"))
        m.people[target]["reports_to"] = under
    elif target in m.units:
        m.units[target]["parent"] = m.unit(op.get("under"))
    else:
        m._find(target, {"person": m.people, "unit": m.units}, _("person or unit"))


def _remove(m: _Model, op: dict[str, Any]) -> None:
    gone = m.person(op["remove"])
    person = m.people.pop(gone)
    heir = m.person(op["reports_to"]) if op.get("reports_to") is not None else person.get("reports_to")
    m.data["people"] = [p for p in m.data["people"] if p.get("id") != gone]
    for p in m.data["people"]:
        if p.get("reports_to") == gone:
            if heir is None:
                p.pop("reports_to")
            else:
                p["reports_to"] = heir
    m.replace_reference(gone, heir)


def _merge(m: _Model, op: dict[str, Any]) -> None:
    names = op["merge"]
    if not isinstance(names, list) or len(names) < 2:
        raise ViewError(_("{where}: merge names at least two units: [KEEP, OTHER, ...]").format(where=m.where))
    keep, *others = [m.unit(u) for u in names]
    for other in others:
        for p in m.data.get("people", []):
            if p.get("unit") == other:
                p["unit"] = keep
        for u in m.data.get("units", []):
            if u.get("parent") == other:
                u["parent"] = keep
        lead = m.units[other].get("lead")
        if lead is not None and "lead" not in m.units[keep]:
            m.units[keep]["lead"] = lead
        m.units.pop(other)
        m.data["units"] = [u for u in m.data["units"] if u.get("id") != other]
        m.replace_reference(other, keep)


def _split(m: _Model, op: dict[str, Any]) -> None:
    source = m.unit(op["split"])
    into = op.get("into")
    if not isinstance(into, dict) or not isinstance(into.get("id"), str) or not isinstance(into.get("members"), list):
        raise ViewError(_("{where}: split takes into: {{id: NEW-ID, name: NAME, members: [IDS], lead: ID}}").format(
            where=m.where))
    if into["id"] in m.people or into["id"] in m.units:
        raise ViewError(_("{where}: {id} is taken: a new unit needs an id of its own").format(
            where=m.where, id=repr(into["id"])))
    unit = {k: v for k, v in m.units[source].items() if k in ("parent", "type")}
    unit.update({"id": into["id"], "name": into.get("name") or into["id"]})
    if into.get("lead") is not None:
        unit["lead"] = m.person(into["lead"])
    for member in into["members"]:
        m.people[m.person(member)]["unit"] = into["id"]
    m.data["units"].append(unit)
    m.units[into["id"]] = unit


def _self_organize(m: _Model, op: dict[str, Any]) -> None:
    m.units[m.unit(op["self-organize"])]["self_organizing"] = True


def _manager_type(m: _Model, op: dict[str, Any]) -> None:
    person = m.people[m.person(op["manager-type"])]
    if op.get("type") is None:
        person.pop("manager_type", None)
    else:
        person["manager_type"] = op["type"]  # the schema judges the value, as in the file


def _drop_approval(m: _Model, op: dict[str, Any]) -> None:
    step_id = m._find(op["drop-approval"], {"step": {k: v for k, v in m.steps.items()}}, _("step"))
    process, step = m.steps.pop(step_id)
    if step.get("kind") not in ("approval", "decision"):
        raise ViewError(_("{where}: {id} is a {kind} step, not an approval").format(
            where=m.where, id=repr(step_id), kind=step.get("kind", "work")))
    flows = process.get("flows", [])
    into = [f for f in flows if f.get("to") == step_id and f.get("kind", "sequence") == "sequence"]
    out_of = [f for f in flows if f.get("from") == step_id and f.get("kind", "sequence") == "sequence"]
    kept = [f for f in flows if step_id not in (f.get("from"), f.get("to"))]
    joined = {(f["from"], g["to"]) for f in into for g in out_of}
    existing = {(f.get("from"), f.get("to")) for f in kept}
    kept += [{"from": a, "to": b} for a, b in sorted(joined) if (a, b) not in existing and a != b]
    process["steps"] = [s for s in process["steps"] if s.get("id") != step_id]
    if kept:
        process["flows"] = kept
    else:
        process.pop("flows", None)


def _show_metric(m: _Model, op: dict[str, Any]) -> None:
    metric = m.metrics[m._find(op["show-metric"], {"metric": m.metrics}, _("metric"))]
    to = op.get("to")
    to = [to] if isinstance(to, str) else to
    if not isinstance(to, list) or not to:
        raise ViewError(_("{where}: show-metric takes to: [IDS of people, units or roles]").format(where=m.where))
    roles = {r["id"]: r for r in m.data.get("roles", []) if isinstance(r, dict) and "id" in r}
    seen = list(metric.get("visible_to") or [])
    for who in to:
        m._find(who, {"person": m.people, "unit": m.units, "role": roles}, _("person, unit or role"))
        if who not in seen:
            seen.append(who)
    metric["visible_to"] = seen


_APPLY = {"move": _move, "remove": _remove, "merge": _merge, "split": _split, "self-organize": _self_organize,
          "manager-type": _manager_type, "drop-approval": _drop_approval, "show-metric": _show_metric}


def apply(data: dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The model's data after the scenario's operations, in order (a copy)."""
    result = copy.deepcopy(data)
    for i, (line, op) in enumerate(scenario.operations, 1):
        kind = next(k for k in op if k in _APPLY)
        _APPLY[kind](_Model(result, f"{scenario.path}:{line}: operation {i} ({kind})"), op)
    return result


def load_scenario(today: Loaded, scenario: Scenario) -> Loaded:
    """The scenario's model, read, validated and linted as ``today`` was."""
    data = apply(today.document.data, scenario)
    text = json.dumps(data, ensure_ascii=False, indent=1).encode()
    config = replace(today.config, input_format="json")
    display = f"{today.display} + {scenario.path}"
    try:
        return load_bytes(display + ".json", display, text, config, today.plugins)
    except ViewError as exc:
        # the operations made a model the schema rejects: say it as a lint of the result would
        message = exc.problem or str(exc)
        raise ViewError(_("{scenario}: the scenario leaves the model invalid: {problem}").format(
            scenario=scenario.path, problem=message)) from None


def summary(loaded: Loaded) -> dict[str, Any]:
    """The figures a designer compares options by: positions, managers, layers, spans,
    cost, findings by severity and the trust profile."""
    from orgcheck.views.diff import compare

    shape = compare(loaded, loaded)["shape"]["after"]
    counts = loaded.report.counts()
    from orgcheck.views.stats import loaded_profile

    profile = loaded_profile(loaded).as_dict()
    return {"model": loaded.display, "shape": shape, "findings": counts,
            "profile": {pillar: p["score"] for pillar, p in profile.items()}}


def _pillar_names(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(p for row in rows for p in row["profile"]))


def _cells(row: dict[str, Any], pillars: list[str]) -> list[str]:
    from orgcheck.api.profile import score_text

    shape, counts = row["shape"], row["findings"]
    span = shape.get("average_span")
    cost = shape.get("cost")
    return [str(shape.get("positions", "")), str(shape.get("managers", "")), str(shape.get("layers", "")),
            number(span), str(shape.get("wide", "")), str(shape.get("narrow", "")),
            "-" if not cost else grouped(cost),
            str(counts.get("error", 0)), str(counts.get("warning", 0)), str(counts.get("info", 0)),
            *(score_text(row["profile"].get(p)) for p in pillars)]


def _headers(pillars: list[str]) -> list[str]:
    return [_("positions"), _("managers"), _("layers"), _("average span"), _("wide spans"), _("narrow spans"),
            _("cost"), _("errors"), _("warnings"), _("info"), *map(word, pillars)]


def compare_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Today and each scenario, one column each, for ``render_*``."""
    return {"columns": [r["label"] for r in rows], "rows": rows}


def render_table_text(table: dict[str, Any]) -> str:
    rows = table["rows"]
    pillars = _pillar_names(rows)
    headers = _headers(pillars)
    columns = [_cells(r, pillars) for r in rows]
    labels = table["columns"]
    width = max(len(h) for h in headers)
    widths = [max(len(label), *(len(c) for c in col)) for label, col in zip(labels, columns, strict=True)]
    out = [" " * width + "  " + "  ".join(label.rjust(w) for label, w in zip(labels, widths, strict=True))]
    for i, header in enumerate(headers):
        out.append(header.ljust(width) + "  " + "  ".join(col[i].rjust(w) for col, w in zip(columns, widths,
                                                                                           strict=True)))
    for r in rows[1:]:
        if r.get("description"):
            out.append(f"{r['label']}: {r['description']}")
    return "\n".join(out) + "\n"


def render_table_markdown(table: dict[str, Any]) -> str:
    from orgcheck.formatters.escape import markdown

    rows = table["rows"]
    pillars = _pillar_names(rows)
    headers = _headers(pillars)
    columns = [_cells(r, pillars) for r in rows]
    out = ["| | " + " | ".join(markdown(label) for label in table["columns"]) + " |",
           "|---|" + "---:|" * len(columns)]
    for i, header in enumerate(headers):
        out.append(f"| {markdown(header)} | " + " | ".join(col[i] for col in columns) + " |")
    return "\n".join(out) + "\n"


def render_table_json(table: dict[str, Any]) -> str:
    from orgcheck.formatters.escape import json_text

    return json_text(table) + "\n"


def render_table_html(table: dict[str, Any]) -> str:
    """The side-by-side table as a fragment for the report (``orgcheck what-if --format
    html``): a column per option, today first, and what each scenario does."""
    from orgcheck.formatters.escape import html_text as escape

    rows = table["rows"]
    pillars = _pillar_names(rows)
    columns = [_cells(r, pillars) for r in rows]
    head = "<th></th>" + "".join(f'<th data-scenario="{i}">{escape(label)}</th>'
                                 for i, label in enumerate(table["columns"]))
    body = "".join(f"<tr><th>{escape(header)}</th>" + "".join(f'<td class="n">{escape(col[i])}</td>' for col in columns)
                   + "</tr>" for i, header in enumerate(_headers(pillars)))
    notes = "".join(f"<li><strong>{escape(r['label'])}</strong>: {escape(r['description'])}</li>"
                    for r in rows[1:] if r.get("description"))
    return (f'<table id="what-if-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            + (f"<ul>{notes}</ul>" if notes else ""))

"""Reads Kubernetes' community governance file ``sigs.yaml`` (kubernetes/community):
its special interest groups, working groups, user groups and committees.

Each group is a unit, its ``dir`` the id: a SIG a department (a standing group that
owns an area of the project; the file lists its leaders, not its members, so no
team-size rule judges it), a working group or user group a working group, a
committee a team (the file lists every member of a committee as a chair or tech
lead). ``mission_statement`` is its purpose. ``leadership`` gives its members and
their roles: ``chairs`` ``chair``, ``tech_leads`` ``tech-lead`` (one membership with
both roles for a person who is both), ``emeritus_leads`` former members with the role
``lead``. Each subproject is a project group under its group (id ``DIR/NAME``), its
``description`` the purpose and the URLs of its OWNERS files kept as ``x-owners``
(recorded, never fetched: its owners are not members the file names).

Meetings are recurring evaluations: one process per group (or subproject) holding a
``review`` step per meeting, performed by the group, with the meeting's ``frequency``
as its cadence. The model's cadences have no fortnight: a biweekly meeting (or one
every four weeks) counts as monthly, the cadence it meets at least; a frequency that
names none of them is a step without a cadence, and said. A working group's
``stakeholder_sigs`` (SIG names) are collaborations between it and each SIG, and a
group's ``contact.liaison`` a facilitating link to the steering committee (the
liaison's login in ``x-liaison``). ``gb_rep`` (the governing board representative)
and OWNERS_ALIASES are not read.

The file records no reporting lines, manager types, role definitions or metrics:
rules that need them are not assessed (``Document.expresses``).
"""
from __future__ import annotations

import re
from typing import Any

from orgcheck.i18n.runtime import _, lazy, ngettext
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.safe_io import ReadError, read_bytes
from orgcheck.io.source_map import nearest_origins

#: memberships: the units judged as teams (committees) list every member; SIGs and working groups
#: list their leaders, and no team rule judges a department or a working group by its size
EXPRESSES = frozenset({"people", "units", "memberships", "unit_purposes", "processes", "feedback", "interactions"})
#: the file's top-level lists and the unit type of their groups
GROUPS = (("sigs", "department"), ("workinggroups", "working-group"), ("usergroups", "working-group"),
          ("committees", "team"))
STEERING = "committee-steering"
#: a meeting's frequency (free text) -> the model's cadence, first match wins
_CADENCES = ((re.compile(r"bi-?weekly|fortnight|every (two|2|four|4) weeks|month"), "monthly"),
             (re.compile(r"weekly|every week"), "weekly"), (re.compile(r"daily"), "daily"),
             (re.compile(r"quarter"), "quarterly"), (re.compile(r"year|annual"), "yearly"))


def read_file(file_path: str, path: str, data: bytes | None = None) -> Document:
    """The groups, leaders, meetings and links of a ``sigs.yaml`` as one model."""
    from orgcheck.io.files import display_path
    from orgcheck.readers.yaml_load import YamlLocator, load_yaml

    shown = display_path(file_path) if file_path != "-" else path
    doc = Document(path, expresses=EXPRESSES, source_name=lazy("Kubernetes' sigs.yaml"))
    try:
        raw = data if data is not None else read_bytes(file_path)
    except ReadError as exc:
        doc.parse_error = ParseProblem(str(exc).removeprefix(file_path + ": "), 1, 1, shown)
        return doc
    text, error = decode_text(raw)
    loaded = load_yaml(text) if text is not None else None
    error = error or (loaded.error if loaded is not None else None)
    if error is not None or loaded is None:
        bad = error or ParseProblem("", 1, 1)  # decode_text gives no text only with an error
        doc.parse_error = ParseProblem(bad.message, bad.line, bad.column, shown)
        return doc
    doc.located_problems.extend(ParseProblem(p.message, p.line, p.column, shown) for p in loaded.located)
    top = loaded.data if isinstance(loaded.data, dict) else {}
    if not isinstance(loaded.data, dict):
        doc.located_problems.append(ParseProblem(_("sigs.yaml holds a mapping of group lists (sigs, "
                                                   "workinggroups, committees)"), *loaded.root, shown))
    built = _Builder()
    for key, kind in GROUPS:
        for i, group in enumerate(_list(top.get(key))):
            if isinstance(group, dict):
                built.group(group, f"/{key}/{i}", kind)
    built.links(top)
    doc.data = {"schema_version": 1,
                "organization": {"id": "kubernetes", "name": "Kubernetes"},
                "people": built.people, "units": built.units}
    if built.processes:
        doc.data["processes"] = built.processes
    if built.interactions:
        doc.data["interactions"] = built.interactions
    if built.unparsed:
        doc.notes.append(ngettext("{count} meeting frequency names no cadence (daily, weekly, biweekly, monthly, "
                                  "quarterly, yearly): read as a meeting without a cadence ({examples})",
                                  "{count} meeting frequencies name no cadence (daily, weekly, biweekly, monthly, "
                                  "quarterly, yearly): read as meetings without a cadence ({examples})",
                                  len(built.unparsed)).format(count=len(built.unparsed),
                                                              examples=", ".join(built.unparsed[:3])))
    doc.locator = _Locator(YamlLocator(loaded), built.origins)
    if shown != path:
        doc.files.update({"/people": shown, "/units": shown, "/processes": shown, "/interactions": shown})
    return doc


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def cadence(frequency: Any) -> str | None:
    """The model's cadence for a meeting's free-text ``frequency`` (None: none named)."""
    text = frequency.lower() if isinstance(frequency, str) else ""
    return next((c for pattern, c in _CADENCES if pattern.search(text)), None)


class _Builder:
    """The model's lists, and for each model pointer the pointer in sigs.yaml it came from."""

    def __init__(self) -> None:
        self.people: list[dict] = []
        self.units: list[dict] = []
        self.processes: list[dict] = []
        self.interactions: list[dict] = []
        self.origins: dict[str, str] = {}
        self.unparsed: list[str] = []
        self._person: dict[str, int] = {}
        self._groups: list[tuple[str, dict, str]] = []  # (unit id, group, its pointer)

    def group(self, group: dict, at: str, kind: str) -> None:
        name = _text(group.get("name"))
        uid = _text(group.get("dir")) or name or f"?{at}"
        unit: dict[str, Any] = {"id": uid, "name": name or uid, "type": kind}
        j = len(self.units)
        self.origins[f"/units/{j}"] = f"{at}/name" if name else f"{at}/dir"
        self.origins[f"/units/{j}/id"] = f"{at}/dir"
        purpose = _text(group.get("mission_statement"))
        if purpose:
            unit["purpose"] = purpose
            self.origins[f"/units/{j}/purpose"] = f"{at}/mission_statement"
        self._leaders(unit, j, _dict(group.get("leadership")), f"{at}/leadership")
        self.units.append(unit)
        self._groups.append((uid, group, at))
        self._meetings(uid, unit["name"], group.get("meetings"), f"{at}/meetings")
        for k, sub in enumerate(_list(group.get("subprojects"))):
            if isinstance(sub, dict):
                self._subproject(uid, sub, f"{at}/subprojects/{k}")

    def _subproject(self, parent: str, sub: dict, at: str) -> None:
        name = _text(sub.get("name")) or f"?{at}"
        uid = f"{parent}/{name}"
        unit: dict[str, Any] = {"id": uid, "name": name, "type": "project-group", "parent": parent}
        j = len(self.units)
        self.origins[f"/units/{j}"] = f"{at}/name"
        description = _text(sub.get("description"))
        if description:
            unit["purpose"] = description
            self.origins[f"/units/{j}/purpose"] = f"{at}/description"
        owners = [o for o in _list(sub.get("owners")) if isinstance(o, str) and o]
        if owners:
            unit["x-owners"] = owners
        self.units.append(unit)
        self._meetings(uid, name, sub.get("meetings"), f"{at}/meetings")

    def _leaders(self, unit: dict, j: int, leadership: dict, at: str) -> None:
        members: list[dict] = []
        by_login: dict[str, dict] = {}
        for key, role in (("chairs", "chair"), ("tech_leads", "tech-lead")):
            for n, leader in enumerate(_list(leadership.get(key))):
                login = self._person_at(leader, f"{at}/{key}/{n}")
                if login is None:
                    continue
                if login in by_login:  # a chair who is also a tech lead: one membership, both roles
                    held = by_login[login]
                    roles = held["role"] if isinstance(held["role"], list) else [held["role"]]
                    if role not in roles:
                        held["role"] = [*roles, role]
                    continue
                self.origins[f"/units/{j}/members/{len(members)}"] = f"{at}/{key}/{n}/github"
                by_login[login] = {"person": login, "role": role}
                members.append(by_login[login])
        former: list[dict] = []
        for n, leader in enumerate(_list(leadership.get("emeritus_leads"))):
            login = self._person_at(leader, f"{at}/emeritus_leads/{n}")
            if login is not None and all(f["person"] != login for f in former):
                self.origins[f"/units/{j}/former_members/{len(former)}"] = f"{at}/emeritus_leads/{n}/github"
                former.append({"person": login, "role": "lead"})
        if members:
            unit["members"] = members
        if former:
            unit["former_members"] = former

    def _person_at(self, leader: Any, at: str) -> str | None:
        """The leader's login, the person made the first time it is named."""
        login = _text(_dict(leader).get("github"))
        if login is None:
            return None
        if login not in self._person:
            i = self._person[login] = len(self.people)
            self.people.append({"id": login, "name": _text(leader.get("name")) or login})
            self.origins[f"/people/{i}"] = f"{at}/github"
            self.origins[f"/people/{i}/name"] = f"{at}/name" if _text(leader.get("name")) else f"{at}/github"
        return login

    def _meetings(self, uid: str, name: str, meetings: Any, at: str) -> None:
        steps: list[dict] = []
        p = len(self.processes)
        for k, meeting in enumerate(_list(meetings)):
            if not isinstance(meeting, dict):
                continue
            step: dict[str, Any] = {"id": f"{uid}/meeting-{k + 1}",
                                    "name": _text(meeting.get("description")) or _("Meeting"),
                                    "performer": uid, "kind": "feedback"}
            found = cadence(meeting.get("frequency"))
            if found:
                step["cadence"] = found
            elif _text(meeting.get("frequency")):
                self.unparsed.append(repr(meeting["frequency"]))
            self.origins[f"/processes/{p}/steps/{len(steps)}"] = f"{at}/{k}"
            self.origins[f"/processes/{p}/steps/{len(steps)}/cadence"] = f"{at}/{k}/frequency"
            steps.append(step)
        if steps:
            self.origins[f"/processes/{p}"] = at
            self.processes.append({"id": f"{uid}/meetings", "name": _("{group} meetings").format(group=name),
                                   "owner": uid, "steps": steps})

    def links(self, top: dict) -> None:
        """Working groups' stakeholder SIGs, and each group's liaison to the steering committee."""
        by_name = {str(u["name"]).lower(): u["id"] for u in self.units if u["type"] != "project-group"}
        ids = {u["id"] for u in self.units}
        for uid, group, at in self._groups:
            for k, sig in enumerate(_list(group.get("stakeholder_sigs"))):
                if not _text(sig):
                    continue
                other = by_name.get(sig.strip().lower()) or by_name.get(f"sig {sig.strip().lower()}") or sig.strip()
                n = len(self.interactions)
                self.interactions.append({"id": f"{uid}/with/{other}", "between": [uid, other],
                                          "mode": "collaboration"})
                self.origins[f"/interactions/{n}"] = f"{at}/stakeholder_sigs/{k}"
            liaison = _dict(_dict(group.get("contact")).get("liaison"))
            login = _text(liaison.get("github"))
            if login and STEERING in ids and uid != STEERING:
                n = len(self.interactions)
                self.interactions.append({"id": f"{uid}/liaison", "between": [uid, STEERING],
                                          "mode": "facilitating", "x-liaison": login})
                self.origins[f"/interactions/{n}"] = f"{at}/contact/liaison/github"


class _Locator:
    """A model pointer -> the place in sigs.yaml of what it was read from (the nearest
    pointer with an origin: a unit's fields fall back on its name)."""

    def __init__(self, yaml: Any, origins: dict[str, str]) -> None:
        self.yaml = yaml
        self.origins = origins

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        inner, out = nearest_origins(pointers, self.origins)
        found = self.yaml.locate(set(inner.values()))
        out.update({p: found[q] for p, q in inner.items() if q in found})
        return out

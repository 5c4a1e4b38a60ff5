"""Reads a rust-lang/team checkout: a folder holding ``people/*.toml`` (one file per
person) and ``teams/*.toml`` (one per team) is one org model.

A team is a unit: ``subteam-of`` its parent, ``kind`` its type (a team, a working
group or a project group), its ``[people]`` ``leads`` members with the role
``lead``, its ``members`` members (with all their ``roles``, if any: a lead who also
holds roles holds ``lead`` and each of them), its ``alumni`` former members, and
``[website] description`` its purpose. A team in ``teams/archive/`` is retired: an
archived unit (``archived: true``), kept so that its alumni and any member still
listed are seen. A marker team (``kind = "marker-team"``: all, leads, alumni...) is
a mailing list or a permission group that its ``include-*`` flags compose from the
teams: a list, not a unit, so it is read (a file tomllib cannot parse is still
reported) and left out of the model. A team that includes members with those flags
or ``included-teams`` has them as members (orgcheck/readers/rust_includes.py).

The project keeps no reporting lines, manager types, role definitions, processes or
metrics: rules that need them are not assessed (``Document.expresses``).
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any

from orgcheck.i18n.runtime import _, lazy
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.safe_io import ReadError, read_bytes, regular_file
from orgcheck.readers.rust_includes import included
from orgcheck.readers.tree_order import tree_order

#: what the TOML files say, in orgcheck.api.parts's terms
EXPRESSES = frozenset({"people", "units", "memberships", "unit_purposes"})
_TYPES = {"team": "team", "working-group": "working-group", "project-group": "project-group"}
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_NOWHERE = ((1, 1), (1, 1))


@dataclass
class _File:
    shown: str  # the path as findings name it
    data: dict
    places: Any  # toml_places.Places
    archived: bool = False  # in teams/archive/


def _read(path: str, problems: list[ParseProblem]) -> _File | None:
    """A TOML file and its places; a file that cannot be read is a problem in it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10: the same reader, as a dependency (pyproject.toml)
        import tomli as tomllib

    from orgcheck.io.files import display_path
    from orgcheck.readers.toml_places import scan

    shown = display_path(path)
    try:
        text, error = decode_text(read_bytes(path))
    except ReadError as exc:
        problems.append(ParseProblem(str(exc).removeprefix(path + ": "), 1, 1, shown))
        return None
    if error is not None or text is None:
        where = error or ParseProblem("", 1, 1)  # decode_text gives no text only with an error
        problems.append(ParseProblem(where.message, where.line, where.column, shown))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        message = _AT.sub("", str(exc)).strip()
        problems.append(ParseProblem(_("not valid TOML: {problem}").format(problem=message),
                                   int(m.group(1)) if m else 1, int(m.group(2)) if m else 1, shown))
        return None
    return _File(shown, data, scan(text))


def _toml_files(folder: str, skipped: list[str]) -> list[str]:
    from orgcheck.io.files import checkout_root, links_outside

    if not os.path.isdir(folder):
        return []
    boundary = os.path.realpath(checkout_root(folder))
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".toml"):
            continue
        path = os.path.join(folder, name)
        if links_outside(path, boundary):  # a pull request must not make findings quote any file
            skipped.append(f"{name}: " + _("skipped: a link to a file outside the checkout"))
            continue
        why = regular_file(path)
        if why is None:
            out.append(path)
        elif not os.path.isdir(path):
            skipped.append(f"{name}: " + _("skipped: {kind}, not a regular file").format(kind=why))
    return out


def read_folder(path: str) -> Document:
    """The people and teams of a rust-lang/team checkout as one model."""
    problems: list[ParseProblem] = []
    notes: list[str] = []
    doc = Document(path, expresses=EXPRESSES, source_name=lazy("the rust-lang/team folder"))
    people, people_files = [], []
    for file_path in _toml_files(os.path.join(path, "people"), notes):
        f = _read(file_path, problems)
        if f is None:
            continue
        stem = os.path.splitext(os.path.basename(file_path))[0]
        github, name = f.data.get("github"), f.data.get("name")
        login: str = github if isinstance(github, str) and github else stem
        name = name if isinstance(name, str) and name.strip() else login
        people.append({"id": login, "name": name})
        people_files.append(f)
    logins = {p["id"] for p in people}
    teams: list[_File] = []
    everyone: dict[str, dict] = {}  # every current team's data by name, marker teams included
    for file_path in _toml_files(os.path.join(path, "teams"), notes):
        f = _read(file_path, problems)
        if f is not None:
            everyone.setdefault(_team_name(f), f.data)
        if f is None or f.data.get("kind") == "marker-team":
            continue
        kind = f.data.get("kind", "team")
        if kind not in _TYPES:
            notes.append(os.path.basename(file_path) + ": " + _(
                "kind {kind} is none of team, working-group, project-group and marker-team: read as a team").format(
                kind=repr(kind)))
        teams.append(f)
    for file_path in _toml_files(os.path.join(path, "teams", "archive"), notes):
        f = _read(file_path, problems)
        if f is not None and f.data.get("kind") != "marker-team":
            f.archived = True
            teams.append(f)
    names = {_team_name(f) for f in teams}
    teams = [teams[i] for i in tree_order([_team_name(f) for f in teams],
                                          [_parent_name(f) for f in teams])]
    units, origins = [], []
    current = {_team_name(f) for f in teams if not f.archived}
    for f in teams:
        unit, origin = _unit(f, logins, names, current)
        if not f.archived:
            _include(unit, origin, included(f.data, everyone))
        units.append(unit)
        origins.append(origin)
    doc.data = {"schema_version": 1,
                "organization": {"id": "rust-lang", "name": os.path.basename(os.path.abspath(path)) or path},
                "people": people, "units": units}
    doc.located_problems = problems
    doc.notes = notes
    doc.locator = _Locator(people_files, teams, origins)
    for i, f in enumerate(people_files):
        doc.files[f"/people/{i}"] = f.shown
    for j, f in enumerate(teams):
        doc.files[f"/units/{j}"] = f.shown
    return doc


def _parent_name(f: _File) -> str | None:
    parent = f.data.get("subteam-of")
    return parent if isinstance(parent, str) and parent else None


def _team_name(f: _File) -> str:
    name = f.data.get("name")
    return name if isinstance(name, str) and name else os.path.splitext(os.path.basename(f.shown))[0]


def _unit(f: _File, logins: set[str], names: set[str], current: set[str]) -> tuple[dict, dict[str, tuple]]:
    """A team's unit, and where each of its fields came from: field -> (table, key[,
    item index]) in its TOML file."""
    data = f.data
    name = _team_name(f)
    # ids are unique across the document: a team named like a person's login, or a
    # retired team named like a current one, is kept apart
    uid = f"archived:{name}" if f.archived and name in current else (f"team:{name}" if name in logins else name)
    unit: dict[str, Any] = {"id": uid, "name": name, "type": _TYPES.get(data.get("kind", "team"), "team")}
    if f.archived:
        unit["archived"] = True
    origin: dict[str, tuple] = {"": ("", "name"), "id": ("", "name"), "name": ("", "name"), "type": ("", "kind")}
    parent = data.get("subteam-of")
    if isinstance(parent, str) and parent:
        unit["parent"] = f"team:{parent}" if parent in logins and parent in names else parent
        origin["parent"] = ("", "subteam-of")
    website = data.get("website")
    if isinstance(website, dict) and isinstance(website.get("description"), str) and website["description"].strip():
        unit["purpose"] = website["description"]
        origin["purpose"] = ("website", "description")
    people: dict = data["people"] if isinstance(data.get("people"), dict) else {}
    members: list[dict | str] = []
    former: list[dict | str] = []
    leads: dict[str, dict] = {}
    for i, login in enumerate(_list(people.get("leads"))):
        if isinstance(login, str) and login and login not in leads:
            origin[f"members/{len(members)}"] = ("people", "leads", i, None)
            leads[login] = {"person": login, "role": "lead"}
            members.append(leads[login])
    for key, target in (("members", members), ("alumni", former)):
        field = "members" if key == "members" else "former_members"
        for i, item in enumerate(_list(people.get(key))):
            login, roles, inner = _member(item)
            if login is None:
                continue
            if key == "members" and login in leads:  # the lead's membership, with their other roles
                if roles:
                    leads[login]["role"] = ["lead", *[r for r in roles if r != "lead"]]
                continue
            origin[f"{field}/{len(target)}"] = ("people", key, i, inner)
            target.append({"person": login, "role": roles[0] if len(roles) == 1 else roles} if roles else login)
    if members:
        unit["members"] = members
    if former:
        unit["former_members"] = former
    return unit, origin


def _include(unit: dict, origin: dict[str, tuple], logins: list[tuple[str, str]]) -> None:
    """Add the members a team includes from other teams, each once, at the flag."""
    members = unit.setdefault("members", [])
    listed = {m["person"] if isinstance(m, dict) else m for m in members}
    for login, key in logins:
        if login not in listed:
            listed.add(login)
            origin[f"members/{len(members)}"] = ("people", key)
            members.append(login)
    if not members:
        del unit["members"]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _member(item: Any) -> tuple[str | None, list[str], str | None]:
    """(login, roles, the inline table's key the login is at) of a members item."""
    if isinstance(item, str) and item:
        return item, [], None
    if isinstance(item, dict) and isinstance(item.get("github"), str) and item["github"]:
        roles = list(dict.fromkeys(r for r in _list(item.get("roles")) if isinstance(r, str) and r))
        return item["github"], roles, "github"
    return None, [], None


class _Locator:
    """A pointer into the built model -> the key and value in the TOML file it came from."""

    def __init__(self, people: list[_File], teams: list[_File], origins: list[dict[str, tuple]]) -> None:
        self.people = people
        self.teams = teams
        self.origins = origins

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        out: dict[str, tuple[Position, Position]] = {}
        for pointer in pointers:
            parts = pointer.split("/")
            if pointer == "" or (len(parts) > 1 and parts[1] in ("organization", "schema_version")):
                out[pointer] = _NOWHERE
                continue
            if len(parts) < 3 or not parts[2].isdigit():
                continue
            n = int(parts[2])
            found: tuple[Position, Position] | None
            if parts[1] == "people" and n < len(self.people):
                found = self._person(self.people[n], parts[3] if len(parts) > 3 else "")
            elif parts[1] == "units" and n < len(self.teams):
                found = self._unit(self.teams[n], self.origins[n], parts[3:])
            else:
                continue
            if found is not None:
                out[pointer] = found
        return out

    @staticmethod
    def _person(f: _File, field: str) -> tuple[Position, Position]:
        key = "name" if field in ("", "name") else "github"
        entry = f.places.get("", key) or f.places.get("", "github") or f.places.get("", "name")
        return (entry.key, entry.value) if entry else _NOWHERE

    @staticmethod
    def _unit(f: _File, origin: dict[str, tuple], rest: list[str]) -> tuple[Position, Position] | None:
        field = "/".join(rest[:2]) if rest[:1] in (["members"], ["former_members"]) else (rest[0] if rest else "")
        where = origin.get(field)
        if where is None:
            return None if rest else _place(f, ("", "name"))
        if len(where) == 2:
            return _place(f, where)
        table, key, index, inner = where
        entry = f.places.get(table, key)
        if entry is None or index >= len(entry.items):
            return _place(f, ("", "name"))
        item = entry.items[index]
        at = item.keys.get(inner, item.at) if inner and (len(rest) < 3 or rest[2] == "person") else item.at
        if len(rest) > 2 and rest[2] == "role":
            at = item.keys.get("roles", item.at)
        return (item.at, at)


def _place(f: _File, where: tuple) -> tuple[Position, Position]:
    entry = f.places.get(*where) or f.places.get("", "name")
    return (entry.key, entry.value) if entry else _NOWHERE

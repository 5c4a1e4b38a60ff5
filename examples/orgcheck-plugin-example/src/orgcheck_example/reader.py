"""A reader of the company's care-team roster, ``care-teams.yaml``: teams with their
coordinators, members and former members, each team within its region.

    regions:
      - name: North
        teams:
          - name: Care North 1
            coordinators: [ann, bo]        # several leads: each a member with the role
            members: [ann, bo, {id: cy, role: planner}]
            former: [di]                   # former members are not members
    people:
      - {id: ann, name: Ann}

A region is a unit that owns its teams (their parent). Every finding about a team or a
membership points at its line in the roster: ``orgcheck.load_yaml`` reads the YAML with
a position for every value, and ``orgcheck.SourceMap`` maps each model pointer to the
value it came from.
"""
from __future__ import annotations

from typing import Any

import orgcheck

FORMAT = "care-teams"
#: the roster lists every member of a team, but no reporting lines, roles or processes
EXPRESSES = frozenset({"people", "units", "memberships"})


@orgcheck.hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    # `orgcheck lint FOLDER` picks up care-teams.yaml; [readers.care-teams] sets the options
    return {FORMAT: {"patterns": ["care-teams.yaml"], "options": {"team_type": "team"}}}


@orgcheck.hookimpl(tryfirst=True)  # before orgcheck's YAML reader, which takes every .yaml file
def orgcheck_load(source: orgcheck.Source, options: dict[str, Any]) -> orgcheck.Document | None:
    named = source.path.replace("\\", "/").rsplit("/", 1)[-1] == "care-teams.yaml"
    if source.input_format != FORMAT and not (source.input_format is None and named):
        return None
    text = orgcheck.load_yaml(source.data, source.path)
    if text.parse_error is not None or not isinstance(text.data, dict):
        return text if text.parse_error is not None else orgcheck.Document(
            source.path, parse_error=orgcheck.ParseProblem("a care-teams roster is a YAML mapping", 1, 1))
    places = orgcheck.SourceMap()
    people = []
    for i, person in enumerate(_list(text.data.get("people"))):
        if isinstance(person, dict) and person.get("id"):
            places.add(f"/people/{len(people)}", text, f"/people/{i}")
            people.append({"id": str(person["id"]), "name": str(person.get("name") or person["id"])})
    units: list[dict] = []
    for r, region in enumerate(_list(text.data.get("regions"))):
        if not isinstance(region, dict) or not region.get("name"):
            continue
        places.add(f"/units/{len(units)}", text, f"/regions/{r}")
        units.append({"id": str(region["name"]), "name": str(region["name"]), "type": "department"})
        for t, team in enumerate(_list(region.get("teams"))):
            if isinstance(team, dict) and team.get("name"):
                units.append(_team(team, f"/regions/{r}/teams/{t}", f"/units/{len(units)}", str(region["name"]),
                                   options[FORMAT]["team_type"], text, places))
    data = {"organization": {"id": "care", "name": str(text.data.get("organization") or "Care")},
            "people": people, "units": units}
    return orgcheck.Document(source.path, data, locator=places, files=places.files, expresses=EXPRESSES,
                             source_name="a care-teams roster")


def _team(team: dict, at: str, pointer: str, region: str, kind: str, text: orgcheck.Document,
          places: orgcheck.SourceMap) -> dict:
    unit: dict[str, Any] = {"id": str(team["name"]), "name": str(team["name"]), "type": kind, "parent": region}
    places.add(pointer, text, at)
    members: list[Any] = []
    leads = [str(x) for x in _list(team.get("coordinators"))]
    for k, login in enumerate(leads):
        places.add(f"{pointer}/members/{len(members)}", text, f"{at}/coordinators/{k}")
        members.append({"person": login, "role": "coordinator"})
    for k, member in enumerate(_list(team.get("members"))):
        person = str(member.get("id")) if isinstance(member, dict) else str(member)
        if person in leads:
            continue
        places.add(f"{pointer}/members/{len(members)}", text, f"{at}/members/{k}")
        role = member.get("role") if isinstance(member, dict) else None
        members.append({"person": person, "role": str(role)} if role else person)
    if members:
        unit["members"] = members
    former = [str(x) for x in _list(team.get("former"))]
    for k in range(len(former)):
        places.add(f"{pointer}/former_members/{k}", text, f"{at}/former/{k}")
    if former:
        unit["former_members"] = former
    return unit


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []

"""rust-lang/team's ``include-*`` flags and ``included-teams``: members a team takes
from other teams, resolved as upstream's ``Team::members`` does (rust-lang/team,
docs/toml-schema.md): ``included-teams`` adds the members of each team named (and of
the teams those include), ``include-team-leads``, ``include-wg-leads`` and
``include-project-group-leads`` the leads of every team, working group or project
group, ``include-all-team-members`` the members of every team. Retired teams give
none. Upstream uses them for marker teams (lists, not units), but a team may use them
too, and then its members are these people as well."""
from __future__ import annotations

from typing import Any

#: flag -> the kind of team whose leads it includes
LEAD_FLAGS = {"include-team-leads": "team", "include-wg-leads": "working-group",
              "include-project-group-leads": "project-group"}
ALL_MEMBERS = "include-all-team-members"


def _people(data: dict) -> dict:
    people = data.get("people")
    return people if isinstance(people, dict) else {}


def _logins(value: Any) -> list[str]:
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str) and item:
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("github"), str) and item["github"]:
            out.append(item["github"])
    return out


def own_members(data: dict) -> list[str]:
    """A team's leads and members as its file lists them."""
    people = _people(data)
    return list(dict.fromkeys([*_logins(people.get("leads")), *_logins(people.get("members"))]))


def included(data: dict, teams: dict[str, dict], seen: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(login, the flag or key that brings them in) for the members a team includes;
    ``teams``: every current team's data by name, marker teams included."""
    people = _people(data)
    out: list[tuple[str, str]] = []
    names = people.get("included-teams")
    for name in names if isinstance(names, list) else []:
        other = teams.get(name) if isinstance(name, str) else None
        if other is None or name in seen:  # an unknown name is upstream's check; a loop adds nobody twice
            continue
        out += [(login, "included-teams") for login in own_members(other)]
        out += [(login, "included-teams") for login, _key in included(other, teams, seen | {name})]
    for flag, kind in LEAD_FLAGS.items():
        if people.get(flag) is True:
            out += [(login, flag) for team in teams.values() if team.get("kind", "team") == kind
                    for login in _logins(_people(team).get("leads"))]
    if people.get(ALL_MEMBERS) is True:
        out += [(login, ALL_MEMBERS) for team in teams.values() if team.get("kind", "team") != "marker-team"
                for login in own_members(team)]
    return out

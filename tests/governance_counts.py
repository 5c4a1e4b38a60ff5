"""Independent counts of the governance of org models kept as code, made with tomllib
and PyYAML only: no orgcheck code. Used by tests/test_governance_counts.py and
benchmarks/governance.py to set the governance rules' findings (OC010, OC509-OC512, OC514)
beside what the files say.

Each function returns the same keys, each a sorted list of names:

- ``one_person``: teams and groups whose leads and members are one person, with no
  sub-team that has anyone (OC509);
- ``leads_over``: people who lead more than ``max_led`` of them (OC510);
- ``members_over``: people who are a member (or lead) of more than ``max_members``, a
  sub-team of another team of theirs counting with it (OC511);
- ``without_lead``: teams and groups with members and no lead, whose parent team has no
  lead either, where the source names leads at all (OC512);
- ``former_and_current``: ``team/person`` pairs listed as alumni and as current (OC010);
- ``lead_not_member``: ``team/person`` pairs of a lead not among the members (OC514,
  where the source keeps leads apart from members);
- ``judged``: the teams and groups with anyone in them.
"""
from __future__ import annotations

import glob
import os
import sys
from collections import Counter

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RUST_KINDS = {"team", "working-group", "project-group"}


def _login(item) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get("github"), str):
        return item["github"]
    return None


def _verdicts(teams: dict[str, dict], parent: dict[str, str | None], max_led: int, max_members: int) -> dict:
    """teams: name -> {"leads": set, "members": set, "alumni": set} (known people only)."""
    people = {n: t["leads"] | t["members"] for n, t in teams.items()}
    has_sub_people = {n: False for n in teams}
    for n in teams:
        up, seen = parent.get(n), {n}
        while up in teams and up not in seen and people[n]:
            has_sub_people[up] = True
            seen.add(up)
            up = parent.get(up)
    led = Counter(p for t in teams.values() for p in t["leads"])
    belongs: dict[str, set] = {}
    for n, ps in people.items():
        for p in ps:
            belongs.setdefault(p, set()).add(n)

    def ancestors(n: str) -> set:
        out, up = set(), parent.get(n)
        while up in teams and up not in out:
            out.add(up)
            up = parent.get(up)
        return out

    # a sub-team of another team of theirs counts with it
    member = Counter({p: sum(1 for n in ns if not ancestors(n) & ns) for p, ns in belongs.items()})
    any_lead = any(t["leads"] for t in teams.values())
    return {
        "one_person": sorted(n for n in teams if len(people[n]) == 1 and not has_sub_people[n]),
        "leads_over": sorted(p for p, c in led.items() if c > max_led),
        "members_over": sorted(p for p, c in member.items() if c > max_members),
        "without_lead": sorted(n for n in teams if any_lead and people[n] and not teams[n]["leads"]
                               and not (parent.get(n) in teams and teams[parent[n]]["leads"])),
        "former_and_current": sorted(f"{n}/{p}" for n, t in teams.items() for p in t["alumni"] & people[n]),
        "lead_not_member": sorted(f"{n}/{p}" for n, t in teams.items() for p in t["leads"] - t["members"]),
        "judged": sorted(n for n in teams if people[n]),
    }


def rust_team(folder: str, max_led: int = 3, max_members: int = 5) -> dict:
    """A rust-lang/team checkout: the teams, working groups and project groups in teams/
    (not the marker teams, not teams/archive/), their people as GitHub logins."""
    known = set()
    for path in glob.glob(os.path.join(folder, "people", "*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        known.add(data.get("github") or os.path.splitext(os.path.basename(path))[0])
    teams, parent = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "teams", "*.toml"))):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        if data.get("kind", "team") not in RUST_KINDS:
            continue
        name = data.get("name") or os.path.splitext(os.path.basename(path))[0]
        listed = data.get("people") or {}
        teams[name] = {key: _known(listed.get(key), known) for key in ("leads", "members", "alumni")}
        parent[name] = data.get("subteam-of")
    return _verdicts(teams, parent, max_led, max_members)


def _known(items, known: set) -> set:
    return {x for x in map(_login, items or []) if x in known}


def _ref(value: str, kind: str) -> str:
    text = value.strip()
    if ":" in text.split("/", 1)[0]:
        kind, text = text.split(":", 1)
    namespace = "default"
    if "/" in text:
        namespace, text = text.split("/", 1)
    return f"{kind}:{namespace}/{text}".lower()


def backstage(folder: str, max_led: int = 3, max_members: int = 5) -> dict:
    """A folder of Backstage catalog files: Groups of `spec.type` team (or squad, circle)
    with their `spec.members` and the Users' `spec.memberOf`; a catalog names no leads."""
    groups, users, parent = {}, set(), {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.y*ml"), recursive=True)):
        with open(path, encoding="utf-8") as fh:
            for doc in yaml.safe_load_all(fh):
                if not isinstance(doc, dict) or not str(doc.get("apiVersion", "")).startswith("backstage.io/"):
                    continue
                name = _ref((doc.get("metadata") or {}).get("name", ""), doc.get("kind", "").lower())
                spec = doc.get("spec") or {}
                if doc.get("kind") == "Group":
                    groups[name] = {"type": spec.get("type"), "members": {_ref(m, "user") for m in
                                                                          spec.get("members") or []}}
                    if spec.get("parent"):
                        parent[name] = _ref(spec["parent"], "group")
                    for child in spec.get("children") or []:
                        parent[_ref(child, "group")] = name
                elif doc.get("kind") == "User":
                    users.add(name)
                    for g in spec.get("memberOf") or []:
                        groups.setdefault(_ref(g, "group"), {"type": None, "members": set()})
                        groups[_ref(g, "group")].setdefault("via", set()).add(name)
    teams = {n: {"leads": set(), "members": (g["members"] | g.get("via", set())) & users, "alumni": set()}
             for n, g in groups.items() if g["type"] in ("team", "squad", "circle")}
    return _verdicts(teams, parent, max_led, max_members)

"""Independent counts of org models kept as code, made with tomllib and PyYAML only:
no orgcheck code. Used by tests/test_teams_counts.py and benchmarks/realdata.py to set
orgcheck's ``stats`` figures beside what the files say.

Each function returns the same keys: ``units`` (current units), ``archived``,
``memberships`` (distinct unit and person pairs among current members, leads
included, whose person the source defines), ``dangling`` (pairs naming a person the
source does not define), ``people_in_several_units``, ``most_memberships``,
``units_with_lead``, ``leads`` (people who lead a unit) and ``former_memberships``.
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

LEAD_ROLES = {"lead", "chair", "tech-lead"}


def _load_yaml(path: str, many: bool = False):
    with open(path, encoding="utf-8") as fh:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return list(yaml.load_all(fh, Loader=loader)) if many else yaml.load(fh, Loader=loader)


def _summary(units: int, archived: int, pairs: set, leads: dict, former: int, known: set) -> dict:
    """The counts from (unit, person) pairs and unit -> its leads."""
    kept = {(u, p) for u, p in pairs if p in known}
    per_person = Counter(p for _u, p in kept)
    led = {u: {p for p in ps if p in known} for u, ps in leads.items()}
    return {"units": units, "archived": archived, "memberships": len(kept), "dangling": len(pairs) - len(kept),
            "people_in_several_units": sum(1 for n in per_person.values() if n > 1),
            "most_memberships": max(per_person.values(), default=0),
            "units_with_lead": sum(1 for ps in led.values() if ps),
            "leads": len(set().union(*led.values())) if led else 0, "former_memberships": former}


def rust_team(folder: str) -> dict:
    """A rust-lang/team checkout: teams (not marker teams) with their leads and members."""
    known = set()
    for path in glob.glob(os.path.join(folder, "people", "*.toml")):
        with open(path, "rb") as fh:
            person = tomllib.load(fh)
        known.add(person.get("github") or os.path.splitext(os.path.basename(path))[0])
    pairs, leads, former, units, archived = set(), {}, 0, 0, 0
    for retired, pattern in ((False, "*.toml"), (True, os.path.join("archive", "*.toml"))):
        for path in glob.glob(os.path.join(folder, "teams", pattern)):
            with open(path, "rb") as fh:
                team = tomllib.load(fh)
            if team.get("kind") == "marker-team":
                continue
            if retired:
                archived += 1
                continue
            units += 1
            people = team.get("people", {})
            name = team["name"]
            leads[name] = set(people.get("leads", []))
            pairs |= {(name, login) for login in people.get("leads", [])}
            pairs |= {(name, m if isinstance(m, str) else m["github"]) for m in people.get("members", [])}
            former += len({a if isinstance(a, str) else a["github"] for a in people.get("alumni", [])} & known)
    return _summary(units, archived, pairs, leads, former, known)


def k8s_sigs(path: str) -> dict:
    """kubernetes/community's sigs.yaml: groups and their subprojects; chairs and tech
    leads are the members the file names (all of them leads), emeritus leads former."""
    data = _load_yaml(path) or {}
    groups = [g for key in ("sigs", "workinggroups", "usergroups", "committees") for g in data.get(key) or []]
    pairs, leads, former = set(), {}, set()
    known = set()
    for g in groups:
        leadership = g.get("leadership") or {}
        for key in ("chairs", "tech_leads", "emeritus_leads"):
            for p in leadership.get(key) or []:
                known.add(p["github"])
                if key == "emeritus_leads":
                    former.add((g["dir"], p["github"]))
                else:
                    pairs.add((g["dir"], p["github"]))
                    leads.setdefault(g["dir"], set()).add(p["github"])
    units = len(groups) + sum(len(g.get("subprojects") or []) for g in groups)
    return _summary(units, 0, pairs, leads, len(former), known)


def backstage(folder: str) -> dict:
    """A Backstage catalog: Groups, and membership from a Group's members and a User's
    memberOf. A reference is ``[kind:][namespace/]name``: without a namespace, the
    referring entity's own; names compared without case."""
    def ref(value: str, namespace: str) -> str:
        value = value.split(":", 1)[-1] if ":" in value.split("/", 1)[0] else value
        return (value if "/" in value else f"{namespace}/{value}").lower()

    groups, users, pairs = set(), set(), set()
    for path in glob.glob(os.path.join(folder, "**", "*.y*ml"), recursive=True):
        for entity in _load_yaml(path, many=True):
            if not isinstance(entity, dict) or not str(entity.get("apiVersion", "")).startswith("backstage.io/"):
                continue
            spec, meta = entity.get("spec") or {}, entity.get("metadata") or {}
            namespace = meta.get("namespace") or "default"
            me = ref(meta["name"], namespace)
            if entity.get("kind") == "Group":
                groups.add(me)
                pairs |= {(me, ref(m, namespace)) for m in spec.get("members") or []}
            elif entity.get("kind") == "User":
                users.add(me)
                pairs |= {(ref(g, namespace), me) for g in spec.get("memberOf") or []}
    pairs = {(g, u) for g, u in pairs if g in groups}
    return _summary(len(groups), 0, pairs, {}, 0, users)

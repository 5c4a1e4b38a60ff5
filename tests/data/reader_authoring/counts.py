"""Independent counts of the mots and OpenStack governance copies: PyYAML only, no
orgcheck code, read as their SOURCE.md files describe the fields."""
from __future__ import annotations

from pathlib import Path

import yaml


def mots(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    modules = []

    def walk(items):
        for m in items or []:
            modules.append(m)
            walk(m.get("submodules"))

    walk(data["modules"])
    names = {m["name"] for m in modules}
    # "nobody" and an entry named like a module (the council owning modules) are no people
    people = {p["nick"] for p in data["people"] if p["nick"] != "nobody" and p["name"] not in names}
    members = {(m["machine_name"], p["nick"]) for m in modules for key in ("owners", "peers")
               for p in m.get(key) or [] if isinstance(p, dict) and p["nick"] in people}
    without_owner = [m["machine_name"] for m in modules
                     if not any(isinstance(p, dict) and p["nick"] in people for p in m.get("owners") or [])]
    return {"people": len(people), "units": len(modules), "memberships": len(members),
            "without_owner": without_owner,
            "owner_lines": {m["machine_name"]: _line_of(path, m["name"]) for m in modules}}


def _line_of(path: Path, name: str) -> int:
    """The line of a module's `name:` (the first key of its mapping, where it starts)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() in (f"- name: {name}", f"- name: '{name}'", f'- name: "{name}"'):
            return number
    raise AssertionError(f"no '- name: {name}' line")


def openstack(folder: Path) -> dict:
    ref = folder / "reference"
    tc = yaml.safe_load((ref / "members.yaml").read_text(encoding="utf-8"))
    projects = yaml.safe_load((ref / "projects.yaml").read_text(encoding="utf-8"))
    sigs = yaml.safe_load((ref / "sigs" / "sigs.yaml").read_text(encoding="utf-8"))
    names = [m["name"] for m in tc]
    for team in projects.values():
        if team.get("ptl"):
            names.append(team["ptl"]["name"])
        for kind, entries in (team.get("liaisons") or {}).items():
            if kind != "tc-liaison":
                names += [e["name"] for e in entries or [] if e.get("name")]
    for sig in sigs.values():
        names += [c["name"] for c in sig.get("chairs") or [] if c.get("name")]
    people = {" ".join(n.lower().split()) for n in names}
    without_lead = sorted([k for k, t in projects.items() if not t.get("ptl")]
                          + [f"sig-{k.lower()}" for k, s in sigs.items() if not s.get("chairs")])
    return {"people": len(people), "units": 1 + len(projects) + len(sigs), "teams": len(projects),
            "sigs": len(sigs), "without_lead": without_lead,
            "distributed": sorted(k for k, t in projects.items() if t.get("leadership_type") == "distributed")}

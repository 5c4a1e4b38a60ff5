"""OpenStack's governance repository: the Technical Committee, project teams and SIGs."""
import os

import orgcheck
from orgcheck.io.safe_io import read_bytes

FORMAT = "openstack"
FILES = {"tc": "reference/members.yaml", "projects": "reference/projects.yaml", "sigs": "reference/sigs/sigs.yaml"}
#: the TC's membership is complete, a team's is not (a PTL and liaisons): no team sizes
EXPRESSES = frozenset({"people", "units", "unit_purposes"})


def claims(path):
    return all(os.path.isfile(os.path.join(path, FILES[k])) for k in ("projects", "tc"))


@orgcheck.hookimpl
def orgcheck_input_formats():
    return {FORMAT: {"options": {"liaisons": True}}}


@orgcheck.hookimpl
def orgcheck_claim_folder(path):
    return True if claims(path) else None


@orgcheck.hookimpl
def orgcheck_load(source, options):
    if source.input_format not in (None, FORMAT) or source.path == "-" or not os.path.isdir(source.path):
        return None
    if not claims(source.path):
        if source.input_format == FORMAT:
            raise orgcheck.ReaderError("not an OpenStack governance checkout: no reference/projects.yaml")
        return None
    texts, problems = {}, []
    for key, name in FILES.items():
        path = os.path.join(source.path, name)
        if os.path.isfile(path):
            texts[key] = orgcheck.load_yaml(read_bytes(path), path)
            if texts[key].parse_error:
                e = texts[key].parse_error
                problems.append(orgcheck.ParseProblem(e.message, e.line, e.column, path))
                del texts[key]
    places = orgcheck.SourceMap()
    people, units = {}, []  # people by id, in the order first met

    def person(entry, text, at):
        """The id of the person an entry names (created on first mention), or None."""
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            return None
        pid = "-".join(name.lower().split())
        if pid not in people:
            places.add(f"/people/{len(people)}", text, at)
            people[pid] = {"id": pid, "name": name.strip()}
        return pid

    def unit(uid, name, kind, text, at, parent=None, purpose=None, purpose_at=None):
        j = len(units)
        units.append({"id": uid, "name": name, "type": kind, **({"parent": parent} if parent else {})})
        places.add(f"/units/{j}", text, at, key=True)  # at the line naming the team, "nova:"
        if isinstance(purpose, str) and purpose.strip():
            units[j]["purpose"] = " ".join(purpose.split())
            places.add(f"/units/{j}/purpose", text, purpose_at)
        return units[j], j

    def member(u, j, entry, role, text, at):
        pid = person(entry, text, at)
        members = u.setdefault("members", [])
        if pid and all(m["person"] != pid for m in members):
            places.add(f"/units/{j}/members/{len(members)}", text, at)
            members.append({"person": pid, "role": role})

    tc = texts.get("tc")
    if tc is not None:
        u, j = unit("technical-committee", "Technical Committee", "organization", tc, "")
        for i, entry in enumerate(tc.data or []):
            member(u, j, entry, "chair" if entry.get("role") == "chair" else "member", tc, f"/{i}")
    projects = texts.get("projects")
    for name, team in (projects.data or {}).items() if projects is not None else ():
        at = "/" + name.replace("~", "~0").replace("/", "~1")
        u, j = unit(name, name, "team", projects, at, "technical-committee", team.get("mission"), f"{at}/mission")
        if isinstance(team.get("ptl"), dict):
            member(u, j, team["ptl"], "lead", projects, f"{at}/ptl")
        if options[FORMAT]["liaisons"]:
            for kind, entries in (team.get("liaisons") or {}).items():
                if kind == "tc-liaison":  # a TC member looking after the team, not one of it
                    continue
                for k, entry in enumerate(entries or []):
                    member(u, j, entry, f"{kind}-liaison", projects, f"{at}/liaisons/{kind}/{k}")
    sigs = texts.get("sigs")
    for name, sig in (sigs.data or {}).items() if sigs is not None else ():
        at = "/" + name.replace("~", "~0").replace("/", "~1")
        u, j = unit(f"sig-{name.lower()}", f"{name} SIG", "working-group", sigs, at, "technical-committee",
                    sig.get("scope"), f"{at}/scope")
        for k, entry in enumerate(sig.get("chairs") or []):
            member(u, j, entry, "chair", sigs, f"{at}/chairs/{k}")
    data = {"organization": {"id": "openstack", "name": "OpenStack"}, "people": list(people.values()),
            "units": units}
    return orgcheck.Document(source.path, data, locator=places, files=places.files, expresses=EXPRESSES,
                             source_name="OpenStack's governance data", located_problems=problems)

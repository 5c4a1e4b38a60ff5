"""Mozilla's module ownership file (mots.yaml): modules as units, owners and peers."""
import orgcheck

FORMAT = "mots"
#: a module names its owners and peers, not every contributor: team sizes cannot be judged
EXPRESSES = frozenset({"people", "units", "unit_purposes"})


@orgcheck.hookimpl
def orgcheck_input_formats():
    return {FORMAT: {"patterns": ["mots.yaml"], "options": {"unit_type": "team"}}}


@orgcheck.hookimpl(tryfirst=True)  # before the YAML reader, which takes every .yaml file
def orgcheck_load(source, options):
    by_name = source.input_format is None and source.path.replace("\\", "/").rsplit("/", 1)[-1] == "mots.yaml"
    if source.input_format != FORMAT and not by_name:
        return None
    text = orgcheck.load_yaml(source.data, source.path)
    if text.parse_error or not isinstance(text.data, dict):
        return text  # an OC001 finding where the YAML went wrong
    places = orgcheck.SourceMap()
    modules = {}  # module name -> machine name, for a module that owns another

    def collect(module_list):
        for m in module_list or []:
            modules[m.get("name")] = m.get("machine_name")
            collect(m.get("submodules"))

    collect(text.data.get("modules"))
    people, nick_of = [], {}  # id() of a person mapping (every alias of it shares it) -> nick
    owner_module = {}  # id() of a person entry that stands for a module -> that module
    for i, entry in enumerate(text.data.get("people") or []):
        if entry.get("nick") == "nobody":  # the placeholder of an ownerless module
            continue
        if entry.get("name") in modules:  # "Thunderbird Council": a module as an owner
            owner_module[id(entry)] = modules[entry["name"]]
            continue
        nick_of[id(entry)] = entry.get("nick") or str(entry.get("bmo_id"))
        places.add(f"/people/{len(people)}", text, f"/people/{i}")
        people.append({"id": nick_of[id(entry)], "name": entry.get("name") or nick_of[id(entry)]})
    units = []

    def add(module, at, parent):
        j = len(units)
        unit = {"id": module["machine_name"], "name": module["name"], "type": options[FORMAT]["unit_type"]}
        places.add(f"/units/{j}", text, at)
        owners = [o for o in module.get("owners") or [] if isinstance(o, dict)]
        parent = next((owner_module[id(o)] for o in owners if id(o) in owner_module), parent)
        if parent:
            unit["parent"] = parent
        if isinstance(module.get("description"), str) and module["description"].strip():
            unit["purpose"] = module["description"].strip()
            places.add(f"/units/{j}/purpose", text, f"{at}/description")
        members, former = [], []
        for key, role in (("owners", "lead"), ("peers", "peer")):
            for k, entry in enumerate(module.get(key) or []):
                nick = nick_of.get(id(entry))
                if nick and nick not in [m["person"] for m in members]:
                    places.add(f"/units/{j}/members/{len(members)}", text, f"{at}/{key}/{k}")
                    members.append({"person": nick, "role": role})
        meta = module.get("meta") or {}
        for key in ("owners_emeritus", "peers_emeritus"):
            for k, entry in enumerate(meta.get(key) or []):
                nick = nick_of.get(id(entry))  # an emeritus by name only has no record: left out
                if nick and nick not in former:
                    places.add(f"/units/{j}/former_members/{len(former)}", text, f"{at}/meta/{key}/{k}")
                    former.append(nick)
        if members:
            unit["members"] = members
        if former:
            unit["former_members"] = former
        units.append(unit)
        for k, sub in enumerate(module.get("submodules") or []):
            add(sub, f"{at}/submodules/{k}", module["machine_name"])

    for i, module in enumerate(text.data.get("modules") or []):
        add(module, f"/modules/{i}", None)
    repo = str(text.data.get("repo") or "mots")
    data = {"organization": {"id": repo, "name": repo}, "people": people, "units": units}
    return orgcheck.Document(source.path, data, locator=places, files=places.files,
                             expresses=EXPRESSES, source_name="a mots file")

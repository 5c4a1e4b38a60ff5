"""The model's public queries (orgcheck.model): what a plugin author builds rules on."""
from hypothesis import given, settings
from hypothesis import strategies as st

from orgcheck.model import Org, build
from orgcheck.run import guard
from orgcheck.testing import org_model

PEOPLE = [{"id": "ceo"}, {"id": "a", "reports_to": "ceo"}, {"id": "b", "reports_to": "ceo"},
          {"id": "a1", "reports_to": "a"}, {"id": "a2", "reports_to": "a"},
          {"id": "band", "reports_to": "a", "fte": 3.5, "x-aggregate": True},
          {"id": "x", "reports_to": "y"}, {"id": "y", "reports_to": "x"}, {"id": "x1", "reports_to": "x"}]


def model():
    return org_model({"units": [{"id": "all"}, {"id": "left", "parent": "all", "lead": "a"},
                                {"id": "right", "parent": "all"}],
                      "people": [dict(p, unit="left") if p["id"].startswith("a") else p for p in PEOPLE]})


def test_superiors_in_trees_and_loops():
    org = model()
    p = {x.id: x for x in org.people}
    assert org.is_superior(p["ceo"], p["a1"]) and org.is_superior(p["a"], p["band"])
    assert not org.is_superior(p["a1"], p["ceo"]) and not org.is_superior(p["b"], p["a1"])
    assert not org.is_superior(p["a"], p["a"])
    # a loop: x and y are above each other and above x1, nobody is above themselves
    assert org.is_superior(p["x"], p["y"]) and org.is_superior(p["y"], p["x"]) and org.is_superior(p["y"], p["x1"])
    assert [c[0].id for c in org.reporting_cycles] == ["x"]
    left = org.people_of(org["left"])
    assert org.is_superior_of_any(p["ceo"], left) and not org.is_superior_of_any(p["b"], left)
    assert not org.is_superior_of_any(p["a1"], left)  # a peer, not a superior
    assert org.is_superior_of_any(p["y"], (p["x"],)) and not org.is_superior_of_any(p["x1"], (p["x"],))


def test_lowest_common_superior_and_subtree():
    org = model()
    p = {x.id: x for x in org.people}
    assert org.lowest_common_superior(p["a1"], p["a2"]) is p["a"]
    assert org.lowest_common_superior(p["a1"], p["b"]) is p["ceo"]
    assert org.lowest_common_superior(org["left"], p["b"]) is p["ceo"]  # a unit by its lead
    assert org.lowest_common_superior(p["a1"], p["x1"]) is None  # no shared tree
    assert [q.id for q in org.subtree(p["a"])] == ["a", "a1", "a2", "band"]


def test_lists_are_clean_and_aggregates_are_staff_not_reports():
    org = org_model({"people": [*PEOPLE, {"id": "a1", "name": "A later duplicate"}]})
    assert [d.entity.name for d in org.duplicates] == ["A later duplicate"]
    assert [q.id for q in org.people].count("a1") == 1
    a = org["a"]
    assert [r.id for r in a.reports] == ["a1", "a2"] and [s.id for s in a.staff] == ["band"]
    assert (a.span, a.staff_below, a.bands_below) == (2, 4, 1)
    assert [m.id for m in org.managers()] == ["ceo", "a"]  # x and y are in a loop: OC004's
    assert org.headcount() == len(PEOPLE) - 1 + 4  # the band counts as ceil(3.5) people


def test_unit_containment_on_and_below_loops_of_units():
    # u1 -> u2 -> u3 -> u1 is a loop with a branch u4 < u3 and u5 < u4 below it; u6 and u7
    # are another loop; "top" heads a plain tree. A unit on a loop lies within every unit
    # of it; a unit on the branch lies within the units above it on the branch and the loop.
    org = org_model({"units": [{"id": "u1", "parent": "u3"}, {"id": "u2", "parent": "u1"},
                               {"id": "u3", "parent": "u2"}, {"id": "u4", "parent": "u3"},
                               {"id": "u5", "parent": "u4"}, {"id": "u6", "parent": "u7"},
                               {"id": "u7", "parent": "u6"}, {"id": "top"}, {"id": "low", "parent": "top"}],
                     "people": [{"id": "p5", "unit": "u5"}, {"id": "p2", "unit": "u2"}]})
    u = {x.id: x for x in org.units}
    inside = {(a, b) for a in u for b in u if a != b and u[a].contains(u[b])}
    on_loop = {"u1", "u2", "u3"}
    expected = ({(a, b) for a in on_loop for b in on_loop | {"u4", "u5"} if a != b}
                | {("u4", "u5"), ("u6", "u7"), ("u7", "u6"), ("top", "low")})
    assert inside == expected
    p = {x.id: x for x in org.people}
    assert u["u4"].contains(p["p5"]) and u["u1"].contains(p["p5"]) and not u["u4"].contains(p["p2"])


ORDERED = {
    "units": [{"id": "u"}],
    "roles": [{"id": "r"}],
    # b1 and b3 name a manager further down the file, orphan one that does not exist
    "people": [{"id": "b1", "reports_to": "boss", "unit": "u", "roles": ["r"]},
               {"id": "boss", "unit": "u", "roles": ["r"]},
               {"id": "b2", "reports_to": "boss", "unit": "u", "roles": ["r"]},
               {"id": "b3", "reports_to": "late", "unit": "u"},
               {"id": "late", "reports_to": "boss"},
               {"id": "b4", "reports_to": "boss", "unit": "u", "roles": ["r", "r"]},
               {"id": "orphan", "reports_to": "nobody"}, {"id": "top2"}],
    "processes": [{"id": "p", "owner": "u", "steps": [{"id": "s1", "performer": "u"}, {"id": "s2", "performer": "b2"},
                                                       {"id": "s3", "kind": "approval", "performer": "boss"}],
                   "flows": [{"from": "s1", "to": "s2"}, {"from": "s2", "to": "s3"},
                             {"from": "s3", "to": "s1", "kind": "feedback"}]},
                  {"id": "q", "owner": "u", "steps": [{"id": "t1", "performer": "u"}, {"id": "t2", "performer": "u"}],
                   "flows": [{"from": "t1", "to": "t2"}, {"from": "t2", "to": "s1"}]}],
}


def _lists(org):
    p = {x.id: x for x in org.people}
    ids = lambda xs: [x.id for x in xs]  # noqa: E731
    return {"reports": ids(p["boss"].reports), "late": ids(p["late"].reports), "members": ids(org["u"].members),
            "holders": ids(org["r"].holders), "roles": ids(p["b4"].roles), "tops": ids(org.tops()),
            "subtree": ids(org.subtree(p["boss"])), "layers": [p[i].layer for i in ("boss", "b1", "late", "b3")],
            "after": {s.id: ids(s.successors()) for s in org.steps}, "before": ids(org["s1"].predecessors("feedback")),
            "unknown": [(u.pointer, u.ref) for u in org.unknown_references]}


def test_people_and_flows_join_their_lists_in_document_order_whatever_the_file_order():
    # People naming a manager further down the file are resolved after the others: the
    # lists they join still read in the document's order, in any order of the sections.
    expected = {"reports": ["b1", "b2", "late", "b4"], "late": ["b3"], "members": ["b1", "boss", "b2", "b3", "b4"],
                "holders": ["b1", "boss", "b2", "b4"], "roles": ["r", "r"], "tops": ["boss", "orphan", "top2"],
                "subtree": ["boss", "b1", "b2", "late", "b3", "b4"], "layers": [1, 2, 2, 3],
                "after": {"s1": ["s2"], "s2": ["s3"], "s3": [], "t1": ["t2"], "t2": []}, "before": ["s3"],
                "unknown": [("/people/6/reports_to", "nobody"), ("/processes/1/flows/1/to", "s1")]}
    assert _lists(org_model(dict(ORDERED))) == expected
    reordered = {key: ORDERED[key] for key in ("processes", "people", "roles", "units")}
    assert _lists(org_model(reordered)) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=11)), min_size=1, max_size=12))
def test_above_one_person_reads_as_above_a_group_of_one(managers):
    """is_superior_of_any answers for one person by two comparisons, without indexing the
    group: the same answer as the group index, loops and people on them included."""
    people = [{"id": f"p{i}", "name": f"P{i}", **({} if m is None else {"reports_to": f"p{m % len(managers)}"})}
              for i, m in enumerate(managers)]
    org = Org({"schema_version": 1, "organization": {"id": "o", "name": "O"}, "people": people})
    for a in org.people:
        for b in org.people:
            assert org.is_superior_of_any(a, (b,)) == org.reporting_lines.is_above_any(a, (b,)) \
                == org.is_superior(a, b)


def _person(i, spec, n):
    """A generated person: ``spec`` picks its id (a repeated one is a later duplicate),
    manager (further down the file, unknown, itself, or none), unit, roles (unknown and
    repeated ones too), dotted lines and whether it is an aggregate position."""
    pid, manager, unit, roles, dotted, aggregate = spec
    person = {"id": f"p{pid % n}" if pid < 2 * n else "u0"}  # "u0": a unit's id, a duplicate
    if manager is not None:
        person["reports_to"] = f"p{manager}" if manager < n + 2 else "r0"  # p{n}, p{n+1}: unknown
    if unit is not None:
        person["unit"] = ("u0", "u1", "nowhere", "p0")[unit]
    if roles is not None:
        person["roles"] = [("r0", "r1", "rx", "u1")[r] for r in roles]  # u1: a unit, and a later role's id
    if dotted is not None:
        person["dotted_to"] = [f"p{d}" for d in dotted]
    if aggregate:
        person["x-aggregate"], person["fte"] = True, 2.5
    return person


def _expected(people):
    """The model's relations as its docs define them, computed the plain way: the first
    entity of an id wins, a later one joins nothing, a reference to nothing of the right
    kind is dropped, each list in document order."""
    first = {"u0": "unit", "u1": "unit", "r0": "role", "r1": "role"}
    live = []
    for i, p in enumerate(people):
        if p["id"] not in first:
            first[p["id"]] = i
            live.append(i)

    def person(ref):
        found = first.get(ref)
        return found if isinstance(found, int) else None

    manager = {i: person(people[i].get("reports_to")) for i in live}
    manager = {i: (None if m == i else m) for i, m in manager.items()}
    out = {}
    for i in live:
        p = people[i]
        below = [j for j in live if manager[j] == i]
        out[p["id"]] = {
            "reports": [people[j]["id"] for j in below if "x-aggregate" not in people[j]],
            "staff": [people[j]["id"] for j in below if "x-aggregate" in people[j]],
            "roles": [r for r in p.get("roles") or () if first.get(r) == "role"],
            "dotted_to": [d for d in p.get("dotted_to") or () if person(d) is not None],
            "unit": p.get("unit") if first.get(p.get("unit")) == "unit" else None,
            "manager": None if manager[i] is None else people[manager[i]]["id"],
        }
    members = {u: [people[i]["id"] for i in live if out[people[i]["id"]]["unit"] == u] for u in ("u0", "u1")}
    holders = {r: [people[i]["id"] for i in live if r in out[people[i]["id"]]["roles"]] for r in ("r0", "r1")}
    return out, members, holders


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 24), st.one_of(st.none(), st.integers(0, 13)),
                          st.one_of(st.none(), st.integers(0, 3)),
                          st.one_of(st.none(), st.lists(st.integers(0, 3), max_size=3)),
                          st.one_of(st.none(), st.lists(st.integers(0, 13), max_size=2)), st.booleans()),
                min_size=1, max_size=12), st.sampled_from([0, 1, 64]))
def test_people_join_their_relations_as_the_docs_define_them(specs, few_late):
    """Both passes of the build (a person resolved while read, or after, for a manager
    further down the file) give what the plain definition gives, on loops, duplicates,
    unknown and forward references and aggregate positions; every relation a rule
    reads is a tuple already (the freeze does not walk the people). ``few_late``: the
    lists the second pass leaves out of order are sorted again, or each of its people
    put in place."""
    n = len(specs)
    people = [_person(i, spec, n) for i, spec in enumerate(specs)]
    before, build._FEW_LATE = build._FEW_LATE, few_late
    try:
        org = Org({"schema_version": 1, "organization": {"id": "o", "name": "O"},
                   "units": [{"id": "u0"}, {"id": "u1"}], "roles": [{"id": "r0"}, {"id": "r1"}, {"id": "u1"}],
                   "people": people})
    finally:
        build._FEW_LATE = before
    expected, members, holders = _expected(people)
    ids = lambda xs: [x.id for x in xs]  # noqa: E731
    got = {p.id: {"reports": ids(p.reports), "staff": ids(p.staff), "roles": ids(p.roles),
                  "dotted_to": ids(p.dotted_to), "unit": p.unit and p.unit.id,
                  "manager": p.manager and p.manager.id} for p in org.people}
    assert got == expected
    assert {u: ids(org[u].members) for u in members} == members
    assert {r: ids(org[r].holders) for r in holders} == holders
    # managers(), from the people the build gave reports or staff: its docs' definition
    assert org.managers() == [p for p in org.people if (p.reports or p.staff) and not org.in_reporting_loop(p)]
    for p in [*org.people, *(d.entity for d in org.duplicates if d.entity.entity_kind == "person")]:
        assert all(type(getattr(p, field)) is tuple for field in ("reports", "staff", "roles", "dotted_to"))


_STEP = st.tuples(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 4)))  # id, performer
_FLOW = st.tuples(st.integers(0, 6), st.integers(0, 6), st.booleans())  # from, to (s6: unknown), feedback
_PROCESS = st.tuples(st.integers(0, 3), st.lists(_STEP, min_size=1, max_size=3), st.lists(_FLOW, max_size=4))
_METRIC = st.tuples(st.integers(0, 2), st.one_of(st.none(), st.integers(0, 4)), st.one_of(st.none(), st.integers(0, 6)))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PROCESS, min_size=1, max_size=4), st.lists(_METRIC, max_size=4))
def test_processes_resolve_as_the_docs_define_them(processes, metrics):
    """Processes resolved while read (all they name known already) or after (a flow's end
    in another process, a performer or step further down or unknown, duplicate ids)
    give the plain definition's steps, flows, successors and metrics, as tuples."""
    performers = ("u0", "p0", "s0", "nobody")
    doc = {"schema_version": 1, "organization": {"id": "o", "name": "O"}, "units": [{"id": "u0"}],
           "processes": [{"id": f"p{pid}", "steps": [
               {"id": f"s{sid}", **({} if who is None or who > 3 else {"performer": performers[who]})}
               for sid, who in steps], "flows": [
               {"from": f"s{a}", "to": f"s{b}", **({"kind": "feedback"} if back else {})} for a, b, back in flows]}
               for pid, steps, flows in processes],
           "metrics": [{"id": f"m{mid}", **({} if proc is None else {"process": f"p{proc}"}),
                        **({} if step is None else {"step": f"s{step}"})} for mid, proc, step in metrics]}
    org = Org(doc)
    # the plain definition: the first entity of an id wins, steps registered after their process
    first = {"u0": ("unit",)}
    for i, (pid, steps, _flows) in enumerate(processes):
        first.setdefault(f"p{pid}", ("process", i))
        for j, (sid, _who) in enumerate(steps):
            first.setdefault(f"s{sid}", ("step", i, j))
    live = [i for i, (pid, _s, _f) in enumerate(processes) if first[f"p{pid}"] == ("process", i)]
    # each live process's own steps (a later duplicate id is not one), by their place in the file
    places = {i: [("step", i, j) for j, (sid, _w) in enumerate(processes[i][1]) if first[f"s{sid}"] == ("step", i, j)]
              for i in live}
    ends, after = {}, {}
    for i in live:
        for k, (a, b, back) in enumerate(processes[i][2]):
            source, target = (first.get(f"s{x}") for x in (a, b))
            source = source if source and source[0] == "step" and source[1] == i else None
            target = target if target and target[0] == "step" and target[1] == i else None
            ends[i, k] = (source and f"s{a}", target and f"s{b}")
            if source and target and not back:
                after.setdefault(source, []).append(f"s{b}")
    measured = {i: [] for i in live}
    for k, (mid, proc, step) in enumerate(metrics):
        found = first.get(f"p{proc}") if proc is not None else None
        at = first.get(f"s{step}") if step is not None else None
        found = found if found and found[0] == "process" else None
        at = at if at and at[0] == "step" else None
        if at and found is None and proc is None:
            found = ("process", at[1])
        if first.setdefault(f"m{mid}", ("metric", k)) == ("metric", k) and found and found[1] in measured:
            measured[found[1]].append(f"m{mid}")
    ids = lambda xs: [x.id for x in xs]  # noqa: E731
    assert [p.id for p in org.processes] == [f"p{processes[i][0]}" for i in live]
    made = dict(zip(live, org.processes, strict=True))
    assert {i: ids(p.steps) for i, p in made.items()} == {
        i: [f"s{processes[i][1][j][0]}" for _, _, j in at] for i, at in places.items()}
    assert {(i, k): (f.source and f.source.id, f.target and f.target.id)
            for i, p in made.items() for k, f in enumerate(p.flows)} == ends
    for i, p in made.items():
        for place, step in zip(places[i], p.steps, strict=True):
            assert ids(step.successors()) == after.get(place, [])
    assert {i: ids(p.metrics) for i, p in made.items()} == measured
    for p in org.processes:
        assert all(type(getattr(p, field)) is tuple for field in ("steps", "flows", "metrics"))


def test_the_frozen_model_holds_no_relation_a_rule_could_change():
    """As the engine runs rules: after the freeze no entity's relation is a list, so one
    rule cannot change what the next sees. The freeze converts units', roles' and
    metrics' lists; people's and processes' relations are tuples from the build (it
    no longer walks them), on both passes of the build."""
    doc = dict(ORDERED)
    doc["people"] = [*ORDERED["people"], {"id": "band", "reports_to": "b2", "x-aggregate": True, "fte": 2},
                     {"id": "dot", "reports_to": "boss", "dotted_to": ["late", "b1"], "roles": ["r", "r"]}]
    doc["units"] = [{"id": "u"}, {"id": "sub", "parent": "u"}]
    doc["metrics"] = [{"id": "m", "process": "p", "visible_to": ["u", "boss"]}]
    org = org_model(doc)
    guard.freeze(org)
    relations = {"people": ("reports", "staff", "roles", "dotted_to"), "units": ("children", "members"),
                 "roles": ("holders",), "processes": ("steps", "flows", "metrics"), "metrics": ("visible_to",)}
    seen = {}
    for section, fields in relations.items():
        for entity in getattr(org, section):
            for field in fields:
                value = getattr(entity, field)
                assert not isinstance(value, list), (entity, field)
                seen[section, field] = seen.get((section, field), 0) + len(value)
    assert all(seen.values()), seen  # each relation held someone: none passed for being empty

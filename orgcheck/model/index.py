"""The first pass of building the model: each entity made and indexed by id, and
resolved at once where all it names is indexed already.

A reference found now is the one found later, the first entity of an id winning, and an
entity is fresh in memory now: a second pass over a million people costs as much again
as the first. What does not resolve yet waits for the second pass (``build``), which
also reports what does not resolve at all, in document order.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgcheck.model.entities import (
    _NONE,
    SECTIONS,
    DuplicateId,
    Entity,
    Flow,
    Interaction,
    Metric,
    Person,
    Process,
    Step,
    Unit,
    UnknownReference,
)

# the kinds of entity a process's owner, its customer and a step's performer may name
_OWNER_KINDS = ("unit", "role", "person")
_CUSTOMER_KINDS = ("external", "unit", "person")
_PERFORMER_KINDS = ("person", "unit", "role", "external")


class Index:
    """The indexing half of ``Org`` (``References`` resolves what is left)."""

    # Set by Org.__init__; declared here, where they are built, for the type checker.
    data: dict[str, Any]
    people: list[Person]
    units: list[Unit]
    processes: list[Process]
    steps: list[Step]
    metrics: list[Metric]
    interactions: list[Interaction]
    duplicates: list[DuplicateId]
    unknown_references: list[UnknownReference]
    reporting_cycles: list[list[Person]]
    unit_cycles: list[list[Unit]]
    eliminated: frozenset[str]
    _staffed: bool
    # Any: an entity's kind is told by its ``entity_kind`` string (one comparison per
    # reference, cheaper than isinstance for a million people), which mypy cannot follow.
    _by_id: dict[str, Any]
    _dead: frozenset[int]
    _unresolved_processes: set[int]  # ids of the processes _resolve still has to resolve
    _unresolved_people: list[Person]  # the people _resolve still has to resolve
    _listing_people: list[Person]  # the people with a member_of list
    #: the entities whose object holds ``waivers``, in document order (later duplicates
    #: too): the few the waivers stage reads, noted while each object is read anyway
    waiver_holders: list[Entity]
    _owners: dict[str, dict[str, Any]]  # entity kind -> the entities of that kind that own their id, by id
    _aggregates: bool  # whether any person is an aggregate position (a count other than 1)
    _tops: list[Person]  # the people who report to no one, in document order
    _managing: list[Person]  # the people given a list of reports or staff (tuples once built: _settle)
    _measured: list[Process]  # the processes given a list of metrics (tuples once built: _settle)

    def _sections(self) -> Iterator[tuple[str, type[Entity], list]]:
        """(key, entity class, items) of each section of the document that is a list of
        entities, in the document's order: the order entities are indexed in."""
        for key, items in self.data.items():
            cls = SECTIONS.get(key)
            if cls is not None and isinstance(items, list):
                yield key, cls, items

    def _index(self) -> None:
        by_id = self._by_id
        setdefault = by_id.setdefault
        duplicates = self.duplicates
        for key, cls, items in self._sections():
            if cls is Process:
                self._index_processes(items)
                continue
            if cls is Person:
                self._index_people(items)
                continue
            append = getattr(self, key).append
            own = self._owners.setdefault(cls.entity_kind, {})
            for i, raw in enumerate(items):
                entity: Any = cls(raw, i)
                append(entity)
                if "waivers" in raw:
                    self.waiver_holders.append(entity)
                # the first entity with an id keeps it; a later one is a duplicate (OC003)
                first = setdefault(entity.id, entity)
                if first is not entity:
                    duplicates.append(DuplicateId(entity, first))
                else:
                    own[entity.id] = entity

    def _index_people(self, items: list) -> None:
        """People, each resolved right away when all it names is indexed already (its
        manager above it in the file, its unit, roles and dotted lines): an entity found
        now is the one found later, the first of an id winning, and a person is fresh in
        memory now (a second pass over a million people costs as much again). The others
        wait for ``_resolve`` (``_unresolved_people``), which reports what does not
        resolve and puts the lists they join back in document order."""
        by_id = self._by_id
        get, setdefault = by_id.get, by_id.setdefault
        # A unit or role a person names is looked up among the units and roles that own
        # their id (a few thousand, in the processor's cache) rather than among every id
        # (a million people's, mostly not): 0.3 s less on a million people. Not found
        # there, the person waits for ``_resolve``, which tells a missing id from another kind's.
        unit_of, role_of = self._owners.get("unit", {}).get, self._owners.get("role", {}).get
        duplicates, cycles = self.duplicates, self.reporting_cycles
        append = self.people.append
        later = self._unresolved_people.append
        listing = self._listing_people.append
        waived = self.waiver_holders.append
        top = self._tops.append
        managing = self._managing.append
        staffed = aggregates = False
        for i, raw in enumerate(items):
            person = Person(raw, i)
            append(person)
            first = setdefault(person.id, person)
            if first is not person:
                duplicates.append(DuplicateId(person, first))
            if "member_of" in raw:
                listing(person)
            if "waivers" in raw:
                waived(person)
            manager = unit = None
            ref = raw.get("reports_to")
            if ref is not None:
                manager = get(ref)
                if manager is None or manager.entity_kind != "person":
                    later(person)
                    continue
            ref = raw.get("unit")
            if ref is not None:
                unit = unit_of(ref)
                if unit is None:
                    later(person)
                    continue
            held = raw.get("roles")
            roles: Any = _NONE  # the shared empty tuple stands for an empty list
            if held:
                if len(held) == 1:  # the common case, without a generator
                    role = role_of(held[0])
                    if role is None:
                        later(person)
                        continue
                    roles = role._alone
                else:
                    roles = tuple([role_of(ref) for ref in held])
                    if None in roles:
                        later(person)
                        continue
            dotted: Any = _NONE
            if "dotted_to" in raw:
                dotted = tuple([get(ref) for ref in raw["dotted_to"] or ()])
                if not all(other is not None and other.entity_kind == "person" for other in dotted):
                    later(person)
                    continue
            person.manager, person.unit, person.roles, person.dotted_to = manager, unit, roles, dotted
            if first is not person:
                continue  # a later duplicate is reported and otherwise ignored: it joins no index
            # References._join, inlined (see its docstring: keep the two alike)
            if manager is person:
                person.manager = manager = None
                cycles.append([person])
            if manager is None:
                top(person)
                if person.aggregate:
                    aggregates = True
            elif person.aggregate:  # staff below its post, not a direct report
                aggregates = staffed = True
                if manager.staff:
                    manager.staff.append(person)
                else:
                    manager.staff = [person]
                    managing(manager)
            else:
                below = manager.reports
                if below:
                    below.append(person)
                else:
                    manager.reports = [person]
                    managing(manager)
            if unit is not None:
                unit.members.append(person)
            if len(roles) == 1:
                roles[0].holders.append(person)
            else:
                for role in dict.fromkeys(roles):
                    role.holders.append(person)
        self._staffed |= staffed
        self._aggregates |= aggregates

    def _index_processes(self, items: list) -> None:
        """Processes with their steps (registered right after their process) and flows.

        A process whose references all resolve to what is indexed so far (its owner and
        customer, its steps' performers, its flows' ends among its own steps) is resolved
        here, while its objects are fresh: an entity found now is the one found later
        (the first of an id wins), and a process's flows link only its own steps. Any
        other process waits for ``_resolve``, which reports what does not resolve, in
        document order as before."""
        by_id = self._by_id
        get, setdefault = by_id.get, by_id.setdefault
        duplicates = self.duplicates
        append, add_steps = self.processes.append, self.steps.extend
        waived = self.waiver_holders.append
        unresolved = self._unresolved_processes
        owners, customers, performs = _OWNER_KINDS, _CUSTOMER_KINDS, _PERFORMER_KINDS

        def found_now(entity: Any, raw: dict, field: str, kinds: tuple[str, ...]) -> bool:
            """Set ``entity.field`` to what ``raw`` names there, when that is indexed
            already and of ``kinds``; False when it is not (``_resolve`` settles it)."""
            ref = raw.get(field)
            if ref is None:
                return True
            found = get(ref)
            if found is not None and found.entity_kind in kinds:
                setattr(entity, field, found)
                return True
            return False
        for i, raw in enumerate(items):
            process = Process(raw, i)
            append(process)
            if "waivers" in raw:
                waived(process)
            first = setdefault(process.id, process)
            if first is not process:
                duplicates.append(DuplicateId(process, first))
            resolved = found_now(process, raw, "owner", owners) & found_now(process, raw, "customer", customers)
            steps: list[Step] = []
            own: dict[str, Step] = {}  # this process's steps by id (a later duplicate is not one)
            for j, sraw in enumerate(raw.get("steps", _NONE)):
                step = Step(sraw, j, process)
                steps.append(step)
                if "waivers" in sraw:
                    waived(step)
                first = setdefault(step.id, step)
                if first is step:
                    own[step.id] = step
                else:
                    duplicates.append(DuplicateId(step, first))
                if not found_now(step, sraw, "performer", performs):
                    resolved = False
            add_steps(steps)
            # tuples made while the objects are fresh: the freeze converted the lists of
            # 50,000 processes (steps, flows, metrics) for 0.09 s
            process.steps = tuple(steps)
            flows = raw.get("flows", _NONE)
            if flows is not _NONE:
                process.flows = flows = tuple([Flow(fraw, j, process) for j, fraw in enumerate(flows)])
                if resolved:
                    for flow in flows:
                        fraw = flow.raw
                        source, target = own.get(fraw.get("from")), own.get(fraw.get("to"))
                        if source is None or target is None:
                            resolved = False
                            break
                        flow.source, flow.target = source, target
                    if resolved:  # Step._link, inlined for sequence flows
                        for flow in flows:
                            source, target, kind = flow.source, flow.target, flow.kind
                            if kind == "sequence":
                                after, before = source._out, target._in
                                if after is None:
                                    source._out = [target]
                                else:
                                    after.append(target)
                                if before is None:
                                    target._in = [source]
                                else:
                                    before.append(source)
                            else:
                                source._link("out", kind, target)
                                target._link("in", kind, source)
            if not resolved:
                unresolved.add(id(process))

"""Building the model: entities from the document's sections, and every reference
resolved, in time linear in the document's size.

A reference that names nothing of the right kind is recorded as data
(``org.unknown_references``, with a "did you mean"), and a later entity that reuses
an id is recorded in ``org.duplicates``: the integrity rules report both. Later
duplicates have their references checked but join no index and no entity list.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from orgcheck.model.entities import (
    _NONE,
    Entity,
    Membership,
    Person,
    Process,
    Step,
    UnknownReference,
)
from orgcheck.model.index import Index
from orgcheck.suggest import Speller, nearest

_MAX_SUGGESTIONS = 200
# Beyond this many people joined out of order, a list is sorted again rather than each
# put in place (an insertion moves the rest of the list along: cheap, but not free).
_FEW_LATE = 64
_INDEX = attrgetter("index")


class References(Index):
    """The resolving half of ``Org``: each reference the first pass left, with those that
    do not resolve recorded."""

    _candidates: dict[tuple[str, ...], Speller]

    def _ref(self, holder: Any, field: str, ref: str | None, pointer: str,
             kinds: tuple[str, ...], candidates: list[str] | None = None) -> Any:
        """Resolve one reference, recording it when it names nothing of the right kind."""
        if ref is None:
            return None
        found = self._by_id.get(ref)
        if found is not None and found.entity_kind in kinds:
            return found
        self.unknown_references.append(UnknownReference(
            holder, pointer, field, ref, kinds, found, self._suggest(ref, kinds, candidates)))
        return None

    def _suggest(self, ref: str, kinds: tuple[str, ...], candidates: list[str] | None) -> str | None:
        """"Did you mean": for the first references only. A broken export can hold
        thousands of dangling ids, and each suggestion compares against many ids."""
        if len(self.unknown_references) >= _MAX_SUGGESTIONS:
            return None
        if candidates is not None:
            return nearest(ref, candidates)
        speller = self._candidates.get(kinds)
        if speller is None:
            # One index per kind of reference: a big model's ids are indexed once, not per
            # dangling reference.
            speller = self._candidates[kinds] = Speller(self._ids_of(kinds))
        return speller.nearest(ref)

    def _ids_of(self, kinds: tuple[str, ...]) -> Iterator[str]:
        """The ids of the live entities of ``kinds``, in the order they were indexed (as
        ``_by_id`` holds them), from the entity lists: not the whole index."""
        dead = self._dead
        for key, cls, _items in self._sections():
            if cls is Process:
                for process in self.processes:
                    if "process" in kinds and id(process) not in dead:
                        yield process.id
                    if "step" in kinds:
                        yield from (s.id for s in process.steps if id(s) not in dead)
            elif cls.entity_kind in kinds:
                yield from (e.id for e in getattr(self, key) if id(e) not in dead)

    def _refs(self, holder: Entity, field: str, kinds: tuple[str, ...]) -> list[Any]:
        out: list[Any] = []
        refs = holder.raw.get(field)
        if not refs:
            return out
        by_id = self._by_id
        for i, ref in enumerate(refs):
            found = by_id.get(ref)
            if found is not None and found.entity_kind in kinds:
                out.append(found)
            else:  # the pointer is only built for a reference that does not resolve
                self._ref(holder, field, ref, f"{holder.pointer}/{field}/{i}", kinds)
        return out

    def _one(self, holder: Entity, field: str, kinds: tuple[str, ...]) -> Any:
        ref = holder.raw.get(field)
        if ref is None:
            return None
        found = self._by_id.get(ref)
        if found is not None and found.entity_kind in kinds:
            return found
        return self._ref(holder, field, ref, f"{holder.pointer}/{field}", kinds)

    def _resolve(self) -> None:
        P, U, R = "person", "unit", "role"
        by_id = self._by_id
        dead = self._dead
        refs = self._refs
        eliminated = self.eliminated
        # The people _index_people could not resolve, in document order.
        touched: dict[int, tuple[list[Any], int]] = {}
        for person in self._unresolved_people:
            raw = person.raw
            manager = unit = None
            ref = raw.get("reports_to")
            if ref is not None:
                manager = by_id.get(ref)
                if manager is None and ref in eliminated:
                    pass  # a fragment below a post the export eliminated: no broken reference
                elif manager is None or manager.entity_kind != P:
                    manager = self._ref(person, "reports_to", ref, f"{person.pointer}/reports_to", (P,))
            unit = self._one(person, "unit", (U,))
            person.manager, person.unit = manager, unit
            # the shared empty tuple stands for an empty list: a person without any is common
            person.dotted_to = tuple(refs(person, "dotted_to", (P,))) if "dotted_to" in raw else _NONE
            person.roles = roles = tuple(refs(person, "roles", (R,))) if raw.get("roles") else _NONE
            # A later duplicate is reported and otherwise ignored: it joins no index.
            if not (dead and id(person) in dead):
                self._join(person, manager, unit, roles, touched)
        # The lists joined out of order: back in document order. Each is the people
        # joined while indexed, in order, then those joined here, in order: a few of
        # these are put in place by a binary search each, where sorting the whole list
        # read the place of every person on it (422,000 on a million people, 0.07 s).
        for joined, start in touched.values():
            late = joined[start:]
            if len(late) > _FEW_LATE:
                joined.sort(key=_INDEX)
                continue
            del joined[start:]
            at = 0
            for person in late:
                at = bisect_right(joined, person.index, at, key=_INDEX)
                joined.insert(at, person)
                at += 1
        listing: list[Any] = []  # the units that list members or former members
        for unit in self.units:
            raw = unit.raw
            unit.parent = parent = self._one(unit, "parent", (U,))
            unit.lead = self._one(unit, "lead", (P,))
            if "members" in raw or "former_members" in raw:
                listing.append(unit)
            if dead and id(unit) in dead:
                continue
            if parent is unit:
                unit.parent = None
                self.unit_cycles.append([unit])
            elif parent is not None:
                if parent.children:
                    parent.children.append(unit)
                else:
                    parent.children = [unit]
        for unit in listing:
            if "members" in unit.raw:
                self._memberships(unit, "members")
            if "former_members" in unit.raw:
                self._memberships(unit, "former_members")
        listed: dict[int, set[int]] = {}  # a unit's members so far, made when first needed
        for person in self._listing_people:
            self._member_of(person, listed)
        unresolved = self._unresolved_processes
        for process in self.processes:
            if id(process) in unresolved:
                self._resolve_process(process)
        for metric in self.metrics:
            metric.process = self._one(metric, "process", ("process",))
            metric.step = self._one(metric, "step", ("step",))
            if metric.step is not None:
                if metric.process is None and "process" not in metric.raw:
                    metric.process = metric.step.process
                elif metric.process is not None and metric.step.process is not metric.process:
                    self.unknown_references.append(UnknownReference(
                        metric, f"{metric.pointer}/step", "step", metric.step.id, ("step",), metric.step,
                        self._nearest(metric.step.id, [s.id for s in metric.process.steps]),
                        reason=f"a step of process {metric.step.process.id!r}, not of {metric.process.id!r}"))
                    metric.step = None
            metric.visible_to = self._refs(metric, "visible_to", (P, U, R))
            if metric.process is not None and not (dead and id(metric) in dead):
                measured: Any = metric.process.metrics  # a list while the model is built
                if measured:
                    measured.append(metric)
                else:
                    metric.process.metrics = [metric]
                    self._measured.append(metric.process)
        for interaction in self.interactions:
            interaction.between = tuple(self._refs(interaction, "between", (U,)))

    def _resolve_process(self, process: Process) -> None:
        """A process's references, with those that do not resolve reported (see
        ``_index_processes``, which resolves the others)."""
        P, U, R, E = "person", "unit", "role", "external"
        performs = (P, U, R, E)
        process.owner = self._one(process, "owner", (U, R, P))
        process.customer = self._one(process, "customer", (E, U, P))
        for step in process.steps:
            step.performer = self._one(step, "performer", performs)
        for flow in process.flows:
            ends = []
            for end in ("from", "to"):
                ref = flow.raw.get(end)
                at = self._by_id.get(ref) if ref is not None else None
                if at is not None and at.entity_kind != "step":
                    at = None
                if at is None and ref is not None:  # the suggestions are only made for a broken end
                    self._ref(flow, end, ref, f"{flow.pointer}/{end}", ("step",),
                              candidates=[s.id for s in process.steps])
                if at is not None and at.process is not process:
                    self.unknown_references.append(UnknownReference(
                        flow, f"{flow.pointer}/{end}", end, at.id, ("step",), at,
                        self._nearest(at.id, [s.id for s in process.steps]),
                        reason=f"a step of process {at.process.id!r}: a flow must stay within its process"))
                    at = None
                ends.append(at)
            flow.source, flow.target = source, target = ends
            if source is not None and target is not None:
                kind = flow.kind
                source._link("out", kind, target)
                target._link("in", kind, source)

    def _join(self, person: Person, manager: Any, unit: Any, roles: tuple[Any, ...],
              touched: dict[int, tuple[list[Any], int]]) -> None:
        """A person joins their manager's reports (or staff), their unit's members and
        their roles' holders; ``touched`` gathers the lists that it leaves out of
        document order (a person resolved while indexed came after it in the file),
        each with the place of the first person joined out of order: the people
        joined here come in document order, so all after that place were.

        ``Index._index_people`` does the same for the people it resolves, inlined: the
        call would cost a million-person model 0.55 s of its 4.5 (measured side by side).
        A change here is a change there; tests/test_model.py's document-order test
        runs people through both."""
        add = self._add
        if manager is person:
            person.manager = manager = None
            self.reporting_cycles.append([person])
        if manager is None:
            add(self._tops, person, touched)
        if person.aggregate:
            self._aggregates = True
            if manager is not None:  # staff below its post, not a direct report
                self._staffed = True
                if not manager.staff:
                    manager.staff = []
                    self._managing.append(manager)
                add(manager.staff, person, touched)
        elif manager is not None:
            if not manager.reports:
                manager.reports = []
                self._managing.append(manager)
            add(manager.reports, person, touched)
        if unit is not None:
            add(unit.members, person, touched)
        for role in dict.fromkeys(roles):
            add(role.holders, person, touched)

    @staticmethod
    def _add(joined: list[Any], person: Person, touched: dict[int, tuple[list[Any], int]]) -> None:
        if joined and joined[-1].index > person.index and id(joined) not in touched:
            touched[id(joined)] = (joined, len(joined))
        joined.append(person)

    def _memberships(self, unit: Any, field: str) -> None:
        """A unit's listed members (or former members), each person once per list; the
        units list them in document order on the person too."""
        former = field == "former_members"
        target: list[Membership] = []
        seen: set[int] = set()
        for i, item in enumerate(unit.raw.get(field) or ()):
            if isinstance(item, dict):
                ref, role, pointer = item.get("person"), item.get("role") or "member", f"{unit.pointer}/{field}/{i}"
                person = self._one_at(unit, field, ref, f"{pointer}/person")
            else:
                ref, role, pointer = item, "member", f"{unit.pointer}/{field}/{i}"
                person = self._one_at(unit, field, ref, pointer)
            if person is None or id(person) in seen or (self._dead and id(unit) in self._dead):
                continue
            seen.add(id(person))
            membership = Membership(person, unit, role, former, pointer)
            target.append(membership)
            held = person.former_memberships if former else person.memberships
            if held:
                held.append(membership)
            elif former:
                person.former_memberships = [membership]
            else:
                person.memberships = [membership]
        if target:  # a unit lists none: it keeps the shared empty tuple
            if former:
                unit.former_memberships = target
            else:
                unit.memberships = target

    def _member_of(self, person: Person, listed: dict[int, set[int]]) -> None:
        """A person's ``member_of``: a membership of each unit (role ``member``) that
        does not list them already."""
        dead = self._dead and id(person) in self._dead
        for i, ref in enumerate(person.raw["member_of"]):
            unit = self._one_at(person, "member_of", ref, f"{person.pointer}/member_of/{i}", "unit")
            if unit is None or dead or (self._dead and id(unit) in self._dead):
                continue
            members = listed.get(id(unit))
            if members is None:
                members = listed[id(unit)] = {id(m.person) for m in unit.memberships}
            if id(person) in members:
                continue
            members.add(id(person))
            membership = Membership(person, unit, "member", False, f"{person.pointer}/member_of/{i}")
            if unit.memberships:
                unit.memberships.append(membership)
            else:  # the shared empty tuple
                unit.memberships = [membership]
            if isinstance(person.memberships, list):
                person.memberships.append(membership)
            else:  # the shared empty tuple
                person.memberships = [membership]

    def _one_at(self, holder: Entity, field: str, ref: Any, pointer: str, kind: str = "person") -> Any:
        found = self._by_id.get(ref) if isinstance(ref, str) else None
        if found is not None and found.entity_kind == kind:
            return found
        return self._ref(holder, field, ref, pointer, (kind,))

    def _set_aside_duplicates(self) -> None:
        """The entity lists rules see hold no later duplicate (``org.duplicates`` keeps
        them for the integrity rules): a plugin's plain loop counts what built-ins count."""
        if not self.duplicates:
            return
        # Deleted where they stand, by their place in their list (a builder's entity
        # knows it): a pass over a million people would fetch each from memory again.
        places: dict[int, tuple[list[Any], list[int]]] = {}
        stepped: dict[int, Any] = {}  # the processes with a duplicate step: their steps are a tuple
        for duplicate in self.duplicates:
            entity: Any = duplicate.entity
            if isinstance(entity, Step):
                stepped[id(entity.process)] = entity.process
                continue
            held = getattr(self, entity.section)
            places.setdefault(id(held), (held, []))[1].append(entity._where)
        for held, at in places.values():
            for i in sorted(at, reverse=True):
                del held[i]
        if stepped:
            dead = self._dead
            self.steps = [s for s in self.steps if id(s) not in dead]
            for process in stepped.values():
                process.steps = tuple(s for s in process.steps if id(s) not in dead)

    @staticmethod
    def _nearest(ref: str, candidates: list[str]) -> str | None:
        return nearest(ref, candidates)


"""``Org``: the resolved, indexed org model shared by every rule of one document.

Built once per valid document, in time linear in its size. Integrity problems met
while building (duplicate ids, dangling references, loops) are recorded as data
(``duplicates``, ``unknown_references``, ``reporting_cycles``, ``unit_cycles``) for
the integrity rules; the entity lists hold no later duplicate, and ``managers()``
no one in a reporting loop, so a plugin's plain loop counts what the built-ins count.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

from orgcheck.model.build import References
from orgcheck.model.entities import (
    SECTIONS,
    Entity,
    External,
    Flow,
    Person,
    Process,
    Role,
    Step,
    Unit,
)
from orgcheck.model.flows import Upstream, handoffs
from orgcheck.model.hierarchy import Hierarchy

_MISSING = object()
_MANAGERS = object()  # the memo's key for managers(): no plugin's key can be it
_MANAGER = attrgetter("manager")
_REPORTS = attrgetter("reports")
_INDEX = attrgetter("index")
_PLACE = attrgetter("_where")


def _below(person: Person) -> list[Person] | tuple:
    staff = person.staff
    return person.reports if not staff else [*person.reports, *staff]


class Org(References):
    """The resolved, indexed org model shared by every rule of one document."""

    def __init__(self, data: dict, today: _dt.date | None = None) -> None:
        self.data = data
        self.today: _dt.date = today or _dt.date.today()
        # The lists the builder fills are typed where it declares them (References, build.py).
        self.people = []
        self.units = []
        self.roles: list[Role] = []
        self.externals: list[External] = []
        self.processes = []
        self.steps = []
        self.metrics = []
        self.interactions = []
        #: later entities reusing an id (kept out of every entity list; OC002 reports them)
        self.duplicates = []
        self.unknown_references = []
        self.reporting_cycles = []
        self.unit_cycles = []
        self._by_id = {}
        self._owners = {}
        self._candidates: dict = {}
        self._unresolved_processes = set()
        self._unresolved_people = []
        self._listing_people = []
        self.waiver_holders = []
        self._aggregates = False
        self._tops = []
        self._managing = []
        self._measured = []
        self._performers: dict[int, tuple] = {}
        self._handoffs: dict | None = None
        self._upstream: dict[int, Upstream] = {}
        self._looped: set[int] | None = None
        self._members: dict[int, tuple[Person, ...]] = {}
        self._memo: dict[Any, Any] = {}
        self._staffed = False  # whether any post has aggregate positions below it
        organization = data.get("organization")
        gone = organization.get("x-eliminated") if isinstance(organization, dict) else None
        #: posts the export lists as eliminated (a reader's ``x-eliminated``): out of the
        #: model; a `reports_to` naming one makes a fragment, not a broken reference
        self.eliminated: frozenset = frozenset(
            e for e in gone if isinstance(e, str)) if isinstance(gone, list) else frozenset()
        self._index()
        # The later entities of duplicate ids are the only ones not live.
        self._dead = frozenset(id(d.entity) for d in self.duplicates)
        self._resolve()
        self._settle()
        self._set_aside_duplicates()
        # Most models have no aggregate position: their tour reads `reports` directly (a
        # million calls of _below cost a third of a second).
        below = _below if self._staffed else _REPORTS
        self.reporting_lines = Hierarchy(self.people, _MANAGER, below, _INDEX, layers=True, tops=self._tops)
        self.reporting_cycles = sorted(self.reporting_cycles + self.reporting_lines.cycles,
                                       key=lambda loop: loop[0].index)
        # a unit's place in the document's units orders them as their place in `units` does
        self.unit_tree = Hierarchy(self.units, attrgetter("parent"), attrgetter("children"), _PLACE)
        self.unit_cycles = sorted(self.unit_cycles + self.unit_tree.cycles, key=lambda loop: loop[0]._where)
        self._count_units()

    def _settle(self) -> None:
        """The relations the builder appends to become tuples once all have joined (a
        person's reports and staff, a process's metrics), over the lists it recorded
        making: rules see a model they cannot change (``guard.freeze``). The freeze
        walked every person and process for them (and for the roles, dotted lines,
        steps and flows the builder now makes as tuples): the freeze of a million-person
        model took 0.56 s, and takes 0.16 s; this loop costs 0.05 s."""
        for person in self._managing:
            person.reports = tuple(person.reports)
            person.staff = tuple(person.staff)
        for process in self._measured:
            process.metrics = tuple(process.metrics)

    # -- lookup --------------------------------------------------------------

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def get(self, entity_id: str, default: Any = None) -> Any:
        return self._by_id.get(entity_id, default)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    @property
    def organization(self) -> dict:
        return self.data.get("organization", {})

    @property
    def waivers(self) -> list[dict]:
        return self.data.get("waivers", [])

    def entities(self) -> Iterator[Entity]:
        """Every entity with an id, in document order (no later duplicate)."""
        for key in self.data:
            if key == "processes":
                for p in self.processes:
                    yield p
                    yield from p.steps
            elif key in SECTIONS:
                yield from getattr(self, key)

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per model and shared by every rule that asks with
        the same ``key``: an index a rule family builds once for several of its rules.
        It lives as long as the model, so it never outlives the document."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = make()
        return found

    # -- people and reporting lines ------------------------------------------

    @property
    def partial(self) -> bool:
        """Whether the document is a partial export: someone's `reports_to` names a
        manager missing from it (a fragment, or a post the export eliminated). Spans
        counted on it are a lower bound: the missing rows may report to anyone."""
        return self.memo("partial", lambda: any(
            p.manager is None and p.raw.get("reports_to") is not None for p in self.people))

    def managers(self) -> list[Person]:
        """People anyone reports to (a named or an aggregate position), in document
        order, without those in a reporting loop (OC004's finding: each has the person
        before them in the loop among their reports)."""
        loops = self.reporting_cycles
        # Asked by several rules: the million people are walked once (the model does not
        # change once built), and each caller gets a list of its own.
        return list(self.memo(_MANAGERS, lambda: [
            p for p in self.people if (p.reports or p.staff) and not (loops and self.in_reporting_loop(p))]))

    def in_reporting_loop(self, person: Person) -> bool:
        """Whether the person is on a reporting loop (OC004's finding)."""
        if self._looped is None:
            self._looped = {id(p) for loop in self.reporting_cycles for p in loop}
        return id(person) in self._looped

    def headcount(self) -> int:
        """Positions, vacant ones included, an aggregate position counting as its
        ceil(FTE) people."""
        return sum(p.count for p in self.people) if self._aggregates else len(self.people)

    def tops(self) -> list[Person]:
        """People with no manager (the tops of reporting trees), in document order; a
        person who reports to themselves is on a loop, not a top."""
        self_reporting = {id(loop[0]) for loop in self.reporting_cycles if len(loop) == 1}
        # the builder's tops: the people with no manager, in document order
        return [p for p in self._tops if id(p) not in self_reporting]

    def is_superior(self, a: Person, b: Person) -> bool:
        """Whether ``a`` is above ``b`` through ``reports_to`` (constant time)."""
        return self.reporting_lines.is_above(a, b)

    def is_superior_of_any(self, a: Any, people: tuple) -> bool:
        """Whether ``a`` is above at least one of ``people`` (externals among them are
        skipped): O(log n) for a tuple seen before, such as ``org.people_of(unit)`` or
        ``org.performers(step)``, so big units stay cheap."""
        if not isinstance(a, Person):
            return False
        if len(people) == 1 and isinstance(people[0], Person):
            # one person (``people_of(person)`` is a new tuple each time): two comparisons,
            # no index built for a group nobody asks about again
            return self.is_superior(a, people[0])
        if not isinstance(people, tuple):
            people = tuple(people)
        return self.reporting_lines.is_above_any(a, people)

    def superiors(self, person: Person) -> list[Person]:
        """Direct and indirect managers, nearest first, stopping where a loop would repeat."""
        return self.reporting_lines.superiors(person)

    def subtree(self, person: Person) -> list[Person]:
        """The person and everyone below them (aggregate positions included), depth first."""
        return self.reporting_lines.subtree(person)

    def lowest_common_superior(self, a: Any, b: Any) -> Person | None:
        """The nearest person who is a superior of, or is, both sides: for a unit its
        lead, or for a unit without a lead all its members. None when there is none."""
        people = self._anchors(a) + self._anchors(b)
        if not people:
            return None
        lcs = people[0]
        for p in people[1:]:
            found = self._lca(lcs, p)
            if found is None:
                return None
            lcs = found
        return lcs

    def _lca(self, a: Person, b: Person) -> Person | None:
        """Nearest person who is, or is above, both (None when they share no tree)."""
        if a.layer is None or b.layer is None:
            above_a = [a, *self.superiors(a)]
            ids_b = {id(x) for x in (b, *self.superiors(b))}
            return next((x for x in above_a if id(x) in ids_b), None)
        # a manager sits one layer above their reports: climb the deeper side level first
        up_a: Person | None = a
        up_b: Person | None = b
        layer_a, layer_b = a.layer, b.layer
        while up_a is not None and layer_a > layer_b:
            up_a, layer_a = up_a.manager, layer_a - 1
        while up_b is not None and layer_b > layer_a:
            up_b, layer_b = up_b.manager, layer_b - 1
        while up_a is not up_b:
            if up_a is None or up_b is None:
                return None
            up_a, up_b = up_a.manager, up_b.manager
        return up_a

    def _anchors(self, entity: Any) -> list[Person]:
        if isinstance(entity, Person):
            return [entity]
        if isinstance(entity, Unit):
            return [entity.lead] if entity.lead is not None else entity.all_members()
        return list(self.people_of(entity))

    # -- units -----------------------------------------------------------------

    def _count_units(self) -> None:
        """Each unit's headcount: its members' and its sub-units' people."""
        counted = self._aggregates  # else every member counts as one
        for node in reversed(self.unit_tree.tour):  # children before parents
            own = sum(p.count for p in node.members) if counted else len(node.members)
            children = node.children
            node.headcount = own + sum([c.headcount for c in children]) if children else own
        # Units in or below a loop have no tour. A unit below one heads a plain tree;
        # every unit on a loop contains the whole loop and what hangs from it, so they
        # share one headcount. Counted once per loop: a 30,000-unit loop stays linear.
        on_loop = {id(u) for loop in self.unit_cycles for u in loop}
        for loop in self.unit_cycles:
            total = 0
            for u in loop:
                total += sum(p.count for p in u.members)
                for child in u.children:
                    if id(child) not in on_loop:
                        total += self._tree_headcount(child)
            for u in loop:
                u.headcount = total

    @staticmethod
    def _tree_headcount(top: Unit) -> int:
        """Headcounts of a tree of units (no loop in it), children before parents."""
        order, stack = [], [top]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(node.children)
        for node in reversed(order):
            node.headcount = sum(p.count for p in node.members) + sum(c.headcount for c in node.children)
        return top.headcount

    def people_of(self, entity: Any) -> tuple[Person, ...]:
        """The people a person, unit or role stands for (an external stands for none);
        for a unit or role the same tuple each time it is asked (indexes key on it), for
        a person a tuple of them alone."""
        if isinstance(entity, Person):
            return (entity,)
        if isinstance(entity, (Unit, Role)):
            # Several rules ask for the same units: walk each unit's sub-units once.
            found = self._members.get(id(entity))
            if found is None:
                found = self._members[id(entity)] = tuple(
                    entity.all_members() if isinstance(entity, Unit) else entity.holders)
            return found
        return ()

    # -- processes -------------------------------------------------------------

    def performers(self, step: Step) -> tuple:
        """Who performs a step: people, or an external as itself, in document order."""
        performer = step.performer
        if performer is None:
            return ()
        key = id(performer)
        cached = self._performers.get(key)
        if cached is None:
            if isinstance(performer, External):
                cached = (performer,)
            else:
                cached = self.people_of(performer)
                if isinstance(performer, Unit):
                    cached = tuple(sorted(cached, key=lambda p: p.index))
            self._performers[key] = cached
        return cached

    def work_before(self, step: Step) -> list[Step]:
        """The nearest ``work`` steps upstream along sequence flows, passing only
        through approval, review and decision steps (document order)."""
        return self.upstream(step.process).work_before(step)

    def upstream(self, process: Process) -> Upstream:
        """The work upstream of each control step of ``process``, computed once."""
        upstream = self._upstream.get(id(process))
        if upstream is None or upstream.process is not process:
            upstream = self._upstream[id(process)] = Upstream(process)
        return upstream

    def handoffs(self) -> dict[tuple[Unit, Unit], list[Flow]]:
        """Pairs of units that hand work to each other, with the sequence flows that do it.

        A pair is keyed in document order of the units; units named as performers,
        neither containing the other."""
        if self._handoffs is None:
            self._handoffs = handoffs(self.processes, self.units)
        return self._handoffs


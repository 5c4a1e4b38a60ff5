"""The org model a rule sees: entities with resolved references and indexes.

Built once per valid document, in time linear in its size. Integrity problems met
while building (duplicate ids, dangling references, cycles) are recorded as data;
the built-in integrity plugin reports them. networkx graphs are built on first use.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .suggest import Speller, nearest

if TYPE_CHECKING:
    import networkx as nx

_MISSING = object()
_NONE: tuple = ()  # the shared "none" of entity lists that most entities leave empty
CONTROL_KINDS = frozenset({"approval", "review", "decision"})
_MAX_SUGGESTIONS = 200


def layers_needed(positions: int, span: int) -> int:
    """L, the smallest integer with span**L >= positions: the layers a tree of that
    many positions needs at a uniform span (integer arithmetic, no logarithms)."""
    span = max(span, 2)
    layers, power = 0, 1
    while power < positions:
        power *= span
        layers += 1
    return layers


class Entity:
    """Anything with an id in the model. ``raw`` is its JSON object (``x-`` keys
    included) and ``pointer`` its JSON Pointer in the document."""

    __slots__ = ("id", "raw", "_where")
    entity_kind = "entity"
    section = ""  # the top-level array the model reads this kind of entity from

    def __init__(self, raw: dict, pointer: str | int) -> None:
        self.raw = raw
        # A pointer, or the entity's index in its section: the pointer is then made only
        # when asked for (a finding), not two million times for a big model.
        self._where = pointer
        self.id: str = raw.get("id")

    @property
    def pointer(self) -> str:
        """The entity's JSON Pointer in the document."""
        where = self._where
        return where if isinstance(where, str) else f"/{self.section}/{where}"

    @property
    def entity_id(self) -> str | None:
        """The id findings about this entity are filed under."""
        return self.id

    @property
    def name(self) -> str:
        return self.raw.get("name") or self.id

    @property
    def label(self) -> str:
        """How messages name the entity: its name, or its id when it has none."""
        return self.name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}>"


class Person(Entity):
    __slots__ = ("manager", "reports", "dotted_to", "unit", "roles", "layer", "count",
                 "index", "_tin", "_tout")
    entity_kind = "person"

    def __init__(self, raw: dict, pointer: str | int) -> None:
        # Entity.__init__ inlined: a million people make the call count.
        self.raw = raw
        self._where = pointer
        self.id = raw.get("id")
        self.manager: Person | None = None
        # Most people manage nobody: they share one empty tuple, and a list is made for
        # a manager's first report (a million empty lists are 50 MB and a second of work).
        self.reports: list[Person] | tuple = _NONE
        self.unit: Unit | None = None
        # dotted_to and roles are set when references are resolved (the same empty tuple
        # for a person who has none).
        self.layer: int | None = None
        # An aggregate position (junior staff of a UK organogram) stands for several people.
        self.count: int = math.ceil(raw.get("fte", 1)) if raw.get("x-aggregate") else 1
        self._tin = self._tout = -1
        #: the person's place in ``org.people`` (document order, for sorting)
        self.index = 0

    @property
    def name(self) -> str:
        if self.raw.get("name"):
            return self.raw["name"]
        return f"vacant position {self.id}" if self.vacant else self.id

    @property
    def title(self) -> str | None:
        return self.raw.get("title")

    @property
    def manager_type(self) -> str | None:
        return self.raw.get("manager_type")

    @property
    def vacant(self) -> bool:
        return bool(self.raw.get("vacant", False))

    @property
    def fte(self) -> float:
        return self.raw.get("fte", 1)

    @property
    def aggregate(self) -> bool:
        """Whether the position stands for several unnamed staff (``x-aggregate``, a grade
        band of a UK organogram): headcount, not a direct report."""
        return self.count != 1 or bool(self.raw.get("x-aggregate"))

    @property
    def span(self) -> int:
        """Named direct reports: the positions a manager steers in person (vacant ones
        included). Aggregate positions below are headcount, not span: see
        ``staff_below`` and ``bands_below``."""
        return sum(1 for r in self.reports if not r.aggregate)

    @property
    def staff_below(self) -> int:
        """The staff of the aggregate positions reporting to this post (ceil(FTE) each)."""
        return sum(r.count for r in self.reports if r.aggregate)

    @property
    def bands_below(self) -> int:
        """How many aggregate positions report to this post."""
        return sum(1 for r in self.reports if r.aggregate)

    def superiors(self) -> list[Person]:
        """Direct and indirect managers, nearest first, stopping where a cycle would repeat."""
        out: list[Person] = []
        seen = {self.id}
        m = self.manager
        while m is not None and m.id not in seen:
            out.append(m)
            seen.add(m.id)
            m = m.manager
        return out


class Unit(Entity):
    __slots__ = ("parent", "children", "members", "lead", "headcount", "_tin", "_tout")
    entity_kind = "unit"

    def __init__(self, raw: dict, pointer: str) -> None:
        super().__init__(raw, pointer)
        self.parent: Unit | None = None
        self.children: list[Unit] = []
        self.members: list[Person] = []
        self.lead: Person | None = None
        self.headcount = 0
        self._tin = self._tout = -1

    @property
    def type(self) -> str:
        return self.raw.get("type", "department")

    @property
    def is_team(self) -> bool:
        return self.type in ("team", "circle")

    @property
    def self_organizing(self) -> bool:
        return bool(self.raw.get("self_organizing", False))

    def descendants(self) -> Iterator[Unit]:
        """Sub-units at every depth (not the unit itself), depth first in document order."""
        stack = list(reversed(self.children))
        seen = {self.id}
        while stack:
            u = stack.pop()
            if u.id in seen:
                continue
            seen.add(u.id)
            yield u
            stack.extend(reversed(u.children))

    def all_members(self) -> list[Person]:
        """Members of the unit and of its sub-units."""
        out = list(self.members)
        for u in self.descendants():
            out.extend(u.members)
        return out

    def contains(self, entity: Any) -> bool:
        """Whether a person works in, or a unit lies within, this unit (itself included)."""
        if isinstance(entity, Person):
            entity = entity.unit
            if entity is None:
                return False
        if not isinstance(entity, Unit):
            return False
        if entity is self:
            return True
        if self._tin >= 0 and entity._tin >= 0:
            return self._tin < entity._tin and entity._tout <= self._tout
        u, seen = entity.parent, set()
        while u is not None and u.id not in seen:
            if u is self:
                return True
            seen.add(u.id)
            u = u.parent
        return False


class Role(Entity):
    __slots__ = ("holders",)
    entity_kind = "role"

    def __init__(self, raw: dict, pointer: str) -> None:
        super().__init__(raw, pointer)
        self.holders: list[Person] = []

    @property
    def purpose(self) -> str | None:
        return self.raw.get("purpose")

    @property
    def accountabilities(self) -> list[str]:
        return self.raw.get("accountabilities", [])

    @property
    def domains(self) -> list[str]:
        return self.raw.get("domains", [])

    @property
    def standards(self) -> list[str]:
        return self.raw.get("standards", [])


class External(Entity):
    __slots__ = ()
    entity_kind = "external"

    @property
    def kind(self) -> str:
        """customer, supplier, regulator, partner or other."""
        return self.raw.get("kind", "other")


class Process(Entity):
    __slots__ = ("owner", "customer", "steps", "flows", "metrics", "_graph")
    entity_kind = "process"

    def __init__(self, raw: dict, pointer: str) -> None:
        super().__init__(raw, pointer)
        self.owner: Entity | None = None
        self.customer: Entity | None = None
        self.steps: list[Step] = []
        self.flows: list[Flow] = []
        self.metrics: list[Metric] = []
        self._graph = None

    def starts(self) -> list[Step]:
        """Steps with no incoming sequence flow."""
        return [s for s in self.steps if not s.predecessors()]

    def ends(self) -> list[Step]:
        """Steps with no outgoing sequence flow."""
        return [s for s in self.steps if not s.successors()]

    @property
    def graph(self) -> nx.DiGraph:
        """The steps as a networkx DiGraph; each flow is an edge with its ``kind``
        (a sequence and a feedback flow between the same steps: the edge is ``sequence``)."""
        if self._graph is None:
            import networkx as nx

            g = nx.DiGraph()
            g.add_nodes_from(self.steps)
            for f in self.flows:
                if f.source is not None and f.target is not None:
                    if not (g.has_edge(f.source, f.target) and f.kind == "feedback"):
                        g.add_edge(f.source, f.target, kind=f.kind)
            self._graph = g
        return self._graph

    def feedback_flows(self) -> list[Flow]:
        return [f for f in self.flows if f.kind == "feedback" and f.source and f.target]


class Step(Entity):
    # Sequence neighbours in plain lists, other kinds of flow in a dict made only when
    # needed: a dict per step and direction cost a million-step model hundreds of MB.
    __slots__ = ("performer", "process", "kind", "_out", "_in", "_other")
    entity_kind = "step"

    def __init__(self, raw: dict, pointer: str, process: Process) -> None:
        super().__init__(raw, pointer)
        self.process = process
        self.performer: Entity | None = None
        #: work, approval, review, decision, handoff or feedback (read once: rules ask often)
        self.kind: str = raw.get("kind", "work")
        self._out: list[Step] | None = None  # sequence successors
        self._in: list[Step] | None = None  # sequence predecessors
        self._other: dict[tuple[str, str], list[Step]] | None = None  # ("out"|"in", kind) -> steps

    @property
    def pointer(self) -> str:
        where = self._where
        return where if isinstance(where, str) else f"{self.process.pointer}/steps/{where}"

    def successors(self, kind: str = "sequence") -> list[Step]:
        found = self._out if kind == "sequence" else self._other and self._other.get(("out", kind))
        return found if found is not None else []

    def predecessors(self, kind: str = "sequence") -> list[Step]:
        found = self._in if kind == "sequence" else self._other and self._other.get(("in", kind))
        return found if found is not None else []

    def _link(self, direction: str, kind: str, step: Step) -> None:
        if kind == "sequence":
            steps = self._out if direction == "out" else self._in
            if steps is None:
                if direction == "out":
                    self._out = [step]
                else:
                    self._in = [step]
            else:
                steps.append(step)
        else:
            if self._other is None:
                self._other = {}
            self._other.setdefault((direction, kind), []).append(step)


class Flow:
    """An edge between two steps of one process. Flows have no id: findings about a
    flow are filed under its process."""

    __slots__ = ("raw", "_where", "process", "source", "target", "kind")

    def __init__(self, raw: dict, pointer: str | int, process: Process) -> None:
        self.raw = raw
        self._where = pointer  # a pointer, or the flow's index in its process's flows
        self.process = process
        self.source: Step | None = None
        self.target: Step | None = None
        #: sequence or feedback
        self.kind: str = raw.get("kind", "sequence")

    id = None

    @property
    def pointer(self) -> str:
        where = self._where
        return where if isinstance(where, str) else f"{self.process.pointer}/flows/{where}"

    @property
    def entity_id(self) -> str:
        return self.process.id

    @property
    def label(self) -> str:
        return f"{self.raw.get('from')} → {self.raw.get('to')}"

    def __repr__(self) -> str:
        return f"<Flow {self.label} ({self.kind})>"


class Metric(Entity):
    __slots__ = ("process", "step", "visible_to")
    entity_kind = "metric"

    def __init__(self, raw: dict, pointer: str) -> None:
        super().__init__(raw, pointer)
        self.process: Process | None = None
        self.step: Step | None = None
        self.visible_to: list[Entity] = []

    @property
    def cadence(self) -> str | None:
        return self.raw.get("cadence")


class Interaction(Entity):
    __slots__ = ("between",)
    entity_kind = "interaction"

    def __init__(self, raw: dict, pointer: str) -> None:
        super().__init__(raw, pointer)
        self.between: tuple[Unit | None, ...] = ()

    @property
    def name(self) -> str:
        return self.raw.get("name") or self.id

    @property
    def mode(self) -> str:
        return self.raw["mode"]

    @property
    def channel(self) -> str:
        return self.raw.get("channel", "direct")

    @property
    def until(self) -> _dt.date | None:
        value = self.raw.get("until")
        return _dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class DuplicateId:
    entity: Entity  # the later entity (reported, otherwise ignored)
    first: Entity  # the one references resolve to


@dataclass(frozen=True)
class UnknownReference:
    holder: Entity | Flow  # the entity whose field holds the reference
    pointer: str  # the reference value's pointer
    field: str
    ref: str
    expected: tuple[str, ...]  # entity kinds the field accepts
    found: Entity | None  # an entity of the wrong kind, or None
    suggestion: str | None
    reason: str = ""  # why a found entity does not do (another process's step, say)


_SECTIONS = {
    "people": Person, "units": Unit, "roles": Role, "externals": External,
    "processes": Process, "metrics": Metric, "interactions": Interaction,
}
_SECTION_OF = {cls: key for key, cls in _SECTIONS.items()}
for _key, _cls in _SECTIONS.items():
    _cls.section = _key


class Org:
    """The resolved, indexed org model shared by every rule of one document."""

    def __init__(self, data: dict, today: _dt.date | None = None) -> None:
        self.data = data
        self.today: _dt.date = today or _dt.date.today()
        self.people: list[Person] = []
        self.units: list[Unit] = []
        self.roles: list[Role] = []
        self.externals: list[External] = []
        self.processes: list[Process] = []
        self.steps: list[Step] = []
        self.metrics: list[Metric] = []
        self.interactions: list[Interaction] = []
        self.duplicates: list[DuplicateId] = []
        self.unknown_references: list[UnknownReference] = []
        self.reporting_cycles: list[list[Person]] = []
        self.unit_cycles: list[list[Unit]] = []
        self._by_id: dict[str, Entity] = {}
        self._candidates: dict[tuple[str, ...], Speller] = {}
        self._performers: dict[int, tuple] = {}
        self._handoffs: dict | None = None
        self._upstream: dict[int, tuple] = {}
        self._tin_index: dict[int, tuple] = {}
        self._order: dict[int, int] | None = None
        self._reporting = None
        self._looped: set[int] | None = None
        self._tour: list[Person] = []  # people reachable from a top, in preorder
        self._clean_lists: set[int] | None = None
        self._members: dict[int, tuple[Person, ...]] = {}
        self._memo: dict[Any, Any] = {}
        self._index()
        # The later entities of duplicate ids are the only ones not live.
        self._dead = frozenset(id(d.entity) for d in self.duplicates)
        self._resolve()
        self._index_reporting()
        self._index_units()

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
        """Every entity with an id, in document order (later duplicates included)."""
        for key in self.data:
            if key == "processes":
                for p in self.processes:
                    yield p
                    yield from p.steps
            elif key in _SECTIONS:
                yield from getattr(self, key)

    # -- building ------------------------------------------------------------

    def _register(self, entity: Entity) -> None:
        first = self._by_id.get(entity.id)
        if first is None:
            self._by_id[entity.id] = entity
        else:
            self.duplicates.append(DuplicateId(entity, first))

    def _index(self) -> None:
        by_id = self._by_id
        for key, items in self.data.items():
            cls = _SECTIONS.get(key)
            if cls is None or not isinstance(items, list):
                continue
            target = getattr(self, key)
            append = target.append
            for i, raw in enumerate(items):
                entity = cls(raw, i)
                if cls is Person:
                    entity.index = i
                append(entity)
                # _register, inlined for the million-entity sections
                first = by_id.setdefault(entity.id, entity)
                if first is not entity:
                    self.duplicates.append(DuplicateId(entity, first))
                if cls is Process:
                    for j, sraw in enumerate(raw.get("steps", [])):
                        step = Step(sraw, j, entity)
                        entity.steps.append(step)
                        self.steps.append(step)
                        self._register(step)
                    for j, fraw in enumerate(raw.get("flows", [])):
                        entity.flows.append(Flow(fraw, j, entity))

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
            speller = self._candidates[kinds] = Speller(
                e.id for e in self._by_id.values() if e.entity_kind in kinds)
        return speller.nearest(ref)

    def _refs(self, holder: Entity, field: str, kinds: tuple[str, ...]) -> list:
        out = []
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
        P, U, R, E = "person", "unit", "role", "external"
        by_id = self._by_id
        dead = self._dead
        refs = self._refs
        # People are most of a big model: _one inlined for the two single references.
        for person in self.people:
            raw = person.raw
            manager = unit = None
            ref = raw.get("reports_to")
            if ref is not None:
                manager = by_id.get(ref)
                if manager is None or manager.entity_kind != P:
                    manager = self._ref(person, "reports_to", ref, f"{person.pointer}/reports_to", (P,))
            ref = raw.get("unit")
            if ref is not None:
                unit = by_id.get(ref)
                if unit is None or unit.entity_kind != U:
                    unit = self._ref(person, "unit", ref, f"{person.pointer}/unit", (U,))
            person.manager, person.unit = manager, unit
            person.dotted_to = refs(person, "dotted_to", (P,)) if "dotted_to" in raw else _NONE
            held = raw.get("roles")
            if held and len(held) == 1:  # the common case, without a call
                role = by_id.get(held[0])
                roles = [role] if role is not None and role.entity_kind == R else refs(person, "roles", (R,))
            else:
                roles = refs(person, "roles", (R,)) if held else _NONE
            person.roles = roles
            # A later duplicate is reported and otherwise ignored: it joins no index.
            if dead and id(person) in dead:
                continue
            if manager is person:
                person.manager = manager = None
                self.reporting_cycles.append([person])
            if manager is not None:
                if manager.reports:
                    manager.reports.append(person)
                else:
                    manager.reports = [person]
            if unit is not None:
                unit.members.append(person)
            if len(roles) == 1:
                roles[0].holders.append(person)
            else:
                for role in dict.fromkeys(roles):
                    role.holders.append(person)
        for unit in self.units:
            unit.parent = self._one(unit, "parent", (U,))
            unit.lead = self._one(unit, "lead", (P,))
            if dead and id(unit) in dead:
                continue
            if unit.parent is unit:
                unit.parent = None
                self.unit_cycles.append([unit])
            if unit.parent is not None:
                unit.parent.children.append(unit)
        performs = (P, U, R, E)
        for process in self.processes:
            process.owner = self._one(process, "owner", (U, R, P))
            process.customer = self._one(process, "customer", (E, U, P))
            for step in process.steps:
                ref = step.raw.get("performer")
                performer = by_id.get(ref) if ref is not None else None
                if performer is None or performer.entity_kind not in performs:
                    performer = self._one(step, "performer", performs)
                step.performer = performer
            for flow in process.flows:
                ends = []
                for end in ("from", "to"):
                    ref = flow.raw.get(end)
                    step = by_id.get(ref) if ref is not None else None
                    if step is not None and step.entity_kind != "step":
                        step = None
                    if step is None and ref is not None:  # the suggestions are only made for a broken end
                        self._ref(flow, end, ref, f"{flow.pointer}/{end}", ("step",),
                                  candidates=[s.id for s in process.steps])
                    if step is not None and step.process is not process:
                        self.unknown_references.append(UnknownReference(
                            flow, f"{flow.pointer}/{end}", end, step.id, ("step",), step,
                            self._nearest(step.id, [s.id for s in process.steps]),
                            reason=f"a step of process {step.process.id!r}: a flow must stay within its process"))
                        step = None
                    ends.append(step)
                flow.source, flow.target = source, target = ends
                if source is not None and target is not None:
                    kind = flow.kind
                    source._link("out", kind, target)
                    target._link("in", kind, source)
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
                metric.process.metrics.append(metric)
        for interaction in self.interactions:
            interaction.between = tuple(self._refs(interaction, "between", (U,)))

    @staticmethod
    def _nearest(ref: str, candidates: list[str]) -> str | None:
        return nearest(ref, candidates)

    def _index_reporting(self) -> None:
        """Layers, cycles and an Euler tour of the reporting forest, in linear time."""
        people = [p for p in self.people if self._by_id.get(p.id) is p] if self.duplicates else self.people
        # The tour first: preorder entry times from each top, children in order; a
        # subtree's exit time is its last child's (or its entry time + 1 for a leaf).
        clock = 0
        order = self._tour
        for top in people:
            if top.manager is not None:
                continue
            top.layer = 1
            start = len(order)
            stack = [top]
            while stack:
                node = stack.pop()
                node._tin = clock
                clock += 1
                order.append(node)
                reports = node.reports
                if reports:
                    layer = node.layer + 1
                    for child in reports:
                        child.layer = layer
                    stack.extend(reversed(reports))
            for i in range(len(order) - 1, start - 1, -1):
                node = order[i]
                reports = node.reports
                node._tout = reports[-1]._tout if reports else node._tin + 1
        # Everyone the tour missed is in a reporting loop or below one: find the loops.
        state: dict[int, int] = {}  # id(person) -> 1 on the current walk, 2 done
        for start in [p for p in people if p._tin < 0]:
            if id(start) in state:
                continue
            walk = []
            p = start
            while p is not None and id(p) not in state:
                state[id(p)] = 1
                walk.append(p)
                p = p.manager
            if p is not None and state[id(p)] == 1:
                loop = walk[walk.index(p):]
                first = min(loop, key=lambda q: q.index)
                i = loop.index(first)
                self.reporting_cycles.append(loop[i:] + loop[:i])
            for q in walk:
                state[id(q)] = 2
        self.reporting_cycles.sort(key=lambda loop: loop[0].index)

    def _index_units(self) -> None:
        units = [u for u in self.units if self._by_id.get(u.id) is u]
        state: dict[int, int] = {}
        unit_order: dict[int, int] | None = None
        for start in units:
            if id(start) in state:
                continue
            walk = []
            u = start
            while u is not None and id(u) not in state:
                state[id(u)] = 1
                walk.append(u)
                u = u.parent
            if u is not None and state[id(u)] == 1:
                loop = walk[walk.index(u):]
                if unit_order is None:
                    unit_order = {id(x): i for i, x in enumerate(units)}
                first = min(loop, key=lambda x: unit_order[id(x)])
                i = loop.index(first)
                self.unit_cycles.append(loop[i:] + loop[:i])
            for x in walk:
                state[id(x)] = 2
        clock = 0
        for root in units:
            if root.parent is not None:
                continue
            root._tin = clock
            clock += 1
            stack: list[tuple[Unit, int]] = [(root, 0)]
            order: list[Unit] = []
            while stack:
                node, i = stack[-1]
                if i < len(node.children):
                    stack[-1] = (node, i + 1)
                    child = node.children[i]
                    child._tin = clock
                    clock += 1
                    stack.append((child, 0))
                else:
                    node._tout = clock
                    order.append(node)
                    stack.pop()
            for node in order:  # children before parents
                node.headcount = sum(p.count for p in node.members) + sum(c.headcount for c in node.children)
        # Units in or below a cycle have no tour. A unit below one heads a plain tree;
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

    # -- indexes rules read --------------------------------------------------

    def managers(self) -> list[Person]:
        """People with at least one direct report, in document order."""
        return [p for p in self.people if p.reports]

    def in_reporting_loop(self, person: Person) -> bool:
        """Whether the person is on a reporting loop (OC004's finding: not judged by
        the span rules, whose spans would include a line that will be removed)."""
        if self._looped is None:
            self._looped = {id(p) for loop in self.reporting_cycles for p in loop}
        return id(person) in self._looped

    def headcount(self) -> int:
        """Positions, vacant ones included, an aggregate position counting as its
        ceil(FTE) people."""
        return sum(p.count for p in self.live(self.people))

    def tops(self) -> list[Person]:
        """People with no manager (the tops of reporting trees), in document order."""
        self_reporting = {id(loop[0]) for loop in self.reporting_cycles if len(loop) == 1}
        return [p for p in self.people if p.manager is None and self._by_id.get(p.id) is p
                and id(p) not in self_reporting]

    def is_superior(self, a: Person, b: Person) -> bool:
        """Whether ``a`` is above ``b`` through ``reports_to`` (constant time)."""
        if a is b:
            return False
        if a._tin >= 0 and b._tin >= 0:
            return a._tin < b._tin and b._tout <= a._tout
        return any(s is a for s in b.superiors())

    def is_superior_of_any(self, a: Person, people: Iterable[Person]) -> bool:
        """Whether ``a`` is above at least one of ``people``: O(log n) for a tuple seen
        before (such as ``org.performers(step)``), so big units stay cheap."""
        if not isinstance(a, Person):
            return False
        if not isinstance(people, tuple):
            people = tuple(people)
        entry = self._tin_index.get(id(people))
        if entry is None or entry[0] is not people:
            tins = sorted(p._tin for p in people if isinstance(p, Person) and p._tin >= 0)
            odd = tuple(p for p in people if isinstance(p, Person) and p._tin < 0)
            entry = self._tin_index[id(people)] = (people, tins, odd)
        _, tins, odd = entry
        if a._tin >= 0:
            i = bisect.bisect_right(tins, a._tin)
            if i < len(tins) and tins[i] < a._tout:
                return True
        return any(self.is_superior(a, b) for b in odd)

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per model and shared by every rule that asks with
        the same ``key``: an index a rule family builds once for several of its rules.
        It lives as long as the model, so it never outlives the document."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = make()
        return found

    def live(self, entities: list) -> list:
        """The live ones of some of the model's entities (see ``is_live``), in order: the
        list itself when it holds no later duplicate (always so for ``org.people``,
        ``process.steps`` and the other model lists of a document whose ids are unique),
        so a rule can filter for free."""
        dead = self._dead
        if not dead:
            return entities
        if self._clean_lists is None:
            self._clean_lists = self._lists_without_dead()
        if id(entities) in self._clean_lists:
            return entities
        return [e for e in entities if id(e) not in dead]

    def _lists_without_dead(self) -> set[int]:
        """ids of the model's own entity lists that hold no later duplicate."""
        lists = [getattr(self, key) for key in _SECTIONS] + [self.steps] + [p.steps for p in self.processes]
        dirty = set()
        for d in self.duplicates:
            entity = d.entity
            if isinstance(entity, Step):
                dirty.update((id(entity.process.steps), id(self.steps)))
            else:
                dirty.add(id(getattr(self, _SECTION_OF[type(entity)])))
        return {id(x) for x in lists} - dirty

    def is_live(self, entity: Any) -> bool:
        """False for a later entity that reuses an earlier id (reported, otherwise ignored)."""
        return entity is not None and self._by_id.get(getattr(entity, "id", None)) is entity

    def order(self, entity: Any) -> int:
        """The entity's position in document order (for sorting deterministically)."""
        if self._order is None:
            self._order = {id(e): i for i, e in enumerate(self.entities())}
        return self._order.get(id(entity), -1)

    def subtree(self, person: Person) -> list[Person]:
        """The person and everyone below them, depth first."""
        if person._tin >= 0 and self._tour[person._tin] is person:
            # A toured subtree is one slice of the tour (the same depth-first order).
            return self._tour[person._tin:person._tout]
        out, stack, seen = [], [person], set()
        while stack:
            p = stack.pop()
            if id(p) in seen:
                continue
            seen.add(id(p))
            out.append(p)
            stack.extend(reversed(p.reports))
        return out

    def people_of(self, entity: Any) -> tuple[Person, ...]:
        """The people a person, unit or role stands for (an external stands for none)."""
        if isinstance(entity, Person):
            return (entity,)
        if isinstance(entity, Unit):
            # Several rules ask for the same units: walk each unit's sub-units once.
            found = self._members.get(id(entity))
            if found is None:
                found = self._members[id(entity)] = tuple(entity.all_members())
            return found
        if isinstance(entity, Role):
            return tuple(entity.holders)
        return ()

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
        works, bit, reach = self._upstream_work(step.process)
        mask = 0
        for p in step.predecessors():
            kind = p.kind
            if kind == "work":
                mask |= bit[id(p)]
            elif kind in CONTROL_KINDS:
                mask |= reach[id(p)]
        mask &= ~bit.get(id(step), 0)
        out = []
        while mask:
            lowest = mask & -mask
            out.append(works[lowest.bit_length() - 1])
            mask ^= lowest
        return out

    def _upstream_work(self, process: Process) -> tuple[list[Step], dict[int, int], dict[int, int]]:
        """For a process, once: its work steps, each one's bit, and for each control
        step the bits of the work steps found upstream through control steps from it.

        One pass over the control steps' strongly connected components (Tarjan,
        iterative), upstream components first, so that a process with thousands of
        control steps and flows costs one walk, not one walk per step."""
        cached = self._upstream.get(id(process))
        if cached is not None and cached[0] is process:
            return cached[1]
        works = [s for s in process.steps if s.kind == "work"]
        bit = {id(s): 1 << i for i, s in enumerate(works)}
        reach: dict[int, int] = {}
        index: dict[int, int] = {}
        low: dict[int, int] = {}
        on_stack: set[int] = set()
        stack: list[Step] = []
        for root in process.steps:
            if root.kind not in CONTROL_KINDS or id(root) in index:
                continue
            index[id(root)] = low[id(root)] = len(index)
            stack.append(root)
            on_stack.add(id(root))
            walk = [(root, iter(root.predecessors()))]
            while walk:
                node, preds = walk[-1]
                for p in preds:
                    if p.kind not in CONTROL_KINDS:
                        continue
                    if id(p) not in index:
                        index[id(p)] = low[id(p)] = len(index)
                        stack.append(p)
                        on_stack.add(id(p))
                        walk.append((p, iter(p.predecessors())))
                        break
                    if id(p) in on_stack and index[id(p)] < low[id(node)]:
                        low[id(node)] = index[id(p)]
                else:
                    walk.pop()
                    if walk and low[id(node)] < low[id(walk[-1][0])]:
                        low[id(walk[-1][0])] = low[id(node)]
                    if low[id(node)] == index[id(node)]:
                        members = []
                        while True:
                            m = stack.pop()
                            on_stack.discard(id(m))
                            members.append(m)
                            if m is node:
                                break
                        # Components upstream of this one are complete already.
                        mask = 0
                        for m in members:
                            for p in m.predecessors():
                                if p.kind == "work":
                                    mask |= bit[id(p)]
                                elif id(p) in reach:
                                    mask |= reach[id(p)]
                        for m in members:
                            reach[id(m)] = mask
        result = (works, bit, reach)
        self._upstream[id(process)] = (process, result)
        return result

    def handoffs(self) -> dict[tuple[Unit, Unit], list[Flow]]:
        """Pairs of units that hand work to each other, with the sequence flows that do it.

        A pair is keyed in document order of the units; units named as performers,
        neither containing the other."""
        if self._handoffs is None:
            order = {id(u): i for i, u in enumerate(self.units)}
            pairs: dict[tuple[Unit, Unit], list[Flow]] = defaultdict(list)
            for process in self.processes:
                for flow in process.flows:
                    if flow.kind != "sequence" or flow.source is None or flow.target is None:
                        continue
                    a, b = flow.source.performer, flow.target.performer
                    if not (isinstance(a, Unit) and isinstance(b, Unit)) or a is b:
                        continue
                    if a.contains(b) or b.contains(a):
                        continue
                    key = (a, b) if order[id(a)] <= order[id(b)] else (b, a)
                    pairs[key].append(flow)
            self._handoffs = dict(pairs)
        return self._handoffs

    def _lca(self, a: Person, b: Person) -> Person | None:
        """Nearest person who is, or is above, both (None when they share no tree)."""
        if a.layer is None or b.layer is None:
            above_a = [a, *a.superiors()]
            ids_b = {id(x) for x in (b, *b.superiors())}
            return next((x for x in above_a if id(x) in ids_b), None)
        while a.layer > b.layer:
            a = a.manager
        while b.layer > a.layer:
            b = b.manager
        while a is not b:
            a, b = a.manager, b.manager
            if a is None or b is None:
                return None
        return a

    def _anchors(self, entity: Any) -> list[Person]:
        if isinstance(entity, Person):
            return [entity]
        if isinstance(entity, Unit):
            return [entity.lead] if entity.lead is not None else entity.all_members()
        return list(self.people_of(entity))

    def lowest_common_superior(self, a: Any, b: Any) -> Person | None:
        """The nearest person who is a superior of, or is, both sides: for a unit its
        lead, or for a unit without a lead all its members. None when there is none."""
        people = self._anchors(a) + self._anchors(b)
        if not people:
            return None
        lcs = people[0]
        for p in people[1:]:
            lcs = self._lca(lcs, p)
            if lcs is None:
                return None
        return lcs

    @property
    def reporting(self) -> nx.DiGraph:
        """The solid reporting lines as a networkx DiGraph, manager → report."""
        if self._reporting is None:
            import networkx as nx

            g = nx.DiGraph()
            g.add_nodes_from(p for p in self.people if self._by_id.get(p.id) is p)
            g.add_edges_from((p.manager, p) for p in self.people
                             if p.manager is not None and self._by_id.get(p.id) is p)
            self._reporting = g
        return self._reporting

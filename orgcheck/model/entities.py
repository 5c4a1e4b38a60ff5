"""The entities of the org model: people, units, roles, externals, processes with
their steps and flows, metrics and interactions, each with typed fields over its
JSON object (``raw``, ``x-`` keys included) and the references the builder resolves.
"""
from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.model.hierarchy import is_above

#: the shared "none" of entity lists that most entities leave empty (typed as Any: it
#: stands for an empty list wherever one is declared, and is never appended to)
_NONE: Any = ()
CONTROL_KINDS = frozenset({"approval", "review", "decision"})
#: the kinds of process step, in the order views list them
STEP_KINDS = ("work", "approval", "review", "decision", "handoff", "feedback")


def layers_needed(positions: int, span: int) -> int:
    """The fewest layers, the top counted as one, that hold ``positions`` at a steady
    ``span``: the smallest L with 1 + S + S**2 + ... + S**(L-1) >= positions (a top,
    S people below it, S**2 below them, ...). Integer arithmetic, no logarithms; a
    span below 2 is read as 2. OC104 and ``stats`` use this one implementation."""
    span = max(span, 2)
    layers, held, row = 0, 0, 1
    while held < positions:
        held += row
        row *= span
        layers += 1
    return layers


class Entity:
    """Anything with an id in the model. ``raw`` is its JSON object (``x-`` keys
    included) and ``pointer`` its JSON Pointer in the document."""

    __slots__ = ("id", "raw", "_where")
    entity_kind = "entity"
    section = ""  # the top-level array the model reads this kind of entity from

    def __init__(self, raw: Any, pointer: str | int) -> None:
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
    __slots__ = ("manager", "reports", "staff", "dotted_to", "unit", "roles", "layer", "count", "aggregate",
                 "index", "memberships", "former_memberships", "_tin", "_tout", "_place")
    entity_kind = "person"
    # set while the model is built (orgcheck.model.index, .build): relations as the tuples rules see
    manager: Person | None
    unit: Unit | None
    roles: tuple[Role, ...]
    dotted_to: tuple[Person, ...]

    def __init__(self, raw: Any, pointer: str | int) -> None:
        # Entity.__init__ inlined, and no write the builder makes anyway (``manager``,
        # ``unit``, ``dotted_to``, ``roles``): a million people make each one count.
        self.raw, self._where, self.id = raw, pointer, raw.get("id")
        # Named direct reports. Most people manage nobody: they share one empty tuple; a
        # manager's first report makes a list (a million empty lists are 50 MB), a tuple once built.
        self.reports: tuple[Person, ...] = _NONE
        #: aggregate positions reporting to this post: staff below it, not direct reports
        self.staff: tuple[Person, ...] = _NONE
        #: the units that list this person among their ``members`` (not the line unit,
        #: unless it lists them too), and those that list them as former members
        self.memberships: list[Membership] | tuple = _NONE
        self.former_memberships: list[Membership] | tuple = _NONE
        self.layer: int | None = None
        #: an aggregate position (``x-aggregate``: a grade band of junior staff in a UK
        #: organogram) stands for ceil(FTE) unnamed people somewhere below its post
        self.aggregate: bool = "x-aggregate" in raw and bool(raw["x-aggregate"])
        self.count: int = math.ceil(raw.get("fte", 1)) if self.aggregate else 1
        #: the person's place in the document's people (document order, for sorting)
        self.index = pointer if type(pointer) is int else 0
        self._tin = self._tout = -1

    @property
    def name(self) -> str:
        if self.raw.get("name"):
            return self.raw["name"]
        return _("vacant position {id}").format(id=self.id) if self.vacant else self.id

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
    def grade(self) -> str | None:
        """The pay grade or band of the position, as the organization names it."""
        return self.raw.get("grade")

    @property
    def cost(self) -> float | None:
        """The yearly pay cost of the position in the organization's ``currency``: pay
        only, not employer on-costs (pension, social charges) or overheads; for an
        aggregate position, of all the staff it stands for. None: not recorded."""
        return self.raw.get("cost")

    @property
    def span(self) -> int:
        """Named direct reports: the positions a manager steers in person (vacant ones
        included). Aggregate positions below are headcount, not span: ``staff_below``."""
        return len(self.reports)

    @property
    def staff_below(self) -> int:
        """The people of the aggregate positions reporting to this post (ceil(FTE) each)."""
        return sum(r.count for r in self.staff)

    @property
    def bands_below(self) -> int:
        """How many aggregate positions report to this post."""
        return len(self.staff)

    @property
    def manages(self) -> bool:
        """Whether anyone reports to this post: a named position or an aggregate one."""
        return bool(self.reports or self.staff)

    def below(self) -> list[Person]:
        """Everyone reporting directly: named reports, then aggregate positions."""
        return [*self.reports, *self.staff] if self.staff else list(self.reports)


class Unit(Entity):
    __slots__ = ("parent", "children", "members", "lead", "headcount", "memberships", "former_memberships",
                 "_tin", "_tout", "_place")  # _place: only on or below a loop (orgcheck.model.hierarchy)
    entity_kind = "unit"

    def __init__(self, raw: Any, pointer: str | int) -> None:
        self.raw, self._where, self.id = raw, pointer, raw.get("id")  # Entity.__init__ inlined
        self.parent: Unit | None = None
        self.children: list[Unit] | tuple = _NONE  # as memberships: a list once the builder adds one
        #: the people whose line unit (``unit``) this is; headcounts count these
        self.members: list[Person] = []
        #: the people the unit lists in its ``members`` (each with their role here), in document
        #: order; a person listed twice is one membership, the first (most units list none)
        self.memberships: list[Membership] | tuple = _NONE
        #: the people it lists in ``former_members``: not members
        self.former_memberships: list[Membership] | tuple = _NONE
        self.lead: Person | None = None
        self.headcount = 0
        self._tin = self._tout = -1

    @property
    def type(self) -> str:
        return self.raw.get("type", "department")

    @property
    def is_team(self) -> bool:
        # an archived team is no longer part of the organization: no team rule judges it
        return self.type in ("team", "circle") and not self.archived

    @property
    def archived(self) -> bool:
        """A unit kept on record that no longer exists (a retired team)."""
        return self.raw.get("archived") is True

    @property
    def self_organizing(self) -> bool:
        return bool(self.raw.get("self_organizing", False))

    @property
    def purpose(self) -> str | None:
        """The result the unit delivers, and for whom (OC307 asks it of a team)."""
        return self.raw.get("purpose")

    @property
    def people(self) -> list[Person]:
        """Everyone who belongs to the unit itself: the people whose line unit it is,
        then those it lists as members (each once, sub-units not included)."""
        if not self.memberships:
            return self.members
        seen = {id(p) for p in self.members}
        out = list(self.members)
        for m in self.memberships:
            if id(m.person) not in seen:
                seen.add(id(m.person))
                out.append(m.person)
        return out

    def holders_of(self, role: str) -> list[Person]:
        """The listed members who hold ``role`` in this unit (``lead``, ``chair``...),
        as their main role or one of several."""
        return [m.person for m in self.memberships if role in m.roles]

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
        return is_above(self, entity, _parent)


def _parent(unit: Unit) -> Unit | None:
    return unit.parent


#: the membership roles that lead a unit, besides the unit's own ``lead`` (a team's lead,
#: a SIG's chairs and tech leads): one definition for the rules and the views
LEAD_ROLES = frozenset({"lead", "chair", "tech-lead"})


class Membership:
    """A person listed in a unit's ``members`` (or ``former_members``), with the role
    they hold there (``member`` when the source names none): ``role`` the main one,
    ``roles`` all of them (a chair who is also a tech lead)."""

    __slots__ = ("person", "unit", "role", "roles", "former", "pointer")

    def __init__(self, person: Person, unit: Unit, role: str | list[str], former: bool, pointer: str) -> None:
        self.person = person
        self.unit = unit
        self.roles: tuple[str, ...] = tuple(role) if isinstance(role, list) and role else (str(role),)
        self.role = self.roles[0]
        self.former = former
        #: the list item's JSON Pointer (findings about the membership point at it)
        self.pointer = pointer

    @property
    def leads(self) -> bool:
        """Whether one of the roles leads the unit (:data:`LEAD_ROLES`)."""
        return not LEAD_ROLES.isdisjoint(self.roles)

    def __repr__(self) -> str:
        former = " (former)" if self.former else ""
        return f"<Membership {self.person.id!r} in {self.unit.id!r} as {self.role!r}{former}>"


class Role(Entity):
    __slots__ = ("holders", "_alone")
    entity_kind = "role"

    def __init__(self, raw: Any, pointer: str | int) -> None:
        super().__init__(raw, pointer)
        self.holders: list[Person] = []
        # the ``roles`` of all who hold this role alone (880,000 of 1M people): 40 MB less than one each
        self._alone: tuple[Role] = (self,)

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
    __slots__ = ("owner", "customer", "steps", "flows", "metrics")
    entity_kind = "process"

    def __init__(self, raw: Any, pointer: str | int) -> None:
        super().__init__(raw, pointer)
        self.owner: Entity | None = None
        self.customer: Entity | None = None
        # tuples as rules see them, made by the builder: none for the freeze to convert
        self.steps: tuple[Step, ...] = _NONE
        self.flows: tuple[Flow, ...] = _NONE
        self.metrics: tuple[Metric, ...] = _NONE


class Step(Entity):
    # Sequence neighbours in plain lists, other kinds of flow in a dict made only when
    # needed: a dict per step and direction cost a million-step model hundreds of MB.
    __slots__ = ("performer", "process", "kind", "_out", "_in", "_other")
    entity_kind = "step"

    def __init__(self, raw: Any, pointer: str | int, process: Process) -> None:
        self.raw, self._where, self.id = raw, pointer, raw.get("id")  # Entity.__init__ inlined
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

    @property
    def cadence(self) -> str | None:
        """How often a recurring step (an evaluation, a retrospective) takes place."""
        return self.raw.get("cadence")

    @property
    def domain(self) -> str | None:
        """The domain a decision or approval step decides (OC407, OC408)."""
        return self.raw.get("domain")

    def successors(self, kind: str = "sequence") -> list[Step]:
        found = self._out if kind == "sequence" else self._other.get(("out", kind)) if self._other else None
        return found if found is not None else []

    def predecessors(self, kind: str = "sequence") -> list[Step]:
        found = self._in if kind == "sequence" else self._other.get(("in", kind)) if self._other else None
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

    def __init__(self, raw: Any, pointer: str | int, process: Process) -> None:
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

    def __init__(self, raw: Any, pointer: str | int) -> None:
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

    def __init__(self, raw: Any, pointer: str | int) -> None:
        super().__init__(raw, pointer)
        self.between: tuple[Unit | None, ...] = ()

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


SECTIONS = {
    "people": Person, "units": Unit, "roles": Role, "externals": External,
    "processes": Process, "metrics": Metric, "interactions": Interaction,
}
for _key, _cls in SECTIONS.items():
    _cls.section = _key



"""The process reading OC203 and OC206 share (plugins/vertical.py): which steps the
doers own before each control step, whose they are, and which self-organizing units
they speak for, as bit masks computed in one pass per process (not a plugin: no hooks).
"""
from __future__ import annotations

from orgcheck_plugins._common import is_above, unit_of_performer, unit_order
from orgcheck_plugins._common import names as _names
from orgcheck_plugins.roles import works_to_standards

from orgcheck.i18n.runtime import _
from orgcheck.model import OWNED_KINDS, External, Inputs, Org, Unit


def self_organizing_units(unit, cache: dict) -> list:
    """The unit and its ancestors that declare `self_organizing`, innermost first.

    ``cache``: id(unit) -> (the list, whether the walk up reached the top). A walk stops
    at a unit whose walk reached the top (the rest of its list is that unit's list), so
    each unit of a deep tree is walked past once, not once per unit below it. A walk
    that comes round a loop of units is this unit's own (its list is cached, not reused).
    The lists are shared: never change one."""
    entry = cache.get(id(unit))
    if entry is not None:
        return entry[0]
    path, seen, u = [], set(), unit
    tail: list = []
    while u is not None:
        if id(u) in seen:  # round a loop: the units walked, as they come
            found = [x for x in path if x.self_organizing]
            cache[id(unit)] = (found, False)
            return found
        entry = cache.get(id(u))
        if entry is not None and entry[1]:
            tail = entry[0]
            break
        seen.add(id(u))
        path.append(u)
        u = u.parent
    for x in reversed(path):
        if x.self_organizing:
            tail = [x, *tail]
        cache[id(x)] = (tail, True)
    return tail


class Flow:
    """One process as OC203 and OC206 read it: for each control step, three masks of what
    flows into it from the steps the doers own (``orgcheck.model.Inputs``): the steps (bit
    i: ``owned[i]``), their performers (bit i: ``entities[i]``) and the self-organizing
    units they speak for (bit i: ``so_units[i]``; ``units`` lists them in the model's
    order). Every query is then an AND of masks, so no rule walks the flows once per step."""

    def __init__(self, org, process, speaks: _SpeaksFor) -> None:
        self.org = org
        self.owned = [s for s in process.steps if s.kind in OWNED_KINDS]
        index = {id(s): i for i, s in enumerate(self.owned)}
        self.entities: list = []
        entity_bit: dict = {}
        # Bits for the few self-organizing units of this process, not for all units of
        # the model: a mask of 140,000 bits would be copied at every flow.
        self.so_units: list = []
        so_bit: dict = {}
        #: id of a self-organizing unit -> the owned steps that speak for it
        self.so_steps: dict = {}
        self._below: dict = {}
        self._professional = 0  # entity bits judged professional, of those ``_judged``
        self._judged = 0

        def tags(step) -> tuple[int, int, int]:
            bit = 1 << index[id(step)]
            performer, who, units = step.performer, 0, 0
            if performer is not None:
                who = entity_bit.get(id(performer))
                if who is None:
                    who = entity_bit[id(performer)] = 1 << len(self.entities)
                    self.entities.append(performer)
            for so in speaks[performer]:
                mine = so_bit.get(id(so))
                if mine is None:
                    mine = so_bit[id(so)] = 1 << len(self.so_units)
                    self.so_units.append(so)
                units |= mine
                self.so_steps[id(so)] = self.so_steps.get(id(so), 0) | bit
            return bit, who, units

        self.inputs = Inputs(process, tags, 3)
        self.index = index
        self._speaks = speaks

    def units(self, mask: int) -> list:
        """The self-organizing units of ``mask`` (bits of ``so_units``), in the model's order."""
        found = []
        while mask:
            low = mask & -mask
            mask ^= low
            found.append(self.so_units[low.bit_length() - 1])
        if len(found) < 2:
            return found
        order = self._speaks.order()
        return sorted(found, key=lambda u: order[id(u)])

    def bit(self, step) -> int:
        i = self.index.get(id(step))
        return 0 if i is None else 1 << i

    def oversees(self, person, sources: int) -> bool:
        """Whether ``person`` is a superior of someone of at least one performer in
        ``sources`` (entity bits). Performers are compared only until one is found, and
        each once per person: a process's team is asked before its roles and externals."""
        known, hits = self._below.get(id(person), (0, 0))
        if sources & hits:
            return True
        todo = sources & ~known
        found = False
        while todo:
            low = todo & -todo
            todo ^= low
            known |= low
            if is_above(self.org, person, self.entities[low.bit_length() - 1]):
                hits |= low
                found = True
                break
        self._below[id(person)] = (known, hits)
        return found

    def professional(self, entities: int) -> bool:
        """Whether every performer in ``entities`` (bits) works to professional standards
        (an external party is not asked); each performer is judged once, when asked."""
        todo = entities & ~self._judged
        while todo:
            low = todo & -todo
            todo ^= low
            e = self.entities[low.bit_length() - 1]
            if isinstance(e, External) or works_to_standards(self.org, e):
                self._professional |= low
        self._judged |= entities
        return not entities & ~self._professional

    def labels(self, mask: int, label, limit: int) -> str:
        """The steps of ``mask`` as a message names them, in document order: only the first
        few are decoded, so a mask of thousands of steps costs a few labels."""
        shown: list[str] = []
        decoded = 0
        while mask and len(shown) <= limit and decoded < 64:
            low = mask & -mask
            mask ^= low
            decoded += 1
            text = label(self.owned[low.bit_length() - 1])
            if text not in shown:
                shown.append(text)
        more = len(shown[limit:]) + mask.bit_count()
        if not more:
            return _names(shown, limit=limit)
        return _("{names} and {count} more").format(names=", ".join(shown[:limit]), count=more)


class _SpeaksFor(dict):
    """performer entity (or None) -> the self-organizing units a step it performs speaks
    for (those of ``self_organizing_units`` of the step's unit, duplicate ids left out):
    worked out once per performer per model, not once per step."""

    def __init__(self, org: Org) -> None:
        super().__init__()
        self.org = org
        self.claims: dict = {}
        # the later units of a duplicate id (OC002's), which the model's units leave out
        self.duplicates = {id(d.entity) for d in org.duplicates if isinstance(d.entity, Unit)}

    def __missing__(self, performer) -> tuple:
        unit = unit_of_performer(performer)
        found = () if unit is None else tuple(
            so for so in self_organizing_units(unit, self.claims) if id(so) not in self.duplicates)
        self[performer] = found
        return found

    def order(self) -> dict:
        """id(unit) -> its place in the model's units, asked when a process speaks for two
        self-organizing units (a unit within another)."""
        return unit_order(self.org)


def speaks_for(org: Org) -> _SpeaksFor:
    """The model's `_SpeaksFor`, shared by OC203 and OC206."""
    return org.memo(("vertical", "speaks for"), lambda: _SpeaksFor(org))


def flow_of(org, process) -> Flow:
    """The process's `Flow`, built once per model for OC203 and OC206 alike."""
    flows = org.memo(("vertical", "flows"), dict)
    found = flows.get(id(process))
    if found is None:
        found = flows[id(process)] = Flow(org, process, speaks_for(org))
    return found

"""The org model a rule sees: entities with resolved references and indexes.

In parts, each with one job: ``entities`` (the typed entities), ``index`` (making and
indexing them, resolving what it can at once), ``build`` (resolving and reporting the
other references), ``hierarchy`` (reporting lines and units: one Euler tour,
one cycle finder), ``flows`` (process flows) and ``org`` (the ``Org`` rules query).
``from orgcheck.model import Org, Person, ...`` is the import to use.
"""
from __future__ import annotations

from orgcheck.model.entities import (
    CONTROL_KINDS,
    STEP_KINDS,
    DuplicateId,
    Entity,
    External,
    Flow,
    Interaction,
    Membership,
    Metric,
    Person,
    Process,
    Role,
    Step,
    Unit,
    UnknownReference,
    layers_needed,
)
from orgcheck.model.flows import OWNED_KINDS, Inputs, components
from orgcheck.model.org import Org
from orgcheck.model.purpose import has_purpose, placeholder

__all__ = ["CONTROL_KINDS", "OWNED_KINDS", "STEP_KINDS", "DuplicateId", "Entity", "External", "Flow", "Inputs",
           "Interaction", "Membership", "Metric", "Org", "Person", "Process", "Role", "Step", "Unit",
           "UnknownReference", "components", "has_purpose", "layers_needed", "placeholder"]

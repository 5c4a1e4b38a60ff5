"""OC107-OC108: grades along the reporting lines (pillar 1, self-steering).

A reporting line is also a step in seniority: a manager is graded above the people
they manage. Where a direct report is graded above their manager, the line says one
thing and the pay structure another; where a manager is graded the same as a direct
report, the layer adds a line of control without a step in responsibility.

Grades are compared only when their order is known: from the rule option ``order``
(most senior first), else from the model's ``organization.grades``, else from the
ladders orgcheck knows (the UK Civil Service's SCS4 > SCS3 > SCS2 > SCS1A > SCS1 > G6 >
G7 > SEO > HEO > EO > AO > AA, and NATO's OF-10 > ... > OF-1 > OR-9 > ... > OR-1).
Two grades on different ladders (a brigadier, OF-6, under a director, SCS2), or a grade
on none, are not compared: silence, never a guess. Grades compare by letters and digits
only, case aside: "SCS1a", "SCS 1A" and "scs1a" are one grade.

The measures (``grade_rank``, ``grade_lines``) are the ones the rules judge; views ask
for them through the ``orgcheck_measures`` hook.
"""
from __future__ import annotations

import re
from typing import Any

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.model import Org, Person
from orgcheck.wording import names

PILLAR = "self-steering"
INVERSION = "grade-inversion"

#: ladders orgcheck knows, most senior first; each grade written as in the data
KNOWN_LADDERS: tuple[tuple[str, ...], ...] = (
    ("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1", "G6", "G7", "SEO", "HEO", "EO", "AO", "AA"),
    ("OF10", "OF9", "OF8", "OF7", "OF6", "OF5", "OF4", "OF3", "OF2", "OF1",
     "OR9", "OR8", "OR7", "OR6", "OR5", "OR4", "OR3", "OR2", "OR1"),
)
#: how UK exports also write the Civil Service's delegated grades
_ALIASES = {"GRADE6": "G6", "GRADE7": "G7", "HIGHEREXECUTIVEOFFICER": "HEO", "SENIOREXECUTIVEOFFICER": "SEO",
            "EXECUTIVEOFFICER": "EO", "ADMINISTRATIVEOFFICER": "AO", "ADMINISTRATIVEASSISTANT": "AA"}


def grade_key(grade: str) -> str:
    """A grade as compared: letters and digits, upper case ("SCS 1a" -> "SCS1A")."""
    key = re.sub(r"[^0-9A-Z]", "", grade.upper())
    return _ALIASES.get(key, key)


def _ladders(org: Org, order: list[str]) -> list[tuple[str, ...]]:
    if order:
        return [tuple(order)]
    declared = org.organization.get("grades")
    if isinstance(declared, list) and declared:
        return [tuple(str(g) for g in declared)]
    return list(KNOWN_LADDERS)


def grade_rank(org: Org, person: Person, inversion: dict[str, Any] | None) -> tuple[int, int] | None:
    """(ladder, rank: 0 the most senior) of the person's grade, or None where the grade
    is missing or on no known ladder."""
    ranks = _ranks(org, (inversion or {}).get("order") or [])
    grade = person.grade
    return ranks.get(grade_key(grade)) if isinstance(grade, str) else None


def _ranks(org: Org, order: list[str]) -> dict[str, tuple[int, int]]:
    def make() -> dict[str, tuple[int, int]]:
        ranks: dict[str, tuple[int, int]] = {}
        for ladder, grades in enumerate(_ladders(org, order)):
            for rank, grade in enumerate(grades):
                ranks.setdefault(grade_key(grade), (ladder, rank))
        return ranks

    # one table per model and order: the rules and the views share it
    return org.memo(("grade_ranks", tuple(order)), make)


def grade_lines(org: Org, inversion: dict[str, Any] | None) -> dict[str, int]:
    """How many solid lines (a manager and a named direct report, both graded on one
    ladder) are inverted, same-grade and in order; lines whose grades cannot be
    compared are counted apart."""
    return dict(_lines(org, inversion)[0])


def _lines(org: Org, inversion: dict[str, Any] | None) -> tuple[dict[str, int], list, list]:
    """(the count of lines of each relation, the inverted lines and the same-grade lines
    as (manager, report), in document order), once per model and order: OC107, OC108
    and the views share one reading of a million lines."""
    order = tuple((inversion or {}).get("order") or [])
    return org.memo(("grade lines", order), lambda: _read_lines(org, order))


def _read_lines(org: Org, order: tuple) -> tuple[dict[str, int], list, list]:
    ranks = _ranks(org, list(order))
    # grade_rank, with each distinct grade's rank looked up once (a million people hold a
    # few dozen grades)
    known: dict[str, tuple[int, int] | None] = {}

    def rank(person: Person) -> tuple[int, int] | None:
        grade = person.grade
        if not isinstance(grade, str):
            return None
        if grade not in known:
            known[grade] = ranks.get(grade_key(grade))
        return known[grade]

    counts = {"inverted": 0, "same": 0, "in_order": 0, "not_compared": 0}
    inverted: list[tuple[Person, Person]] = []
    same: list[tuple[Person, Person]] = []
    for manager in org.managers():
        mine = rank(manager)
        if mine is None:  # no line of an ungraded manager compares: their reports are not read
            counts["not_compared"] += len(manager.reports)
            continue
        for report in manager.reports:
            theirs = rank(report)
            if theirs is None or mine[0] != theirs[0]:
                counts["not_compared"] += 1
            elif theirs[1] < mine[1]:
                counts["inverted"] += 1
                inverted.append((manager, report))
            elif theirs[1] == mine[1]:
                counts["same"] += 1
                same.append((manager, report))
            else:
                counts["in_order"] += 1
    return counts, inverted, same


def _graded(person: Person) -> str:
    return _("{post} ({grade})").format(post=person.label, grade=person.grade)


@orgcheck.rule("OC107", "grade-inversion", severity="warning", pillar=PILLAR, options={"order": []},
               needs=("reporting_lines",))
def grade_inversion(org, order):
    """A direct report is graded above their manager.

    What: a named position whose `grade` is more senior than the `grade` of the person
    it reports to (`reports_to`), both on one known order of grades. The order is the
    option `order` (most senior first), else the model's `organization.grades`, else a
    ladder orgcheck knows: the UK Civil Service (SCS4 > SCS3 > SCS2 > SCS1A > SCS1 > G6 >
    G7 > SEO > HEO > EO > AO > AA) and NATO ranks (OF-10 > ... > OF-1 > OR-9 > ... >
    OR-1). Grades on different ladders, or on none, are not compared. One finding per
    report, on the report.

    Why: a reporting line carries responsibility for the work of the people below it,
    and the grade is the organization's own statement of that responsibility (Jaques,
    "Requisite Organization", 1989: each managerial layer is one step up in the weight
    of responsibility). A manager graded below a report is asked to steer someone the
    organization judges more senior: steering then runs through the formal line while
    the weight lies elsewhere. Often it is stale data (a promotion recorded on one side
    only), or a specialist paid above the line on purpose, a professional career path
    that should be said as such.

    Fix: check both grades. Where the report is a senior professional who needs no
    steering, let them report to someone of their own level, or record the line as a
    dotted line (`dotted_to`) to the coordinator; where the grades are wrong, correct
    them; where it is deliberate (a professional career path), waive the finding with
    that reason.

    Options:
        order (default []): the grades, most senior first, for an organization whose
        grades orgcheck does not know and whose model records no `organization.grades`.

    Example:
        {"id": "ann", "name": "Ann", "grade": "SCS1"} and {"id": "bo", "name": "Bo",
        "grade": "SCS2", "reports_to": "ann"}
        -> Bo (SCS2) is graded above Ann (SCS1), to whom they report: ...
    """
    for manager, report in _lines(org, {"order": order})[1]:
        yield report, _("{report} is graded above {manager}, to whom they report: the line asks a more "
                        "junior post to steer a more senior one; check both grades, and where the report "
                        "needs no steering, let them report to someone of their own level or record a "
                        "dotted line (dotted_to) instead; waive a deliberate professional career path with "
                        "its reason").format(report=_graded(report), manager=_graded(manager))


@orgcheck.rule("OC108", "grade-compression", severity="info", pillar=PILLAR, options={"order": []},
               needs=("reporting_lines",))
def grade_compression(org, order):
    """A manager is graded the same as one of their direct reports.

    What: a manager with at least one named direct report at the same `grade`, on the
    order of grades OC107 (grade-inversion) uses, as that rule is configured. One finding per
    manager, naming the reports at their grade. The order of grades is found as
    OC107 (grade-inversion) finds it. Info, not a warning: some organizations
    grade a team lead with the team on purpose (a first among equals, a rotating lead).

    Why: a management layer should be a step up in responsibility (Jaques, "Requisite
    Organization", 1989); where it is not, the layer mainly adds a line of control and
    approval between peers. Peers at one grade can coordinate with each other directly
    (the self-steering pillar): the layer may not be needed, or its lead is in fact a
    coordinating role inside the team.

    Fix: where the lead coordinates rather than manages, make it a role inside a
    self-steering team (`manager_type` coach or facilitator, or a team role) and let the
    team report one level up; where the lead does carry more responsibility, grade it
    accordingly; where it is deliberate, waive the finding with its reason.

    Options:
        order (default []): the grades, most senior first, as OC107's `order` (set both,
        or record the order once in the model's `organization.grades`).

    Example:
        {"id": "ann", "name": "Ann", "grade": "G7"} and {"id": "bo", "name": "Bo",
        "grade": "G7", "reports_to": "ann"}
        -> Ann (G7) manages 1 direct report at the same grade: Bo: ...
    """
    same: dict[int, tuple[Person, list[Person]]] = {}
    for manager, report in _lines(org, {"order": order})[2]:
        same.setdefault(id(manager), (manager, []))[1].append(report)
    for manager, reports in same.values():
        yield manager, ngettext(
            "{manager} manages {count} direct report at the same grade: {names}; a layer that is no step up in "
            "responsibility adds control between peers: let them coordinate directly and the team report one "
            "level up, or grade the lead for what it carries",
            "{manager} manages {count} direct reports at the same grade: {names}; a layer that is no step up in "
            "responsibility adds control between peers: let them coordinate directly and the team report one "
            "level up, or grade the lead for what it carries", len(reports)).format(
            manager=_graded(manager), count=len(reports), names=names(r.label for r in reports))


@orgcheck.hookimpl
def orgcheck_rules():
    return [grade_inversion, grade_compression]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("grade_rank", grade_rank, {"inversion": INVERSION}),
            orgcheck.Measure("grade_lines", grade_lines, {"inversion": INVERSION})]

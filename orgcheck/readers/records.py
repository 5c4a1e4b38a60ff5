"""People as records (CSV rows, YAML files): which column is which field, and the
format-1 people and units they make (spec/readers.md).

Shared by the CSV and YAML readers; knows nothing of positions. Every person and
unit it makes remembers the record (and column) it came from, so a reader's
locator can point findings at the cell.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from orgcheck.i18n.runtime import _
from orgcheck.io.document import ReaderError

FIELDS = ("id", "name", "title", "reports_to", "unit", "fte")

#: column names (normalized) that a field is guessed from, best first
GUESSES: dict[str, tuple[str, ...]] = {
    # HR systems export the key as a staff, employee, worker, personnel or person number.
    "id": ("id", "employee id", "employee number", "employee no", "employee nr", "emp id", "emp no",
           "staff id", "staff number", "staff no", "staff nr", "worker id", "worker number", "personnel number",
           "personnel no", "personnel id", "person id", "person number", "payroll number", "post unique reference",
           "slug"),
    "name": ("name", "full name", "employee name", "staff name", "worker name", "person name"),
    "title": ("job title", "title", "position title", "job"),
    "reports_to": ("manager id", "manager number", "manager no", "manager employee id", "manager employee number",
                   "manager staff number", "manager staff no", "manager", "reports to", "reports to id",
                   "reports to number", "reports to senior post", "reporting senior post", "line manager",
                   "line manager id", "line manager number", "line manager no", "line manager staff no",
                   "line manager staff number", "supervisor", "supervisor id", "supervisor number", "supervisor no",
                   "supervisor employee id"),
    "fte": ("fte",),
}
#: unit columns, the most specific first; those present form the unit path
UNIT_COLUMNS = ("unit", "team", "department", "departments", "organisation", "organization",
                "parent department")

NO_MANAGER = frozenset({"", "xx", "0"})
_NOT_DISCLOSED = frozenset({"n/d", "nd", "not disclosed"})
_VACANT = {"vacant": "vacant", "vacancy": "vacant", "new vacancy": "vacant"}
#: a post the export lists as abolished: out of the model (orgcheck/readers/meaning.py)
_ELIMINATED = frozenset({"eliminated", "post eliminated"})
#: a mapped value longer than this is a broken row (a quote missing), not a name
MAX_CELL = 10_000

_TAG = re.compile(r"<[^>]*>")


def normalize(column: str) -> str:
    """Column names compare by letters and digits only: 'Reports to Senior Post' ==
    'reports_to_senior_post'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", column.lower()).split())


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-") or "x"


@dataclass
class Mapping:
    """Which column holds each field; ``unit`` is a path of columns, general first."""

    columns: dict[str, Any] = field(default_factory=dict)
    unit: list[Any] = field(default_factory=list)
    #: no id column was recognised: people are keyed by their names
    ids_are_names: bool = False


def resolve_mapping(columns: Sequence[str], explicit: dict[str, str], *, kind: str = "column") -> Mapping:
    """Guess each field's column, then apply the explicit mapping (--map, [csv]).

    Raises ReaderError for a mapped column the file lacks, naming the ones it has."""
    by_norm: dict[str, str] = {}
    for c in columns:
        if isinstance(c, str) and c.strip():
            by_norm.setdefault(normalize(c), c)
    mapping = Mapping()
    for f, guesses in GUESSES.items():
        for g in guesses:
            if g in by_norm:
                mapping.columns[f] = by_norm[g]
                break
    mapping.unit = [by_norm[u] for u in reversed(UNIT_COLUMNS) if u in by_norm]
    for f, column in explicit.items():
        if f not in FIELDS:
            raise ReaderError(_("the column mapping names an unknown field {field}; fields are {fields}").format(
                field=repr(f), fields=", ".join(FIELDS)))
        found = column if column in columns else by_norm.get(normalize(column))
        if found is None:
            has = ", ".join(repr(c) for c in columns if isinstance(c, str) and c.strip()) or _("none")
            text = (_("the column mapping {mapping} names a key the file lacks; its keys are: {found}") if kind == "key"
                    else _("the column mapping {mapping} names a column the file lacks; its columns are: {found}"))
            raise ReaderError(text.format(mapping=f"{f}={column!r}", found=has))
        if f == "unit":
            mapping.unit = [found]
        else:
            mapping.columns[f] = found
    # A column claimed by one field is not also guessed for another.
    claimed = set(explicit.values())
    for f in list(mapping.columns):
        if f not in explicit and mapping.columns[f] in claimed:
            del mapping.columns[f]
    if "unit" not in explicit:
        mapping.unit = [c for c in mapping.unit if c not in claimed or c == explicit.get("unit")]
    if "id" not in mapping.columns:
        if "name" not in mapping.columns:
            has = ", ".join(repr(c) for c in columns if isinstance(c, str) and c.strip()) or _("none")
            text = (_("no id key found (looked for {guesses}); its keys are: {found}; name it with --map id=COLUMN")
                    if kind == "key" else
                    _("no id column found (looked for {guesses}); its columns are: {found}; name it with "
                      "--map id=COLUMN"))
            raise ReaderError(text.format(guesses=", ".join(GUESSES["id"]), found=has))
        mapping.columns["id"] = mapping.columns["name"]  # people named, not numbered
        mapping.ids_are_names = True
    return mapping


def _quoted_for_shell(column: str) -> str:
    return column if re.fullmatch(r"[\w.-]+", column) else '"' + column.replace('"', '\\"') + '"'


def check_ids_are_names(mapping: Mapping, columns: Sequence[str], values: Callable[[Any], list[str]],
                        *, kind: str = "column") -> None:
    """When no id column was recognised, people are keyed by name; that is right only
    when their managers are named too (``Name,Manager``). Otherwise raises ReaderError
    naming the columns found and the --map that fixes it: an HR export keyed by a staff
    number under a header we do not know is never read with names as ids."""
    if not mapping.ids_are_names:
        return
    manager_column = mapping.columns.get("reports_to")
    managers = [v for v in values(manager_column) if v.lower() not in NO_MANAGER] if manager_column else []
    if managers:
        names = set(values(mapping.columns["name"]))
        if sum(1 for v in managers if v not in names) * 2 < len(managers):
            return
    wanted = set(managers)
    candidates = [c for c in columns if isinstance(c, str) and c.strip() and c != manager_column]
    best = max(candidates, key=lambda c: len(wanted & set(values(c))), default=None)
    if best is None or not wanted & set(values(best)):
        fix = f"--map id={kind.upper()}"
    else:
        fix = f"--map id={_quoted_for_shell(best)}"
    has = ", ".join(repr(c) for c in columns if isinstance(c, str) and c.strip())
    if not managers:
        fix += " --map reports_to=COLUMN"
    if kind == "key":
        text = (_("no key of person ids recognised among {found}, and the managers in {managers} are not names: "
                  "name the id key with {fix}") if managers
                else _("no key of person ids recognised among {found}, and no column of managers was recognised "
                       "either: name the id and manager keys with {fix}"))
    else:
        text = (_("no column of person ids recognised among {found}, and the managers in {managers} are not "
                  "names: name the id column with {fix}") if managers
                else _("no column of person ids recognised among {found}, and no column of managers was "
                       "recognised either: name the id and manager columns with {fix}"))
    raise ReaderError(text.format(found=has, managers=repr(manager_column), fix=fix))


def text_of(value: Any) -> str:
    """A cell or YAML value as text: HTML tags dropped (GitLab's role links)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if "<" in text:
        import html  # only for a value with markup: every lint loads this module

        text = html.unescape(_TAG.sub("", text)).strip()
    return text


@dataclass
class Built:
    """People and units made from records, with where each came from."""

    people: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    #: per person: the record index it came from
    person_record: list[int] = field(default_factory=list)
    #: per unit: (record index, column) of the first cell that named it
    unit_origin: list[tuple[int, Any]] = field(default_factory=list)
    #: per person: the unit column its unit came from, or None
    person_unit_column: list[Any] = field(default_factory=list)
    #: (record index, column or None, message): OC001 findings
    problems: list[tuple[int, Any, str]] = field(default_factory=list)
    unit_ids: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: the ids of the posts the export lists as eliminated, left out of ``people``
    eliminated: list[str] = field(default_factory=list)
    organisations: Counter = field(default_factory=Counter)


class PeopleBuilder:
    """Turns records into format-1 people (and units), one record at a time."""

    def __init__(self, mapping: Mapping, get: Callable[[Any, Any], Any]) -> None:
        self.mapping = mapping
        self.get = get
        self.built = Built()
        self._unit_keys: list[tuple[str, ...]] = []
        #: a unit name as compared (case and spacing folded) -> the name first seen
        self._shown: dict[str, str] = {}
        #: a list of departments (a set, as GitLab's) -> its path (see ``set_paths``)
        self.list_path: Callable[[list[str]], list[str]] | None = None
        self._org_column = next((c for c in mapping.unit if normalize(str(c)) in ("organisation", "organization")),
                                None)

    def value(self, record: Any, f: str) -> str:
        column = self.mapping.columns.get(f)
        return "" if column is None else text_of(self.get(record, column))

    def unit_of(self, record: Any, index: int, unit_columns: list[Any] | None = None) -> tuple[Any, Any]:
        """The unit key for a record (made on first sight), and the column it came from."""
        path: list[str] = []
        columns: list[Any] = []
        for column in self.mapping.unit if unit_columns is None else unit_columns:
            raw = self.get(record, column)
            names = [text_of(v) for v in raw] if isinstance(raw, list) else [text_of(raw)]
            if isinstance(raw, list) and self.list_path is not None:
                names = self.list_path(names)
            for name in names:
                if name:
                    # "home Office" and "Home  Office" are the unit "Home Office" (issue 22.5)
                    folded = " ".join(name.split()).casefold()
                    self._shown.setdefault(folded, " ".join(name.split()))
                    path.append(folded)
                    columns.append(column)
        if not path:
            return None, None
        key = tuple(path)
        for depth in range(1, len(key) + 1):
            sub = key[:depth]
            if sub not in self.built.unit_ids:
                self.built.unit_ids[sub] = ""  # the id is given once all units are known
                self._unit_keys.append(sub)
                self.built.unit_origin.append((index, columns[depth - 1]))
        return key, columns[-1]  # type: ignore[return-value]

    def add(self, record: Any, index: int, extra: dict | None = None) -> dict | None:
        """Make the person of one record, or record why not. Returns the person."""
        for f, column in self.mapping.columns.items():
            raw = self.get(record, column)
            if isinstance(raw, str) and len(raw) > MAX_CELL:
                self.built.problems.append((index, column, _(
                    "the {field} cell is {length} characters long (at most {max}): is a quote missing? "
                    "The row is not read").format(field=f, length=f"{len(raw):,}", max=f"{MAX_CELL:,}")))
                return None
        pid = self.value(record, "id")
        if not pid:
            self.built.problems.append((index, self.mapping.columns["id"],
                                        _("no id in column {column}: every person needs one").format(
                                            column=repr(self.mapping.columns["id"]))))
            return None
        person: dict[str, Any] = {"id": pid}
        name, title = self.value(record, "name"), self.value(record, "title")
        marker = name.lower().strip(" '\".")
        if marker in _ELIMINATED:
            person["name"] = f"{title or 'post'} (post {pid}, eliminated)"
            person["x-eliminated"] = True
        elif marker in _VACANT:
            person["name"] = f"{title or 'post'} (post {pid}, {_VACANT[marker]})"
            person["vacant"] = True
        elif marker in _NOT_DISCLOSED:
            person["name"] = f"{title or 'post'} (post {pid}, name not disclosed)"
        else:
            person["name"] = name or pid
        if title:
            person["title"] = title
        manager = self.value(record, "reports_to")
        if manager.lower() not in NO_MANAGER:
            person["reports_to"] = manager
        key, column = self.unit_of(record, index)
        if key is not None:
            person["unit"] = key  # replaced by the unit's id in finish()
        if self._org_column is not None:
            org = text_of(self.get(record, self._org_column))
            if org:
                self.built.organisations[org] += 1
        fte = self.value(record, "fte")
        if fte:
            try:
                number = float(fte)
            except (ValueError, TypeError, OverflowError):
                self.built.problems.append((index, self.mapping.columns["fte"],
                                            _("FTE {value} is not a number").format(value=repr(fte))))
                return None
            if not math.isfinite(number) or number < 0:
                self.built.problems.append((index, self.mapping.columns["fte"],
                                            _("FTE {value} is not a positive number").format(value=repr(fte))))
                return None
            if number > 0:  # 0 FTE: an eliminated or unfunded post; read as unknown
                person["fte"] = number
        if extra:
            person.update(extra)
        return self.append(person, index, column)

    def append(self, person: dict, index: int, unit_column: Any = None) -> dict:
        """Add a person made elsewhere (a UK junior row) with where it came from."""
        self.built.people.append(person)
        self.built.person_record.append(index)
        self.built.person_unit_column.append(unit_column)
        return person

    def finish(self, taken: set[str] | None = None) -> Built:
        """Give units their ids (``unit:<name>``, the path where names repeat) and
        put them on the people."""
        built = self.built
        taken = set(taken or ()) | {p["id"] for p in built.people}
        names = Counter(k[-1] for k in self._unit_keys)
        for key in self._unit_keys:
            base = "unit:" + (slug(key[-1]) if names[key[-1]] == 1 else "/".join(slug(k) for k in key))
            uid, n = base, 1
            while uid in taken:
                n += 1
                uid = f"{base}~{n}"
            taken.add(uid)
            built.unit_ids[key] = uid
            unit = {"id": uid, "name": self._shown.get(key[-1], key[-1])}
            if len(key) > 1:
                unit["parent"] = built.unit_ids[key[:-1]]
            built.units.append(unit)
        for person in built.people:
            if "unit" in person:
                person["unit"] = built.unit_ids[person["unit"]]
        return built


def set_paths(lists: list[list[str]]) -> Callable[[list[str]], list[str]]:
    """How lists of departments that are sets, not paths (GitLab's ``departments``,
    whose order varies from person to person), become one path each.

    The hierarchy is the one the lists imply. A department named in more lists is more
    general (ties go by name, so that the order is total and has no loop). A
    department's parent is the most specific of the more general departments named in
    most of the lists that name it ("Database BE Team" is mostly listed with
    "Enablement Sub-department"). A list's unit is its most specific department, and
    its path that department's line of parents. Two people with the same departments
    in another order are in one unit; a person whose list holds their manager's and
    more sits in the manager's unit or below it."""
    def fold(name: str) -> str:
        return " ".join(name.split()).casefold()

    sets = [{fold(n) for n in names if n} for names in lists]
    count: Counter = Counter(d for s in sets for d in s)
    together: dict[str, Counter] = {}
    for s in sets:
        for d in s:
            together.setdefault(d, Counter()).update(s)

    def rank(d: str) -> tuple[int, str]:  # the most general first
        return (-count[d], d)

    parent: dict[str, str | None] = {}
    for d, with_d in together.items():
        above = [a for a, n in with_d.items() if rank(a) < rank(d) and n * 2 > count[d]]
        parent[d] = max(above, key=rank) if above else None
    shown: dict[str, str] = {}
    for names in lists:
        for n in names:
            if n:
                shown.setdefault(fold(n), " ".join(n.split()))

    def path(names: list[str]) -> list[str]:
        own = {fold(n) for n in names if n}
        if not own:
            return []
        line: list[str] = []
        here: str | None = max(own, key=rank)  # the most specific
        while here is not None:
            line.append(shown.get(here, here))
            here = parent.get(here)
        return line[::-1]

    return path


def organization_of(built: Built, stem: str) -> dict:
    """The organization: the most common organisation named in the records, else the file's stem."""
    name = built.organisations.most_common(1)[0][0] if built.organisations else stem
    return {"id": slug(stem), "name": name}

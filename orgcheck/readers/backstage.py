"""Reads a Backstage software catalog's organization: ``kind: Group`` and ``kind:
User`` entities, several YAML documents per file, a folder of catalog files as one
model (or one catalog file on its own).

A Group is a unit: ``spec.type`` its type, ``spec.parent`` (or the group whose
``spec.children`` names it) its parent, ``spec.members`` its members; a User is a
person, a member of each group in its ``spec.memberOf``. Entity references are
``[kind:][namespace/]name``, the kind and the ``default`` namespace optional and
names compared without case, as Backstage compares them; other kinds of entity
(Location, Component...) are not part of the organization and are passed over.

A catalog records no reporting lines, roles, purposes, processes or metrics: rules
that need them are not assessed (``Document.expresses``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from orgcheck.i18n.runtime import lazy
from orgcheck.io.document import Document, ParseProblem, Position, decode_text
from orgcheck.io.files import YAML_SUFFIXES
from orgcheck.io.safe_io import ReadError, read_bytes, regular_file
from orgcheck.io.source_map import nearest_origins
from orgcheck.readers.tree_order import tree_order

EXPRESSES = frozenset({"people", "units", "memberships"})
#: Backstage's group types as orgcheck's unit types (others: department)
_TYPES = {"organization": "organization", "division": "division", "department": "department",
          "sub-department": "department", "team": "team", "squad": "team", "circle": "circle"}


def yaml_files(folder: str) -> list[str]:
    """The catalog's YAML files; a link to a file outside the checkout is left out (a
    pull request must not make findings quote any file the CI user may read)."""
    from orgcheck.io.files import checkout_root, links_outside

    boundary = os.path.realpath(checkout_root(folder))
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            path = os.path.join(root, f)
            if f.lower().endswith(YAML_SUFFIXES) and not links_outside(path, boundary) and regular_file(path) is None:
                found.append(path)
    return sorted(found)


@dataclass
class _File:
    shown: str
    loaded: Any  # YamlData: the documents as a list


def _ref(value: Any, kind: str, namespace: str = "default") -> str | None:
    """The canonical, lower-case ``kind:namespace/name`` of an entity reference."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if ":" in text.split("/", 1)[0]:
        kind, text = text.split(":", 1)
    if "/" in text:
        namespace, text = text.split("/", 1)
    return f"{kind}:{namespace}/{text}".lower()


def read_catalog(path: str, paths: list[str], given: dict[str, bytes] | None = None) -> Document:
    """The Groups and Users of catalog files as one model."""
    from orgcheck.io.files import display_path
    from orgcheck.readers.yaml_load import load_yaml

    doc = Document(path, expresses=EXPRESSES, source_name=lazy("a Backstage catalog"))
    files: list[_File] = []
    groups: list[tuple[int, int, dict]] = []  # (file, document, entity)
    users: list[tuple[int, int, dict]] = []
    for file_path in paths:
        shown = display_path(file_path) if file_path != "-" else path
        try:
            data = given[file_path] if given and file_path in given else read_bytes(file_path)
        except ReadError as exc:
            doc.located_problems.append(ParseProblem(str(exc).removeprefix(file_path + ": "), 1, 1, shown))
            continue
        text, error = decode_text(data)
        loaded = load_yaml(text, many=True) if text is not None else None
        error = error or (loaded.error if loaded is not None else None)
        if error is not None or loaded is None:
            bad = error or ParseProblem("", 1, 1)
            doc.located_problems.append(ParseProblem(bad.message, bad.line, bad.column, shown))
            continue
        doc.located_problems.extend(ParseProblem(p.message, p.line, p.column, shown) for p in loaded.located)
        files.append(_File(shown, loaded))
        for d, entity in enumerate(loaded.data):
            if not isinstance(entity, dict) or not str(entity.get("apiVersion", "")).startswith("backstage.io/"):
                continue
            if entity.get("kind") == "Group":
                groups.append((len(files) - 1, d, entity))
            elif entity.get("kind") == "User":
                users.append((len(files) - 1, d, entity))
    origins: dict[str, tuple[int, str]] = {}  # model pointer -> (file, pointer in it)
    units: list[dict] = []
    people: list[dict] = []
    parent_of: dict[str, tuple[str, int, str]] = {}  # child id -> (parent id, file, pointer of the mention)
    for f, d, entity in groups:
        j = len(units)
        unit, mentions = _group(entity, f"/{d}", origins, f"/units/{j}", f)
        units.append(unit)
        for child, where in mentions:
            parent_of.setdefault(child, (unit["id"], f, where))
    for j, unit in enumerate(units):
        if "parent" not in unit and unit["id"] in parent_of:
            parent, f, where = parent_of[unit["id"]]
            unit["parent"] = parent
            origins[f"/units/{j}/parent"] = (f, where)
    # parents before children: the origins of each unit's pointers move with it
    order = tree_order([u["id"] for u in units], [u.get("parent") for u in units])
    if order != list(range(len(units))):
        new_index = {old: new for new, old in enumerate(order)}
        units = [units[old] for old in order]
        moved = {}
        for key, origin in origins.items():
            parts = key.split("/", 3)
            parts[2] = str(new_index[int(parts[2])])
            moved["/".join(parts)] = origin
        origins = moved
    for f, d, entity in users:
        i = len(people)
        people.append(_user(entity, f"/{d}", origins, f"/people/{i}", f))
    doc.data = {"schema_version": 1,
                "organization": {"id": "backstage", "name": os.path.basename(os.path.abspath(path)) or path},
                "people": people, "units": units}
    doc.locator = _Locator(files, origins)
    for pointer, (f, _where) in origins.items():
        doc.files[pointer] = files[f].shown
    return doc


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _metadata(entity: dict) -> tuple[dict, dict, str]:
    """The entity's metadata, spec and namespace."""
    metadata = _dict(entity.get("metadata"))
    namespace = metadata.get("namespace")
    return metadata, _dict(entity.get("spec")), namespace if isinstance(namespace, str) and namespace else "default"


def _label(metadata: dict, spec: dict, fallback: str) -> str:
    profile = _dict(spec.get("profile"))
    for value in (profile.get("displayName"), metadata.get("title"), metadata.get("name")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return fallback


def _group(entity: dict, at: str, origins: dict, pointer: str, f: int) -> tuple[dict, list[tuple[str, str]]]:
    metadata, spec, namespace = _metadata(entity)
    gid = _ref(metadata.get("name"), "group", namespace) or f"group:{namespace}/?{at}"
    unit: dict[str, Any] = {"id": gid, "name": _label(metadata, spec, gid),
                            "type": _TYPES.get(str(spec.get("type", "")).lower(), "department")}
    origins[pointer] = (f, f"{at}/metadata/name")
    origins[f"{pointer}/type"] = (f, f"{at}/spec/type")
    parent = _ref(spec.get("parent"), "group", namespace)
    if parent:
        unit["parent"] = parent
        origins[f"{pointer}/parent"] = (f, f"{at}/spec/parent")
    members = _refs(spec, "members", "user", namespace, origins, (f, at), f"{pointer}/members")
    if members:
        unit["members"] = members
    children = _list(spec.get("children"))
    mentions = [(ref, f"{at}/spec/children/{k}") for k, ref in
                ((k, _ref(v, "group", namespace)) for k, v in enumerate(children)) if ref]
    return unit, mentions


def _user(entity: dict, at: str, origins: dict, pointer: str, f: int) -> dict:
    metadata, spec, namespace = _metadata(entity)
    uid = _ref(metadata.get("name"), "user", namespace) or f"user:{namespace}/?{at}"
    person: dict[str, Any] = {"id": uid, "name": _label(metadata, spec, uid)}
    origins[pointer] = (f, f"{at}/metadata/name")
    groups = _refs(spec, "memberOf", "group", namespace, origins, (f, at), f"{pointer}/member_of")
    if groups:
        person["member_of"] = groups
    return person


def _refs(spec: dict, key: str, kind: str, namespace: str, origins: dict, place: tuple[int, str],
          pointer: str) -> list[str]:
    """The references to a ``kind`` listed under ``spec[key]`` (of the entity at ``place``:
    file, path), each noted in ``origins`` at its index under ``pointer``; an item that is
    no reference is left out, so the indexes count only those kept."""
    f, at = place
    refs: list[str] = []
    for k, value in enumerate(_list(spec.get(key))):
        ref = _ref(value, kind, namespace)
        if ref:
            origins[f"{pointer}/{len(refs)}"] = (f, f"{at}/spec/{key}/{k}")
            refs.append(ref)
    return refs


class _Locator:
    """A model pointer -> the place, in its catalog file, of what it was read from
    (the nearest pointer with an origin: a unit's fields fall back on its name)."""

    def __init__(self, files: list[_File], origins: dict[str, tuple[int, str]]) -> None:
        self.files = files
        self.origins = origins

    def locate(self, pointers: set[str]) -> dict[str, tuple[Position, Position]]:
        from orgcheck.readers.yaml_load import YamlLocator

        inner, out = nearest_origins(pointers, self.origins)
        by_file: dict[int, dict[str, str]] = {}
        for pointer, (f, at) in inner.items():
            by_file.setdefault(f, {})[pointer] = at
        for f, ats in by_file.items():  # one pass per catalog file
            found = YamlLocator(self.files[f].loaded).locate(set(ats.values()))
            out.update({p: found[at] for p, at in ats.items() if at in found})
        return out

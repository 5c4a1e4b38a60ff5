"""Independent counts of the BPMN reference models and the GitLab team page, made
with xml.etree and PyYAML only: no orgcheck code. (The UK organogram counts are in
organogram_counts.py.)

Used by the tests and by benchmarks/realdata.py to check orgcheck's findings against
what the files say:

- ``bpmn_start_events``: every process of a valid BPMN model has a start event, so
  none of them may get OC006 (no start step) or OC007 (unreachable step);
- ``gitlab_fragments`` / ``gitlab_fragment_people``: a partial export names managers
  who are not in it; the people below them form fragments, not organizations, and
  layer judgments (OC104) do not apply to them.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import yaml

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


def bpmn_start_events(path: str) -> dict[str, int]:
    """For each process of a BPMN file (by its id, document order): how many start
    events it has at its own level (those of its sub-processes start the sub-process,
    not the process)."""
    root = ET.parse(path).getroot()
    return {p.get("id"): len(p.findall(f"{BPMN}startEvent")) for p in root.findall(f"{BPMN}process")}


def bpmn_message_flows(path: str) -> int:
    """Message flows between the pools of the file's collaborations."""
    return len(ET.parse(path).getroot().findall(f"{BPMN}collaboration/{BPMN}messageFlow"))


def bpmn_system_tasks(path: str) -> set[str]:
    """The ids of the send, receive, script and service tasks of a BPMN file: steps a
    message or a system performs, never a person's approval or review."""
    root = ET.parse(path).getroot()
    return {e.get("id") for tag in ("sendTask", "receiveTask", "scriptTask", "serviceTask")
            for e in root.iter(f"{BPMN}{tag}")}


def gitlab_departments(folder: str) -> dict[str, frozenset]:
    """Every ``*.yml`` below ``folder``: its slug -> its ``departments`` as a set (names
    compared with case and spacing folded): the order of the list means nothing."""
    out: dict[str, frozenset] = {}
    for here, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".yml"):
                with open(os.path.join(here, name), encoding="utf-8") as fh:
                    record = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
                out[name[: -len(".yml")]] = frozenset(
                    " ".join(str(d).split()).casefold() for d in record.get("departments") or [] if d)
    return out


def gitlab_people(folder: str) -> dict[str, str | None]:
    """Every ``*.yml`` below ``folder`` (one person or vacancy a file): its slug (the
    file name's stem) -> the slug its ``reports_to`` names (None when it names nobody)."""
    people: dict[str, str | None] = {}
    for here, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".yml"):
                with open(os.path.join(here, name), encoding="utf-8") as fh:
                    record = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
                boss = record.get("reports_to")
                people[name[: -len(".yml")]] = str(boss).strip() or None if boss is not None else None
    return people


def gitlab_fragments(folder: str) -> list[str]:
    """The slugs of people whose ``reports_to`` names someone not in the folder
    (sorted): each heads a fragment of the organization, cut off from its top
    because the export is partial."""
    people = gitlab_people(folder)
    return sorted(slug for slug, boss in people.items() if boss is not None and boss not in people)


def gitlab_fragment_people(folder: str) -> int:
    """People in fragments: those whose line of managers, followed up through the
    folder, ends at a fragment's head (the heads included)."""
    people = gitlab_people(folder)
    state: dict[str, bool] = {}  # slug -> in a fragment
    for start in people:
        walk, here = [], start
        while here in people and here not in state and here not in walk:
            walk.append(here)
            boss = people[here]
            if boss is not None and boss not in people:
                state[here] = True  # a fragment's head
                walk.pop()
                break
            here = boss
        verdict = state.get(here, False) if here is not None else False
        for slug in walk:
            state[slug] = verdict
    return sum(1 for v in state.values() if v)

"""What a people export means by its conventions (issue 22), read once in the reader
so that no rule reports the export's shape as a fact about the organization.

- An *eliminated* post (UK organograms: "Eliminated", "'Eliminated'", "Post
  eliminated") is no position: it leaves the model, its reports go to its manager
  (through a line of eliminated posts), or, when it had none, stay below it as a
  fragment (the model reads a reference to an eliminated post as a missing manager,
  not a broken reference: ``organization["x-eliminated"]``).
- A *zero-padded* manager id ('00155792') that matches exactly one post id once
  leading zeros are stripped ('155792') names that post; one note per file says so.
- A post whose manager is *itself* is the export's way to mark the top: no manager.
- Rows that share a post id: a *job share* (same title and manager, other holders)
  is two people in one post; *two posts under one id* (other titles) are both kept,
  each reference to the id going to the one that makes no reporting loop, the most
  senior first; rows alike in every field are a repeated row, left to OC002, which
  names the row it ignores. One person named on several posts is said in a note.

Each reading is said once per file in a note, with its count.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from orgcheck.i18n.runtime import _, ngettext
from orgcheck.readers.records import Built
from orgcheck.wording import names

_SHOWN = 3  # posts named in a note before "and N more"


def interpret(built: Built, *, zero_padded: bool = False) -> list[str]:
    """Apply the export's conventions to ``built`` in place; the notes that say so."""
    notes: list[str] = []
    people = built.people
    live = {p["id"] for p in people if not p.get("x-eliminated")}
    # an eliminated row under an id a live post still uses is only a stale row of it
    gone: dict[str, Any] = {}
    for p in people:
        if p.get("x-eliminated") and p["id"] not in live:
            gone.setdefault(p["id"], p.get("reports_to"))
    if any(p.get("x-eliminated") for p in people):
        _keep(built, [i for i, p in enumerate(people) if not p.get("x-eliminated")])
        people = built.people
    if zero_padded:
        notes += _strip_zeros(people, gone, live)
    notes += _self_named(people)
    if gone:
        moved = _past_eliminated(people, gone, live)
        built.eliminated = list(gone)
        if moved:
            notes.append(ngettext(
                "{count} eliminated post is left out of the model ({moved} of its reports now report to its manager)",
                "{count} eliminated posts are left out of the model ({moved} of their reports now report to their "
                "managers)", len(gone)).format(count=len(gone), moved=moved))
        else:
            notes.append(ngettext("{count} eliminated post is left out of the model",
                                  "{count} eliminated posts are left out of the model", len(gone)).format(
                count=len(gone)))
    notes += _shared_ids(people)
    notes += _one_person_many_posts(people)
    return notes


def _keep(built: Built, rows: list[int]) -> None:
    built.people = [built.people[i] for i in rows]
    built.person_record = [built.person_record[i] for i in rows]
    built.person_unit_column = [built.person_unit_column[i] for i in rows]


def _strip_zeros(people: list[dict], gone: dict[str, Any], live: set[str]) -> list[str]:
    known = live | set(gone)
    bare: dict[str, list[str]] = defaultdict(list)
    for pid in known:
        bare[pid.lstrip("0") or "0"].append(pid)
    fixed: list[tuple[str, str]] = []

    def resolve(ref: Any) -> Any:
        if not isinstance(ref, str) or ref in known:
            return ref
        found = bare.get(ref.lstrip("0") or "0")
        if found and len(found) == 1:
            fixed.append((ref, found[0]))
            return found[0]
        return ref

    for p in people:
        if "reports_to" in p:
            p["reports_to"] = resolve(p["reports_to"])
    for pid, ref in gone.items():
        gone[pid] = resolve(ref)
    if not fixed:
        return []
    ref, found = fixed[0]
    return [ngettext(
        "{count} manager id matches a post id only without its leading zeros ('{ref}' is '{found}'): read as that post",
        "{count} manager ids match a post id only without their leading zeros (such as '{ref}' for '{found}'): "
        "read as those posts", len(fixed)).format(count=len(fixed), ref=ref, found=found)]


def _self_named(people: list[dict]) -> list[str]:
    tops = [p for p in people if p.get("reports_to") is not None and p.get("reports_to") == p["id"]]
    for p in tops:
        del p["reports_to"]
    if not tops:
        return []
    return [ngettext(
        "{count} post names itself as its manager, the export's mark of a top: read as reporting to no one ({posts})",
        "{count} posts name themselves as their manager, the export's mark of a top: read as reporting to no one "
        "({posts})", len(tops)).format(count=len(tops), posts=names((p["id"] for p in tops), _SHOWN))]


def _past_eliminated(people: list[dict], gone: dict[str, Any], live: set[str]) -> int:
    """Point each report of an eliminated post at the first live post above it; a
    report whose line of eliminated posts ends at none keeps the eliminated id (a
    fragment below a post that is no longer there)."""
    def above(ref: str) -> str:
        seen = {ref}
        while ref in gone and ref not in live:
            boss = gone[ref]
            if boss is None or boss in seen or not isinstance(boss, str):
                return ref
            seen.add(boss)
            ref = boss
        return ref

    moved = 0
    for p in people:
        ref = p.get("reports_to")
        if isinstance(ref, str) and ref in gone and ref not in live:
            new = above(ref)
            if new != ref and new not in gone:
                p["reports_to"] = new
                moved += 1
            elif new != ref:
                p["reports_to"] = new
    return moved


def _real_name(p: dict) -> bool:
    # a vacancy named by its job title (GitLab's vacancy files) names no person
    return not (p.get("vacant") or p.get("x-aggregate") or p.get("x-eliminated") or p.get("name") == p.get("title")
                or str(p.get("name", "")).endswith("name not disclosed)"))


def _shared_ids(people: list[dict]) -> list[str]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for p in people:
        rows[p["id"]].append(p)
    notes: list[str] = []
    taken = set(rows)
    renamed: dict[str, list[dict]] = {}
    for pid, group in rows.items():
        if len(group) < 2:
            continue
        first = group[0]
        kept = [first]
        for n, p in enumerate(group[1:], 2):
            if any(p == q for q in kept):
                continue  # a repeated row: OC002's, which names the row it ignores
            new = f"{pid}~{n}"
            while new in taken:
                new += "~"
            taken.add(new)
            p["id"] = new
            p["x-shares-post"] = pid
            kept.append(p)
        if len(kept) < 2:
            continue
        renamed[pid] = kept
        holders = names((str(p["name"]) for p in kept), _SHOWN)
        if all(p.get("title") == first.get("title") and p.get("reports_to") == first.get("reports_to")
               for p in kept):
            notes.append(_("post {id} ({title}) is a job share: {holders} are read as {count} people in one post, "
                           "each with the post's manager").format(
                id=pid, title=first.get("title") or pid, holders=holders, count=len(kept)))
        else:
            notes.append(_("post id {id} is used by {count} different posts ({holders}): each is kept ({ids}); a "
                           "reference to {id} is read as the most senior of them that makes no reporting loop: give "
                           "each post its own id").format(
                id=pid, count=len(kept), holders=names((f"{p['name']}" for p in kept), _SHOWN),
                ids=", ".join(p["id"] for p in kept)))
    if renamed:
        _choose_between_posts(people, renamed)
    return notes


def _choose_between_posts(people: list[dict], renamed: dict[str, list[dict]]) -> None:
    """A reference to an id that several posts share goes to the post it makes no loop
    with, the highest in the hierarchy first (a Permanent Secretary and a director
    sharing one id: a director general reports to the Permanent Secretary)."""
    manager = {p["id"]: p.get("reports_to") for p in people}

    def chain(pid: str) -> list[str]:
        out, seen = [], {pid}
        here = manager.get(pid)
        while isinstance(here, str) and here in manager and here not in seen:
            out.append(here)
            seen.add(here)
            here = manager[here]
        return out

    for p in people:
        ref = p.get("reports_to")
        if ref not in renamed or p.get("x-shares-post") == ref:
            continue
        options = [q for q in renamed[ref] if q is not p and p["id"] not in chain(q["id"])]
        if options:
            best = min(options, key=lambda q: len(chain(q["id"])))
            p["reports_to"] = best["id"]
            manager[p["id"]] = best["id"]


def _one_person_many_posts(people: list[dict]) -> list[str]:
    posts: dict[str, list[str]] = defaultdict(list)
    for p in people:
        if _real_name(p) and p.get("name") and p["name"] != p["id"]:
            posts[str(p["name"])].append(str(p.get("title") or p.get("x-shares-post") or p["id"]))
    many = {name: held for name, held in posts.items() if len(held) > 1}
    if not many:
        return []
    shown = [_("{name} ({posts})").format(name=name, posts="; ".join(held)) for name, held in list(many.items())]
    return [ngettext("{count} person holds more than one post: {people}",
                     "{count} people hold more than one post: {people}", len(many)).format(
        count=len(many), people=names(shown, _SHOWN))]

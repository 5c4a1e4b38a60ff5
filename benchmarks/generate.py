#!/usr/bin/env python3
"""Generate a realistic format-1 org model of any size, deterministically.

    python benchmarks/generate.py --people 100000 --processes 5000 --seed 1 -o big.org.json

The same arguments give the same bytes (the random generator is seeded and nothing
reads the clock). The model looks like a large employer's HR export joined with its
process models:

- a reporting hierarchy built layer by layer, whose spans follow a realistic spread
  (most managers 3-12 reports, some 1-2, a few 20 and more), with manager types that
  mostly fit the span, vacant positions, part-timers, dotted lines and ``x-`` data;
- units mirroring the hierarchy (organization, divisions, departments, teams and
  circles, some self-organizing), roles on most people, external parties;
- processes of 3-15 steps of every kind with sequence and feedback flows, metrics,
  interactions between units, and a few waivers;
- a sprinkling of defects, so every rule family has work to do: duplicate ids,
  dangling references, reporting and unit cycles, extra reporting trees, processes
  without a start or with unreachable steps, approval chains, vertical approvals,
  self-organization contradicted, feedback that misses the doers, hidden metrics,
  roles without purpose, overlapping domains, coordination via management, expired,
  unused and unknown waivers.

The output is valid against the schema (no OC001): one entity per line, so findings
have distinct line numbers, as in a file a tool exported.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from typing import Any

FIRST = ["Anna", "Bram", "Chloé", "Daan", "Emma", "Finn", "Gijs", "Hana", "Ivo", "Julia", "Kees", "Lotte",
         "Milan", "Noor", "Olaf", "Pien", "Quinn", "Ruben", "Sanne", "Tess", "Umar", "Vera", "Wout", "Xena",
         "Yara", "Zoë", "Amir", "Björn", "Carmen", "Dmitri", "Elif", "Fatima", "Grace", "Hugo", "Ines",
         "Jonas", "Kai", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Rosa", "Sven", "Tomás", "Uma"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos",
        "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "Öztürk", "Nguyen", "García", "Kowalski",
        "Okafor", "Schmidt", "Rossi", "Haddad", "Lindqvist", "O'Brien", "Tanaka", "Silva", "Novak"]
FIELDS = ["Care", "Claims", "Logistics", "Finance", "Software", "Sales", "Support", "Research", "Legal",
          "Procurement", "Maintenance", "Quality", "Marketing", "Facilities", "Security", "Data"]
WORK = ["Intake", "Assess", "Plan", "Prepare", "Build", "Check stock", "Ship", "Invoice", "Install",
        "Visit client", "Draft", "Test", "Deliver", "Register", "Schedule", "Repair"]
CADENCES_OK = ["realtime", "daily", "weekly", "weekly", "monthly"]
MANAGER_TYPE_FOR_SPAN = [(5, "player-coach"), (7, "coach"), (10, "supervisor"), (15, "facilitator")]


def _span(rng: random.Random) -> int:
    """Direct reports of one manager: mostly 3-12 (around 6), some 1-2, a few 20+."""
    r = rng.random()
    if r < 0.06:
        return rng.randint(1, 2)
    if r < 0.98:
        return round(rng.triangular(3, 12, 6))
    return rng.randint(20, 32)


def _manager_type(rng: random.Random, span: int) -> str | None:
    r = rng.random()
    if r < 0.10:
        return None  # untyped: the generic bound applies
    if r < 0.12:
        return rng.choice(["player-coach", "coach", "supervisor", "facilitator"])  # a mismatch, some too wide
    for bound, kind in MANAGER_TYPE_FOR_SPAN:
        if span <= bound:
            return kind
    return "coordinator"


class Model:
    """Builds the document's sections as lists of dicts, in a fixed order of draws."""

    def __init__(self, people: int, processes: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_people = max(people, 12)
        self.n_processes = max(processes, 4)
        self.people: list[dict] = []
        self.units: list[dict] = []
        self.roles: list[dict] = []
        self.externals: list[dict] = []
        self.processes: list[dict] = []
        self.metrics: list[dict] = []
        self.interactions: list[dict] = []
        self.waivers: list[dict] = []
        self.reports: list[list[int]] = []  # person index -> report indexes
        self.unit_of_manager: dict[int, int] = {}  # person index -> index of the unit they lead
        self.members: dict[int, list[int]] = {}  # unit index -> person indexes
        self.teams: list[int] = []  # unit indexes of teams and circles
        self.siblings: dict[str | None, list[int]] = {}  # parent unit id -> its teams
        # How many of each planted defect: at least one, more in bigger models.
        self.defects = max(1, self.n_people // 50_000)

    # -- hierarchy -------------------------------------------------------------

    def person_id(self, i: int) -> str:
        return f"e{100000 + i}"

    def build_people(self) -> None:
        rng, n = self.rng, self.n_people
        manager_of = [-1] * n
        self.reports = [[] for _ in range(n)]
        layer = [0] * n
        spans: dict[int, int] = {}
        made, at = 1, 0
        # Breadth first: each person in turn gets a span of reports until everyone is placed,
        # so the tree is as shallow as the spans allow (7-8 layers for a million people).
        while made < n:
            span = min(_span(rng), n - made)
            spans[at] = span
            for _ in range(span):
                manager_of[made] = at
                layer[made] = layer[at] + 1
                self.reports[at].append(made)
                made += 1
            at += 1
        self.layer = layer
        self.manager_of = manager_of
        for i in range(n):
            vacant = rng.random() < 0.02
            p: dict[str, Any] = {"id": self.person_id(i)}
            if not vacant:
                p["name"] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            is_manager = bool(self.reports[i])
            field = FIELDS[i % len(FIELDS)]
            p["title"] = (f"Head of {field}" if is_manager and layer[i] <= 2 else
                          f"{field} manager" if is_manager else f"{field} specialist")
            if manager_of[i] >= 0:
                p["reports_to"] = self.person_id(manager_of[i])
            if is_manager:
                kind = _manager_type(rng, len(self.reports[i]))
                if kind:
                    p["manager_type"] = kind
            if rng.random() < 0.08:
                p["fte"] = rng.choice([0.5, 0.6, 0.8, 0.9])
            if vacant:
                p["vacant"] = True
            if rng.random() < 0.1:
                p["x-cost-center"] = f"CC{rng.randint(1000, 9999)}"
            self.people.append(p)
        # Dotted lines: a few people also report to a manager elsewhere.
        managers = [i for i in range(n) if self.reports[i]]
        for i in range(n):
            if rng.random() < 0.03 and managers:
                other = rng.choice(managers)
                if other != i and other != manager_of[i]:
                    self.people[i]["dotted_to"] = [self.person_id(other)]

    # -- units -----------------------------------------------------------------

    def build_units(self) -> None:
        rng, n = self.rng, self.n_people
        for i in range(n):
            if not self.reports[i]:
                continue
            first_line = not any(self.reports[r] for r in self.reports[i])
            if i == 0:
                kind = "organization"
            elif self.layer[i] == 1:
                kind = "division"
            elif first_line and (len(self.reports[i]) < 9 or rng.random() < 0.03):
                # Teams of up to 9 (a few bigger ones: OC501); bigger groups are departments.
                r = rng.random()
                kind = "team" if r < 0.55 else "circle" if r < 0.62 else "department"
            else:
                kind = "department"
            u = len(self.units)
            unit: dict[str, Any] = {"id": f"u{u + 1}", "name": f"{FIELDS[u % len(FIELDS)]} {kind} {u + 1}",
                                    "type": kind}
            if i != 0:
                unit["parent"] = self.units[self.unit_of_manager[self.manager_of[i]]]["id"]
            if kind not in ("team", "circle") or rng.random() < 0.85:
                unit["lead"] = self.person_id(i)
            if kind in ("team", "circle"):
                self.teams.append(u)
                self.siblings.setdefault(unit.get("parent"), []).append(u)
                if rng.random() < 0.3:
                    unit["self_organizing"] = True
            self.units.append(unit)
            self.unit_of_manager[i] = u
        for i in range(n):
            # A manager works in the unit they lead; anyone else in their manager's.
            u = self.unit_of_manager.get(i, self.unit_of_manager.get(self.manager_of[i]))
            if u is not None:
                self.people[i]["unit"] = self.units[u]["id"]
                self.members.setdefault(u, []).append(i)

    # -- roles -----------------------------------------------------------------

    def build_roles(self) -> None:
        rng = self.rng
        count = max(12, min(self.n_people // 40, 5000))
        for r in range(count):
            field = FIELDS[r % len(FIELDS)]
            role: dict[str, Any] = {"id": f"r{r + 1}", "name": f"{field} role {r + 1}"}
            if rng.random() < 0.97:
                role["purpose"] = f"{field} work that clients can rely on ({r + 1})"
            if rng.random() < 0.96:
                role["accountabilities"] = [f"{w} for {field.lower()} clients" for w in rng.sample(WORK, 2)]
            # Domains are exclusive; one role in 40 claims the domain of a role of its field (OC405).
            shared = r % 40 == 39
            if shared or r % 40 == 23 or rng.random() < 0.3:
                role["domains"] = [f"{field} budget {r + 1 - 16 if shared else r + 1}"]
            if rng.random() < 0.9:
                role["standards"] = [f"{field} professional code", "Peer review every quarter"]
            self.roles.append(role)
        used = set()
        for i, p in enumerate(self.people):
            if p.get("vacant"):
                continue
            r = rng.random()
            if r < 0.994:
                # The last few roles stay unfilled (OC404).
                first = (i * 7 + rng.randint(0, 3)) % (count - self.defects)
                held = [first] if r < 0.9 else [first, rng.randrange(count - self.defects)]
                held = list(dict.fromkeys(held))
                used.update(held)
                p["roles"] = [self.roles[h]["id"] for h in held]
        # Key order in every person: id, name, title, reports_to, ..., roles last but x- data.
        for p in self.people:
            if "x-cost-center" in p:
                p["x-cost-center"] = p.pop("x-cost-center")

    # -- processes -------------------------------------------------------------

    def build_externals(self) -> None:
        kinds = ["customer"] * 6 + ["supplier", "supplier", "regulator", "partner"]
        for e in range(max(3, self.n_processes // 50)):
            kind = kinds[e % len(kinds)]
            self.externals.append({"id": f"ext{e + 1}", "name": f"{kind.capitalize()} {e + 1}", "kind": kind})

    def _manager_above(self, u: int) -> str:
        """A person above the unit: its lead's manager, or its lead."""
        lead = self.units[u].get("lead")
        idx = int(lead[1:]) - 100000 if lead else self.members[u][0]
        boss = self.manager_of[idx]
        return self.person_id(boss if boss >= 0 else idx)

    def build_processes(self) -> None:
        rng = self.rng
        teams = self.teams or list(range(len(self.units)))
        customers = [e["id"] for e in self.externals if e["kind"] == "customer"]
        for k in range(self.n_processes):
            pid = f"proc{k + 1}"
            team = teams[rng.randrange(len(teams))]
            # A neighbouring unit for handoffs: mostly a sibling, sometimes one far away.
            other = self._neighbour(team, 0.85)
            unit_id, other_id = self.units[team]["id"], self.units[other]["id"]
            proc: dict[str, Any] = {"id": pid, "name": f"{FIELDS[k % len(FIELDS)]} process {k + 1}",
                                    "owner": unit_id}
            customer = None
            r = rng.random()
            if r < 0.6 and customers:
                customer = rng.choice(customers)
            elif r < 0.7:
                customer = other_id
            if customer:
                proc["customer"] = customer
            steps: list[dict] = []
            flows: list[dict] = []

            def step(name: str, performer: str, kind: str = "work") -> int:
                s: dict[str, Any] = {"id": f"{pid}-s{len(steps) + 1}", "name": name, "performer": performer}
                if kind != "work":
                    s["kind"] = kind
                steps.append(s)
                return len(steps) - 1

            def flow(a: int, b: int, kind: str = "sequence") -> None:
                f = {"from": steps[a]["id"], "to": steps[b]["id"]}
                if kind != "sequence":
                    f["kind"] = kind
                flows.append(f)

            length = rng.randint(3, 15)
            prev = step(f"{rng.choice(WORK)} request", unit_id)
            for _ in range(length - 2):
                r = rng.random()
                if r < 0.6:
                    cur = step(rng.choice(WORK),
                               unit_id if rng.random() < 0.8 else f"r{rng.randint(1, len(self.roles))}")
                elif r < 0.63:
                    # Approval by a manager above the unit: vertical control (OC203, OC206).
                    cur = step("Manager approves", self._manager_above(team), "approval")
                elif r < 0.72:
                    cur = step("Peer review", unit_id, "review")
                elif r < 0.8:
                    cur = step("Decide on the option", unit_id if rng.random() < 0.9 else self._manager_above(team),
                               "decision")
                elif r < 0.9:
                    cur = step("Hand over", other_id, "handoff")
                else:
                    cur = step(rng.choice(WORK), other_id)
                flow(prev, cur)
                if rng.random() < 0.05 and len(steps) > 2:
                    # A branch that skips a step (a decision with two ways on).
                    flow(prev - 1 if prev > 0 else prev, cur)
                prev = cur
            r = rng.random()
            if k % 25 == 3:
                r = 1.0  # no feedback at all (OC301)
            elif k % 30 == 7:
                r = 0.95  # feedback to management only (OC302)
            if r < 0.9 and customer:
                last = step("Customer rates the result", customer, "feedback")
                flow(prev, last)
                flow(last, 0, "feedback")
            elif r < 0.94:
                last = step("Team retrospective", unit_id, "feedback")
                flow(prev, last)
                flow(last, 1 if len(steps) > 2 else 0, "feedback")
            elif r < 0.96:
                # Feedback that goes to management only (OC302).
                last = step("Report to management", self._manager_above(team), "feedback")
                flow(prev, last)
            else:
                step("Close the case", unit_id)
                flow(prev, len(steps) - 1)  # no feedback at all (OC301)
            proc["steps"] = steps
            proc["flows"] = flows
            self.processes.append(proc)
            # Metrics: most processes have one; a few hide it from the doers or report it slowly.
            r = rng.random()
            if r < 0.95:
                visible = [unit_id] if rng.random() < 0.96 else [self._manager_above(team)]
                metric: dict[str, Any] = {"id": f"m{len(self.metrics) + 1}",
                                          "name": f"Lead time of {proc['name'].lower()}", "process": pid,
                                          "visible_to": visible,
                                          "cadence": rng.choice(CADENCES_OK) if rng.random() < 0.97 else "quarterly"}
                if rng.random() < 0.2:
                    metric["step"] = steps[-1]["id"]
                self.metrics.append(metric)

    def build_interactions(self) -> None:
        rng = self.rng
        teams = self.teams
        if len(teams) < 2:
            return
        for _ in range(max(4, len(teams) // 15)):
            a = teams[rng.randrange(len(teams))]
            b = self._neighbour(a, 0.8)
            if a == b:
                continue
            r = rng.random()
            mode = "collaboration" if r < 0.4 else "x-as-a-service" if r < 0.8 else "facilitating"
            inter: dict[str, Any] = {"id": f"ia{len(self.interactions) + 1}",
                                     "between": [self.units[a]["id"], self.units[b]["id"]],
                                     "mode": mode}
            if rng.random() < 0.06 or not self.interactions:
                inter["channel"] = "via-management"  # OC503
            if mode != "x-as-a-service" and rng.random() < 0.8:
                inter["until"] = f"{rng.choice([2024, 2031, 2032])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            self.interactions.append(inter)
        # OC506: one team collaborating with two others at once, with no end in sight (OC505).
        a = teams[0]
        for b in (teams[1], teams[-1]):
            self.interactions.append({"id": f"ia{len(self.interactions) + 1}",
                                      "between": [self.units[a]["id"], self.units[b]["id"]],
                                      "mode": "collaboration"})

    def _neighbour(self, team: int, sibling_share: float) -> int:
        """Another team: with ``sibling_share`` one under the same parent, else any."""
        siblings = self.siblings.get(self.units[team].get("parent"), [])
        if len(siblings) > 1 and self.rng.random() < sibling_share:
            other = siblings[self.rng.randrange(len(siblings))]
        else:
            pool = self.teams or list(range(len(self.units)))
            other = pool[self.rng.randrange(len(pool))]
        return other

    # -- defects and waivers ---------------------------------------------------

    def plant_defects(self) -> None:
        rng, n = self.rng, len(self.people)
        for d in range(self.defects):
            # OC002: a position whose id another one already has.
            twin = self.people[rng.randrange(1, n)]
            self.people.append({"id": twin["id"], "name": "Duplicate Entry", "reports_to": self.person_id(0)})
            # OC003: a typo in a reference (a unit id with a letter dropped).
            p = self.people[rng.randrange(1, n)]
            if "unit" in p:
                p["unit"] = p["unit"][:-1] + "x"
            # OC004: two positions that report to each other.
            a, b = f"loop{d + 1}a", f"loop{d + 1}b"
            self.people.append({"id": a, "name": "Loop A", "reports_to": b})
            self.people.append({"id": b, "name": "Loop B", "reports_to": a})
            # OC005: two units inside each other.
            ua, ub = f"uloop{d + 1}a", f"uloop{d + 1}b"
            self.units.append({"id": ua, "name": "Unit loop A", "parent": ub})
            self.units.append({"id": ub, "name": "Unit loop B", "parent": ua})
            # OC008, OC104, OC103: a contractor outside every reporting tree, with a chain below.
            c = f"contractor{d + 1}"
            self.people.append({"id": c, "name": "Interim Contractor", "title": "Interim"})
            self.people.append({"id": f"{c}-assistant", "name": "Interim Assistant", "reports_to": c})
            self.people.append({"id": f"{c}-intern", "name": "Interim Intern", "reports_to": f"{c}-assistant"})
            # OC006 and OC007: a process whose steps all have a predecessor; one with an island.
            if self.processes:
                proc = self.processes[rng.randrange(len(self.processes))]
                proc["flows"].append({"from": proc["steps"][-1]["id"], "to": proc["steps"][0]["id"]})
                proc = self.processes[rng.randrange(len(self.processes))]
                s1 = {"id": f"{proc['id']}-island1", "name": "Forgotten check", "performer": proc["owner"]}
                s2 = {"id": f"{proc['id']}-island2", "name": "Forgotten fix", "performer": proc["owner"]}
                proc["steps"] += [s1, s2]
                proc["flows"] += [{"from": s1["id"], "to": s2["id"]}, {"from": s2["id"], "to": s1["id"]}]
                # OC202: an approval chain; the second approver sits higher still.
                proc = self.processes[rng.randrange(len(self.processes))]
                first = proc["steps"][0]
                chain = [{"id": f"{proc['id']}-approve{j}", "name": f"Approval level {j}",
                          "performer": self.person_id(0), "kind": "approval"} for j in (1, 2)]
                proc["steps"] += chain
                proc["flows"] += [{"from": first["id"], "to": chain[0]["id"]},
                                  {"from": chain[0]["id"], "to": chain[1]["id"]}]

    def build_waivers(self) -> None:
        rng = self.rng
        # A document-wide waiver that silences something, and one that names no known rule.
        self.waivers.append({"rule": "role-without-standards",
                             "reason": "Standards are being written by the professional councils"})
        self.waivers.append({"rule": "span-to-wide", "reason": "Typo in the rule name (OC903)"})
        managers = [p for p in self.people if p.get("manager_type") == "supervisor"]
        for k in range(self.defects * 3):
            p = rng.choice(managers) if managers else self.people[0]
            w = {"rule": "span-too-wide", "reason": "Interim until the reorganisation"}
            if k % 3 == 1:
                w["expires"] = "2021-03-31"  # expired (OC902)
            elif k % 3 == 2:
                w["expires"] = "2099-12-31"
            p.setdefault("waivers", []).append(w)
        if self.teams:
            unit = self.units[self.teams[0]]
            unit.setdefault("waivers", []).append({"rule": "OC502", "reason": "A pilot team of two"})

    def build(self) -> dict[str, Any]:
        self.build_people()
        self.build_units()
        self.build_roles()
        self.build_externals()
        self.build_processes()
        self.build_interactions()
        self.plant_defects()
        self.build_waivers()
        return {
            "$schema": "https://orgcheck.dev/schemas/org.schema.json",
            "schema_version": 1,
            "organization": {"id": "generated", "name": f"Generated Corp ({self.n_people} positions)",
                             "description": "Made by benchmarks/generate.py"},
            "units": self.units, "roles": self.roles, "externals": self.externals, "people": self.people,
            "processes": self.processes, "metrics": self.metrics, "interactions": self.interactions,
            "waivers": self.waivers,
        }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(doc: dict[str, Any]) -> Iterator[str]:
    """The document as text: top-level keys on their own lines, one entity per line,
    each process with one step or flow per line."""
    yield "{\n"
    keys = list(doc)
    for n, key in enumerate(keys):
        value = doc[key]
        comma = "," if n < len(keys) - 1 else ""
        if not isinstance(value, list):
            yield f"  {_dumps(key)}: {_dumps(value)}{comma}\n"
            continue
        yield f"  {_dumps(key)}: [\n"
        for i, item in enumerate(value):
            sep = "," if i < len(value) - 1 else ""
            if key == "processes":
                head = {k: v for k, v in item.items() if k not in ("steps", "flows")}
                inner = _dumps(head)[:-1]
                yield f"    {inner}, \"steps\": [\n"
                yield ",\n".join(f"      {_dumps(s)}" for s in item["steps"]) + "\n"
                yield "    ], \"flows\": [\n"
                yield ",\n".join(f"      {_dumps(f)}" for f in item["flows"]) + ("\n" if item["flows"] else "")
                yield f"    ]}}{sep}\n"
            else:
                yield f"    {_dumps(item)}{sep}\n"
        yield f"  ]{comma}\n"
    yield "}\n"


def generate(people: int, processes: int, seed: int) -> bytes:
    """The model's bytes (UTF-8)."""
    return "".join(render(Model(people, processes, seed).build())).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, required=True, help="positions in the hierarchy (at least 12)")
    parser.add_argument("--processes", type=int, required=True, help="processes (at least 4)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same bytes (default 1)")
    parser.add_argument("-o", "--output", required=True, help="file to write (- for standard output)")
    args = parser.parse_args(argv)
    data = generate(args.people, args.processes, args.seed)
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(args.output, "wb") as fh:
            fh.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

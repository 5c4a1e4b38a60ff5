"""OC5xx: self-organizing teams and coordination (plugins/teams.py)."""
from __future__ import annotations

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC501", "OC502", "OC503", "OC504", "OC505", "OC506"]


# Reporting lines (layer in brackets):
#   top Tessa (1)
#   ├ mgr-a Mia (2)
#   │ └ lead-a Ada (3, leads team-a) ── a1, a2, a3 (4, team-a)
#   └ mgr-b Max (2)
#     └ lead-c Cas (3, leads team-c) ── c1, c2 (4, team-c); b1, b2, b3 (4, team-b: no lead)
#   sol Sol (1, a second tree, team-s)
# So: team-a ↔ team-b: LCS Tessa, 2 above Ada and 3 above team-b's members (fires at 2);
#     team-a ↔ team-c: LCS Tessa, 2 and 2 (the boundary: silent);
#     team-b ↔ team-c: LCS Cas, team-c's lead: 1 and 0; team-s ↔ anything: no common superior.
UNITS = [
    '{"id": "team-a", "name": "Team Alpha", "type": "team", "lead": "lead-a"}',
    '{"id": "team-b", "name": "Team Bravo", "type": "team"}',
    '{"id": "team-c", "name": "Team Charlie", "type": "circle", "lead": "lead-c"}',
    '{"id": "team-s", "name": "Team Solo", "type": "department"}',
    '{"id": "empty", "name": "Empty", "type": "department"}',
]
PEOPLE = [
    '{"id": "top", "name": "Tessa Top", "title": "Director"}',
    '{"id": "mgr-a", "name": "Mia Alders", "reports_to": "top"}',
    '{"id": "mgr-b", "name": "Max Berg", "reports_to": "top"}',
    '{"id": "lead-a", "name": "Ada Lind", "reports_to": "mgr-a", "unit": "team-a"}',
    '{"id": "a1", "name": "Aart", "reports_to": "lead-a", "unit": "team-a"}',
    '{"id": "a2", "name": "Anna", "reports_to": "lead-a", "unit": "team-a"}',
    '{"id": "a3", "name": "Arie", "reports_to": "lead-a", "unit": "team-a"}',
    '{"id": "lead-c", "name": "Cas Cramer", "reports_to": "mgr-b", "unit": "team-c"}',
    '{"id": "c1", "name": "Cor", "reports_to": "lead-c", "unit": "team-c"}',
    '{"id": "c2", "name": "Cees", "reports_to": "lead-c", "unit": "team-c"}',
    '{"id": "b1", "name": "Bram Boer", "reports_to": "lead-c", "unit": "team-b"}',
    '{"id": "b2", "name": "Bea", "reports_to": "lead-c", "unit": "team-b"}',
    '{"id": "b3", "name": "Bas", "reports_to": "lead-c", "unit": "team-b"}',
    '{"id": "sol", "name": "Sol", "unit": "team-s"}',
]


def _array(key: str, items: list[str], last: bool = False) -> list[str]:
    lines = [f'  "{key}": [']
    lines += [f"    {x}," for x in items[:-1]] + ([f"    {items[-1]}"] if items else [])
    lines.append("  ]" if last else "  ],")
    return lines


def doc(*, units: list[str] | None = None, people: list[str] | None = None,
        processes: list[str] = (), interactions: list[str] = ()) -> str:
    """A JSON document with one entity (and one step or flow) per line."""
    lines = ["{", '  "organization": {"id": "acme", "name": "Acme"},']
    lines += _array("units", UNITS if units is None else units)
    sections = [("processes", list(processes)), ("interactions", list(interactions))]
    sections = [(k, v) for k, v in sections if v]
    lines += _array("people", PEOPLE if people is None else people, last=not sections)
    for i, (key, items) in enumerate(sections):
        lines += _array(key, items, last=i == len(sections) - 1)
    return "\n".join(lines + ["}", ""])


def process(pid: str, steps: list[tuple[str, str]], flows: list[tuple[str, str]]) -> str:
    """A process written over several lines: one step or flow per line."""
    out = [f'{{"id": "{pid}", "name": "Process {pid}",', '     "steps": [']
    out += [f'       {{"id": "{s}", "name": "Step {s}", "performer": "{p}"}}' + ("," if i < len(steps) - 1 else "")
            for i, (s, p) in enumerate(steps)]
    out += ["     ],", '     "flows": [']
    out += [f'       {{"from": "{a}", "to": "{b}"}}' + ("," if i < len(flows) - 1 else "")
            for i, (a, b) in enumerate(flows)]
    out += ["     ]}"]
    return "\n".join(out)


def interaction(iid: str, a: str, b: str, mode: str = "x-as-a-service", **extra: str) -> str:
    fields = "".join(f', "{k}": "{v}"' for k, v in extra.items())
    return f'{{"id": "{iid}", "between": ["{a}", "{b}"], "mode": "{mode}"{fields}}}'


def test_subject_absent_no_teams_no_interactions_is_silent():
    units = ['{"id": "ops", "name": "Operations"}']  # a department: no team rule applies
    people = ['{"id": "top", "name": "Tessa", "unit": "ops"}']
    report = lint_model(doc(units=units, people=people), select=FAMILY)
    assert report.findings == []
    assert_silent(report, "OC501")
    assert_silent(report, "OC503")
    assert_silent(report, "OC504")
    assert_silent(report, "OC506")


# -- OC501 team-too-large --------------------------------------------------------------------------


def _big_team(n: int, unit_type: str = "team") -> str:
    units = [f'{{"id": "big", "name": "Big Team", "type": "{unit_type}"}}',
             '{"id": "ops", "name": "Operations", "type": "department"}']
    people = [f'{{"id": "p{i}", "name": "Person {i}", "unit": "big"}}' for i in range(n)]
    people += [f'{{"id": "q{i}", "name": "Other {i}", "unit": "ops"}}' for i in range(12)]  # a department
    return doc(units=units, people=people)


def test_oc501_fires_on_a_team_with_more_than_nine_direct_members():
    text = _big_team(10)
    report = lint_model(text, select=["OC501"])
    assert_fires(report, "OC501", entities=["big"], lines=[line_of(text, '"id": "big"')],
                 contains=["team 'Big Team' has 10 direct members", "at most 9"])


def test_oc501_counts_circles_vacancies_and_aggregates():
    units = ['{"id": "circ", "name": "Circle", "type": "circle"}']
    people = ['{"id": "v", "vacant": true, "unit": "circ"}',
              '{"id": "agg", "name": "Juniors", "unit": "circ", "fte": 8, "x-aggregate": true}',
              '{"id": "x", "name": "Xena", "unit": "circ"}']
    text = doc(units=units, people=people)
    report = lint_model(text, select=["OC501"])
    assert_fires(report, "OC501", entities=["circ"], lines=[line_of(text, '"id": "circ"')],
                 contains="circle 'Circle' has 10 direct members")


def test_oc501_near_miss_exactly_nine_and_sub_unit_members_do_not_count():
    assert_silent(lint_model(_big_team(9), select=["OC501"]), "OC501")
    units = ['{"id": "big", "name": "Big", "type": "team"}',
             '{"id": "sub", "name": "Sub", "type": "team", "parent": "big"}']
    people = [f'{{"id": "p{i}", "name": "P{i}", "unit": "{"big" if i < 5 else "sub"}"}}' for i in range(10)]
    assert_silent(lint_model(doc(units=units, people=people), select=["OC501"]), "OC501")


def test_oc501_option_max():
    report = lint_model(_big_team(10), select=["OC501"], options={"OC501": {"max": 10}})
    assert_silent(report, "OC501")
    report = lint_model(_big_team(10), select=["OC501"], options={"OC501": {"max": 7}})
    assert_fires(report, "OC501", entities=["big"], contains="at most 7")


# -- OC502 team-too-small --------------------------------------------------------------------------


def test_oc502_fires_on_a_team_with_fewer_than_three_direct_members():
    units = ['{"id": "pair", "name": "Recoveries", "type": "team"}',
             '{"id": "lone", "name": "Lone Circle", "type": "circle"}',
             '{"id": "ok", "name": "OK", "type": "team"}']
    people = ['{"id": "m", "name": "Julie Marsh", "unit": "pair"}',
              '{"id": "o", "name": "Owen Mitchell", "unit": "pair", "reports_to": "m"}',
              '{"id": "k1", "name": "K1", "unit": "ok"}', '{"id": "k2", "name": "K2", "unit": "ok"}',
              '{"id": "k3", "name": "K3", "unit": "ok"}']
    text = doc(units=units, people=people)
    report = lint_model(text, select=["OC502"])
    found = assert_fires(report, "OC502", entities=["pair", "lone"],
                         lines=[line_of(text, '"id": "pair"'), line_of(text, '"id": "lone"')],
                         contains="at least 3", severity="info")
    assert "team 'Recoveries' has 2 direct members (Julie Marsh and Owen Mitchell)" in found[0].message
    assert "circle 'Lone Circle' has 0 direct members" in found[1].message


def test_oc502_near_miss_three_members_a_grouping_of_teams_and_departments():
    units = ['{"id": "general", "name": "General Circle", "type": "circle"}',
             '{"id": "t1", "name": "T1", "type": "team", "parent": "general"}',
             '{"id": "dept", "name": "Dept", "type": "department"}']
    people = ['{"id": "k1", "name": "K1", "unit": "t1"}', '{"id": "k2", "name": "K2", "unit": "t1"}',
              '{"id": "k3", "name": "K3", "unit": "t1"}', '{"id": "d", "name": "D", "unit": "dept"}']
    report = lint_model(doc(units=units, people=people), select=["OC502"])
    assert_silent(report, "OC502")


def test_oc502_option_min():
    units = ['{"id": "pair", "name": "Pair", "type": "team"}']
    people = ['{"id": "m", "name": "M", "unit": "pair"}', '{"id": "o", "name": "O", "unit": "pair"}']
    text = doc(units=units, people=people)
    assert_silent(lint_model(text, select=["OC502"], options={"OC502": {"min": 2}}), "OC502")
    assert_fires(lint_model(text, select=["OC502"], options={"OC502": {"min": 5}}), "OC502",
                 entities=["pair"], contains="at least 5")


# -- OC503 coordination-via-management -------------------------------------------------------------


def test_oc503_fires_on_an_interaction_via_management():
    via = interaction("ia-ac", "team-a", "team-c", channel="via-management")
    direct = interaction("ia-ab", "team-a", "team-b", channel="direct")
    implicit = interaction("ia-bc", "team-b", "team-c")
    text = doc(interactions=[direct, via, implicit])
    report = lint_model(text, select=["OC503"])
    assert_fires(report, "OC503", entities=["ia-ac"], lines=[line_of(text, '"id": "ia-ac"')],
                 contains=["Team Alpha and Team Charlie coordinate via management",
                           "their lowest common superior is Tessa Top (Director)", "channel: direct"])


def test_oc503_near_miss_direct_channels():
    text = doc(interactions=[interaction("ia-ab", "team-a", "team-b", channel="direct"),
                             interaction("ia-bc", "team-b", "team-c")])
    assert_silent(lint_model(text, select=["OC503"]), "OC503")


def test_oc503_without_a_common_superior_still_fires_without_naming_one():
    text = doc(interactions=[interaction("ia-as", "team-a", "team-s", channel="via-management")])
    found = assert_fires(lint_model(text, select=["OC503"]), "OC503", entities=["ia-as"])
    assert "lowest common superior" not in found[0].message


# -- OC504 long-escalation-path --------------------------------------------------------------------

# team-a → team-b (fires: 3 steps), team-b → team-c (1/0), team-c → team-a (2/2, boundary).
CHAIN = process("p1", [("s-a", "team-a"), ("s-b", "team-b"), ("s-c", "team-c"), ("s-a2", "team-a")],
                [("s-a", "s-b"), ("s-b", "s-c"), ("s-c", "s-a2")])


def test_oc504_fires_on_the_first_flow_of_a_handoff_with_a_long_escalation():
    text = doc(processes=[CHAIN])
    report = lint_model(text, select=["OC504"])
    assert_fires(report, "OC504", entities=["p1"], lines=[line_of(text, '{"from": "s-a", "to": "s-b"}')],
                 severity="info",
                 contains=["Team Bravo and Team Alpha hand work to each other",
                           "'Step s-a' → 'Step s-b' in process 'Process p1'",
                           "lowest common superior Tessa Top (Director) is 3 reporting steps above Team "
                           "Bravo's Bram Boer (and 2 above Team Alpha's lead Ada Lind), more than 2"])


def test_oc504_one_finding_per_pair_on_the_interaction_when_there_is_one():
    second = process("p2", [("t-a", "team-a"), ("t-b", "team-b")], [("t-b", "t-a")])
    ia = interaction("ia-ba", "team-b", "team-a")
    again = interaction("ia-ab", "team-a", "team-b", mode="collaboration", until="2026-06-30")
    text = doc(processes=[CHAIN, second], interactions=[ia, again])
    report = lint_model(text, select=["OC504"])
    assert_fires(report, "OC504", entities=["ia-ba"], lines=[line_of(text, '"id": "ia-ba"')],
                 contains=["declare an interaction (x-as-a-service) and hand work to each other",
                           "3 reporting steps above"])


def test_oc503_and_oc504_on_one_interaction_via_management_are_one_finding():
    # Team Bravo and Team Alpha's common superior is 3 steps up: OC504 on a plain interaction
    plain = doc(interactions=[interaction("ia-ba", "team-b", "team-a")])
    assert_fires(lint_model(plain, select=["OC503", "OC504"]), "OC504", entities=["ia-ba"])
    # routed via management, it is OC503's finding, which names that superior
    via = doc(interactions=[interaction("ia-ba", "team-b", "team-a", channel="via-management")])
    report = lint_model(via, select=["OC503", "OC504"])
    assert_fires(report, "OC503", entities=["ia-ba"], contains="their lowest common superior is Tessa Top")
    assert_silent(report, "OC504")


def test_oc504_fires_on_a_declared_interaction_without_handoff():
    text = doc(interactions=[interaction("ia-ab", "team-a", "team-b", mode="collaboration")])
    assert_fires(lint_model(text, select=["OC504"]), "OC504", entities=["ia-ab"],
                 lines=[line_of(text, '"id": "ia-ab"')], contains="declare an interaction (collaboration)")


def test_oc504_near_miss_exactly_two_steps_and_no_common_superior():
    text = doc(processes=[process("p1", [("s-a", "team-a"), ("s-c", "team-c"), ("s-b", "team-b")],
                                  [("s-a", "s-c"), ("s-c", "s-b")])],
               interactions=[interaction("ia-as", "team-a", "team-s"),
                             interaction("ia-ae", "team-a", "empty")])
    assert_silent(lint_model(text, select=["OC504"]), "OC504")


def test_oc504_option_max_distance():
    text = doc(processes=[CHAIN])
    assert_silent(lint_model(text, select=["OC504"], options={"OC504": {"max_distance": 3}}), "OC504")
    report = lint_model(text, select=["OC504"], options={"OC504": {"max_distance": 1}})
    # Now team-c → team-a (2 and 2) is too far as well; team-b ↔ team-c (1 and 0) is not.
    assert_fires(report, "OC504", entities=["p1", "p1"],
                 lines=[line_of(text, '{"from": "s-a", "to": "s-b"}'), line_of(text, '{"from": "s-c", "to": "s-a2"}')],
                 contains="more than 1")


def test_oc504_a_unit_without_lead_counts_its_deepest_member_including_sub_units():
    # Department "ops" has no lead; its sub-team's member d1 sits at layer 3, below Cas.
    units = UNITS + ['{"id": "ops", "name": "Ops", "type": "department"}',
                     '{"id": "ops-team", "name": "Ops team", "type": "team", "parent": "ops"}']
    people = PEOPLE + ['{"id": "o1", "name": "Olga", "reports_to": "mgr-a", "unit": "ops"}',
                       '{"id": "d1", "name": "Dirk Deep", "reports_to": "o1", "unit": "ops-team"}']
    # ops' people (Olga, layer 3; Dirk, layer 4) have LCS Mia (2); with team-c (Cas, 3): LCS Tessa.
    text = doc(units=units, people=people, interactions=[interaction("ia-oc", "ops", "team-c")])
    assert_fires(lint_model(text, select=["OC504"]), "OC504", entities=["ia-oc"],
                 contains="3 reporting steps above Ops' Dirk Deep (in Ops team) (and 2 above Team Charlie's lead")


# -- OC505 permanent-collaboration -----------------------------------------------------------------


def test_oc505_fires_on_collaboration_and_facilitating_without_until():
    text = doc(interactions=[interaction("ia-collab", "team-a", "team-b", mode="collaboration"),
                             interaction("ia-xaas", "team-a", "team-c"),
                             interaction("ia-facil", "team-c", "team-b", mode="facilitating"),
                             interaction("ia-timed", "team-c", "team-a", mode="collaboration", until="2026-03-31")])
    report = lint_model(text, select=["OC505"])
    found = assert_fires(report, "OC505", entities=["ia-collab", "ia-facil"],
                         lines=[line_of(text, '"id": "ia-collab"'), line_of(text, '"id": "ia-facil"')],
                         contains="has no until date", severity="info")
    assert found[0].message.startswith("collaboration between Team Alpha and Team Bravo has no until date")
    assert "move to x-as-a-service" in found[0].message
    assert found[1].message.startswith("facilitating between Team Charlie and Team Bravo")


def test_oc505_near_miss_with_until_or_x_as_a_service():
    text = doc(interactions=[interaction("ia-xaas", "team-a", "team-c"),
                             interaction("ia-timed", "team-c", "team-a", mode="collaboration", until="2020-01-01")])
    assert_silent(lint_model(text, select=["OC505"]), "OC505")


# -- OC506 collaboration-overload ------------------------------------------------------------------

OVERLOAD = [
    interaction("ia-ab", "team-a", "team-b", mode="collaboration"),
    interaction("ia-ac", "team-a", "team-c", mode="collaboration", until="2026-06-30"),
    interaction("ia-as", "team-a", "team-s", mode="collaboration", until="2025-12-31"),  # over before today
    interaction("ia-ax", "team-s", "team-a", mode="x-as-a-service"),
]


def test_oc506_fires_on_a_unit_in_two_current_collaborations():
    text = doc(interactions=OVERLOAD)
    report = lint_model(text, select=["OC506"], today="2026-01-01")
    assert_fires(report, "OC506", entities=["team-a"], lines=[line_of(text, '"id": "team-a"')], severity="info",
                 # the partners, not the interactions' ids
                 contains=["Team Alpha is in 2 current collaborations (with Team Bravo; "
                           "with Team Charlie)", "at most 1 at a time"])


def test_oc506_until_today_still_counts_the_day_after_not():
    text = doc(interactions=OVERLOAD)
    assert_fires(lint_model(text, select=["OC506"], today="2026-06-30"), "OC506", entities=["team-a"])
    assert_silent(lint_model(text, select=["OC506"], today="2026-07-01"), "OC506")


def test_oc506_near_miss_one_current_collaboration_each():
    text = doc(interactions=OVERLOAD[:1] + OVERLOAD[2:])
    assert_silent(lint_model(text, select=["OC506"], today="2026-01-01"), "OC506")


def test_oc506_option_max():
    text = doc(interactions=OVERLOAD)
    assert_silent(lint_model(text, select=["OC506"], options={"OC506": {"max": 2}}), "OC506")
    report = lint_model(text, select=["OC506"], options={"OC506": {"max": 0}})
    assert_fires(report, "OC506", entities=["team-a", "team-b", "team-c"], contains="at most 0")

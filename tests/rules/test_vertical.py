"""OC2xx: vertical control (plugins/vertical.py)."""
from __future__ import annotations

from orgcheck import Org
from orgcheck.api.manager import load_plugins
from orgcheck.testing import assert_fires, assert_silent, complete_model, line_of, lint_model

FAMILY = ["OC201", "OC202", "OC203", "OC204", "OC205", "OC206"]


def step_line(text: str, step_id: str) -> int:
    return line_of(text, f'{{"id": "{step_id}"')


# Operations (Ann) has two teams: A led by Bo (Dan, Eve) and B led by Cy (Fay); the
# Fast-Track team (Gus, Hal) reports to Bo and declares that it organizes itself.
ORG = """\
  "units": [
    {"id": "ops", "name": "Operations", "lead": "ann"},
    {"id": "team-a", "name": "Team A", "type": "team", "parent": "ops", "lead": "bo"},
    {"id": "team-b", "name": "Team B", "type": "team", "parent": "ops", "lead": "cy"},
    {"id": "fast", "name": "Fast-Track", "type": "team", "parent": "ops", "self_organizing": true}
  ],
  "roles": [
    {"id": "director", "name": "Director"},
    {"id": "checker", "name": "Checker"}
  ],
  "externals": [
    {"id": "client", "name": "Client", "kind": "customer"},
    {"id": "regulator", "name": "Regulator", "kind": "regulator"}
  ],
  "people": [
    {"id": "ann", "name": "Ann de Vries", "unit": "ops", "roles": ["director", "checker"]},
    {"id": "bo", "name": "Bo Jansen", "reports_to": "ann", "unit": "team-a"},
    {"id": "cy", "name": "Cy Bakker", "reports_to": "ann", "unit": "team-b", "roles": ["checker"]},
    {"id": "dan", "name": "Dan Smit", "reports_to": "bo", "unit": "team-a"},
    {"id": "eve", "name": "Eve Visser", "reports_to": "bo", "unit": "team-a"},
    {"id": "fay", "name": "Fay Mulder", "reports_to": "cy", "unit": "team-b"},
    {"id": "gus", "name": "Gus Bos", "reports_to": "bo", "unit": "fast"},
    {"id": "hal", "name": "Hal Kok", "reports_to": "bo", "unit": "fast"}
  ],
"""


def doc(*processes: str) -> str:
    """A JSON document: the organization above plus the given processes."""
    text = '{\n  "organization": {"id": "acme", "name": "Acme"},\n' + ORG
    text += '  "processes": [\n' + ",\n".join(p.rstrip() for p in processes) + "\n  ]\n}\n"
    return text


def process(pid: str, steps: list[tuple[str, str, str]], flows: list[tuple[str, str]]) -> str:
    """A process written one step and one flow per line: steps are (id, kind, performer)."""
    lines = [f'    {{"id": "{pid}", "name": "Process {pid}",', '     "steps": [']
    lines.append(",\n".join(f'       {{"id": "{s}", "name": "Step {s}", "performer": "{who}", "kind": "{kind}"}}'
                            for s, kind, who in steps))
    lines.append("     ],")
    lines.append('     "flows": [')
    lines.append(",\n".join(f'       {{"from": "{a}", "to": "{b}"}}' for a, b in flows))
    lines.append("     ]}")
    return "\n".join(lines)


def chain(*ids: str) -> list[tuple[str, str]]:
    return list(zip(ids, ids[1:]))


def test_family_metadata_matches_rules_md():
    rules = load_plugins().rules
    expected = {
        "OC201": ("approval-heavy-process", {"max_ratio": 0.25}),
        "OC202": ("approval-chain", {"max_chain": 1}),
        "OC203": ("vertical-approval", {}),
        "OC204": ("handoff-via-management", {}),
        "OC205": ("centralized-decisions", {"min_steps": 4, "max_share": 0.5, "top_layers": 2}),
        "OC206": ("self-organization-contradicted", {}),
    }
    for code, (name, options) in expected.items():
        rule = rules[code]
        assert (rule.name, rule.options, rule.pillar, rule.severity.value) == (
            name, options, "self-steering", "warning")


def test_subject_absent_silent():
    bare = '{\n  "organization": {"id": "acme", "name": "Acme"},\n' + ORG.rstrip().rstrip(",") + "\n}\n"
    report = lint_model(bare, select=FAMILY)
    for code in FAMILY:
        assert_silent(report, code)
    assert report.findings == []


def test_only_work_steps_silent():
    text = doc(process("p", [("w1", "work", "team-a"), ("w2", "work", "team-b")], chain("w1", "w2")))
    report = lint_model(text, select=FAMILY)
    assert_silent(report, "OC201")
    assert_silent(report, "OC202")
    assert_silent(report, "OC203")
    assert_silent(report, "OC204")
    assert_silent(report, "OC205")
    assert_silent(report, "OC206")


# -- OC201 approval-heavy-process ---------------------------------------------------------------

HEAVY = process("heavy", [("w1", "work", "team-a"), ("ap1", "approval", "cy"), ("w2", "work", "team-a"),
                          ("w3", "work", "team-a"), ("ap2", "approval", "cy"), ("w4", "work", "team-a")],
                chain("w1", "ap1", "w2", "w3", "ap2", "w4"))


def test_oc201_fires_on_more_approvals_than_a_quarter_of_the_work():
    text = doc(HEAVY)
    report = lint_model(text, select=["OC201"])
    assert_fires(report, "OC201", entities=["heavy"], lines=[line_of(text, '{"id": "heavy"')],
                 contains=["process 'Process heavy' has 2 approval steps", "('Step ap1' and 'Step ap2')",
                           "for 4 work steps", "more than 0.25 per work step"])


def test_oc201_exactly_at_the_bound_is_silent():
    # 1 approval for 4 work steps: 1 <= 0.25 x 4
    text = doc(process("ok", [("w1", "work", "team-a"), ("w2", "work", "team-a"), ("ap1", "approval", "cy"),
                              ("w3", "work", "team-a"), ("w4", "work", "team-a")],
                       chain("w1", "w2", "ap1", "w3", "w4")))
    assert_silent(lint_model(text, select=["OC201"]), "OC201")


def test_oc201_any_approval_without_work_fires():
    text = doc(process("sign", [("ap1", "approval", "ann"), ("d1", "decision", "bo")], chain("ap1", "d1")))
    report = lint_model(text, select=["OC201"])
    assert_fires(report, "OC201", entities=["sign"], lines=[line_of(text, '{"id": "sign"')],
                 contains="1 approval step ('Step ap1') and no work steps")


def test_oc201_reviews_and_decisions_are_not_approvals():
    text = doc(process("p", [("w1", "work", "team-a"), ("r1", "review", "cy"), ("d1", "decision", "ann")],
                       chain("w1", "r1", "d1")))
    assert_silent(lint_model(text, select=["OC201"]), "OC201")


def test_oc201_max_ratio_option():
    text = doc(HEAVY)
    assert_silent(lint_model(text, select=["OC201"], options={"OC201": {"max_ratio": 0.5}}), "OC201")
    report = lint_model(text, select=["OC201"], options={"OC201": {"max_ratio": 0.4}})
    assert_fires(report, "OC201", entities=["heavy"], contains="more than 0.4 per work step")


def test_oc201_compares_exactly():
    # 0.58 x 50 is 28.999999999999996 in floating point; exactly it is 29: 29 approvals are allowed.
    steps = [{"id": f"w{i}", "performer": "dan"} for i in range(50)]
    steps += [{"id": f"a{i}", "performer": "bo", "kind": "approval"} for i in range(29)]
    model = {"people": [{"id": "bo"}, {"id": "dan", "reports_to": "bo"}],
             "processes": [{"id": "p", "steps": steps}]}
    assert_silent(lint_model(model, select=["OC201"], options={"OC201": {"max_ratio": 0.58}}), "OC201")
    model["processes"][0]["steps"].append({"id": "a29", "performer": "bo", "kind": "approval"})
    report = lint_model(model, select=["OC201"], options={"OC201": {"max_ratio": 0.58}})
    assert_fires(report, "OC201", entities=["p"], contains="30 approval steps")


# -- OC202 approval-chain -----------------------------------------------------------------------


def test_oc202_fires_once_on_the_first_step_naming_the_longest_chain():
    # w1 -> ap1 -> ap2 -> ap3 -> w2, and a branch ap1 -> ap4 -> w2
    text = doc(process("chain", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("ap2", "approval", "ann"),
                                 ("ap3", "approval", "cy"), ("ap4", "approval", "cy"), ("w2", "work", "team-a")],
                       chain("w1", "ap1", "ap2", "ap3", "w2") + [("ap1", "ap4"), ("ap4", "w2")]))
    report = lint_model(text, select=["OC202"])
    assert_fires(report, "OC202", entities=["ap1"], lines=[step_line(text, "ap1")],
                 contains=["3 approval steps follow each other in process 'Process chain'",
                           "'Step ap1' (Bo Jansen) → 'Step ap2' (Ann de Vries) → 'Step ap3' (Cy Bakker)",
                           "at most 1 in a row"])


def test_oc202_two_in_a_row_fires_and_a_review_between_breaks_the_chain():
    two = doc(process("two", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("ap2", "approval", "ann")],
                      chain("w1", "ap1", "ap2")))
    assert_fires(lint_model(two, select=["OC202"]), "OC202", entities=["ap1"], lines=[step_line(two, "ap1")],
                 contains="2 approval steps")
    broken = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("r1", "review", "cy"),
                               ("ap2", "approval", "ann")], chain("w1", "ap1", "r1", "ap2")))
    assert_silent(lint_model(broken, select=["OC202"]), "OC202")


def test_oc202_max_chain_option():
    text = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("ap2", "approval", "ann")],
                       chain("w1", "ap1", "ap2")))
    assert_silent(lint_model(text, select=["OC202"], options={"OC202": {"max_chain": 2}}), "OC202")
    text3 = doc(process("p", [("ap1", "approval", "bo"), ("ap2", "approval", "ann"), ("ap3", "approval", "cy")],
                        chain("ap1", "ap2", "ap3")))
    report = lint_model(text3, select=["OC202"], options={"OC202": {"max_chain": 2}})
    assert_fires(report, "OC202", entities=["ap1"], contains=["3 approval steps", "at most 2 in a row"])


def test_oc202_each_chain_start_reported_once():
    # two chains merge: ap1 -> ap3 and ap2 -> ap3
    text = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("ap2", "approval", "cy"),
                             ("ap3", "approval", "ann")],
                       [("w1", "ap1"), ("w1", "ap2"), ("ap1", "ap3"), ("ap2", "ap3")]))
    report = lint_model(text, select=["OC202"])
    assert_fires(report, "OC202", entities=["ap1", "ap2"],
                 lines=[step_line(text, "ap1"), step_line(text, "ap2")], contains="2 approval steps")


def test_oc202_loop_of_approvals_is_safe():
    text = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("ap2", "approval", "ann"),
                             ("ap3", "approval", "cy")],
                       [("w1", "ap2"), ("ap1", "ap2"), ("ap2", "ap3"), ("ap3", "ap1")]))
    report = lint_model(text, select=["OC202"])
    assert_fires(report, "OC202", entities=["ap2"], lines=[step_line(text, "ap2")],
                 contains=["3 approval steps", "{'Step ap2' (Ann de Vries), 'Step ap1' (Bo Jansen), "
                                               "'Step ap3' (Cy Bakker), in a loop}"])


def test_oc202_many_paths_are_not_enumerated():
    # 80 ranks of 2 approvals, each fully connected to the next: 2**80 paths, a chain of 80.
    steps, flows = [{"id": "w0", "performer": "dan"}], []
    for r in range(80):
        for k in range(2):
            steps.append({"id": f"a{r}_{k}", "performer": "bo", "kind": "approval"})
            flows += ([{"from": f"a{r - 1}_{j}", "to": f"a{r}_{k}"} for j in range(2)] if r
                      else [{"from": "w0", "to": f"a0_{k}"}])
    model = {"people": [{"id": "bo"}, {"id": "dan", "reports_to": "bo"}],
             "processes": [{"id": "p", "steps": steps, "flows": flows}]}
    report = lint_model(model, select=["OC202"])
    assert_fires(report, "OC202", entities=["a0_0", "a0_1"], contains="80 approval steps")


# -- OC203 vertical-approval --------------------------------------------------------------------


def test_oc203_fires_when_the_boss_checks_the_work():
    text = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo"), ("d1", "decision", "cy"),
                             ("r1", "review", "ann"), ("w2", "work", "team-b")],
                       chain("w1", "ap1", "d1", "r1", "w2")))
    report = lint_model(text, select=["OC203"])
    assert_fires(report, "OC203", entities=["ap1", "r1"], lines=[step_line(text, "ap1"), step_line(text, "r1")],
                 contains=["a superior of the people who do the work before it: 'Step w1' (Team A)",
                           "the boss checks the work"])


def test_oc203_role_of_superiors_fires_and_peers_are_silent():
    text = doc(process("p", [("w1", "work", "dan"), ("ap1", "approval", "director"), ("ap2", "approval", "checker"),
                             ("ap3", "approval", "cy"), ("w2", "work", "bo"), ("ap4", "approval", "bo")],
                       chain("w1", "ap1", "ap2", "ap3", "w2", "ap4")))
    report = lint_model(text, select=["OC203"])
    # Director: only Ann (above Dan). Checker: Ann and Cy (Cy is not above Dan). Cy: a peer.
    # Bo checking his own work: not his own superior.
    assert_fires(report, "OC203", entities=["ap1"], lines=[step_line(text, "ap1")],
                 contains="performed by Director, all of them superiors")


def test_oc203_externals_and_missing_work_are_silent():
    text = doc(process("p", [("ap0", "approval", "ann"), ("w1", "work", "team-a"),
                             ("ap1", "approval", "regulator"), ("w2", "work", "client"), ("r1", "review", "ann")],
                       chain("ap0", "w1", "ap1", "w2", "r1")))
    assert_silent(lint_model(text, select=["OC203"]), "OC203")


def test_oc203_unit_with_non_superiors_is_silent():
    # Operations stands for everybody, Dan and Eve included: not all of them are superiors.
    text = doc(process("p", [("w1", "work", "dan"), ("r1", "review", "ops")], chain("w1", "r1")))
    assert_silent(lint_model(text, select=["OC203"]), "OC203")


def test_oc203_reporting_cycle_is_handled():
    model = {"people": [{"id": "x", "reports_to": "y"}, {"id": "y", "reports_to": "x"},
                        {"id": "z", "reports_to": "x"}, {"id": "top"}, {"id": "w", "reports_to": "top"}],
             "processes": [{"id": "p", "steps": [{"id": "s1", "performer": "z"},
                                                 {"id": "s2", "performer": "y", "kind": "approval"},
                                                 {"id": "s3", "performer": "w"},
                                                 {"id": "s4", "performer": "top", "kind": "review"},
                                                 {"id": "s5", "performer": "x", "kind": "review"}],
                            "flows": [{"from": "s1", "to": "s2"}, {"from": "s2", "to": "s3"},
                                      {"from": "s3", "to": "s4"}, {"from": "s4", "to": "s5"}]}]}
    report = lint_model(model, select=["OC203"])
    # y is above z through x; top is above w; x is not above w (other tree).
    assert_fires(report, "OC203", entities=["s2", "s4"])


# -- OC204 handoff-via-management ---------------------------------------------------------------


def test_oc204_fires_on_referral_through_the_common_manager():
    text = doc(process("p", [("w1", "work", "team-a"), ("ap1", "approval", "ann"), ("h1", "handoff", "ann"),
                             ("w2", "work", "team-b")],
                       chain("w1", "ap1", "h1", "w2")))
    report = lint_model(text, select=["OC204"])
    assert_fires(report, "OC204", entities=["ap1"], lines=[step_line(text, "ap1")],
                 contains=["work passes from 'Step w1' (Team A) to 'Step w2' (Team B) via "
                           "'Step ap1' (Ann de Vries) → 'Step h1' (Ann de Vries)",
                           "superiors of both 'Team A' and 'Team B'", "hierarchical referral"])


def test_oc204_person_performers_belong_to_their_unit():
    text = doc(process("p", [("w1", "work", "dan"), ("d1", "decision", "ann"), ("w2", "work", "fay")],
                       chain("w1", "d1", "w2")))
    report = lint_model(text, select=["OC204"])
    assert_fires(report, "OC204", entities=["d1"], lines=[step_line(text, "d1")],
                 contains="superiors of both 'Team A' and 'Team B'")


def test_oc204_direct_handoff_is_silent():
    text = doc(process("p", [("w1", "work", "team-a"), ("w2", "work", "team-b")], chain("w1", "w2")))
    assert_silent(lint_model(text, select=["OC204"]), "OC204")


def test_oc204_route_next_to_a_direct_handoff_still_fires():
    text = doc(process("p", [("w1", "work", "team-a"), ("w2", "work", "team-b"), ("esc", "decision", "ann")],
                       [("w1", "w2"), ("w1", "esc"), ("esc", "w2")]))
    assert_fires(lint_model(text, select=["OC204"]), "OC204", entities=["esc"], lines=[step_line(text, "esc")])


def test_oc204_near_misses_are_silent():
    text = doc(
        # Bo is above Team A but not above Team B
        process("p1", [("a1", "work", "team-a"), ("a2", "approval", "bo"), ("a3", "work", "team-b")],
                chain("a1", "a2", "a3")),
        # the same unit on both sides
        process("p2", [("b1", "work", "team-a"), ("b2", "approval", "ann"), ("b3", "work", "team-a")],
                chain("b1", "b2", "b3")),
        # one side contains the other
        process("p3", [("c1", "work", "team-a"), ("c2", "approval", "ann"), ("c3", "work", "ops")],
                chain("c1", "c2", "c3")),
        # a role that is not only superiors (Checker: Ann and Cy) and an external in between
        process("p4", [("d1", "work", "team-a"), ("d2", "approval", "checker"), ("d3", "work", "team-b"),
                       ("d4", "approval", "regulator"), ("d5", "work", "team-a")],
                chain("d1", "d2", "d3", "d4", "d5")),
    )
    assert_silent(lint_model(text, select=["OC204"]), "OC204")


def test_oc204_cycles_are_safe():
    text = doc(process("p", [("w1", "work", "team-a"), ("m1", "decision", "ann"), ("m2", "approval", "ann"),
                             ("w2", "work", "team-b")],
                       [("w1", "m1"), ("m1", "m2"), ("m2", "m1"), ("m2", "w2"), ("w2", "w1")]))
    report = lint_model(text, select=["OC204"])
    # Team A -> Team B via m1 -> m2; Team B -> Team A is a direct flow back.
    assert_fires(report, "OC204", entities=["m1"], contains="via 'Step m1' (Ann de Vries) → 'Step m2'")


def test_oc204_one_finding_per_management_step_and_unit_pair():
    text = doc(process("p", [("w1", "work", "dan"), ("w2", "work", "eve"), ("m1", "decision", "ann"),
                             ("w3", "work", "team-b"), ("w4", "work", "fay")],
                       [("w1", "m1"), ("w2", "m1"), ("m1", "w3"), ("m1", "w4")]))
    report = lint_model(text, select=["OC204"])
    assert_fires(report, "OC204", entities=["m1"], lines=[step_line(text, "m1")],
                 contains="from 'Step w1' (Dan Smit) and 'Step w2' (Eve Visser) to 'Step w3' (Team B) and "
                          "'Step w4' (Fay Mulder) via 'Step m1' (Ann de Vries)")


def test_oc204_wide_fan_through_one_manager_is_one_finding():
    n = 600
    steps = [{"id": f"a{i}", "performer": "dan"} for i in range(n)] + [{"id": "m", "performer": "ann",
                                                                         "kind": "decision"}]
    steps += [{"id": f"b{i}", "performer": "fay"} for i in range(n)]
    flows = [{"from": f"a{i}", "to": "m"} for i in range(n)] + [{"from": "m", "to": f"b{i}"} for i in range(n)]
    org = Org(complete_model({
        "units": [{"id": "ua"}, {"id": "ub"}],
        "people": [{"id": "ann"}, {"id": "dan", "reports_to": "ann", "unit": "ua"},
                   {"id": "fay", "reports_to": "ann", "unit": "ub"}],
        "processes": [{"id": "p", "steps": steps, "flows": flows}]}))
    found = list(load_plugins().rules["OC204"](org))
    assert len(found) == 1 and "and 597 more" in found[0][1]


# -- OC205 centralized-decisions ----------------------------------------------------------------

TOP = process("top", [("w1", "work", "team-a"), ("d1", "decision", "ann"), ("ap1", "approval", "bo"),
                      ("ap2", "approval", "ann"), ("d2", "decision", "team-a"), ("w2", "work", "team-b")],
              chain("w1", "d1", "ap1", "ap2", "d2", "w2"))


def test_oc205_fires_document_wide():
    text = doc(TOP)
    report = lint_model(text, select=["OC205"])
    assert_fires(report, "OC205", entities=[None], lines=[line_of(text, '"processes": [')],
                 contains=["3 of 4 decision and approval steps (75%) are taken only by people in the top 2 layers",
                           "Ann de Vries (2 steps) and Bo Jansen (1 step)", "at most 50%"])


def test_oc205_exactly_half_is_silent():
    text = doc(process("p", [("w1", "work", "team-a"), ("d1", "decision", "ann"), ("ap1", "approval", "bo"),
                             ("d2", "decision", "team-a"), ("ap2", "approval", "regulator")],
                       chain("w1", "d1", "ap1", "d2", "ap2")))
    assert_silent(lint_model(text, select=["OC205"]), "OC205")


def test_oc205_too_few_steps_is_silent_and_min_steps_option():
    text = doc(process("p", [("w1", "work", "team-a"), ("d1", "decision", "ann"), ("ap1", "approval", "bo"),
                             ("ap2", "approval", "director")], chain("w1", "d1", "ap1", "ap2")))
    assert_silent(lint_model(text, select=["OC205"]), "OC205")
    report = lint_model(text, select=["OC205"], options={"OC205": {"min_steps": 3}})
    assert_fires(report, "OC205", entities=[None], contains=["3 of 3", "Ann de Vries (2 steps) and Bo Jansen (1 step)"])


def test_oc205_max_share_and_top_layers_options():
    text = doc(TOP)
    assert_silent(lint_model(text, select=["OC205"], options={"OC205": {"max_share": 0.75}}), "OC205")
    # Only Ann is in the top layer: 2 of 4 is not more than half.
    assert_silent(lint_model(text, select=["OC205"], options={"OC205": {"top_layers": 1}}), "OC205")
    report = lint_model(text, select=["OC205"], options={"OC205": {"top_layers": 1, "max_share": 0.25}})
    assert_fires(report, "OC205", entities=[None], contains=["2 of 4", "top 1 layer:", "Ann de Vries (2 steps)", "25%"])


# -- OC206 self-organization-contradicted -------------------------------------------------------


def test_oc206_fires_on_the_outside_approval():
    text = doc(process("p", [("w1", "work", "fast"), ("ap1", "approval", "bo"), ("w2", "work", "fast")],
                       chain("w1", "ap1", "w2")))
    report = lint_model(text, select=["OC206"])
    assert_fires(report, "OC206", entities=["ap1"], lines=[step_line(text, "ap1")],
                 contains=["approval 'Step ap1' of the work of self-organizing 'Fast-Track' ('Step w1')",
                           "performed by Bo Jansen, outside the unit"])


def test_oc206_and_oc203_on_the_same_step_are_one_finding():
    text = doc(process("p", [("w1", "work", "fast"), ("ap1", "approval", "bo"), ("w2", "work", "fast")],
                       chain("w1", "ap1", "w2")))
    report = lint_model(text, select=["OC203", "OC206"])
    assert_fires(report, "OC206", entities=["ap1"])
    assert_silent(report, "OC203")
    assert "a control that law or regulation requires (such as four-eyes) stays" in report.findings[0].message
    # the same approval of a unit that claims nothing is the boss checking the work: OC203's
    plain = text.replace('"self_organizing": true', '"self_organizing": false')
    report = lint_model(plain, select=["OC203", "OC206"])
    assert_fires(report, "OC203", entities=["ap1"], contains="the boss checks the work; consider first making "
                                                             "explicit the professional standards")
    assert_silent(report, "OC206")


# -- item 15: a self-organizing team's own decision ----------------------------------------------


def test_oc206_fires_on_an_outside_approval_of_the_teams_own_decision():
    # Fast-Track decides the roster itself, and Bo (outside the team) approves that decision
    text = doc(process("p", [("d1", "decision", "fast"), ("ap1", "approval", "bo"), ("w1", "work", "fast")],
                       chain("d1", "ap1", "w1")),
               process("q", [("w2", "work", "gus"), ("d2", "decision", "hal"), ("d3", "decision", "ann")],
                       chain("w2", "d2", "d3")))
    report = lint_model(text, select=["OC203", "OC206"])
    assert_fires(report, "OC206", entities=["ap1", "d3"], lines=[step_line(text, "ap1"), step_line(text, "d3")],
                 contains="of the work of self-organizing 'Fast-Track'")
    ap1, d3 = report.findings
    assert "approval 'Step ap1' of the work of self-organizing 'Fast-Track' ('Step d1') is performed by " \
           "Bo Jansen, outside the unit" in ap1.message
    assert "('Step w2' and 'Step d2') is performed by Ann de Vries, outside the unit" in d3.message
    assert_silent(report, "OC203")  # one fact, one finding: OC206's


def test_oc203_fires_on_the_boss_approving_a_teams_decision():
    text = doc(process("p", [("d1", "decision", "team-a"), ("ap1", "approval", "bo")], chain("d1", "ap1")))
    report = lint_model(text, select=["OC203", "OC206"])
    assert_fires(report, "OC203", entities=["ap1"], lines=[step_line(text, "ap1")],
                 contains="a superior of the people who do the work before it: 'Step d1' (Team A)")
    assert_silent(report, "OC206")


def test_oc206_near_miss_the_team_approves_its_own_decision():
    text = doc(process("p", [("d1", "decision", "fast"), ("ap1", "approval", "hal"), ("w1", "work", "fast")],
                       chain("d1", "ap1", "w1")),
               # a decision outside the team, then its approval: not the team's decision
               process("q", [("d2", "decision", "cy"), ("ap2", "approval", "ann")], chain("d2", "ap2")))
    report = lint_model(text, select=["OC206"])
    assert_silent(report, "OC206")


# -- issue 26 item 5: advice in the seed's order -------------------------------------------------

STANDARDS = ('    {"id": "checker", "name": "Checker"},\n'
             '    {"id": "assessor", "name": "Assessor", "standards": ["CII Certificate in Insurance"]}')


def professional(text: str) -> str:
    """The same document, with Dan, Eve and Fay (the members of Teams A and B) holding a role
    that names professional standards; the teams' leads hold none."""
    text = text.replace('    {"id": "checker", "name": "Checker"}', STANDARDS)
    for who in ("dan", "eve", "fay"):
        text = text.replace(f'{{"id": "{who}", ', f'{{"id": "{who}", "roles": ["assessor"], ')
    return text


LET_GO = ("the roles of the people who do the work name professional standards, so consider letting them decide "
          "within agreed limits and checking afterwards (a peer review, feedback on the results) instead of asking "
          "permission up front; a control that law or regulation requires")
STANDARDS_FIRST = ("consider first making explicit the professional standards of the people who do the work (their "
                   "roles' `standards`), then letting them decide within agreed limits and checking afterwards")


def test_approval_rules_advise_letting_go_where_the_doers_roles_name_standards():
    oc203 = process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo")], chain("w1", "ap1"))
    for code, text in (("OC201", doc(HEAVY)), ("OC203", doc(oc203)), ("OC205", doc(TOP))):
        report = lint_model(professional(text), select=[code])
        assert_fires(report, code, contains=LET_GO)


def test_approval_rules_near_miss_standards_first_where_the_doers_roles_name_none():
    # the same processes, but Fay (Team B) works to no standard: OC205 asks for standards first;
    # where nobody holds a role at all, every approval rule does
    oc203 = process("p", [("w1", "work", "team-a"), ("ap1", "approval", "bo")], chain("w1", "ap1"))
    for code, text in (("OC201", doc(HEAVY)), ("OC203", doc(oc203)), ("OC205", doc(TOP))):
        report = lint_model(text, select=[code])
        assert_fires(report, code, contains=STANDARDS_FIRST)
        assert "name professional standards, so" not in report.findings[0].message
    partly = professional(doc(TOP)).replace('{"id": "fay", "roles": ["assessor"], ', '{"id": "fay", ')
    assert_fires(lint_model(partly, select=["OC205"]), "OC205", contains=STANDARDS_FIRST)


def test_oc206_through_reviews_and_member_performers():
    text = doc(process("p", [("w1", "work", "gus"), ("r1", "review", "cy"), ("d1", "decision", "checker"),
                             ("w2", "work", "team-a")],
                       chain("w1", "r1", "d1", "w2")))
    report = lint_model(text, select=["OC206"])
    assert_fires(report, "OC206", entities=["d1"], lines=[step_line(text, "d1")],
                 contains=["decision 'Step d1'", "performed by Checker, which includes Ann de Vries"])


def test_oc206_near_misses_are_silent():
    text = doc(
        # decided inside the team
        process("p1", [("a1", "work", "fast"), ("a2", "decision", "hal"), ("a3", "approval", "fast")],
                chain("a1", "a2", "a3")),
        # an outside review is a quality check, not permission
        process("p2", [("b1", "work", "fast"), ("b2", "review", "cy"), ("b3", "work", "fast")],
                chain("b1", "b2", "b3")),
        # an external party decides (the customer accepts an offer)
        process("p3", [("c1", "work", "fast"), ("c2", "decision", "client")], chain("c1", "c2")),
        # work in between: the approval does not follow the team's work
        process("p4", [("d1", "work", "fast"), ("d2", "work", "team-a"), ("d3", "approval", "bo")],
                chain("d1", "d2", "d3")),
        # Team A does not declare self-organization
        process("p5", [("e1", "work", "team-a"), ("e2", "approval", "ann")], chain("e1", "e2")),
    )
    assert_silent(lint_model(text, select=["OC206"]), "OC206")


def test_oc206_enclosing_self_organizing_unit_counts():
    model = {
        "units": [{"id": "dept", "self_organizing": True}, {"id": "team", "parent": "dept"},
                  {"id": "other"}],
        "people": [{"id": "boss", "unit": "other"}, {"id": "lead", "unit": "dept", "reports_to": "boss"},
                   {"id": "m", "unit": "team", "reports_to": "lead"}],
        "processes": [{"id": "p", "steps": [{"id": "s1", "performer": "team"},
                                            {"id": "s2", "performer": "lead", "kind": "approval"},
                                            {"id": "s3", "performer": "boss", "kind": "decision"}],
                       "flows": [{"from": "s1", "to": "s2"}, {"from": "s2", "to": "s3"}]}],
    }
    report = lint_model(model, select=["OC206"])
    # the lead is in the self-organizing department; the boss is not
    assert_fires(report, "OC206", entities=["s3"], contains="self-organizing 'dept' ('s1')")


# -- scale ---------------------------------------------------------------------------------------


def test_family_scales_to_big_units():
    # 40,000 people in two big units under one top, 2,000 processes naming them; the rules
    # run directly on the model (schema validation of such a file is not what is measured).
    people = [{"id": "top", "name": "Top"}, {"id": "lead-a", "reports_to": "top", "unit": "a"},
              {"id": "lead-b", "reports_to": "top", "unit": "b"}]
    for i in range(20_000):
        people.append({"id": f"a{i}", "reports_to": "lead-a", "unit": "a"})
        people.append({"id": f"b{i}", "reports_to": "lead-b", "unit": "b"})
    processes = []
    for i in range(2_000):
        ids = [f"p{i}w1", f"p{i}ap", f"p{i}r", f"p{i}ap2", f"p{i}w2", f"p{i}d", f"p{i}w3"]
        processes.append({"id": f"p{i}", "steps": [
            {"id": ids[0], "performer": "a"},
            {"id": ids[1], "performer": "top", "kind": "approval"},
            {"id": ids[2], "performer": "b", "kind": "review"},
            {"id": ids[3], "performer": "a", "kind": "approval"},
            {"id": ids[4], "performer": "b"},
            {"id": ids[5], "performer": "top", "kind": "decision"},
            {"id": ids[6], "performer": f"a{i}"}],
            "flows": [{"from": x, "to": y} for x, y in zip(ids, ids[1:])]})
    org = Org(complete_model({"units": [{"id": "a", "self_organizing": True}, {"id": "b"}],
                              "people": people, "processes": processes}))
    rules = load_plugins().rules
    counts = {}
    for code in FAMILY:
        counts[code] = len(list(rules[code](org)))
    # OC201: 2 approvals for 3 work steps; OC204: Team b's work goes to a person of Team a
    # via Top's decision; OC205: all decisions and approvals but Team a's are Top's; OC206:
    # Top approves self-organizing Team a's work (one fact: OC203, Top checks Team a's
    # work, leaves that step to OC206).
    assert counts == {"OC201": 2000, "OC202": 0, "OC203": 0, "OC204": 2000, "OC205": 1, "OC206": 2000}


def test_broken_references_and_duplicates_do_not_crash():
    model = {
        "units": [{"id": "u", "self_organizing": True, "parent": "ghost-unit", "lead": "ghost"},
                  {"id": "v", "parent": "w"}, {"id": "w", "parent": "v", "self_organizing": True}],
        "people": [{"id": "a", "reports_to": "ghost", "unit": "u"}, {"id": "b", "reports_to": "a", "unit": "nowhere"},
                   {"id": "c", "reports_to": "d", "unit": "v"}, {"id": "d", "reports_to": "c", "unit": "w"}],
        "processes": [
            {"id": "p", "steps": [{"id": "s1", "performer": "u"}, {"id": "s2", "performer": "ghost", "kind": "approval"},
                                  {"id": "s3", "performer": "a", "kind": "approval"},
                                  {"id": "s3", "performer": "b", "kind": "approval"},
                                  {"id": "s4", "performer": "v"}, {"id": "s5", "performer": "d", "kind": "decision"},
                                  {"id": "s6", "performer": "b"}],
             "flows": [{"from": "s1", "to": "s2"}, {"from": "s2", "to": "s3"}, {"from": "s3", "to": "nope"},
                       {"from": "s1", "to": "s3"}, {"from": "s4", "to": "s5"}, {"from": "s5", "to": "s6"},
                       {"from": "s6", "to": "s6"}]},
            {"id": "p", "steps": [{"id": "t1", "performer": "a", "kind": "approval"}]},
        ],
    }
    report = lint_model(model, select=FAMILY)  # raises if a rule crashes
    # s1 (u) -> s3 (a, in u): no contradiction; s2's performer is unknown.
    assert_silent(report, "OC206")
    # s2 -> s3: two approvals in a row (the duplicate s3 is ignored); the later process 'p' too.
    assert_fires(report, "OC202", entities=["s2"], contains="'s2' (an unknown performer) → 's3' (a)")

"""OC1xx: span of control and layers (plugins/span.py)."""
from __future__ import annotations

import json
import re

import pytest

from orgcheck.testing import assert_fires, assert_silent, lint_model

FAMILY = ["OC101", "OC102", "OC103", "OC104", "OC105", "OC106"]


def people_doc(people: list[dict]) -> str:
    """A JSON document with one person per line (names default to the id)."""
    rows = []
    for p in people:
        p = dict(p)
        if "name" not in p and not p.get("vacant"):
            p["name"] = p["id"]
        rows.append("    " + json.dumps(p))
    return ('{\n  "organization": {"id": "acme", "name": "Acme"},\n  "people": [\n'
            + ",\n".join(rows) + "\n  ]\n}\n")


def id_line(text: str, entity_id: str) -> int:
    match = re.search(rf'"id": "{re.escape(entity_id)}"[,}}]', text)
    return text.count("\n", 0, match.start()) + 1


def reports(manager: str, n: int, prefix: str | None = None, **extra) -> list[dict]:
    prefix = prefix or f"{manager}-r"
    return [{"id": f"{prefix}{i}", "reports_to": manager, **extra} for i in range(1, n + 1)]


# -- OC101 span-too-wide -------------------------------------------------------------------------


def test_oc101_fires_above_the_bound_of_the_manager_type():
    people = [{"id": "mia", "name": "Mia Jansen", "manager_type": "supervisor"}, *reports("mia", 11),
              {"id": "ed", "name": "Ed", "reports_to": "mia", "manager_type": "coach"}, *reports("ed", 8)]
    text = people_doc(people)
    report = lint_model(text, select=["OC101"])
    assert_fires(report, "OC101", entities=["mia", "ed"], lines=[id_line(text, "mia"), id_line(text, "ed")],
                 severity="warning")
    mia, ed = report.findings
    assert "Mia Jansen (supervisor) has 12 direct reports; a supervisor manages at most 10" in mia.message
    assert "a facilitator manages up to 15" in mia.message
    # self-steering first: more managers only where the team cannot steer itself
    assert mia.message.index("let the team steer itself") < mia.message.index("split the span")
    assert "Ed (coach) has 8 direct reports; a coach manages at most 7" in ed.message


def test_oc101_silent_at_the_bound_and_for_coordinators():
    people = [{"id": "mia", "manager_type": "supervisor"}, *reports("mia", 9),
              {"id": "pc", "reports_to": "mia", "manager_type": "player-coach"}, *reports("pc", 5),
              {"id": "co", "manager_type": "coordinator"}, *reports("co", 40),
              {"id": "un"}, *reports("un", 10)]
    report = lint_model({"people": people}, select=["OC101"])
    assert_silent(report, "OC101")


def test_oc101_untyped_managers_use_max():
    people = [{"id": "boss", "name": "Bas"}, *reports("boss", 11)]
    report = lint_model({"people": people}, select=["OC101"])
    assert_fires(report, "OC101", entities=["boss"],
                 contains="Bas has 11 direct reports, more than the 10 a manager steers in person when no kind of "
                          "managing is recorded (manager_type): let the team steer itself so that the manager "
                          "facilitates rather than supervises (record the post as a facilitator (manager_type): up "
                          "to 15); only where the team cannot steer itself, split the span")
    report = lint_model({"people": people}, select=["OC101"], options={"OC101": {"max": 11}})
    assert_silent(report, "OC101")


def test_oc101_option_max_by_type_is_merged_entry_by_entry():
    people = [{"id": "sup", "manager_type": "supervisor"}, *reports("sup", 14),
              {"id": "co", "manager_type": "coordinator"}, *reports("co", 31),
              {"id": "fac", "manager_type": "facilitator"}, *reports("fac", 16)]
    report = lint_model({"people": people}, select=["OC101"],
                        options={"OC101": {"max_by_type": {"coordinator": 30, "supervisor": 14}}})
    assert_fires(report, "OC101", entities=["co", "fac"])
    assert "a coordinator manages at most 30" in report.findings[0].message
    assert "a facilitator manages at most 15" in report.findings[1].message  # the default kept
    assert report.findings[1].message.endswith(
        "let the people form self-steering teams that coordinate among themselves, so that the facilitator supports "
        "teams rather than each person; only where that is not enough, split the span, each team with its own "
        "facilitator")


def test_oc101_counts_named_reports_and_shows_aggregated_staff_beside_them():
    people = [{"id": "mia", "name": "Mia", "manager_type": "coach"}, *reports("mia", 8),
              {"id": "staff", "name": "Junior staff", "reports_to": "mia", "fte": 6.5, "x-aggregate": True}]
    report = lint_model({"people": people}, select=["OC101"])
    assert_fires(report, "OC101", entities=["mia"],
                 contains="Mia (coach) has 8 direct reports, plus 7 staff in 1 grade band below; "
                          "a coach manages at most 7")


def test_oc101_silent_when_only_aggregated_staff_exceed_the_bound():
    # 85 staff in 10 grade bands below a post with 3 named reports: headcount, not span
    people = [{"id": "head", "name": "Head", "manager_type": "coach"}, *reports("head", 3),
              *({"id": f"band{i}", "reports_to": "head", "fte": 8.5, "x-aggregate": True} for i in range(10))]
    assert_silent(lint_model({"people": people}, select=["OC101"]), "OC101")


# -- OC102 span-too-narrow -----------------------------------------------------------------------


def test_oc102_fires_below_min_and_exempts_player_coaches():
    people = [{"id": "ceo", "name": "Graham"}, {"id": "lars", "name": "Lars", "reports_to": "ceo"},
              *reports("lars", 2), {"id": "pc", "reports_to": "ceo", "manager_type": "player-coach"},
              *reports("pc", 1), {"id": "vac", "vacant": True, "reports_to": "ceo"}, *reports("vac", 1)]
    text = people_doc(people)
    report = lint_model(text, select=["OC102"])
    assert_fires(report, "OC102", entities=["lars", "vac"], lines=[id_line(text, "lars"), id_line(text, "vac")])
    lars, vac = report.findings
    assert "Lars has 2 direct reports, fewer than 3" in lars.message
    assert "let the reports report one level up" in lars.message
    assert "vacant position vac has 1 direct report, fewer than 3" in vac.message


def test_oc102_silent_at_min_and_on_posts_with_aggregated_staff():
    # t's real span is unknown: its staff sit somewhere below it, in a grade band
    people = [{"id": "ceo"}, *reports("ceo", 2), {"id": "t", "reports_to": "ceo"},
              {"id": "staff", "reports_to": "t", "fte": 3, "x-aggregate": True},
              {"id": "u", "reports_to": "ceo"}, {"id": "u1", "reports_to": "u"},
              {"id": "band", "reports_to": "u", "fte": 1, "x-aggregate": True}]
    report = lint_model({"people": people}, select=["OC102"])
    assert_silent(report, "OC102")


def test_oc102_counts_named_reports_only():
    # 2 named reports and a grade band of 9: narrow on what the data says is unknown, so
    # silent; without the band, the same post is narrow
    people = [{"id": "ceo", "name": "Graham"}, *reports("ceo", 2)]
    assert_fires(lint_model({"people": people}, select=["OC102"]), "OC102", entities=["ceo"],
                 contains="Graham has 2 direct reports, fewer than 3")
    people.append({"id": "band", "reports_to": "ceo", "fte": 9, "x-aggregate": True})
    assert_silent(lint_model({"people": people}, select=["OC102"]), "OC102")


def test_oc102_option_min():
    people = [{"id": "ceo", "name": "Graham"}, *reports("ceo", 4)]
    assert_silent(lint_model({"people": people}, select=["OC102"]), "OC102")
    report = lint_model({"people": people}, select=["OC102"], options={"OC102": {"min": 5}})
    assert_fires(report, "OC102", entities=["ceo"],
                 contains=["Graham has 4 direct reports, fewer than 5", "merge the position with the one below"])


# -- OC103 one-over-one --------------------------------------------------------------------------


def test_oc103_fires_on_a_pass_through_layer():
    people = [{"id": "ceo", "name": "Graham"}, {"id": "head", "name": "Diane", "reports_to": "ceo"},
              *reports("head", 5)]
    text = people_doc(people)
    report = lint_model(text, select=["OC103"])
    assert_fires(report, "OC103", entities=["ceo"], lines=[id_line(text, "ceo")],
                 contains="Graham has one direct report, Diane, who manages 5 people: a pass-through layer")


def test_a_one_over_one_is_oc103_alone_not_oc102_too():
    people = [{"id": "ceo", "name": "Graham"}, {"id": "head", "name": "Diane", "reports_to": "ceo"},
              *reports("head", 5)]
    report = lint_model({"people": people}, select=["OC102", "OC103"])
    assert_fires(report, "OC103", entities=["ceo"])
    assert_silent(report, "OC102")


def test_oc103_silent_when_the_only_named_report_has_aggregated_staff_beside_it():
    people = [{"id": "ceo"}, {"id": "head", "reports_to": "ceo"}, *reports("head", 5),
              {"id": "band", "reports_to": "ceo", "fte": 4, "x-aggregate": True}]
    assert_silent(lint_model({"people": people}, select=["OC102", "OC103"]), "OC103")


def test_oc103_silent_when_the_only_report_manages_nobody_or_there_are_two():
    people = [{"id": "ceo"}, {"id": "assistant", "reports_to": "ceo"},
              {"id": "boss"}, {"id": "h1", "reports_to": "boss"}, {"id": "h2", "reports_to": "boss"},
              *reports("h1", 3),
              # an aggregate of several people is not a one-over-one either
              {"id": "x"}, {"id": "staff", "reports_to": "x", "fte": 2, "x-aggregate": True},
              {"id": "y", "reports_to": "staff"}]
    report = lint_model({"people": people}, select=["OC103"])
    assert_silent(report, "OC103")


def test_oc101_to_oc103_leave_reporting_loops_to_oc004():
    people = [{"id": "a", "reports_to": "b"}, {"id": "b", "reports_to": "a"}, {"id": "c", "reports_to": "a"}]
    report = lint_model({"people": people}, select=["OC004", *FAMILY])
    assert_fires(report, "OC004", entities=["a"])
    assert_silent(report, "OC102")
    assert_silent(report, "OC103")


# -- OC104 too-many-layers -----------------------------------------------------------------------

# Ann → Bo → Cy → Di: 4 layers; with 2 more under Ann, 6 positions, which need 2 layers at a span of 8
DEEP = [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo", "reports_to": "a"},
        {"id": "c", "name": "Cy", "reports_to": "b"}, {"id": "d", "name": "Di", "reports_to": "c"},
        *reports("a", 2, prefix="s")]


def steady(span: int, positions: int, prefix: str = "p") -> list[dict]:
    """A tree of ``positions`` filled breadth first, each manager with ``span`` reports."""
    people = [{"id": f"{prefix}0"}]
    for i in range(1, positions):
        people.append({"id": f"{prefix}{i}", "reports_to": f"{prefix}{(i - 1) // span}"})
    return people


def test_oc104_fires_when_deeper_than_needed_plus_slack():
    text = people_doc(DEEP)
    report = lint_model(text, select=["OC104"])
    assert_fires(report, "OC104", entities=["a"], lines=[id_line(text, "a")])
    assert report.findings[0].message == (
        "the reporting tree of Ann has 4 layers: Ann → Bo → Cy → Di; its 6 positions need 2 layers at a span of 8 "
        "(the top and 1 layer below it hold up to 9 positions), at most 3 with 1 layer of slack; remove "
        "pass-through and narrow layers, and let teams coordinate directly instead of through a manager")
    assert "^" not in report.findings[0].message and ">=" not in report.findings[0].message


@pytest.mark.parametrize("positions, depth", [(50, 4), (350, 5)])
def test_oc104_a_steady_span_of_6_passes_with_the_defaults(positions, depth):
    people = steady(6, positions)
    report = lint_model({"people": people}, select=["OC104"])
    assert_silent(report, "OC104")
    # the same tree one layer deeper is judged: a chain of 2 below its deepest person
    last = people[-1]["id"]
    people += [{"id": "x1", "reports_to": last}, {"id": "x2", "reports_to": "x1"}]
    assert_fires(lint_model({"people": people}, select=["OC104"]), "OC104", entities=["p0"],
                 contains=f"has {depth + 2} layers")


def test_oc104_silent_at_the_bound_counting_vacant_positions():
    # 10 positions need 3 layers (the top and 8 below hold 9), so 4 are allowed
    people = [*DEEP, *reports("b", 3, prefix="t"), {"id": "v", "vacant": True, "reports_to": "a"}]
    assert_silent(lint_model({"people": people}, select=["OC104"]), "OC104")
    assert_fires(lint_model({"people": people[:-1]}, select=["OC104"]), "OC104", entities=["a"],
                 contains="its 9 positions need 2 layers")


def test_oc104_counts_aggregates_and_shows_the_first_deepest_chain():
    people = [*DEEP[:4], {"id": "staff", "reports_to": "a", "fte": 4.5, "x-aggregate": True},
              {"id": "e", "name": "Ed", "reports_to": "d"}, {"id": "f", "name": "Fay", "reports_to": "d"}]
    report = lint_model({"people": people}, select=["OC104"])
    # 6 + 5 = 11 positions need 3 layers, 4 allowed; depth 5; Ed and Fay are deepest, Ed comes first
    assert_fires(report, "OC104", entities=["a"], contains=["has 5 layers: Ann → Bo → Cy → Di → Ed;",
                                                            "its 11 positions need 3 layers"])


def test_oc104_options_target_span_and_slack():
    report = lint_model({"people": DEEP}, select=["OC104"], options={"OC104": {"target_span": 2}})
    assert_silent(report, "OC104")  # 1 + 2 + 4 = 7 >= 6: 3 layers needed, 4 allowed
    report = lint_model({"people": DEEP}, select=["OC104"], options={"OC104": {"slack": 2}})
    assert_silent(report, "OC104")
    report = lint_model({"people": DEEP[:3]}, select=["OC104"], options={"OC104": {"slack": 0}})
    assert_fires(report, "OC104", entities=["a"], contains="at most 2 with 0 layers of slack")


def test_oc104_judges_each_tree_on_its_own():
    people = [*DEEP[:3], *reports("a", 6, prefix="s"),  # 9 positions, 3 layers: fine
              {"id": "t2", "name": "Tom"}, {"id": "u", "reports_to": "t2"}, {"id": "w", "reports_to": "u"},
              {"id": "y", "reports_to": "w"}]
    report = lint_model({"people": people}, select=["OC104"])
    assert_fires(report, "OC104", entities=["t2"], contains="its 4 positions need 2 layers")


def test_oc104_silent_on_a_fragment_whose_manager_is_missing():
    # the same deep shape, below a manager the (partial) export does not hold
    fragment = [dict(DEEP[0], reports_to="gone"), *DEEP[1:]]
    report = lint_model({"people": fragment}, select=["OC003", "OC104"])
    assert_silent(report, "OC104")
    assert_fires(report, "OC003", entities=["a"])


# -- OC105 manager-share-high --------------------------------------------------------------------


def _org(managers: int, headcount: int) -> list[dict]:
    """``managers`` managers (each with one report; the first is the top) and staff up to ``headcount``."""
    people = [{"id": "m1"}]
    for i in range(2, managers + 1):
        people.append({"id": f"m{i}", "reports_to": f"m{i - 1}"})
    people += [{"id": f"s{i}", "reports_to": f"m{managers}"} for i in range(headcount - managers)]
    return people


def test_oc105_fires_above_max_share():
    text = people_doc(_org(4, 20))
    report = lint_model(text, select=["OC105"])
    assert_fires(report, "OC105", entities=[None], lines=[2], severity="info",
                 contains="4 of 20 positions (20%) are managers, more than 15%")
    assert report.findings[0].pointer == "/organization"


@pytest.mark.parametrize("managers, headcount", [(3, 20), (4, 19)])
def test_oc105_silent_at_max_share_or_below_min_headcount(managers, headcount):
    report = lint_model({"people": _org(managers, headcount)}, select=["OC105"])
    assert_silent(report, "OC105")


def test_oc105_options():
    report = lint_model({"people": _org(4, 20)}, select=["OC105"], options={"OC105": {"max_share": 0.2}})
    assert_silent(report, "OC105")
    report = lint_model({"people": _org(3, 10)}, select=["OC105"], options={"OC105": {"min_headcount": 10}})
    assert_fires(report, "OC105", entities=[None], contains="3 of 10 positions (30%)")


def test_oc105_counts_vacant_and_aggregate_positions():
    people = _org(3, 12) + [{"id": "v", "vacant": True, "reports_to": "m3"},
                            {"id": "staff", "reports_to": "m3", "fte": 7, "x-aggregate": True}]
    # 3 managers of 12 + 1 + 7 = 20 positions: exactly 15%, not more
    assert_silent(lint_model({"people": people}, select=["OC105"]), "OC105")


def test_oc105_counts_the_managers_on_a_reporting_loop():
    # 2 managers in the tree and 2 on a loop (each the other's report): 4 of 20 positions
    people = _org(2, 18) + [{"id": "x", "reports_to": "y"}, {"id": "y", "reports_to": "x"}]
    report = lint_model({"people": people}, select=["OC105"])
    assert_fires(report, "OC105", entities=[None], contains="4 of 20 positions (20%) are managers")


# -- subject absent ------------------------------------------------------------------------------


def test_span_rules_silent_without_people_or_managers():
    for people in ([], [{"id": "a"}, {"id": "b"}]):
        report = lint_model({"people": people}, select=FAMILY)
        assert report.findings == []
        assert_silent(report, "OC101")
        assert_silent(report, "OC102")
        assert_silent(report, "OC103")
        assert_silent(report, "OC104")
        assert_silent(report, "OC105")


# -- OC106 vacant-manager ------------------------------------------------------------------------


def test_oc106_fires_on_a_vacant_post_with_reports():
    people = [{"id": "ann", "name": "Ann"}, {"id": "lead", "name": "Team lead", "vacant": True, "reports_to": "ann"},
              *reports("lead", 4), {"id": "top", "vacant": True}, {"id": "x", "reports_to": "top"},
              {"id": "staff", "reports_to": "top", "fte": 3, "x-aggregate": True}]
    text = people_doc(people)
    report = lint_model(text, select=["OC106"])
    assert_fires(report, "OC106", entities=["lead", "top"], severity="info",
                 lines=[id_line(text, "lead"), id_line(text, "top")])
    assert report.findings[0].message == (
        "Team lead (vacant) has 4 direct reports with nobody to steer with: consider letting them steer themselves "
        "as a team, with Ann facilitating, instead of filling the post (record it in reports_to and manager_type); "
        "otherwise fill the post, and let them report to Ann until it is filled")
    assert report.findings[1].message == (
        "vacant position top has 1 direct report, plus 3 staff in 1 grade band below with nobody to steer with: "
        "consider letting them steer themselves as a team, with a facilitator, instead of filling the post (record "
        "it in reports_to and manager_type); otherwise fill the post, and let them report to another manager until "
        "it is filled")


def test_oc106_fires_where_one_report_below_the_vacancy_is_filled():
    people = [{"id": "ann", "name": "Ann"}, {"id": "lead", "name": "Team lead", "vacant": True, "reports_to": "ann"},
              {"id": "v1", "vacant": True, "reports_to": "lead"}, {"id": "bo", "name": "Bo", "reports_to": "lead"}]
    text = people_doc(people)
    assert_fires(lint_model(text, select=["OC106"]), "OC106", entities=["lead"], lines=[id_line(text, "lead")],
                 contains="Team lead (vacant) has 2 direct reports with nobody to steer with")


def test_oc106_silent_on_a_vacant_post_whose_reports_are_all_vacant():
    # a planned team of vacancies: nobody is there to steer with
    people = [{"id": "ann", "name": "Ann"}, {"id": "lead", "name": "Team lead", "vacant": True, "reports_to": "ann"},
              *({"id": f"v{i}", "vacant": True, "reports_to": "lead"} for i in range(3))]
    assert_silent(lint_model({"people": people}, select=["OC106"]), "OC106")
    # Bo below one of the vacancies: the finding is on the vacant post Bo reports to, where the
    # designer acts, and not on the post above it, which has only vacancies below it
    people.append({"id": "bo", "name": "Bo", "reports_to": "v2"})
    text = people_doc(people)
    assert_fires(lint_model(text, select=["OC106"]), "OC106", entities=["v2"], lines=[id_line(text, "v2")])


def test_oc106_near_miss_a_vacancy_without_reports_or_a_filled_manager():
    people = [{"id": "ann", "name": "Ann"}, {"id": "v", "vacant": True, "reports_to": "ann"},
              {"id": "bo", "reports_to": "ann"}, {"id": "cy", "reports_to": "bo"}]
    assert_silent(lint_model({"people": people}, select=["OC106"]), "OC106")


def test_span_messages_on_a_vacant_post_say_it_is_vacant_and_ask_nothing_of_it():
    people = [{"id": "ann", "name": "Ann"}, *reports("ann", 3, prefix="a"),
              {"id": "v", "name": "Head of Care", "vacant": True, "reports_to": "ann"}, {"id": "x", "reports_to": "v"}]
    report = lint_model({"people": people}, select=["OC102"])
    assert_fires(report, "OC102", entities=["v"])
    message = report.findings[0].message
    assert message.startswith("Head of Care (vacant) has 1 direct report, fewer than 3")
    assert "before filling the post" in message and "make Head of Care" not in message

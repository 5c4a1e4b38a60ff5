"""The independent counts on the real-data copies in tests/data/realdata, held here.

These figures come from the csv module, xml.etree and PyYAML alone (organogram_counts.py,
realdata_counts.py), not from orgcheck. They are what the rules are checked against: a
test of a rule on real data asserts against these helpers, for example

    over = set(posts_with_more_than(senior, 10))
    assert {f["entity"] for f in oc101_findings} <= over       # OC101 only on wide posts
    assert len(oc008_findings) <= oc008_bound(senior)          # one finding per fact

so the figures below must stay true of the copied files. Small hand-made files check
each helper's reading rules.
"""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from organogram_counts import (
    count,
    extra_senior_tops,
    named_direct_reports,
    oc008_bound,
    orphan_junior_rows,
    posts_with_more_than,
)
from realdata_counts import (
    bpmn_message_flows,
    bpmn_start_events,
    gitlab_fragment_people,
    gitlab_fragments,
    gitlab_people,
)

REAL = ROOT / "tests" / "data" / "realdata"
UK = REAL / "uk-gov-organograms"
MHRA = "Government-staff-and-salary-data-for-MHRA---September-2013-FINAL-v2"
LONDON = "London-2012-Government-staff-and-salary-data-blank-template---Cleaned"

# stem: (posts, named direct reports in all, posts with more than 10 of them,
#        orphan junior rows, extra senior tops, OC008 bound)
UK_FIGURES = {
    "130930-HMIC-Organogram-Data": (13, 12, [], 0, 0, 0),  # 5 eliminated posts
    # 4 zero-padded managers ("00155792" for "155792") name their posts: 4 more named reports
    "20140214-Army_GTA_Organogram_Sep2013_Final-U": (115, 114, ["1591920", "1591926", "1598314"], 0, 0, 0),
    "300912-government-staff-and-salary-data-QEIICC---Oct-2013": (1, 0, [], 0, 0, 0),
    "300913-OPO-Organogram-Ver1": (2, 0, [], 0, 1, 1),
    "Acas-Sep-13": (6, 4, [], 0, 1, 1),  # the chief executive names herself: a top beside "xx"
    "BIS-Transparency-Return---Sept-2013": (27, 25, ["SO1"], 0, 1, 1),  # 1 eliminated post
    "DFID-staff-and-salary-data-template-Sept-2013a": (89, 85, ["A20"], 0, 3, 3),  # 3 self-named tops
    MHRA: (144, 127, ["P1054"], 892, 16, 17),  # 3 post ids shared by two posts each: both kept
    LONDON: (9, 7, [], 0, 1, 1),  # 42 eliminated posts were 42 extra tops
}


def test_every_uk_copy_has_its_figures():
    assert {p.name[: -len("-senior.csv")] for p in UK.glob("*-senior.csv")} == set(UK_FIGURES)


@pytest.mark.parametrize("stem", sorted(UK_FIGURES))
def test_uk_organogram_figures(stem):
    senior = str(UK / f"{stem}-senior.csv")
    posts, reports, wide, orphans, extra, bound = UK_FIGURES[stem]
    spans = named_direct_reports(senior)
    assert (len(spans), sum(spans.values())) == (posts, reports)
    assert posts_with_more_than(senior, 10) == wide
    assert all(spans[p] > 10 for p in wide)
    assert (orphan_junior_rows(senior), extra_senior_tops(senior), oc008_bound(senior)) == (orphans, extra, bound)


def test_the_widest_army_post_has_48_named_reports_not_its_junior_staff():
    senior = str(UK / "20140214-Army_GTA_Organogram_Sep2013_Final-U-senior.csv")
    assert named_direct_reports(senior)["1598314"] == 48
    # Today's OC008 count (junior rows naming no post counted one by one) is the
    # extra senior tops plus the orphan rows; the bound counts the orphans once.
    mhra = str(UK / f"{MHRA}-senior.csv")
    assert count(mhra)["OC008"] == 908 == extra_senior_tops(mhra) + orphan_junior_rows(mhra)


def write_pair(tmp_path, senior_rows, junior_rows):
    (tmp_path / "x-senior.csv").write_text(
        "Post Unique Reference,Name,Reports to Senior Post\n" + "".join(f"{a},{b},{c}\n" for a, b, c in senior_rows))
    (tmp_path / "x-junior.csv").write_text(
        "Reporting Senior Post,Grade,Number of Posts in FTE\n" + "".join(f"{a},{b},{c}\n" for a, b, c in junior_rows))
    return str(tmp_path / "x-senior.csv")


def test_named_direct_reports_count_posts_not_junior_staff(tmp_path):
    senior = write_pair(tmp_path, [("1", "Ann", "XX"), ("2", "Vacant", "1"), ("3", "N/D", "1"), ("3", "Dup", "1"),
                                   ("4", "Self", "4"), ("5", "Lost", "99")],
                        [("1", "Grade 7", "12.5"), ("1", "AO", "40"), ("2", "EO", "3")])
    # "3" is held by N/D and Dup (a job share: two people, "3" and "3~2"); "4" names itself: a top
    assert named_direct_reports(senior) == {"1": 3, "2": 0, "3": 0, "3~2": 0, "4": 0, "5": 0}
    assert posts_with_more_than(senior, 2) == ["1"] and posts_with_more_than(senior, 3) == []


def test_orphan_rows_and_extra_tops(tmp_path):
    senior = write_pair(tmp_path, [("1", "Ann", "XX"), ("2", "Bo", "xx"), ("3", "Cy", ""), ("4", "Di", "1")],
                        [("XX", "AO", "4"), ("0", "AO", "2"), ("", "EO", "1"), ("1", "EO", "3"),
                         ("XX", "AO", "0"), ("-1", "AO", "5")])
    # "-1" names a post that does not exist (OC003), FTE 0 stands for nobody
    assert orphan_junior_rows(senior) == 3
    assert extra_senior_tops(senior) == 2
    assert oc008_bound(senior) == 3


def test_a_flat_list_has_no_extra_tops(tmp_path):
    senior = write_pair(tmp_path, [("1", "Ann", "XX"), ("2", "Bo", "XX")], [("XX", "AO", "3")])
    assert extra_senior_tops(senior) == 0 and orphan_junior_rows(senior) == 1 and oc008_bound(senior) == 1


BPMN_PROCESSES = {  # model: processes, message flows
    "A.1.0": (1, 0), "A.2.0": (1, 0), "A.2.1": (1, 0), "A.3.0": (1, 0), "A.4.0": (2, 2), "A.4.1": (2, 2),
    "B.1.0": (4, 2), "B.2.0": (4, 2), "C.1.0": (2, 5), "C.1.1": (1, 0), "C.2.0": (4, 5), "C.3.0": (1, 0),
    "C.4.0": (4, 0), "C.5.0": (2, 0), "C.6.0": (1, 0), "C.7.0": (1, 0), "C.8.0": (1, 0), "C.8.1": (1, 0),
    "C.9.0": (1, 0), "C.9.1": (1, 0), "C.9.2": (1, 0)}


@pytest.mark.parametrize("model", sorted(BPMN_PROCESSES))
def test_every_bpmn_process_has_a_start_event(model):
    path = str(REAL / "bpmn-miwg-reference" / f"{model}.bpmn")
    starts = bpmn_start_events(path)
    assert (len(starts), bpmn_message_flows(path)) == BPMN_PROCESSES[model]
    assert all(n >= 1 for n in starts.values())


def test_gitlab_copy_is_one_fragment_of_six():
    folder = str(REAL / "gitlab-team-2022" / "data" / "team_members")
    people = gitlab_people(folder)
    assert len(people) == 6 and people["pcalder"] == "waynehaber"  # waynehaber is not in the copy
    assert gitlab_fragments(folder) == ["pcalder"]
    assert gitlab_fragment_people(folder) == 6


def test_gitlab_fragments_on_a_hand_made_folder(tmp_path):
    for slug, boss in {"ceo": None, "vp": "ceo", "dev": "vp", "lost": "gone", "under": "lost", "loop": "loop"}.items():
        (tmp_path / f"{slug}.yml").write_text(f"name: {slug}\n" + (f"reports_to: {boss}\n" if boss else ""))
    assert gitlab_fragments(str(tmp_path)) == ["lost"]
    assert gitlab_fragment_people(str(tmp_path)) == 2


@pytest.mark.parametrize("stem", [MHRA, LONDON, "300913-OPO-Organogram-Ver1", "BIS-Transparency-Return---Sept-2013",
                                  "130930-HMIC-Organogram-Data"])
def test_the_new_copies_read_cleanly_with_integrity_findings_equal_to_the_csv_count(run, stem):
    senior = str(UK / f"{stem}-senior.csv")
    result = run("lint", "--isolated", "--format", "json", "--select", "OC0", senior)
    assert result.code in (0, 1) and "Traceback" not in result.err
    found = [f["rule"] for f in json.loads(result.out)["findings"]]
    expected = count(senior)
    assert "OC001" not in found
    assert {k: found.count(k) for k in ("OC002", "OC003", "OC004")} == {k: expected[k] for k in ("OC002", "OC003", "OC004")}

"""OC107/OC108 and the grade lines of `stats` against the independent count of
benchmarks/grade_counts.py (the csv module and the organogram reading rules, no
orgcheck code): on the UK copies in tests/data/realdata and on a hand-made organogram
with each convention that makes a naive row-by-row count differ."""
import json
from collections import Counter

import pytest
from conftest import ROOT, benchmark

UK = ROOT / "tests" / "data" / "realdata" / "uk-gov-organograms"
counts = benchmark("grade_counts")


def _orgcheck(run, senior):
    stats = run("stats", "--isolated", "--format", "json", str(senior))
    assert stats.code == 0, stats.err
    lint = run("lint", "--isolated", "--format", "json", "--select", "OC107,OC108", str(senior))
    assert lint.code in (0, 1), lint.err
    found = Counter(f["rule"] for f in json.loads(lint.out)["findings"])
    return json.loads(stats.out)["grade_spans"]["lines"], found


@pytest.mark.parametrize("name", ["DFID-staff-and-salary-data-template-Sept-2013a",
                                  "Government-staff-and-salary-data-for-MHRA---September-2013-FINAL-v2",
                                  "20140214-Army_GTA_Organogram_Sep2013_Final-U"])
def test_orgcheck_counts_the_lines_the_csv_count_counts(run, name):
    senior = UK / f"{name}-senior.csv"
    expected = counts.by_posts(str(senior))
    lines, found = _orgcheck(run, senior)
    assert {k: lines[k] for k in ("inverted", "same", "in_order", "not_compared")} == {
        k: expected[k] for k in ("inverted", "same", "in_order", "not_compared")}
    assert sum(lines.values()) == expected["lines"]
    # OC107: one finding per inverted line; OC108: one per manager with a same-grade report
    assert found["OC107"] == expected["inverted"]
    assert found["OC108"] == expected["same_managers"]


HEADER = "Post Unique Reference,Name,Grade (or equivalent),Reports to Senior Post\n"


def test_job_shares_eliminated_posts_and_zero_padded_ids(run, tmp_path):
    rows = [("100", "Perm Sec", "SCS4", "XX"),
            ("200", "Ann", "SCS2", "0100"),  # a zero-padded id names post 100
            ("200", "Bea", "SCS2", "100"),  # a job share: post 200 is held by two people
            ("300", "Eliminated", "SCS2", "100"),
            ("400", "Cy", "SCS2", "300"),  # below an eliminated post: reports to post 100 now
            ("500", "Di", "SCS2", "200"),  # the same grade as the job share it reports to
            ("600", "Ed", "SCS3", "200")]  # graded above it
    senior = tmp_path / "x-senior.csv"
    senior.write_text(HEADER + "".join(",".join(r) + "\n" for r in rows))
    posts, by_rows = counts.by_posts(str(senior)), counts.by_rows(str(senior))
    # as read: 100 <- 200, 200~2, 400; 200 <- 500, 600: five lines, one of them inverted
    assert (posts["lines"], posts["inverted"], posts["same"], posts["in_order"]) == (5, 1, 1, 3)
    # row by row: the line to "0100" is lost, and 400's to the eliminated 300 too
    assert (by_rows["lines"], by_rows["inverted"], by_rows["same"]) == (3, 1, 1)
    lines, found = _orgcheck(run, senior)
    assert lines == {"inverted": 1, "same": 1, "in_order": 3, "not_compared": 0}
    assert (found["OC107"], found["OC108"]) == (1, 1)

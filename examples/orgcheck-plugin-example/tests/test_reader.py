"""The care-teams reader: findings point at the roster's lines, a team's size is judged
on its full member list, and what the roster cannot say is not assessed."""
from orgcheck.testing import assert_fires, assert_silent

ROSTER = """\
organization: Care North
people:
  - {id: ann, name: Ann}
  - {id: bo, name: Bo}
  - {id: cy, name: Cy}
  - {id: di, name: Di}
regions:
  - name: North
    teams:
      - name: Care North 1
        coordinators: [ann, bo]
        members: [ann, bo, {id: cy, role: planner}]
        former: [di]
      - name: Care North 2
        coordinators: [di]
        members: [ed]
"""


def test_findings_point_at_the_roster(lint_model):
    report = lint_model(ROSTER, path="care-teams.yaml", select=["OC003", "OC502"])
    assert_fires(report, "OC003", lines=[16], contains="members 'ed' names nothing")
    assert_fires(report, "OC502", entities=["Care North 2"], lines=[14])


def test_a_full_team_is_not_too_small(lint_model):
    report = lint_model(ROSTER.replace("      - name: Care North 2\n        coordinators: [di]\n"
                                       "        members: [ed]\n", ""), path="care-teams.yaml", select=["OC502"])
    assert_silent(report, "OC502")
    assert report.not_assessed == {}

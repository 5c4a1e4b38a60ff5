"""OC507-OC508: matrix lines (plugins/matrix.py)."""
from __future__ import annotations

import json

from orgcheck.testing import assert_fires, assert_silent, line_of, lint_model

FAMILY = ["OC507", "OC508"]


def doc(people: list[str], units: list[str] = ()) -> str:
    """One unit and one person per line."""
    lines = ["{", '  "organization": {"id": "acme", "name": "Acme"},']
    if units:
        lines += ['  "units": ['] + [f"    {u}," for u in units[:-1]] + [f"    {units[-1]}", "  ],"]
    lines += ['  "people": ['] + [f"    {p}," for p in people[:-1]] + [f"    {people[-1]}", "  ]", "}", ""]
    return "\n".join(lines)


BOSSES = [
    '{"id": "dm", "name": "Diane Mercer"}',
    '{"id": "sl", "name": "Stuart Lawson", "reports_to": "dm"}',
    '{"id": "hc", "name": "Helen Crawford", "reports_to": "dm"}',
    '{"id": "ro", "name": "Rachel Osei", "reports_to": "dm"}',
]


def assistant(dotted: str) -> str:
    return (f'{{"id": "lc", "name": "Linda Carver", "title": "Assistant", "reports_to": "dm", '
            f'"dotted_to": [{dotted}]}}')


# -- OC507 matrix-overload: dotted lines per person ----------------------------------------------------


def test_oc507_fires_on_a_person_with_three_dotted_lines():
    text = doc([*BOSSES, assistant('"sl", "hc", "ro"')])
    report = lint_model(text, select=["OC507"])
    assert_fires(report, "OC507", entities=["lc"], lines=[line_of(text, '"id": "lc"')],
                 contains=["Linda Carver (Assistant) has 3 dotted lines (to Stuart Lawson, Helen Crawford and "
                           "Rachel Osei) besides a solid line, more than 2: Diane Mercer and 3 other people set "
                           "priorities for this work"])


def test_oc507_counts_dotted_lines_of_someone_without_a_manager():
    text = doc([*BOSSES, '{"id": "ext", "name": "Eve", "dotted_to": ["sl", "hc", "ro"]}'])
    report = lint_model(text, select=["OC507"])
    assert_fires(report, "OC507", entities=["ext"], lines=[line_of(text, '"id": "ext"')],
                 contains="Eve has 3 dotted lines (to Stuart Lawson, Helen Crawford and Rachel Osei), more than 2: "
                          "3 other people set priorities")


def test_oc507_near_miss_two_distinct_dotted_lines():
    # a repeat and a line to oneself are not extra lines
    text = doc([*BOSSES, assistant('"sl", "hc", "sl", "lc"')])
    assert_silent(lint_model(text, select=["OC507"]), "OC507")


def test_oc507_max_dotted_is_an_option():
    text = doc([*BOSSES, assistant('"sl", "hc", "ro"')])
    assert_silent(lint_model(text, select=["OC507"], options={"OC507": {"max_dotted": 3}}), "OC507")


# -- OC507 matrix-overload: direct plus dotted reports against OC101's bound ------------------------------


def team(direct: int, dotted: int, manager_type: str = "supervisor") -> str:
    kind = f', "manager_type": "{manager_type}"' if manager_type else ""
    people = [f'{{"id": "boss", "name": "Mia Jansen"{kind}}}', '{"id": "other", "name": "Otto"}']
    people += [f'{{"id": "d{i}", "name": "Direct {i}", "reports_to": "boss"}}' for i in range(direct)]
    people += [f'{{"id": "x{i}", "name": "Dotted {i}", "reports_to": "other", "dotted_to": ["boss"]}}'
               for i in range(dotted)]
    return doc(people)


def test_oc507_fires_when_dotted_reports_push_a_supervisor_over_ten():
    text = team(8, 3)
    report = lint_model(text, select=["OC101", "OC507"])
    assert_silent(report, "OC101")
    assert_fires(report, "OC507", entities=["boss"], lines=[line_of(text, '"id": "boss"')],
                 contains="Mia Jansen has 8 direct reports and 3 dotted reports (Dotted 0, Dotted 1 and Dotted 2), "
                          "11 in all, more than the 10 a supervisor manages")


def test_oc507_uses_oc101s_bound_for_a_manager_without_type():
    report = lint_model(team(9, 2, manager_type=""), select=["OC507"])
    assert_fires(report, "OC507", entities=["boss"], contains="more than the 10 a manager without manager_type manages")


def test_oc507_near_miss_at_the_bound_or_over_it_with_direct_reports_alone():
    assert_silent(lint_model(team(8, 2), select=["OC507"]), "OC507")  # 10: at the bound
    over = lint_model(team(11, 1), select=["OC101", "OC507"])  # OC101's finding, not OC507's
    assert_fires(over, "OC101", entities=["boss"])
    assert_silent(over, "OC507")
    assert_silent(lint_model(team(8, 5, "coordinator"), select=["OC507"]), "OC507")  # no bound


def test_oc507_bounds_can_be_set_per_type_over_oc101s():
    report = lint_model(team(8, 3), select=["OC507"], options={"OC507": {"max_by_type": {"supervisor": 12}}})
    assert_silent(report, "OC507")
    report = lint_model(team(4, 3, "player-coach"), select=["OC507"],
                        options={"OC507": {"max_by_type": {"supervisor": 12}}})
    assert_fires(report, "OC507", entities=["boss"], contains="more than the 5 a player-coach manages")


def test_oc507_uses_oc101s_bound_as_configured(run, tmp_path):
    """OC101 set to 3 in orgcheck.toml: 3 direct reports are within it, 2 dotted ones more
    are over it, and that is OC507's finding (OC101's declared 10 would have hidden it)."""
    (tmp_path / "org.json").write_text(team(3, 2, manager_type=""))
    (tmp_path / "orgcheck.toml").write_text("[rules.span-too-wide]\nmax = 3\n")
    result = run("lint", "--format", "json", "org.json")
    assert result.code == 1, result.err
    found = [(f["rule"], f["entity"], f["message"]) for f in json.loads(result.out)["findings"]
             if f["rule"] in ("OC101", "OC507")]
    assert found == [("OC507", "boss", "Mia Jansen has 3 direct reports and 2 dotted reports (Dotted 0 and Dotted 1), "
                      "5 in all, more than the 3 a manager without manager_type manages: a dotted report asks for "
                      "attention as a direct one does; reduce the dotted lines to Mia Jansen or split the span")]
    (tmp_path / "orgcheck.toml").write_text("[rules.span-too-wide]\nmax = 5\n")  # the near miss: 5 is within
    result = run("lint", "--format", "json", "org.json")
    assert not [f for f in json.loads(result.out)["findings"] if f["rule"] in ("OC101", "OC507")]


# -- OC508 line-crosses-units --------------------------------------------------------------------------


UNITS = [
    '{"id": "motor", "name": "Motor Claims", "lead": "lawson"}',
    '{"id": "assess", "name": "Motor Assessment", "type": "team", "parent": "motor", "lead": "ash"}',
    '{"id": "fast", "name": "Fast-Track", "type": "team", "parent": "motor"}',
    '{"id": "sub", "name": "Fast-Track Night Shift", "type": "team", "parent": "fast"}',
    '{"id": "board", "name": "Board"}',
]
STAFF = [
    '{"id": "lawson", "name": "Stuart Lawson", "unit": "board"}',
    '{"id": "ash", "name": "Neil Ashworth", "title": "Team Leader", "reports_to": "lawson", "unit": "assess"}',
]


def test_oc508_fires_once_for_a_team_reporting_to_a_sibling_teams_leader():
    people = [*STAFF] + [f'{{"id": "f{i}", "name": "Handler {i}", "reports_to": "ash", "unit": "fast"}}'
                         for i in range(3)]
    text = doc(people, UNITS)
    report = lint_model(text, select=["OC508"])
    assert_fires(report, "OC508", entities=["f0"], lines=[line_of(text, '"id": "f0"')], severity="info",
                 contains="Handler 0 and 2 other members of team 'Fast-Track' (Handler 1 and Handler 2) report to "
                          "Neil Ashworth (Team Leader), who sits in Motor Assessment, outside the team and its "
                          "parent units, and does not lead it")


def test_oc508_fires_for_one_person_too():
    text = doc([*STAFF, '{"id": "f0", "name": "Hannah Brooks", "reports_to": "ash", "unit": "fast"}'], UNITS)
    report = lint_model(text, select=["OC508"])
    assert_fires(report, "OC508", entities=["f0"], lines=[line_of(text, '"id": "f0"')],
                 contains="Hannah Brooks, a member of team 'Fast-Track', reports to Neil Ashworth")


def test_oc508_near_miss_where_the_units_meet_in_a_unit_without_a_recorded_lead():
    # an organogram's shape: the chief inspector sits in an office unit beside the regions they head,
    # and the export names no leads; the same line under a unit that records another lead is a finding
    units = ['{"id": "hmic", "name": "HM Inspectorate"}',
             '{"id": "office", "name": "Chief Inspector", "parent": "hmic"}',
             '{"id": "north", "name": "Northern Region", "parent": "hmic"}']
    people = ['{"id": "tom", "name": "Tom Winsor", "unit": "office"}',
              '{"id": "roger", "name": "Roger Baker", "reports_to": "tom", "unit": "north"}',
              '{"id": "ann", "name": "Ann", "unit": "hmic"}']
    assert_silent(lint_model(doc(people, units), select=["OC508"]), "OC508")
    led = [units[0].replace('}', ', "lead": "ann"}'), *units[1:]]
    text = doc(people, led)
    assert_fires(lint_model(text, select=["OC508"]), "OC508", entities=["roger"],
                 lines=[line_of(text, '"id": "roger"')], contains="who sits in Chief Inspector, outside the unit")


def test_oc508_near_miss_lines_within_the_unit_its_parents_or_from_their_lead():
    people = [
        *STAFF,
        # the manager is the lead of the parent unit, sitting elsewhere (the Board)
        '{"id": "a1", "name": "Ann", "reports_to": "lawson", "unit": "fast"}',
        # the manager sits in the person's own unit, and in a parent unit
        '{"id": "a2", "name": "Bo", "reports_to": "a1", "unit": "fast"}',
        '{"id": "a3", "name": "Cy", "reports_to": "a1", "unit": "sub"}',
        # the manager sits in a sub-unit of the person's unit
        '{"id": "a4", "name": "Di", "reports_to": "a3", "unit": "fast"}',
        # no unit: the data does not say where they sit
        '{"id": "a5", "name": "Ed", "reports_to": "ash"}',
        '{"id": "a6", "name": "Flo"}',
        '{"id": "a7", "name": "Gus", "reports_to": "a6", "unit": "fast"}',
    ]
    report = lint_model(doc(people, UNITS), select=FAMILY)
    assert_silent(report, "OC508")
    assert_silent(report, "OC507")

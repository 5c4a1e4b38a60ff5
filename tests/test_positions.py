"""Each finding at its own place, whatever the line endings or repetitions."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from orgcheck.io.pointers import ancestors

REPEATED_JSON = ('{"schema_version": 1, "organization": {"id": "o", "name": "O"},\n'
                 '"people": [],\n"people": [],\n  "people": []}\n')
REPEATED_YAML = "schema_version: 1\norganization: {id: o, name: O}\npeople: []\npeople: []\n  \npeople: []\n"


@pytest.mark.parametrize("name, text, places, says", [
    ("org.json", REPEATED_JSON, ["3:1", "4:3"], "JSON readers disagree on which one wins"),
    ("org.yaml", REPEATED_YAML, ["4:1", "6:1"], "YAML does not allow it"),
])
def test_a_key_repeated_three_times_is_two_findings_each_at_its_repeat(run, tmp_path, name, text, places, says):
    (tmp_path / name).write_text(text)
    result = run("lint", "--select", "OC001", name)
    assert result.out.splitlines()[:-1] == [
        f"{name}:{p}: OC001 schema-violation [error] key 'people' is repeated in this "
        f"{'object' if name.endswith('json') else 'mapping'}; {says}" for p in places]


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_a_csv_cell_has_its_column_whatever_the_line_endings(run, tmp_path, newline):
    rows = ["id,name,reports_to,fte", "ann,Ann,,1", "bob,Bob,ann,abc", "cy,Cy,zed,1"]
    (tmp_path / "people.csv").write_bytes(newline.join(rows).encode() + newline.encode())
    result = run("lint", "people.csv")
    assert "people.csv:3:13: OC001 schema-violation [error] FTE 'abc' is not a number" in result.out
    rows[2] = "bob,Bob,ann,1"
    (tmp_path / "people.csv").write_bytes(newline.join(rows).encode() + newline.encode())
    result = run("lint", "--select", "OC003", "people.csv")
    assert result.out.startswith("people.csv:4:7: OC003 unknown-reference [error] person 'Cy': reports_to 'zed'")


def test_a_line_break_inside_a_quoted_csv_cell_counts_as_one(run, tmp_path):
    text = 'id,name,reports_to,fte\r\nann,"Ann\rde Vries",,1\r\nbob,"Bob\r\nSmit",ann,abc\r\n'
    (tmp_path / "people.csv").write_bytes(text.encode())
    result = run("lint", "people.csv")
    assert "people.csv:5:11: OC001 schema-violation [error] FTE 'abc' is not a number" in result.out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["people", "0", "12", "", "~1x", "a/b"]), max_size=5), max_size=8))
def test_a_pointers_ancestors_are_its_every_proper_prefix_at_a_slash(paths):
    """The places a finding falls back to when its own pointer is not in the text: every
    proper prefix ending before a slash, the root "" included."""
    pointers = ["".join("/" + token for token in path) for path in paths]
    expected = {p[:i] for p in pointers for i, ch in enumerate(p) if ch == "/"}
    assert ancestors(pointers) == expected


_GAPS = st.sampled_from(["", " ", "\n", "\n    ", "\r\n  ", "\t"])
_ITEMS = st.one_of(st.integers(-5, 5), st.text("ab\"", max_size=3), st.just({"id": "x"}), st.just([1, [2]]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ITEMS, _GAPS, _GAPS), max_size=6), _GAPS,
       st.sampled_from(["", ",", ",,", "x"]))
def test_a_top_level_array_reads_as_json_reads_it_and_places_each_element(elements, inner, ending):
    """The parse learns the text between two elements of a top-level array and skips it
    whole (a million people): whatever the whitespace, mixed or missing commas and a
    trailing comma, the data is json.loads', a text json.loads refuses is refused, and
    each element is placed where it starts."""
    import json

    from orgcheck.io.json_document import load_json
    from orgcheck.io.json_locator import JsonLocator

    parts, starts = ['{"people": [', inner], []
    for n, (item, before, after) in enumerate(elements):
        if n:
            parts += [before, ",", after]
        starts.append(sum(map(len, parts)))
        parts.append(json.dumps(item))
    parts += [inner, ending if elements else "", "]}"]
    text = "".join(parts)
    try:
        expected = json.loads(text)
    except ValueError:
        expected = None
    document = load_json("org.json", text.encode())
    if expected is None:
        assert document.data is None and document.parse_error is not None
        return
    assert document.data == expected and document.parse_error is None
    assert set(document.locator.spans) == {"/people"}  # read in one pass, not again by json.loads
    pointers = {f"/people/{n}" for n in range(len(elements))}
    found = document.locator.locate(pointers)
    walked = JsonLocator(text).locate(pointers)  # no spans: the walk finds them itself
    lines = text.split("\n")
    for n, at in enumerate(starts):
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        assert found[f"/people/{n}"] == walked[f"/people/{n}"] == ((line, column), (line, column)), lines


_LEAF = st.one_of(st.integers(0, 9), st.text("ab/~", max_size=3))
_VALUE = st.recursive(_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.sampled_from(["a", "s", "a/b", "~"]), inner,
                                                                     max_size=4)),
                      max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["people", "processes", "name"]),
                      st.lists(st.dictionaries(st.sampled_from(["a", "s", "a/b", "~"]), _VALUE), max_size=4),
                      min_size=1),
       st.lists(st.tuples(st.sampled_from(["people", "processes", "x"]), st.sampled_from(["0", "1", "2", "01"]),
                          st.lists(st.sampled_from(["0", "1", "a", "s", "a~1b", "~0", "x"]), max_size=3)),
                max_size=12))
@example({"processes": [{"s": 5, "a": [1, [2], {"s": 3}, 4]}]},
         [("processes", "0", ["a", "1"]), ("processes", "0", ["a", "2", "s"]), ("processes", "0", ["s"])])
def test_a_walk_that_stops_at_its_last_place_finds_what_a_whole_walk_finds(data, paths):
    """With no key repeated, the walk through an element stops at the last place it wants
    there (a process's other steps and its flows are not read): every place is the one a
    walk of the whole text finds, whichever pointers are asked for, existing or not."""
    import json

    from orgcheck.io.json_document import load_json
    from orgcheck.io.pointers import ancestors

    text = json.dumps(data, indent=1)
    document = load_json("org.json", text.encode())
    assert document.locator.unique_keys
    pointers = {"".join("/" + token for token in (section, index, *rest)) for section, index, rest in paths}
    every = ancestors(pointers)
    whole = type(document.locator)(text, document.locator.spans)  # unique_keys off: reads everything
    assert document.locator.locate(pointers | every) == whole.locate(pointers | every)

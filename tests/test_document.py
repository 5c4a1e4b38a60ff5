"""Reading JSON with positions: every pointer maps to the line and column it starts at."""
from orgcheck.io.json_document import load_json

TEXT = """{
  "people": [
    {"id": "a", "name": "A"},
    {"id": "b", "report_to": "a", "x-tags": {"deep": [1, 22]}}
  ],
  "a/b~c": 1,
  "k": 1, "k": 2
}"""


def test_positions_of_values_and_keys():
    doc = load_json("org.json", TEXT.encode())
    assert doc.position("") == (1, 1)
    assert doc.position("/people") == (2, 13)
    assert doc.position("/people", key=True) == (2, 3)
    assert doc.position("/people/1") == (4, 5)
    assert doc.position("/people/1/report_to", key=True) == (4, 17)
    assert doc.position("/people/1/report_to") == (4, 30)
    assert doc.position("/people/1/x-tags/deep/1") == (4, 58)
    assert doc.position("/a~1b~0c", key=True) == (6, 3)


def test_missing_pointer_falls_back_to_nearest_ancestor():
    doc = load_json("org.json", TEXT.encode())
    assert doc.position("/people/1/name") == doc.position("/people/1")


REPEATED = "key {!r} is repeated in this object; JSON readers disagree on which one wins"


def test_repeated_key_is_a_problem_at_the_repeat():
    doc = load_json("org.json", TEXT.encode())
    assert [(e.message, e.line, e.column) for e in doc.located_problems] == [(REPEATED.format("k"), 7, 11)]


def test_a_key_repeated_three_times_has_each_repeat_at_its_own_place():
    text = '{"people": [{"id": "a",\n "id": "b", "name": "x",\n  "id" : "c"}],\n"k": 1, "k": 2}'
    doc = load_json("org.json", text.encode())
    assert [(e.message, e.line, e.column) for e in doc.located_problems] == [
        (REPEATED.format("id"), 2, 2), (REPEATED.format("id"), 3, 3), (REPEATED.format("k"), 4, 9)]


def test_columns_count_characters_not_bytes():
    doc = load_json("org.json", '{"name": "Zoë", "id": "x"}'.encode())
    assert doc.position("/id") == (1, 23)


def test_utf8_bom_is_accepted():
    doc = load_json("org.json", b'\xef\xbb\xbf{"a": 1}')
    assert doc.parse_error is None and doc.data == {"a": 1}


def test_parse_errors_have_positions():
    # A trailing comma is reported at the comma (as Python 3.13's decoder does).
    error = load_json("f", b'{\n  "a": 1,\n}').parse_error
    assert (error.line, error.column) == (2, 9) and "trailing comma" in error.message
    error = load_json("f", b'{"a": NaN}').parse_error
    assert (error.line, error.column) == (1, 7) and "NaN" in error.message
    assert "empty" in load_json("f", b"  \n").parse_error.message
    error = load_json("f", b'{"a": "\xff"}').parse_error
    assert (error.line, error.column) == (1, 8) and "UTF-8" in error.message


def test_positions_are_not_computed_for_a_clean_file():
    doc = load_json("org.json", TEXT.encode())
    assert doc._cache == {}

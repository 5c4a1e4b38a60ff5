"""Hostile and broken input through the real command: never a traceback, never a hang.

A broken file is an OC001 finding at a place (exit 1); a path that cannot be linted
is one `orgcheck: error:` line (exit 2), and the other files are still linted. Every
run has a short timeout, so a hang fails the test instead of blocking CI.
"""
from __future__ import annotations

import json
import os
import re

import pytest
from conftest import benchmark

TIMEOUT = 60

MODEL = """{
  "organization": {"id": "acme", "name": "Acme"},
  "people": [
    {"id": "ann", "name": "Ann", "title": "Director"},
    {"id": "bo", "name": "Bo", "reports_to": "ann"},
    {"id": "cy", "name": "Cy", "reports_to": "ann"},
    {"id": "di", "name": "Di", "reports_to": "ann"}
  ]
}
"""

OC001 = "OC001 schema-violation [error]"


stress = benchmark("stress")  # the shapes the benchmark times


def at(text: str, needle: str, occurrence: int = 1) -> str:
    """``line:column`` where ``needle`` starts in ``text`` (its n-th occurrence)."""
    i = -1
    for _ in range(occurrence):
        i = text.index(needle, i + 1)
    return f"{text.count(chr(10), 0, i) + 1}:{i - text.rfind(chr(10), 0, i)}"


def lint_bytes(run, tmp_path, data: bytes, *args: str, name: str = "org.json"):
    (tmp_path / name).write_bytes(data)
    result = run("lint", *args, name, timeout=TIMEOUT)
    assert "Traceback" not in result.err
    return result


def one_finding(result) -> str:
    """The single finding line of a text report (and that it is the only one)."""
    assert result.code == 1, result.err
    assert result.err == ""
    lines = result.out.splitlines()
    # after a schema error the summary adds how many rules did not run
    assert re.fullmatch(r"1 finding \(1 error\) in 1 file(; fix the schema errors first: \d+ rules? did not run)?",
                        lines[-1]), result.out
    return lines[0]


# -- files that are not JSON models ----------------------------------------------

@pytest.mark.parametrize("data, expected", [
    (b"", "org.json:1:1: " + OC001 + " invalid JSON: file is empty: an org model is a JSON object"),
    (b"  \n\t\n\n", "org.json:1:1: " + OC001 + " invalid JSON: file is empty: an org model is a JSON object"),
    (b"[1, 2]", "org.json:1:1: " + OC001 + " an org model is a JSON object, not an array"),
    (b"42", "org.json:1:1: " + OC001 + " an org model is a JSON object, not a number"),
    (b'"org"', "org.json:1:1: " + OC001 + " an org model is a JSON object, not a string"),
    (b"null", "org.json:1:1: " + OC001 + " an org model is a JSON object, not null"),
    # a wrong type is reported where the value starts (the whole document, here)
    (b"\n  true", "org.json:2:3: " + OC001 + " an org model is a JSON object, not a boolean"),
])
def test_empty_and_non_object_documents(run, tmp_path, data, expected):
    assert one_finding(lint_bytes(run, tmp_path, data)) == expected


@pytest.mark.parametrize("text, expected", [
    ('{"people": [1, 2,\n ]}', "1:17: " + OC001 + " invalid JSON: trailing comma before ] (JSON allows none)"),
    ('{"a": 1,\n  "b": 2,\n}', "2:9: " + OC001 + " invalid JSON: trailing comma before } (JSON allows none)"),
    ('// the org\n{"a": 1}', "1:1: " + OC001 + ' invalid JSON: comments are not allowed in JSON '
                                              '(move the note into an "x-" key)'),
    ('{"a": 1, /* why */ "b": 2}', "1:10: " + OC001 + ' invalid JSON: comments are not allowed in JSON '
                                                      '(move the note into an "x-" key)'),
    ('{\n  # note\n  "a": 1}', "2:3: " + OC001 + ' invalid JSON: comments are not allowed in JSON '
                                               '(move the note into an "x-" key)'),
    ("{'a': 1}", "1:2: " + OC001 + " invalid JSON: Expecting property name enclosed in double quotes"),
    ('{"a": 1}\n{"b": 2}', "2:1: " + OC001 + " invalid JSON: Extra data"),
    ('{"name": "Ann\tde Vries"}', "1:14: " + OC001 + " invalid JSON: control character U+0009 inside a "
                                                     "string (write it as \\u0009, or \\n for a line break)"),
])
def test_json_syntax_errors_are_findings_at_their_place(run, tmp_path, text, expected):
    assert one_finding(lint_bytes(run, tmp_path, text.encode())) == "org.json:" + expected


@pytest.mark.parametrize("literal, shown", [
    ("NaN", "invalid JSON: NaN is not a JSON number (use null or a string)"),
    ("Infinity", "invalid JSON: Infinity is not a JSON number (use null or a string)"),
    ("-Infinity", "invalid JSON: -Infinity is not a JSON number (use null or a string)"),
    ("1e999", "number 1e999 is too large for a 64-bit float: JSON readers disagree on its value "
              "(use a smaller number, or a string)"),
    ("-2.5E+400", "number -2.5E+400 is too large for a 64-bit float: JSON readers disagree on its value "
                  "(use a smaller number, or a string)"),
    ("9" * 400, "number 999999999999… (400 digits) is too large for a 64-bit float: JSON readers "
                "disagree on its value (use a smaller number, or a string)"),
    # Past 4,300 digits Python itself refuses the integer (a ValueError without a place).
    ("1" * 5000, "number 111111111111… (5000 digits) is too large for a 64-bit float: JSON readers "
                 "disagree on its value (use a smaller number, or a string)"),
], ids=["nan", "infinity", "-infinity", "1e999", "-2.5e400", "400-digits", "5000-digits"])
def test_numbers_json_readers_disagree_on(run, tmp_path, literal, shown):
    text = MODEL.replace('"title": "Director"', f'"title": "Director", "fte": {literal}')
    assert one_finding(lint_bytes(run, tmp_path, text.encode())) == f"org.json:{at(text, literal)}: {OC001} {shown}"


def test_a_large_but_finite_number_is_just_a_number(run, tmp_path):
    text = MODEL.replace('"title": "Director"', '"title": "Director", "x-budget": 1e308')
    result = lint_bytes(run, tmp_path, text.encode(), "--select", "OC001")
    assert (result.code, result.out) == (0, "No findings in 1 file\n")


def test_an_fte_no_position_can_have_is_a_finding_and_sums_stay_finite(run, tmp_path):
    """Two people of fte 1e308 made the total FTE infinite: stats and report crashed,
    stats --format json printed Infinity. An fte is at most 100,000 (an aggregate
    position stands for many people), so totals of any model stay finite."""
    text = MODEL.replace('"title": "Director"', '"title": "Director", "fte": 1e308')
    result = lint_bytes(run, tmp_path, text.encode(), "--select", "OC001")
    assert result.code == 1 and "1e+308 is greater than the maximum of 100000" in result.out
    for args in (["stats", "--format", "json"], ["report", "-o", "r.html"]):
        result = run(*args, "org.json")
        assert result.code == 2 and "Infinity" not in result.out and "Traceback" not in result.err
        assert result.err.startswith("orgcheck: error: org.json:") and result.err.count("\n") == 1


def test_a_number_in_a_string_is_not_mistaken_for_the_bad_one(run, tmp_path):
    text = MODEL.replace('"title": "Director"', '"title": "1e999", "fte": 1e999')
    assert one_finding(lint_bytes(run, tmp_path, text.encode())).startswith(
        f"org.json:{at(text, '1e999', 2)}: {OC001} number 1e999")


def test_duplicate_keys_are_a_finding_at_the_repeated_key(run, tmp_path):
    text = MODEL.replace('"title": "Director"', '"title": "Director", "title": "CEO"')
    where = at(text, '"title"', 2)
    assert one_finding(lint_bytes(run, tmp_path, text.encode())) == (
        f"org.json:{where}: {OC001} key 'title' is repeated in this object; "
        "JSON readers disagree on which one wins")


# -- encodings and binary files --------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with its byte order mark, as Windows tools write it
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    lambda t: t.encode("utf-16-le"),  # no BOM: told apart by its zero bytes (RFC 4627)
    lambda t: t.encode("utf-32"),
], ids=["utf-8-bom", "utf-16", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32"])
def test_unicode_encodings_read_as_the_same_model(run, tmp_path, encode):
    # Ann has two reports, too few: the finding names her, so the name must survive decoding.
    text = MODEL.replace('"Ann"', '"Zoë Ångström"')
    text = text.replace(',\n    {"id": "di", "name": "Di", "reports_to": "ann"}', "")
    (tmp_path / "plain.org.json").write_text(text, encoding="utf-8")
    expected = run("lint", "--format", "json", "plain.org.json").out.replace("plain.org.json", "org.json")
    result = lint_bytes(run, tmp_path, encode(text), "--format", "json")
    assert result.out == expected
    assert "Zoë Ångström" in result.out


@pytest.mark.parametrize("data, expected", [
    (MODEL.replace('"Bo"', '"B\udcffo"').encode("utf-8", "surrogateescape"),
     "org.json:5:28: " + OC001 + " file is not valid UTF-8: byte 0xff cannot be decoded"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
     "org.json:1:1: " + OC001 + " file is not valid UTF-8: byte 0x89 cannot be decoded"),
    (bytes(range(128)) * 8, "org.json:1:1: " + OC001 + " invalid JSON: Expecting value"),
    (b"\x00" * 64, "org.json:1:1: " + OC001 + " invalid JSON: Expecting value"),
    (b"\x1f\x8b\x08\x00compressed", "org.json:1:2: " + OC001 + " file is not valid UTF-8: byte 0x8b cannot be decoded"),
])
def test_binary_and_badly_encoded_files(run, tmp_path, data, expected):
    assert one_finding(lint_bytes(run, tmp_path, data)) == expected


# -- deep and large structures ---------------------------------------------------

def test_nesting_100000_deep_is_a_finding_at_the_innermost_bracket(run, tmp_path):
    data = b"[" * 100_000 + b"]" * 100_000
    assert one_finding(lint_bytes(run, tmp_path, data)) == (
        "org.json:1:100000: " + OC001 + " invalid JSON: arrays and objects nested 100000 levels deep, "
        "too deep to read")


def test_deep_nesting_inside_a_model_points_into_it(run, tmp_path):
    deep = '{"a": ' * 50_000 + "1" + "}" * 50_000
    text = MODEL.replace('"title": "Director"', f'"title": "Director",\n "x-deep": {deep}')
    line = one_finding(lint_bytes(run, tmp_path, text.encode()))
    assert line == ("org.json:5:" + str(12 + 6 * 49_999) + ": " + OC001
                    + " invalid JSON: arrays and objects nested 50003 levels deep, too deep to read")


def test_nesting_a_reader_can_take_is_checked_as_usual(run, tmp_path):
    """800 levels parse; nothing after the reader (schema, positions, rules) recurses on them."""
    deep = "[" * 800 + "]" * 800
    text = MODEL.replace('"title": "Director"', f'"title": "Director", "x-deep": {deep}, "unknown": {deep}')
    where = at(text, '"unknown"')
    assert one_finding(lint_bytes(run, tmp_path, text.encode())) == (
        f"org.json:{where}: {OC001} unknown key 'unknown' in person (keys of your own start with 'x-')")


def _findings(result) -> list[dict]:
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    return json.loads(result.out)["findings"]


def test_a_reporting_chain_deeper_than_the_recursion_limit(run, tmp_path):
    """3,000 deep is three times Python's recursion limit: enough to prove that no layer,
    superior or subtree walk recurses (benchmarks/stress.py times 30,000)."""
    (tmp_path / "org.json").write_text(json.dumps(stress.reporting_chain(3_000)))
    findings = _findings(run("lint", "--format", "json", "org.json", timeout=TIMEOUT))
    layers = [f for f in findings if f["rule"] == "OC104"]
    assert len(layers) == 1 and layers[0]["entity"] == "p0"
    assert "has 3000 layers" in layers[0]["message"]
    # The chain is named by its ends, not all 3,000 links.
    assert "Person 0 → Person 1 → Person 2 → Person 3 → Person 4 → … 2990 more … → Person 2995" in layers[0]["message"]
    assert sum(f["rule"] == "OC103" for f in findings) == 2_998
    assert max(len(f["message"]) for f in findings) < 1_000


def test_a_reporting_cycle_of_thousands(run, tmp_path):
    """A loop of 3,000 people and units, with a process and an interaction across it:
    walking the loop once per person would be 9 million steps (900 million at 30,000)."""
    (tmp_path / "org.json").write_text(json.dumps(stress.reporting_cycle(3_000)))
    findings = _findings(run("lint", "--format", "json", "org.json", timeout=TIMEOUT))
    errors = [(f["rule"], f["entity"]) for f in findings if f["severity"] == "error"]
    assert errors == [("OC004", "p0"), ("OC005", "u0")]
    cycle = next(f["message"] for f in findings if f["rule"] == "OC004")
    assert cycle.startswith("reporting cycle: Person 0 (p0) → Person 1 (p1) → Person 2 (p2) → Person 3 (p3) → "
                            "Person 4 (p4) → … 2991 more … → Person 2996 (p2996)")
    # the approver is above the doers (everyone in a loop is above everyone else in it)
    assert [f["entity"] for f in findings if f["rule"] == "OC203"] == ["s2"]
    assert max(len(f["message"]) for f in findings) < 1_000


@pytest.mark.parametrize("shape, size", [
    ("wide_span", 5_000), ("deep_units", 2_000), ("dense_process", (200, 4_000)),
])
def test_shapes_that_explode_naive_graph_code(run, tmp_path, shape, size):
    """Smaller versions of the benchmark's cases: a wide span, a unit tree deeper than
    the recursion limit, and a process whose flows make cycles everywhere (a rule that
    enumerated cycles or simple paths would never finish)."""
    model = getattr(stress, shape)(*size) if isinstance(size, tuple) else getattr(stress, shape)(size)
    (tmp_path / "org.json").write_text(json.dumps(model))
    findings = _findings(run("lint", "--format", "json", "org.json", timeout=TIMEOUT))
    assert findings and not any(f["rule"] == "OC001" for f in findings)
    assert max(len(f["message"]) for f in findings) < 2_000


# -- a model's own contradictions --------------------------------------------------

def test_a_person_who_reports_to_themself(run, tmp_path):
    text = MODEL.replace('"title": "Director"', '"title": "Director", "reports_to": "ann"')
    result = lint_bytes(run, tmp_path, text.encode(), "--select", "OC0")
    where = at(text, '"ann"}')
    assert result.out.splitlines() == [
        f"org.json:{where}: OC004 reporting-cycle [error] reporting cycle: Ann (ann) → Ann (ann) (Ann (ann) reports "
        "to themself); nobody in or below it has a layer: take the most senior person in it off the loop "
        "(remove their manager, reports_to), and record peer relations as dotted lines (dotted_to)",
        "1 finding (1 error) in 1 file",
    ]
    assert result.code == 1


@pytest.mark.parametrize("old, new, expected", [
    ('"id": "ann"', '"id": 7', "4:12: " + OC001 + " expected string, got a number"),
    ('"id": "ann"', '"id": null', "4:12: " + OC001 + " expected string, got null"),
    ('"id": "ann"', '"id": ["ann"]', "4:12: " + OC001 + " expected string, got an array"),
    ('"id": "acme"', '"id": {"x": 1}', "2:26: " + OC001 + " expected string, got an object"),
    ('"reports_to": "ann"}', '"reports_to": true}', None),
    ('"people": [', '"people": {"x": [', None),
])
def test_values_of_the_wrong_type(run, tmp_path, old, new, expected):
    text = MODEL.replace(old, new, 1)
    if new.endswith("["):
        text = text.replace("]\n}", "]}\n}")
    result = lint_bytes(run, tmp_path, text.encode())
    assert result.code == 1 and result.err == ""
    lines = result.out.splitlines()
    assert all(OC001 in line for line in lines[:-1])
    if expected is not None:
        assert lines[0] == "org.json:" + expected


# -- paths that are not model files --------------------------------------------------

def test_a_path_that_does_not_exist(run, tmp_path):
    (tmp_path / "good.org.json").write_text(MODEL)
    result = run("lint", "nope.org.json", "good.org.json", timeout=TIMEOUT)
    assert result.err == "orgcheck: error: nope.org.json: no such file or directory\n"
    assert result.out.endswith("in 1 file, not a clean result: nope.org.json: no such file or directory\n")
    assert result.code == 2


def test_a_directory_named_like_a_model(run, tmp_path):
    (tmp_path / "org.json").mkdir()
    result = run("lint", "org.json", timeout=TIMEOUT)
    assert result.err == ("orgcheck: error: org.json: no org model files found (a folder is searched for org.json, "
                          "*.org.json and their .yaml and .yml twins; name a people .csv or a .bpmn file itself)\n")
    assert result.code == 2
    # Walked into, a folder named like a model is a folder: the model inside it is linted.
    (tmp_path / "org.json" / "team.org.json").write_text(MODEL)
    result = run("lint", "--select", "OC001", ".", timeout=TIMEOUT)
    assert (result.code, result.out, result.err) == (0, "No findings in 1 file\n", "")


def test_a_fifo_named_like_a_model_does_not_hang(run, tmp_path):
    os.mkfifo(tmp_path / "org.json")  # nobody ever writes to it: reading would block forever
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "team.org.json").write_text(MODEL)
    result = run("lint", "--select", "OC001", "org.json", "sub", timeout=20)
    assert result.err == "orgcheck: error: org.json: not a regular file (a FIFO); use - to read standard input\n"
    assert result.out == ("No findings in 1 file, not a clean result: org.json: not a regular file (a FIFO); use - "
                          "to read standard input\n")
    assert result.code == 2
    # In a directory walk it is skipped with a note: it is not a model file.
    result = run("lint", "--select", "OC001", ".", timeout=20)
    assert (result.code, result.out, result.err) == (
        0, "No findings in 1 file\n", "orgcheck: org.json: skipped: a FIFO, not a regular file\n")


def test_a_file_whose_read_fails(run, tmp_path):
    """The tests run as root, for whom `chmod 000` changes nothing. A link to
    /proc/self/mem is honest instead: it opens as a regular file, and reading it from
    offset 0 fails with EIO for every user, root included."""
    os.symlink("/proc/self/mem", tmp_path / "broken.org.json")
    (tmp_path / "good.org.json").write_text(MODEL)
    # named, not walked: a walk skips a link out of the checkout (tests/hostile/test_smaller.py)
    result = run("lint", "--select", "OC001", "broken.org.json", "good.org.json", timeout=TIMEOUT)
    assert result.err == "orgcheck: error: broken.org.json: cannot read: Input/output error\n"
    assert result.out == "No findings in 1 file, not a clean result: broken.org.json: cannot read: Input/output error\n"
    assert result.code == 2


def test_a_path_through_a_file(run, tmp_path):
    """A path whose lookup fails for every user (ENOTDIR), named directly."""
    (tmp_path / "x").write_text("")
    os.symlink(tmp_path / "x" / "y", tmp_path / "inside-a-file.org.json")
    result = run("lint", "inside-a-file.org.json", timeout=TIMEOUT)
    assert result.err == "orgcheck: error: inside-a-file.org.json: cannot read: Not a directory\n"
    assert result.code == 2


def test_symlink_loops_under_a_linted_directory(run, tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "org.json").write_text(MODEL)
    os.symlink("..", tmp_path / "team" / "up")  # a folder loop: not followed
    os.symlink("self.org.json", tmp_path / "self.org.json")  # a file loop named like a model
    result = run("lint", "--select", "OC001", ".", timeout=20)
    assert result.err == "orgcheck: error: self.org.json: cannot read: Too many levels of symbolic links\n"
    assert result.out == ("No findings in 1 file, not a clean result: self.org.json: cannot read: Too many levels "
                          "of symbolic links\n")
    assert result.code == 2


def test_one_bad_file_does_not_stop_the_others(run, tmp_path):
    (tmp_path / "a.org.json").write_text(MODEL.replace('"Bo", "reports_to": "ann"', '"Bo", "reports_to": "nobody"'))
    (tmp_path / "b.org.json").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "c.org.json").write_text("[" * 5000)
    (tmp_path / "d.org.json").write_text(MODEL)
    result = run("lint", "--select", "OC0", ".", timeout=TIMEOUT)
    a = (tmp_path / "a.org.json").read_text()
    assert [line.split(": ")[0] for line in result.out.splitlines()[:-1]] == [
        "a.org.json:" + at(a, '"nobody"'), "b.org.json:1:1", "c.org.json:1:5000"]
    assert result.out.splitlines()[-1] == ("3 findings (3 errors) in 4 files; fix the schema errors first: 9 rules "
                                           "did not run on b.org.json and c.org.json")
    assert result.code == 1 and result.err == ""

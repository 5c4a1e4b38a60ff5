"""The fast validation path (jsonschema-rs, then jsonschema on the invalid entities only)
reports exactly what a full jsonschema run reports: same findings, messages, lines and
columns, on valid and invalid models."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import mutated

from orgcheck.testing import lint_model
from orgcheck.validate import fast_schema, loader
from orgcheck.validate.schema import _validator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

HEALTHY = json.loads((ROOT / "examples" / "healthy.org.json").read_text(encoding="utf-8"))


def _mutated(change) -> str:
    doc = copy.deepcopy(HEALTHY)
    change(doc)
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _set(path: str, value):
    def change(doc):
        *parents, last = path.split("/")
        node = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return change


def _drop(path: str):
    def change(doc):
        *parents, last = path.split("/")
        node = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]
    return change


def _many(*changes):
    def change(doc):
        for c in changes:
            c(doc)
    return change


INVALID = {
    "typo-key": _set("people/3/report_to", "marieke"),
    "unknown-top-level": _set("peeple", []),
    "x-keys-are-fine-but-typo-not": _many(_set("x-owner", "hr"), _set("units/1/lede", "x")),
    "missing-name": _drop("people/4/name"),
    "vacant-false-without-name": _many(_drop("people/4/name"), _set("people/4/vacant", False)),
    "wrong-type": _set("people/5/reports_to", 5),
    "bool-is-no-number": _set("people/5/fte", True),
    "fte-zero": _set("people/5/fte", 0),
    "only-the-last-person": _set(f"people/{len(HEALTHY['people']) - 1}/fte", -1),
    "enum": _set("people/0/manager_type", "boss"),
    "schema-version-2": _set("schema_version", 2),
    "schema-version-true": _set("schema_version", True),
    "bad-date-day": _set("interactions/0/until", "2024-02-30"),
    "bad-date-year-zero": _set("interactions/0/until", "0000-01-01"),
    "bad-date-short": _set("interactions/0/until", "2024-1-01"),
    "bad-date-newline": _set("interactions/0/until", "2024-01-01\n"),
    "bad-date-digits": _set("interactions/0/until", "２０２４-01-01"),
    "between-three": _set("interactions/1/between", ["team-planning", "team-mobiel", "team-platform"]),
    "between-same-twice": _set("interactions/1/between", ["team-planning", "team-planning"]),
    "steps-empty": _set("processes/0/steps", []),
    "flow-kind": _set("processes/0/flows/0/kind", "loop"),
    "step-without-performer": _drop("processes/1/steps/0/performer"),
    "metric-cadence": _set("metrics/0/cadence", "hourly"),
    "waiver-empty-reason": _set("people/0/waivers", [{"rule": "OC101", "reason": ""}]),
    "empty-id": _set("roles/2/id", ""),
    "people-not-array": _set("people", {"id": "a"}),
    "organization-missing": _drop("organization"),
    "organization-without-name": _drop("organization/name"),
    "errors-everywhere": _many(_set("people/0/nmae", "x"), _set("people/48/fte", -1), _set("units/7/type", "tribe"),
                               _set("processes/3/steps/0/kind", "work!"), _set("metrics/5/visible_to", "team"),
                               _set("waivers", [{"rule": "OC101"}]), _set("extra", 1)),
}

VALID = {
    **{path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.org.json"))},
    "generated-with-rule-defects": generate.generate(300, 20, seed=4).decode("utf-8"),
    "vacant-without-name": _mutated(_many(_drop("people/4/name"), _set("people/4/vacant", True))),
    "leap-day": _mutated(_set("interactions/0/until", "2028-02-29")),
    "schema-version-float": _mutated(_set("schema_version", 1.0)),
}


@pytest.fixture(params=["whole", "chunked"])
def chunks(request, monkeypatch):
    """Judge big sections in one call, or (as for 20,000 entities and more) chunk by chunk."""
    if request.param == "chunked":
        monkeypatch.setattr(fast_schema, "_CHUNK", 7)
    return request.param


def _located(report):
    return [(f.rule, f.line, f.column, f.pointer, f.entity, f.message) for f in report.findings]


def _both_paths(text: str, monkeypatch) -> tuple[list, list]:
    fast = lint_model(text)
    with monkeypatch.context() as m:
        m.setattr(fast_schema, "triage", lambda data: None)  # jsonschema alone, on everything
        slow = lint_model(text)
    return _located(fast), _located(slow)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_models_get_the_same_findings_on_both_paths(name, monkeypatch, chunks):
    text = _mutated(INVALID[name])
    # The fast path really ran: it judged the document and found it invalid.
    judged = fast_schema.triage(json.loads(text))
    assert judged is not None and not judged.valid
    fast, slow = _both_paths(text, monkeypatch)
    assert [f for f in fast if f[0] == "OC001"], f"{name}: expected OC001 findings"
    assert fast == slow


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_models_pass_the_fast_path_and_lint_alike(name, monkeypatch, chunks):
    text = VALID[name]
    judged = fast_schema.triage(json.loads(text))
    assert judged is not None and judged.valid
    fast, slow = _both_paths(text, monkeypatch)
    assert not [f for f in fast if f[0] == "OC001"]
    assert fast == slow


def test_generated_model_with_schema_errors_deep_in_big_sections(monkeypatch, chunks):
    doc = json.loads(generate.generate(400, 30, seed=7))
    doc["people"][-1]["fte"] = 0
    doc["people"][200]["reports"] = "e100001"
    doc["processes"][-1]["steps"][1]["kind"] = "approve"
    doc["interactions"][0]["until"] = "2025-13-01"
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    fast, slow = _both_paths(text, monkeypatch)
    last_person, last_process = len(doc["people"]) - 1, len(doc["processes"]) - 1
    assert {f[3] for f in fast if f[0] == "OC001"} == {
        f"/people/{last_person}/fte", "/people/200/reports", f"/processes/{last_process}/steps/1/kind",
        "/interactions/0/until"}
    assert fast == slow


def test_data_the_fast_validator_cannot_read_falls_back_to_jsonschema():
    # A non-string key cannot come from JSON, but a reader plugin might build one.
    assert fast_schema.triage({"organization": {"id": "a", "name": "A"}, "people": [], 1: 2}) is None


@pytest.mark.parametrize("value, expected", [
    ("2024-02-29", True), ("2023-02-29", False), ("0000-01-01", False), ("2024-1-01", False),
    ("2024-01-01\n", False), ("２０２４-01-01", False), (20240101, True),
])
def test_date_format_matches_jsonschema(value, expected):
    from jsonschema import Draft202012Validator

    assert loader.is_date(value) is expected
    assert Draft202012Validator.FORMAT_CHECKER.conforms(value, "date") is expected


_DATE_TEXT = st.one_of(
    st.dates().map(str), st.text("0123456789-", min_size=8, max_size=11),
    st.builds(lambda y, m, d, end: f"{y:04d}-{m:02d}-{d:02d}{end}", st.integers(0, 9999), st.integers(0, 13),
              st.integers(0, 32), st.sampled_from(["", "\n", " ", "T00"])),
    st.sampled_from(["0000-01-01", "0000-02-29", "２０２４-01-01", "+2024-01-01", "2024-W01-1"]))


@settings(max_examples=500, deadline=None)
@given(_DATE_TEXT)
def test_the_fast_validator_judges_a_date_as_is_date_does(text):
    """jsonschema-rs's own date check, with the year-0 guard rust_dates adds, takes the
    dates is_date takes: wherever the schema puts format: date, beside other keywords."""
    assert loader.fast_validator({"type": "string", "format": "date"}).is_valid(text) is loader.is_date(text)
    nested = {"type": "array", "items": {"type": ["string", "null"], "format": "date", "allOf": [{"minLength": 1}]}}
    assert loader.fast_validator(nested).is_valid([text, None]) is loader.is_date(text)


def test_rust_dates_leaves_data_keywords_alone():
    schema = {"properties": {"d": {"format": "date", "const": {"format": "date"}, "examples": [{"format": "date"}]}}}
    guarded = loader.rust_dates(schema)
    assert guarded["properties"]["d"]["const"] == {"format": "date"}
    assert guarded["properties"]["d"]["examples"] == [{"format": "date"}]
    assert guarded["properties"]["d"]["allOf"] == [{"pattern": loader._NOT_YEAR_ZERO}]
    assert schema == {"properties": {"d": {"format": "date", "const": {"format": "date"},
                                           "examples": [{"format": "date"}]}}}  # not changed in place


def test_a_property_named_like_a_data_keyword_still_gets_the_year_zero_guard():
    """A plugin's fragment may call a field "default" or "examples": it is a schema there."""
    schema = {"type": "object", "properties": {"default": {"type": "string", "format": "date"}}}
    assert not loader.fast_validator(schema).is_valid({"default": "0000-01-01"})
    assert loader.fast_validator(schema).is_valid({"default": "2024-02-29"})


# -- the plain-Python check of small documents (orgcheck.validate.quick) --------------

def _quick():
    from orgcheck.validate import quick

    check = quick.compile_schema(loader.load_schema())
    assert check is not None, "the shipped schema uses a keyword the quick check does not know"
    return lambda data: quick.surely_valid(check, data)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_quick_check_never_clears_an_invalid_model(name):
    assert not _quick()(json.loads(_mutated(INVALID[name])))


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_quick_check_clears_valid_models_as_the_fast_validator_does(name):
    data = json.loads(VALID[name])
    assert _quick()(data) == (name != "schema-version-float")  # 1.0 for an integer: left to jsonschema-rs
    assert fast_schema.triage(data).valid


@pytest.mark.parametrize("change", [
    _set("organization/currency", "EUR\n"),  # `$` before a final newline: Python's re and Rust's differ
    _set("organization/currency", "ÉUR"),
    _set("people/5/fte", 10 ** 30),  # past 64 bits
    _set("people/5/roles", ("r-financieel",)),  # no JSON reader makes a tuple
], ids=["newline", "non-ascii", "huge-number", "tuple"])
def test_the_quick_check_leaves_values_read_differently_to_jsonschema_rs(change):
    doc = copy.deepcopy(HEALTHY)  # not through JSON: a reader plugin may hand over a tuple
    change(doc)
    assert not _quick()(doc)


def test_lint_of_a_small_valid_model_does_not_load_jsonschema_rs(tmp_path):
    # a sixth of a pre-commit hook's start-up: the plain-Python check clears the model
    import os
    import subprocess

    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "orgcheck", "lint", "--isolated",
                           str(ROOT / "examples" / "healthy.org.json")], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "No findings" in proc.stdout
    assert "jsonschema_rs" not in proc.stderr and "| jsonschema\n" not in proc.stderr


@given(model=mutated())
@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
def test_what_the_quick_check_clears_the_reference_validator_finds_valid(model):
    # the quick check is a second reading of the schema: it may give up, never disagree
    if _quick()(model):
        assert list(_validator().iter_errors(model)) == [], json.dumps(model)[:400]

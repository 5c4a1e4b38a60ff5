"""Property-based tests: whatever model comes in, the real command answers with
findings, never a traceback, and the JSON and YAML forms of a model agree.

Models come from the schema itself (hypothesis-jsonschema), from random mutations
of the examples (keys deleted, types swapped, ids shuffled, cycles injected, ids
duplicated) and from byte-level damage to their text. Each example lints a batch of
files in one run of the command, so start-up is paid once per batch.

CI runs a small, fixed set of examples (derandomized, so a red build is
reproducible). A longer, random hunt:

    ORGCHECK_FUZZ_EXAMPLES=500 python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import copy
import json
import os
from collections import Counter
from pathlib import Path

import yaml
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

EXAMPLES_WANTED = int(os.environ.get("ORGCHECK_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=EXAMPLES_WANTED or 6,
    derandomize=not EXAMPLES_WANTED,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                           HealthCheck.function_scoped_fixture],
)

SCHEMA = json.loads((ROOT / "schemas" / "org.schema.json").read_text())
SEEDS = [json.loads(p.read_text()) for p in sorted(EXAMPLES.glob("*.org.json"))]
SEEDS.append(json.loads((ROOT / "tests" / "data" / "small.org.json").read_text()))


def lint_batch(run, folder: Path, *extra: str) -> dict:
    """Lint a folder with the real command: no traceback, status 0 or 1, valid JSON."""
    result = run("lint", "--isolated", "--format", "json", "--today", "2025-06-01", *extra, ".",
                 cwd=folder, timeout=120)
    assert "Traceback" not in result.err, result.err
    assert result.code in (0, 1), result.err
    assert result.err == "", result.err
    return json.loads(result.out)


def _yaml_twin(data) -> str | None:
    """The model as YAML (None when PyYAML cannot write one of its strings)."""
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    except yaml.YAMLError:
        return None


def _same_findings(report: dict, folder: Path) -> None:
    """Each model's JSON form and YAML form give the same findings (places aside)."""
    by_file: dict[str, Counter] = {p.name: Counter() for p in folder.iterdir()}
    for f in report["findings"]:
        by_file[f["file"]][(f["rule"], f["message"], f["pointer"], f["entity"])] += 1
    twins = [p.name for p in sorted(folder.glob("*.org.yaml"))]
    assert twins, "no YAML twin was written"
    for twin in twins:
        assert by_file[twin] == by_file[twin[:-len(".yaml")] + ".json"], twin


def write_batch(folder: Path, models: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, model in enumerate(models):
        (folder / f"m{i}.org.json").write_text(json.dumps(model, indent=1), encoding="utf-8")
        text = _yaml_twin(model)
        if text is not None:
            (folder / f"m{i}.org.yaml").write_text(text, encoding="utf-8")


# -- models generated from the schema ----------------------------------------------

@SETTINGS
@given(models=st.lists(from_schema(SCHEMA), min_size=1, max_size=3))
def test_models_generated_from_the_schema(run, tmp_path, models):
    write_batch(tmp_path / "batch", models)
    report = lint_batch(run, tmp_path / "batch")
    # every model is a valid document: no OC001, whatever else its references break
    assert not [f for f in report["findings"] if f["rule"] == "OC001"]
    _same_findings(report, tmp_path / "batch")


# -- mutations of the examples -------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-1e6, 1e6, allow_nan=False),
                    st.text(max_size=6), st.just(""), st.just([]), st.just({}))


def _containers(node, path=()):
    """Every (path, container) in the model, document order."""
    yield path, node
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, (dict, list)):
            yield from _containers(value, (*path, key))


def _entities(model):
    return [(path, node) for path, node in _containers(model) if isinstance(node, dict) and "id" in node]


@st.composite
def mutated(draw):
    model = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        how = draw(st.sampled_from(["delete", "retype", "shuffle", "cycle", "duplicate", "dangle"]))
        holders = [(p, n) for p, n in _containers(model) if n]
        entities = _entities(model)
        if how == "delete" and holders:
            _, node = draw(st.sampled_from(holders))
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
            del node[key]
        elif how == "retype" and holders:
            _, node = draw(st.sampled_from(holders))
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
            node[key] = draw(SCALARS)
        elif how == "shuffle" and len(entities) > 1:
            ids = [n["id"] for _, n in entities]
            shuffled = draw(st.permutations(ids))
            for (_, node), new in zip(entities, shuffled, strict=True):
                node["id"] = new
        elif how == "cycle" and isinstance(model.get("people"), list) and model["people"]:
            people = [p for p in model["people"] if isinstance(p, dict)]
            if people:
                a, b = draw(st.sampled_from(people)), draw(st.sampled_from(people))
                a["reports_to"], b["reports_to"] = b.get("id"), a.get("id")
            units = ([u for u in model.get("units", []) if isinstance(u, dict)]
                     if isinstance(model.get("units"), list) else [])
            if units:
                u = draw(st.sampled_from(units))
                u["parent"] = u.get("id")
        elif how == "duplicate" and entities:
            path, node = draw(st.sampled_from(entities))
            parent = model
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, list):
                parent.append(copy.deepcopy(node))
        elif how == "dangle" and entities:
            _, node = draw(st.sampled_from(entities))
            field = draw(st.sampled_from(["reports_to", "unit", "parent", "lead", "performer", "owner", "customer"]))
            node[field] = draw(st.sampled_from(["nobody", "", node.get("id"), "x" * 300]))
    return model


@SETTINGS
@given(models=st.lists(mutated(), min_size=1, max_size=4))
def test_mutated_examples(run, tmp_path, models):
    write_batch(tmp_path / "batch", models)
    report = lint_batch(run, tmp_path / "batch")
    assert report["summary"]["files"] == len(list((tmp_path / "batch").iterdir()))
    _same_findings(report, tmp_path / "batch")


# -- damaged text ----------------------------------------------------------------------

@st.composite
def damaged(draw) -> bytes:
    text = json.dumps(draw(st.sampled_from(SEEDS)), indent=2, ensure_ascii=False).encode()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["truncate", "insert", "delete", "byte"]))
        if how == "truncate":
            text = text[:at]
        elif how == "insert":
            text = text[:at] + draw(st.sampled_from(
                [b",", b"]", b"{", b"//", b"NaN", b"1e999", b'"', b"\\", b"\xff", b"\x00", b"\xef\xbb\xbf",
                 b"[" * 3000, b'"id": 5, '])) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at] + bytes([draw(st.integers(0, 255))]) + text[at + 1:]
    return text


@SETTINGS
@given(texts=st.lists(damaged(), min_size=1, max_size=6))
def test_damaged_files(run, tmp_path, texts):
    folder = tmp_path / "batch"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, text in enumerate(texts):
        (folder / f"d{i}.org.json").write_bytes(text)
    report = lint_batch(run, folder)
    assert report["summary"]["files"] == len(texts)
    for f in report["findings"]:
        assert f["line"] >= 1 and f["column"] >= 1

"""Behaviour the speed work must not change: suggestions in big models, the garbage
collector after a lint, the model's shortcuts for live entities and subtrees."""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import pytest

import orgcheck
from orgcheck.model import Org
from orgcheck.suggest import Speller, nearest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def big() -> dict:
    """A generated model with more people than suggestions compare one by one."""
    return json.loads(generate.generate(3000, 20, seed=2))


def test_dangling_reference_in_a_big_model_suggests_the_id_one_edit_away(big, tmp_path, run):
    big["people"][50]["reports_to"] = "x100123"  # e100123 with its first letter mistyped
    big["people"][60]["reports_to"] = "E100124"  # a case slip
    big["people"][70]["reports_to"] = "zz-nobody-zz"  # nothing near: no suggestion
    path = tmp_path / "big.org.json"
    path.write_text(json.dumps(big, indent=1), encoding="utf-8")
    result = run("lint", "--select", "OC003", "--format", "json", str(path))
    messages = {f["pointer"]: f["message"] for f in json.loads(result.out)["findings"]}
    assert "did you mean 'e100123'?" in messages["/people/50/reports_to"]
    assert "did you mean 'e100124'?" in messages["/people/60/reports_to"]
    assert "did you mean" not in messages["/people/70/reports_to"]


def test_speller_agrees_with_difflib_on_a_big_pool_within_one_edit():
    pool = [f"u{i}" for i in range(1, 5000)]
    speller = Speller(pool)
    for word in ["u1234x", "u12x4", "U99", "x4321", "u49999"]:
        assert speller.nearest(word) == nearest(word, pool)
    assert speller.nearest("u1234x") == "u1234"
    assert speller.nearest("nothing-like-it") is None


def test_lint_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    path = tmp_path / "org.json"
    path.write_text(generate.generate(50, 4, seed=1).decode("utf-8"), encoding="utf-8")
    assert gc.isenabled()
    orgcheck.lint([str(path)])
    assert gc.isenabled()
    gc.disable()
    try:
        orgcheck.lint([str(path)])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_entity_lists_keep_duplicates_aside_and_subtree_matches_its_definition(big):
    big["people"].append(dict(big["people"][5], name="A duplicate"))
    org = Org(big)
    (duplicate,) = [d.entity for d in org.duplicates if d.entity.name == "A duplicate"]
    assert duplicate not in org.people and org.people[5].name != "A duplicate"
    assert len(org.people) == len(big["people"]) - sum(1 for d in org.duplicates if d.entity.entity_kind == "person")
    for top in org.tops()[:1] + org.people[1:4]:
        walked, stack = [], [top]
        while stack:
            p = stack.pop()
            walked.append(p)
            stack.extend(reversed(p.below()))
        assert org.subtree(top) == walked


def test_positions_inside_arrays_whatever_the_spacing():
    from orgcheck.io.json_locator import JsonLocator

    text = '{"a" : [ 10 ,\n  {"b":[1,2 , 3]} , [ ] ,"x" ,\n[[0], {"c" : [ ]}]\n]}'

    def at(marker: str, nth: int = 0) -> tuple[int, int]:
        index = -1
        for _ in range(nth + 1):
            index = text.index(marker, index + 1)
        line = text.count("\n", 0, index) + 1
        return line, index - (text.rfind("\n", 0, index) + 1) + 1

    found = JsonLocator(text).locate({"/a/0", "/a/1/b/2", "/a/2", "/a/3", "/a/4/1/c", "/a/4/0/0"})
    assert found["/a/0"][1] == at("10")
    assert found["/a/1/b/2"][1] == at("3")
    assert found["/a/2"][1] == at("[ ]")
    assert found["/a/3"][1] == at('"x"')
    assert found["/a/4/1/c"] == (at('"c"'), at("[ ]", 1))
    assert found["/a/4/0/0"][1] == at("0]")


def test_memo_computes_once_per_model_and_dies_with_it():
    import weakref

    made = []
    org = Org({"organization": {"id": "o", "name": "O"}, "people": []})
    first = org.memo("index", lambda: made.append(1) or {"built": len(made)})
    assert org.memo("index", lambda: made.append(1) or {"built": len(made)}) is first
    assert made == [1]
    assert Org(org.data).memo("index", lambda: "other") == "other"  # another model, its own value
    ref = weakref.ref(org)
    del org, first
    gc.collect()
    assert ref() is None

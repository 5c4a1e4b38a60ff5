"""The same input gives byte-identical output in every format, whatever the hash
seed, the order of the files on the command line, or the order a directory lists in."""
from __future__ import annotations

import itertools
import shutil

from conftest import EXAMPLES, ROOT

FORMATS = ("text", "json", "sarif", "github")

BROKEN = '{\n  "organization": {"id": "x", "name": "X"},\n  "people": [{"id": "a", "name": "A", "nmae": "B"},]\n}\n'
CYCLES = """{
  "organization": {"id": "c", "name": "Cycles"},
  "units": [{"id": "u1", "name": "U1", "parent": "u2"}, {"id": "u2", "name": "U2", "parent": "u1"}],
  "people": [
    {"id": "p1", "name": "P1", "reports_to": "p2", "unit": "u1"},
    {"id": "p2", "name": "P2", "reports_to": "p1", "unit": "u2"},
    {"id": "p3", "name": "P3", "reports_to": "p3"},
    {"id": "p3", "name": "Twin", "reports_to": "nobdy"}
  ],
  "waivers": [{"rule": "OC999", "reason": "no such rule"}, {"rule": "OC101", "reason": "unused"}]
}
"""


def _models(folder) -> list[str]:
    """Models with many findings of many rules, a broken one and a clean one."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for example in sorted(EXAMPLES.glob("*.org.json")):
        shutil.copy(example, folder / example.name)
        names.append(example.name)
    shutil.copy(ROOT / "tests" / "data" / "small.org.json", folder / "small.org.json")
    (folder / "broken.org.json").write_text(BROKEN)
    (folder / "cycles.org.json").write_text(CYCLES)
    (folder / "missing-dir").mkdir(exist_ok=True)
    return [*names, "small.org.json", "broken.org.json", "cycles.org.json"]


def _all_formats(run, cwd, paths, seed: str) -> tuple[dict[str, bytes], str, int]:
    """One run writing every format to its own file: the bytes of each, stderr, status."""
    args = ["lint", "--statistics", "--today", "2025-01-01"]
    for fmt in FORMATS:
        args += ["--format", fmt, "--output", f"out/{fmt}"]
    (cwd / "out").mkdir(exist_ok=True)
    result = run(*args, *paths, cwd=cwd, env={"PYTHONHASHSEED": seed})
    outputs = {fmt: (cwd / "out" / fmt).read_bytes() for fmt in FORMATS}
    shutil.rmtree(cwd / "out")
    return outputs, result.err, result.code


def test_output_is_byte_identical_across_hash_seeds_and_file_orders(run, tmp_path):
    names = _models(tmp_path)
    orders = [names, names[::-1], [*names[3:], *names[:3]]]
    seeds = ["0", "1", "4242", "random"]
    baseline = _all_formats(run, tmp_path, names, "0")
    assert baseline[2] == 1 and baseline[1] == ""
    assert all(baseline[0][fmt] for fmt in FORMATS)
    assert b"OC004" in baseline[0]["json"] and b"OC001" in baseline[0]["json"]
    for seed, order in zip(seeds[1:], itertools.cycle(orders[1:])):
        assert _all_formats(run, tmp_path, order, seed) == baseline, (seed, order)


def test_output_does_not_depend_on_the_order_a_directory_lists_in(run, tmp_path):
    """The same tree built twice, its files and folders created in opposite orders (so
    their directory entries are in different orders on disk), lints to the same bytes."""
    names = _models(tmp_path / "source")
    layout = [(("team-x", "team-y", "deep/er")[i % 3], name) for i, name in enumerate(names)]
    for tree, order in (("a", layout), ("b", layout[::-1])):
        for folder, name in order:
            (tmp_path / tree / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp_path / "source" / name, tmp_path / tree / folder / name)
    first = _all_formats(run, tmp_path / "a", ["."], "1")
    assert first[2] == 1 and first[0]["text"].count(b"\n") > 20
    assert _all_formats(run, tmp_path / "b", ["."], "2") == first
    # and naming the folders in any order gives the same report as walking them
    assert _all_formats(run, tmp_path / "b", ["team-y", "deep", "team-x"], "3") == first


def test_coordination_clusters_do_not_depend_on_where_objects_sit_in_memory(run):
    """On a unit loop the lowest unit holding a cluster's units depends on which of their
    chains is walked first: document order, never the order of addresses in memory
    (the two allocators place the same objects differently)."""
    model = str(ROOT / "tests" / "data" / "unit-loop-coordination.org.json")
    # two allocators, and environments of different sizes before the model is made: the
    # same objects at other addresses (set order by address flipped the result in 1 of 8)
    outputs = {run("stats", "--isolated", "--format", "json", model,
                   env={"PYTHONMALLOC": allocator, "ORGCHECK_TEST_PADDING": "x" * padding}).out
               for allocator in ("malloc", "pymalloc") for padding in (0, 1, 45, 5000)}
    assert len(outputs) == 1
    (output,) = outputs
    assert '"crosses_units": true' in output and '"common_unit"' in output

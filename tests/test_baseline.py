"""Baselines: record today's findings, then report only new ones; keyed by entity, not line."""
import json

from conftest import EXAMPLES

MODEL = (EXAMPLES / "command-and-control.org.json").read_text()


def test_write_then_lint_against_the_baseline(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    wrote = run("lint", "--write-baseline", "baseline.json", "org.json")
    assert wrote.code == 0 and wrote.out == "" and wrote.err.startswith("Wrote ")
    data = json.loads((tmp_path / "baseline.json").read_text())
    entries = data["entries"]
    assert entries == sorted(entries,
                             key=lambda e: (e["file"], e["rule"], e.get("entity") or "", e.get("pointer") or ""))
    assert all(e["file"] == "org.json" and e["count"] >= 1 for e in entries)
    total = json.loads(run("lint", "--format", "json", "org.json").out)["summary"]["findings"]
    assert sum(e["count"] for e in entries) == total

    again = run("lint", "--baseline", "baseline.json", "org.json")
    assert again.out == f"No findings in 1 file, {total} in baseline\n" and again.code == 0

    # Insert a line at the top of the people: lines move, the baseline still holds.
    moved = MODEL.replace('"people": [\n',
                          '"people": [\n    {"id": "zz-new", "name": "New", "reports_to": "p-whitfield"},\n', 1)
    (tmp_path / "org.json").write_text(moved)
    after = json.loads(run("lint", "--baseline", "baseline.json", "--format", "json", "org.json").out)
    assert all(f["entity"] in ("zz-new", "p-whitfield", None) for f in after["findings"]), after["findings"]


def test_new_finding_and_stale_entries(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    run("lint", "--write-baseline", "baseline.json", "org.json")
    data = json.loads((tmp_path / "baseline.json").read_text())
    removed = data["entries"].pop(0)
    data["entries"].append({"file": "org.json", "rule": "OC301", "entity": "no-longer-there", "count": 2})
    (tmp_path / "baseline.json").write_text(json.dumps(data))
    result = run("lint", "--baseline", "baseline.json", "--format", "json", "org.json")
    findings = json.loads(result.out)["findings"]
    assert [(f["rule"], f["entity"]) for f in findings] == [(removed["rule"], removed.get("entity"))] * removed["count"]
    assert result.err == ("orgcheck: 2 stale baseline entries in baseline.json (no longer found: org.json: OC301 on "
                          "'no-longer-there' (2 times)): rerun with --write-baseline to prune\n")
    assert result.code == 1


def test_baseline_from_config_relative_to_it(run, tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "org.json").write_text(MODEL)
    (tmp_path / "ci").mkdir()
    run("lint", "--write-baseline", "ci/baseline.json", "models/org.json")
    (tmp_path / "orgcheck.toml").write_text('baseline = "ci/baseline.json"\n')
    result = run("lint", "models/org.json")
    assert result.code == 0 and "in baseline" in result.out
    entries = json.loads((tmp_path / "ci" / "baseline.json").read_text())["entries"]
    assert entries[0]["file"] == "../models/org.json"


def test_missing_baseline_is_exit_2(run, tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    result = run("lint", "--baseline", "nope.json", "org.json")
    assert result.code == 2
    assert result.err.startswith("orgcheck: error: ") and "nope.json: no such baseline file" in result.err

"""benchmarks/generate.py: deterministic, schema-valid models that give every rule family
work; and the positions of dozens of findings in one of them are right."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"


def _generate(tmp_path: Path, people: int, processes: int, seed: int, name: str = "model.org.json") -> Path:
    out = tmp_path / name
    subprocess.run([sys.executable, str(GENERATE), "--people", str(people), "--processes", str(processes),
                    "--seed", str(seed), "-o", str(out)], check=True, timeout=60)
    return out


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = _generate(tmp_path, 400, 20, 5, "a.org.json").read_bytes()
    b = _generate(tmp_path, 400, 20, 5, "b.org.json").read_bytes()
    c = _generate(tmp_path, 400, 20, 6, "c.org.json").read_bytes()
    assert a == b
    assert a != c


def test_generated_model_is_valid_and_every_rule_family_has_work(tmp_path, run):
    path = _generate(tmp_path, 300, 30, 3)
    result = run("lint", "--format", "json", str(path))
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    codes = {f["rule"] for f in findings}
    assert "OC001" not in codes
    families = {code[:3] for code in codes}
    assert families >= {"OC0", "OC1", "OC2", "OC3", "OC4", "OC5", "OC9"}, sorted(codes)


def test_positions_of_many_findings_in_a_generated_model(tmp_path, run):
    # The generator writes one entity per line, so the line of /people/K is known.
    path = _generate(tmp_path, 3000, 60, 11)
    lines = path.read_text(encoding="utf-8").splitlines()
    first = {key: lines.index(f'  "{key}": [') + 2 for key in ("units", "people", "roles", "interactions")}
    result = run("lint", "--format", "json", str(path))
    findings = json.loads(result.out)["findings"]
    checked = 0
    for f in findings:
        parts = (f["pointer"] or "").split("/")
        if len(parts) >= 3 and parts[1] in first:
            assert f["line"] == first[parts[1]] + int(parts[2]), f
            if len(parts) == 3:
                assert f["column"] == 5, f
            checked += 1
    assert checked > 50

"""Output that a model cannot break, and a report that is never lost or half written.

A name may hold line breaks, `::`, `</script>`, terminal escapes, bidi overrides or a
lone surrogate (JSON allows "\\ud800"); none of them may forge a line in text or
GitHub output, break JSON or SARIF, or crash the writer. A closed pipe
(`orgcheck lint | head -1`) and a full disk end quietly with the right status.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

from conftest import NOT_RUN, orgcheck_command

# Ann has two reports, too few: OC102's message names her.
HOSTILE_NAME = 'Ann\\nforged.json:1:1: OC001 schema-violation [error] fake\\r\\n::error file=x::fake </script> \\u001b[31mred \\u202egnp.exe \\ud800 %0A'
MODEL = """{
  "organization": {"id": "acme", "name": "Acme"},
  "people": [
    {"id": "ann", "name": "%s"},
    {"id": "bo", "name": "Bo", "reports_to": "ann"},
    {"id": "cy", "name": "Cy", "reports_to": "ann"}
  ]
}
""" % HOSTILE_NAME
NAME = json.loads(f'"{HOSTILE_NAME}"')


def write_model(tmp_path):
    (tmp_path / "org.json").write_text(MODEL)


def test_text_output_keeps_one_finding_a_line(run, tmp_path):
    write_model(tmp_path)
    result = run("lint", "--select", "OC102", "org.json")
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[1] == "1 finding (1 warning) in 1 file"
    assert lines[0].startswith("org.json:4:5: OC102 span-too-narrow [warning] Ann\\nforged.json:1:1: OC001")
    assert "\\r\\n::error file=x::fake </script> \\x1b[31mred \\u202egnp.exe \\ud800 %0A" in lines[0]
    assert "\x1b" not in result.out and "\u202e" not in result.out
    assert result.code == 1 and result.err == ""


def test_json_and_sarif_carry_the_name_exactly(run, tmp_path):
    write_model(tmp_path)
    report = json.loads(run("lint", "--select", "OC102", "--format", "json", "org.json").out)
    assert report["findings"][0]["message"].startswith(NAME + " has 2 direct reports")
    sarif = json.loads(run("lint", "--select", "OC102", "--format", "sarif", "org.json").out)
    text = sarif["runs"][0]["results"][0]["message"]["text"]
    # SARIF's plain text (§3.11) escapes literal brackets and doubles braces; a viewer
    # reading it so shows the name exactly
    shown = re.sub(r"\\([\\\[\]])", r"\1", text).replace("{{", "{").replace("}}", "}")
    assert shown.startswith(NAME + " has 2 direct reports")
    assert "[error]" in NAME and "[error]" not in text


def test_github_annotations_cannot_be_forged(run, tmp_path):
    write_model(tmp_path)
    result = run("lint", "--select", "OC102", "--format", "github", "org.json")
    lines = result.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=org.json,line=4,col=5,title=OC102 span-too-narrow::Ann%0Aforged.json")
    # GitHub's escapes for %, CR and LF; other control characters shown, not obeyed
    assert "fake%0D%0A::error file=x::fake </script> \\x1b[31mred \\u202egnp.exe \\ud800 %250A" in lines[0]


def test_a_file_name_with_a_line_break(run, tmp_path):
    (tmp_path / "a\nb.org.json").write_text('{"organization": {"id": "o", "name": "O"}, "people": 1}')
    result = run("lint", "a\nb.org.json")
    assert result.out.splitlines() == [
        "a\\nb.org.json:1:54: OC001 schema-violation [error] expected array, got a number",
        f"1 finding (1 error) in 1 file; fix the schema errors first: {NOT_RUN} rules did not run",
    ]


def test_closed_stdout_ends_quietly_with_the_lint_status(tmp_path):
    people = [{"id": f"p{i}", "name": f"P{i}", **({"reports_to": f"p{i - 1}"} if i else {})} for i in range(3000)]
    (tmp_path / "org.json").write_text(json.dumps({"organization": {"id": "o", "name": "O"}, "people": people}))
    # `orgcheck lint org.json | head -1`: the reader takes one line and goes away.
    proc = subprocess.Popen([*orgcheck_command(), "lint", "org.json"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert first.startswith(b"org.json:")
    assert err == b""


def test_a_full_disk_on_stdout_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "org.json").write_text(MODEL)
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*orgcheck_command(), "lint", "org.json"], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, timeout=60)
    assert proc.stderr == b"orgcheck: error: cannot write standard output: No space left on device\n"
    assert proc.returncode == 2


def test_output_file_is_replaced_whole(run, tmp_path):
    write_model(tmp_path)
    report = tmp_path / "report.json"
    report.write_text("old report")
    report.chmod(0o640)
    result = run("lint", "--format", "json", "--output", "report.json", "org.json")
    assert result.code == 1 and result.out == ""
    assert json.loads(report.read_text())["summary"]["findings"] >= 1
    assert report.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.json", "report.json"]  # no temporary left


def test_output_that_cannot_be_written_is_one_line(run, tmp_path):
    write_model(tmp_path)
    result = run("lint", "--format", "json", "--output", "no/such/dir/report.json", "org.json")
    assert result.err == "orgcheck: error: cannot write no/such/dir/report.json: No such file or directory\n"
    assert result.code == 2

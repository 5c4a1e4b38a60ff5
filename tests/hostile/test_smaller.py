"""The smaller attacks: a name that becomes a link in SARIF, two ids that share one
anchor in the HTML report, a folder walk that follows a link out of the checkout,
and two "not assessed" run together in ``diff``. (A commit subject that forges a
``history`` row is in test_git.py.)"""
from __future__ import annotations

import json
import re
import subprocess

from conftest import EXAMPLES

from tests.hostile import hostile_model, write_model

# an embedded link of SARIF's plain-text messages (§3.11.6): [text](target), brackets unescaped
EMBEDDED_LINK = re.compile(r"(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(")


def test_a_name_in_a_sarif_message_is_no_embedded_link(run, tmp_path):
    model = json.loads((EXAMPLES / "command-and-control.org.json").read_text())
    for person in model["people"]:
        person["name"] = "[click me](https://evil.example/phish) {0}"
    write_model(tmp_path / "org.json", model)
    result = run("lint", "--format", "sarif", "org.json")
    assert result.code == 1, result.err
    messages = [r["message"]["text"] for r in json.loads(result.out)["runs"][0]["results"]]
    quoting = [m for m in messages if "click me" in m]
    assert quoting, "no finding quotes a name: the test shows nothing"
    assert not [m for m in messages if EMBEDDED_LINK.search(m)]
    assert all(r"\[click me\](https://evil.example/phish) {{0}}" in m for m in quoting)
    # the hostile corpus too: no message of any finding holds a link
    write_model(tmp_path / "corpus.json", hostile_model())
    corpus = json.loads(run("lint", "--format", "sarif", "corpus.json").out)
    assert not [r for r in corpus["runs"][0]["results"] if EMBEDDED_LINK.search(r["message"]["text"])]


def test_each_entity_has_an_anchor_of_its_own(run, tmp_path):
    model = json.loads((EXAMPLES / "healthy.org.json").read_text())
    twins = [dict(model["people"][1], id=i, name=f"Twin {i}", roles=[]) for i in ("a b", "a_20_b", "a_b", "a-b")]
    model["people"] += twins
    write_model(tmp_path / "org.json", model)
    result = run("report", "org.json", "-o", "report.html")
    assert result.code in (0, 1), result.err
    page = (tmp_path / "report.html").read_text()
    ids = re.findall(r'\bid="(entity-[^"]*)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    anchors = {i for i in ids}
    assert {"entity-a_20_b", "entity-a_5f_20_5f_b", "entity-a_5f_b", "entity-a-b"} <= anchors


def test_a_folder_walk_follows_no_link_out_of_the_checkout(run, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    leaked = json.loads((EXAMPLES / "command-and-control.org.json").read_text())
    leaked["organization"]["name"] = "TOP SECRET payroll"
    write_model(secret / "hr.org.json", leaked)
    repo = tmp_path / "checkout"
    (repo / "models").mkdir(parents=True)
    (repo / "shared").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "shared" / "team.org.json").write_text((EXAMPLES / "command-and-control.org.json").read_text())
    (repo / "models" / "leak.org.json").symlink_to(secret / "hr.org.json")
    (repo / "models" / "team.org.json").symlink_to("../shared/team.org.json")
    result = run("lint", "--format", "json", "models", cwd=repo)
    assert result.code == 1, result.err
    files = {f["file"] for f in json.loads(result.out)["findings"]}
    assert files == {"models/team.org.json"}
    assert "TOP SECRET" not in result.out + result.err
    assert "orgcheck: models/leak.org.json: skipped: a link to a file outside the checkout\n" in result.err
    # named on the command line, the link is the user's choice
    assert run("lint", "models/leak.org.json", cwd=repo).code == 1


def test_diff_keeps_two_not_assessed_apart(run, tmp_path):
    (tmp_path / "a.csv").write_text("id,name,title,reports_to\np1,A,CEO,\np2,B,x,p1\n")
    (tmp_path / "b.csv").write_text("id,name,title,reports_to\np1,A,CEO,\np2,B,x,p1\np3,C,y,p1\n")
    result = run("diff", "a.csv", "b.csv")
    assert "not assessednot assessed" not in result.out
    rows = [line for line in result.out.splitlines() if line.strip().startswith(("professionalism", "context"))]
    assert len(rows) == 2 and all(line.split()[-4:] == ["not", "assessed", "not", "assessed"] for line in rows)
    header = next(line for line in result.out.splitlines() if line.startswith("Trust profile"))
    assert header.endswith("before        after")  # right-aligned over the columns
    assert len(header) == len(rows[0])

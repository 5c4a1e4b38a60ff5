"""`orgcheck history`: one row per commit of a model, with the figures `orgcheck stats` gives."""
import csv
import io
import json
import subprocess

from conftest import EXAMPLES, git

PILLARS = ["self-steering", "professionalism", "context"]


def versions():
    """Three versions of one organization: the example, a smaller one, a flatter one."""
    full = json.loads((EXAMPLES / "command-and-control.org.json").read_text())
    smaller = json.loads(json.dumps(full))
    gone = {p["id"] for p in smaller["people"][-6:]}
    smaller["people"] = [p for p in smaller["people"] if p["id"] not in gone and p.get("reports_to") not in gone]
    return [full, smaller, json.loads((EXAMPLES / "healthy.org.json").read_text())]


def expected(stats):
    """What a history row must say, read from `orgcheck stats --format json`."""
    return {"positions": stats["people"]["positions"], "managers": stats["people"]["managers"],
            "layers": len(stats["layers"]), "average_span": stats["spans"]["average"],
            "findings": {s: stats["findings"][s] for s in ("error", "warning", "info")},
            "pillars": {pillar: p["score"] for pillar, p in stats["profile"].items()}}


def commit_versions(repo, models, invalid_at=None):
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    model = repo / "org.json"
    for i, data in enumerate(models):
        if i == invalid_at:
            model.write_text('{"organization": {"id": "x"}, "people": [\n')
            git(repo, "add", ".")
            git(repo, "commit", "-q", "-m", "half-saved", date=f"2026-0{i + 1}-10T09:00:00+00:00")
        model.write_text(json.dumps(data, indent=2))
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", f"version {i + 1}", date=f"2026-0{i + 1}-15T12:00:00+00:00")
    return model


def test_three_commits_give_three_rows_equal_to_stats_of_each_version(run, tmp_path):
    repo = tmp_path / "repo"
    commit_versions(repo, versions())
    result = run("history", "--format", "json", "org.json", cwd=repo)
    assert (result.code, result.err) == (0, "")
    rows = json.loads(result.out)["commits"]
    assert [r["subject"] for r in rows] == ["version 1", "version 2", "version 3"]  # oldest first
    assert [r["date"] for r in rows] == ["2026-01-15T12:00:00+00:00", "2026-02-15T12:00:00+00:00",
                                         "2026-03-15T12:00:00+00:00"]
    log = subprocess.run(["git", "log", "--format=%H", "--reverse"], cwd=repo, capture_output=True, text=True)
    commits = log.stdout.split()
    for row, commit in zip(rows, commits, strict=True):
        assert row["commit"] == commit and row["valid"] is True
        git(repo, "checkout", "-q", commit)
        stats = json.loads(run("stats", "--format", "json", "org.json", cwd=repo).out)
        assert {k: row[k] for k in expected(stats)} == expected(stats)
    git(repo, "checkout", "-q", "main")
    assert rows[0]["positions"] == 53 and rows[1]["positions"] < 53 and rows[2]["pillars"]["context"] == 100
    # the text table: a header and one line per commit with its date and short commit
    text = run("history", "org.json", cwd=repo).out.splitlines()
    assert text[0] == "org.json: 3 commits, oldest first (pillars: their trust-profile score, 0-100)"
    assert text[2].split() == ["date", "commit", "positions", "managers", "layers", "avg", "span", "errors",
                               "warnings", "info", *PILLARS, "subject"]
    assert text[3].split()[:3] == ["2026-01-15", commits[0][:7], "53"]
    assert text[3].split()[-2:] == ["version", "1"]
    assert len(text) == 6


def test_an_invalid_version_is_a_row_that_says_so(run, tmp_path):
    repo = tmp_path / "repo"
    commit_versions(repo, versions(), invalid_at=1)
    result = run("history", "org.json", cwd=repo)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("org.json: 4 commits")
    assert lines[4].split()[0] == "2026-02-10"
    assert "org.json:2:1: not a valid org model" in lines[4] and "orgcheck lint" not in lines[4]
    table = list(csv.DictReader(io.StringIO(run("history", "--format", "csv", "org.json", cwd=repo).out)))
    assert [r["valid"] for r in table] == ["yes", "no", "yes", "yes"]
    assert table[1]["positions"] == "" and "not a valid org model" in table[1]["error"]
    assert table[0]["positions"] == "53" and table[0]["subject"] == "version 1"
    assert list(table[0])[:12] == ["date", "commit", "positions", "managers", "layers", "average_span",
                                   "findings_error", "findings_warning", "findings_info", *PILLARS]


def test_since_max_count_and_renames(run, tmp_path):
    repo = tmp_path / "repo"
    commit_versions(repo, versions())
    git(repo, "mv", "org.json", "claims.org.json")
    git(repo, "commit", "-q", "-m", "rename", date="2026-04-01T08:00:00+00:00")
    rows = json.loads(run("history", "--format", "json", "claims.org.json", cwd=repo).out)["commits"]
    assert [r["subject"] for r in rows] == ["version 1", "version 2", "version 3", "rename"]
    assert [r["path"] for r in rows] == ["org.json"] * 3 + ["claims.org.json"]
    assert all(r["valid"] for r in rows)
    recent = json.loads(run("history", "--format", "json", "--max-count", "2", "claims.org.json", cwd=repo).out)
    assert [r["subject"] for r in recent["commits"]] == ["version 3", "rename"]
    since = json.loads(run("history", "--format", "json", "--since", "2026-02-15", "claims.org.json", cwd=repo).out)
    assert [r["subject"] for r in since["commits"]] == ["version 2", "version 3", "rename"]


def test_no_history_is_a_one_line_error(run, tmp_path):
    (tmp_path / "org.json").write_text(json.dumps(versions()[2]))
    outside = run("history", "org.json")
    assert outside.code == 2 and outside.err.count("\n") == 1
    assert outside.err.startswith("orgcheck: error: org.json: not in a git repository")
    git(tmp_path, "init", "-q")
    uncommitted = run("history", "org.json")
    assert uncommitted.code == 2 and uncommitted.err == (
        "orgcheck: error: org.json: no commit in git changed it, so it has no history to show; "
        "commit it first (git add, git commit)\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-01-01T00:00:00+00:00")
    late = run("history", "--since", "2027-01-01", "org.json")
    assert late.code == 2 and "no commit since 2027-01-01 in git changed it" in late.err
    assert run("history", "missing.org.json").code == 2
    stdin = run("history", "-", input="{}")
    assert stdin.code == 2 and "name the model file, not - (standard input)" in stdin.err
    bad_date = run("history", "--since", "last week", "org.json")
    assert bad_date.code == 2 and "is not a date (YYYY-MM-DD)" in bad_date.err
    (tmp_path / "notes.txt").write_text("hello")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "notes")
    notes = run("history", "notes.txt")
    assert notes.code == 2 and "no reader for this file" in notes.err and "Traceback" not in notes.err


def test_report_with_history_charts_each_commit(run, tmp_path):
    import re

    repo = tmp_path / "repo"
    commit_versions(repo, versions(), invalid_at=1)
    assert run("report", "org.json", "-o", "plain.html", cwd=repo).code == 0
    assert 'id="history"' not in (repo / "plain.html").read_text()  # only when asked: it lints every version
    result = run("report", "--history", "org.json", "-o", "report.html", cwd=repo)
    assert result.code == 0
    html = (repo / "report.html").read_text()
    section = re.search(r'<section id="history">(.*?)</section>', html, re.S).group(1)
    assert "4 commits of org.json, oldest first" in section
    chart = re.search(r"<svg .*?</svg>", section, re.S).group(0)
    assert "<script" not in chart and "href" not in chart  # drawn here, nothing to fetch or run
    # one point per valid commit for each pillar and the headcount, a cross for the invalid one
    assert len(re.findall(r"<circle ", chart)) == 3 * 4
    assert re.findall(r"<title>2026-01-15 \w+: positions (\d+) positions</title>", chart) == ["53"]
    assert len(re.findall(r'class="invalid"', chart)) == 1 and "not a valid org model" in chart
    rows = re.findall(r"<tr><td>(2026-\d\d-\d\d)</td>", section)
    assert rows == ["2026-01-15", "2026-02-10", "2026-02-15", "2026-03-15"]
    assert run("report", "--max-count", "2", "org.json", "-o", "r.html", cwd=repo).code == 2
    (tmp_path / "loose.org.json").write_text(json.dumps(versions()[2]))
    outside = run("report", "--history", "loose.org.json", "-o", "r.html")
    assert outside.code == 2 and "loose.org.json: not in a git repository" in outside.err
    assert not (tmp_path / "r.html").exists()


def test_hostile_commit_subjects_are_escaped_in_every_format(run, tmp_path):
    """A commit subject is anyone's to write: an escape sequence, a bidi override or a
    spreadsheet formula reaches no reader as such."""
    repo = tmp_path / "repo"
    commit_versions(repo, versions()[:1])
    (repo / "org.json").write_text(json.dumps(versions()[2], indent=2))
    git(repo, "add", ".")
    hostile = "=HYPERLINK(\"http://evil\")\x1b[2J\u202eevil\x07"
    git(repo, "commit", "-q", "-m", hostile, date="2026-02-15T12:00:00+00:00")
    text = run("history", "org.json", cwd=repo).out
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert '=HYPERLINK("http://evil")\\x1b[2J\\u202eevil\\x07' in text
    raw = run("history", "--format", "json", "org.json", cwd=repo).out
    assert "\x1b" not in raw and "\u202e" not in raw
    assert "\\u202e" in raw  # the override as a visible JSON escape
    assert json.loads(raw)["commits"][1]["subject"] == hostile  # the data itself is kept
    table = list(csv.DictReader(io.StringIO(run("history", "--format", "csv", "org.json", cwd=repo).out)))
    assert table[1]["subject"].startswith("'=HYPERLINK(")  # a spreadsheet shows it as text
    assert "\x1b" not in table[1]["subject"]

"""The report draws the coordination clusters over the unit tree and shows the grade x
span table; looked at in a real headless Chromium where it matters (what a reader sees:
rows, indentation, marks), in the HTML itself elsewhere. (`what-if --format html`:
tests/test_what_if.py.)"""
import json

from browser import Browser
from conftest import EXAMPLES
from test_coordination import model as coordination_model

RENDERED = "document.body.dataset.rendered !== 'no'"


def _rows(page):
    """(unit, indentation in px, marked clusters) of each row of the cluster table, as drawn."""
    return page.evaluate("""[...document.querySelectorAll('#cluster-tree tbody tr')].map(tr => {
        const name = tr.cells[0];
        const left = name.getBoundingClientRect().left + parseFloat(getComputedStyle(name).paddingLeft);
        const marks = [...tr.cells].slice(1).map((td, i) => td.textContent.includes('●') ? 'C' + (i + 1) : null)
            .filter(x => x);
        return [name.innerText.trim(), Math.round(left), marks];
    })""")


def test_clusters_over_the_unit_tree_in_a_browser(run, tmp_path):
    # Team A (Dept One) and Team C (Dept Two) hand work to each other: one cluster across the tree
    flows = [("a", "c"), ("c", "a"), ("a", "c"), ("b", "d")]
    (tmp_path / "org.json").write_text(json.dumps(coordination_model(flows)))
    assert run("report", "org.json", "-o", "report.html").code == 0
    with Browser() as browser:
        page = browser.open(tmp_path / "report.html", ready=RENDERED)
        rows = _rows(page)
        names = [r[0] for r in rows]
        assert names == ["Top", "Dept One", "Team A", "Team B", "Dept Two", "Team C", "Team D"]
        indent = {r[0]: r[1] for r in rows}
        assert indent["Top"] < indent["Dept One"] < indent["Team A"] == indent["Team B"]
        assert indent["Dept One"] == indent["Dept Two"] and indent["Team C"] == indent["Team A"]
        marks = {r[0]: r[2] for r in rows}
        crossing = page.evaluate("[...document.querySelectorAll('#cluster-legend li[data-crosses=true]')]"
                                 ".map(li => [li.dataset.cluster, li.innerText])")
        # two clusters, each across the departments: a team of Dept One with a team of Dept Two
        assert sorted(text.split(" (")[0].split(": ")[1] for _label, text in crossing) == [
            "Team A, Team C", "Team B, Team D"]
        for label, text in crossing:
            assert "100% of their coordination is with each other); across the units of Top: consider grouping " \
                   "them by the work" in text
            teams = text.split(" (")[0].split(": ")[1].split(", ")
            # marked in the rows of its two teams, and nowhere else
            assert [n for n, m in marks.items() if label in m] == teams
        assert page.evaluate("document.querySelector('#coordination-clusters').innerText") == \
            "Coordination clusters over the units"
        assert page.console_errors == []


def test_no_clusters_is_said_not_drawn(run, tmp_path):
    (tmp_path / "org.json").write_text(json.dumps(coordination_model([]) | {"processes": []}))
    result = run("report", "org.json", "-o", "report.html")
    assert result.code == 0, result.err
    out = (tmp_path / "report.html").read_text()
    assert 'id="clusters-none"' in out and 'id="cluster-tree"' not in out


def test_the_report_has_the_grade_span_table(run, tmp_path):
    assert run("report", str(EXAMPLES / "command-and-control.org.json"), "-o", "report.html").code == 0
    out = (tmp_path / "report.html").read_text()
    stats = json.loads(run("stats", "--format", "json", str(EXAMPLES / "command-and-control.org.json")).out)
    start = out.index('<table class="grade-spans">')
    table = out[start:out.index("</table>", start)]
    grades = [r["grade"] for r in stats["grade_spans"]["rows"]]
    assert [table.index(f"<td>{g}</td>") for g in grades] == sorted(table.index(f"<td>{g}</td>") for g in grades)
    assert "<td>Team Leader</td><td class=\"n\">4</td><td class=\"n\">4</td><td class=\"n\">7.5</td>" in table

"""`orgcheck graph`: Mermaid and DOT that real renderers accept (Mermaid in Chromium,
Graphviz as Viz.js, the renderer the HTML report inlines), marked by severity."""
import json

from browser import Browser, need
from conftest import EXAMPLES, ROOT

MERMAID = ROOT / "tests" / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
VIZ = ROOT / "orgcheck" / "views" / "assets" / "viz-global.js"
CC = str(EXAMPLES / "command-and-control.org.json")

HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body data-done="no">
<script src="%(mermaid)s"></script><script src="%(viz)s"></script>
<script type="application/json" id="cases">%(cases)s</script>
<script>
(async function () {
  const cases = JSON.parse(document.getElementById("cases").textContent), results = [];
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  const viz = await Viz.instance();
  for (const [i, c] of cases.entries()) {
    try {
      if (c.format === "mermaid") {
        const {svg} = await mermaid.render("m" + i, c.text);
        const box = document.createElement("div");
        box.innerHTML = svg;
        document.body.appendChild(box);
        results.push({ok: true, nodes: box.querySelectorAll("g.node").length, text: box.textContent});
      } else {
        const svg = viz.renderSVGElement(c.text);
        results.push({ok: true, nodes: svg.querySelectorAll("g.node").length, text: svg.textContent});
      }
    } catch (e) { results.push({ok: false, error: String(e && e.message || e)}); }
  }
  window.results = results;
  document.body.dataset.done = "yes";
})();
</script></body></html>"""


def render_all(tmp_path, cases):
    """Render each (format, text) in a real browser: [{ok, nodes, text} or {ok: False, error}]."""
    need(MERMAID.is_file(), "needs the Mermaid renderer, which is missing: `npm ci --prefix tests/js` installs it")
    page_file = tmp_path / "harness.html"
    data = json.dumps([{"format": f, "text": t} for f, t in cases]).replace("</", "<\\/")
    page_file.write_text(HARNESS % {"mermaid": MERMAID.as_uri(), "viz": VIZ.as_uri(), "cases": data})
    with Browser() as browser:
        page = browser.open(page_file, ready="document.body.dataset.done === 'yes'")
        assert page.console_errors == []
        return page.evaluate("window.results")


def test_every_view_in_both_formats_renders(run, tmp_path):
    cases = []
    for model in (CC, str(EXAMPLES / "healthy.org.json")):
        for view in ("org", "units", "process"):
            for fmt in ("mermaid", "dot"):
                result = run("graph", model, "--view", view, "--format", fmt)
                assert result.code == 0, result.err
                cases.append((fmt, result.out))
    results = render_all(tmp_path, cases)
    assert [r.get("error") for r in results if not r["ok"]] == []
    org_mermaid, org_dot = results[0], results[1]
    assert org_mermaid["nodes"] == org_dot["nodes"] == 53  # every person of the example
    assert "Mark Doyle" in org_mermaid["text"] and "OC101" in org_dot["text"]
    process_mermaid = results[4]
    assert "Team leader approves the settlement" in process_mermaid["text"]


def test_findings_and_step_kinds_are_marked(run):
    org = run("graph", CC).out
    assert org.startswith('---\ntitle: "Reporting lines: Kestrel Mutual Insurance, Claims Division"\n---\n'
                          'flowchart LR\n')
    doyle = next(line for line in org.splitlines() if "Mark Doyle" in line)
    key = doyle.split('["')[0].strip()
    assert doyle.endswith('span 12 · supervisor<br/>OC101"]')
    warned = next(line for line in org.splitlines() if line.startswith("  class ") and line.endswith(" warning"))
    assert key in warned[len("  class "):-len(" warning")].split(",")
    assert "classDef warning stroke:#ef6c00,stroke-width:3px" in org
    dot = run("graph", CC, "--view", "process:pr-motor", "--format", "dot").out
    approval = next(line for line in dot.splitlines() if '[label="Team leader approves the settlement' in line)
    assert 'shape="hexagon"' in approval and 'color="#ef6c00"' in approval and "OC202, OC203" in approval
    assert '[style=dashed, color="#2e7d32", penwidth=1.5]' in dot  # the feedback flow


def test_large_trees_are_cut_and_summarized(run, tmp_path):
    people = [{"id": "top", "name": "Top"}]
    for i in range(30):
        people.append({"id": f"m{i}", "name": f"M{i}", "reports_to": "top"})
        for j in range(15):
            people.append({"id": f"p{i}-{j}", "name": f"P{i}-{j}", "reports_to": f"m{i}"})
    (tmp_path / "big.org.json").write_text(json.dumps({"organization": {"id": "b", "name": "Big"}, "people": people}))
    auto = run("graph", "big.org.json").out
    assert auto.count('["') == 1 + 30 + 30  # top, managers, one summary per manager
    assert '["15 people below"]' in auto and "%% 2 of 3 layers shown" in auto
    full = run("graph", "big.org.json", "--depth", "0", "--format", "dot").out
    assert full.count("[label=") == 1 + 30 + 450
    assert run("graph", "big.org.json", "--depth", "1").out.count('["') == 2  # top and "465 people below"


def test_view_mistakes_are_one_line_errors(run):
    result = run("graph", CC, "--view", "process:pr-motro")
    assert result.code == 2
    assert result.err.startswith("orgcheck: error: no process 'pr-motro' in ")
    assert "did you mean 'pr-motor'?" in result.err
    assert run("graph", CC, "--view", "people").err.startswith("orgcheck: error: unknown view 'people'")

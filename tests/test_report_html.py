"""`orgcheck report`: one self-contained HTML file, opened in a real headless Chromium."""
import json
import re

from browser import Browser
from conftest import EXAMPLES, benchmark

RENDERED = "document.body.dataset.rendered !== 'no'"


def test_report_of_the_command_and_control_example_in_a_browser(run, tmp_path):
    result = run("report", str(EXAMPLES / "command-and-control.org.json"), "-o", "report.html")
    assert (result.code, result.err) == (0, "Wrote report.html\n")
    html = (tmp_path / "report.html").read_text()
    # nothing to fetch: no external address in any src or href, and a policy that forbids it
    markup = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert markup.count("<a ") > 50 and not re.search(r'(src|href)="(?!#)', markup)
    assert not re.search(r"<script[^>]* src=", html)
    assert "default-src 'none'" in html and "Permission is hereby granted" in html  # the renderer's license
    with Browser() as browser:
        page = browser.open(tmp_path / "report.html", ready=RENDERED)
        assert page.evaluate("document.body.dataset.rendered") == "yes"
        assert page.console_errors == []
        assert page.requests == [(tmp_path / "report.html").as_uri()]
        ev = page.evaluate
        assert ev("document.title") == "orgcheck report: Kestrel Mutual Insurance, Claims Division"
        # the trust profile
        card = ev("document.querySelector('#pillar-self-steering').innerText")
        assert card.startswith("Self-steering: 63\n10 of 10 indicators\nspans, layers, vertical control and teams")
        # the indicators as a chart: one drawn bar per indicator, as wide as its share
        assert "managers within the span bound for their type\n54% (7/13)" in card
        widths = ev("[...document.querySelectorAll('#pillar-self-steering svg rect.indicator-bar')]"
                    ".map(r => r.getBBox().width)")
        stats = json.loads(run("stats", "--format", "json", str(EXAMPLES / "command-and-control.org.json")).out)
        shares = [i["value"] or 0 for i in stats["profile"]["self-steering"]["indicators"]]
        bar = max(w / v for w, v in zip(widths, shares, strict=True) if v)  # the full width a share of 1 would take
        assert len(widths) == len(shares) and [round(w) for w in widths] == [round(bar * v) for v in shares]
        # the org chart: every person a box, Mark Doyle's outlined for OC101 and linked to his findings
        assert ev("document.querySelectorAll('#diagram-org svg g.node').length") == 53
        assert "OC101" in ev("document.querySelector('#node-entity-p-doyle').textContent")
        assert ev("document.querySelector('#node-entity-p-doyle a').href.baseVal") == "#entity-p-doyle"
        # each process diagram, with its steps
        assert ev("document.querySelectorAll('#processes svg').length") == 4
        assert "Team leader approves the settlement" in ev("document.querySelector('#diagram-process-1').textContent")
        # findings grouped by pillar, linked to their entities
        headings = ev("[...document.querySelectorAll('#findings h3')].map(h => h.textContent)")
        assert headings[:4] == ["Self-steering (27)", "Professionalism (8)", "Context (16)",
                                "Integrity and waivers (1)"]
        link = ev("[...document.querySelectorAll('#findings li a')].find(a => a.textContent === 'p-doyle')"
                  ".getAttribute('href')")
        assert link == "#entity-p-doyle" and ev("document.getElementById('entity-p-doyle').innerText").startswith(
            "Mark Doyle person p-doyle")
        # the stats, with each manager's span against the bound for their type
        row = ev("[...document.querySelectorAll('#stats tr')]"
                 ".find(r => r.innerText.startsWith('Mark Doyle')).innerText")
        assert row.split("\t") == ["Mark Doyle", "supervisor", "4", "12", "3-10", "wide"]


def test_a_large_model_gives_a_report_that_opens(run, tmp_path):
    generate = benchmark("generate")
    (tmp_path / "big.org.json").write_bytes(generate.generate(people=3000, processes=40, seed=7))
    assert run("report", "big.org.json", "-o", "big.html").code == 0
    with Browser() as browser:
        page = browser.open(tmp_path / "big.html", ready=RENDERED)
        assert page.evaluate("document.body.dataset.rendered") == "yes"
        assert page.console_errors == []
        boxes = page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length")
        assert 50 < boxes <= 400  # cut at a depth, not 3,000 boxes
        summaries = page.evaluate("[...document.querySelectorAll('#diagram-org svg g.node')]"
                                  ".filter(g => / people below| more direct reports/.test(g.textContent)).length")
        assert summaries > 0
        assert page.evaluate("document.querySelectorAll('#processes svg').length") == 40


def test_report_needs_an_output_and_a_valid_model(run, tmp_path):
    assert run("report", str(EXAMPLES / "healthy.org.json")).code == 2
    (tmp_path / "bad.org.json").write_text(json.dumps({"people": []}))
    result = run("report", "bad.org.json", "-o", "r.html")
    assert result.code == 2 and "not a valid org model" in result.err and not (tmp_path / "r.html").exists()

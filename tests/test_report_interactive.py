"""The HTML report's interactive parts, used in a real headless Chromium with real
mouse clicks and typing: search, opening and closing subtrees of the org chart,
click-to-highlight from a finding, and the finding filters; on both examples and on
a 10,000-person generated model."""
import json

import pytest
from browser import Browser
from conftest import EXAMPLES, benchmark

from orgcheck.views.graph import anchor

RENDERED = "document.body.dataset.rendered !== 'no'"


def report(run, tmp_path, model, name="report.html"):
    result = run("report", str(model), "-o", name)
    assert result.code == 0, result.err
    return tmp_path / name


def q(selector):
    return json.dumps(selector)


def click(page, selector):
    """A real mouse click in the middle of the element (scrolled into view first)."""
    box = page.evaluate(f"(() => {{ const el = document.querySelector({q(selector)}); "
                        "el.scrollIntoView({block: 'center'});"
                        " const r = el.getBoundingClientRect(); "
                        "return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    for kind in ("mousePressed", "mouseReleased"):
        page.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                               "clickCount": 1})


def type_text(page, selector, text):
    page.evaluate(f"(() => {{ const el = document.querySelector({q(selector)}); el.focus(); el.select(); }})()")
    page.send("Input.insertText", {"text": text})


def exists(page, selector):
    return page.evaluate(f"document.querySelector({q(selector)}) !== null")


def highlighted(page):
    return page.evaluate("[...document.querySelectorAll('.diagram .hl')].map(g => g.id)")


def search_and_jump(page, text, entity_id):
    type_text(page, "#search", text)
    results = page.evaluate("[...document.querySelectorAll('#search-results li[data-anchor]')]"
                            ".map(li => li.dataset.anchor)")
    assert anchor(entity_id) in results
    click(page, f"#search-results li[data-anchor='{anchor(entity_id)}']")
    assert page.evaluate("document.getElementById('search-results').hidden")


def a_manager_below_the_top(model):
    people = model["people"]
    managers = {p.get("reports_to") for p in people}
    top = next(p for p in people if not p.get("reports_to"))
    manager = next(p for p in people if p.get("reports_to") == top["id"] and p["id"] in managers)
    return manager, [p for p in people if p.get("reports_to") == manager["id"]]


def deepest(model):
    """The person with the longest reporting line above them."""
    boss = {p["id"]: p.get("reports_to") for p in model["people"]}

    def depth(pid):
        seen = set()
        while pid in boss and pid not in seen:
            seen.add(pid)
            pid = boss[pid]
        return len(seen)

    return max(model["people"], key=lambda p: depth(p["id"]))


@pytest.mark.parametrize("example", ["command-and-control", "healthy"])
def test_search_and_subtrees_on_the_examples(run, tmp_path, example):
    path = EXAMPLES / f"{example}.org.json"
    model = json.loads(path.read_text())
    with Browser() as browser:
        page = browser.open(report(run, tmp_path, path), ready=RENDERED)
        assert page.evaluate("document.body.dataset.rendered") == "yes"
        # typing part of a person's name lists them; choosing them highlights their box
        person = model["people"][-1]
        search_and_jump(page, person["name"].split()[-1][:5].lower(), person["id"])
        assert highlighted(page) == [f"node-{anchor(person['id'])}"]
        assert page.evaluate("document.getElementById('org-selection').innerText").startswith(person["name"])
        # a unit by its id: highlighted in the unit tree
        unit = model["units"][-1]
        search_and_jump(page, unit["id"], unit["id"])
        assert highlighted(page) == [f"node-{anchor(unit['id'])}"]
        assert exists(page, f"#diagram-units #node-{anchor(unit['id'])}")
        # a role: its holders are highlighted in the org chart
        role = next(r for r in model.get("roles", [])
                    if sum(r["id"] in p.get("roles", []) for p in model["people"]) > 1)
        holders = [f"node-{anchor(p['id'])}" for p in model["people"] if role["id"] in p.get("roles", [])]
        search_and_jump(page, role["name"].lower(), role["id"])
        assert sorted(highlighted(page)) == sorted(holders)
        # closing a manager's subtree hides their reports behind one dashed box, which opens them again
        manager, reports = a_manager_below_the_top(model)
        node = f"#diagram-org #node-{anchor(manager['id'])}"
        before = page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length")
        click(page, node)
        for r in reports:
            assert not exists(page, f"#node-{anchor(r['id'])}")
        more = f"#diagram-org #more-{anchor(manager['id'])}"
        assert "people below" in page.evaluate(f"document.querySelector({q(more)}).textContent")
        assert page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length") < before
        click(page, more)
        assert all(exists(page, f"#diagram-org #node-{anchor(r['id'])}") for r in reports)
        assert page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length") == before
        assert page.console_errors == []
        assert page.requests == [page.evaluate("location.href")]


def _counts(run, model):
    """The example's findings, all and in the context pillar, as ``orgcheck lint`` counts them."""
    pillar = {r["code"]: r["pillar"] for r in json.loads(run("rules", "--format", "json").out)}
    found = json.loads(run("lint", "--format", "json", str(model)).out)["findings"]
    return len(found), sum(1 for f in found if pillar[f["rule"]] == "context")


def test_findings_highlight_their_entity_and_filter_on_an_example(run, tmp_path):
    total, context = _counts(run, EXAMPLES / "command-and-control.org.json")
    with Browser() as browser:
        page = browser.open(report(run, tmp_path, EXAMPLES / "command-and-control.org.json"), ready=RENDERED)
        ev = page.evaluate
        # a finding about a person: their box in the org chart
        click(page, "#findings li[data-target='entity-p-doyle'] code")
        assert highlighted(page) == ["node-entity-p-doyle"]
        assert ev("document.querySelector('#findings li.chosen').dataset.target") == "entity-p-doyle"
        # a finding about a process step: the step in its process diagram
        step = ev("[...document.querySelectorAll('#findings li[data-target]')].map(li => li.dataset.target)"
                  ".find(t => document.querySelector('#processes #node-' + t))")
        click(page, f"#findings li[data-target='{step}'] code")
        assert highlighted(page) == [f"node-{step}"] and exists(page, f"#processes #node-{step}.hl")
        # filters: a pillar, then a severity
        assert ev("document.getElementById('finding-count').textContent") == f"Showing {total} of {total} findings"
        click(page, "#finding-filters input[value='context']")
        assert (ev("document.getElementById('finding-count').textContent")
                == f"Showing {total - context} of {total} findings")
        assert ev("[...document.querySelectorAll('ul[data-pillar=context] li')].every(li => li.hidden)")
        assert ev("document.querySelector('ul[data-pillar=context]').previousElementSibling.hidden")
        click(page, "#finding-filters input[value='warning']")
        visible = ev("[...document.querySelectorAll('#findings li[data-severity]')].filter(li => !li.hidden)"
                     ".map(li => li.dataset.severity)")
        assert visible and set(visible) <= {"info", "error"}
        assert (ev("document.getElementById('finding-count').textContent")
                == f"Showing {len(visible)} of {total} findings")
        click(page, "#finding-filters input[value='context']")
        click(page, "#finding-filters input[value='warning']")
        assert ev("document.getElementById('finding-count').textContent") == f"Showing {total} of {total} findings"
        assert page.console_errors == []


def test_names_stay_text_in_search_results_and_the_chart(run, tmp_path):
    hostile = '</script><img src=x onerror="document.title=1">'
    model = {"organization": {"id": "o", "name": "O"},
             "people": [{"id": "boss", "name": "Boss"},
                        {"id": "x\"y", "name": hostile, "reports_to": "boss"},
                        {"id": "z", "name": "Zed", "reports_to": "boss"}]}
    (tmp_path / "org.json").write_text(json.dumps(model))
    with Browser() as browser:
        page = browser.open(report(run, tmp_path, tmp_path / "org.json"), ready=RENDERED)
        type_text(page, "#search", "img src")
        assert page.evaluate("document.querySelector('#search-results li strong').textContent") == hostile
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        click(page, "#search-results li[data-anchor]")
        assert highlighted(page) == ["node-" + anchor('x"y')]
        assert page.evaluate("document.title") == "orgcheck report: O"
        assert page.console_errors == [] and len(page.requests) == 1


def test_a_10000_person_model(run, tmp_path):
    generate = benchmark("generate")
    data = generate.generate(people=10000, processes=200, seed=1)
    (tmp_path / "big.org.json").write_bytes(data)
    model = json.loads(data)
    with Browser() as browser:
        page = browser.open(report(run, tmp_path, tmp_path / "big.org.json"), ready=RENDERED, timeout=300)
        ev = page.evaluate
        assert ev("document.body.dataset.rendered") == "yes"
        start = ev("document.querySelectorAll('#diagram-org svg g.node').length")
        assert 50 < start <= 400
        # a person far below what is drawn at first: search by id, open the way down to them
        person = deepest(model)
        assert not exists(page, f"#node-{anchor(person['id'])}")
        search_and_jump(page, person["id"], person["id"])
        assert highlighted(page) == [f"node-{anchor(person['id'])}"]
        # a finding about a person who is not drawn: clicking it draws and highlights them
        target = ev("[...document.querySelectorAll('#findings li[data-target]')]"
                    ".filter(li => li.querySelector('code').textContent === 'OC102')"
                    ".map(li => li.dataset.target).find(t => !document.getElementById('node-' + t))")
        assert target
        click(page, f"#findings li[data-target='{target}'] code")
        assert highlighted(page) == [f"node-{target}"]
        # filters
        total = ev("document.querySelectorAll('#findings li[data-severity]').length")
        click(page, "#finding-filters input[value='self-steering']")
        left = ev("[...document.querySelectorAll('#findings li[data-severity]')].filter(li => !li.hidden).length")
        assert 0 < left < total and ev("document.getElementById('finding-count').textContent") == (
            f"Showing {left} of {total} findings")
        # closing the top of the tree leaves its box and one dashed box below it
        top = next(p for p in model["people"] if not p.get("reports_to"))
        click(page, "#org-reset")
        click(page, f"#diagram-org #node-{anchor(top['id'])}")
        assert ev("[...document.querySelectorAll('#diagram-org svg g.node')].map(g => g.id)").count(
            f"more-{anchor(top['id'])}") == 1
        assert not exists(page, f"#node-{anchor(person['id'])}")
        assert page.console_errors == []


def test_a_subtree_too_big_to_draw_is_refused_with_a_message(run, tmp_path):
    people = [{"id": "boss", "name": "Boss"}] + [{"id": f"p{i}", "name": f"P{i}", "reports_to": "boss"}
                                                  for i in range(2500)]
    (tmp_path / "org.json").write_text(json.dumps({"organization": {"id": "o", "name": "O"}, "people": people}))
    with Browser() as browser:
        page = browser.open(report(run, tmp_path, tmp_path / "org.json"), ready=RENDERED)
        assert "2500 people below" in page.evaluate("document.querySelector('#more-entity-boss').textContent")
        click(page, "#diagram-org #more-entity-boss")
        assert page.evaluate("document.getElementById('org-note').textContent") == (
            "Opening Boss would draw 2501 boxes, more than 2000 can be drawn at once: close other subtrees "
            "first, or search for the person you want.")
        assert page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length") == 2
        # a search still shows one of them: the way down to them, the others behind the dashed box
        search_and_jump(page, "p2499", "p2499")
        assert highlighted(page) == ["node-entity-p2499"]
        assert sorted(page.evaluate("[...document.querySelectorAll('#diagram-org svg g.node')].map(g => g.id)")) == [
            "more-entity-boss", "node-entity-boss", "node-entity-p2499"]
        click(page, "#diagram-org #more-entity-boss")  # still too many to open whole
        assert "would draw 2501 boxes" in page.evaluate("document.getElementById('org-note').textContent")
        assert page.evaluate("document.querySelectorAll('#diagram-org svg g.node').length") == 3
        assert page.console_errors == []

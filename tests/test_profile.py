"""The trust profile as indicators (issue 14 part 1) and rules not assessed on what a
source cannot express (issue 13 item 4), through the real CLI."""
import json
import re

from conftest import EXAMPLES, ROOT

BPMN = ROOT / "tests" / "data" / "realdata" / "bpmn-miwg-reference"
PILLARS = ("self-steering", "professionalism", "context")
ROLE_RULES = {"OC402", "OC403", "OC404", "OC406", "OC304", "OC305", "OC306"}


def test_bpmn_reference_models_get_no_finding_about_what_bpmn_cannot_say(run):
    files = sorted(BPMN.glob("*.bpmn"))
    assert len(files) == 21
    result = run("lint", "--format", "json", "--exit-zero", *map(str, files))
    report = json.loads(result.out)
    assert not {f["rule"] for f in report["findings"]} & ROLE_RULES
    skipped = {(r["file"], r["rule"]) for r in report["summary"]["rules_not_assessed"]}
    assert {f for f, _ in skipped} == set(map(str, files))
    assert all((str(f), code) in skipped for f in files for code in ROLE_RULES)


def test_lint_statistics_on_bpmn_says_what_was_not_assessed_and_why(run):
    out = run("lint", "--statistics", str(BPMN / "C.4.0.bpmn")).out
    assert ("  OC402 role-without-purpose: BPMN has no role definitions (purposes, accountabilities, "
            "domains, standards)\n") in out
    assert "  OC305 process-without-metric: BPMN has no metrics\n" in out
    assert "  OC301 process-without-feedback: BPMN has no feedback steps or flows\n" in out
    assert "  professionalism: not assessed (0 of 5 indicators)\n" in out


def test_stats_on_bpmn_scores_professionalism_none_not_100(run):
    out = json.loads(run("stats", "--format", "json", str(BPMN / "C.4.0.bpmn")).out)
    pro = out["profile"]["professionalism"]
    assert pro["score"] is None
    assert {i["status"] for i in pro["indicators"]} == {"not assessed"}
    reasons = {r["rule"]: r["reason"] for r in out["not_assessed"]}
    assert reasons["OC403"] == "BPMN has no role definitions (purposes, accountabilities, domains, standards)"
    assert reasons["OC306"] == "BPMN has no metrics"
    assert "OC201" not in reasons  # approvals per work step: BPMN has processes
    text = run("stats", str(BPMN / "C.4.0.bpmn")).out
    assert "  OC404 unfilled-role: BPMN has no record of who holds which role\n" in text
    table = run("stats", "--format", "csv", str(BPMN / "C.4.0.bpmn")).out
    assert "not_assessed,OC402,reason,\"BPMN has no role definitions (purposes, accountabilities, domains, " \
           "standards)\"\n" in table
    assert "profile,professionalism,score,\n" in table


def test_a_csv_export_is_not_judged_on_roles_or_processes(run, tmp_path):
    (tmp_path / "people.csv").write_text("id,name,reports_to\nceo,Ann,\na,Bo,ceo\nb,Cy,ceo\nc,Di,ceo\n")
    out = json.loads(run("stats", "--format", "json", str(tmp_path / "people.csv")).out)
    reasons = {r["rule"]: r["reason"] for r in out["not_assessed"]}
    assert reasons["OC401"] == "a CSV export has no record of who holds which role"
    assert reasons["OC301"] == "a CSV export has no processes"
    assert "OC101" not in reasons
    assert out["profile"]["self-steering"]["score"] is not None


def test_the_examples_have_the_profile_and_healthy_scores_higher_on_every_pillar(run):
    healthy = json.loads(run("stats", "--format", "json", str(EXAMPLES / "healthy.org.json")).out)["profile"]
    control = json.loads(run("stats", "--format", "json",
                             str(EXAMPLES / "command-and-control.org.json")).out)["profile"]
    for profile in (healthy, control):
        assert list(profile) == list(PILLARS)
        for pillar in profile.values():
            assert set(pillar) == {"score", "assessed", "total", "warnings", "indicators"} and pillar["indicators"]
            assert pillar["total"] == len(pillar["indicators"])
            assert pillar["assessed"] == sum(i["status"] == "assessed" for i in pillar["indicators"])
            for i in pillar["indicators"]:
                assert {"id", "value", "numerator", "denominator", "status"} <= set(i)
                if i["status"] == "assessed":
                    assert i["value"] == round(i["numerator"] / i["denominator"], 4)
    for pillar in PILLARS:
        assert healthy[pillar]["score"] > control[pillar]["score"], pillar
    # a score is the mean of the assessed indicators
    for pillar in control.values():
        values = [i["value"] for i in pillar["indicators"] if i["status"] == "assessed"]
        assert pillar["score"] == round(100 * sum(values) / len(values))


def test_the_profile_reads_the_same_in_stats_lint_report_and_diff(run, tmp_path):
    model = str(EXAMPLES / "command-and-control.org.json")
    stats = json.loads(run("stats", "--format", "json", model).out)["profile"]
    block = run("stats", model).out.split("\nTrust profile (")[1]  # not the per-unit table's
    lint = run("lint", "--statistics", "--exit-zero", model).out.split("\nTrust profile (")[1]
    assert block.split("\n\n")[0].rstrip() == lint.rsplit("\n", 2)[0].rstrip()
    for pillar, p in stats.items():
        assert f"  {pillar}: {p['score']} ({p['assessed']} of {p['total']} indicators)\n" in lint
        for i in p["indicators"]:
            assert re.search(rf"{re.escape(i['title'])}\s+{round(100 * i['value'])}% "
                             rf"\({i['numerator']} of {i['denominator']}\)", lint)
    run("report", model, "-o", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    for pillar, p in stats.items():
        assert f'id="pillar-{pillar}"' in html
        card = html.split(f'id="pillar-{pillar}"')[1].split('class="pillar"')[0]
        assert f'<span class="score">{p["score"]}</span>' in card
        assert f'<span class="coverage muted">{p["assessed"]} of {p["total"]} indicators</span>' in card
        bars = re.findall(r'data-indicator="([^"]+)" x="\d+" y="\d+" width="([\d.]+)"', card)
        assert [b[0] for b in bars] == [i["id"] for i in p["indicators"]]
        assert [float(b[1]) for b in bars] == [round(200 * i["value"], 1) for i in p["indicators"]]
    diff = json.loads(run("diff", "--format", "json", str(EXAMPLES / "healthy.org.json"), model).out)["profile"]
    for pillar, p in stats.items():
        assert diff[pillar]["after"] == p["score"]
        assert [i["after"] for i in diff[pillar]["indicators"]] == [i["value"] for i in p["indicators"]]
    text = run("diff", str(EXAMPLES / "healthy.org.json"), model).out
    ss = stats["self-steering"]
    assert re.search(rf"  self-steering\s+97 \(10/10\)\s+{ss['score']} \({ss['assessed']}/{ss['total']}\)  \*\n", text)


def test_the_report_on_bpmn_lists_the_rules_not_assessed(run, tmp_path):
    run("report", str(BPMN / "C.4.0.bpmn"), "-o", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    listed = html.split('<details id="not-assessed">')[1].split("</details>")[0]
    assert ("<li><code>OC402</code> role-without-purpose: BPMN has no role definitions (purposes, "
            "accountabilities, domains, standards)</li>") in listed
    card = html.split('id="pillar-professionalism"')[1].split('class="pillar"')[0]
    assert '<span class="score">not assessed</span>' in card
    assert "data-indicator=" not in card  # no bar for what was not measured

"""Issue 26, "Done when": with ``--lang nl`` no English word from orgcheck or click
appears in what a user reads: lint, stats, rules, explain, diff, history, graph, the
report's text and every command's --help, on the examples.

Each output is read as a Dutch reader would: what comes from the data (names, ids,
titles, step names: every string of the example models), identifiers (rule codes and
names, options, schema keys and values in `code` or [brackets], metavars such as
MODEL) and file paths are taken out; what is left must contain none of the common
English words below, each of which is not also a Dutch word.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from orgcheck.api.parts import PARTS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HEALTHY = EXAMPLES / "healthy.org.json"
COMMAND_AND_CONTROL = EXAMPLES / "command-and-control.org.json"

#: common English words that are not Dutch words too: one of them in a Dutch output is an
#: untranslated message (words both languages share, such as "team", "is", "in", "model",
#: "status" or "vacant", cannot tell and are left out)
ENGLISH = frozenset("""
    the and to with without for from not no yes which that this these those are has have had by each every
    all more than below above within narrow wide show findings finding rule rules report processes
    roles role units unit metric metrics approval approvals decision decisions quarterly monthly weekly daily
    yearly cadence trust profile pillar pillars usage options help message exit default such option error
    errors warnings position positions filled staff members bound steps step work doers customer fastest
    average share removed added moved before after changed unchanged introduced resolved tree depth date
    valid invalid file files matches see run print write when where who what why how fix example layer
    layers people person manager managers managers' organization none nobody only also or but if it its
    their they them there here can cannot must should would will be been were one two three reports
    report's level levels cost known self-steering professionalism feedback handoff heavy
    wide narrow one-over-one judged large small deep high slow visible hidden unknown loop loops
    history chart search close below drawn could draw shown showing more holds holder holders
    scores indicators assessed
""".split())

#: words from the data of the examples (names of people, units, processes, steps...)
#: and words that are names in every language
NAMES = frozenset("orgcheck mermaid graphviz dot viz.js webassembly json yaml csv bpmn sarif github git toml".split())


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _enums(schema) -> set[str]:
    """The schema's values (step kinds, cadences, manager types): a sentence must say them in Dutch."""
    if isinstance(schema, dict):
        return set(schema.get("enum", [])) | {v for x in schema.values() for v in _enums(x)}
    if isinstance(schema, list):
        return {v for x in schema for v in _enums(x)}
    return set()


SCHEMA_VALUES = {v for v in _enums(json.loads((ROOT / "schemas" / "org.schema.json").read_text()))
                 if isinstance(v, str)}
DATA = sorted({s for path in (HEALTHY, COMMAND_AND_CONTROL) for s in _strings(json.loads(path.read_text()))
               if len(s) > 1 and s not in SCHEMA_VALUES}, key=len, reverse=True)
DATA_RE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in DATA) + r")(?![\w-])")
IDENTIFIERS = re.compile(
    r"`[^`]*`"                     # code spans: schema keys, options, commands
    r"|\[[^\]\n]*\]"               # [warning], [default: ...], [OPTIONS]
    r"|'[^'\n]*'"                  # quoted names from the data or the command line
    r"|\"[^\"]*\""                 # JSON in examples, titles of sources
    r"|--?[A-Za-z][\w-]*"          # options
    r"|\b[A-Z]{2}\d{3}\b"          # rule codes
    r"|\b(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b"  # commit ids (history): "3be4a1c" holds the letters "be"
    r"|\b[a-z]+(?:-[a-z]+)+\b"     # rule names, schema values (player-coach, self-organizing)
    r"|\b[a-z]+_[a-z_]+\b"         # schema keys (manager_type)
    r"|\b[A-Z][A-Z_]{2,}\b"        # metavars (MODEL, FILE) and environment variables
    r"|\S*[/\\]\S*|\S+\.(?:json|yaml|yml|csv|toml|md|py|html)\b"  # paths and file names
    r"|https?://\S+|\{\w+\}")  # links and the placeholders of the report's script


#: identifiers that are English words, where they are identifiers: the fields --map takes,
#: the presets, the views of graph, the commands (in usage lines and the list of commands)
ALLOWED = re.compile(r"id,\s+name,\s+title,\s+reports_to,\s+unit,\s+fte|strict,\s+all,\s+integrity"
                     r"|\((?:org|units)\)|\w+(?:\|\w+)+"  # --view org|units|process
                     r"|^orgcheck: error:"  # the one-line error's fixed prefix, in every language
                     r"|\borgcheck(?: [a-z-]+)?|^  [a-z-]+(?=  )|Familie: \S+"
                     r"|^[A-Z]{2}\d{3}(?: +\S+){3}"  # rules: code, name, family, severity
                     r"|^\s*class(?:Def)? .*$"  # Mermaid's syntax
                     r"|^  [a-z_]+ = .*$"  # explain's defaults: the config's keys and values
                     r"|\((?:" + "|".join(sorted(SCHEMA_VALUES)) + r")\)", re.M)


#: the parts of the model a rule needs (identifiers a plugin's `needs` names), as the rules
#: table lists them in its needs column: on a rule's row only
PARTS_RE = re.compile(r"(?<=\s)(?:" + "|".join(PARTS) + r")(?:,(?:" + "|".join(PARTS) + r"))*(?=\s)")


def english_words(text: str) -> list[str]:
    """The English words left in a Dutch output once data and identifiers are out."""
    text = re.sub(r"^[A-Z]{2}\d{3}\b.*$", lambda m: PARTS_RE.sub(" ", m.group(0)), text, flags=re.M)
    text = ALLOWED.sub(" ", DATA_RE.sub(" ", text))
    text = IDENTIFIERS.sub(" ", text)
    words = re.findall(r"[^\W\d_][^\W\d_']*", text)
    return sorted({w for w in words if w.lower() in ENGLISH and w.lower() not in NAMES})


def english_numbers(text: str) -> list[str]:
    """Decimals written with a point (3.92) where Dutch writes a comma; versions (0.1.0),
    data and identifiers left out."""
    text = IDENTIFIERS.sub(" ", ALLOWED.sub(" ", DATA_RE.sub(" ", text)))
    return re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text)


def report_text(page: str) -> str:
    """What a reader sees of the HTML report: its text, with the script's sentences
    (the orgcheck-words JSON), without the scripts, styles and data."""
    words = re.search(r'<script type="application/json" id="orgcheck-words">(.*?)</script>', page, re.S)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page))
    sentences = _strings(json.loads(words.group(1))) if words else []
    return visible + "\n" + "\n".join(sentences)


@pytest.fixture
def dutch(run, tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": ""}

    def dutch(*args: str, cwd: Path | None = None) -> str:
        result = run("--lang", "nl", *args, env=env, cwd=cwd)
        assert "Traceback" not in result.err, result.err
        return result.out + result.err

    return dutch


COMMANDS = ["lint", "stats", "rules", "explain", "diff", "history", "graph", "report", "what-if", "import",
            "plugins", "schema"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_page_is_dutch(dutch, command):
    out = dutch(*([command] if command else []), "--help")
    assert "Gebruik:" in out and "Opties:" in out
    assert english_words(out) == [], out


@pytest.mark.parametrize("args", [
    ("lint", str(COMMAND_AND_CONTROL)),
    ("lint", str(HEALTHY)),
    ("lint", "--statistics", str(COMMAND_AND_CONTROL)),
    ("stats", str(COMMAND_AND_CONTROL)),
    ("stats", str(HEALTHY)),
    ("stats", "--by", "unit", str(COMMAND_AND_CONTROL)),
    ("stats", "--by", "layer", str(COMMAND_AND_CONTROL)),
    ("rules",),
    ("explain", "OC101"),
    ("explain", "OC105"),
    ("explain", "OC201"),
    ("explain", "OC301"),
    ("explain", "OC1"),
    ("diff", str(COMMAND_AND_CONTROL), str(HEALTHY)),
    ("what-if", str(COMMAND_AND_CONTROL), str(EXAMPLES / "what-if" / "delayer.yaml")),
    ("graph", str(COMMAND_AND_CONTROL)),
    ("graph", "--view", "units", str(COMMAND_AND_CONTROL)),
    ("graph", "--view", "process", str(COMMAND_AND_CONTROL)),
    ("lint", "--select", "OC999", str(HEALTHY)),
    ("stats", "--bogus", str(HEALTHY)),
    ("stats",),
], ids=lambda a: " ".join(Path(x).name if "/" in x else x for x in a))
def test_every_view_is_dutch(dutch, args):
    out = dutch(*args)
    assert english_words(out) == [], out
    assert english_numbers(out) == [], out


def test_the_history_is_dutch(dutch, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for i, model in enumerate((COMMAND_AND_CONTROL, HEALTHY)):
        (repo / "org.json").write_bytes(model.read_bytes())
        for args in (["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", f"v{i}"]):
            subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    out = dutch("history", "org.json", cwd=repo)
    assert english_words(out) == [], out


def test_the_report_reads_dutch(dutch, tmp_path):
    target = tmp_path / "report.html"
    dutch("report", str(COMMAND_AND_CONTROL), "-o", str(target))
    text = report_text(target.read_text(encoding="utf-8"))
    assert "Vertrouwensprofiel" in text and "toon in het diagram" in text
    assert english_words(text) == [], text
    assert english_numbers(text) == [], text


def test_an_invalid_model_is_said_in_dutch(dutch, tmp_path):
    bad = tmp_path / "bad.org.json"
    bad.write_text('{"schema_version": 1, "people": [{"id": 3}]}')
    out = dutch("stats", str(bad))
    assert "geen geldig organisatiemodel" in out
    assert english_words(out) == [], out


def test_the_word_list_catches_an_english_message():
    """The check can fail: an English sentence from orgcheck is caught, its Dutch is not."""
    assert english_words("Spans (named direct reports): average 3.92; 4 narrow") == [
        "average", "narrow", "reports"]
    assert english_words("Spans (benoemde directe medewerkers): gemiddeld 3,92; 4 smal") == []
    assert english_words("Usage: orgcheck stats [OPTIONS] MODEL") == ["Usage"]
    assert english_words("leidinggevende 'Claims Operations' van `manager_type` player-coach") == []
    assert english_numbers("gemiddeld 3.92, orgcheck 0.1.0") == ["3.92"]
    assert english_numbers("gemiddeld 3,92") == []


# -- numbers, plurals and layouts as Dutch writes them (issue 26 item 2) --------------


def test_decimals_are_written_with_a_comma_in_dutch_and_a_point_in_english(dutch, run):
    lint = dutch("lint", str(COMMAND_AND_CONTROL))
    assert "13 van 53 posities (24,5%) zijn leidinggevenden" in lint
    assert "meer dan 0,25 per werkstap" in lint
    explained = dutch("explain", "OC105")
    assert "(24,5%)" in explained and "24.5%" not in explained
    stats = dutch("stats", str(COMMAND_AND_CONTROL))
    assert "gemiddeld 3,92" in stats and "3.92" not in stats
    assert "(24.5%)" in run("lint", str(COMMAND_AND_CONTROL)).out  # English keeps its point
    json_out = dutch("stats", "--format", "json", str(COMMAND_AND_CONTROL))
    assert '"average": 3.92' in json_out  # machine formats keep their numbers


def test_one_staff_member_is_singular(dutch, tmp_path):
    model = tmp_path / "org.json"
    model.write_text(json.dumps({"schema_version": 1, "organization": {"id": "o", "name": "O"}, "people": [
        {"id": "m", "name": "Mia"}, {"id": "a", "name": "Ann", "reports_to": "m"},
        {"id": "b", "name": "Bob", "reports_to": "m"},
        {"id": "g", "name": "Grade 7", "reports_to": "a", "x-aggregate": True, "fte": 1}]}))
    out = dutch("stats", str(model))
    assert "plus 1 medewerker in 1 salarisschaal" in out, out


def test_the_diffs_profile_columns_line_up_under_longer_dutch_labels(dutch):
    out = dutch("diff", str(COMMAND_AND_CONTROL), str(HEALTHY))
    block = out.split("Vertrouwensprofiel (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    header, rows = block[0], [line.removesuffix("  *") for line in block[1:]]
    # every row as long as the header: no label pushes its values out of their column
    assert max(len(line) for line in rows) == len(header) == min(len(line) for line in rows), block
    assert all(re.fullmatch(r" +\S.*\S +\S+(?: \(\d+/\d+\))? +\S+(?: \(\d+/\d+\))?", line) for line in rows), block


def test_the_reports_bars_start_after_the_longest_dutch_label(dutch, tmp_path):
    target = tmp_path / "report.html"
    dutch("report", str(COMMAND_AND_CONTROL), "-o", str(target))
    page = target.read_text(encoding="utf-8")
    for chart in re.findall(r'<svg class="profile-chart".*?</svg>', page, re.S):
        labels = [html.unescape(t) for t in re.findall(r'<text x="0" [^>]*>([^<]*)</text>', chart)]
        bar_x = {float(x) for x in re.findall(r'<rect x="([\d.]+)"', chart)}
        assert len(bar_x) == 1
        # 12 px text is at most about 6.3 px a character wide
        assert bar_x.pop() >= 6.3 * max(len(label) for label in labels), labels

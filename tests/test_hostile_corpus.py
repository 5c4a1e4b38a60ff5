"""The hostile corpus (tests/hostile/) through every command and every output format:
exit status 0, 1 or 2 with no traceback, and in no output a raw control sequence, a
forged workflow command, Markdown, Mermaid directive or script text from the data."""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from pathlib import Path

import pytest

from tests.hostile import (
    FILE_NAMES,
    FORBIDDEN,
    LINE_COMMAND,
    STRINGS,
    hostile_model,
    people_csv,
    people_yaml,
    write_model,
)

# (command line, the output's context, the file it writes or None for standard output)
CASES: dict[str, tuple[list[str], str, str | None]] = {}
for fmt in ("text", "json", "sarif", "github"):
    CASES[f"lint {fmt}"] = (["lint", "--format", fmt, "org.json"], fmt, None)
    CASES[f"lint {fmt} folder"] = (["lint", "--format", fmt, "names"], fmt, None)
    CASES[f"lint {fmt} --output"] = (["lint", "--format", fmt, "--output", "out.txt", "org.json"], fmt, "out.txt")
for fmt in ("text", "json", "csv"):
    CASES[f"stats {fmt}"] = (["stats", "--format", fmt, "org.json"], fmt, None)
    CASES[f"stats {fmt} -o"] = (["stats", "--format", fmt, "org.json", "-o", "out.txt"], fmt, "out.txt")
for fmt in ("text", "json", "markdown"):
    CASES[f"diff {fmt}"] = (["diff", "--format", fmt, "old.json", "org.json"], fmt, None)
    CASES[f"diff {fmt} names"] = (["diff", "--format", fmt, f"names/{FILE_NAMES[0]}", f"names/{FILE_NAMES[1]}"],
                                  fmt, None)
for fmt in ("mermaid", "dot"):
    for view in ("org", "units", "process"):
        CASES[f"graph {fmt} {view}"] = (["graph", "--format", fmt, "--view", view, "org.json"], fmt, None)
    CASES[f"graph {fmt} -o"] = (["graph", "--format", fmt, "org.json", "-o", "out.txt"], fmt, "out.txt")
CASES["report html"] = (["report", "org.json", "-o", "report.html"], "html", "report.html")
CASES["report html names"] = (["report", f"names/{FILE_NAMES[2]}", "-o", "report.html"], "html", "report.html")
CASES["import csv"] = (["import", "csv", "people.csv"], "json", None)
CASES["import yaml"] = (["import", "yaml", "people.yaml", "-o", "out.json"], "json", "out.json")
CASES["import yaml model"] = (["import", "yaml", "org.yaml"], "json", None)
CASES["explain"] = (["explain", "OC101"], "text", None)
for i, s in enumerate(STRINGS[:8]):
    CASES[f"explain hostile {i}"] = (["explain", s.replace("\x00", "")], "text", None)
    CASES[f"lint missing file {i}"] = (["lint", s.replace("\x00", "") + ".org.json"], "text", None)
CASES["rules"] = (["rules"], "text", None)
CASES["plugins"] = (["plugins"], "text", None)
CASES["schema"] = (["schema"], "json", None)
CASES["rules json"] = (["rules", "--format", "json"], "json", None)
CASES["lint stdin-filename"] = (["lint", "--stdin-filename", FILE_NAMES[1], "--format", "github", "-"], "github",
                                None)


@functools.cache
def _clean_report_scripts() -> int:
    """How many script elements a report of a harmless model has: the page's own."""
    import subprocess
    import tempfile

    from conftest import EXAMPLES, orgcheck_command

    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "clean.html")
        subprocess.run([*orgcheck_command(), "report", str(EXAMPLES / "healthy.org.json"), "-o", out],
                       check=True, capture_output=True)
        with open(out, encoding="utf-8") as f:
            return f.read().count("<script")


GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,:\r\n]*(,line=\d+,col=\d+)?,title=[^,:\r\n]*::[^\r\n]*$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    here = tmp_path_factory.mktemp("hostile")
    model = hostile_model()
    write_model(here / "org.json", model)
    old = hostile_model(extra=" (old)")
    old["people"] = old["people"][:-5]
    old["units"] = old["units"][:-1]
    write_model(here / "old.json", old)
    # JSON is YAML, but YAML has no escape for a lone surrogate.
    (here / "org.yaml").write_text(json.dumps(model, indent=2).replace("\\udfff", "?"), encoding="utf-8")
    (here / "people.csv").write_text(people_csv(), encoding="utf-8", errors="surrogatepass")
    (here / "people.yaml").write_text(people_yaml(), encoding="utf-8")
    (here / "names").mkdir()
    for name in FILE_NAMES:
        write_model(here / "names" / name, model)
    return here


def _check_common(text: str, where: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in text, f"{where}: raw {bad!r} in the output"
    assert "Traceback" not in text, where


def _check_context(text: str, context: str, where: str) -> None:
    lines = text.splitlines()
    if context == "github":
        for line in lines:
            assert GITHUB_LINE.match(line), f"{where}: not one workflow command: {line!r}"
    else:
        for line in lines:
            assert not LINE_COMMAND.match(line), f"{where}: a line that GitHub runs as a command: {line!r}"
    if context in ("json", "sarif"):
        def no_constant(name: str) -> None:
            raise AssertionError(f"{where}: {name} in JSON")

        json.loads(text, parse_constant=no_constant)
    elif context == "markdown":
        assert [line for line in lines if line.startswith("#")] == [lines[0]], f"{where}: a forged heading"
        assert "<!--" not in text and "<b>" not in text, f"{where}: raw HTML"
        assert not re.search(r"(?<!\\)\]\(", text), f"{where}: a link or image"
        assert not re.search(r"(?<![\w\\])@\w", text), f"{where}: a mention"
        assert "https://" not in text and "www.evil" not in text, f"{where}: an autolink"
    elif context == "mermaid":
        for line in lines:
            assert line.count('"') % 2 == 0, f"{where}: a quote breaks out of a label: {line!r}"
            assert "%%" not in line or line.startswith("  %% "), f"{where}: a directive: {line!r}"
            assert "<" not in line.replace("<br/>", ""), f"{where}: markup in a label: {line!r}"
    elif context == "dot":
        for line in lines:
            assert len(re.findall(r'(?<!\\)(?:\\\\)*"', line)) % 2 == 0, f"{where}: a quote breaks out: {line!r}"
    elif context == "html":
        scripts = _clean_report_scripts()
        assert text.count("<script") == scripts == text.count("</script"), f"{where}: script text from the data"
        assert "<script>alert" not in text and "<!--<script" not in text, f"{where}: script text from the data"
        data = text.split('id="orgcheck-diagrams">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data, f"{where}: markup inside the diagrams' JSON"
        json.loads(data)
    elif context == "csv":
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                try:
                    float(cell)
                    continue
                except ValueError:
                    pass
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"{where}: a formula cell {cell!r}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_and_format_is_safe_on_the_hostile_corpus(run, corpus, case):
    args, context, written = CASES[case]
    stdin = (corpus / "org.json").read_bytes() if args[-1] == "-" else None
    if written is not None:  # a pull request made the output a link to another file
        victim = corpus / "victim.txt"
        victim.write_text("keep me\n")
        (corpus / written).symlink_to(victim)
    result = run(*args, cwd=corpus, input=stdin, timeout=120)
    assert result.code in (0, 1, 2), f"{case}: exit {result.code}"
    _check_common(result.err, f"{case} (stderr)")
    for line in result.err.splitlines():
        assert not LINE_COMMAND.match(line), f"{case}: stderr line GitHub runs as a command: {line!r}"
    output = result.out
    if written is not None:
        path = corpus / written
        assert result.code != 2, result.err
        assert not path.is_symlink() and victim.read_text() == "keep me\n", f"{case}: written through a link"
        output = path.read_text(encoding="utf-8")
        path.unlink()
    else:
        assert result.code != 2 or case.startswith(("explain hostile", "lint missing")), result.err
    if context == "html":  # the bundled Graphviz (WebAssembly in a string) is ours, not data
        head, _, rest = output.partition("<script>")
        _check_common(head + rest.partition("</script>")[2], case)
    else:
        _check_common(output, case)
    _check_context(output, context, case)


def test_the_corpus_reaches_the_outputs(run, corpus):
    """The checks above are not vacuous: the hostile names are in the outputs, escaped."""
    result = run("lint", "--format", "text", "org.json", cwd=corpus)
    assert result.code == 1
    assert "\\x1b[31mALERT" in result.out
    result = run("diff", "--format", "markdown", "old.json", "org.json", cwd=corpus)
    assert "\\#\\#\\# All clear" in result.out or "All clear" not in result.out
    assert "@\u2060octocat" in result.out or "octocat" not in result.out
    result = run("stats", "--format", "csv", "org.json", cwd=corpus)
    assert "'\tTab first" in result.out
    result = run("graph", "org.json", cwd=corpus)
    assert "#37;#37;#123;init" in result.out

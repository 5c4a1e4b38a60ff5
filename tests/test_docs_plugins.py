"""docs/plugins.md runs as written: each block marked ``<!-- file: NAME -->`` is written
to a fresh folder, each ``console`` block's commands are run there and must print
exactly what the page shows, every Python example is one of those files (and is
imported, or run by pytest when it is a test file). The hooks reference generated
from orgcheck/api/hookspecs.py is left out: its snippets are fragments of the examples."""
import os
import re
import shlex
import subprocess
import sys

from conftest import ROOT, orgcheck_command

PAGE = ROOT / "docs" / "plugins.md"
BLOCK_RE = re.compile(r"(?:<!-- file: (?P<file>[\w.-]+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)^```\n", re.M | re.S)


def blocks() -> list[dict]:
    text = PAGE.read_text(encoding="utf-8")
    text = re.sub(r"<!-- generated: hooks -->.*?<!-- end generated: hooks -->", "", text, flags=re.S)
    return [m.groupdict() for m in BLOCK_RE.finditer(text)]


def commands(body: str) -> list[tuple[str, str]]:
    """``$ command`` lines of a console block, each with the output that follows it."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return [(command, "\n".join(lines) + "\n" if lines else "") for command, lines in out]


BLOCKS = blocks()
FILES = [b for b in BLOCKS if b["file"]]
CONSOLE = [c for b in BLOCKS if b["lang"] == "console" for c in commands(b["body"])]


def test_the_page_has_runnable_examples_for_every_kind_of_plugin():
    names = {b["file"] for b in FILES}
    assert {"acme_rules.py", "acme_formats.py", "acme_ini.py", "test_acme.py", "org.json"} <= names
    assert len(CONSOLE) >= 7
    for hook in ("orgcheck_rules", "orgcheck_presets", "orgcheck_schema_fragments", "orgcheck_formatters",
                 "orgcheck_load"):
        assert any(hook in b["body"] for b in FILES), f"no runnable example of {hook}"


def test_every_python_example_is_a_file_that_runs_or_a_fragment_of_one():
    sources = "\n".join(b["body"] for b in FILES)
    for block in BLOCKS:
        if block["lang"] == "python" and not block["file"]:
            # a fragment shown again for the reader: it must be part of a tested file
            assert block["body"].strip() in sources, f"an untested Python example:\n{block['body']}"
        if block["lang"] == "python" and block["file"]:
            assert block["body"].startswith(f"# {block['file']}\n"), "a file example starts with its name"


def _run(command: str, folder) -> str:
    argv = shlex.split(command)
    if argv[0] == "orgcheck":
        argv = [*orgcheck_command(), *argv[1:]]
    elif argv[:3] == ["python", "-m", "pytest"]:
        argv = [sys.executable, *argv[1:], "-p", "no:cacheprovider"]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(argv, cwd=folder, capture_output=True, text=True, env=env, timeout=300)
    printed = proc.stdout + proc.stderr
    if argv[1:3] == ["-m", "pytest"]:
        assert proc.returncode == 0, printed
        printed = re.sub(r" in \d+\.\d+s", "", printed)  # pytest's timing, the only varying part
    return printed


def test_the_page_runs_as_written(tmp_path):
    """In page order, as a reader follows it: a file is there from where the page
    shows it, and each command prints exactly what the page shows."""
    wrong = []
    for block in BLOCKS:
        if block["file"]:
            (tmp_path / block["file"]).write_text(block["body"], encoding="utf-8")
            if block["file"].endswith(".py") and not block["file"].startswith("test_"):
                subprocess.run([sys.executable, "-c", f"import {block['file'][:-3]}"], cwd=tmp_path, check=True,
                               timeout=60)
        if block["lang"] == "console":
            for command, expected in commands(block["body"]):
                printed = _run(command, tmp_path)
                if printed != expected:
                    wrong.append(f"$ {command}\n--- the page shows:\n{expected}--- it prints:\n{printed}")
    assert not wrong, "docs/plugins.md is out of date:\n" + "\n".join(wrong)

"""A shared corpus of hostile strings and files: what anyone who opens a pull request
can put in a model's names and ids, or in a file name. ``tests/test_hostile_corpus.py``
runs it through every command and every output format; other tests may use it too."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BASE = ROOT / "examples" / "command-and-control.org.json"

#: Each is a class of attack, one example of it; the checks look for the class.
STRINGS = [
    "Red \x1b[31mALERT\x1b[0m",  # ANSI colour (CSI)
    "Title \x1b]0;pwned\x07 set",  # OSC: sets the terminal title
    "C1 \x9b31m csi",  # an 8-bit CSI
    "Bell \x07 and backspace \x08\x08\x08",
    "x\n::error file=x.py,line=1::forged",  # a workflow command on a line of its own
    "::warning file=a.py::forged at the start",
    "two\r\nlines\rcarriage",
    "### All clear: no findings",  # a forged Markdown heading
    "hide <!-- the findings",  # an HTML comment that swallows the rest
    "[click me](https://evil.example/phish)",
    "![pixel](https://evil.example/track.png)",
    "cc @octocat and @github/security, see #1 and www.evil.example",
    "%%{init: {'theme': 'dark', 'themeCSS': 'body{display:none}'}}%%",  # a Mermaid directive
    'quote " and back`tick` and <b>bold</b>',
    "nul \x00 in a name",
    "Ann <!--<script>",  # bends an HTML script element
    "</script><script>alert(1)</script>",
    "=HYPERLINK(\"https://evil.example\",\"click\")",  # a spreadsheet formula
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTab first",
    "bidi \u202eevil\u202c and isolate \u2067x\u2069",
    "line\u2028separator\u2029paragraph",
    "lone \udfff surrogate",
    "{{ template }} ${{ github.token }} $(whoami) `id`",
    "percent %0A%25 and ::set-output name=x::y",
    "back\\slash \\\" quote",
]

#: Characters that must never appear raw in any output: they act on a terminal or
#: disguise what a reviewer reads. (The forgeries of one context, a Mermaid
#: directive or a Markdown link, are checked in that context.)
FORBIDDEN = ["\x1b", "\x9b", "\x07", "\x08", "\x00", "\u202e", "\u2067", "\u2028", "\u2029"]


def hostile_model(extra: str = "") -> dict:
    """The command-and-control example with every name (organization, people, units,
    roles, processes, steps) replaced by a hostile string, and every id given a
    hostile suffix, references included: findings then quote them."""
    model = json.loads(BASE.read_text(encoding="utf-8"))
    ids: dict[str, str] = {}

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                old = node["id"]
                hostile = STRINGS[len(ids) % len(STRINGS)][:12]
                ids[old] = hostile + old if len(ids) % 2 else old + hostile
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(model)
    names = iter(range(10 ** 6))

    def rewrite(node: object) -> object:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k in ("name", "title") and isinstance(v, str):
                    out[k] = STRINGS[next(names) % len(STRINGS)] + extra
                else:
                    out[k] = rewrite(v)
            return out
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        if isinstance(node, str):
            return ids.get(node, node)
        return node

    return rewrite(copy.deepcopy(model))


def write_model(path: Path, model: dict) -> None:
    # json.dumps writes a lone surrogate as the escape \udfff: valid JSON text.
    path.write_text(json.dumps(model, indent=2), encoding="utf-8")


def people_csv() -> str:
    rows = ["id,name,title,reports_to"]
    for i, s in enumerate(STRINGS):
        cell = '"' + s.replace('"', '""') + '"'
        rows.append(f"p{i},{cell},{cell},{'p0' if i else ''}")
    return "\n".join(rows) + "\n"


def people_yaml() -> str:
    out = []
    for i, s in enumerate(STRINGS):
        name = json.dumps(s).replace("\\udfff", "?")  # YAML has no escape for a lone surrogate
        out.append(f"- id: p{i}\n  name: {name}\n" + ("  reports_to: p0\n" if i else ""))
    return "".join(out)


#: File names a pull request can add (a model's file name is printed in every finding).
FILE_NAMES = ["evil\x1b[31m.org.json", "x\n::error file=a::b.org.json", "###%%{init}%%.org.json"]

LINE_COMMAND = re.compile(r"^\s*::")

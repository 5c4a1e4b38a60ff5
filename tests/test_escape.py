"""One escaping function per output context (orgcheck/formatters/escape.py)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgcheck.formatters import escape as e


@pytest.mark.parametrize("text, shown", [
    ("Ann", "Ann"),
    ("Red \x1b[31mX", "Red \\x1b[31mX"),
    ("a\nb\rc", "a\\nb\\rc"),
    ("C1 \x9b31m", "C1 \\x9b31m"),
    ("bidi \u202eevil", "bidi \\u202eevil"),
    ("tab\tkept", "tab\tkept"),
    ("::error file=a::x", "\\x3a:error file=a::x"),
    ("  ::warning x", "  \\x3a:warning x"),
    ("a::b", "a::b"),
])
def test_printable(text, shown):
    assert e.printable(text) == shown


@given(st.lists(st.text(st.sampled_from(["a", ":", " ", "\t", "\n", "\x1b", "\x9b", "\u202e", "\ud800"]),
                        max_size=6), max_size=4))
def test_needs_escape_says_whether_printable_changes_any_text(texts):
    """The text output's one search of every message at once (a run's 170,000 findings)."""
    changed = any(e.printable(t) != t for t in texts)
    assert e.needs_escape(texts) == (changed or any("::" in t for t in texts))


def test_every_character_printable_escapes_is_one_python_calls_unprintable():
    """needs_escape searches only a text that ``str.isprintable`` finds something in:
    a character escaped but printable would slip through it."""
    every = "".join(map(chr, range(0x110000)))
    escaped = e._UNSAFE.findall(every)
    assert len(escaped) > 60 and not any(ch.isprintable() for ch in escaped)
    # unprintable, not escaped: a tab, a non-breaking space (the search decides)
    assert e.needs_escape(["a", "b\u2028c"]) and not e.needs_escape(["a\tb"]) and not e.needs_escape(["a\xa0b"])


def test_printable_block_keeps_line_breaks_only():
    assert e.printable_block("one\n\x1b[2Jtwo\n::error x") == "one\n\\x1b[2Jtwo\n\\x3a:error x"


def test_deep_escapes_values_not_keys():
    assert e.deep({"name": "a\nb", "n": 3, "list": ["\x1b"], "t": ("x\ny",)}, e.printable) == {
        "name": "a\\nb", "n": 3, "list": ["\\x1b"], "t": ("x\\ny",)}


def test_github_escapes_cannot_end_a_command():
    assert e.github_data("50%\r\n::error::x") == "50%25%0D%0A::error::x"
    assert e.github_property("a.py,line=1::x") == "a.py%2Cline=1%3A%3Ax"


@pytest.mark.parametrize("text", [
    "### All clear", "hide <!-- it", "[x](https://evil.example)", "![i](https://e.example/p.png)",
    "cc @octocat", "see #1", "| cell | break", "*bold* _it_ `code`", "a\n# heading",
])
def test_markdown_shows_the_text_and_forms_nothing(text):
    out = e.markdown(text)
    assert "\n" not in out and not out.startswith("#")
    for raw in ("<", "]", "@o", "#1", "|", "*", "`", "_"):  # none unescaped
        assert not re.search(r"(?<!\\)" + re.escape(raw), out), raw
    # Unescaped, it reads as it was written (the word joiners are invisible).
    assert out.replace("\\", "").replace("\u2060", "") == e.printable(text).replace("\\", "")


def test_mermaid_labels_hold_no_directive_quote_or_markup():
    out = e.mermaid("%%{init: {'theme': 'dark'}}%% \"q\" <b>x</b> `t` #1\nnext \x1b")
    assert out == ("#37;#37;#123;init: #123;'theme': 'dark'#125;#125;#37;#37; #quot;q#quot; "
                   "#lt;b#gt;x#lt;/b#gt; #96;t#96; #35;1 next \\x1b")


def test_dot_strings_keep_line_breaks_and_show_nul():
    assert e.dot('a "b"\\c\nnul \x00') == '"a \\"b\\"\\\\c\\nnul \\\\x00"'


def test_script_json_cannot_end_or_bend_the_script():
    out = e.script_json({"name": "Ann <!--<script></script>", "amp": "&", "sep": "\u2028"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"name": "Ann <!--<script></script>", "amp": "&", "sep": "\u2028"}


def test_json_text_escapes_what_fools_a_terminal_and_refuses_nan():
    out = e.json_text({"n": "C1 \x9b bidi \u202e"})
    assert "\x9b" not in out and "\u202e" not in out
    assert json.loads(out) == {"n": "C1 \x9b bidi \u202e"}
    with pytest.raises(ValueError):
        e.json_text({"x": float("inf")})


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(1)", "'@SUM(1)"),
    ("\tx", "'\tx"), ("Ann", "Ann"), (-3, -3), (1.5, 1.5),
])
def test_csv_cells_that_start_like_a_formula(cell, shown):
    assert e.csv_cell(cell) == shown
    buf = io.StringIO()
    csv.writer(buf).writerow([e.csv_cell(cell)])
    assert next(csv.reader(io.StringIO(buf.getvalue())))[0] == str(shown)


def test_html_text_escapes_markup_and_controls():
    assert e.html_text('<a href="x">\x1b') == "&lt;a href=&quot;x&quot;&gt;\\x1b"


@pytest.mark.parametrize("path, uri", [
    ("models/org.json", "models/org.json"),
    ("my models\\a b#1?.json", "my%20models/a%20b%231%3F.json"),
    ("Zoë/%.json", "Zo%C3%AB/%25.json"),
    ("lone\udfff.json", "lone%5Cudfff.json"),
])
def test_sarif_uris_are_percent_encoded(path, uri):
    assert e.uri(path) == uri

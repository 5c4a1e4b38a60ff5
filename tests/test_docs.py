"""docs/ is the reference: its generated parts (a page per rule, the model, the CLI
reference, the hooks) are current, every schema property is described, and every
page documents something that exists."""
import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from orgcheck.cli.app import main
from orgcheck.cli.docgen import CHECK, GENERATOR, builtin_rules, problems

DOCS = ROOT / "docs"
RULES, PRESETS = builtin_rules()


def _docgen(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgcheck.cli.docgen", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_generated_docs_are_current():
    stale = problems(DOCS)
    assert not stale, "docs/ is out of date:\n  " + "\n  ".join(stale) + f"\nRun: {GENERATOR}"


def test_one_page_per_registered_rule_and_no_other():
    pages = {p.stem for p in (DOCS / "rules").glob("*.md")} - {"README"}
    codes = {r.code for r in RULES}
    assert "OC001" in codes and {"OC901", "OC902", "OC903"} <= codes  # the core plugin's rules too
    assert pages == codes, f"pages without a rule: {sorted(pages - codes)}; rules without a page: " \
                           f"{sorted(codes - pages)}. Run: {GENERATOR}"


def test_the_check_names_what_is_stale_missing_or_left_over_and_the_fix(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "rules" / "OC101.md").write_text("# OC101\nold text\n")
    (docs / "rules" / "OC102.md").unlink()
    (docs / "rules" / "OC999.md").write_text("# OC999 gone\n")
    checked = _docgen("--check", str(docs))
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "docs/rules/OC101.md is stale",
        "docs/rules/OC102.md is missing",
        "docs/rules/OC999.md documents no registered rule: remove it",
        f"Run: {GENERATOR}",
    ]
    written = _docgen("--write", str(docs))
    assert written.returncode == 0
    assert written.stdout.splitlines() == ["wrote docs/rules/OC101.md", "wrote docs/rules/OC102.md",
                                           "removed docs/rules/OC999.md"]
    assert _docgen("--check", str(docs)).returncode == 0
    assert (docs / "rules" / "OC101.md").read_text() == (DOCS / "rules" / "OC101.md").read_text()


def test_a_hand_written_page_that_lost_its_generated_block_is_named(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    text = (docs / "cli.md").read_text()
    (docs / "cli.md").write_text(text.replace("<!-- end generated: commands -->", ""))
    checked = _docgen("--check", str(docs))
    assert checked.returncode == 1
    assert "docs/cli.md has no `<!-- generated: commands -->`" in checked.stderr


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_page_says_what_explain_says(rule):
    """The page and `orgcheck explain` come from one docstring: the page carries its
    metadata, each section's words, the defaults as TOML and the example verbatim."""
    page = (DOCS / "rules" / f"{rule.code}.md").read_text()
    result = CliRunner().invoke(main, ["explain", rule.code])
    assert result.exit_code == 0, result.output
    explained = result.output
    assert page.startswith(f"# {rule.code} {rule.name}\n")
    assert f"- **Default severity**: {rule.severity.value}" in page
    assert f"- **Family**: {rule.family}" in page
    assert "`all`" in page and all(f"`{p}`" in page for p in PRESETS[rule.code])
    words = lambda text: re.sub(r"\s+", " ", text).strip()  # noqa: E731
    for section in ("What", "Why", "Fix"):
        body = explained.split(f"\n{section}:", 1)[1].split("\n\n", 1)[0]
        tail = words(body)[1:]  # the page starts the sentence with a capital
        assert tail in words(page), f"{rule.code}: the page lacks {section}: {body!r}"
    example = explained.split("\nExample:\n", 1)[1].split("\n\nDefaults, ", 1)[0].rstrip("\n")
    assert re.sub(r"^    ", "", example, flags=re.M) in page
    for option in rule.options:
        default = rf"^{re.escape(option)} = " if rule.options[option] is not None \
            else rf"^# {re.escape(option)} is not set by default$"
        assert re.search(default, page, re.M), f"{rule.code}: no default for {option}"


def test_rules_index_links_every_page():
    index = (DOCS / "rules" / "README.md").read_text()
    for rule in RULES:
        assert f"| [{rule.code}]({rule.code}.md) | `{rule.name}` |" in index


def _properties(node, path=""):
    """Every (path, property schema) of a schema, outside if/then/else (which restate
    properties to state a condition, not to define them)."""
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield f"{path}/{key}", value
        for key, value in node.items():
            if key not in ("if", "then", "else"):
                yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, path)


@pytest.mark.parametrize("name", ["org.schema.json", "config.schema.json"])
def test_every_schema_property_has_a_description(name):
    schema = json.loads((ROOT / "schemas" / name).read_text())
    missing = [path for path, prop in _properties(schema) if not str(prop.get("description", "")).strip()]
    assert len(list(_properties(schema))) > 10
    assert not missing, f"{name}: properties without a description: {missing}"


def test_model_reference_lists_every_entity_and_property():
    schema = json.loads((ROOT / "schemas" / "org.schema.json").read_text())
    model = (DOCS / "model.md").read_text()
    sections = re.split(r"^## ", model, flags=re.M)
    by_title = {s.split("\n", 1)[0]: s for s in sections}
    for node in schema["$defs"].values():
        if node.get("type") != "object":
            assert f"### {node['title']}\n" in model
            continue
        section = by_title[node["title"]]
        for key, prop in node["properties"].items():
            row = next((line for line in section.splitlines() if line.startswith(f"| `{key}` |")), None)
            assert row, f"model.md: {node['title']} lacks {key}"
            assert prop["description"].replace("|", "\\|") in row
            for value in prop.get("enum", []):
                assert f"`{value}`" in row
    person = by_title["Person"]
    assert "| `name` | non-empty string | yes, unless `vacant` is true |" in person


def test_cli_reference_covers_every_command_orgcheck_lists(run):
    help_text = run("--help").out
    commands = re.findall(r"^  ([a-z-]+)  ", help_text.split("Commands:", 1)[1], re.M)
    assert {"lint", "rules", "explain", "schema", "plugins", "import", "stats", "diff", "graph",
            "report"} <= set(commands)
    cli = (DOCS / "cli.md").read_text()
    for command in commands:
        assert f"### orgcheck {command}\n" in cli
    for option in re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", run("lint", "--help").out, re.M):
        if option != "--help":
            assert f"`{option}" in cli or f", {option}" in cli, f"cli.md does not document lint {option}"


def test_readme_gives_the_regeneration_command():
    readme = (ROOT / "README.md").read_text()
    assert GENERATOR in readme and CHECK in readme

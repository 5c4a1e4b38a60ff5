"""Every example in the docs passes orgcheck's own checks: a user copies them."""
import datetime as _dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from orgcheck.api.manager import load_plugins
from orgcheck.testing import assert_documented

README = (ROOT / "README.md").read_text()
PLUGIN_FILES = [EXAMPLES / "acme_rules.py",
                EXAMPLES / "orgcheck-plugin-example" / "src" / "orgcheck_example" / "__init__.py"]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_readme_plugin_is_the_example_file():
    (plugin,) = [b for b in python_blocks(README) if b.startswith("# acme_rules.py")]
    assert plugin == (EXAMPLES / "acme_rules.py").read_text()


@pytest.mark.parametrize("path", PLUGIN_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_rule_passes_the_kits_doc_check_and_names_a_pillar(path):
    plugins = load_plugins([path], entry_points=False)
    assert plugins.errors == []
    assert plugins.warnings == []  # a rule without a pillar is warned about
    assert plugins.rules
    for rule in plugins.rules.values():
        assert_documented(rule)


def test_the_readme_rule_test_passes_as_written(tmp_path):
    """The README's plugin and its test, copied into a folder and run with pytest."""
    blocks = python_blocks(README)
    (tmp_path / "acme_rules.py").write_text(next(b for b in blocks if b.startswith("# acme_rules.py")))
    (tmp_path / "test_acme_rules.py").write_text(next(b for b in blocks if "from orgcheck.testing import" in b))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


DATED = re.compile(r"""["']?(expires|until)["']?\s*[:=]\s*["'](\d{4}-\d{2}-\d{2})["']""")


def documented_files() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    found += [p for p in sorted(EXAMPLES.rglob("*")) if p.suffix in (".md", ".json", ".yml", ".yaml", ".py", ".toml")
              and "node_modules" not in p.parts]
    return found


def test_no_documented_example_date_is_past():
    """A waiver or collaboration in an example that has already expired teaches the
    wrong thing (and changes what the example reports): move it well into the future."""
    today = _dt.date.today()
    past = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(1)} {m.group(2)}"
            for path in documented_files() for text in [path.read_text()] for m in DATED.finditer(text)
            if _dt.date.fromisoformat(m.group(2)) < today]
    assert past == [], "example dates already past: " + ", ".join(past)
    assert any(DATED.search(p.read_text()) for p in documented_files())  # the pattern still finds them

"""Every relative link in every tracked Markdown file resolves: the file exists and,
for a link to a heading (``page.md#anchor`` or ``#anchor``), the heading does."""
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

LINK_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE_RE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def tracked_markdown() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "*.md"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an sdist, say)
        skip = {".venv", "venv", "node_modules", "build", "dist", ".pytest_cache"}
        return sorted(p for p in ROOT.rglob("*.md") if not skip & set(p.relative_to(ROOT).parts))
    return sorted(ROOT / name for name in listed if (ROOT / name).is_file())


def _prose(text: str) -> str:
    """The text without code blocks and code spans, where brackets are not links."""
    text = FENCE_RE.sub("", text)
    return CODE_SPAN_RE.sub("", text)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading's text."""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    heading = re.sub(r"<[^>]+>", "", heading).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for line in FENCE_RE.sub("", path.read_text(encoding="utf-8")).splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            base = slug(match.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
        out.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", line))
    return out


def links(path: Path) -> list[str]:
    return LINK_RE.findall(_prose(path.read_text(encoding="utf-8")))


def broken(path: Path) -> list[str]:
    out = []
    for target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.exists():
            out.append(f"{target}: {file_part} does not exist")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            out.append(f"{target}: {file_part or 'this page'} has no heading #{anchor}")
    return out


MARKDOWN = tracked_markdown()


def test_markdown_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in MARKDOWN}
    assert {"README.md", "examples/README.md", "docs/cli.md", "docs/rules/README.md"} <= names


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(path):
    assert not broken(path), f"{path.relative_to(ROOT)}: broken links:\n  " + "\n  ".join(broken(path))


def test_the_checker_catches_a_missing_file_and_a_missing_heading(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other page\n\n## The `lint` command\n")
    page.write_text("# Page\n\n[ok](other.md#the-lint-command) [self](#page) `[code](nowhere.md)`\n"
                    "[gone](missing.md) [bad anchor](other.md#nothing) [web](https://example.com/x.md)\n"
                    "```\n[in a block](nowhere.md)\n```\n")
    assert broken(page) == ["missing.md: missing.md does not exist",
                            "other.md#nothing: other.md has no heading #nothing"]

"""The README's two opening commands are the ones CI and a new user run."""
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_install_and_test_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    install, test = blocks[0], blocks[1]
    assert "pip install ." in install and "orgcheck lint examples/command-and-control.org.json" in install
    assert "pip install -e '.[test]'" in test and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text()
    assert test in ci  # CI runs the README's test command
    assert (ROOT / "examples" / "command-and-control.org.json").is_file()


def test_readme_excerpt_is_what_orgcheck_prints(run):
    block = README.split("$ orgcheck lint examples/command-and-control.org.json\n", 1)[1].split("```", 1)[0]
    excerpt, healthy = block.split("$ orgcheck lint examples/healthy.org.json\n")
    actual = run("lint", "examples/command-and-control.org.json", cwd=ROOT).out.splitlines()
    shown = [line for line in excerpt.splitlines() if line != "..."]
    assert len(shown) >= 5
    for line in shown:
        assert line in actual
    assert run("lint", "examples/healthy.org.json", cwd=ROOT).out == healthy

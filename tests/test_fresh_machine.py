"""The README's test command on a machine without the external renderers: their tests
are skipped with the reason in pytest's summary, and required where CI says so."""
import os
import subprocess
import sys

import pytest
from browser import REQUIRE, need
from conftest import ROOT

BROWSER_TEST = "tests/test_report_html.py::test_report_of_the_command_and_control_example_in_a_browser"


def pytest_without_chromium(tmp_path, **env):
    """Run one browser test with a PATH that holds only the virtualenv (no chromium)."""
    full = {k: v for k, v in os.environ.items() if k != REQUIRE}
    full.update(PATH=os.path.dirname(sys.executable), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
                           BROWSER_TEST], cwd=ROOT, capture_output=True, text=True, env=full, timeout=300)


def test_without_chromium_the_browser_test_is_skipped_and_the_summary_says_why(tmp_path):
    result = pytest_without_chromium(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert ("SKIPPED [1] tests/browser.py" in result.stdout or "SKIPPED [1] tests/test_report_html.py" in result.stdout)
    assert ("needs a headless chromium and found none on PATH: install Debian's chromium: apt-get install -y "
            "chromium; set ORGCHECK_REQUIRE_BROWSER=1 to make this a failure") in result.stdout


def test_where_required_a_missing_chromium_fails(tmp_path):
    result = pytest_without_chromium(tmp_path, **{REQUIRE: "1"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert "ORGCHECK_REQUIRE_BROWSER is set: the browser tests are required here" in result.stdout


def test_a_missing_mermaid_skips_or_fails_the_same_way(monkeypatch):
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="npm ci --prefix tests/js"):
        need(False, "needs the Mermaid renderer, which is missing: `npm ci --prefix tests/js` installs it")
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="required here"):
        need(False, "needs the Mermaid renderer")


def test_ci_requires_the_renderers_and_runs_the_readme_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "export ORGCHECK_REQUIRE_BROWSER=1" in ci
    assert "apt-get install -y -qq chromium" in ci and "npm ci --prefix tests/js" in ci

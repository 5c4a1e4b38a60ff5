from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The tests read orgcheck's English: a developer's Dutch locale must not translate it
# (the tests of Dutch ask for it with --lang, a config or a LANG of their own).
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"
EXAMPLES = ROOT / "examples"


def rule_plugin(decorator: str, signature: str = "org", docs: str = '"""Docs."""', body: str = "return []") -> str:
    """The text of a plugin module with one rule, ``@orgcheck.<decorator>`` on
    ``check(<signature>)``, registered through ``orgcheck_rules``."""
    return f'''
import orgcheck


@orgcheck.{decorator}
def check({signature}):
    {docs}
    {body}


@orgcheck.hookimpl
def orgcheck_rules():
    return [check]
'''


def sequence_flows(*pairs: str, ids: str = "f", indent: int = 4) -> str:
    """BPMN ``<sequenceFlow>`` lines for "source>target" pairs, with ids f1, f2, ... (``ids``)."""
    return "\n".join(f'{" " * indent}<sequenceFlow id="{ids}{n}" sourceRef="{a}" targetRef="{b}"/>'
                     for n, (a, b) in enumerate((pair.split(">") for pair in pairs), 1))


def git(cwd, *args: str, date: str | None = None) -> None:
    """Run git in a test's repository as a fixed author (and committer), at ``date`` when given."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def model_pair(folder: Path, old: dict, new: dict, names: tuple[str, str], indent: int = 2) -> tuple[str, str]:
    """Two versions of a model written as JSON into ``folder``: the file names for ``diff``."""
    for name, model in zip(names, (old, new), strict=True):
        (folder / name).write_text(json.dumps(model, indent=indent))
    return names


def benchmark(name: str):
    """A script of benchmarks/ as a module, so that a test reads the models the benchmark times."""
    spec = importlib.util.spec_from_file_location(f"orgcheck_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rules_held_back() -> int:
    """How many rules a schema error holds back under the default preset: every enabled rule
    but OC001 (the summary says so; counted here so that a new rule moves no test)."""
    from orgcheck.api.manager import load_plugins
    from orgcheck.api.presets import DEFAULT, rules_of

    plugins = load_plugins()
    return len(rules_of([DEFAULT], plugins)) - 1


NOT_RUN = _rules_held_back()


@dataclass
class Result:
    code: int
    out: str
    err: str


def orgcheck_command() -> list[str]:
    """The installed console script, as a user runs it."""
    script = shutil.which("orgcheck", path=os.path.dirname(sys.executable)) or shutil.which("orgcheck")
    return [script] if script else [sys.executable, "-m", "orgcheck"]


@pytest.fixture
def run(tmp_path):
    """Run the real `orgcheck` command in a temporary working directory."""

    def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None,
            env: dict | None = None, timeout: float = 120) -> Result:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        proc = subprocess.run([*orgcheck_command(), *args], cwd=cwd or tmp_path, capture_output=True,
                              input=input.encode() if isinstance(input, str) else input, env=full_env,
                              timeout=timeout)
        return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())

    return run


@dataclass
class Release:
    wheel: Path
    sdist: Path


#: what a copy of the checkout leaves out: never part of a release, and some are big
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", ".cache", "node_modules")


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Release:
    """The wheel and sdist `python -m build` makes of this checkout, as a release ships
    them. Built once per test run from a copy (building leaves nothing behind in the
    repository), and shared by pytest-xdist's workers: the first to ask builds under a
    lock, the others wait for it and use the same files."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    dist = shared / "release" / "dist"
    with open(shared / "release.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / "release" / "built").exists():
            source = shared / "release" / "orgcheck"
            shutil.rmtree(shared / "release", ignore_errors=True)
            shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
            built = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)],
                                   capture_output=True, text=True)
            if built.returncode != 0:
                pytest.fail("python -m build failed:\n" + built.stdout[-3000:] + built.stderr[-3000:])
            (shared / "release" / "built").write_text("")
    from orgcheck import __version__

    (wheel,) = dist.glob(f"orgcheck-{__version__}-*.whl")
    (sdist,) = dist.glob(f"orgcheck-{__version__}.tar.gz")
    return Release(wheel, sdist)

"""The release a user installs: `python -m build` gives a wheel and an sdist; each,
installed in a fresh virtualenv, lints an example. The wheel holds the schema and the
built-in plugins and no top-level `plugins` package. One slow test; the build is the
`release` fixture's (tests/conftest.py), made once per run."""
import os
import re
import subprocess
import tarfile
import venv
import zipfile

import pytest
from conftest import ROOT

import orgcheck


def install_and_lint(artifact, where):
    env_dir = where / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(artifact)], check=True,
                   capture_output=True)
    example = ROOT / "examples" / "command-and-control.org.json"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    # Run outside the source tree so nothing can be imported from the checkout.
    result = subprocess.run([str(bindir / "orgcheck"), "lint", "--format", "json", str(example)],
                            capture_output=True, text=True, cwd=where, env=clean_env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert '"rule": "OC101"' in result.stdout
    assert f'"version": "orgcheck {orgcheck.__version__}"' in result.stdout
    version = subprocess.run([str(bindir / "orgcheck"), "--version"], capture_output=True, text=True, cwd=where)
    assert version.stdout == f"orgcheck {orgcheck.__version__}\n"
    # the compiled catalog the build put in the wheel (no .po, no Babel there) speaks Dutch
    dutch = subprocess.run([str(bindir / "orgcheck"), "--lang", "nl", "lint", str(example)],
                           capture_output=True, text=True, cwd=where, env=clean_env)
    assert dutch.returncode == 1 and dutch.stderr == ""
    assert dutch.stdout.splitlines()[-1] == "52 bevindingen (40 waarschuwingen, 12 ter informatie) in 1 bestand"
    assert "leidinggevende" in dutch.stdout
    schema = subprocess.run([str(bindir / "orgcheck"), "schema"], capture_output=True, text=True, cwd=where)
    assert schema.stdout == (ROOT / "schemas" / "org.schema.json").read_text()


@pytest.mark.slow
def test_build_gives_a_wheel_and_an_sdist_that_install_and_lint(release, tmp_path):
    version = orgcheck.__version__
    wheel, sdist = release.wheel, release.sdist

    names = zipfile.ZipFile(wheel).namelist()
    assert "orgcheck/schemas/org.schema.json" in names
    assert "orgcheck_plugins/span.py" in names
    assert "orgcheck/views/assets/viz-global.js" in names
    assert not any(n.startswith(("plugins/", "schemas/", "tests/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[orgcheck]" in text and "span = orgcheck_plugins.span" in text
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert re.search(rf"^Version: {re.escape(version)}$", metadata, re.M)

    members = tarfile.open(sdist).getnames()
    top = f"orgcheck-{version}"
    for needed in ("pyproject.toml", "README.md", "CHANGELOG.md", "schemas/org.schema.json", "plugins/span.py"):
        assert f"{top}/{needed}" in members, needed

    for artifact in (wheel, sdist):
        where = tmp_path / artifact.name.replace(".", "_")
        where.mkdir()
        install_and_lint(artifact, where)


def test_the_version_is_written_in_one_place():
    """pyproject.toml reads it from orgcheck/__init__.py; the changelog names it."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and 'version = { attr = "orgcheck.__version__" }' in pyproject
    assert not re.search(r"^version\s*=\s*[\"']", pyproject, re.M)  # no second, static version
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert re.search(r"^__version__ = \"\d+\.\d+\.\d+\"$", (ROOT / "orgcheck" / "__init__.py").read_text(), re.M)

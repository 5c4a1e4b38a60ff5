"""The wheel a user installs: schema and built-in plugins inside it, no top-level
`plugins` package, and it lints an example from a fresh virtualenv."""
import os
import subprocess
import sys
import venv
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (path,) = out.glob("orgcheck-*.whl")
    return path


@pytest.mark.slow
def test_wheel_contents(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "orgcheck/schemas/org.schema.json" in names
    assert "orgcheck_plugins/span.py" in names
    assert not any(n.startswith(("plugins/", "schemas/", "tests/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[orgcheck]" in text and "span = orgcheck_plugins.span" in text


@pytest.mark.slow
def test_wheel_installs_and_lints_an_example(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    example = ROOT / "examples" / "command-and-control.org.json"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    # Run outside the source tree so nothing can be imported from the checkout.
    result = subprocess.run([str(bindir / "orgcheck"), "lint", "--format", "json", str(example)],
                            capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert '"rule": "OC101"' in result.stdout
    schema = subprocess.run([str(bindir / "orgcheck"), "schema"], capture_output=True, text=True, cwd=tmp_path)
    assert schema.stdout == (ROOT / "schemas" / "org.schema.json").read_text()

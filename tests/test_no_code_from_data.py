"""Linting a model never runs code named in it, and never reaches the network.

Only the command line (`--plugin`) and config files (`plugins = [...]`) load code,
and `--isolated` ignores config files. Each test plants a module that leaves a
marker file when imported, names it every way a model could, and checks the marker
never appears.
"""
from __future__ import annotations

import json
import socket

import pytest
from conftest import rule_plugin

TRAP = ('import pathlib\npathlib.Path(__file__).with_name("IMPORTED").write_text("code ran")\n'
        + rule_plugin('rule("TRAP001", "trap", pillar="context", severity="warning")', docs='"""A trap."""',
                      body='yield None, "trap rule ran"'))


def plant(tmp_path):
    (tmp_path / "trap.py").write_text(TRAP)
    return tmp_path / "IMPORTED"


HOSTILE_MODEL = {
    "$schema": "trap.py",
    "organization": {"id": "o", "name": "O", "x-plugin": "trap", "x-import": "trap.py"},
    "people": [
        {"id": "trap", "name": "__import__('trap')", "title": "{{ trap }}", "x-module": "trap:orgcheck_rules"},
        {"id": "b", "name": "B", "reports_to": "trap"},
    ],
    "plugins": ["trap.py"],
    "waivers": [{"rule": "trap", "reason": "trap.py"}, {"rule": "TRAP001", "reason": "import trap"}],
}


def test_a_model_naming_a_plugin_does_not_load_it(run, tmp_path):
    marker = plant(tmp_path)
    (tmp_path / "org.json").write_text(json.dumps(HOSTILE_MODEL))
    result = run("lint", "org.json")
    assert not marker.exists()
    assert "trap rule ran" not in result.out
    # `plugins` is not a model key: it is an unknown key, reported, not obeyed.
    assert "OC001 schema-violation [error] unknown key 'plugins' in the model" in result.out
    assert result.code == 1 and "Traceback" not in result.err


def test_code_loads_only_from_the_command_line_or_a_config_file(run, tmp_path):
    marker = plant(tmp_path)
    (tmp_path / "org.json").write_text(json.dumps({"organization": {"id": "o", "name": "O"}, "people": []}))
    assert "trap rule ran" in run("lint", "--plugin", "trap.py", "org.json").out
    assert marker.exists()
    marker.unlink()
    (tmp_path / "orgcheck.toml").write_text('plugins = ["trap.py"]\n')
    assert "trap rule ran" in run("lint", "org.json").out
    assert marker.exists()
    marker.unlink()
    result = run("lint", "--isolated", "org.json")
    assert "trap rule ran" not in result.out and not marker.exists()
    assert result.code == 0


def test_yaml_tags_cannot_build_objects_or_run_code(run, tmp_path):
    marker = plant(tmp_path)
    (tmp_path / "org.yaml").write_text(
        "organization: {id: o, name: O}\n"
        "people:\n"
        "  - id: a\n"
        "    name: !!python/object/apply:os.system [\"python -c 'import trap'\"]\n"
        "  - id: b\n"
        "    name: !!python/name:trap.trap\n"
        "    x-mod: !!python/module:trap\n")
    result = run("lint", "org.yaml")
    assert not marker.exists()
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("org.yaml:4:")
    assert "OC001 schema-violation [error] tag !!python/object/apply:os.system is not allowed" in lines[0]
    assert sum("is not allowed" in line for line in lines) == 3


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server) -> bool:
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def test_no_network_access_for_urls_in_a_model(run, tmp_path, listener):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/schema.json"
    model = {
        "$schema": url,
        "organization": {"id": "o", "name": "O", "x-ref": {"$ref": url}, "x-id": {"$id": url}},
        "people": [{"id": "a", "name": "A", "x-schema": {"$schema": url, "$ref": url + "#/x"}}],
    }
    (tmp_path / "org.json").write_text(json.dumps(model))
    result = run("lint", "--format", "sarif", "org.json")
    assert result.code == 0, result.out + result.err
    assert not _connected(listener)

"""Entry points are found without importlib.metadata, and the same ones it finds."""
from __future__ import annotations

import sys
from importlib import metadata

import pytest

from orgcheck.api import entrypoints


@pytest.mark.parametrize("group", ["orgcheck", "console_scripts", "pytest11"])
def test_same_entry_points_as_importlib_metadata_in_this_environment(group):
    ours = entrypoints.entry_points(group)
    assert ours is not None
    assert [(e.name, e.value) for e in ours] == [(e.name, e.value) for e in metadata.entry_points(group=group)]


def _dist(folder, name, version, entry_points_txt):
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA description.\n")
    if entry_points_txt is not None:
        (info / "entry_points.txt").write_text(entry_points_txt)


def test_first_distribution_on_the_path_wins_and_sections_are_read_exactly(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "acme_rules", "2.0", "# comment\n[orgcheck]\nacme = acme_rules.plugin\n\n[other]\nx = y\n")
    _dist(second, "Acme_Rules", "1.0", "[orgcheck]\nacme = old_acme\n")  # the same distribution
    _dist(second, "beta", "0.1", "[orgcheck]\nbeta = beta.rules:plugin [extra]\n")
    _dist(second, "quiet", "1.0", None)
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    found = entrypoints.entry_points("orgcheck")
    assert [(e.name, e.value) for e in found] == [("acme", "acme_rules.plugin"),
                                                  ("beta", "beta.rules:plugin [extra]")]
    assert [(e.name, e.value) for e in metadata.entry_points(group="orgcheck")] == [
        (e.name, e.value) for e in found]
    from orgcheck.api.entrypoints import distribution_of as _distribution

    assert _distribution(found[0], {}) == "acme_rules 2.0"


def test_loading_an_entry_point_imports_its_module_and_attribute(tmp_path, monkeypatch):
    (tmp_path / "beta_rules.py").write_text("class plugin:\n    value = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = entrypoints.EntryPoint("beta", "beta_rules:plugin.value [extra]", str(tmp_path))
    assert ep.load() == 42


def test_a_zip_file_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert entrypoints.entry_points("orgcheck") is None

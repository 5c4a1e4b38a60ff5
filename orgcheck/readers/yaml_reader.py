"""The YAML reader plugin: ``.yaml`` and ``.yml`` files (or ``--input-format yaml``),
a format-1 model or a list of people records. The reading itself is
:mod:`orgcheck.readers.yaml_document`, imported only when a YAML file is read: every
``orgcheck lint`` loads this plugin, most never read YAML.
"""
from __future__ import annotations

import os
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document, Source
from orgcheck.io.files import YAML_SUFFIXES


def is_team_folder(path: str) -> bool:
    """GitLab's team page: a ``team_members`` folder with a ``person`` folder of one-person
    YAML files (``person/<letter>/<slug>.yml``), or that ``person`` folder itself."""
    name = os.path.basename(os.path.normpath(os.path.abspath(path)))
    if name == "person":
        return os.path.basename(os.path.dirname(os.path.normpath(os.path.abspath(path)))) == "team_members"
    return name == "team_members" and os.path.isdir(os.path.join(path, "person"))


@hookimpl
def orgcheck_claim_folder(path: str) -> bool | None:
    return True if is_team_folder(path) else None


@hookimpl
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt in (None, "yaml") and source.path != "-" and os.path.isdir(source.path):
        if not is_team_folder(source.path):
            return None
        from orgcheck.readers.yaml_document import team_folder_document

        return team_folder_document(source.path, dict(options.get("csv") or {}))
    if fmt == "yaml" or (fmt is None and source.path.lower().endswith(YAML_SUFFIXES)):
        from orgcheck.readers.yaml_document import load_yaml_document

        return load_yaml_document(source.path, source.data, dict(options.get("csv") or {}))
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {"yaml": {}}

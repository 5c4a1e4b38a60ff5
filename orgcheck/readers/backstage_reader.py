"""The Backstage catalog reader plugin: a folder of catalog files (or one file) whose
YAML holds Group and User entities, as one org model (or ``--input-format
backstage``). The reading itself is :mod:`orgcheck.readers.backstage`, imported only
when a catalog is read: every ``orgcheck lint`` loads this plugin, and most never
read one.
"""
from __future__ import annotations

import os
import re
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document
from orgcheck.io.files import YAML_SUFFIXES
from orgcheck.io.safe_io import read_head

FORMAT = "backstage"
_API = re.compile(rb"^apiVersion:\s*[\"']?backstage\.io/", re.M)
_KIND = re.compile(rb"^kind:\s*[\"']?(Group|User)\b", re.M)
_HEAD = 8192
_MAX_LOOKS = 50  # files looked at to decide whether a folder is a catalog


def _is_catalog(data: bytes) -> bool:
    return bool(_API.search(data) and _KIND.search(data))


def claims(path: str) -> bool:
    """A folder whose own YAML files hold Backstage Group or User entities."""
    try:
        names = sorted(n for n in os.listdir(path) if n.lower().endswith(YAML_SUFFIXES))
    except OSError:
        return False
    return any(_is_catalog(read_head(os.path.join(path, n), _HEAD)) for n in names[:_MAX_LOOKS])


@hookimpl
def orgcheck_claim_folder(path: str) -> bool | None:
    return True if claims(path) else None


@hookimpl(tryfirst=True)  # before the YAML reader, which would refuse a second document
def orgcheck_load(source: Any, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt not in (None, "yaml", FORMAT):
        return None
    if source.path != "-" and os.path.isdir(source.path):
        if fmt == FORMAT or claims(source.path):
            from orgcheck.readers.backstage import read_catalog, yaml_files

            return read_catalog(source.path, yaml_files(source.path))
        return None
    if fmt == FORMAT or (source.path.lower().endswith(YAML_SUFFIXES) and _is_catalog(source.data)):
        from orgcheck.readers.backstage import read_catalog

        return read_catalog(source.path, [source.path], {source.path: source.data})
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {FORMAT: {}}

"""The YAML reader plugin: ``.yaml`` and ``.yml`` files (or ``--input-format yaml``),
a format-1 model or a list of people records. The reading itself is
:mod:`orgcheck.readers.yaml_document`, imported only when a YAML file is read: every
``orgcheck lint`` loads this plugin, most never read YAML.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.io.document import Document, Source
from orgcheck.io.files import YAML_SUFFIXES


@hookimpl
def orgcheck_load(source: Source, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt == "yaml" or (fmt is None and source.path.lower().endswith(YAML_SUFFIXES)):
        from orgcheck.readers.yaml_document import load_yaml_document

        return load_yaml_document(source.path, source.data, dict(options.get("csv") or {}))
    return None

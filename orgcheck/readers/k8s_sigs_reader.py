"""The Kubernetes ``sigs.yaml`` reader plugin: kubernetes/community's list of its
special interest groups, working groups, user groups and committees (a checkout's
folder, the file itself, or ``--input-format k8s-sigs``) as one org model. The
reading itself is :mod:`orgcheck.readers.k8s_sigs`, imported only when such a file is
read: every ``orgcheck lint`` loads this plugin, and most never read one.
"""
from __future__ import annotations

import os
import re
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.i18n.runtime import _
from orgcheck.io.document import Document, ReaderError
from orgcheck.io.safe_io import read_head, regular_file

FORMAT = "k8s-sigs"
NAME = "sigs.yaml"
_TOP = re.compile(rb"^(sigs|workinggroups|usergroups|committees):[ \t]*(#.*)?\r?$", re.M)
_DIR = re.compile(rb"^[ \t]*-?[ \t]*dir:[ \t]*\S", re.M)
_HEAD = 8192


def _is_sigs(data: bytes) -> bool:
    return bool(_TOP.search(data) and _DIR.search(data))


def claims(path: str) -> bool:
    """A folder holding a ``sigs.yaml`` with groups (a kubernetes/community checkout)."""
    file = os.path.join(path, NAME)
    return os.path.isfile(file) and regular_file(file) is None and _is_sigs(read_head(file, _HEAD))


@hookimpl
def orgcheck_claim_folder(path: str) -> bool | None:
    return True if claims(path) else None


@hookimpl(tryfirst=True)  # before the YAML reader, which would read the file as a format-1 model
def orgcheck_load(source: Any, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt not in (None, "yaml", FORMAT):
        return None
    if source.path != "-" and os.path.isdir(source.path):
        if claims(source.path):
            from orgcheck.readers.k8s_sigs import read_file

            return read_file(os.path.join(source.path, NAME), source.path)
        if fmt == FORMAT:
            raise ReaderError(_("no sigs.yaml with groups in this folder: name a kubernetes/community checkout "
                                "or its sigs.yaml"))
        return None
    if fmt == FORMAT or (source.path.lower().endswith((".yaml", ".yml")) and _is_sigs(source.data[:_HEAD])):
        from orgcheck.readers.k8s_sigs import read_file

        return read_file(source.path, source.path, source.data)
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {FORMAT: {}}  # a folder holding sigs.yaml is claimed, so a walk needs no pattern

"""The rust-lang/team reader plugin: a checkout's ``people/*.toml`` and ``teams/*.toml``
as one org model (or ``--input-format rust-team``). The reading itself is
:mod:`orgcheck.readers.rust_team`, imported only when such a folder is read: every
``orgcheck lint`` loads this plugin, and most never read one.
"""
from __future__ import annotations

import os
from typing import Any

from orgcheck.api.hookspecs import hookimpl
from orgcheck.i18n.runtime import _
from orgcheck.io.document import Document, ReaderError

FORMAT = "rust-team"


def claims(path: str) -> bool:
    """A folder with a ``people`` folder and a ``teams`` folder holding TOML files."""
    teams = os.path.join(path, "teams")
    if not (os.path.isdir(teams) and os.path.isdir(os.path.join(path, "people"))):
        return False
    try:
        return any(name.endswith(".toml") for name in os.listdir(teams))
    except OSError:
        return False


@hookimpl
def orgcheck_claim_folder(path: str) -> bool | None:
    return True if claims(path) else None


@hookimpl
def orgcheck_load(source: Any, options: dict[str, Any]) -> Document | None:
    fmt = source.input_format
    if fmt not in (None, FORMAT):
        return None
    if source.path != "-" and os.path.isdir(source.path) and claims(source.path):
        from orgcheck.readers.rust_team import read_folder

        return read_folder(source.path)
    if fmt == FORMAT and source.path != "-" and os.path.isdir(source.path):
        raise ReaderError(_("not a rust-lang/team checkout: the folder holds no people/ folder and teams/ folder "
                            "of TOML files"))
    if fmt == FORMAT:
        raise ReaderError(_("--input-format rust-team reads a folder holding people/ and teams/ (a rust-lang/team "
                            "checkout): name the folder"))
    return None


@hookimpl
def orgcheck_input_formats() -> dict[str, dict[str, Any]]:
    return {FORMAT: {}}

"""The settings of one run: from the command line (and, later, config files)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from .rules import Severity


class ConfigError(ValueError):
    """A bad setting: reported as one line, exit status 2."""


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    severity: dict[str, Severity] = field(default_factory=dict)  # code or name -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name -> options
    plugins: list[str] = field(default_factory=list)
    input_format: str | None = None
    reader_options: dict[str, Any] = field(default_factory=dict)
    today: _dt.date | None = None
    stdin_filename: str | None = None

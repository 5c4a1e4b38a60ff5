"""Writing a report where the user asked, without losing it or crashing on the way.

- Bytes are UTF-8, and a lone surrogate (a model may hold ``"\\ud800"``, which JSON
  allows and no encoder does) is written as the escape ``\\ud800``: valid inside a
  JSON string, readable in text, never a UnicodeEncodeError.
- ``--output FILE`` is written to a temporary file beside it and renamed over it, so a
  reader (or a crash, or a full disk) never sees half a report.
- Standard output closed early (``orgcheck lint big.json | head -1``) is not an error:
  the run ends quietly with its own exit status.
"""
from __future__ import annotations

from .errors import OrgcheckError

import os
import sys


class OutputError(OrgcheckError):
    """The report could not be written: one line for ``orgcheck: error:``."""


class ReaderGone(Exception):
    """Standard output was closed by its reader; say nothing more on it."""


def encode(text: str) -> bytes:
    from .safe_io import encode as safe_encode

    return safe_encode(text)


def to_stdout(text: str) -> None:
    """Write to standard output; raises ReaderGone or OutputError."""
    to_stdout_bytes(encode(text))


def to_stdout_bytes(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:  # a text-only stream (an embedding host): let it encode
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise ReaderGone() from None
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush at
    exit does not fail again on what is still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor: nothing to flush
        pass


def to_file(text: str, path: str) -> None:
    """Write ``path`` through :mod:`orgcheck.safe_io` (atomic; links replaced; FIFOs and
    devices streamed to); ``-`` is standard output."""
    from . import safe_io

    if path == "-":
        to_stdout(text)
        return
    try:
        safe_io.write_text(path, text)
    except safe_io.WriteError as exc:
        raise OutputError(str(exc)) from None

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
import tempfile


class OutputError(OrgcheckError):
    """The report could not be written: one line for ``orgcheck: error:``."""


class ReaderGone(Exception):
    """Standard output was closed by its reader; say nothing more on it."""


def encode(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")


def to_stdout(text: str) -> None:
    """Write to standard output; raises ReaderGone or OutputError."""
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:  # a text-only stream (an embedding host): let it encode
            sys.stdout.write(encode(text).decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(encode(text))
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
    """Write ``path`` atomically (a temporary file beside it, then a rename)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = None
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(encode(text))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    # The only portable way to read the umask is to set it; it is set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

"""The one way orgcheck reads and writes files, safe on files anyone can add to a
pull request.

Writing (:func:`write_text`):

- The whole content is encoded first, with a policy that cannot fail (a lone
  surrogate becomes the escape ``\\udfff``), so nothing is touched before the bytes
  exist.
- A regular file (or nothing) at the target is replaced atomically: a temporary
  file in the same folder, fsync, ``os.replace``. Concurrent writers and readers
  only ever see a whole file; a failure leaves what was there untouched.
- A symlink at the target is replaced by the file, never written through (a pull
  request could point ``report.html`` at any file the CI user may write); and the
  folder is opened one name at a time, refusing a link among the folders inside the
  checkout (``reports -> /etc``), so the file lands where the path says.
- A FIFO or a character device (``/dev/null``, a terminal) is streamed to, never
  replaced; ``/dev/stdout``, ``/dev/fd/N`` and ``/proc/self/fd/N`` are written through
  that file descriptor (a shell's ``> out.txt`` gets the report).
- :func:`exclusive` holds a lock on a file that is read, changed and written back
  (``import --into``), so that two runs at once cannot lose one's change.

Standard output (:func:`to_stdout`) closed early (``orgcheck lint big.json | head -1``)
is not an error: the run ends quietly with its own exit status.

Reading (:func:`read_bytes`): only regular files, optionally under a size cap, so
a config's ``baseline = "x.json"`` linked to ``/dev/zero`` or a FIFO neither eats
the memory nor hangs.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from typing import Any

from orgcheck.errors import OrgcheckError
from orgcheck.i18n.runtime import N_, _

#: configs and baselines are small; anything bigger is a mistake or an attack
CONFIG_CAP = 4 * 1024 * 1024
BASELINE_CAP = 64 * 1024 * 1024

_FD_PREFIXES = ("/dev/fd/", "/proc/self/fd/")


class WriteError(OrgcheckError):
    """The file (or standard output) could not be written: one line for ``orgcheck: error:``."""


class ReaderGone(OrgcheckError):
    """Standard output was closed by its reader; say nothing more on it."""


class ReadError(OrgcheckError):
    """The file could not be read: one line for ``orgcheck: error:`` (``path: why``);
    ``why`` alone is the ``reason``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.reason = message.partition(": ")[2] or message


def encode(text: str) -> bytes:
    """UTF-8 that cannot fail: a lone surrogate is written as its escape."""
    return text.encode("utf-8", "backslashreplace")


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` (``-``: standard output); raises WriteError."""
    write_bytes(path, encode(text))


def write_bytes(path: str, data: bytes) -> None:
    if path == "-":
        _to_stdout(data)
        return
    number = _stream_fd(path)
    if number is not None:
        _write_fd(path, number, data)
        return
    folder, name = _open_folder(path)
    try:
        try:
            link: os.stat_result | None = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            link = None
        except OSError as exc:
            raise WriteError(_("cannot write {path}: {problem}").format(path=path, problem=reason(exc))) from None
        if link is not None and not stat.S_ISLNK(link.st_mode):
            mode = link.st_mode
            if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
                _stream(path, data, fifo=stat.S_ISFIFO(mode), folder=folder, name=name)
                return
            if stat.S_ISDIR(mode):
                raise WriteError(_("cannot write {path}: it is a folder").format(path=path))
            if not stat.S_ISREG(mode):
                raise WriteError(_("cannot write {path}: not a regular file (a socket or block device)").format(
                    path=path))
        _replace(path, data, link, folder, name)
    finally:
        os.close(folder)


def _stream_fd(path: str) -> int | None:
    """The file descriptor a stream name means (/dev/stdout, /dev/fd/1, /proc/self/fd/1):
    such a name is written through that descriptor, never replaced."""
    named = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
    if path in named:
        return named[path]
    for prefix in _FD_PREFIXES:
        if path.startswith(prefix) and path[len(prefix):].isdigit():
            return int(path[len(prefix):])
    return None


def _write_fd(path: str, number: int, data: bytes) -> None:
    if number == 1:
        _to_stdout(data)
        return
    if number == 2:
        sys.stderr.flush()
    _write_all(number, data, path)


_FOLDER_FLAGS = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_folder(path: str) -> tuple[int, str]:
    """The output's folder, opened one name at a time, and the file's name in it.

    A link among the folders inside the checkout (the working directory's repository,
    or the working directory) is refused: a pull request can add one, pointing
    anywhere the CI user may write. Links above the checkout are the machine's own
    (``/tmp`` on macOS) and are followed."""
    from orgcheck.io.files import checkout_root

    absolute = os.path.abspath(path)
    parent, name = os.path.split(absolute)
    if not name:
        raise WriteError(_("cannot write {path}: it is a folder").format(path=path))
    try:
        root = os.stat(checkout_root(os.getcwd()))
    except OSError:
        root = None
    fd = os.open("/", _FOLDER_FLAGS)
    inside = _same(fd, root)
    walked = "/"
    try:
        for part in [p for p in parent.split(os.sep) if p]:
            walked = os.path.join(walked, part)
            try:
                step = os.open(part, _FOLDER_FLAGS | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                is_link = stat.S_ISLNK(_lstat_mode(part, fd))
                if not is_link:
                    raise WriteError(_("cannot write {path}: {problem}").format(path=path,
                                                                               problem=reason(exc))) from None
                if inside:
                    raise WriteError(_("cannot write {path}: its folder {folder} is a link, and links inside the "
                                       "checkout are not followed (a pull request can add one); name the folder it "
                                       "points to").format(path=path, folder=os.path.relpath(walked))) from None
                try:
                    step = os.open(part, _FOLDER_FLAGS, dir_fd=fd)
                except OSError as again:
                    raise WriteError(_("cannot write {path}: {problem}").format(
                        path=path, problem=reason(again))) from None
            os.close(fd)
            fd = step
            inside = inside or _same(fd, root)
    except BaseException:
        os.close(fd)
        raise
    return fd, name


def _lstat_mode(name: str, folder: int) -> int:
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    except OSError:
        return 0


def _same(fd: int, root: os.stat_result | None) -> bool:
    if root is None:
        return False
    info = os.fstat(fd)
    return (info.st_dev, info.st_ino) == (root.st_dev, root.st_ino)


@contextlib.contextmanager
def exclusive(path: str, *, wait: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on the regular file ``path`` while it is read and
    written back. The lock is on the file itself (no lock file is left behind); as a
    write replaces the file, a waiter that wakes on the old one locks the new one. A
    lock held longer than ``wait`` seconds is an error, never an endless wait."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    deadline = time.monotonic() + wait
    while True:
        fd = _lock(path, fcntl, deadline, wait)
        if fd is None:  # not a regular file: the reader says why it cannot be read
            yield
            return
        try:
            try:
                now = os.stat(path)
            except OSError:
                now = None
            held = os.fstat(fd)
            if now is None or (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                yield
                return
            # replaced while we waited: lock the new file
        finally:
            os.close(fd)


def _lock(path: str, fcntl: Any, deadline: float, wait: float) -> int | None:
    """An open descriptor of ``path`` holding its lock (None: not a regular file)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(_("cannot write {path}: another orgcheck has been writing it for {seconds} "
                                       "seconds; try again when it is done").format(path=path,
                                                                                  seconds=int(wait))) from None
                time.sleep(0.02)
    except BaseException:
        os.close(fd)
        raise


def _to_stdout(data: bytes) -> None:
    try:
        to_stdout_bytes(data)
    except ReaderGone:
        pass


def to_stdout(text: str) -> None:
    """Write to standard output; raises ReaderGone (its reader closed it: end quietly)
    or WriteError."""
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
        silence_stdout()
        raise ReaderGone() from None
    except OSError as exc:
        silence_stdout()
        raise WriteError(f"cannot write standard output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush at
    exit does not fail again on what is still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor: nothing to flush
        pass


def to_file(text: str, path: str) -> None:
    """Write a report to ``path`` (``-``: standard output); raises ReaderGone or WriteError."""
    from orgcheck.run import streams

    if path == "-" or streams.names_stdout(path):  # descriptor 1 is standard error while plugins may run
        to_stdout(text)
    else:
        write_text(path, text)


def _write_all(fd: int, data: bytes, path: str) -> None:
    """Every byte of ``data`` to ``fd`` (a pipe or terminal may take a part per write)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise WriteError(_("cannot write {path}: {problem}").format(path=path, problem=reason(exc))) from None


def _stream(path: str, data: bytes, *, fifo: bool, folder: int, name: str) -> None:
    """Write into a FIFO or device in place. A FIFO nobody reads is an error, not a hang."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | os.O_NOFOLLOW
    try:
        if fifo:
            fd = os.open(name, flags | os.O_NONBLOCK, dir_fd=folder)
            os.set_blocking(fd, True)
        else:
            fd = os.open(name, flags, dir_fd=folder)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise WriteError(_("cannot write {path}: it is a FIFO that no process reads").format(path=path)) from None
        raise WriteError(_("cannot write {path}: {problem}").format(path=path, problem=reason(exc))) from None
    try:
        _write_all(fd, data, path)
    finally:
        os.close(fd)


def _replace(path: str, data: bytes, link: os.stat_result | None, folder: int, name: str) -> None:
    # Keep the mode of the regular file replaced; a new file (or one replacing a link)
    # gets the umask's default.
    mode = link.st_mode & 0o7777 if link is not None and stat.S_ISREG(link.st_mode) else 0o666 & ~_umask()
    import secrets  # here: it loads OpenSSL (hmac, hashlib), which a lint writing nothing never needs

    temp: str = ""
    fd: int | None = None
    try:
        for _attempt in range(100):
            temp = f".{name[:100]}.{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                             0o600, dir_fd=folder)
                break
            except FileExistsError:
                continue
        if fd is None:  # pragma: no cover - 100 random names taken
            raise FileExistsError(errno.EEXIST, "no free temporary name")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError as exc:
        if fd is not None:
            try:
                os.unlink(temp, dir_fd=folder)
            except OSError:
                pass
        raise WriteError(_("cannot write {path}: {problem}").format(path=path, problem=reason(exc))) from None
    _sync_folder(folder)


def _sync_folder(folder: int) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(".", os.O_RDONLY, dir_fd=folder)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    # The only portable way to read the umask is to set it; it is set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, _("a FIFO")), (stat.S_ISSOCK, _("a socket")),
                       (stat.S_ISCHR, _("a character device")), (stat.S_ISBLK, _("a block device")),
                       (stat.S_ISDIR, _("a folder"))):
        if test(mode):
            return name
    return _("not a regular file")


def read_bytes(path: str, *, cap: int | None = None, what: str = "file", named: bool = False) -> bytes:
    """The bytes of the regular file ``path`` (``-``: standard input); raises ReadError.

    The file is opened without blocking and checked on the open descriptor, so a
    FIFO swapped in after a check cannot hang the read. ``named``: the user named
    this file on the command line, so a pipe is fine too (``<(git show ...)``)."""
    if path == "-":
        data = sys.stdin.buffer.read(cap + 1 if cap is not None else -1)
        if cap is not None and len(data) > cap:
            raise ReadError(f"{path}: " + _too_large(what, cap))
        return data
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadError(f"{path}: " + _cannot_read(what, reason(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) and not (named and stat.S_ISFIFO(info.st_mode)):
            problem = _("{kind}, not a regular file").format(kind=kind(info.st_mode))
            raise ReadError(f"{path}: " + _cannot_read(what, problem))
        if cap is not None and info.st_size > cap:
            raise ReadError(f"{path}: " + _too_large(what, cap) + f" ({_size(info.st_size)})")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(cap + 1) if cap is not None else fh.read()
    except OSError as exc:
        raise ReadError(f"{path}: " + _cannot_read(what, reason(exc))) from None
    finally:
        os.close(fd)
    if cap is not None and len(data) > cap:  # it grew while read
        raise ReadError(f"{path}: " + _too_large(what, cap))
    return data


def read_head(path: str, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (a reader's quick look
    at a file's kind); b"" for anything else, never a wait on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        os.set_blocking(fd, True)
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def regular_file(path: str) -> str | None:
    """None when ``path`` (links followed) is a regular file, else why not, in words."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return reason(exc)
    return None if stat.S_ISREG(mode) else kind(mode)


# whole clauses for each kind of file read, so that a translation need not place the word
_CANNOT_READ = {"file": N_("cannot read: {problem}"), "config": N_("cannot read config: {problem}"),
                "baseline": N_("cannot read baseline: {problem}")}
_TOO_LARGE = {"file": N_("file is larger than {size}"), "config": N_("config is larger than {size}"),
              "baseline": N_("baseline is larger than {size}")}


def _cannot_read(what: str, problem: str) -> str:
    if what in _CANNOT_READ:
        return _(_CANNOT_READ[what]).format(problem=problem)
    return f"cannot read {what}: {problem}"


def _too_large(what: str, cap: int) -> str:
    if what in _TOO_LARGE:
        return _(_TOO_LARGE[what]).format(size=_size(cap))
    return f"{what} is larger than {_size(cap)}"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else _("{count} bytes").format(count=n)

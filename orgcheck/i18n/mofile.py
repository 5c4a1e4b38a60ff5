"""A compiled catalog (``.mo``) that translates a message when it is asked for.

The standard library's ``gettext.GNUTranslations`` decodes every entry of a catalog
as it opens it: for orgcheck's own catalog (over a thousand messages) that is most
of the time a Dutch ``orgcheck lint`` adds to an English one, while a run asks for a
few dozen messages. :class:`MoCatalog` reads the same file format (GNU gettext's,
as msgfmt and Babel write it) and answers the same two questions the same way, but
keeps the file's bytes, finds a message by binary search in the file's sorted table
of msgids (as GNU's own libintl does without a hash table), and decodes only the
entries a run looks up.

What it answers as ``GNUTranslations`` does: :meth:`gettext` looks for a singular
entry, then for the singular of a plural entry (its form for 1); :meth:`ngettext`
only for plural entries, in the form the catalog's ``Plural-Forms`` choose, and
else the English form for ``n``. Message contexts (``msgctxt``) are not used by
orgcheck and are kept as the file has them (as ``context\\x04msgid`` keys).
"""
from __future__ import annotations

import struct
from collections.abc import Callable

_LE_MAGIC = 0x950412DE
_BE_MAGIC = 0xDE120495
_VERSIONS = (0, 1)


def _germanic(n: int) -> int:
    return int(n != 1)


class MoCatalog:
    """The entries of one ``.mo`` file's bytes, decoded as they are looked up."""

    def __init__(self, data: bytes, name: str = "") -> None:
        magic = int.from_bytes(data[:4], "little") if len(data) >= 20 else None
        if magic == _LE_MAGIC:
            order = "<"
        elif magic == _BE_MAGIC:
            order = ">"
        else:
            raise OSError(0, "Bad magic number", name)
        version, count, originals, translations = struct.unpack(order + "4I", data[4:20])
        if version >> 16 not in _VERSIONS:
            raise OSError(0, f"Bad version number {version >> 16}", name)
        size = len(data)
        if originals + 8 * count > size or translations + 8 * count > size:
            raise OSError(0, "File is corrupt", name)
        self._keys = struct.unpack(f"{order}{2 * count}I", data[originals:originals + 8 * count])
        self._values = struct.unpack(f"{order}{2 * count}I", data[translations:translations + 8 * count])
        self._count = count
        self._data = data
        self._name = name
        # message bytes -> (singular entry, plural entry), None where there is none
        self._found: dict[bytes, tuple[int | None, int | None]] = {}
        self._decoded: dict[int, str] = {}
        self._charset = "ascii"
        self._plural_expression: str | None = None
        self._plural_of: Callable[[int], int] | None = None
        header = self._entries(b"")[0]
        if header is not None:
            self._read_header(self._raw(header))

    def _read_header(self, raw: bytes) -> None:
        for line in raw.split(b"\n"):
            item = line.decode("utf-8", "replace").strip()
            key, colon, value = item.partition(":")
            if not colon:
                continue
            key, value = key.strip().lower(), value.strip()
            if key == "content-type" and "charset=" in value:
                self._charset = value.split("charset=")[1].strip()
            elif key == "plural-forms" and "plural=" in value:
                self._plural_expression = value.split("plural=")[1].split(";")[0].strip()

    def _slice(self, table: tuple[int, ...], entry: int) -> bytes:
        length, offset = table[2 * entry], table[2 * entry + 1]
        if offset + length >= len(self._data):
            raise OSError(0, "File is corrupt", self._name)
        return self._data[offset:offset + length]

    def _raw(self, entry: int) -> bytes:
        return self._slice(self._values, entry)

    def _singular(self, entry: int) -> tuple[bytes, bool]:
        """An entry's msgid (a plural entry's singular), and whether it is a plural entry."""
        key = self._slice(self._keys, entry)
        nul = key.find(b"\0")
        return (key, False) if nul < 0 else (key[:nul], True)

    def _entries(self, key: bytes) -> tuple[int | None, int | None]:
        """The singular and the plural entry whose msgid is ``key``, by binary search:
        a .mo keeps its msgids in byte order (GNU gettext's format, as msgfmt and Babel
        write it), and a plural entry's "singular\\0plural" sorts with its singular,
        as NUL sorts before every other byte."""
        found = self._found.get(key)
        if found is not None:
            return found
        lo, hi = 0, self._count
        while lo < hi:
            mid = (lo + hi) // 2
            if self._singular(mid)[0] < key:
                lo = mid + 1
            else:
                hi = mid
        single = plural = None
        while lo < self._count:
            msgid, is_plural = self._singular(lo)
            if msgid != key:
                break
            if is_plural:
                plural = lo
            else:
                single = lo
            lo += 1
        found = self._found[key] = (single, plural)
        return found

    def _text(self, entry: int) -> str:
        text = self._decoded.get(entry)
        if text is None:
            text = self._decoded[entry] = str(self._raw(entry), self._charset)
        return text

    def plural(self, n: int) -> int:
        """Which of a plural entry's forms stands for ``n`` (the catalog's Plural-Forms)."""
        if self._plural_of is None:
            if self._plural_expression is None:
                self._plural_of = _germanic
            else:
                from gettext import c2py  # parses the C expression safely, as GNUTranslations does

                self._plural_of = c2py(self._plural_expression)
        return self._plural_of(n)

    def _key(self, message: str) -> bytes | None:
        try:
            return message.encode(self._charset)
        except (UnicodeEncodeError, LookupError):
            return None

    def gettext(self, message: str) -> str:
        key = self._key(message)
        if key is None:
            return message
        single, entry = self._entries(key)
        if single is not None:
            return self._text(single)
        if entry is not None:
            forms = self._text(entry).split("\0")
            index = self.plural(1)
            if index < len(forms):
                return forms[index]
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = self._key(singular)
        entry = None if key is None else self._entries(key)[1]
        if entry is not None:
            forms = self._text(entry).split("\0")
            index = self.plural(n)
            if index < len(forms):
                return forms[index]
        return singular if n == 1 else plural

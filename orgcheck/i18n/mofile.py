"""A compiled catalog (``.mo``) that translates a message when it is asked for.

The standard library's ``gettext.GNUTranslations`` decodes every entry of a catalog
as it opens it: for orgcheck's own catalog (over a thousand messages) that is most
of the time a Dutch ``orgcheck lint`` adds to an English one, while a run asks for a
few dozen messages. :class:`MoCatalog` reads the same file format (GNU gettext's,
as msgfmt and Babel write it) and answers the same two questions the same way, but
keeps the file's bytes, finds a message by binary search in its msgids in byte order
(the file's own order, as msgfmt writes it; a sorted copy where the file is in another,
as Babel's can be), and decodes only the entries a run looks up.

What it answers as ``GNUTranslations`` does: :meth:`gettext` looks for a singular
entry, then for the singular of a plural entry (its form for 1); :meth:`ngettext`
only for plural entries, in the form the catalog's ``Plural-Forms`` choose, and
else the English form for ``n``. Message contexts (``msgctxt``) are not used by
orgcheck and are kept as the file has them (as ``context\\x04msgid`` keys).
"""
from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Callable
from operator import add, le

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
        keys = struct.unpack(f"{order}{2 * count}I", data[originals:originals + 8 * count])
        values = struct.unpack(f"{order}{2 * count}I", data[translations:translations + 8 * count])
        # Every entry inside the file, checked now as GNUTranslations checks it: a damaged
        # file fails as it is opened (and a damaged cache is compiled again), never in the
        # middle of a run.
        ends = (max(map(add, keys[0::2], keys[1::2])), max(map(add, values[0::2], values[1::2]))) if count else ()
        if any(end >= size for end in ends):
            raise OSError(0, "File is corrupt", name)
        msgids = [data[offset:offset + length] for length, offset in zip(keys[0::2], keys[1::2], strict=True)]
        entries: list[int] | None = None  # entry number of each msgid in search order; None: the file's
        if not all(map(le, msgids, msgids[1:])):
            # Babel sorts by the message's text and writes a context before its msgid, or
            # in a charset whose byte order is not the text's: search a sorted copy.
            entries = sorted(range(count), key=msgids.__getitem__)
            msgids = [msgids[i] for i in entries]
        self._msgids = msgids
        self._entries_in_order = entries
        self._values = values
        self._data = data
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

    def _raw(self, entry: int) -> bytes:
        length, offset = self._values[2 * entry], self._values[2 * entry + 1]
        return self._data[offset:offset + length]

    def _entries(self, key: bytes) -> tuple[int | None, int | None]:
        """The singular and the plural entry whose msgid is ``key``, by binary search in
        the msgids in byte order. A plural entry's "singular\\0plural" sorts right after
        its singular (NUL sorts before every other byte), so both sit together."""
        found = self._found.get(key)
        if found is not None:
            return found
        msgids, entries = self._msgids, self._entries_in_order
        i = bisect_left(msgids, key)
        single = plural = None
        plural_key = key + b"\0"
        while i < len(msgids):
            msgid = msgids[i]
            if msgid == key:
                single = i if entries is None else entries[i]
            elif msgid.startswith(plural_key):
                plural = i if entries is None else entries[i]
            else:
                break
            i += 1
        found = self._found[key] = (single, plural)
        return found

    def _text(self, entry: int) -> str:
        text = self._decoded.get(entry)
        if text is None:
            # a byte the charset cannot decode is shown as U+FFFD, not raised in a rule's message
            text = self._decoded[entry] = str(self._raw(entry), self._charset, "replace")
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

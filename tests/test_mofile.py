"""orgcheck reads compiled catalogs itself (orgcheck.i18n.mofile), decoding only what a
run looks up: every answer must be the standard library's GNUTranslations' answer."""
from __future__ import annotations

import gettext
import io
import struct
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from orgcheck.i18n.mofile import MoCatalog

DUTCH = Path(__file__).resolve().parent.parent / "orgcheck" / "locale" / "nl" / "LC_MESSAGES" / "orgcheck.po"


def _compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _both(data: bytes) -> tuple[gettext.GNUTranslations, MoCatalog]:
    return gettext.GNUTranslations(io.BytesIO(data)), MoCatalog(data)


def test_every_message_of_the_dutch_catalog_reads_as_gettext_reads_it():
    with open(DUTCH, "rb") as fh:
        catalog = read_po(fh)
    reference, ours = _both(_compiled(catalog))
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id[0], message.id[1]
            for n in (0, 1, 2, 7):
                assert ours.ngettext(singular, plural, n) == reference.ngettext(singular, plural, n)
            assert ours.gettext(singular) == reference.gettext(singular)
        else:
            assert ours.gettext(message.id) == reference.gettext(message.id), message.id
            assert ours.ngettext(message.id, message.id + "s", 3) == reference.ngettext(message.id, message.id + "s", 3)
        checked += 1
    assert checked > 1000
    assert ours.gettext("a message nobody translated") == "a message nobody translated"
    assert ours.ngettext("{n} thing", "{n} things", 1) == "{n} thing"
    assert ours.ngettext("{n} thing", "{n} things", 4) == "{n} things"


def _slavic() -> Catalog:
    """Three plural forms, a singular and a plural entry sharing a msgid, and
    msgids that are prefixes of one another (the binary search's edge cases)."""
    catalog = Catalog(locale="pl")
    catalog.add("", "")
    catalog.add("file", "plik")
    catalog.add(("file", "files"), ("{n} plik", "{n} pliki", "{n} plików"))
    catalog.add("fil", "fil-pl")
    catalog.add("file name", "nazwa pliku")
    catalog.add("zebra", "zebra-pl")
    catalog.add("é", "e-akcent")
    return catalog


def test_plural_forms_shared_msgids_and_prefixes_read_as_gettext_reads_them():
    reference, ours = _both(_compiled(_slavic()))
    for n in (0, 1, 2, 3, 4, 5, 12, 22, 25, 101):
        assert ours.ngettext("file", "files", n) == reference.ngettext("file", "files", n)
    for message in ("file", "fil", "file name", "files", "zebra", "é", "", "a", "zzz", "fi"):
        assert ours.gettext(message) == reference.gettext(message), message
    assert ours.ngettext("{n} plik", "x", 5) == "x"  # a translation is no msgid


def test_a_big_endian_catalog_reads_as_a_little_endian_one():
    data = _compiled(_slavic())
    header = struct.unpack("<7I", data[:28])
    count, originals, translations = header[2], header[3], header[4]
    assert translations == originals + 8 * count
    tables = struct.unpack(f"<{4 * count}I", data[originals:translations + 8 * count])
    swapped = (struct.pack(">7I", *header) + data[28:originals]
               + struct.pack(f">{4 * count}I", *tables) + data[translations + 8 * count:])
    assert MoCatalog(swapped).ngettext("file", "files", 5) == "{n} plików"
    assert MoCatalog(swapped).gettext("zebra") == "zebra-pl"


@pytest.mark.parametrize("data, problem", [
    (b"not a catalog at all, just some bytes", "Bad magic number"),
    (struct.pack("<5I", 0x950412DE, 5 << 16, 0, 28, 28), "Bad version number 5"),
    (struct.pack("<5I", 0x950412DE, 0, 1000, 28, 28), "File is corrupt"),
])
def test_a_damaged_file_is_an_oserror_as_gettext_makes_it(data, problem):
    with pytest.raises(OSError, match=problem):
        MoCatalog(data, "x.mo")
    with pytest.raises((OSError, struct.error)):  # gettext's own: a struct.error for a short table
        gettext.GNUTranslations(io.BytesIO(data))


def test_an_empty_file_is_an_oserror_too():
    with pytest.raises(OSError, match="Bad magic number"):
        MoCatalog(b"", "empty.mo")


def test_an_entry_pointing_past_the_end_is_corrupt_as_the_file_is_opened():
    """As GNUTranslations: a damaged catalog fails as it is opened (a damaged cache is then
    compiled again), never later, in the middle of a rule's message."""
    data = bytearray(_compiled(_slavic()))
    translations = struct.unpack("<I", data[16:20])[0]
    data[translations + 8 * 2 + 4:translations + 8 * 2 + 8] = struct.pack("<I", 10**6)  # entry 2's offset
    with pytest.raises(OSError, match="File is corrupt"):
        MoCatalog(bytes(data))
    with pytest.raises(OSError):
        gettext.GNUTranslations(io.BytesIO(bytes(data)))


def _answers_alike(catalog: Catalog) -> None:
    reference, ours = _both(_compiled(catalog))
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            for n in (0, 1, 2, 5):
                assert ours.ngettext(message.id[0], message.id[1], n) == reference.ngettext(message.id[0],
                                                                                            message.id[1], n)
        else:
            key = message.id if message.context is None else f"{message.context}\x04{message.id}"
            assert ours.gettext(key) == reference.gettext(key), key
            assert ours.gettext(message.id) == reference.gettext(message.id), message.id


def test_a_babel_catalog_with_contexts_reads_as_gettext_reads_it():
    """Babel sorts by a message's text but writes "context\\x04msgid": the file's table is
    then not in byte order, and every message must still be found."""
    catalog = Catalog(locale="nl")
    for msgid, text in (("apple", "appel"), ("banana", "banaan"), ("cherry", "kers"), ("zebra", "zebra")):
        catalog.add(msgid, text)
    catalog.add("banana", "banaan (zz)", context="zz")
    catalog.add("zebra", "zebra (aa)", context="aa")
    _answers_alike(catalog)
    assert MoCatalog(_compiled(catalog)).gettext("cherry") == "kers"


def test_a_catalog_in_a_one_byte_charset_reads_as_gettext_reads_it():
    """Babel orders by code point; in ISO-8859-15 the euro sign (U+20AC) is byte 0xA4,
    before the 0xFF of U+00FF: the table is not in byte order there either."""
    catalog = Catalog(locale="nl", charset="iso-8859-15")
    catalog.add("price \u20ac", "prijs \u20ac")
    catalog.add("price \u00ff", "prijs \u00ff")
    catalog.add("price", "prijs")
    _answers_alike(catalog)
    assert MoCatalog(_compiled(catalog)).gettext("price \u20ac") == "prijs \u20ac"

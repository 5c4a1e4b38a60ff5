"""Merge partial Dutch catalogs into orgcheck's own (a maintainer's step, docs/i18n.md).

When several branches change messages at once, each writes the Dutch of what it
touched into a partial ``.po`` of its own instead of the shared catalog (which would
conflict). After merging the branches, run from the repository root::

    python -m orgcheck.i18n.merge PART.po [PART.po ...]

It extracts the template again (the extract command of docs/i18n.md), updates the
Dutch catalog from it (``pybabel update``: new entries empty, changed ones fuzzy),
then fills every empty or fuzzy entry whose msgid a partial translates (a fuzzy
entry whose English changed gets the partial's translation of the new English),
and says what is still untranslated. An obsolete entry of the catalog itself
(``#~``, a message that left the source and came back) fills an exact match too.
A translation already in the catalog is kept; where a partial disagrees with it,
the report says so. Exit status: 0 when every entry is translated, 1 otherwise.
Babel is needed (the ``test`` extra installs it).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orgcheck.wording import short

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
POT = PACKAGE / "locale" / "orgcheck.pot"
LANGUAGE = "nl"
PO = PACKAGE / "locale" / LANGUAGE / "LC_MESSAGES" / "orgcheck.po"
#: docs/i18n.md's extract command, as Babel's command line takes it
EXTRACT = ["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(POT), "--no-wrap", "--sort-by-file",
           "--add-location=file", "-c", "TRANSLATORS:", "--project=orgcheck", "orgcheck", "plugins"]
UPDATE = ["pybabel", "-q", "update", "-i", str(POT), "-d", str(PACKAGE / "locale"), "-D", "orgcheck", "-l", LANGUAGE,
          "--no-wrap"]


def _key(message: Any) -> tuple:
    """A message's identity: its msgid (both forms for a plural) and context."""
    ident = message.id if isinstance(message.id, str) else tuple(message.id)
    return ident, message.context


def _translated(message: Any) -> bool:
    forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(message.id) and all(forms) and not message.fuzzy


def _read(path: Path) -> Any:
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        return read_po(fh)


def translations(partials: Iterable[Path]) -> tuple[dict[tuple, Any], list[str]]:
    """The translated entries of the partial catalogs, by msgid; and where two partials
    translate one msgid differently (the first one given wins)."""
    found: dict[tuple, Any] = {}
    clashes = []
    for path in partials:
        for message in _read(path):
            if not _translated(message):
                continue
            key = _key(message)
            if key in found and found[key].string != message.string:
                clashes.append(f"{path}: {_one_line(message.id)} differs from an earlier partial's (kept the earlier)")
                continue
            found.setdefault(key, message)
    return found, clashes


def fill(catalog: Any, found: dict[tuple, Any]) -> tuple[int, list[str]]:
    """Fill the catalog's empty and fuzzy entries from ``found`` (and from its own
    obsolete entries with the same msgid); returns how many, and the entries where a
    partial disagrees with a translation the catalog keeps."""
    obsolete = {_key(m): m for m in catalog.obsolete.values() if _translated(m)}
    filled, disagreements = 0, []
    for message in catalog:
        if not message.id:
            continue
        key = _key(message)
        source = found.get(key) or obsolete.get(key)
        if _translated(message):
            if key in found and found[key].string != message.string:
                disagreements.append(f"kept the catalog's translation of {_one_line(message.id)}")
            continue
        if source is None:
            continue
        message.string = source.string
        message.flags.discard("fuzzy")
        message.previous_id = []
        filled += 1
    return filled, disagreements


def untranslated(catalog: Any) -> list[str]:
    out = []
    for message in catalog:
        if message.id and not _translated(message):
            out.append(("fuzzy: " if message.fuzzy else "untranslated: ") + _one_line(message.id))
    return out


def _one_line(ident: Any) -> str:
    """A message id (the singular of a plural) on one line, cut for a report line."""
    return short((ident if isinstance(ident, str) else ident[0]).replace("\n", " "), 80)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orgcheck.i18n.merge", description=__doc__.split("\n\n")[0])
    parser.add_argument("partials", nargs="*", type=Path, metavar="PART.po",
                        help="partial Dutch catalogs written beside the branches")
    parser.add_argument("--no-extract", action="store_true",
                        help="do not extract and update first: only fill from the partials")
    args = parser.parse_args(argv)
    try:
        from babel.messages.frontend import CommandLineInterface
        from babel.messages.pofile import write_po
    except ImportError:
        print("orgcheck: error: Babel is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 2
    for path in args.partials:
        if not path.is_file():
            print(f"orgcheck: error: {path}: no such file", file=sys.stderr)
            return 2
    if not args.no_extract:
        if not (ROOT / "babel.cfg").is_file():
            print(f"orgcheck: error: {ROOT} is not a source checkout (no babel.cfg)", file=sys.stderr)
            return 2
        import os

        here = os.getcwd()
        os.chdir(ROOT)  # babel.cfg's patterns and the template's locations are relative to the root
        try:
            CommandLineInterface().run(EXTRACT)
            CommandLineInterface().run(UPDATE)
        finally:
            os.chdir(here)
    found, clashes = translations(args.partials)
    catalog = _read(PO)
    filled, disagreements = fill(catalog, found)
    with open(PO, "wb") as fh:
        write_po(fh, catalog, width=0)  # --no-wrap, as pybabel update writes it
    left = untranslated(catalog)
    total = sum(1 for m in catalog if m.id)
    print(f"{PO.relative_to(ROOT)}: filled {filled} from {len(args.partials)} partial catalog(s); "
          f"{total - len(left)} of {total} entries translated")
    for line in [*clashes, *disagreements, *left]:
        print("  " + line)
    if left:
        print(f"{len(left)} still to translate: fill them in {PO.relative_to(ROOT)}, then run "
              "python -m pytest -q tests/test_i18n.py")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())

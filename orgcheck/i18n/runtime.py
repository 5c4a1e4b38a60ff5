"""The language orgcheck speaks: gettext catalogs, the active language, rule docs.

Messages are written in English in the source, wrapped in ``_()`` (one form) or
``ngettext()`` (one and many), with ``str.format`` placeholders filled in *after*
translation::

    from orgcheck.i18n.runtime import _, ngettext

    _("{who} has no manager").format(who=person.label)
    ngettext("{count} layer", "{count} layers", n).format(count=n)

English needs no catalog: while English is active, ``_()`` returns its argument and
nothing else is imported (the linter's startup stays as it was). Another language
loads ``locale/LANG/LC_MESSAGES/orgcheck.mo`` (GNU gettext's format, read by
``orgcheck.i18n.mofile``, which decodes only the messages a run asks for); the
wheel ships that ``.mo`` (compiled by Babel in setup.py's build step). A source
checkout or editable install has only the ``.po``: it is compiled with Babel on
first use into a cache (``$XDG_CACHE_HOME/orgcheck/catalogs``), so Babel is needed
there (the ``test`` extra installs it) but not in an installed wheel.

Rule docs are docstrings, fixed at import time, before any language is chosen: they
stay English in the code and are translated when read (``Rule.docs`` calls
:func:`translate_docs`), one paragraph per catalog entry, so a changed paragraph only
invalidates its own translation. ``N_()`` marks other import-time strings for
extraction without translating them; translate them where they are used
(``_(CONSTANT)``), or use :func:`lazy` where an object must be handed over early.

A plugin ships its own catalog under its own gettext domain::

    from orgcheck.i18n.runtime import translator
    _, ngettext = translator("acme_rules", Path(__file__).parent / "locale").pair()

and its rule docs are then translated from that catalog (see docs/i18n.md).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DOMAIN = "orgcheck"
LOCALEDIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"
#: the languages orgcheck itself has a catalog for (English is the source language)
LANGUAGES = ("en", "nl")
#: where the locale is read from, in gettext's own order: the first one set wins
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_active = DEFAULT
# (domain, localedir, language) -> a MoCatalog, or None when there is no catalog
_loaded: dict[tuple[str, str, str], Any] = {}
# package prefix -> Translator: whose catalog translates a rule's docs
_by_package: dict[str, Translator] = {}


def set_language(language: str | None) -> str:
    """Make ``language`` (``"nl"``, ``"en"``; None: English) the active one; returns it."""
    global _active
    _active = normalize(language) or DEFAULT
    return _active


def get_language() -> str:
    return _active


def normalize(value: str | None) -> str | None:
    """``nl_NL.UTF-8`` -> ``nl``; ``C``, ``POSIX`` and empty -> None."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return None if code in ("", "c", "posix") else code


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale asks for, if orgcheck has it: ``LANGUAGE`` (a colon-separated
    list of preferences), else ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (the first one set)."""
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = env.get(variable)
        if not value:
            continue
        if variable == "LANGUAGE":
            for choice in value.split(":"):
                code = normalize(choice)
                if code in LANGUAGES:
                    return code
            continue  # none of LANGUAGE's is known: the next variable decides
        code = normalize(value)
        return code if code in LANGUAGES else None
    return None


# -- catalogs ------------------------------------------------------------------


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "orgcheck" / "catalogs"


def _compile_po(po: Path) -> Any:
    """A ``.po`` as a catalog, compiled with Babel (fuzzy entries left out, as msgfmt
    does) and kept in a cache keyed by the file's path, size and time."""
    import zlib  # not hashlib: loading OpenSSL would cost a Dutch lint more than reading the catalog

    from orgcheck.i18n.mofile import MoCatalog

    stat = po.stat()
    key = f"{zlib.crc32(str(po.resolve()).encode()):08x}-{stat.st_size:x}-{stat.st_mtime_ns:x}"
    cached = _cache_dir() / f"{po.stem}-{key}.mo"
    try:
        with open(cached, "rb") as fh:
            return MoCatalog(fh.read(), str(cached))
    except OSError:  # not cached yet, or a damaged cache file: compiled again
        pass
    try:
        from io import BytesIO

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:
        print(f"orgcheck: {po} is not compiled and Babel is not installed to read it "
              "(pip install babel): messages stay in English", file=sys.stderr)
        return None
    with open(po, "rb") as fh:
        catalog = read_po(fh)
    data = BytesIO()
    write_mo(data, catalog, use_fuzzy=False)
    try:  # a read-only home only costs the next run a compile
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(data.getvalue())
        os.replace(temp, cached)
    except OSError:
        pass
    return MoCatalog(data.getvalue(), str(po))


def load_catalog(domain: str, localedir: str | Path, language: str) -> Any:
    """The translations of ``domain`` into ``language`` (a :class:`MoCatalog`, which
    answers ``gettext`` and ``ngettext`` as ``gettext.GNUTranslations`` does), or None.
    A compiled ``.mo`` is used unless its ``.po`` is newer (a source checkout)."""
    key = (domain, str(localedir), language)
    if key in _loaded:
        return _loaded[key]
    folder = Path(localedir) / language / "LC_MESSAGES"
    mo, po = folder / f"{domain}.mo", folder / f"{domain}.po"
    catalog = None
    mo_time = _mtime(mo)
    po_time = _mtime(po)
    if mo_time is not None and (po_time is None or mo_time >= po_time):
        from orgcheck.i18n.mofile import MoCatalog

        with open(mo, "rb") as fh:
            catalog = MoCatalog(fh.read(), str(mo))
    elif po_time is not None:
        catalog = _compile_po(po)
    _loaded[key] = catalog
    return catalog


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


class Translator:
    """The messages of one gettext domain (orgcheck's own, or a plugin's), in the
    active language."""

    def __init__(self, domain: str, localedir: str | Path) -> None:
        self.domain = domain
        self.localedir = Path(localedir)

    def catalog(self) -> Any:
        if _active == DEFAULT:
            return None
        return load_catalog(self.domain, self.localedir, _active)

    def gettext(self, message: str) -> str:
        catalog = self.catalog()
        return message if catalog is None else catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        catalog = self.catalog()
        if catalog is None:
            return singular if n == 1 else plural
        return catalog.ngettext(singular, plural, n)

    def lazy(self, message: str) -> LazyString:
        return LazyString(self.gettext, message)

    def pair(self) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
        """``_, ngettext = translator(...).pair()``"""
        return self.gettext, self.ngettext

    def has(self, message: str) -> bool:
        catalog = self.catalog()
        return catalog is not None and catalog.gettext(message) != message


_orgcheck = Translator(DOMAIN, LOCALEDIR)
_by_package["orgcheck"] = _orgcheck
_by_package["orgcheck_plugins"] = _orgcheck


def _(message: str) -> str:
    """``message`` in the active language (itself in English or without a translation)."""
    if _active == DEFAULT:
        return message
    return _orgcheck.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` (Dutch, like English, has one form for 1 and one for the rest)."""
    if _active == DEFAULT:
        return singular if n == 1 else plural
    return _orgcheck.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (import time):
    translate it with ``_()`` where it is used."""
    return message


class LazyString:
    """A message translated each time it is turned into text, for objects built at
    import time that are shown later. ``str(lazy)`` and f-strings translate."""

    __slots__ = ("_translate", "message")

    def __init__(self, translate: Callable[[str], str], message: str) -> None:
        self._translate = translate
        self.message = message

    def __str__(self) -> str:
        return self._translate(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"lazy({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __len__(self) -> int:
        return len(str(self))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __getattr__(self, name: str) -> Any:  # .format(), .splitlines(), ...
        return getattr(str(self), name)


def lazy(message: str) -> LazyString:
    """``message`` translated when shown, not now (for strings built at import time)."""
    return LazyString(_, message)


lazy_gettext = lazy


def translator(domain: str, localedir: str | Path, *, package: str | None = None) -> Translator:
    """A plugin's own catalog: ``localedir/LANG/LC_MESSAGES/DOMAIN.mo`` (or ``.po`` in a
    source checkout). The rule docs of ``package`` (default: the calling module's
    package) are translated from it. Call it once, at the top of the plugin module."""
    if package is None:
        caller = sys._getframe(1).f_globals
        package = caller.get("__package__") or caller.get("__name__") or domain
    found = Translator(domain, localedir)
    _by_package[package] = found
    return found


def translator_for(module: str | None) -> Translator | None:
    """The translator registered for ``module`` (its package, or a parent package's)."""
    name = module or ""
    while name:
        if name in _by_package:
            return _by_package[name]
        name = name.rpartition(".")[0]
    return None


def docs_paragraphs(text: str) -> list[str]:
    """A cleaned docstring as the paragraphs the catalog holds (split at blank lines)."""
    paragraphs, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def translate_docs(text: str, module: str | None) -> str:
    """A rule's docs (a cleaned docstring) in the active language, paragraph by
    paragraph, from the catalog of the module's package; untranslated paragraphs stay
    English."""
    if _active == DEFAULT or not text:
        return text
    found = translator_for(module)
    if found is None:
        return text
    return "\n\n".join(found.gettext(p) for p in docs_paragraphs(text))

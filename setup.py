"""One build step beyond pyproject.toml: Babel compiles the message catalogs
(orgcheck/locale/LANG/LC_MESSAGES/orgcheck.po) into the .mo files the wheel ships,
so that an installed orgcheck reads them with the standard library's gettext and
needs no Babel. The .mo files are build output and never committed (docs/i18n.md).
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_catalogs(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install runs from the source, which compiles its .po when used
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted((HERE / "orgcheck" / "locale").glob("*/LC_MESSAGES/*.po")):
            with open(po, "rb") as fh:
                catalog = read_po(fh, locale=po.parent.parent.name)
            target = Path(self.build_lib) / po.relative_to(HERE).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)  # as msgfmt: a fuzzy entry stays English
            self.announce(f"compiled {po.relative_to(HERE)} -> {target}", level=2)


setup(cmdclass={"build_py": build_py_with_catalogs})

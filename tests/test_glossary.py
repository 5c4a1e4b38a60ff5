"""One term per concept (issue 26 item 3): the glossary of docs/i18n.md holds across the
Dutch messages, the Dutch rule docs (docs/rules/nl/) and the report.

Each rejected variant below is a word a Dutch reader met for a concept the glossary
names otherwise; none may come back. Schema keys and JSON stay as the user writes them,
so `code spans` and "quoted" JSON are not read.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "orgcheck" / "locale" / "nl" / "LC_MESSAGES" / "orgcheck.po"
DUTCH_RULE_DOCS = ROOT / "docs" / "rules" / "nl"
GLOSSARY = ROOT / "docs" / "i18n.md"

#: rejected variant -> the term the glossary settles on
REJECTED = {
    r"\bwaivers?\b": "ontheffing",
    r"\bstuurinformatie\b": "indicator / prestatie-informatie",
    r"\bvervullers?\b": "rolhouder",
    r"\bbezetters?\b": "rolhouder",
    r"\buitvoerenden\b": "uitvoerders",
    r"\bpijlers?\b": "bouwsteen",
    r"\bdeze controle toetst\b|\bin deze controle\b|\bOC\d{3} controleert\b": "toets (a rule's check)",
    r"organisatie is leidinggevende": "bestaat uit leidinggevenden",
    r"\blagen (?:van )?controle\b": "controlelagen",
    r"\bbezit(?:ten)?\b": "hoort bij (a role's domain)",
    r"de hiërarchie in\b": "schuift omhoog in de hiërarchie",
    r"baseline-regels?\b": "vermelding",
    r"\bexterne leidinggevende\b": "leidinggevende van buiten de eenheid",
    r"\bhet purpose\b": "het doel",
    r"\bmet een cadence\b": "met een vaste frequentie",
    r"Bouwsteen\W+(?:self-steering|professionalism)\b": "zelfsturing en zelforganisatie, professionaliteit",
}
#: the settled terms, each used somewhere in the messages and docs
SETTLED = ("ontheffing", "rolhouder", "uitvoerders", "bouwsteen", "zelfsturend", "toets", "indicator",
           "terugkoppeling van prestaties", "zelfsturing en zelforganisatie", "professionaliteit")

#: the rule names (`unused-waiver`): identifiers, never translated
RULE_NAMES = sorted({m for page in (ROOT / "docs" / "rules").glob("OC*.md")
                     for m in re.findall(r"^# OC\d{3} (\S+)", page.read_text(encoding="utf-8"), re.M)},
                    key=len, reverse=True)
IDENTIFIERS = re.compile(r"`[^`]*`|\"[^\"]*\"|" + "|".join(re.escape(n) for n in RULE_NAMES))


def prose(text: str) -> str:
    """Text as a Dutch reader reads it: without schema keys in `code` and JSON in quotes."""
    return IDENTIFIERS.sub(" ", text)


def rejected_in(text: str) -> list[str]:
    text = prose(text)
    return [f"{m.group(0)!r} (use {better}) in ...{text[max(0, m.start() - 50):m.end() + 30]!r}..."
            for pattern, better in REJECTED.items() for m in re.finditer(pattern, text, re.I)]


def catalog_text() -> list[str]:
    with open(PO, "rb") as fh:
        catalog = read_po(fh)
    return [s for m in catalog if m.id
            for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string]) if s]


def test_no_rejected_variant_in_the_dutch_messages():
    found = [problem for text in catalog_text() for problem in rejected_in(text)]
    assert not found, "\n".join(found)


def test_no_rejected_variant_in_the_dutch_rule_docs():
    pages = sorted(DUTCH_RULE_DOCS.glob("*.md"))
    assert len(pages) > 40  # one a rule, and the index
    found = [f"{page.name}: {problem}" for page in pages
             for problem in rejected_in(page.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_the_settled_terms_are_used():
    text = "\n".join(catalog_text())
    missing = [term for term in SETTLED if term not in text]
    assert not missing, missing


def test_the_glossary_names_each_settled_term():
    glossary = GLOSSARY.read_text(encoding="utf-8").split("## Glossary", 1)[1]
    for term in ("ontheffing", "rolhouder", "uitvoerders", "bouwsteen", "toets", "indicator",
                 "prestatie-informatie", "zelfsturing en zelforganisatie"):
        assert term in glossary, term


def test_no_rejected_variant_in_the_dutch_report(run, tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    target = tmp_path / "report.html"
    result = run("--lang", "nl", "report", str(ROOT / "examples" / "command-and-control.org.json"), "-o",
                 str(target), env=env)
    assert result.code == 0, result.err
    page = target.read_text(encoding="utf-8")
    words = re.search(r'id="orgcheck-words">(.*?)</script>', page, re.S).group(1)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page)) + words
    assert "Bouwstenen" in text or "bouwsteen" in text.lower()
    found = rejected_in(text)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, caught", [
    ("zet een waiver op deze bevinding", True),
    ("leg een ontheffing vast met de reden (`waivers`)", False),
    ('{"id": "p1", "waivers": []}', False),
    ("de vervullers van de rol", True),
    ("de score van een pijler", True),
])
def test_the_check_catches_a_rejected_variant_and_spares_keys(text, caught):
    assert bool(rejected_in(text)) is caught

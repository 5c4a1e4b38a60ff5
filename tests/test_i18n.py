"""orgcheck in Dutch: the catalogs are complete and current, translations keep their
placeholders, the language is chosen by --lang, the config's lang or the locale, and
every output identifies the same findings in both languages. A plugin ships its own
catalog. (docs/i18n.md)"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import EXAMPLES, ROOT

LOCALE = ROOT / "orgcheck" / "locale"
POT = LOCALE / "orgcheck.pot"
NL = LOCALE / "nl" / "LC_MESSAGES" / "orgcheck.po"
EXAMPLE = EXAMPLES / "command-and-control.org.json"
#: the extract command of docs/i18n.md, as Babel's command line takes it
EXTRACT = ["pybabel", "extract", "-F", "babel.cfg", "--no-wrap", "--sort-by-file", "--add-location=file",
           "-c", "TRANSLATORS:", "--project=orgcheck", "orgcheck", "plugins"]
#: the docs' section headings and the Dutch ones they become (docs/i18n.md's glossary)
HEADINGS = {"What:": "Wat:", "Why:": "Waarom:", "Fix:": "Oplossing:", "Options:": "Opties:",
            "Example:": "Voorbeeld:"}
DUTCH_SUMMARY = re.compile(r"^\d+ bevindingen \((\d+ fouten?, )?\d+ waarschuwingen?, \d+ ter informatie\) "
                           r"in 1 bestand$", re.M)
ENGLISH_SUMMARY = re.compile(r"^\d+ findings \((\d+ errors?, )?\d+ warnings?, \d+ info\) in 1 file$", re.M)
OC101_NL = "Mark Doyle (supervisor) heeft 12 directe medewerkers; een supervisor geeft aan hoogstens 10 mensen leiding"


def read(path):
    with open(path, "rb") as fh:
        return read_po(fh)


def is_docs(message) -> bool:
    return any(c.startswith("docs of rule") for c in message.auto_comments)


def forms(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


BRACES = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")
PERCENT = re.compile(r"%(?:\(([A-Za-z_]+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
BACKTICKS = re.compile(r"`[^`]+`")
CODES = re.compile(r"\b[A-Z]+[0-9]{3}\b")


def placeholders(text: str, percent: bool) -> set[str]:
    found = {f"{{{name}}}" for name in BRACES.findall(text)}
    if percent:
        found |= {m.group(0) for m in PERCENT.finditer(text)}
    return found


def problems(catalog) -> list[str]:
    """What a translation breaks: a placeholder dropped, renamed or added (each plural
    form keeps what both English forms share); in rule docs, a `code span` (a schema
    key or option), a rule code, or a section heading."""
    out = []
    for m in catalog:
        if not m.id or not any(forms(m.string)):
            continue
        english = forms(m.id)
        percent = "python-format" in m.flags and not is_docs(m)
        if is_docs(m):
            source = english[0]
            for target in forms(m.string):
                if sorted(BACKTICKS.findall(target)) != sorted(BACKTICKS.findall(source)):
                    out.append(f"{source[:50]!r}: `code` spans {sorted(set(BACKTICKS.findall(source)))} "
                               f"became {sorted(set(BACKTICKS.findall(target)))}")
                if sorted(CODES.findall(target)) != sorted(CODES.findall(source)):
                    out.append(f"{source[:50]!r}: rule codes changed")
                for heading, dutch in HEADINGS.items():
                    if source.startswith(heading) and not target.startswith(dutch):
                        out.append(f"{source[:50]!r}: the section {heading} must start with {dutch}")
            continue
        each = [placeholders(e, percent) for e in english]
        shared, every = set.intersection(*each), set.union(*each)
        for target in forms(m.string):
            got = placeholders(target, percent)
            if len(english) == 1 and got != every:
                out.append(f"{english[0][:60]!r}: placeholders {sorted(every)} became {sorted(got)}")
            elif len(english) > 1 and not shared <= got <= every:
                out.append(f"{english[0][:60]!r}: a plural form has {sorted(got)}, expected {sorted(every)}")
    return out


# -- the catalogs --------------------------------------------------------------


def test_every_message_and_doc_in_the_template_has_a_dutch_translation():
    dutch = read(NL)
    missing = []
    for m in read(POT):
        if not m.id:
            continue
        found = dutch.get(m.id, context=m.context)
        if found is None or not all(forms(found.string)):
            missing.append(f"untranslated: {forms(m.id)[0][:80]!r}")
        elif found.fuzzy:
            missing.append(f"fuzzy (check it, then remove the fuzzy flag): {forms(m.id)[0][:80]!r}")
    assert not missing, "\n".join(missing) + "\n(docs/i18n.md: pybabel update, translate, remove fuzzy)"


def test_dutch_translations_keep_placeholders_code_spans_and_headings():
    catalog = read(NL)
    assert problems(catalog) == []
    # Babel's own checks, the ones that make `pybabel compile` fail
    assert [(forms(m.id)[0][:60], [str(e) for e in errors]) for m, errors in catalog.check()] == []


def test_the_placeholder_check_catches_a_dropped_or_renamed_placeholder(tmp_path):
    po = tmp_path / "bad.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                  'msgid "{manager} has {reports}"\nmsgstr "{manager} heeft medewerkers"\n\n'
                  'msgid "{count} layer"\nmsgid_plural "{count} layers"\n'
                  'msgstr[0] "{count} laag"\nmsgstr[1] "{aantal} lagen"\n\n'
                  'msgid "%(count)d waived"\nmsgstr "%(aantal)d met ontheffing"\n\n'
                  '#. docs of rule OC101 (orgcheck explain OC101)\n'
                  'msgid "Fix: record it in `manager_type` (see OC102)."\n'
                  'msgstr "Oplossing: leg het vast in het managertype (zie OC102)."\n\n'
                  '#. docs of rule OC101 (orgcheck explain OC101)\n'
                  'msgid "Why: because."\nmsgstr "Omdat."\n', encoding="utf-8")
    found = problems(read(po))
    assert len(found) == 5, found
    assert "placeholders ['{manager}', '{reports}'] became ['{manager}']" in found[0]
    assert "a plural form has ['{aantal}'], expected ['{count}']" in found[1]
    assert "['%(count)d'] became ['%(aantal)d']" in found[2]
    assert "`code` spans ['`manager_type`'] became []" in found[3]
    assert "the section Why: must start with Waarom:" in found[4]


def test_the_committed_template_is_what_extract_gives_today(tmp_path, monkeypatch):
    out = tmp_path / "orgcheck.pot"
    monkeypatch.chdir(ROOT)
    CommandLineInterface().run(["pybabel", "-q", *EXTRACT[1:], "-o", str(out)])
    fresh = {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in read(out) if m.id}
    committed = {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in read(POT) if m.id}
    assert fresh - committed == set(), "new messages: run the extract and update of docs/i18n.md"
    assert committed - fresh == set(), "messages gone from the source: run the extract and update of docs/i18n.md"
    assert len(fresh) > 40  # the first slice: summary, explain headings, OC101-OC105 messages and docs


def test_extract_takes_rule_docs_paragraph_by_paragraph_as_rule_docs_looks_them_up():
    import orgcheck_plugins.span as span

    from orgcheck.i18n.runtime import docs_paragraphs

    template = {m.id for m in read(POT) if m.id}
    for rule in span.orgcheck_rules():
        assert rule.summary in template
        for paragraph in docs_paragraphs(rule.docs):
            assert paragraph in template, (rule.code, paragraph[:60])


# -- choosing the language -----------------------------------------------------


@pytest.fixture
def nl_env(tmp_path):
    """A cache of our own: the source checkout compiles its .po there."""
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_lang_nl_lints_in_dutch_and_english_stays_the_default(run, nl_env):
    dutch = run("--lang", "nl", "lint", str(EXAMPLE), env=nl_env)
    assert dutch.code == 1, dutch.err
    assert DUTCH_SUMMARY.search(dutch.out), dutch.out[-300:]
    assert OC101_NL in dutch.out
    assert " OC101 span-too-wide [warning] " in dutch.out  # codes, names and severities are identifiers
    english = run("lint", str(EXAMPLE), env=nl_env)
    assert ENGLISH_SUMMARY.search(english.out), english.out[-300:]
    assert "Mark Doyle (supervisor) has 12 direct reports; a supervisor manages at most 10" in english.out


def test_a_damaged_cached_catalog_is_compiled_again(run, tmp_path, nl_env):
    """A cut-off catalog in the cache (a full disk, a killed process) fails as it is
    opened and is compiled again: the lint reads exactly as with a sound one."""
    sound = run("--lang", "nl", "lint", str(EXAMPLE), env=nl_env)
    (cached,) = (tmp_path / "cache" / "orgcheck" / "catalogs").glob("*.mo")
    data = cached.read_bytes()
    cached.write_bytes(data[:-3000])
    again = run("--lang", "nl", "lint", str(EXAMPLE), env=nl_env)
    assert (again.code, again.err, again.out) == (sound.code, sound.err, sound.out) == (1, "", sound.out)
    assert DUTCH_SUMMARY.search(again.out)
    assert cached.read_bytes() == data


@pytest.mark.parametrize("file, text", [
    ("orgcheck.toml", 'lang = "nl"\n'),
    ("pyproject.toml", '[tool.orgcheck]\nlang = "nl"\n'),
])
def test_the_configs_lang_gives_dutch(run, tmp_path, nl_env, file, text):
    (tmp_path / file).write_text(text)
    result = run("lint", str(EXAMPLE), env=nl_env)
    assert DUTCH_SUMMARY.search(result.out), result.out[-300:]
    assert OC101_NL in result.out


@pytest.mark.parametrize("locale", [
    {"LANG": "nl_NL.UTF-8"},
    {"LC_ALL": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"},
    {"LC_MESSAGES": "nl_BE.UTF-8"},
    {"LANGUAGE": "fr:nl", "LANG": "en_US.UTF-8"},
])
def test_a_dutch_locale_gives_dutch(run, nl_env, locale):
    result = run("lint", str(EXAMPLE), env={**nl_env, **locale})
    assert DUTCH_SUMMARY.search(result.out), result.out[-300:]


@pytest.mark.parametrize("locale", [{"LANG": "en_US.UTF-8"}, {"LANG": "fr_FR.UTF-8"}, {"LANG": "C"},
                                    {"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}])
def test_another_locale_gives_english(run, nl_env, locale):
    result = run("lint", str(EXAMPLE), env={**nl_env, **locale})
    assert ENGLISH_SUMMARY.search(result.out), result.out[-300:]


def test_lang_option_beats_config_and_config_beats_locale(run, tmp_path, nl_env):
    (tmp_path / "orgcheck.toml").write_text('lang = "en"\n')
    by_config = run("lint", str(EXAMPLE), env={**nl_env, "LANG": "nl_NL.UTF-8"})
    assert ENGLISH_SUMMARY.search(by_config.out), by_config.out[-300:]
    by_option = run("--lang", "nl", "lint", str(EXAMPLE), env=nl_env)
    assert DUTCH_SUMMARY.search(by_option.out), by_option.out[-300:]
    (tmp_path / "orgcheck.toml").write_text('lang = "nl"\n')
    assert ENGLISH_SUMMARY.search(run("--lang", "en", "lint", str(EXAMPLE), env=nl_env).out)
    # --isolated ignores every config file, its lang too: the locale decides
    assert ENGLISH_SUMMARY.search(run("lint", "--isolated", str(EXAMPLE), env=nl_env).out)
    other = tmp_path / "other.toml"
    other.write_text('lang = "en"\n')
    assert ENGLISH_SUMMARY.search(run("lint", "--config", str(other), str(EXAMPLE), env=nl_env).out)


def test_an_unknown_language_is_a_one_line_error(run, tmp_path):
    (tmp_path / "orgcheck.toml").write_text('lang = "fr"\n')
    (tmp_path / "org.json").write_text(EXAMPLE.read_text())
    result = run("lint", "org.json")
    assert result.code == 2
    assert result.err.startswith("orgcheck: error: orgcheck.toml: lang: ") and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    option = run("--lang", "fr", "lint", str(EXAMPLE))
    assert option.code == 2 and "'fr' is not one of 'en', 'nl'" in option.err


def test_no_findings_in_dutch(run, tmp_path, nl_env):
    model = tmp_path / "tiny.org.json"
    model.write_text(json.dumps({"schema_version": 1, "organization": {"id": "tiny", "name": "Tiny"},
                                 "people": [{"id": "ann", "name": "Ann"}]}))
    result = run("--lang", "nl", "lint", str(model), env=nl_env)
    assert result.out == "Geen bevindingen in 1 bestand\n", result.out + result.err


def explain_in_dutch(run, nl_env, code, headings):
    """`orgcheck explain CODE` under a Dutch locale: its lines, each of ``headings``
    starting one of them."""
    result = run("explain", code, env={**nl_env, "LANG": "nl_NL.UTF-8"})
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    for heading in headings:
        assert any(line.startswith(heading) for line in lines), heading
    return lines


def test_explain_in_dutch_from_the_locale(run, nl_env):
    lines = explain_in_dutch(run, nl_env, "OC101",
                             ("Wat:", "Waarom:", "Oplossing:", "Opties:", "Voorbeeld:", "Standaardwaarden"))
    assert lines[0] == "OC101 span-too-wide [warning]"
    assert lines[1] == "Familie: span   Plugin: orgcheck 0.1.0   Bouwsteen: zelfsturing en zelforganisatie"
    assert lines[4] == "Een leidinggevende heeft meer directe medewerkers dan de grens voor diens `manager_type`."
    assert "reporting_lines" in lines[2]  # what OC101 needs, a line of its own
    assert "  max = 10" in lines  # the defaults are the config's keys and values, as in English
    english = run("explain", "OC101", env=nl_env).out.splitlines()
    assert english[1] == "Family: span   Plugin: orgcheck 0.1.0   Pillar: self-steering"
    assert lines.count("") == english.count("")


def test_rules_keeps_codes_and_names_and_translates_the_summary(run, nl_env):
    dutch = json.loads(run("--lang", "nl", "rules", "--format", "json", env=nl_env).out)
    english = json.loads(run("rules", "--format", "json", env=nl_env).out)
    strip = [{k: v for k, v in r.items() if k != "summary"} for r in english]
    assert [{k: v for k, v in r.items() if k != "summary"} for r in dutch] == strip
    summaries = {r["code"]: r["summary"] for r in dutch}
    assert summaries["OC103"] == ("De enige directe medewerker van een leidinggevende is zelf ook leidinggevende: "
                                  "een doorgeefluik.")


def _identities(fmt: str, text: str) -> list[tuple]:
    if fmt == "json":
        return [(f["rule"], f["name"], f["severity"], f["entity"], f["file"], f["line"], f["column"], f["pointer"])
                for f in json.loads(text)["findings"]]
    if fmt == "sarif":
        run = json.loads(text)["runs"][0]
        return [(r["ruleId"], r["level"], json.dumps(r["locations"]), json.dumps(r["partialFingerprints"]),
                 r["properties"]["entity"]) for r in run["results"]]
    return [line.split("::", 2)[:2] for line in text.splitlines()]  # github: the command and its location


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_identify_the_same_findings_in_both_languages(run, nl_env, fmt):
    english = run("lint", "--format", fmt, str(EXAMPLE), env=nl_env)
    dutch = run("--lang", "nl", "lint", "--format", fmt, str(EXAMPLE), env=nl_env)
    assert english.code == dutch.code == 1
    assert _identities(fmt, dutch.out) == _identities(fmt, english.out)
    assert len(_identities(fmt, english.out)) > 30
    assert dutch.out != english.out and "heeft 12 directe medewerkers" in dutch.out


def test_a_baseline_written_in_english_holds_in_dutch(run, tmp_path, nl_env):
    written = run("lint", "--write-baseline", "baseline.json", str(EXAMPLE), env=nl_env)
    assert written.code == 0, written.err
    dutch = run("--lang", "nl", "lint", "--baseline", "baseline.json", str(EXAMPLE), env=nl_env)
    assert dutch.code == 0, dutch.out + dutch.err
    assert re.fullmatch(r"Geen bevindingen in 1 bestand, \d+ in de baseline\n", dutch.out), dutch.out


# -- the runtime ---------------------------------------------------------------


def test_a_compiled_catalog_is_used_without_babel_and_a_stale_one_is_not(tmp_path, monkeypatch):
    from orgcheck.i18n import runtime as i18n

    folder = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "demo.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "hello"\nmsgstr "hallo"\n\n#, fuzzy\nmsgid "bye"\nmsgstr "doei"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(i18n, "_loaded", {})
    monkeypatch.setattr(i18n, "_active", "nl")
    demo = i18n.Translator("demo", tmp_path / "locale")
    assert (demo.gettext("hello"), demo.gettext("bye")) == ("hallo", "bye")  # fuzzy stays English
    assert len(list((tmp_path / "cache" / "orgcheck" / "catalogs").glob("demo-*.mo"))) == 1
    # a .mo as the wheel ships it, newer than the .po: read without Babel
    with open(folder / "demo.mo", "wb") as fh:
        catalog = read(po)
        catalog.get("hello").string = "hoi"
        write_mo(fh, catalog)
    monkeypatch.setattr(i18n, "_loaded", {})
    monkeypatch.setitem(sys.modules, "babel.messages.pofile", None)  # importing it now fails
    assert demo.gettext("hello") == "hoi"
    # an edited .po (newer than the .mo) wins, compiled again
    os.utime(folder / "demo.mo", ns=(0, 0))
    monkeypatch.setattr(i18n, "_loaded", {})
    monkeypatch.delitem(sys.modules, "babel.messages.pofile")
    assert demo.gettext("hello") == "hallo"


def test_without_babel_an_uncompiled_catalog_says_so_and_stays_english(tmp_path, monkeypatch, capsys):
    from orgcheck.i18n import runtime as i18n

    folder = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "demo.po").write_text('msgid "hello"\nmsgstr "hallo"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(i18n, "_loaded", {})
    monkeypatch.setattr(i18n, "_active", "nl")
    monkeypatch.setitem(sys.modules, "babel.messages.pofile", None)
    assert i18n.Translator("demo", tmp_path / "locale").gettext("hello") == "hello"
    assert "is not compiled and Babel is not installed to read it (pip install babel)" in capsys.readouterr().err


def test_lazy_strings_translate_when_shown_not_when_made(monkeypatch):
    from orgcheck.i18n import runtime as i18n

    monkeypatch.setattr(i18n, "_active", "en")
    label = i18n.lazy("No findings in {files}")
    made = i18n.N_("Family: {family}   Plugin: {plugin}")
    i18n.set_language("nl")
    try:
        assert str(label) == "Geen bevindingen in {files}"
        assert label.format(files="2 bestanden") == "Geen bevindingen in 2 bestanden"
        assert f"{label}" == "Geen bevindingen in {files}" and made == "Family: {family}   Plugin: {plugin}"
        assert i18n._(made) == "Familie: {family}   Plugin: {plugin}"
        assert (i18n.ngettext("{count} file", "{count} files", 1), i18n.ngettext("{count} file", "{count} files", 2)) \
            == ("{count} bestand", "{count} bestanden")
    finally:
        i18n.set_language("en")
    assert str(label) == "No findings in {files}"


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "nl_NL.UTF-8"}, "nl"), ({"LANG": "nl"}, "nl"), ({"LANG": "nl_BE@euro"}, "nl"),
    ({"LANGUAGE": "de:nl_NL", "LANG": "en_US.UTF-8"}, "nl"), ({"LANGUAGE": "de", "LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, None), ({"LC_ALL": "", "LANG": "nl_NL.UTF-8"}, "nl"),
    ({}, None), ({"LANG": "POSIX"}, None),
])
def test_the_locale_variables_in_gettexts_order(environ, expected):
    from orgcheck.i18n.runtime import language_from_environment

    assert language_from_environment(environ) == expected


# -- a plugin's own catalog ----------------------------------------------------

PLUGIN = '''\
from pathlib import Path

import orgcheck
from orgcheck.i18n.runtime import translator

_, ngettext = translator("acme", Path(__file__).parent / "locale").pair()


@orgcheck.rule("ACME001", "unit-without-people", severity="warning")
def unit_without_people(org):
    """A unit has nobody in it.

    What: a unit no person is in.

    Why: an empty unit is a box on a chart.

    Fix: staff it or remove it.

    Options: none.

    Example:
        a unit with no people -> unit Empty has no people
    """
    for unit in org.units:
        n = len(unit.members)
        if n == 0:
            yield unit, ngettext("unit {unit} has {count} person", "unit {unit} has no people", n).format(
                unit=unit.label, count=n)


@orgcheck.hookimpl
def orgcheck_rules():
    return [unit_without_people]
'''

PLUGIN_PO = '''\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "unit {unit} has {count} person"
msgid_plural "unit {unit} has no people"
msgstr[0] "eenheid {unit} heeft {count} persoon"
msgstr[1] "in eenheid {unit} werkt niemand"

msgid "A unit has nobody in it."
msgstr "In een eenheid werkt niemand."

msgid "Why: an empty unit is a box on a chart."
msgstr "Waarom: een lege eenheid is alleen een hokje in het organogram."
'''


@pytest.fixture
def acme(tmp_path):
    folder = tmp_path / "acme"
    (folder / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "acme_rules.py").write_text(PLUGIN)
    (folder / "locale" / "nl" / "LC_MESSAGES" / "acme.po").write_text(PLUGIN_PO, encoding="utf-8")
    model = tmp_path / "org.json"
    model.write_text(json.dumps({"schema_version": 1, "organization": {"id": "acme", "name": "Acme"},
                                 "units": [{"id": "empty", "name": "Empty"}],
                                 "people": [{"id": "ann", "name": "Ann"}]}))
    return folder


def test_a_plugin_ships_its_own_catalog_for_its_messages_and_docs(run, acme, nl_env):
    args = ["lint", "--plugin", str(acme / "acme_rules.py"), "--select", "ACME001", "org.json"]
    dutch = run("--lang", "nl", *args, env=nl_env)
    assert "ACME001 unit-without-people [warning] in eenheid Empty werkt niemand" in dutch.out, dutch.out + dutch.err
    assert dutch.out.endswith("1 bevinding (1 waarschuwing) in 1 bestand\n")
    english = run(*args, env=nl_env)
    assert "ACME001 unit-without-people [warning] unit Empty has no people" in english.out
    docs = run("--lang", "nl", "explain", "ACME001", "--plugin", str(acme / "acme_rules.py"), env=nl_env).out
    assert "In een eenheid werkt niemand.\n" in docs
    assert "Waarom: een lege eenheid is alleen een hokje in het organogram.\n" in docs
    assert "Fix: staff it or remove it.\n" in docs  # not translated by the plugin: stays English
    # a compiled catalog, as the plugin's wheel ships it, without its .po
    po = acme / "locale" / "nl" / "LC_MESSAGES" / "acme.po"
    with open(po.with_suffix(".mo"), "wb") as fh:
        write_mo(fh, read(po))
    po.unlink()
    assert "in eenheid Empty werkt niemand" in run("--lang", "nl", *args, env=nl_env).out


def test_extract_finds_a_plugins_messages_and_rule_docs(acme, tmp_path, monkeypatch):
    out = tmp_path / "acme.pot"
    monkeypatch.chdir(acme)
    (acme / "babel.cfg").write_text((ROOT / "babel.cfg").read_text())
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(out), "."])
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read(out) if m.id}
    assert ("unit {unit} has {count} person", "unit {unit} has no people") in ids
    assert {"A unit has nobody in it.", "What: a unit no person is in.", "Fix: staff it or remove it.",
            "Options: none.", "Example:\n    a unit with no people -> unit Empty has no people"} <= ids


# -- the wheel -----------------------------------------------------------------


@pytest.mark.slow
def test_the_wheel_ships_compiled_catalogs_and_speaks_dutch_without_babel(release, tmp_path):
    import zipfile

    wheel = release.wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert "orgcheck/locale/nl/LC_MESSAGES/orgcheck.mo" in names
    assert not [n for n in names if n.endswith((".po", ".pot"))]
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    assert subprocess.run([str(bindir / "python"), "-c", "import babel"], capture_output=True,
                          env=clean).returncode != 0
    result = subprocess.run([str(bindir / "orgcheck"), "lint", str(EXAMPLE)], capture_output=True, text=True,
                            cwd=tmp_path, env={**clean, "LANG": "nl_NL.UTF-8", "XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == 1 and result.stderr == ""
    assert OC101_NL in result.stdout and DUTCH_SUMMARY.search(result.stdout)


# -- merging the partial catalogs of parallel branches (orgcheck.i18n.merge) ---


def test_merge_fills_empty_and_fuzzy_entries_from_partials_and_reports_the_rest(tmp_path, monkeypatch, capsys):
    from babel.messages.pofile import write_po

    from orgcheck.i18n import merge as i18n_merge

    catalog = read(NL)
    empty, fuzzy, kept, left = (catalog.get(i) for i in (
        "role '{role}' has no purpose", "A role has no purpose.", "Nobody holds the role.",
        "Two roles claim the same domain."))
    empty.string = ""
    fuzzy.string, fuzzy.flags = "Een oude vertaling.", {"fuzzy"}  # as pybabel update marks a changed msgid
    left.string = ""
    po = tmp_path / "orgcheck.po"
    with open(po, "wb") as fh:
        write_po(fh, catalog, width=None)
    part = tmp_path / "branch.po"
    part.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                    'msgid "role \'{role}\' has no purpose"\nmsgstr "rol \'{role}\' mist een doel"\n\n'
                    'msgid "A role has no purpose."\nmsgstr "Een rol mist een doel."\n\n'
                    'msgid "Nobody holds the role."\nmsgstr "Een andere vertaling."\n\n'
                    '#, fuzzy\nmsgid "Two roles claim the same domain."\nmsgstr "Niet gecontroleerd."\n',
                    encoding="utf-8")
    monkeypatch.setattr(i18n_merge, "PO", po)
    monkeypatch.setattr(i18n_merge, "ROOT", tmp_path)
    assert i18n_merge.main(["--no-extract", str(part)]) == 1  # one entry is still untranslated
    out = capsys.readouterr().out
    merged = read(po)
    assert merged.get("role '{role}' has no purpose").string == "rol '{role}' mist een doel"
    refreshed = merged.get("A role has no purpose.")
    assert (refreshed.string, refreshed.fuzzy) == ("Een rol mist een doel.", False)
    assert merged.get("Nobody holds the role.").string == kept.string  # a translation in the catalog is kept
    assert merged.get("Two roles claim the same domain.").string == ""  # a fuzzy partial entry is not taken
    assert "filled 2 from 1 partial catalog(s)" in out
    assert "kept the catalog's translation of 'Nobody holds the role.'" in out
    assert "untranslated: 'Two roles claim the same domain.'" in out and "1 still to translate" in out
    part.write_text(part.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    assert i18n_merge.main(["--no-extract", str(part)]) == 0


# -- the families translated beyond the first slice ----------------------------

#: one message of each family translated here, as `--lang nl lint` prints it for the example
DUTCH_FINDINGS = [
    "OC301 process-without-feedback [warning] proces 'Suspected fraud referral' heeft geen "
    "terugkoppelingsstroom en geen terugkoppelingsstap: de mensen die het werk doen (Motor Damage Assessment "
    "en Special Investigations Unit) horen nooit hoe de resultaten uitpakten; ",
    "OC307 team-without-direction [warning] team 'Motor Claims Intake' heeft geen doel en geen indicator die "
    "al zijn leden zien: zonder richting drijft een team af of wordt het van bovenaf gestuurd; ",
    "OC401 person-without-role [warning] Linda Carver (Management Assistant to the Head of Claims Operations) "
    "vervult geen rol: ",
    "OC405 overlapping-domains [warning] rol 'Loss Adjuster' claimt domein 'Settlement amount offered to the "
    "policyholder', dat rol 'Motor Damage Assessor' al claimt: een domein valt exclusief onder één rol; ",
    "OC408 unowned-domain [warning] domein 'Referral of suspected fraud to the SIU' van besluit 'Decide "
    "whether to refer the claim to SIU' is van geen rol die iemand vervult (geen rol noemt het in haar domains): ",
    "OC507 matrix-overload [warning] Linda Carver (Management Assistant to the Head of Claims Operations) heeft "
    "3 stippellijnen (naar Stuart Lawson, Helen Crawford en Rachel Osei) naast een hiërarchische lijn, meer "
    "dan 2: Diane Mercer en 3 andere personen stellen prioriteiten voor dit werk, en conflicten tussen hen gaan "
    "omhoog ter escalatie; ",
    "OC508 line-crosses-units [info] Hannah Brooks en 3 andere leden van team 'Motor Fast-Track Pilot' (Ryan "
    "Murphy, Zoe Lambert en Marcus Webb) rapporteren aan Neil Ashworth (Team Leader Motor Assessment), ",
]


def test_the_feedback_roles_domains_and_matrix_families_lint_in_dutch(run, nl_env):
    dutch = run("--lang", "nl", "lint", str(EXAMPLE), env=nl_env)
    assert dutch.code == 1, dutch.err
    for text in DUTCH_FINDINGS:
        assert text in dutch.out, text
    assert " and " not in "".join(line for line in dutch.out.splitlines() if " OC3" in line or " OC4" in line)
    english = run("lint", str(EXAMPLE), env=nl_env)
    assert "OC401 person-without-role [warning] Linda Carver (Management Assistant to the Head of Claims " \
           "Operations) holds no role: " in english.out
    assert "vervult" not in english.out


def test_explain_oc301_in_dutch_from_the_locale(run, nl_env):
    lines = explain_in_dutch(run, nl_env, "OC301", ("Wat:", "Waarom:", "Oplossing:", "Opties: geen.", "Voorbeeld:"))
    assert lines[0] == "OC301 process-without-feedback [warning]"
    assert lines[1] == "Familie: feedback   Plugin: orgcheck 0.1.0   Bouwsteen: context"
    assert lines[4] == "Een proces heeft geen terugkoppelingsstroom en geen terugkoppelingsstap."
    assert "    -> proces 'Order intake' heeft geen terugkoppelingsstroom en geen terugkoppelingsstap:" in lines
    english = run("explain", "OC301", env={**nl_env, "LANG": "en_US.UTF-8"}).out.splitlines()
    assert english[2] == ("Needs: `processes`, `feedback` (a source that cannot say one of them leaves the rule "
                          "not assessed)")
    assert english[4] == "A process has no feedback flow and no feedback step."
    assert english.count("") == lines.count("")  # the same paragraphs


@pytest.mark.parametrize("module", ["core", "feedback", "direction", "roles", "domains", "matrix"])
def test_every_paragraph_of_these_families_docs_is_dutch(module, monkeypatch):
    import importlib
    import inspect

    from orgcheck.i18n import runtime as i18n

    rules = importlib.import_module(f"orgcheck_plugins.{module}").orgcheck_rules()
    assert rules
    monkeypatch.setattr(i18n, "_active", "nl")
    for rule in rules:
        english = inspect.cleandoc(rule.func.__doc__)
        for paragraph in i18n.docs_paragraphs(english):
            assert i18n._orgcheck.has(paragraph), (rule.code, paragraph[:60])
        assert len(i18n.docs_paragraphs(rule.docs)) == len(i18n.docs_paragraphs(english))


def test_json_identifies_the_same_findings_of_these_families_in_both_languages(run, nl_env):
    english = json.loads(run("lint", "--format", "json", str(EXAMPLE), env=nl_env).out)["findings"]
    dutch = json.loads(run("--lang", "nl", "lint", "--format", "json", str(EXAMPLE), env=nl_env).out)["findings"]
    keys = ("rule", "name", "severity", "entity", "file", "line", "column", "pointer")
    assert [tuple(f[k] for k in keys) for f in dutch] == [tuple(f[k] for k in keys) for f in english]
    ours = [(e["message"], d["message"]) for e, d in zip(english, dutch, strict=True) if e["rule"][:3] in ("OC3", "OC4")
            or e["rule"] in ("OC507", "OC508")]
    assert len(ours) > 15 and all(e != d for e, d in ours)


def test_a_schema_error_is_dutch_and_keeps_its_place(run, tmp_path, nl_env):
    model = tmp_path / "bad.org.json"
    model.write_text('{"schema_version": 1, "organization": {"id": "o", "name": "O"},\n'
                     ' "people": [{"id": "p1", "name": "Ann", "manager": "p2"}]}\n')
    dutch = run("--lang", "nl", "lint", str(model), env=nl_env)
    english = run("lint", str(model), env=nl_env)
    assert "bad.org.json:2:41: OC001 schema-violation [error] onbekende sleutel 'manager' in person; " \
           "bedoel je 'reports_to'?" in dutch.out, dutch.out
    assert "bad.org.json:2:41: OC001 schema-violation [error] unknown key 'manager' in person; " \
           "did you mean 'reports_to'?" in english.out, english.out


def test_help_follows_lang_before_the_command_and_the_locale(run, nl_env):
    lint = run("--lang", "nl", "lint", "--help", env=nl_env)
    assert lint.code == 0 and "Sla deze regels over." in lint.out and "Skip these rules." not in lint.out
    top = run("--help", env={**nl_env, "LANG": "nl_NL.UTF-8"})
    assert "Taal van meldingen en documentatie" in top.out
    assert "Taal van meldingen" in run("--lang=nl", "--help", env=nl_env).out
    assert "Skip these rules." in run("lint", "--help", env={**nl_env, "LANG": "C"}).out


def test_diff_and_the_report_speak_dutch(run, tmp_path, nl_env):
    new = json.loads(EXAMPLE.read_text())
    removed = new["people"].pop()
    (tmp_path / "new.org.json").write_text(json.dumps(new))
    dutch = run("--lang", "nl", "diff", str(EXAMPLE), "new.org.json", env=nl_env)
    lines = dutch.out.splitlines()
    assert "Mensen: 0 toegevoegd, 1 verwijderd, 0 verplaatst" in lines, dutch.out + dutch.err
    assert any(line.startswith(f"  - {removed['name']} ({removed['id']}): rapporteerde aan ") for line in lines)
    heading = next(line for line in lines if line.startswith("Span of control en lagen:"))
    share = next(line for line in lines if line.startswith("  aandeel leidinggevenden "))
    assert heading.endswith("voor      na") and len(heading) == len(share.rstrip(" *"))  # columns line up
    english = run("diff", str(EXAMPLE), "new.org.json", env=nl_env).out
    assert "People: 0 added, 1 removed, 0 moved" in english and "Spans and layers:        before   after" in english
    report = run("--lang", "nl", "report", str(EXAMPLE), "--output", "r.html", env=nl_env)
    assert report.code in (0, 1), report.err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "<h2>Bevindingen per bouwsteen</h2>" in page
    assert "<h2>Organogram</h2>" in page and "Diagrammen getekend in je browser" in page

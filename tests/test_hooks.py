"""The hooks beyond rules, each through a plugin that uses it: the examples in
orgcheck/api/hookspecs.py run as written, through the real command."""
import inspect
import json
import textwrap

import pytest
from conftest import NOT_RUN, ROOT

from orgcheck.api import hookspecs

SMALL = (ROOT / "tests" / "data" / "small.org.json").read_text()


def example(hook) -> str:
    """The example plugin code in a hook's docstring, as a module."""
    doc = inspect.getdoc(hook)
    block = doc.split("::\n\n", 1)[1]
    return "import orgcheck\n\n\n" + textwrap.dedent(block) + "\n"


def plugin(tmp_path, name, *hooks, extra=""):
    (tmp_path / name).write_text("\n".join(example(h) for h in hooks) + textwrap.dedent(extra))
    return name


def load_error(run, tmp_path, name, hook, body):
    """`orgcheck rules` with a plugin whose one hook returns ``body``."""
    (tmp_path / name).write_text(f"import orgcheck\n\n@orgcheck.hookimpl\ndef {hook}():\n    return {body}\n")
    return run("rules", "--plugin", name)


# -- orgcheck_formatters ----------------------------------------------------------------


def test_a_plugin_adds_an_output_format(run, tmp_path):
    (tmp_path / "org.json").write_text(SMALL)
    plugin(tmp_path, "csv_format.py", hookspecs.orgcheck_formatters)
    result = run("lint", "--plugin", "csv_format.py", "--format", "csv", "org.json")
    assert result.out == "org.json,5,OC104,ann\n"
    assert result.err == "" and result.code == 1
    both = run("lint", "--plugin", "csv_format.py", "--format", "csv", "--output", "out.csv", "--format", "text",
               "org.json")
    assert (tmp_path / "out.csv").read_text() == "org.json,5,OC104,ann\n"
    assert both.out.endswith("1 finding (1 warning) in 1 file\n")


def test_an_unknown_format_names_the_plugins_formats_too(run, tmp_path):
    (tmp_path / "org.json").write_text(SMALL)
    plugin(tmp_path, "csv_format.py", hookspecs.orgcheck_formatters)
    result = run("lint", "--plugin", "csv_format.py", "--format", "cvs", "org.json")
    assert result.err == ("orgcheck: error: unknown format 'cvs' (formats: csv, github, gitlab, json, junit, sarif, "
                          "text); did you mean 'csv'?\n")
    assert result.code == 2


@pytest.mark.parametrize("body, message", [
    ('{"csv": "not a function"}', "orgcheck_formatters(): format 'csv' is 'not a function', not a function"),
    ('{"CSV!": lambda r, ru, o: ""}', "orgcheck_formatters(): format name 'CSV!' must be lowercase letters, "
                                     "digits and dashes (for example junit)"),
    ('{"csv": lambda report: ""}', "orgcheck_formatters(): format 'csv': <lambda>() must accept "
                                   "(report, rules, options)"),
    ('{"text": lambda r, ru, o: ""}', "output format 'text' clashes with plugin text-format (orgcheck 0.1.0)"),
    ('["csv"]', "orgcheck_formatters() returned ['csv'], not a dict"),
])
def test_formatter_mistakes_are_load_errors_naming_the_plugin(run, tmp_path, body, message):
    result = load_error(run, tmp_path, "fmt.py", "orgcheck_formatters", body)
    assert result.err == f"orgcheck: error: plugin fmt.py (local file): {message}\n"
    assert result.code == 2


# -- orgcheck_load ------------------------------------------------------------------------

INI = """\
ann =
bo = ann
cy = bo
di = bo
"""


def test_a_plugin_adds_a_reader_whose_findings_point_into_its_source(run, tmp_path):
    plugin(tmp_path, "ini_reader.py", hookspecs.orgcheck_load)
    (tmp_path / "team.org.ini").write_text(INI)
    result = run("lint", "--plugin", "ini_reader.py", "--select", "OC102,OC103", "team.org.ini")
    lines = [line.split(" ")[0] + " " + line.split(" ")[1] for line in result.out.splitlines()[:-1]]
    assert lines == ["team.org.ini:1:1: OC103", "team.org.ini:2:1: OC102"]  # a one-over-one is OC103 alone
    assert result.code == 1
    # standard input, with --input-format naming the plugin's format
    piped = run("lint", "--plugin", "ini_reader.py", "--select", "OC102,OC103", "--input-format", "ini", "-", input=INI)
    assert [line.split(" ")[0] for line in piped.out.splitlines()[:-1]] == ["-:1:1:", "-:2:1:"]


def test_a_crashing_reader_is_named_and_other_files_are_linted(run, tmp_path):
    (tmp_path / "bad_reader.py").write_text(textwrap.dedent('''
        import orgcheck

        @orgcheck.hookimpl(tryfirst=True)
        def orgcheck_load(source, options):
            if source.path.endswith(".org.ini"):
                raise KeyError("section")
            if source.path.endswith("odd.org.json"):
                return {"not": "a document"}
            return None
    '''))
    (tmp_path / "a.org.ini").write_text(INI)
    (tmp_path / "odd.org.json").write_text(SMALL)
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "bad_reader.py", "a.org.ini", "odd.org.json", "org.json")
    assert result.out.startswith("org.json:5:5: OC104 too-many-layers")
    assert result.err.splitlines() == [
        "orgcheck: error: a.org.ini: reader plugin bad_reader.py (local file) crashed: KeyError: 'section'",
        "orgcheck: error: odd.org.json: reader plugin bad_reader.py (local file) returned {'not': 'a document'}, "
        "not an orgcheck.Document or None",
    ]
    assert result.code == 2


READER = """
import orgcheck

@orgcheck.hookimpl{marks}
def orgcheck_load(source, options):
    options.setdefault("asked", []).append({name!r})
    return {answer}
"""


def test_readers_are_asked_in_pluggys_own_order_and_the_first_document_wins(tmp_path):
    from orgcheck.api.manager import load_plugins
    from orgcheck.io.document import Source

    marks = {"plain1": "", "first": "(tryfirst=True)", "last": "(trylast=True)", "plain2": ""}
    for name, mark in marks.items():
        (tmp_path / f"{name}.py").write_text(READER.format(marks=mark, name=name, answer="None"))
    plugins = load_plugins([tmp_path / f"{name}.py" for name in marks], entry_points=False)
    source = Source("team.org.ini", b"ann =\n")
    relay: dict = {}
    assert plugins.manager.hook.orgcheck_load(source=source, options=relay) is None
    ours: dict = {}
    assert plugins.load_source(source, ours) is None
    assert ours["asked"] == relay["asked"] == ["first", "plain2", "plain1", "last"]

    # firstresult: the first reader with a Document ends the asking, as pluggy's call does
    (tmp_path / "plain2.py").write_text(READER.format(marks="", name="plain2",
                                                      answer="orgcheck.Document(source.path, {})"))
    plugins = load_plugins([tmp_path / f"{name}.py" for name in marks], entry_points=False)
    asked: dict = {}
    document = plugins.load_source(source, asked)
    assert asked["asked"] == ["first", "plain2"]
    assert document.reader == "plain2.py (local file)"


def test_a_hook_wrapper_is_a_load_error_naming_the_plugin(run, tmp_path):
    (tmp_path / "wrap.py").write_text(READER.format(marks="(wrapper=True)", name="wrap", answer="None"))
    (tmp_path / "org.json").write_text(SMALL)
    result = run("lint", "--plugin", "wrap.py", "org.json")
    assert result.err == ("orgcheck: error: plugin wrap.py (local file): orgcheck_load() is marked as a hook "
                          "wrapper, which orgcheck does not call: it asks each plugin on its own (drop wrapper=True)\n")
    assert result.code == 2


# -- orgcheck_schema_fragments ---------------------------------------------------------------

ACME_MODEL = """\
{
  "organization": {"id": "acme", "name": "Acme", "x-acme": {"agreement": "cao-zorg"}},
  "units": [
    {"id": "care", "name": "Care", "x-acme": {"agreement": "cao-zrog"}}
  ],
  "people": [
    {"id": "ann", "name": "Ann", "x-acme": {"agreement": "cao-ict", "grade": 7}},
    {"id": "bo", "name": "Bo", "reports_to": "ann", "x-acme": "cao-ict", "x-other": {"anything": 1}}
  ]
}
"""


def test_a_plugins_own_data_is_validated_with_positions_and_suggestions(run, tmp_path):
    plugin(tmp_path, "acme.py", hookspecs.orgcheck_schema_fragments)
    (tmp_path / "org.json").write_text(ACME_MODEL)
    result = run("lint", "--plugin", "acme.py", "org.json")
    assert result.out == (
        "org.json:4:60: OC001 schema-violation [error] \"cao-zrog\" is not one of cao-zorg, cao-ict; "
        "did you mean 'cao-zorg'?\n"
        "org.json:7:69: OC001 schema-violation [error] unknown key 'grade' in x-acme of person\n"
        "org.json:8:63: OC001 schema-violation [error] expected object, got a string\n"
        f"3 findings (3 errors) in 1 file; fix the schema errors first: {NOT_RUN} rules did not run\n")
    assert result.code == 1
    as_json = json.loads(run("lint", "--plugin", "acme.py", "--format", "json", "org.json").out)
    assert [(f["pointer"], f["entity"]) for f in as_json["findings"]] == [
        ("/units/0/x-acme/agreement", "care"), ("/people/0/x-acme/grade", "ann"), ("/people/1/x-acme", "bo")]
    # without the plugin, x- data is the user's own and never checked
    assert run("lint", "--select", "OC001", "org.json").out == "No findings in 1 file\n"


def test_valid_plugin_data_lets_the_rules_run(run, tmp_path):
    plugin(tmp_path, "acme.py", hookspecs.orgcheck_schema_fragments)
    (tmp_path / "org.json").write_text(SMALL.replace('"title": "Director"', '"title": "Director", '
                                                     '"x-acme": {"agreement": "cao-ict"}'))
    result = run("lint", "--plugin", "acme.py", "org.json")
    assert "OC104 too-many-layers" in result.out and "OC001" not in result.out


@pytest.mark.parametrize("body, message", [
    ('{"acme": {"type": "object"}}', "orgcheck_schema_fragments(): key 'acme' must be 'x-' and the plugin's "
                                     "name in lowercase (for example 'x-acme')"),
    ('{"x-acme": {"type": "objekt"}}', "orgcheck_schema_fragments(): fragment 'x-acme' is not a valid JSON "
                                       "Schema: 'objekt' is not valid under any of the given schemas (at type)"),
    ('{"x-acme": "object"}', "orgcheck_schema_fragments(): fragment 'x-acme' is str, not a JSON Schema (a dict)"),
])
def test_fragment_mistakes_are_load_errors_naming_the_plugin(run, tmp_path, body, message):
    result = load_error(run, tmp_path, "frag.py", "orgcheck_schema_fragments", body)
    assert result.err == f"orgcheck: error: plugin frag.py (local file): {message}\n"
    assert result.code == 2


def test_two_plugins_claiming_one_key_clash(run, tmp_path):
    plugin(tmp_path, "one.py", hookspecs.orgcheck_schema_fragments)
    plugin(tmp_path, "two.py", hookspecs.orgcheck_schema_fragments)
    result = run("rules", "--plugin", "one.py", "--plugin", "two.py")
    assert result.err == ("orgcheck: error: plugin two.py (local file): schema fragment 'x-acme' clashes with "
                          "plugin one.py (local file)\n")


# -- orgcheck_presets ------------------------------------------------------------------------

ACME_RULES = '''

@orgcheck.rule("ACME101", "union-span", pillar="context", severity="warning")
def union_span(org):
    """A span above the union agreement's."""
    return []


@orgcheck.rule("ACME201", "opt-in-check", pillar="context", severity="info", recommended=False)
def opt_in_check(org):
    """Something only the strict want."""
    yield None, "opt-in"


@orgcheck.hookimpl
def orgcheck_rules():
    return [union_span, opt_in_check]
'''


def test_a_plugin_ships_presets_named_after_it(run, tmp_path):
    plugin(tmp_path, "acme.py", hookspecs.orgcheck_presets, extra=ACME_RULES)
    rows = {r["code"]: r["presets"] for r in json.loads(run("rules", "--plugin", "acme.py", "--format", "json").out)}
    assert rows["ACME101"] == ["recommended", "strict", "acme:union", "acme:strict", "acme:leads-only"]
    assert rows["ACME201"] == ["acme:strict"]
    assert rows["OC101"] == ["recommended", "strict", "acme:strict", "acme:leads-only"]
    assert rows["OC502"] == ["recommended", "strict", "acme:strict"]  # "!team-too-small" leaves it out
    (tmp_path / "org.json").write_text(SMALL)
    plain = run("lint", "--plugin", "acme.py", "org.json")
    assert "ACME201" not in plain.out
    strict = run("lint", "--plugin", "acme.py", "--preset", "acme:strict", "org.json")
    assert "org.json:1:1: ACME201 opt-in-check [info] opt-in" in strict.out.splitlines()
    only = run("lint", "--plugin", "acme.py", "--preset", "acme:union", "org.json")
    assert only.out == "No findings in 1 file\n"


def test_measures_are_named_once_across_plugins(run, tmp_path):
    (tmp_path / "m.py").write_text(
        "import orgcheck\n\n"
        "@orgcheck.hookimpl\n"
        "def orgcheck_measures():\n"
        "    return [orgcheck.Measure('span_status', lambda org, person: 'fine'), 'not a measure']\n")
    result = run("rules", "--plugin", "m.py")
    assert result.code == 2
    assert "plugin m.py (local file): measure 'span_status' clashes with plugin span (orgcheck " in result.err
    assert "plugin m.py (local file): orgcheck_measures() returned 'not a measure', not an orgcheck.Measure" \
        in result.err


@pytest.mark.parametrize("body, message", [
    ('{"Mots": {}}', "orgcheck_input_formats(): format name 'Mots' must be lowercase letters, digits and dashes"),
    ('{"mots": {"pattern": ["mots.yaml"]}}',
     "orgcheck_input_formats(): format 'mots': unknown key 'pattern' (it takes patterns and options)"),
    ('{"mots": {"patterns": ["a/mots.yaml"]}}',
     "orgcheck_input_formats(): format 'mots': patterns must be a list of file-name patterns"),
    ('{"mots": {"options": {"when": object()}}}', "orgcheck_input_formats(): format 'mots': option 'when' "),
    ('{"yaml": {}}', "input format 'yaml' clashes with plugin yaml-reader (orgcheck "),
])
def test_an_input_format_declared_wrong_is_a_load_error(run, tmp_path, body, message):
    result = load_error(run, tmp_path, "fmt.py", "orgcheck_input_formats", body)
    assert result.code == 2
    assert f"orgcheck: error: plugin fmt.py (local file): {message}" in result.err


def test_an_input_formats_patterns_widen_a_folder_walk(run, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mots.yaml").write_text("modules: []\n")
    result = run("lint", "data")
    assert result.code == 2 and "name a people .csv or a .bpmn file itself)\n" in result.err
    (tmp_path / "fmt.py").write_text('import orgcheck\n\n@orgcheck.hookimpl\ndef orgcheck_input_formats():\n'
                                     '    return {"mots": {"patterns": ["mots.yaml"]}}\n')
    (tmp_path / "data" / "mots.yaml").unlink()
    (tmp_path / "data" / "other.yaml").write_text("modules: []\n")
    result = run("lint", "--plugin", "fmt.py", "data")
    assert result.code == 2
    assert result.err.endswith("name a people .csv or a .bpmn file itself); the installed readers also look for "
                               "mots.yaml\n")

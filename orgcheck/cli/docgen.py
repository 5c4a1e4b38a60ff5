"""Writes, or checks, the generated parts of ``docs/``:

- ``docs/rules/CODE.md`` for every built-in rule and the index ``docs/rules/README.md``,
  from the rules' docstrings and declarations (as ``orgcheck explain`` prints them);
- ``docs/model.md``, from the descriptions in the org model's JSON Schema;
- in ``docs/cli.md``, the commands and options (from the click commands themselves)
  and the config keys (from the config's JSON Schema);
- in ``docs/plugins.md``, the hooks (from ``orgcheck/api/hookspecs.py``).

In a hand-written page, generated text sits between ``<!-- generated: NAME -->`` and
``<!-- end generated: NAME -->``; the rest of the page is left alone.

    python -m orgcheck.cli.docgen --write docs/    # regenerate
    python -m orgcheck.cli.docgen --check docs/    # exit 1, listing what is stale
"""
from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from orgcheck.api import hookspecs
from orgcheck.api.rules import Rule
from orgcheck.docs import escape_cell, prose, rule_page, rules_index

GENERATOR = "python -m orgcheck.cli.docgen --write docs/"
CHECK = "python -m orgcheck.cli.docgen --check docs/"
OWN = "orgcheck"
_BLOCK_RE = r"(<!-- generated: {name} -->\n)(.*?)(<!-- end generated: {name} -->)"


# -- rules -------------------------------------------------------------------------------

def builtin_rules() -> tuple[list[Rule], dict[str, list[str]]]:
    """orgcheck's own rules, by code, and the presets of orgcheck's own that enable each
    (whatever third-party plugins are installed beside it)."""
    from orgcheck.api.manager import load_plugins
    from orgcheck.api.presets import membership

    plugins = load_plugins()
    if plugins.errors:
        raise SystemExit("orgcheck.cli.docgen: plugins failed to load:\n" + "\n".join(map(str, plugins.errors)))
    rules = sorted((r for r in plugins.rules.values() if r.distribution.split(" ")[0] == OWN),
                   key=lambda r: r.code)
    presets = {code: [p for p in names if ":" not in p] for code, names in membership(plugins).items()}
    return rules, presets


#: the languages of ``docs/rules/LANG/`` besides the English pages of ``docs/rules/``
TRANSLATED = ("nl",)


def rule_pages() -> dict[str, str]:
    from orgcheck.i18n.runtime import get_language, set_language

    rules, presets = builtin_rules()
    pages = {f"rules/{r.code}.md": rule_page(r, presets[r.code], GENERATOR) for r in rules}
    pages["rules/README.md"] = rules_index(rules, presets, GENERATOR)
    active = get_language()
    try:
        for language in TRANSLATED:
            set_language(language)
            pages.update({f"rules/{language}/{r.code}.md": rule_page(r, presets[r.code], GENERATOR, up="../../")
                          for r in rules})
            pages[f"rules/{language}/README.md"] = rules_index(rules, presets, GENERATOR, up="../../")
    finally:
        set_language(active)
    return pages


# -- the model, from its JSON Schema -----------------------------------------------------

def _anchor(title: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def _plural(kind: str) -> str:
    """"non-empty string" -> "non-empty strings"; "[reference](#reference)" ->
    "[references](#reference)"; an entity's title ("[Person](#person)") stays."""
    link = re.fullmatch(r"\[([a-z][^\]]*)\](\(#.*\))", kind)
    if link:
        return f"[{link.group(1)}s]{link.group(2)}"
    return kind + "s" if re.fullmatch(r"[a-z -]+", kind) and kind not in ("any", "null") else kind


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        title = defs[name].get("title", name)
        return f"[{title.lower() if defs[name].get('type') != 'object' else title}](#{_anchor(title)})"
    if "enum" in node:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" if not isinstance(v, str) else f"`{v}`"
                                     for v in node["enum"])
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(_type({**node, "type": k}, defs) for k in kind)
    if kind == "array":
        items = _plural(_type(node.get("items", {}), defs))
        size = ""
        if node.get("minItems") is not None and node.get("minItems") == node.get("maxItems"):
            size = f"{node['minItems']} "
        elif node.get("minItems"):
            size = f"at least {node['minItems']} "
        unique = "distinct " if node.get("uniqueItems") else ""
        return f"list of {size}{unique}{items}"
    text = kind or "any"
    if kind == "string" and node.get("minLength") == 1:
        text = "non-empty string"
    if "exclusiveMinimum" in node:
        text += f" > {node['exclusiveMinimum']}"
    return text


def _required(entity: dict[str, Any], key: str) -> str:
    if key in entity.get("required", []):
        return "yes"
    # person: `name` is required unless `vacant` is true (an if/else in the schema)
    cond, otherwise = entity.get("if", {}), entity.get("else", {})
    if key in otherwise.get("required", []):
        names = [f"`{k}` is {json.dumps(v.get('const'))}" for k, v in cond.get("properties", {}).items()]
        return "yes, unless " + " and ".join(names)
    return "no"


def _property_table(entity: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    rows = ["| property | type | required | description |", "|---|---|---|---|"]
    for key, node in entity.get("properties", {}).items():
        kind = _type(node, defs)
        if "default" in node:
            default = node["default"]
            kind += f"; default `{default if isinstance(default, str) else json.dumps(default)}`"
        rows.append("| " + " | ".join(escape_cell(c) for c in (
            f"`{key}`", kind, _required(entity, key), node.get("description", ""))) + " |")
    if "^x-" in entity.get("patternProperties", {}):
        rows.append("| `x-...` | any | no | Your own data: any key starting with `x-`. The built-in rules "
                    "ignore it; a plugin may declare its schema "
                    "([plugins](plugins.md#presets-and-schema-fragments)). |")
    return rows


def model_page(schema: dict[str, Any]) -> str:
    defs = schema["$defs"]
    objects = [name for name, node in defs.items() if node.get("type") == "object"]
    values = [name for name in defs if name not in objects]
    out = ["# The org model (format 1)", "",
           f"<!-- Generated by `{GENERATOR}` from schemas/org.schema.json: edit the schema's "
           "descriptions, not this page. -->", "",
           schema["description"], "",
           "This page is generated from the JSON Schema that `orgcheck schema` prints; point your "
           "editor at it with `\"$schema\"` for completion and checks as you type. A model that breaks "
           "it is an [OC001](rules/OC001.md) finding at the line and column of each problem, and no "
           "other rule runs on it. A model may be written in JSON or YAML, or read from CSV and BPMN "
           "(see [the CLI reference](cli.md#orgcheck-import)).", "",
           "Contents: [Document](#document), "
           + ", ".join(f"[{defs[n].get('title', n)}](#{_anchor(defs[n].get('title', n))})" for n in objects)
           + "; values: "
           + ", ".join(f"[{defs[n].get('title', n).lower()}](#{_anchor(defs[n].get('title', n))})"
                       for n in values) + ".", "",
           "## Document", "", "The top-level object of a model file.", "",
           *_property_table(schema, defs), ""]
    for name in objects:
        node = defs[name]
        out += [f"## {node.get('title', name)}", "", node.get("description", ""), "",
                *_property_table(node, defs), ""]
    out += ["## Values", ""]
    for name in values:
        node = defs[name]
        constraint = f" Pattern: `{node['pattern']}`." if "pattern" in node else ""
        out += [f"### {node.get('title', name)}", "", f"{node.get('description', '')}{constraint}", ""]
    return "\n".join(out)


def model_pages() -> dict[str, str]:
    from orgcheck.validate.loader import load_schema

    return {"model.md": model_page(load_schema())}


# -- the command line, from click --------------------------------------------------------

def _flags(option: click.Option) -> str:
    """``--fail-on error|warning|info``, written here rather than by click's help
    formatter so that the page reads the same whatever click version renders it."""
    flags = ", ".join(sorted(option.opts, key=len))
    if option.is_flag:
        return flags
    choices = getattr(option.type, "choices", None)
    value = "|".join(choices) if choices else (option.metavar or option.type.name.upper())
    return f"{flags} {value}"


def _option_help(option: click.Option) -> str:
    text = option.help or ""
    if option.show_default and option.default is not None:
        text = f"{text} Default: {option.default}.".strip()
    if option.multiple and "repeat" not in text.lower():
        text += " Repeatable."
    if option.required:
        text += " Required."
    return text


def _metavar(argument: click.Argument) -> str:
    base = argument.metavar or (argument.name or "").upper()
    base = f"{base}..." if argument.nargs == -1 else base
    return base if argument.required else f"[{base}]"


def _command_section(name: str, command: click.Command) -> list[str]:
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    usage = " ".join(["orgcheck", name, "[OPTIONS]", *(_metavar(a) for a in arguments)])
    help_text = inspect.cleandoc(command.help or "")
    out = [f"### orgcheck {name}", "", f"```text\n{usage}\n```", "", help_text, ""]
    if arguments:
        for argument in arguments:
            choices = getattr(argument.type, "choices", None)
            what = f": one of {', '.join(f'`{c}`' for c in choices)}" if choices else ""
            repeat = ", several allowed" if argument.nargs == -1 else ""
            optional = "optional" if not argument.required else "required"
            out.append(f"- `{_metavar(argument)}` ({optional}{repeat}){what}")
        out.append("")
    rows = ["| option | what it does |", "|---|---|"]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            rows.append(f"| `{escape_cell(_flags(param))}` | {escape_cell(_option_help(param))} |")
    return out + (rows if len(rows) > 2 else ["No options besides `-h, --help`."]) + [""]


def cli_commands_block() -> str:
    import click

    from orgcheck.cli.app import COMMANDS, main

    out = [f"<!-- Generated by `{GENERATOR}` from the click commands: edit the command's module in "
           "orgcheck/cli/, not this block. -->", ""]
    for name in COMMANDS:
        command = main.get_command(click.Context(main), name)
        if command is not None and not command.hidden:
            out += _command_section(name, command)
    return "\n".join(out)


def cli_config_block() -> str:
    from orgcheck.config import config_schema

    schema = config_schema()
    out = [f"<!-- Generated by `{GENERATOR}` from schemas/config.schema.json. -->", "",
           "| key | type | what it sets |", "|---|---|---|"]

    def rows(properties: dict[str, Any], prefix: str) -> None:
        for key, node in properties.items():
            kind = _type(node, {}) if "enum" in node or "type" in node else "any"
            if node.get("type") == "object":
                kind = "table"
            out.append(f"| `{prefix}{key}` | {escape_cell(kind)} | {escape_cell(node.get('description', ''))} |")
            if node.get("type") == "object" and "properties" in node:
                rows(node["properties"], f"{prefix}{key}.")

    rows(schema["properties"], "")
    return "\n".join(out)


# -- the hooks, from hookspecs.py --------------------------------------------------------

def _rst_to_markdown(text: str) -> str:
    text = re.sub(r":(?:class|func|meth|data):`~?([^`]+)`", r"`\1`", text)
    text = text.replace("``", "`")
    return re.sub(r"::\n", ":\n", text)


def hooks_block() -> str:
    out = [f"<!-- Generated by `{GENERATOR}` from orgcheck/api/hookspecs.py: edit the docstrings there. -->", ""]
    for name, function in vars(hookspecs).items():
        if not (name.startswith("orgcheck_") and callable(function)):
            continue
        signature = str(inspect.signature(function)).replace("'", "")
        first = "firstresult: the first implementation that returns a value wins" if getattr(
            function, "orgcheck_spec", {}).get("firstresult") else ""
        body = prose(_rst_to_markdown(inspect.cleandoc(function.__doc__ or "")))
        body = body.replace("```text\n", "```python\n")
        out += [f"### {name}", "", f"```python\n@orgcheck.hookimpl\ndef {name}{signature}: ...\n```", ""]
        if first:
            out += [f"({first}.)", ""]
        out += [body, ""]
    return "\n".join(out)


# -- writing and checking ----------------------------------------------------------------

BLOCKS: dict[str, dict[str, Callable[[], str]]] = {
    "cli.md": {"commands": cli_commands_block, "config": cli_config_block},
    "plugins.md": {"hooks": hooks_block},
}


def whole_pages() -> dict[str, str]:
    return {**rule_pages(), **model_pages()}


def _fill(text: str, name: str, content: str, path: str) -> str:
    pattern = re.compile(_BLOCK_RE.format(name=re.escape(name)), re.S)
    if not pattern.search(text):
        raise ValueError(f"{path} has no `<!-- generated: {name} -->` ... `<!-- end generated: {name} -->` block")
    return pattern.sub(lambda m: m.group(1) + content.rstrip("\n") + "\n" + m.group(3), text, count=1)


def expected(docs: Path) -> dict[str, str]:
    """Every generated file under ``docs`` (relative path -> its text as it should be)."""
    out = whole_pages()
    for page, blocks in BLOCKS.items():
        path = docs / page
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for name, render in blocks.items():
            text = _fill(text, name, render(), f"docs/{page}")
        out[page] = text
    return out


def problems(docs: Path) -> list[str]:
    """What is stale, missing or left over, one line each; empty when docs are current."""
    try:
        wanted = expected(docs)
    except ValueError as exc:
        return [str(exc)]
    found = []
    for page, text in wanted.items():
        path = docs / page
        if not path.is_file():
            found.append(f"docs/{page} is missing")
        elif path.read_text(encoding="utf-8") != text:
            found.append(f"docs/{page} is stale")
    for path in _rule_files(docs):
        if path.relative_to(docs).as_posix() not in wanted:
            found.append(f"docs/{path.relative_to(docs).as_posix()} documents no registered rule: remove it")
    return found


def _rule_files(docs: Path) -> list[Path]:
    return sorted([*(docs / "rules").glob("*.md"),
                   *(path for lang in TRANSLATED for path in (docs / "rules" / lang).glob("*.md"))])


def write(docs: Path) -> list[str]:
    """Write every generated file and remove rule pages of rules that no longer exist;
    return what changed."""
    changed = []
    wanted = expected(docs)
    for page, text in wanted.items():
        path = docs / page
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(f"wrote docs/{page}")
    for path in _rule_files(docs):
        if path.relative_to(docs).as_posix() not in wanted:
            path.unlink()
            changed.append(f"removed docs/{path.relative_to(docs).as_posix()}")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orgcheck.cli.docgen", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", metavar="DOCS", type=Path, help="regenerate the docs in DOCS (docs/)")
    action.add_argument("--check", metavar="DOCS", type=Path, help="exit 1 if anything in DOCS is stale")
    args = parser.parse_args(argv)
    if args.check is not None:
        found = problems(args.check)
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print(f"Run: {GENERATOR}", file=sys.stderr)
        return 1 if found else 0
    for line in write(args.write):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

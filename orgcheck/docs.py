"""A rule's docs, from its docstring: as ``orgcheck explain`` prints them (and SARIF's
help carries), and as the Markdown page of ``docs/rules/`` (written by
``orgcheck.cli.docgen``). Both read the same docstring, so they cannot disagree."""
from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from orgcheck.api.rules import Rule
from orgcheck.i18n.runtime import N_, _
from orgcheck.wording import word

SECTIONS = (N_("What"), N_("Why"), N_("Fix"), N_("Options"), N_("Example"))
_SECTION_RE = re.compile(rf"^({'|'.join(SECTIONS)}):[ \t]*", re.M)


def _section_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """The section headings as the docs read in the active language (``Wat:`` in Dutch),
    and the English key of each."""
    names = {_(key): key for key in SECTIONS}
    if all(name == key for name, key in names.items()):
        return _SECTION_RE, names
    return re.compile(rf"^({'|'.join(map(re.escape, names))}):[ \t]*", re.M), names
#: the word "default" in an option's entry, as the docs' paragraph reads in each language
_DEFAULT_WORD = N_("default")
_OPTION_ENTRY_RE = re.compile(r"^`?([A-Za-z_][\w-]*)`? \(default")


def _option_entry_re() -> re.Pattern[str]:
    word = _(_DEFAULT_WORD)
    return _OPTION_ENTRY_RE if word == _DEFAULT_WORD else re.compile(rf"^`?([A-Za-z_][\w-]*)`? \(({re.escape(word)})")


def render_options(rule: Rule) -> str:
    """The defaults as TOML one pastes into a config file (TOML, not JSON: an inline
    table is ``{player-coach = 5}``)."""
    if not rule.options:
        return ""
    lines = [_("Defaults, as orgcheck.toml sets them (in pyproject.toml: [tool.orgcheck.rules.{name}]):").format(
        name=toml_key(rule.name)), f"  [rules.{toml_key(rule.name)}]"]
    lines += [f"  {_toml_default(key, value)}" for key, value in rule.options.items()]
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule) -> str:
    header = f"{rule.code} {rule.name} [{rule.severity.value}]"
    # the family and plugin are names, never translated; the pillar is one of the seed's three
    meta = _("Family: {family}   Plugin: {plugin}").format(family=rule.family, plugin=rule.distribution or "?")
    if rule.pillar:
        meta += "   " + _("Pillar: {pillar}").format(pillar=word(rule.pillar))
    parts = [header, meta]
    if rule.needs:
        parts.append(_("Needs: {parts} (a source that cannot say one of them leaves the rule not assessed)").format(
            parts=", ".join(f"`{n}`" for n in rule.needs)))
    parts += ["", rule.docs, ""]
    options = render_options(rule)
    if options:
        parts += [options.rstrip("\n"), ""]
    return "\n".join(parts)


def sections(rule: Rule) -> dict[str, str]:
    """The docstring in parts: ``summary``, ``intro`` (any text between the summary and
    the first section) and each section of :data:`SECTIONS` that it has, dedented,
    without its label."""
    docs = rule.docs
    pattern, keys = _section_re()
    found = list(pattern.finditer(docs))
    head = docs[:found[0].start()] if found else docs
    summary, _, intro = head.strip().partition("\n")
    out = {"summary": summary.strip(), "intro": textwrap.dedent(intro).strip()}
    for match, following in zip(found, [*found[1:], None][:len(found)], strict=True):
        body = docs[match.end():following.start() if following else len(docs)]
        first, nl, rest = body.partition("\n")
        out[keys[match.group(1)]] = (first.strip() + nl + textwrap.dedent(rest)).strip("\n").strip()
    return out


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def prose(text: str) -> str:
    """A section body as Markdown: paragraphs as written; a paragraph whose lines are
    all indented (a model excerpt, say) as a text block."""
    out: list[str] = []
    block: list[str] = []  # indented paragraphs in a row are one block (a class and its methods)

    def end_block() -> None:
        if block:
            out.append("```text\n" + textwrap.dedent("\n\n".join(block)) + "\n```")
            block.clear()

    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        lines = paragraph.splitlines()
        if lines and all(line.startswith((" ", "\t")) for line in lines):
            block.append(paragraph)
        else:
            end_block()
            out.append("\n".join(line.strip() for line in lines))
    end_block()
    return "\n\n".join(out)


def _options_markdown(text: str) -> str:
    """The Options section: a list of ``name (default ...): meaning`` entries written one
    under the other becomes a bullet list; anything else stays prose."""
    lines = text.splitlines()
    entry_re = _option_entry_re()
    if len(lines) < 2 or not entry_re.match(lines[0]) or lines[0].startswith("`"):
        return prose(_sentence(text))
    entries: list[list[str]] = []
    for line in lines:
        if entry_re.match(line) or not entries:
            entries.append([line.strip()])
        else:
            entries[-1].append(line.strip())
    default = _(_DEFAULT_WORD)
    return "\n".join("- " + entry_re.sub(lambda m: f"`{m.group(1)}` ({default}", " ".join(entry), count=1)
                      for entry in entries)


def _sentence(text: str) -> str:
    """A section body starts mid-sentence after its label ("What: a manager ..."); on
    a page it starts under a heading."""
    return text[:1].upper() + text[1:]


def toml_value(value: Any) -> str:
    """``value`` as TOML writes it (an option's default in ``[rules.NAME]``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def toml_key(key: str) -> str:
    """A TOML key: bare where TOML allows it (``player-coach``), else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_default(key: str, value: Any) -> str:
    # TOML has no null: an option that is unset by default is shown as a comment.
    return f"# {key} is not set by default" if value is None else f"{toml_key(key)} = {toml_value(value)}"


def _needs_markdown(needs: tuple[str, ...], up: str) -> str:
    if not needs:
        return _("nothing a source may lack (it runs on every model)")
    return ", ".join(f"`{n}`" for n in needs) + " " + _(
        "([parts of the model]({link}); a source that cannot say one of them, such as BPMN or a people CSV, "
        "leaves the rule not assessed)").format(link=f"{up}plugins.md#the-rule-decorator")


def rule_page(rule: Rule, presets: list[str], generator: str, up: str = "../") -> str:
    """The Markdown page of ``docs/rules/CODE.md`` (``docs/rules/nl/CODE.md`` in Dutch):
    the rule's metadata, then What, Why, How to fix, Options (with the defaults as a config
    file sets them) and Example, all from the docstring and the ``@orgcheck.rule``
    declaration, in the active language (``up``: the way from the page's folder to ``docs/``)."""
    parts = sections(rule)
    enabled_by = ", ".join(f"`{p}`" for p in [*presets, "all"])
    pillar = word(rule.pillar) if rule.pillar else _("none (a check of the model itself)")
    facts = [f"- **{key}**: {value}" for key, value in (
        (_("Code"), f"`{rule.code}`"), (_("Name"), f"`{rule.name}`"), (_("Family"), rule.family),
        (_("Pillar"), pillar), (_("Default severity"), rule.severity.value),
        (_("Needs"), _needs_markdown(rule.needs, up)), (_("Presets"), enabled_by))]
    out = [f"# {rule.code} {rule.name}", "",
           f"<!-- Generated by `{generator}` from the rule's docstring: edit that, not this page. -->", "",
           parts["summary"], ""]
    if parts["intro"]:
        out += [prose(parts["intro"]), ""]
    out += [*facts, ""]
    for key, title in (("What", _("What it checks")), ("Why", _("Why")), ("Fix", _("How to fix"))):
        if key in parts:
            out += [f"## {title}", "", prose(_sentence(parts[key])), ""]
    out += ["## " + _("Options"), ""]
    if "Options" in parts:
        out += [_options_markdown(parts["Options"]), ""]
    if rule.options:
        out += [_("Defaults, as a config file (`orgcheck.toml`) sets them:"), "", "```toml",
                f"[rules.{toml_key(rule.name)}]", *(_toml_default(k, v) for k, v in rule.options.items()), "```", ""]
    if "Example" in parts:
        out += ["## " + _("Example"), "", "```text", parts["Example"], "```", ""]
    out += [_("`orgcheck explain {code}` prints these docs in the terminal.").format(code=rule.code) + " "
            + _("[All rules](README.md)"), ""]
    return "\n".join(out)


def rules_index(rules: list[Rule], presets: dict[str, list[str]], generator: str, up: str = "../") -> str:
    """``docs/rules/README.md``: one row per rule, linking its page (``up``: the way from
    the page's folder to ``docs/``)."""
    intro = _("Every rule orgcheck ships, one page each, generated from the same docstring that "
              "`orgcheck explain RULE` prints. `orgcheck rules` lists the rules of the plugins you "
              "have installed too. The presets column says which presets enable a rule besides "
              "`all` (see [the CLI reference]({cli})); the pillar is the part of "
              "trust a rule tests (see the [README]({readme})); the needs are the [parts of the model]({parts}) "
              "a rule judges: on a source that cannot say one of them (BPMN, a people CSV, a file naming only a "
              "team's leads) the rule is not assessed.").format(
        cli=f"{up}cli.md#which-rules-run", readme=f"{up}../README.md#why-these-rules",
        parts=f"{up}plugins.md#the-rule-decorator")
    head = [_("code"), _("name"), _("family"), _("pillar"), _("severity"), _("needs"), _("presets"),
            _("what it reports")]
    out = ["# " + _("Rules"), "",
           f"<!-- Generated by `{generator}` from the rules' docstrings: edit those, not this page. -->", "",
           intro, "", "| " + " | ".join(head) + " |", "|---|---|---|---|---|---|---|---|"]
    for rule in rules:
        cells = [f"[{rule.code}]({rule.code}.md)", f"`{rule.name}`", rule.family, word(rule.pillar),
                 rule.severity.value, ", ".join(rule.needs) or "-", ", ".join(presets.get(rule.code, [])) or "-",
                 rule.summary]
        out.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
    return "\n".join(out) + "\n"

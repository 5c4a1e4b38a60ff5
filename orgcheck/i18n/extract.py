"""A Babel extractor for orgcheck and its plugins: the messages in ``_()``,
``ngettext()``, ``N_()`` and ``lazy()`` calls (Babel's own Python extractor), plus
the docs of every ``@rule`` function, one catalog entry per paragraph, exactly as
``Rule.docs`` looks them up (a cleaned docstring, split at blank lines), and in the
same way the help of every click command (its docstring).

Name it in babel.cfg (a plugin can use it for its own rules too)::

    [extractors]
    orgcheck = orgcheck.i18n.extract:extract

    [orgcheck: plugins/**.py]
"""
from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from io import BytesIO
from typing import IO, Any, cast

from orgcheck.i18n.runtime import docs_paragraphs

LAZY_KEYWORDS = ("lazy", "lazy_gettext")


def _is_rule_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == "rule") or (
        isinstance(target, ast.Attribute) and target.attr == "rule")


def _is_command_decorator(node: ast.expr) -> bool:
    """``@click.command(...)``, ``@click.group(...)``, ``@main.command()``: a click command."""
    target = node.func if isinstance(node, ast.Call) else node
    return isinstance(target, ast.Attribute) and target.attr in ("command", "group")


def command_docs(source: bytes) -> Iterator[tuple[int, str]]:
    """(line, paragraph) for each paragraph of each click command's help (its docstring),
    as ``cli.common.help_text`` looks them up."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                _is_command_decorator(d) for d in node.decorator_list):
            docs = ast.get_docstring(node, clean=True)
            if docs:
                for paragraph in docs_paragraphs(docs.partition("\f")[0]):
                    yield node.body[0].lineno, paragraph


def _code(node: ast.expr) -> str:
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        return str(node.args[0].value)
    return "?"


def uses_i18n(tree: ast.AST) -> bool:
    """Whether a module imports orgcheck.i18n.runtime: the sign that it is translated, docs too.
    (Until every module is, the catalog holds only the ones that are, and a test
    demands a Dutch translation of everything in it.)"""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("orgcheck", "orgcheck.i18n", "orgcheck.i18n.runtime"):
            if node.module == "orgcheck.i18n.runtime" or any(a.name in ("_", "ngettext", "i18n", "runtime")
                                                              for a in node.names):
                return True
        if isinstance(node, ast.Import) and any(a.name == "orgcheck.i18n.runtime" for a in node.names):
            return True
    return False


def rule_docs(source: bytes) -> Iterator[tuple[int, str, str]]:
    """(line, paragraph, rule code) for each paragraph of each rule's docs, in a
    module that imports orgcheck.i18n.runtime."""
    tree = ast.parse(source)
    if not uses_i18n(tree):
        return
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorators = [d for d in node.decorator_list if _is_rule_decorator(d)]
        docs = ast.get_docstring(node, clean=True)
        if not decorators or not docs:
            continue
        line = node.body[0].lineno
        raw = node.body[0].value.value.splitlines()  # type: ignore[attr-defined]
        for paragraph in docs_paragraphs(docs):
            first = paragraph.splitlines()[0].strip()
            offset = next((i for i, text in enumerate(raw) if text.strip() == first), 0)
            yield line + offset, paragraph, _code(decorators[0])


def extract(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
            options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """The Babel extractor interface: ``(line, function, message(s), comments)``."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    # orgcheck's own markers, so that `pybabel extract` needs no -k options
    extra = [name for name in LAZY_KEYWORDS if name not in keywords]
    # babel's own hints name the options' keys and a differently ordered result
    found: Iterator[tuple[Any, Any, Any, Any]] = extract_python(
        BytesIO(source), dict.fromkeys([*keywords, *extra]), comment_tags, cast(Any, options))
    for line, funcname, messages, comments in found:
        yield line, None if funcname in extra else funcname, messages, comments
    for line, paragraph, code in rule_docs(source):
        yield line, None, paragraph, [f"docs of rule {code} (orgcheck explain {code})"]
    for line, paragraph in command_docs(source):
        yield line, None, paragraph, ["a command's help (orgcheck COMMAND --help)"]

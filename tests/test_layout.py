"""The layout a newcomer reads the pipeline from: subpackages by stage, small modules,
no import cycles (imports inside functions counted), no rule family reaching into
another's private names."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "orgcheck"
PLUGINS = ROOT / "plugins"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] == "plugins":
        parts[0] = "orgcheck_plugins"
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for folder in (PACKAGE, PLUGINS) for p in folder.rglob("*.py")}


def _runtime_nodes(tree: ast.AST):
    """Every node, except those under ``if TYPE_CHECKING:`` (never run)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo.extend(child.orelse)
                continue
            todo.append(child)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every orgcheck module ``path`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            # a module's import runs its packages' __init__ too, but those hold no logic here
            if target in known and target != name:
                out.add(target)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_counting_imports_inside_functions():
    modules = _modules()
    known = set(modules)
    graph = {name: {t for t in _imports(path, name, known) if not modules[t].name == "__init__.py"}
             for name, path in modules.items()}
    assert _cycles(graph) == []


def test_the_package_is_a_few_modules_and_subpackages_named_for_stages():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 14, top
    stages = {"api", "cli", "formatters", "i18n", "io", "model", "readers", "run", "validate", "views"}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages - {"schemas"} <= stages, packages - stages


def test_no_module_shares_a_name_with_the_plugins_folder():
    assert not (PACKAGE / "plugins.py").exists()
    assert not list(PACKAGE.rglob("plugins.py"))


def test_modules_stay_small():
    too_long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    too_long.update({str(p.relative_to(ROOT)): n for p in PLUGINS.rglob("*.py")
                     if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600})
    assert too_long == {}


def test_rule_families_share_only_public_names():
    families = {p.stem for p in PLUGINS.glob("*.py") if not p.stem.startswith("_")}
    reaching = []
    for path in PLUGINS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = (node.module or "").rpartition(".")[2]
                if module in families and module != path.stem:
                    reaching += [f"{path.stem} imports {module}.{a.name}" for a in node.names
                                 if a.name.startswith("_")]
    assert reaching == []

"""The layout holds: no import cycles in tracker/ or nlp/, nlp/ never imports tracker/, and an import inside a
function says why (a comment on the line before, or on the import itself)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "nlp")


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue  # Alembic loads these by path; they are not imported by the app
            name, is_package = _module_name(path)
            found[name] = (path, is_package)
    return found


MODULES = _modules()


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, ast.stmt, bool]]:
    """(imported module, the statement, whether it is inside a function) for each import of our own modules."""
    path, is_package = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, child, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                target = _absolute(module, is_package, child)
                for alias in child.names:  # `from . import views` imports the module tracker.views
                    sub = f"{target}.{alias.name}"
                    found.append((sub if sub in MODULES else target, child, in_function))
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            else:
                visit(child, inner)

    visit(tree, False)
    return [(name, node, inner) for name, node, inner in found if name.split(".")[0] in PACKAGES]


def _graph(include_functions: bool) -> dict[str, set[str]]:
    graph = {}
    for module in MODULES:
        edges = set()
        for name, _node, in_function in _imports(module):
            if in_function and not include_functions:
                continue
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in MODULES and name != module:
                edges.add(name)
        graph[module] = edges
    return graph


def _parents(module: str) -> set[str]:
    """The packages Python imports before `module` (their __init__ runs first): not a cycle to import them."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node] - _parents(node)):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = walk(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = walk(start)
            if found:
                return found
    return None


def test_architecture_finds_the_modules_and_their_imports():
    assert {"tracker", "nlp", "tracker.config"} <= set(MODULES)
    assert "tracker.config" in _graph(include_functions=False)["tracker"]


@pytest.mark.parametrize("include_functions", [False, True], ids=["module level", "with imports in functions"])
def test_architecture_has_no_import_cycles(include_functions):
    cycle = _cycle(_graph(include_functions))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_architecture_nlp_imports_nothing_of_the_tracker():
    wrong = sorted(f"{module} imports {name}" for module in MODULES if module.split(".")[0] == "nlp"
                   for name, _node, _inner in _imports(module) if name.split(".")[0] == "tracker")
    assert not wrong


def test_architecture_an_import_inside_a_function_says_why():
    unexplained = []
    for module, (path, _is_package) in MODULES.items():
        if not module.startswith("tracker"):
            continue  # nlp/ is held to this by its own review (issue 12)
        lines = path.read_text(encoding="utf-8").splitlines()
        for name, node, in_function in _imports(module):
            if not in_function:
                continue
            first = node.lineno - 1
            while first > 0 and (lines[first - 1].strip().startswith(("from ", "import ")) or
                                 not lines[first - 1].strip()):
                first -= 1  # a block of imports (groups apart by blank lines) shares the comment above it
            said = "#" in lines[node.lineno - 1] or (first > 0 and lines[first - 1].strip().startswith("#"))
            if not said:
                unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    unexplained = list(dict.fromkeys(unexplained))
    assert not unexplained, "imports inside functions without a comment saying why:\n" + "\n".join(unexplained)


def test_architecture_every_tracker_module_says_what_lives_there():
    bare = sorted(str(path.relative_to(ROOT)) for name, (path, _is_package) in MODULES.items()
                  if name.startswith("tracker") and not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))))
    assert not bare, "modules without a docstring: " + ", ".join(bare)

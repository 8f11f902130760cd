"""The generator's floors hold: the import contracts, no private names across modules, no cycles.

docs/architecture.md says what each floor is for; .importlinter states the contracts.
"""

from __future__ import annotations

import ast
import functools
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from .conftest import ROOT

GENERATOR = ROOT / "generator"


def test_the_import_contracts_are_kept():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run(
        [lint, "--config", str(ROOT / ".importlinter"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_feature_is_in_the_independence_contract():
    """A feature added later is kept apart from the others only if the contract names it."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    named = set(config["importlinter:contract:features-independent"]["modules"].split())
    assert named == _graph().find_children("generator.features")


@functools.cache
def _graph() -> grimp.ImportGraph:
    """The generator's imports, the packages outside it included (as their top-level names)."""
    return grimp.build_graph("generator", include_external_packages=True, cache_dir=None)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_uses_another_modules_private_names():
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = _module_name(path)
        modules: dict[str, str] = {}  # local name -> generator module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__") and node.module != here:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{alias.name}")
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {modules[node.value.id]}.{node.attr}")
    assert found == [], "\n".join(found)


def test_no_import_cycle_between_modules():
    graph = grimp.build_graph("generator", cache_dir=None)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    # Tarjan's strongly connected components: a component of two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == [], cycles


def test_the_mkdocs_door_is_as_small_as_the_architecture_page_says():
    """Issue 15: the modules that import MkDocs (kept in generator/build/ by the import contract
    mkdocs-behind-one-door) are about 250 lines, the count docs/architecture.md gives."""
    importers = _graph().find_modules_that_directly_import("mkdocs")
    lines = sum(len((ROOT / f"{m.replace('.', '/')}.py").read_text(encoding="utf-8").splitlines()) for m in importers)
    assert importers and lines <= 260, (sorted(importers), lines)
    said = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"is {lines} lines" in said, "docs/architecture.md gives the adapter's size"

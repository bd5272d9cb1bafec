"""The layers point one way: records/errors/config at the bottom, CLI/API on top, and no import cycle.

Every import counts, the lazy ones inside functions too: a cycle through a deferred import is still a
cycle in the design.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "eventscope"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The eventscope modules `path` imports (relative imports resolved; `from . import x` is module x)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("eventscope"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("eventscope"):
                target = node.module
            else:
                continue
            submodules = {f"{target}.{a.name}" for a in node.names} & modules
            out.update(submodules or {target})
    return out


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(path, set(modules)):
            if target in modules and target != name and target != "eventscope":
                graph.add_edge(name, target)
    graph.remove_node("eventscope")  # the public facade sits on top of everything
    return graph


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_import_cycle_between_modules() -> None:
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_no_import_cycle_between_packages() -> None:
    graph = _graph()
    packages = nx.DiGraph()
    packages.add_nodes_from({_package(m) for m in graph})
    packages.add_edges_from((_package(a), _package(b)) for a, b in graph.edges if _package(a) != _package(b))
    cycles = list(nx.simple_cycles(packages))
    assert not cycles, f"package cycles: {cycles[:5]}"


@pytest.mark.parametrize("low, forbidden", [
    ("eventscope.store", ("eventscope.stages", "eventscope.pipeline", "eventscope.runner", "eventscope.cli",
                          "eventscope.api", "eventscope.readers")),
    ("eventscope.readers", ("eventscope.stages", "eventscope.pipeline", "eventscope.store", "eventscope.cli",
                            "eventscope.api")),
    ("eventscope.records", ("eventscope.stages", "eventscope.pipeline", "eventscope.store")),
    ("eventscope.nlp", ("eventscope.stages", "eventscope.pipeline", "eventscope.store")),
    ("eventscope.geoparse", ("eventscope.pipeline", "eventscope.stages")),
    ("eventscope.stages", ("eventscope.pipeline", "eventscope.store", "eventscope.runner", "eventscope.cli",
                           "eventscope.api")),
])
def test_a_layer_does_not_import_the_layers_above_it(low: str, forbidden: tuple[str, ...]) -> None:
    graph = _graph()
    bad = [(a, b) for a, b in graph.edges
           if (a == low or a.startswith(low + ".")) and any(b == f or b.startswith(f + ".") for f in forbidden)]
    assert not bad, f"{low} imports upward: {bad}"

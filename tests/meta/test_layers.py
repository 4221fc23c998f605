"""The import graph of ``src/betareader``, read from the source (the AST, not by importing):
no module imports, directly or through others, a module that imports it back, and no package
imports a package of a higher layer.  Imports only a type checker reads (``if TYPE_CHECKING:``)
are not edges.

The layers, lowest first (a package may import its own layer's packages and lower ones):
the data path load -> Document -> analysis -> rules -> report -> renderers has no arrow back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "betareader"

LAYERS = [
    {"betareader", "errors", "families", "diskcache"},  # the version, errors, the families table, the disk cache
    {"model"},  # the document model
    {"analysis", "loaders", "spelling"},  # what reads a document or builds one
    {"craft"},  # story-wide measurements and the beta letter
    {"rules"},  # the rules, over the document and the measurements
    {"config", "catalog"},  # choosing rules, describing them
    {"engine", "fix"},  # running the rules, applying their fixes
    {"report"},  # the renderers
    {"editors", "batch"},  # the editors' protocols (LanguageTool's API, the language server); batch review
    {"server", "cli", "launch", "__main__"},  # the ways in
]
LAYER = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for p in SRC.rglob("*.py"):
        parts = p.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _runtime_imports(tree: ast.AST):
    """ImportFrom nodes, those under ``if TYPE_CHECKING:`` left out."""
    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                for orelse in child.orelse:
                    yield from walk(orelse)
                continue
            if isinstance(child, ast.ImportFrom):
                yield child
            yield from walk(child)
    yield from walk(tree)


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for n in _runtime_imports(ast.parse(p.read_text(encoding="utf-8"))):
            if n.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (n.level - 1)]
                target = ".".join(base + ([n.module] if n.module else []))
            else:
                target = n.module or ""
            if not target.startswith("betareader"):
                continue
            for alias in n.names:
                t = f"{target}.{alias.name}" if f"{target}.{alias.name}" in mods else target
                while t not in mods and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t != m:
                    edges[m].add(t)
    return edges


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "betareader"


def test_every_package_has_a_layer():
    assert {_package(m) for m in _modules()} <= set(LAYER)


def test_no_import_runs_up_a_layer():
    up = sorted(f"{a} -> {b}" for a, bs in _graph().items() for b in bs
                if LAYER[_package(b)] > LAYER[_package(a)])
    assert not up, "imports into a higher layer:\n" + "\n".join(up)


def test_no_import_cycle():
    edges = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_check_finds_a_cycle_and_an_upward_import(tmp_path, monkeypatch):
    """The checks above can fail: a made-up package with both faults trips both."""
    pkg = tmp_path / "betareader"
    (pkg / "model").mkdir(parents=True)
    (pkg / "rules").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "model" / "__init__.py").write_text("from ..rules import thing\n")
    (pkg / "rules" / "__init__.py").write_text("from ..model import other\n")
    monkeypatch.setattr(__import__(__name__), "SRC", pkg)
    import pytest

    with pytest.raises(AssertionError, match="higher layer"):
        test_no_import_runs_up_a_layer()
    with pytest.raises(AssertionError, match="import cycles"):
        test_no_import_cycle()

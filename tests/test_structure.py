"""The package stays easy to change: no import cycles, no private names shared between modules, and
each read of a library's private internals isolated where a test can catch an upgrade that moves it."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "mongolia_report"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(name: str) -> list[tuple[str, list[str]]]:
    """(module imported, names imported) for every import in a module, inside functions too."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            found.append((target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


def dependencies(name: str) -> set[str]:
    """The package's modules a module imports: ``from . import x`` means module x, not the package."""
    result = set()
    for target, names in imports(name):
        submodules = {f"{target}.{n}" for n in names} & MODULES.keys()
        result |= submodules or ({target} & MODULES.keys())
    return result - {name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    graph = {name: dependencies(name) for name in MODULES}
    assert cycles(graph) == [], "modules that import each other (directly or round a loop)"


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_another_module_s_private_name():
    shared = [f"{name} imports {target}.{n}" for name in MODULES for target, names in imports(name)
              if target and target.startswith("mongolia_report") for n in names if n.startswith("_") and n != "__version__"]
    tests = [f"{path.name} imports {n}" for path in (ROOT / "tests").glob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.ImportFrom)
             for n in (alias.name for alias in node.names) if n.startswith("_") and n != "__future__"]
    assert shared + tests == []


def test_folium_s_children_are_read_in_one_place_that_fails_loudly():
    import folium
    import pytest

    from mongolia_report.maps import children

    fmap = folium.Map()
    group = folium.FeatureGroup(name="layer").add_to(fmap)
    assert group in children(fmap)
    with pytest.raises(RuntimeError, match="_children"):
        children(object())
    private_reads = [path.name for path in PACKAGE.rglob("*.py") if "._children" in path.read_text(encoding="utf-8")]
    assert private_reads == [], "read an element's children through mongolia_report.maps.children"


def test_the_markup_the_report_writes_escapes_what_it_is_given():
    from mongolia_report.charts import table_filter

    html = table_filter({"verdict": ("Verdict", ['A <b>bold</b> & "quoted" option'], 3)}, header='Ver"dict', noun="claims").data
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;" in html
    assert 'data-table-header="Ver&#34;dict"' in html
    assert "<script" not in html, "the filter's script is a static asset (assets/table-filter.js), not inline"


def test_every_code_cell_of_the_book_is_folded_or_removed():
    """A reader sees prose, figures and tables; the code that makes them is folded away ("Show code cell
    source") or removed, on the site and on paper. A new cell without its tag would print its code."""
    import json

    FOLDED = {"hide-input", "remove-input", "remove-cell"}
    unfolded = []
    for notebook in [ROOT / "index.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code" and not FOLDED & set(cell.get("metadata", {}).get("tags", [])):
                unfolded.append(f"{notebook.relative_to(ROOT)}: cell {cell.get('id')}")
    assert unfolded == [], "code cells without hide-input, remove-input or remove-cell:\n" + "\n".join(unfolded)


def test_every_test_file_is_named_in_the_maintainers_guide_for_what_it_checks():
    """A maintainer finds the test for a feature in CONTRIBUTING.md's table, which names every test file once."""
    import re

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = [line for line in guide.splitlines() if line.startswith("| `tests/test_")]
    named = [name for row in rows for name in re.findall(r"`tests/(test_\w+\.py)`", row.split(" | ")[0])]
    files = sorted(path.name for path in (ROOT / "tests").glob("test_*.py"))
    assert sorted(named) == files, f"missing from the table: {sorted(set(files) - set(named))}; gone: {sorted(set(named) - set(files))}"

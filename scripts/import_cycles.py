"""Print the import cycles among the modules of ``lona``.

Every import counts, those under ``TYPE_CHECKING`` and inside functions too
(grimp, the library under import-linter, reads them all).  A cycle is shown as
its strongly connected component: the modules that all reach each other, and
the imports inside it with their line numbers.  The import-linter contracts in
pyproject.toml are what CI checks; this is for finding what closes a cycle.

Run: ``.venv/bin/python scripts/import_cycles.py [PACKAGE]``
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import grimp


def strongly_connected(graph: grimp.ImportGraph, package: str) -> Iterator[list[str]]:
    """Tarjan's algorithm, iteratively: components of more than one module."""
    modules = sorted(m for m in graph.modules if m == package or m.startswith(package + "."))
    inside = set(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def successors(module: str) -> list[str]:
        return sorted(m for m in graph.find_modules_directly_imported_by(module) if m in inside)

    for root in modules:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        yield sorted(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(successors(child))))
            elif child in on_stack:
                low[module] = min(low[module], index[child])


def main() -> int:
    package = sys.argv[1] if len(sys.argv) > 1 else "lona"
    graph = grimp.build_graph(package.split(".")[0])
    components = list(strongly_connected(graph, package))
    for component in components:
        print(f"cycle of {len(component)} modules:")
        members = set(component)
        for module in component:
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                if imported in members:
                    lines = graph.get_import_details(importer=module, imported=imported)
                    where = ", ".join(str(line["line_number"]) for line in lines)
                    print(f"  {module} -> {imported}  (line {where})")
    print(f"{len(components)} import cycles in {package}")
    return 1 if components else 0


if __name__ == "__main__":
    sys.exit(main())

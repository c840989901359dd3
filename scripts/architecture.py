"""Draw the house from the code: the apps, their layers and who imports whom (tests left out).

    .venv/bin/python scripts/architecture.py [--output docs/architecture-graph.svg]

grimp (which import-linter installs) reads every import of thidua; the modules are grouped by app,
the apps placed in the layers of the "layers" contract of pyproject.toml (highest at the top), and
Graphviz's ``dot`` (Debian's ``graphviz``) draws the SVG. An arrow is "imports"; an arrow that goes
up a layer or across two independent apps of one layer breaks the contract and is drawn in red, with
the number of imports, so the picture shows the house as it is, not as it should be.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "project"  # settings, URLs, the assembled API, the CLI, middleware: above every app
TOP_LEVEL_APPS = {"demo_data": "demo"}
LEFT_OUT = {"thidua.testing"}  # the tests' fixed cast


def layers() -> list[list[str]]:
    """The layers of pyproject.toml's layers contract, highest first, each a list of app names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    result = []
    for layer in contract["layers"]:
        names = [name.strip() for name in layer.replace(":", "|").split("|")]
        result.append([name.removeprefix("thidua.") for name in names])
    return result


def app_of(module: str, apps: set[str]) -> str | None:
    parts = module.split(".")
    if "tests" in parts or "migrations" in parts or module in LEFT_OUT or len(parts) < 2:
        return None
    name = parts[1]
    if name in apps:
        return name
    return TOP_LEVEL_APPS.get(name, PROJECT)


def app_imports(apps: set[str]) -> Counter[tuple[str, str]]:
    graph = grimp.build_graph("thidua", exclude_type_checking_imports=True)
    edges: Counter[tuple[str, str]] = Counter()
    for importer in graph.modules:
        source = app_of(importer, apps)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = app_of(imported, apps)
            if target is not None and target != source:
                edges[(source, target)] += 1
    return edges


def _reachable(start: str, edges: set[tuple[str, str]], skip: tuple[str, str]) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for source, target in edges:
            if source == node and (source, target) != skip and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def reduced(edges: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges no longer path implies (a transitive reduction), so that the picture stays readable."""
    return {(source, target) for source, target in edges if target not in _reachable(source, edges, (source, target))}


def dot_source(stack: list[list[str]], edges: Counter[tuple[str, str]]) -> tuple[str, list[str]]:
    rank = {app: index for index, layer in enumerate(stack) for app in layer}
    rank[PROJECT] = -1

    def upward(source: str, target: str) -> bool:
        return rank.get(source, -1) > rank.get(target, -1) or rank.get(source) == rank.get(target)

    kept = reduced({edge for edge in edges if not upward(*edge)})
    lines = [
        "digraph thidua {",
        '  graph [rankdir=TB, ranksep=0.45, nodesep=0.3, fontname="DejaVu Sans", fontsize=11, '
        'label="thidua: apps by layer, highest at the top. An arrow imports (arrows implied by others left out); '
        'red breaks the layers", '
        "labelloc=t];",
        '  node [shape=box, style="rounded,filled", fillcolor="#f4f1ea", color="#8a6d3b", '
        'fontname="DejaVu Sans", fontsize=11];',
        '  edge [color="#9a9a9a", arrowsize=0.6];',
        f'  "{PROJECT}" [label="thidua (project)\\nsettings, urls, api_v1, cli", fillcolor="#e8eef4"];',
    ]
    for index, layer in enumerate(stack):
        members = " ".join(f'"{app}";' for app in layer)
        lines.append(f"  subgraph layer{index} {{ rank=same; {members} }}")
    # Invisible arrows from each layer to the next keep the layers stacked in their order.
    for upper, lower in zip([[PROJECT], *stack], stack, strict=False):
        lines.append(f'  "{upper[0]}" -> "{lower[0]}" [style=invis];')
    broken = []
    for (source, target), count in sorted(edges.items()):
        if upward(source, target):
            broken.append(f"{source} -> {target} ({count} imports)")
            lines.append(f'  "{source}" -> "{target}" [color="#c0392b", fontcolor="#c0392b", label="{count}"];')
        elif (source, target) in kept:
            lines.append(f'  "{source}" -> "{target}";')
    lines.append("}")
    return "\n".join(lines) + "\n", broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "architecture-graph.svg")
    parser.add_argument("--dot", action="store_true", help="print the Graphviz source instead of drawing it")
    options = parser.parse_args()
    stack = layers()
    apps = {app for layer in stack for app in layer}
    source, broken = dot_source(stack, app_imports(apps))
    if options.dot:
        sys.stdout.write(source)
        return 0
    dot = shutil.which("dot")
    if dot is None:
        sys.stderr.write("architecture: Graphviz's dot is missing (Debian: apt-get install graphviz)\n")
        return 1
    svg = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True).stdout  # noqa: S603
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(svg, encoding="utf-8")
    print(f"{options.output.relative_to(ROOT)}: {len(apps) + 1} apps, {len(broken)} imports against the layers")
    for line in broken:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

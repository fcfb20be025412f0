"""Print the biggest files and functions of a package (lines), for the size targets in
docs/architecture.md: ``python scripts/sizes.py [src/smartcard_linker] [--top N]``."""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from pathlib import Path


def functions(path: Path) -> Iterator[tuple[str, int]]:
    """(qualified name, lines) of every function and method in ``path``, decorators included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                yield name, (child.end_lineno or child.lineno) - first + 1
                yield from walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")

    yield from walk(tree, "")


def measure(root: Path) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    files: list[tuple[int, str]] = []
    funcs: list[tuple[int, str]] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        files.append((len(path.read_text(encoding="utf-8").splitlines()), rel))
        funcs += [(n, f"{rel}:{name}") for name, n in functions(path)]
    return sorted(files, reverse=True), sorted(funcs, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", nargs="?", default="src/smartcard_linker")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    files, funcs = measure(Path(args.root))
    print("biggest files (lines):")
    for n, name in files[: args.top]:
        print(f"  {n:5}  {name}")
    print("longest functions (lines):")
    for n, name in funcs[: args.top]:
        print(f"  {n:5}  {name}")


if __name__ == "__main__":
    main()

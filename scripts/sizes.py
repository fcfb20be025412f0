"""Print the biggest files and functions of a package (lines), for the size targets in
docs/architecture.md, and its total lines and lines of code (no blank, comment or
docstring lines): ``python scripts/sizes.py [src/smartcard_linker] [--top N]
[--exclude DIR ...]``."""

from __future__ import annotations

import argparse
import ast
import io
import tokenize
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


def code_lines(path: Path) -> int:
    """Lines that hold code: not blank, not only a comment, not a docstring."""
    text = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        kinds = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            first = node.body[0]
            if isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT}
    skipped |= {tokenize.DEDENT, tokenize.ENDMARKER}
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in skipped:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - docstrings)


def totals(root: Path, exclude: tuple[str, ...] = ()) -> tuple[int, int]:
    """(lines, lines of code) of the package's files outside the ``exclude`` folders."""
    paths = [p for p in root.rglob("*.py") if not set(exclude) & set(p.relative_to(root).parts)]
    return sum(len(p.read_text(encoding="utf-8").splitlines()) for p in paths), sum(
        code_lines(p) for p in paths
    )


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
    parser.add_argument("--exclude", nargs="*", default=[], help="folders left out of totals")
    args = parser.parse_args()
    files, funcs = measure(Path(args.root))
    lines, code = totals(Path(args.root), tuple(args.exclude))
    print(f"total: {lines} lines, {code} lines of code")
    print("biggest files (lines):")
    for n, name in files[: args.top]:
        print(f"  {n:5}  {name}")
    print("longest functions (lines):")
    for n, name in funcs[: args.top]:
        print(f"  {n:5}  {name}")


if __name__ == "__main__":
    main()

"""How much of a vendor facade is facts and how much is glue.

    uv run python scripts/facade_lines.py [FOLDER ...]     (default: src/awaitops/chainloop)

Every line of the folder's ``*.py`` files that is not blank, a comment or a docstring is a
code line, and falls in exactly one kind:

* imports: import statements (all their lines), and ``if TYPE_CHECKING:`` headers;
* facts: statements at module or class level (constants, declared listings, class facts,
  declared snapshot fields);
* signatures: ``def``/``class`` headers, with their decorators and parameter lines;
* bodies: statements inside functions and methods.

Glue is imports plus bodies: what wires generated code, the core and the user together.
``checks`` counts the body lines of argument checks (functions named ``check_*`` or
``_check_*``), vendor rules rather than glue, shown apart.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from collections import Counter
from pathlib import Path

_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _kinds(tree: ast.Module) -> dict[int, str]:
    kind: dict[int, str] = {}

    def mark(node: ast.stmt, label: str) -> None:
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            kind.setdefault(line, label)

    def walk(body: list[ast.stmt], function: str | None) -> None:
        for node in body:
            if _is_docstring(node):
                mark(node, "doc")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                mark(node, "imports")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                for line in range(start, node.body[0].lineno):
                    kind.setdefault(line, "signatures")
                inner = function
                if not isinstance(node, ast.ClassDef):
                    inner = node.name if function is None else function
                walk(node.body, inner)
            elif (
                function is None
                and isinstance(node, ast.If)
                and "TYPE_CHECKING" in ast.unparse(node.test)
            ):
                kind.setdefault(node.lineno, "imports")
                walk(node.body, function)
            elif function is None:
                mark(node, "facts")
            else:
                mark(node, "checks" if function.lstrip("_").startswith("check") else "bodies")

    walk(tree.body, None)
    return kind


def count(folder: Path) -> Counter[str]:
    totals: Counter[str] = Counter()
    for path in sorted(folder.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        totals["lines"] += len(text.splitlines())
        kind = _kinds(ast.parse(text))
        code: set[int] = set()
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type not in _NOT_CODE:
                code.update(range(token.start[0], token.end[0] + 1))
        for line in code:
            label = kind.get(line, "doc")
            if label != "doc":
                totals["code"] += 1
                totals[label] += 1
    totals["glue"] = totals["imports"] + totals["bodies"]
    return totals


def main(folders: list[str]) -> None:
    columns = ("lines", "code", "facts", "signatures", "imports", "bodies", "checks", "glue")
    print("folder".ljust(30), *(name.rjust(10) for name in columns))
    for folder in folders or ["src/awaitops/chainloop"]:
        totals = count(Path(folder))
        print(folder.ljust(30), *(str(totals[name]).rjust(10) for name in columns))


if __name__ == "__main__":
    main(sys.argv[1:])

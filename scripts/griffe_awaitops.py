"""A Griffe extension for the API reference (``mkdocs.yml`` loads it; see ``nox -s docs``).

Once awaitops is loaded, every docstring's Sphinx roles become links to the reference's
entries (``scripts/docs_reference.py``), and no private name reaches a page, since a reader
cannot look one up: a signature default naming a private module constant
(``retry=_DEFAULT_RETRY``) shows its value (``retry=RetryPolicy()``), one naming a private
one-line function shows it as a lambda, an attribute whose value names a private helper
shows no value, and private base classes are left out.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any

import griffe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_reference import Resolver, entries, link_roles


def _objects(obj: griffe.Object) -> list[griffe.Object]:
    """``obj`` and everything defined in it (not what it imports)."""
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_objects(member))  # type: ignore[arg-type]
    return found


_PRIVATE = re.compile(r"(?<![\w.])_[A-Za-z]\w*")


def _as_lambda(func: griffe.Function) -> str | None:
    """``def _done(handle): return bool(handle.done)`` as ``lambda handle: bool(handle.done)``."""
    try:
        tree = ast.parse(func.source)
    except (SyntaxError, OSError, ValueError):
        return None
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef):
        return None
    body = [
        n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    text = f"lambda {ast.unparse(node.args)}: {ast.unparse(body[0].value)}"
    return None if _PRIVATE.search(text) else text


def _default_value(func: griffe.Function, name: str) -> Any:
    found = func.module.members.get(name)
    if found is None or found.is_alias:
        return None
    if found.is_function:
        return _as_lambda(found)  # type: ignore[arg-type]
    value = getattr(found, "value", None)
    return None if value is None or _PRIVATE.search(str(value)) else value


class AwaitopsReference(griffe.Extension):
    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "awaitops":
            return
        collection = pkg.modules_collection

        def member_entry(identifier: str, name: str) -> bool:
            try:
                owner = collection[identifier]
                if owner.is_alias:
                    owner = owner.final_target
                member = owner.members.get(name)
            except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
                return False
            return bool(member is not None and not name.startswith("_") and member.docstring)

        resolver = Resolver(entries(), member_entry)
        for obj in _objects(pkg):
            self._fix_defaults(obj)
            if obj.docstring is None:
                continue
            owner = (
                obj if obj.is_class else obj.parent if obj.parent and obj.parent.is_class else None
            )
            scope_class = None if owner is None else resolver.public_class(owner.path)
            path = obj.path

            def resolve(
                target: str, path: str = path, scope_class: str | None = scope_class
            ) -> str | None:
                return resolver.resolve(target, path, scope_class)

            obj.docstring.value = link_roles(obj.docstring.value, resolve)

    @staticmethod
    def _fix_defaults(obj: griffe.Object) -> None:
        if obj.is_class:
            cls: griffe.Class = obj  # type: ignore[assignment]
            cls.bases[:] = [base for base in cls.bases if not str(base).startswith("_")]
            return
        if obj.is_attribute:
            attribute: griffe.Attribute = obj  # type: ignore[assignment]
            if attribute.value is not None and _PRIVATE.search(str(attribute.value)):
                attribute.value = None
            return
        if not obj.is_function:
            return
        func: griffe.Function = obj  # type: ignore[assignment]
        for parameter in func.parameters:
            default = parameter.default
            if default is None or not str(default).startswith("_"):
                continue
            value = _default_value(func, str(default))
            if value is not None:
                parameter.default = value

"""Metadata filters for ``GET /files/{assistant}?filter=...`` (a Pinecone-style subset)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ._http import Reject

__all__ = ["parse_filter"]

_MISSING = object()
_Predicate = Callable[[dict[str, Any] | None], bool]


def _ordered(op: str, value: Any, arg: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    if op == "$gt":
        return bool(value > arg)
    if op == "$gte":
        return bool(value >= arg)
    if op == "$lt":
        return bool(value < arg)
    return bool(value <= arg)


def _any_of(value: Any, choices: list[Any]) -> bool:
    # A list-valued field matches when any of its elements does.
    values = value if isinstance(value, list) else [value]
    return any(v in choices for v in values)


def _condition(op: str, arg: Any) -> Callable[[Any], bool]:
    if op in ("$eq", "$ne"):
        positive = op == "$eq"
        return lambda value: value is not _MISSING and _any_of(value, [arg]) == positive
    if op in ("$in", "$nin"):
        if not isinstance(arg, list):
            raise Reject(400, "INVALID_ARGUMENT", f"Filter operator {op} takes a list")
        positive = op == "$in"
        return lambda value: value is not _MISSING and _any_of(value, arg) == positive
    if op in ("$gt", "$gte", "$lt", "$lte"):
        if not isinstance(arg, int | float) or isinstance(arg, bool):
            raise Reject(400, "INVALID_ARGUMENT", f"Filter operator {op} takes a number")
        return lambda value: _ordered(op, value, arg)
    if op == "$exists":
        if not isinstance(arg, bool):
            raise Reject(400, "INVALID_ARGUMENT", "Filter operator $exists takes a boolean")
        return lambda value: (value is not _MISSING) == arg
    raise Reject(400, "INVALID_ARGUMENT", f"Unsupported filter operator {op}")


def _compile(node: Any) -> _Predicate:
    if not isinstance(node, dict):
        raise Reject(400, "INVALID_ARGUMENT", "A metadata filter must be a JSON object")
    checks: list[_Predicate] = []
    for key, cond in node.items():
        if key in ("$and", "$or"):
            if not isinstance(cond, list) or not cond:
                raise Reject(400, "INVALID_ARGUMENT", f"Filter operator {key} takes a list")
            subs = [_compile(c) for c in cond]

            def combined(
                meta: dict[str, Any] | None,
                subs: list[_Predicate] = subs,
                every: bool = key == "$and",
            ) -> bool:
                results = (s(meta) for s in subs)
                return all(results) if every else any(results)

            checks.append(combined)
            continue
        if key.startswith("$"):
            raise Reject(400, "INVALID_ARGUMENT", f"Unsupported filter operator {key}")
        ops = cond if isinstance(cond, dict) else {"$eq": cond}
        tests = [_condition(op, arg) for op, arg in ops.items()]

        def field_check(
            meta: dict[str, Any] | None, key: str = key, tests: list[Callable[[Any], bool]] = tests
        ) -> bool:
            value = meta.get(key, _MISSING) if meta else _MISSING
            return all(t(value) for t in tests)

        checks.append(field_check)
    return lambda meta: all(c(meta) for c in checks)


def parse_filter(raw: str | None) -> _Predicate | None:
    """Compile a JSON filter into a predicate over a file's metadata; 400 when invalid."""
    if raw is None or raw == "":
        return None
    try:
        node = json.loads(raw)
    except ValueError:
        raise Reject(400, "INVALID_ARGUMENT", "filter is not valid JSON") from None
    return _compile(node)

"""Hypothesis strategies for the JSON bodies our specs describe, valid and broken.

Only the OpenAPI 3.0 subset our ``specs/`` use is understood: objects, arrays, strings (with
``date-time``), integers, numbers, booleans, ``nullable``, ``additionalProperties`` and local
``$ref``s.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from _specs import spec_of
from hypothesis import strategies as st

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value: what a confused server might send instead of the documented body."""


@functools.cache
def load_spec(package: str) -> dict[str, Any]:
    """The spec of a generated package as generated (kept operations; dates as written)."""
    return spec_of(package).load()


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


_DATE_TIMES = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1)
).map(lambda moment: moment.isoformat() + "Z")


def valid(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Bodies that follow ``schema``: required properties always, optional ones sometimes."""
    schema = _resolve(spec, schema)
    strategy = _valid_non_null(spec, schema, depth)
    return st.none() | strategy if schema.get("nullable") else strategy


def _valid_non_null(
    spec: dict[str, Any], schema: dict[str, Any], depth: int
) -> st.SearchStrategy[Any]:
    kind = schema.get("type", "object")
    if kind == "string":
        if schema.get("format") == "date-time":
            return _DATE_TIMES
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        return st.text(max_size=12)
    if kind == "integer":
        return st.integers(
            min_value=schema.get("minimum", -(2**31)), max_value=schema.get("maximum", 2**31)
        )
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = schema.get("items", {})
        return st.lists(valid(spec, items, depth + 1), max_size=3 if depth < 2 else 0)
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    if not properties:
        # A free-form object (metadata, tags): any small JSON object.
        return st.dictionaries(st.text(max_size=6), st.text(max_size=6) | st.integers(), max_size=3)
    return st.fixed_dictionaries(
        {name: valid(spec, sub, depth + 1) for name, sub in properties.items() if name in required},
        optional={
            name: valid(spec, sub, depth + 1)
            for name, sub in properties.items()
            if name not in required
        },
    )


def _break(value: Any, draw: st.DrawFn) -> Any:
    """One mutation of a valid body: a field dropped, retyped, nulled, or the body replaced."""
    if isinstance(value, dict) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value)))
        mutated = dict(value)
        how = draw(st.sampled_from(["drop", "retype", "null", "recurse"]))
        if how == "drop":
            del mutated[key]
        elif how == "null":
            mutated[key] = None
        elif how == "retype":
            mutated[key] = draw(JSON.filter(lambda new: type(new) is not type(value[key])))
        else:
            mutated[key] = _break(value[key], draw)
        return mutated
    if isinstance(value, list) and value and draw(st.booleans()):
        index = draw(st.integers(0, len(value) - 1))
        return [*value[:index], _break(value[index], draw), *value[index + 1 :]]
    return draw(JSON)


def broken(spec: dict[str, Any], schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Bodies that break ``schema`` somewhere (or by chance still follow it)."""

    @st.composite
    def mutate(draw: st.DrawFn) -> Any:
        return _break(draw(valid(spec, schema)), draw)

    return mutate()


def response_schema(package: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The spec of a generated package and its component schema ``name``."""
    spec = load_spec(package)
    return spec, spec["components"]["schemas"][name]

"""The generated packages agree with the specs they were generated from.

Every example in every spec parses with the generated models and serializes back
unchanged; fields and enum values the specs do not know survive a round trip, since the
server may add both; and each package reports its spec's ``info.version``.
"""

from __future__ import annotations

import copy
import functools
import importlib
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from _specs import all_specs

SPECS = sorted(spec.path for spec in all_specs())
# The packages our facades import; their specs (and versions) are whatever specs/ holds.
EXPECTED_PACKAGES = {
    "pinecone_assistant_control",
    "pinecone_assistant_data",
    "pinecone_backup_schedules",
    "chainloop_platform",
}
NAMESPACE = "awaitops_generated"
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@functools.cache
def load(path: Path) -> dict[str, Any]:
    """(Read once; never changed by the tests.) As generated: the kept operations only; unquoted timestamps stay strings."""
    (spec,) = [s for s in all_specs() if s.path == path]
    return spec.load()


def package_of(spec: Path) -> ModuleType:
    (found,) = [s.package for s in all_specs() if s.path == spec]
    return importlib.import_module(f"{NAMESPACE}.{found}")


def model_class(package: ModuleType, schema_name: str, schema: dict[str, Any]) -> Any:
    """The generated class for a component schema: the generator PascalCases its name, or
    its ``title`` when it has one."""
    models = importlib.import_module(f"{package.__name__}.models")
    for candidate in (schema_name, schema.get("title")):
        if not isinstance(candidate, str):
            continue
        wanted = re.sub(r"[^a-z0-9]", "", candidate.lower())
        for name in dir(models):
            if name.lower() == wanted:
                return getattr(models, name)
    raise LookupError(f"no generated model for schema {schema_name!r} in {package.__name__}")


def schema_of(spec: Path, schema_name: str) -> dict[str, Any]:
    schema: dict[str, Any] = load(spec)["components"]["schemas"][schema_name]
    return schema


def ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def media_examples(media: dict[str, Any]) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        if "value" in example:
            yield example["value"]


def spec_examples(spec: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, component schema name, example) for every object example with a model."""
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        if isinstance(schema.get("example"), dict):
            yield f"components.schemas.{name}", name, schema["example"]
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            bodies = [(str(code), r) for code, r in operation["responses"].items()]
            if "requestBody" in operation:
                bodies.append(("request", operation["requestBody"]))
            for code, body in bodies:
                for content_type, media in (body.get("content") or {}).items():
                    name = ref_name(media.get("schema") or {})
                    for example in media_examples(media):
                        if name and isinstance(example, dict):
                            yield f"{method.upper()} {path} {code} {content_type}", name, example


def normalized(value: Any) -> Any:
    """Compare timestamps by instant: the models re-serialize them in isoformat."""
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


ALL_EXAMPLES = [
    pytest.param(spec, name, example, id=f"{spec.stem}:{where}")
    for spec in SPECS
    for where, name, example in spec_examples(load(spec))
]


def test_every_spec_has_a_package_and_examples() -> None:
    names = {package_of(spec).__name__ for spec in SPECS}
    assert names == {f"{NAMESPACE}.{name}" for name in EXPECTED_PACKAGES}
    specs_with_examples = {spec for spec, _, _ in (p.values for p in ALL_EXAMPLES)}
    assert specs_with_examples == set(SPECS), "every spec should carry examples to test"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_api_version_matches_spec(spec: Path) -> None:
    package = package_of(spec)
    assert package.API_VERSION == str(load(spec)["info"]["version"])


@pytest.mark.parametrize(("spec", "schema_name", "example"), ALL_EXAMPLES)
def test_example_round_trips(spec: Path, schema_name: str, example: dict[str, Any]) -> None:
    cls = model_class(package_of(spec), schema_name, schema_of(spec, schema_name))
    assert normalized(cls.from_dict(copy.deepcopy(example)).to_dict()) == normalized(example)


def enum_fields(spec: dict[str, Any], schema_name: str) -> list[str]:
    properties = spec["components"]["schemas"][schema_name].get("properties", {})
    return [name for name, prop in properties.items() if "x-enum" in prop]


@pytest.mark.parametrize(("spec", "schema_name", "example"), ALL_EXAMPLES)
def test_unknown_fields_and_enum_values_survive(
    spec: Path, schema_name: str, example: dict[str, Any]
) -> None:
    cls = model_class(package_of(spec), schema_name, schema_of(spec, schema_name))
    changed = copy.deepcopy(example)
    changed["field_from_the_future"] = {"nested": [1, "two", None]}
    for field in enum_fields(load(spec), schema_name):
        if field in changed:
            changed[field] = "ValueFromTheFuture"
    assert normalized(cls.from_dict(copy.deepcopy(changed)).to_dict()) == normalized(changed)


def test_enum_fields_are_open_strings() -> None:
    """x-enum keeps generated fields as plain strings: no Enum class rejects a new value."""
    open_enums = 0
    for spec_path in SPECS:
        for name, schema in load(spec_path).get("components", {}).get("schemas", {}).items():
            properties = schema.get("properties", {})
            closed = [field for field, prop in properties.items() if "enum" in prop]
            assert not closed, f"{spec_path.name} {name}: use x-enum, not enum, for {closed}"
            open_enums += sum("x-enum" in prop for prop in properties.values())
    assert open_enums > 0

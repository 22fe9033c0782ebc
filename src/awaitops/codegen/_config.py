"""The codegen config: openapi-python-client's own format plus an ``awaitops:`` block.

    package_name_override: batches_api        # openapi-python-client keys pass through
    awaitops:
      operations: [list_batches, get_batch]   # keep these operationIds ...
      tags: [Batches]                         # ... and every operation with these tags
      base_path: /v1                          # the prefix every path needs (BASE_PATH)
      schemas:                                # what the service really sends, where the
        Batch:                                # publisher's file says otherwise
          required: [id, status]
          properties:
            created_at: {nullable: true}

Without ``operations`` and ``tags`` every operation is kept. Without ``base_path`` the
package's ``BASE_PATH`` is the path of the spec's first server URL. ``schemas`` is a JSON
merge patch (RFC 7386) on the spec's ``components.schemas``: mappings merge, anything else
replaces, ``null`` removes; each schema it names must exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import CodegenError
from ._yaml import load_mapping

__all__ = ["OUR_KEY", "CodegenConfig", "load_config"]

#: The key holding the settings openapi-python-client does not know.
OUR_KEY = "awaitops"
_OUR_SETTINGS = frozenset({"operations", "tags", "base_path", "schemas"})


@dataclass(frozen=True)
class CodegenConfig:
    """What one config file asks: the generator's own settings and ours."""

    generator: dict[str, Any] = field(default_factory=dict)
    operations: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    base_path: str | None = None
    schemas: dict[str, Any] = field(default_factory=dict)

    @property
    def package_name(self) -> str | None:
        name = self.generator.get("package_name_override")
        return None if name is None else str(name)

    @property
    def filters(self) -> bool:
        return self.operations is not None or self.tags is not None


def _names(path: Path, key: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CodegenError(f"{path}: {OUR_KEY}.{key} must be a list of strings")
    return frozenset(value)


def load_config(path: Path | None) -> CodegenConfig:
    if path is None:
        return CodegenConfig()
    data = load_mapping(path)
    ours = data.pop(OUR_KEY, None) or {}
    if not isinstance(ours, dict):
        raise CodegenError(f"{path}: {OUR_KEY} must be a mapping")
    unknown = sorted(set(ours) - _OUR_SETTINGS)
    if unknown:
        raise CodegenError(
            f"{path}: unknown {OUR_KEY} setting(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_OUR_SETTINGS))})"
        )
    base_path = ours.get("base_path")
    if base_path is not None and (not isinstance(base_path, str) or base_path.endswith("/")):
        raise CodegenError(f"{path}: {OUR_KEY}.base_path must be a path such as /v1, or ''")
    if base_path and not base_path.startswith("/"):
        raise CodegenError(f"{path}: {OUR_KEY}.base_path must start with /")
    schemas = ours.get("schemas") or {}
    if not isinstance(schemas, dict) or not all(isinstance(v, dict) for v in schemas.values()):
        raise CodegenError(f"{path}: {OUR_KEY}.schemas must map schema names to mappings")
    return CodegenConfig(
        generator=data,
        operations=None
        if "operations" not in ours
        else _names(path, "operations", ours["operations"]),
        tags=None if "tags" not in ours else _names(path, "tags", ours["tags"]),
        base_path=base_path,
        schemas=schemas,
    )

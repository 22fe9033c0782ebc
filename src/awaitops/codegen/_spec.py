"""A spec as the generator should see it: the kept operations, the schemas they reach."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ._config import CodegenConfig
from ._errors import CodegenError

__all__ = ["api_version", "base_path", "patch_schemas", "select_operations"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Component kinds a $ref can name; securitySchemes are named by `security`, never by $ref.
_REFERABLE = (
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "examples",
    "links",
    "callbacks",
)


def api_version(spec: dict[str, Any], where: str) -> str:
    info = spec.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    if version is None or str(version) == "":
        raise CodegenError(f"{where} has no info.version: API_VERSION comes from it")
    return str(version)


def base_path(spec: dict[str, Any], config: CodegenConfig) -> str:
    """The path every operation's path is relative to: the config's, or the first server's."""
    if config.base_path is not None:
        return config.base_path
    servers = spec.get("servers") or [{}]
    url = str(servers[0].get("url", "")) if isinstance(servers[0], dict) else ""
    # Server variables may stand for the scheme and host ("{host}/v1"): drop up to the host.
    if "://" not in url and url.startswith("{"):
        url = url[url.find("}") + 1 :]
        return url.rstrip("/")
    return urlsplit(url).path.rstrip("/")


def _merge(target: Any, patch: Any) -> Any:
    """RFC 7386: a mapping patch merges key by key (``None`` removes); anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _merge(merged.get(key), value)
    return merged


def patch_schemas(spec: dict[str, Any], config: CodegenConfig, where: str) -> dict[str, Any]:
    """``spec`` with the config's ``schemas`` merge patch applied to its component schemas."""
    if not config.schemas:
        return spec
    schemas = (spec.get("components") or {}).get("schemas") or {}
    missing = sorted(set(config.schemas) - set(schemas))
    if missing:
        raise CodegenError(f"{where} has no schema {', '.join(missing)} that the config patches")
    spec = copy.deepcopy(spec)
    for name, patch in config.schemas.items():
        spec["components"]["schemas"][name] = _merge(schemas[name], patch)
    return spec


def _refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _reachable(spec: dict[str, Any]) -> set[tuple[str, str]]:
    """Every (kind, name) of components the paths reach, directly or through each other."""
    components = spec.get("components") or {}
    seen: set[tuple[str, str]] = set()
    todo = list(_refs(spec.get("paths", {})))
    while todo:
        ref = todo.pop()
        parts = ref.split("/")
        if len(parts) != 4 or parts[:2] != ["#", "components"]:
            continue  # external or unusual references are left to the generator
        key = (parts[2], parts[3].replace("~1", "/").replace("~0", "~"))
        if key in seen:
            continue
        seen.add(key)
        todo.extend(_refs(components.get(key[0], {}).get(key[1])))
    return seen


def select_operations(spec: dict[str, Any], config: CodegenConfig, where: str) -> dict[str, Any]:
    """``spec`` keeping only the operations the config names (all without a filter), and,
    when some were dropped, only the components the kept ones reach."""
    if not config.filters:
        return spec
    spec = copy.deepcopy(spec)
    wanted_ids, wanted_tags = config.operations or frozenset(), config.tags or frozenset()
    found_ids: set[str] = set()
    found_tags: set[str] = set()
    paths: dict[str, Any] = {}
    for path, item in (spec.get("paths") or {}).items():
        kept = {}
        for key, value in item.items():
            if key not in _METHODS:
                kept[key] = value  # path-level parameters, summary, servers
                continue
            op_id, tags = value.get("operationId"), set(value.get("tags") or ())
            found_ids.add(op_id)
            found_tags |= tags
            if op_id in wanted_ids or tags & wanted_tags:
                kept[key] = value
        if any(key in _METHODS for key in kept):
            paths[path] = kept
    missing = sorted(wanted_ids - found_ids) + sorted(f"tag {t}" for t in wanted_tags - found_tags)
    if missing:
        raise CodegenError(f"{where} has no operation {', '.join(missing)} that the config keeps")
    spec["paths"] = paths
    reachable = _reachable(spec)
    components = spec.get("components") or {}
    for kind in _REFERABLE:
        if isinstance(components.get(kind), dict):
            components[kind] = {
                name: value for name, value in components[kind].items() if (kind, name) in reachable
            }
    used_tags = {
        tag
        for item in paths.values()
        for op in item.values()
        if isinstance(op, dict)
        for tag in op.get("tags") or ()
    }
    if isinstance(spec.get("tags"), list):
        spec["tags"] = [
            t for t in spec["tags"] if not isinstance(t, dict) or t.get("name") in used_tags
        ]
    return spec

"""Reading spec and config files as their authors wrote them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ._errors import CodegenError

__all__ = ["load_mapping"]


class _AsWrittenLoader(yaml.SafeLoader):
    """YAML without the timestamp type: publishers leave dates and versions unquoted
    (``version: 2026-04``, ``example: 2024-06-01T12:00:00Z``) and mean strings."""


_AsWrittenLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_mapping(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=_AsWrittenLoader)  # a SafeLoader
    except OSError as exc:
        raise CodegenError(f"cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise CodegenError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CodegenError(f"{path} is not a YAML mapping")
    return data

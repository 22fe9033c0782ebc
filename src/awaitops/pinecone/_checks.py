"""Pinecone's documented limits, checked before a request is sent."""

from __future__ import annotations

import re
from typing import Any

from awaitops.core import check_json_size

from ._facts import MAX_FIELD_BYTES, REGIONS

_ASSISTANT_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


def check_assistant_name(name: str, argument: str = "name") -> str:
    if not isinstance(name, str) or not _ASSISTANT_NAME.fullmatch(name):
        raise ValueError(
            f"{argument} must be 1-63 lower-case letters, digits or '-', starting and ending "
            f"with a letter or digit, got {name!r}"
        )
    return name


def check_file_id(file_id: str) -> str:
    if not isinstance(file_id, str) or not _FILE_ID.fullmatch(file_id):
        raise ValueError(
            f"file_id must be 1-128 characters of letters, digits, '_' or '-', got {file_id!r}"
        )
    return file_id


def check_region(region: str) -> str:
    if region not in REGIONS:
        raise ValueError(f"region must be one of {', '.join(REGIONS)}, got {region!r}")
    return region


def check_instructions(instructions: str | None) -> str | None:
    if instructions is None:
        return None
    if not isinstance(instructions, str):
        raise ValueError(f"instructions must be a string, got {type(instructions).__name__}")
    size = len(instructions.encode())
    if size > MAX_FIELD_BYTES:
        raise ValueError(f"instructions must be at most {MAX_FIELD_BYTES} bytes, got {size}")
    return instructions


def check_metadata(metadata: dict[str, Any] | None) -> dict[str, Any] | None:
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise ValueError(f"metadata must be a dict, got {type(metadata).__name__}")
    result: dict[str, Any] = check_json_size(metadata, "metadata", MAX_FIELD_BYTES)
    return result

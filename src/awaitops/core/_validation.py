"""Argument checks run before a request is sent: each raises ValueError naming the argument."""

from __future__ import annotations

import json
import warnings
from collections.abc import Collection
from typing import Any


def check_range(value: int | None, name: str, low: int, high: int) -> int | None:
    """``value`` must be an integer in ``[low, high]`` (None passes: the server's default)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return value


def check_identifier(value: str, name: str) -> str:
    """A resource id: a non-empty string that cannot be read as a relative path step."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValueError(f"{name} must not be empty, '.' or '..', got {value!r}")
    return value


def check_json_size(value: Any, name: str, max_bytes: int) -> Any:
    """``value`` must serialize to JSON of at most ``max_bytes`` UTF-8 bytes."""
    if value is None:
        return None
    try:
        size = len(json.dumps(value, separators=(",", ":")).encode())
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be JSON-serializable: {exc}") from None
    if size > max_bytes:
        raise ValueError(f"{name} must be at most {max_bytes} bytes as JSON, got {size}")
    return value


def check_choice(value: str | None, name: str, accepted: Collection[str]) -> str | None:
    """``value`` must be one of ``accepted``, exactly (case-sensitive); None passes.

    For a value the server refuses when it does not know it (a list filter, say): the
    ValueError lists what is accepted, which a server's 400 may not.
    """
    if value is None or (isinstance(value, str) and value in accepted):
        return value
    raise ValueError(f"{name} must be one of {', '.join(accepted)} (case-sensitive), got {value!r}")


def check_known(value: str | None, name: str, known: Collection[str]) -> str | None:
    """Warn (not fail) on a value outside ``known``: servers add enum values over time."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    if value not in known:
        warnings.warn(
            f"{name}={value!r} is not one of the values this SDK knows "
            f"({', '.join(sorted(known))}); sending it anyway",
            UserWarning,
            stacklevel=3,
        )
    return value

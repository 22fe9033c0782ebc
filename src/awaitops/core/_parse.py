"""Turning a successful response body into a model, or into ResponseValidationError."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from awaitops._redaction import safe_cause
from awaitops.errors import ResponseValidationError

T = TypeVar("T")


def _decoder() -> Callable[[bytes], Any]:
    """msgspec's decoder where the ``msgspec`` extra is installed, else ``json.loads``.

    msgspec refuses some documents ``json.loads`` reads (lone surrogates, ``NaN``, numbers
    beyond a float, a byte-order mark, deep nesting): those go to ``json.loads``, so every
    body decodes to the values ``json.loads`` gives, or fails as it fails. (orjson was not
    picked: it reads integers beyond 64 bits as floats, silently.)
    """
    try:
        from msgspec.json import decode
    except ImportError:
        return json.loads

    def loads(content: bytes) -> Any:
        try:
            return decode(content)
        except Exception:
            return json.loads(content)

    return loads


decode_json: Callable[[bytes], Any] = _decoder()
"""Decode a JSON body as ``json.loads`` would (tests swap it to force either decoder)."""


def response_text(response: httpx.Response) -> str:
    """The body as text, never raising: a bogus charset falls back to lenient UTF-8."""
    try:
        return response.text
    except (LookupError, ValueError):
        return response.content.decode("utf-8", errors="replace")


def parse_json(response: httpx.Response) -> Any:
    """Decode a (read) response's JSON body, or raise :class:`ResponseValidationError`."""
    try:
        return decode_json(response.content)
    except (ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError and UnicodeDecodeError; RecursionError a
        # pathologically nested document.
        failure = exc
    raise ResponseValidationError(
        f"response body is not valid JSON: {failure}",
        body=response_text(response),
        status=response.status_code,
    ) from safe_cause(failure)


def parse_model(
    response: httpx.Response, from_dict: Callable[[Any], T], *, at: str | None = None
) -> T:
    """Decode the body and build a result with ``from_dict`` (a snapshot class, a generated
    model's classmethod, or any function of the decoded JSON). With ``at``, the result is
    the object under that key of the body (an envelope such as ``{"operation": {...}}``).

    Whatever goes wrong (bad JSON, a missing required field, a wrong type, an unparsable
    date) becomes :class:`ResponseValidationError` with the raw text kept.
    """
    data = parse_json(response)
    try:
        return from_dict(data if at is None else _inside(data, at))
    except ResponseValidationError:
        raise
    except Exception as exc:
        failure = exc
    name = getattr(from_dict, "__qualname__", repr(from_dict))
    module = getattr(from_dict, "__module__", None)
    if "." not in name and module:
        # A module-level function: say whose (module.function).
        name = f"{module.rpartition('.')[2]}.{name}"
    # Raised outside the except block, and chained only when the model's own error does not
    # quote a credential the server echoed (our errors redact theirs, not the cause's).
    raise ResponseValidationError(
        f"response body does not match {name}: {type(failure).__name__}: {failure}",
        body=response_text(response),
        status=response.status_code,
    ) from safe_cause(failure)


def _inside(data: Any, key: str) -> Any:
    inner = data.get(key) if isinstance(data, dict) else None
    if not isinstance(inner, dict):
        raise ValueError(f"answer has no {key!r} object")
    return inner

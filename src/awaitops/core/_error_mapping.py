"""From an error response to the matching ApiError subclass, and Retry-After parsing."""

from __future__ import annotations

import email.utils
import json
import math
import re
import time
from collections.abc import Callable
from datetime import UTC
from typing import Any, TypeAlias

import httpx

from awaitops.errors import (
    AlreadyExistsError,
    ApiError,
    AuthenticationError,
    BadRequestError,
    FailedPreconditionError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    _readable_code,
)

from ._parse import response_text

_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: AlreadyExistsError,
    429: RateLimitError,
}
# Generic names; an API with a header of its own names it (AsyncApiClient(request_id_header=)).
_REQUEST_ID_HEADERS = ("x-request-id", "request-id")
# The gRPC status names (google.rpc.Code) that refine a status: by name or by number.
ALREADY_EXISTS = "ALREADY_EXISTS"
# Codes that say a 429 is a quota used up, not a request rate: waiting will not help.
_QUOTA_CODES = frozenset({"QUOTA_EXCEEDED", "INSUFFICIENT_QUOTA"})

ErrorClassifier: TypeAlias = Callable[[int, str | None, str], "type[ApiError] | None"]
"""``classify(status, code, message)``: the error class an API's own facts give an error
answer (None: the generic mapping decides). Consulted first, so a 429 classified as
:class:`QuotaExceededError` is never retried."""
FAILED_PRECONDITION = "FAILED_PRECONDITION"
# A plain-text body longer than this, or HTML, is kept in ``body`` but not used as the message.
_MAX_TEXT_MESSAGE = 300


# Headers that describe the body as sent, which an answer rebuilt without it must not keep.
_BODY_HEADERS = frozenset(
    {"content-encoding", "content-length", "transfer-encoding", "content-type"}
)


def undecodable_answer(response: httpx.Response, exc: httpx.DecodingError) -> httpx.Response:
    """What to make of an answer whose body failed to decode (e.g. corrupt gzip).

    An error status stays that error, so that a 5xx is retried like any other: the answer is
    rebuilt with a short text body saying what went wrong. A success raises
    :class:`ResponseValidationError` with its status. The undecodable bytes are not kept.
    """
    note = f"response body could not be decoded ({type(exc).__name__}): {exc}"
    if response.is_success:
        raise ResponseValidationError(note, body="", status=response.status_code)
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in _BODY_HEADERS
    ]
    return httpx.Response(
        response.status_code,
        headers=[*headers, ("content-type", "text/plain")],
        content=note.encode(),
        request=response.request,
        extensions=response.extensions,
    )


def retry_after_seconds(headers: httpx.Headers, now: float | None = None) -> float | None:
    """The server's wait hint in seconds: ``retry-after-ms``, else ``Retry-After``.

    ``Retry-After`` may be a number of seconds or an HTTP date (compared with ``now``, a
    Unix time, default the current one). Unparsable or non-finite hints count as absent;
    a date in the past means zero.
    """
    millis = headers.get("retry-after-ms")
    if millis is not None:
        seconds = _finite(millis)
        if seconds is not None:
            return max(seconds / 1000.0, 0.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _finite(value)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


# Digits, with a sign and a fraction at most (a negative hint means now): what float()
# reads beyond that ("1_0", "1e3", "nan") is no number of seconds a server means to send.
_SECONDS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _finite(text: str) -> float | None:
    text = text.strip()
    if len(text) > 32 or not _SECONDS.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _as_code(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _decode_error_body(content: bytes, text: str) -> tuple[Any, str | None, str | None, bool]:
    """``(body, code, message, is_json)`` from the documented ``{"error": {...}, "status"}`` shape.

    Also understands ``{"error": "text"}``, the gRPC-gateway ``{"code", "message"}`` shape
    and a message under ``detail`` or ``description`` (as gateways and web frameworks send
    it); anything else keeps the raw text as the body.
    """
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return text, None, None, False
    if not isinstance(data, dict):
        return data, None, None, True
    code: str | None = None
    message: str | None = None
    error = data.get("error")
    if isinstance(error, dict):
        code = _as_code(error.get("code"))
        if isinstance(error.get("message"), str):
            message = error["message"]
    elif isinstance(error, str):
        message = error
    if code is None:
        code = _as_code(data.get("code"))
    for key in ("message", "detail", "description"):
        if message:
            break
        if isinstance(data.get(key), str):
            message = data[key]
    return data, code, message or None, True


def _text_message(response: httpx.Response, text: str, *, is_json: bool) -> str:
    # A short plain-text body (e.g. from a proxy) says more than the reason phrase; JSON
    # without a message, HTML pages and binary noise do not.
    first_line = text.strip().partition("\n")[0].strip()
    if (
        not is_json
        and first_line
        and len(first_line) <= _MAX_TEXT_MESSAGE
        and first_line.isprintable()
        and not first_line.startswith("<")
    ):
        return first_line
    return response.reason_phrase or f"unexpected HTTP status {response.status_code}"


def error_from_response(
    response: httpx.Response,
    request_id_header: str | None = None,
    classify: ErrorClassifier | None = None,
) -> ApiError:
    """Build the typed error for a non-2xx (read) response. Never raises.

    The request id is read from ``request_id_header`` (the API's own name, if it has one),
    else from ``x-request-id`` or ``request-id``. ``classify`` states an API's own error
    classes (see :data:`ErrorClassifier`); a 429 with code ``QUOTA_EXCEEDED`` or
    ``INSUFFICIENT_QUOTA`` is a :class:`QuotaExceededError` without one.
    """
    status = response.status_code
    text = response_text(response)
    body, code, message, is_json = _decode_error_body(response.content, text)
    if message is None:
        message = _text_message(response, text, is_json=is_json)
    names = (request_id_header, *_REQUEST_ID_HEADERS) if request_id_header else _REQUEST_ID_HEADERS
    request_id = next(
        (response.headers[name] for name in names if name in response.headers),
        None,
    )
    named = _readable_code(code).upper() if code is not None else None
    cls = classify(status, code, message) if classify is not None else None
    if cls is not None:
        pass
    elif status == 429 and named == ALREADY_EXISTS:
        cls = AlreadyExistsError
    elif status == 429 and named in _QUOTA_CODES:
        cls = QuotaExceededError
    elif status == 400 and named == FAILED_PRECONDITION:
        cls = FailedPreconditionError
    elif 500 <= status < 600:
        cls = ServerError
    else:
        cls = _BY_STATUS.get(status, ApiError)
    if issubclass(cls, RateLimitError | ServerError):
        # Both take the server's wait hint; a classifier's subclasses too.
        return cls(
            message,
            status=status,
            code=code,
            request_id=request_id,
            body=body,
            retry_after=retry_after_seconds(response.headers),
        )
    return cls(message, status=status, code=code, request_id=request_id, body=body)

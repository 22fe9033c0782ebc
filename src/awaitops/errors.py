"""The exceptions awaitops raises.

Everything derives from :class:`AwaitopsError`. Errors the server answered with derive from
:class:`ApiError` and keep what the server said (status, code, message, request id, body).
Client-side argument checks raise plain :class:`ValueError` before any request is sent.
No exception ever carries a request's headers, and every text or body an exception keeps
has the credentials of live clients redacted (a server may echo them anywhere).
"""

from __future__ import annotations

from typing import Any

from awaitops._redaction import redact

__all__ = [
    "AlreadyExistsError",
    "ApiConnectionError",
    "ApiError",
    "ApiTimeoutError",
    "AuthenticationError",
    "AwaitopsError",
    "BadRequestError",
    "ClientClosedError",
    "FailedPreconditionError",
    "LinkExpiredError",
    "NotFoundError",
    "NotInPlanError",
    "OperationCancelledError",
    "OperationExpiredError",
    "OperationFailedError",
    "PaginationLimitError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "ResponseLimitError",
    "ResponseValidationError",
    "ServerError",
    "WaitTimeoutError",
]


# A longer message (a server's error text can be megabytes) is cut, with a marker, in
# str(error); the error's body or snapshot keeps the whole text.
_MAX_MESSAGE_CHARS = 2000


def _bounded(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _MAX_MESSAGE_CHARS:
        return f"{value[:_MAX_MESSAGE_CHARS]}... [cut: {len(value)} characters in all]"
    return value


class AwaitopsError(Exception):
    """Base class of every error awaitops raises."""

    def __init__(self, *args: Any) -> None:
        # Redacted before cut, so that a cut cannot leave part of a credential behind.
        super().__init__(*(_bounded(arg) for arg in redact(args)))


#: gRPC status names by number: gRPC-gateway error bodies carry only the number.
_GRPC_CODE_NAMES = (
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
)


def _readable_code(code: str) -> str:
    """``"5"`` -> ``"NOT_FOUND"``; any other code as it came."""
    # The length test first: int() refuses thousands of digits.
    if code.isdecimal() and len(code) <= 2 and int(code) < len(_GRPC_CODE_NAMES):
        return _GRPC_CODE_NAMES[int(code)]
    return code


class ApiError(AwaitopsError):
    """The server answered with an error status.

    ``body`` is the decoded JSON body when it parsed, otherwise the raw text.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str | None = None,
        request_id: str | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message: str = self.args[0]
        self.status = status
        self.code: str | None = _bounded(redact(code))
        self.request_id: str | None = _bounded(redact(request_id))
        self.body = redact(body)
        self.attempt = 0
        """Which attempt got this answer: 0 the first, 1 the first retry, and so on."""
        self.acted_before = False
        """Whether an earlier attempt of the same call may have reached the server and acted
        (it failed after being sent, or with a 5xx). False when every earlier attempt was
        refused unsent (a connect error) or answered "not processed" (408, 429)."""

    @property
    def retried(self) -> bool:
        """Whether this answered a re-sent request."""
        return self.attempt > 0

    def __str__(self) -> str:
        parts = [f"HTTP {self.status}"]
        if self.code:
            parts.append(_readable_code(self.code))
        text = f"{' '.join(parts)}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class BadRequestError(ApiError):
    """400: the server rejected the request as malformed."""


class FailedPreconditionError(BadRequestError):
    """400 with code ``FAILED_PRECONDITION``: the request is well formed, but the resource
    is not in a state to take it yet (an upload to an assistant that is not Ready). Waiting
    for that state, then sending again, can succeed; a malformed request never will."""


class AuthenticationError(ApiError):
    """401: the credential is missing or wrong."""


class PermissionDeniedError(ApiError):
    """403: the credential may not do this."""


class LinkExpiredError(ApiError):
    """A pre-signed download link (a ``signed_url``) has expired: ask for a fresh one. The
    storage host's answer (a 400 or 403) is kept as for any :class:`ApiError`."""


class NotInPlanError(PermissionDeniedError):
    """403 because the account's plan does not include this feature (e.g. Pinecone's backup
    schedules): no credential or retry will help, a plan change will."""


class NotFoundError(ApiError):
    """404: the resource does not exist."""


class AlreadyExistsError(ApiError):
    """409, or 429 with code ALREADY_EXISTS: the resource exists already. Never retried."""


class RateLimitError(ApiError):
    """429: slow down. ``retry_after`` is the server's hint in seconds, when it gave one."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 429,
        code: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, code=code, request_id=request_id, body=body)
        self.retry_after = retry_after


class QuotaExceededError(RateLimitError):
    """429 that waiting will not fix: a quota is used up (e.g. the project's assistant
    limit). Never retried. A :class:`RateLimitError`, so handlers of that still catch it."""


class ServerError(ApiError):
    """5xx: the server failed. ``retry_after`` is the server's hint in seconds, when it
    sent one (a 503 may), else None."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, code=code, request_id=request_id, body=body)
        self.retry_after = retry_after


class ApiConnectionError(AwaitopsError):
    """The request could not be completed: connection refused, reset, or dropped."""


class ApiTimeoutError(ApiConnectionError):
    """The request timed out, or the overall deadline across retries passed."""


class ClientClosedError(AwaitopsError, RuntimeError):
    """The client was closed: a call made on it, or a wait polling through it when it
    closed, raises this at once. A :class:`RuntimeError` too, as httpx's own was."""


class ResponseLimitError(ApiConnectionError):
    """An answer broke a response limit and was cut off: ``limit`` names which
    (``"max_response_bytes"`` or ``"max_read_time"``), ``value`` its setting. The request
    reached the server; it is not retried."""

    def __init__(self, message: str, *, limit: str, value: float) -> None:
        super().__init__(message)
        self.limit = limit
        self.value = value


class ResponseValidationError(AwaitopsError):
    """A successful answer whose body does not match the API's schema.

    ``body`` keeps the raw text as received, credentials redacted. ``status`` is the HTTP
    status of the answer.
    """

    def __init__(self, message: str, *, body: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message: str = self.args[0]
        self.body: str = redact(body)
        self.status = status


class PaginationLoopError(AwaitopsError):
    """The server repeated a page token or a page: following it would never end."""


class PaginationLimitError(PaginationLoopError):
    """A walk read ``max_pages`` pages and the server still offered another: a list that
    long is taken for a server handing out fresh tokens or items forever. Pass a larger
    ``max_pages`` (or None) to a list method to read on."""

    def __init__(self, message: str, *, max_pages: int) -> None:
        super().__init__(message)
        self.max_pages = max_pages


class OperationFailedError(AwaitopsError):
    """A watched operation ended without succeeding. ``snapshot`` is its last state.

    Catch this for every unsuccessful end; catch a subclass to tell the ends apart without
    reading a status: :class:`OperationCancelledError` (it was cancelled) and
    :class:`OperationExpiredError` (it ran out of time on the server). Which one a wait
    raises follows the facts the vendor states (``OperationRules.is_cancelled`` and
    ``is_expired``); any other failure raises this class itself.
    """

    def __init__(self, message: str, *, snapshot: Any = None) -> None:
        super().__init__(message)
        self.message: str = self.args[0]
        self.snapshot = snapshot


class OperationCancelledError(OperationFailedError):
    """A watched operation ended cancelled (by anyone: this SDK never cancels one itself
    when a wait is cancelled or times out)."""


class OperationExpiredError(OperationFailedError):
    """A watched operation expired: the server gave up on it before it could finish."""


class WaitTimeoutError(AwaitopsError):
    """A wait ran out of time. ``snapshot`` is the last state seen (None if none was)."""

    def __init__(self, message: str, *, snapshot: Any = None, elapsed: float | None = None) -> None:
        super().__init__(message)
        self.message: str = self.args[0]
        self.snapshot = snapshot
        self.elapsed = elapsed

"""Which failures may be retried, and how long to wait before the next attempt."""

from __future__ import annotations

import httpx

from awaitops.errors import (
    AlreadyExistsError,
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AwaitopsError,
    QuotaExceededError,
    ResponseLimitError,
    ResponseValidationError,
)

from ._policies import RetryPolicy
from ._streams import LimitExceeded

# RFC 9110 idempotent methods: sending one twice has the effect of sending it once.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})

# The request cannot have reached the server: always safe to send again. Not PoolTimeout:
# it means the connection pool stayed full for the whole pool timeout, and queueing there
# again would only add to the crowd that filled it.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)
# The server may have received (and acted on) the request before the failure.
_MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
# Statuses that say the server did not process the request (rate limited, or it gave up
# waiting for the request to arrive): safe to re-send whatever the method.
_NOT_PROCESSED_STATUSES = frozenset({408, 429})


def _origin(exc: httpx.HTTPError) -> str:
    """`` to https://host:port`` of the failed request: the host says which server could not
    be reached; the path and query are left out (they may hold identifiers)."""
    try:
        url = exc.request.url
    except RuntimeError:  # an httpx error raised without its request
        return ""
    return f" to {url.scheme}://{url.netloc.decode('ascii', 'replace')}"


def error_from_transport(exc: httpx.HTTPError) -> AwaitopsError:
    """Our error for an httpx exception raised while sending (no request headers kept)."""
    detail = str(exc) or type(exc).__name__
    where = _origin(exc)
    if isinstance(exc, LimitExceeded):
        return ResponseLimitError(
            f"answer{where} cut off: {detail}", limit=exc.limit, value=exc.value
        )
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(f"request{where} timed out ({type(exc).__name__}): {detail}")
    if isinstance(exc, httpx.DecodingError):
        return ResponseValidationError(f"response body could not be decoded: {detail}", body="")
    return ApiConnectionError(f"request{where} failed ({type(exc).__name__}): {detail}")


def may_have_acted(failure: httpx.HTTPError | ApiError) -> bool:
    """Whether the server may have acted on a request that failed this way."""
    if isinstance(failure, httpx.HTTPError):
        return not isinstance(failure, (*_NOT_SENT, httpx.PoolTimeout))
    return failure.status not in _NOT_PROCESSED_STATUSES


def reached_server(error: Exception) -> bool:
    """Whether a request that failed with ``error`` got through to the server: its answer was
    cut or late (a connection was made), so the host is there even though no answer came."""
    return isinstance(error.__cause__, _MAYBE_SENT)


def transport_error_retryable(exc: httpx.HTTPError, idempotent: bool) -> bool:
    if isinstance(exc, LimitExceeded):
        return False  # the same answer again would break the same limit
    if isinstance(exc, _NOT_SENT):
        return True
    return idempotent and isinstance(exc, _MAYBE_SENT)


def status_retryable(error: ApiError, policy: RetryPolicy, idempotent: bool) -> bool:
    if error.status not in policy.statuses or isinstance(
        error, AlreadyExistsError | QuotaExceededError
    ):
        return False
    return idempotent or error.status in _NOT_PROCESSED_STATUSES


def next_delay(computed: float, hint: float | None, policy: RetryPolicy) -> float | None:
    """The wait before the next attempt, or None when the server asks for longer than the cap.

    A server hint replaces the jittered ``computed`` delay; honouring it is what a
    rate-limited client is asked to do.
    """
    if hint is None:
        return computed
    if hint > policy.retry_after_cap:
        return None
    return hint

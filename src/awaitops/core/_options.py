"""Per-call options every public SDK method accepts and passes down to the HTTP core, and
the mark of an option left out."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final, Literal, TypedDict

import httpx

from ._policies import ConcurrencyPolicy, RateLimitPolicy, RetryBudget


class NotGiven(enum.Enum):
    """Marks an argument the caller left out, where ``None`` is a meaningful value."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN

TimeoutTypes = float | httpx.Timeout | None
"""Seconds for every phase of a request, an :class:`httpx.Timeout`, or ``None`` for none."""
Transport = Literal["httpx", "aiohttp"]
"""The pool a client builds for itself: httpx's own, or aiohttp-backed (asyncio only)."""


class RequestOptions(TypedDict, total=False):
    """``timeout`` per HTTP request; ``deadline`` across all attempts of one call;
    ``extra_headers`` override every other header; ``max_retries`` overrides the policy;
    ``max_response_bytes`` and ``max_read_time`` bound the size of an answer and the time
    its body may take to arrive (None: no bound).

    ``idempotent``: True marks the call safe to re-send blindly after a failure that may
    have reached the server (a 5xx, a read timeout, a cut connection); False forbids that;
    None (default) decides from the method (GET, HEAD, PUT, DELETE are safe). A vendor's
    state-changing calls never re-send blindly by default: they reconcile instead (look up
    whether the change took effect), see :func:`~awaitops.reconcile`.
    """

    timeout: TimeoutTypes
    extra_headers: Mapping[str, str] | None
    max_retries: int | None
    deadline: float | None
    idempotent: bool | None
    max_response_bytes: int | None
    max_read_time: float | None


class _PoolOptions(TypedDict, total=False):
    http_client: httpx.AsyncClient | None
    timeout: TimeoutTypes
    deadline: float | None
    rate_limit: RateLimitPolicy | None
    concurrency: ConcurrencyPolicy | None
    retry_budget: RetryBudget | None
    transport: Transport
    default_headers: Mapping[str, str] | None
    max_response_bytes: int | None
    max_read_time: float | None

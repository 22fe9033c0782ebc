"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .core import (
    DEFAULT_TIMEOUT,
    NOT_APPLIED,
    NOT_GIVEN,
    ApiKeyAuth,
    ApiVersion,
    AsyncApiClient,
    AsyncResource,
    BearerAuth,
    ClientHooks,
    ClientStats,
    ConcurrencyPolicy,
    FileBody,
    NotApplied,
    NotGiven,
    PollEvent,
    PollPolicy,
    QueueEvent,
    RateLimitPolicy,
    RequestEvent,
    RequestOptions,
    ResponseEvent,
    RetryBudget,
    RetryEvent,
    RetryPolicy,
    TimeoutTypes,
    Transport,
    WaitEndEvent,
    check_identifier,
    check_json_size,
    check_known,
    check_range,
    outcome_unknown,
    parse_json,
    parse_model,
    path_param,
    reconcile,
)

if TYPE_CHECKING:
    from .core import (
        AsyncPager,
        EndpointRequest,
        Fetch,
        OperationHandle,
        OperationRules,
        OperationSource,
        Page,
        PageNumberPagination,
        Strategy,
        TokenPagination,
        page_fetcher,
        wait,
        wait_all,
        watch,
    )

__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_APPLIED",
    "NOT_GIVEN",
    "ApiKeyAuth",
    "ApiVersion",
    "AsyncApiClient",
    "AsyncPager",
    "AsyncResource",
    "BearerAuth",
    "ClientHooks",
    "ClientStats",
    "ConcurrencyPolicy",
    "EndpointRequest",
    "Fetch",
    "FileBody",
    "NotApplied",
    "NotGiven",
    "OperationHandle",
    "OperationRules",
    "OperationSource",
    "Page",
    "PageNumberPagination",
    "PollEvent",
    "PollPolicy",
    "QueueEvent",
    "RateLimitPolicy",
    "RequestEvent",
    "RequestOptions",
    "ResponseEvent",
    "RetryBudget",
    "RetryEvent",
    "RetryPolicy",
    "Strategy",
    "TimeoutTypes",
    "TokenPagination",
    "Transport",
    "WaitEndEvent",
    "__version__",
    "check_identifier",
    "check_json_size",
    "check_known",
    "check_range",
    "outcome_unknown",
    "page_fetcher",
    "parse_json",
    "parse_model",
    "path_param",
    "reconcile",
    "wait",
    "wait_all",
    "watch",
]


def __getattr__(name: str) -> Any:
    # What the core loads on first use (pagination, watchers), loaded here the same way.
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

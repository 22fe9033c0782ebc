"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._auth import ApiKeyAuth, ApiVersion, Auth, BearerAuth
from ._bodies import FileBody
from ._client import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    RETRY_COUNT_HEADER,
    AsyncApiClient,
    NotGiven,
    TimeoutTypes,
    Transport,
)
from ._error_mapping import error_from_response
from ._events import (
    ClientHooks,
    PollEvent,
    QueueEvent,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    WaitEndEvent,
)
from ._lifecycle import AsyncResource
from ._options import RequestOptions
from ._parse import parse_json, parse_model
from ._paths import path_param
from ._policies import ConcurrencyPolicy, PollPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
from ._reconcile import NOT_APPLIED, NotApplied, outcome_unknown, reconcile
from ._stats import ClientStats
from ._validation import check_identifier, check_json_size, check_known, check_range

if TYPE_CHECKING:
    from ._endpoints import EndpointRequest, page_fetcher
    from ._operations import OperationHandle, OperationRules, OperationSource
    from ._pagination import (
        AsyncPager,
        Fetch,
        Page,
        PageNumberPagination,
        Strategy,
        TokenPagination,
    )
    from ._watch import wait, wait_all, watch

# Loaded on first use: resources need them when a client builds them, and a facade's
# import then stays cheap (pagination and watchers are most of the core's import cost).
_LAZY = {
    "EndpointRequest": "._endpoints",
    "page_fetcher": "._endpoints",
    "OperationHandle": "._operations",
    "OperationRules": "._operations",
    "OperationSource": "._operations",
    "AsyncPager": "._pagination",
    "Fetch": "._pagination",
    "Page": "._pagination",
    "PageNumberPagination": "._pagination",
    "Strategy": "._pagination",
    "TokenPagination": "._pagination",
    "wait": "._watch",
    "wait_all": "._watch",
    "watch": "._watch",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_APPLIED",
    "NOT_GIVEN",
    "RETRY_COUNT_HEADER",
    "ApiKeyAuth",
    "ApiVersion",
    "AsyncApiClient",
    "AsyncPager",
    "AsyncResource",
    "Auth",
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
    "check_identifier",
    "check_json_size",
    "check_known",
    "check_range",
    "error_from_response",
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

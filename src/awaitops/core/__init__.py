"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

from typing import TYPE_CHECKING

from ._auth import ApiKeyAuth, ApiVersion, Auth, BearerAuth
from ._bodies import FileBody, FileSource, opened_file
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
from ._facade import ClientOptions, VendorClient, api_client, credential, setting
from ._lazy import lazy_exports
from ._lifecycle import AsyncResource
from ._listing import Listing, ListOptions, PageListOptions, TokenListOptions
from ._options import RequestOptions
from ._parse import parse_json, parse_model
from ._paths import path_param
from ._policies import ConcurrencyPolicy, PollPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
from ._reconcile import NOT_APPLIED, NotApplied, outcome_unknown, reconcile
from ._stats import ClientStats
from ._validation import check_identifier, check_json_size, check_known, check_range

if TYPE_CHECKING:
    from ._endpoints import EndpointRequest, page_fetcher
    from ._operations import (
        OperationHandle,
        OperationRules,
        OperationSource,
        OperationsResource,
    )
    from ._pagination import (
        AsyncPager,
        Fetch,
        Page,
        PageNumberPagination,
        Strategy,
        TokenPagination,
    )
    from ._snapshot import OperationSnapshot, Snapshot
    from ._watch import wait, wait_all, watch

# Loaded on first use: resources need them when a client builds them, and a facade's
# import then stays cheap (pagination and watchers are most of the core's import cost).
_LAZY = {
    "OperationSnapshot": "._snapshot",
    "Snapshot": "._snapshot",
    "EndpointRequest": "._endpoints",
    "page_fetcher": "._endpoints",
    "OperationHandle": "._operations",
    "OperationRules": "._operations",
    "OperationSource": "._operations",
    "OperationsResource": "._operations",
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

__getattr__ = lazy_exports(__name__, _LAZY)


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
    "ClientOptions",
    "ClientStats",
    "ConcurrencyPolicy",
    "EndpointRequest",
    "Fetch",
    "FileBody",
    "FileSource",
    "ListOptions",
    "Listing",
    "NotApplied",
    "NotGiven",
    "OperationHandle",
    "OperationRules",
    "OperationSnapshot",
    "OperationSource",
    "OperationsResource",
    "Page",
    "PageListOptions",
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
    "Snapshot",
    "Strategy",
    "TimeoutTypes",
    "TokenListOptions",
    "TokenPagination",
    "Transport",
    "VendorClient",
    "WaitEndEvent",
    "api_client",
    "check_identifier",
    "check_json_size",
    "check_known",
    "check_range",
    "credential",
    "error_from_response",
    "lazy_exports",
    "opened_file",
    "outcome_unknown",
    "page_fetcher",
    "parse_json",
    "parse_model",
    "path_param",
    "reconcile",
    "setting",
    "wait",
    "wait_all",
    "watch",
]

"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

if TYPE_CHECKING:
    from ._auth import ApiKeyAuth, ApiVersion, Auth, BearerAuth
    from ._bodies import FileBody, FileSource, opened_file
    from ._client import (
        DEFAULT_TIMEOUT,
        RETRY_COUNT_HEADER,
        AsyncApiClient,
        api_client,
    )
    from ._download import DownloadProgress
    from ._endpoints import EndpointRequest
    from ._error_mapping import ErrorClassifier, error_from_response
    from ._events import (
        PollEvent,
        QueueEvent,
        RequestEvent,
        ResponseEvent,
        RetryEvent,
        WaitEndEvent,
    )
    from ._facade import ClientOptions, VendorClient, credential, setting
    from ._hooks import ClientHooks
    from ._lifecycle import AsyncResource
    from ._listing import Listing, ListOptions, PageListOptions, TokenListOptions
    from ._loops import PerLoop
    from ._operations import OperationHandle, OperationRules, OperationSource, OperationsResource
    from ._options import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes, Transport
    from ._pagination import (
        AsyncPager,
        Fetch,
        Page,
        PageNumberPagination,
        Strategy,
        TokenPagination,
        page_fetcher,
    )
    from ._parse import parse_json, parse_model
    from ._paths import path_param
    from ._policies import ConcurrencyPolicy, PollPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
    from ._reconcile import (
        NOT_APPLIED,
        NotApplied,
        outcome_unknown,
        reconcile,
        reconcile_call,
        split_change_options,
    )
    from ._shared_rate import RedisRateStore
    from ._snapshot import OperationSnapshot, Snapshot
    from ._stats import ClientStats
    from ._unexpected import check_options
    from ._validation import (
        check_choice,
        check_identifier,
        check_json_size,
        check_known,
        check_range,
    )
    from ._watch import wait, wait_all, watch, watch_all

# Every name loads with its module on first use: importing a facade loads what its classes
# need, building a client what its resources need (pagination and watchers among them),
# and events and tracing load only once something listens.
_MODULES = {
    "._auth": ("ApiKeyAuth", "ApiVersion", "Auth", "BearerAuth"),
    "._bodies": ("FileBody", "FileSource", "opened_file"),
    "._client": (
        "DEFAULT_TIMEOUT",
        "RETRY_COUNT_HEADER",
        "AsyncApiClient",
        "api_client",
    ),
    "._download": ("DownloadProgress",),
    "._endpoints": ("EndpointRequest",),
    "._error_mapping": ("ErrorClassifier", "error_from_response"),
    "._events": (
        "PollEvent",
        "QueueEvent",
        "RequestEvent",
        "ResponseEvent",
        "RetryEvent",
        "WaitEndEvent",
    ),
    "._facade": ("ClientOptions", "VendorClient", "credential", "setting"),
    "._hooks": ("ClientHooks",),
    "._lifecycle": ("AsyncResource",),
    "._listing": ("Listing", "ListOptions", "PageListOptions", "TokenListOptions"),
    "._loops": ("PerLoop",),
    "._operations": ("OperationHandle", "OperationRules", "OperationSource", "OperationsResource"),
    "._options": ("NOT_GIVEN", "NotGiven", "RequestOptions", "TimeoutTypes", "Transport"),
    "._pagination": (
        "AsyncPager",
        "Fetch",
        "Page",
        "PageNumberPagination",
        "Strategy",
        "TokenPagination",
        "page_fetcher",
    ),
    "._parse": ("parse_json", "parse_model"),
    "._paths": ("path_param",),
    "._policies": (
        "ConcurrencyPolicy",
        "PollPolicy",
        "RateLimitPolicy",
        "RetryBudget",
        "RetryPolicy",
    ),
    "._shared_rate": ("RedisRateStore",),
    "._reconcile": (
        "NOT_APPLIED",
        "NotApplied",
        "outcome_unknown",
        "reconcile",
        "reconcile_call",
        "split_change_options",
    ),
    "._snapshot": ("OperationSnapshot", "Snapshot"),
    "._stats": ("ClientStats",),
    "._unexpected": ("check_options",),
    "._validation": (
        "check_choice",
        "check_identifier",
        "check_json_size",
        "check_known",
        "check_range",
    ),
    "._watch": ("wait", "wait_all", "watch", "watch_all"),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}

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
    "DownloadProgress",
    "EndpointRequest",
    "ErrorClassifier",
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
    "PerLoop",
    "PollEvent",
    "PollPolicy",
    "QueueEvent",
    "RateLimitPolicy",
    "RedisRateStore",
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
    "check_choice",
    "check_identifier",
    "check_json_size",
    "check_known",
    "check_options",
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
    "reconcile_call",
    "setting",
    "split_change_options",
    "wait",
    "wait_all",
    "watch",
    "watch_all",
]

"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

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
from ._endpoints import page_fetcher
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
from ._operations import OperationHandle, OperationRules, OperationSource
from ._options import RequestOptions
from ._pagination import (
    AsyncPager,
    Fetch,
    Page,
    PageNumberPagination,
    Strategy,
    TokenPagination,
)
from ._parse import parse_json, parse_model
from ._paths import path_param
from ._policies import ConcurrencyPolicy, PollPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
from ._reconcile import NOT_APPLIED, NotApplied, outcome_unknown, reconcile
from ._stats import ClientStats
from ._validation import check_identifier, check_json_size, check_known, check_range
from ._watch import wait, wait_all, watch

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

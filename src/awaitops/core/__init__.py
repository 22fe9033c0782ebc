"""The vendor-neutral core: HTTP pipeline, retries, pagination and watchers."""

from ._auth import ApiKeyAuth, ApiVersion, Auth, BearerAuth
from ._client import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    RETRY_COUNT_HEADER,
    AsyncApiClient,
    ClientStats,
    NotGiven,
)
from ._error_mapping import error_from_response
from ._parse import parse_json, parse_model
from ._paths import path_param
from ._policies import PollPolicy, RetryPolicy

__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "RETRY_COUNT_HEADER",
    "ApiKeyAuth",
    "ApiVersion",
    "AsyncApiClient",
    "Auth",
    "BearerAuth",
    "ClientStats",
    "NotGiven",
    "PollPolicy",
    "RetryPolicy",
    "error_from_response",
    "parse_json",
    "parse_model",
    "path_param",
]

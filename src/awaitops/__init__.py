"""awaitops: start async work on remote APIs, follow it to the end, page through the results."""

from ._version import __version__
from .core import (
    NOT_GIVEN,
    ApiKeyAuth,
    ApiVersion,
    AsyncApiClient,
    BearerAuth,
    ClientStats,
    PollPolicy,
    RetryPolicy,
    parse_json,
    parse_model,
    path_param,
)

__all__ = [
    "NOT_GIVEN",
    "ApiKeyAuth",
    "ApiVersion",
    "AsyncApiClient",
    "BearerAuth",
    "ClientStats",
    "PollPolicy",
    "RetryPolicy",
    "__version__",
    "parse_json",
    "parse_model",
    "path_param",
]

"""Per-call options every public SDK method accepts and passes down to the HTTP core."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import httpx


class RequestOptions(TypedDict, total=False):
    """``timeout`` per HTTP request; ``deadline`` across all attempts of one call;
    ``extra_headers`` override every other header; ``max_retries`` overrides the policy."""

    timeout: float | httpx.Timeout | None
    extra_headers: Mapping[str, str] | None
    max_retries: int | None
    deadline: float | None

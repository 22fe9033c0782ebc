"""Glue between generated endpoint functions and the core: pages fetched through a client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from ._pagination import Fetch
from ._parse import parse_json

Send = Callable[[Mapping[str, Any]], Awaitable[httpx.Response]]
"""Sends a generated endpoint's request kwargs, e.g. ``partial(client.send, timeout=5)``."""


def page_fetcher(send: Send, request_kwargs: Mapping[str, Any]) -> Fetch:
    """A pager's ``fetch``: the generated request, with the pager's page parameters added."""
    base_params = dict(request_kwargs.get("params") or {})

    async def fetch(params: dict[str, Any]) -> Any:
        return parse_json(await send({**request_kwargs, "params": {**base_params, **params}}))

    return fetch

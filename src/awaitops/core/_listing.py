"""A list endpoint's paging, declared once: the pager every list method of it returns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any, TypeVar, Unpack

import attrs
import httpx

from ._endpoints import page_fetcher
from ._options import RequestOptions
from ._pagination import AsyncPager, Strategy
from ._validation import check_range

T = TypeVar("T")


class ListOptions(RequestOptions, total=False):
    """What every list method takes besides its filters: the paging knobs of
    :class:`AsyncPager` and the per-call :class:`RequestOptions`."""

    page_size: int | None
    max_items: int | None
    prefetch: int


class TokenListOptions(ListOptions, total=False):
    """:class:`ListOptions` of a token-paged list: resume from ``start_token``."""

    start_token: str | None


class PageListOptions(ListOptions, total=False):
    """:class:`ListOptions` of a page-numbered list: resume from ``start_page``."""

    start_page: int | None


class _AnyListOptions(TokenListOptions, PageListOptions, total=False):
    pass


_PAGING = ("page_size", "max_items", "start_token", "start_page", "prefetch")


@attrs.frozen
class Listing:
    """How one list endpoint pages (``strategy``) and the largest page it serves
    (``max_page_size``, checked before any request)."""

    strategy: Strategy
    max_page_size: int

    def pager(
        self,
        send: Callable[..., Awaitable[httpx.Response]],
        request: Mapping[str, Any],
        parse_item: Callable[[Any], T],
        **options: Unpack[_AnyListOptions],
    ) -> AsyncPager[T]:
        """The pager over ``request`` (a generated endpoint's request) sent with ``send``
        (which takes the request options), each item read by ``parse_item``."""
        per_call: dict[str, Any] = dict(options)
        paging = {name: per_call.pop(name) for name in _PAGING if name in per_call}
        check_range(paging.get("page_size"), "page_size", 1, self.max_page_size)
        fetch = page_fetcher(partial(send, **per_call), request)
        return AsyncPager(fetch, self.strategy, parse_item, **paging)

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
        *,
        page_size: int | None = None,
        max_items: int | None = None,
        start_token: str | None = None,
        start_page: int | None = None,
        prefetch: int = 0,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[T]:
        """The pager over ``request`` (a generated endpoint's request) sent with ``send``
        (which takes ``options``), each item read by ``parse_item``."""
        check_range(page_size, "page_size", 1, self.max_page_size)
        return AsyncPager(
            page_fetcher(partial(send, **options), request),
            self.strategy,
            parse_item,
            page_size=page_size,
            max_items=max_items,
            start_token=start_token,
            start_page=start_page,
            prefetch=prefetch,
        )

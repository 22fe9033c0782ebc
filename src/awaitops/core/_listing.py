"""A list endpoint's paging, declared once: the pager every list method of it returns.

A vendor states its listings in a module that its CLI and its client import, so this one
stays light: the pagination machinery loads when the first pager is made.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

import httpx

from ._options import RequestOptions
from ._unexpected import check_options
from ._validation import check_range

if TYPE_CHECKING:
    from ._pagination import AsyncPager, Fetch, Strategy

T = TypeVar("T")


class ListOptions(RequestOptions, total=False):
    """What every list method takes besides its filters: the paging knobs of
    :class:`AsyncPager` and the per-call :class:`RequestOptions`."""

    page_size: int | None
    max_items: int | None
    prefetch: int
    max_pages: int | None


class TokenListOptions(ListOptions, total=False):
    """:class:`ListOptions` of a token-paged list: resume from ``start_token``."""

    start_token: str | None


class PageListOptions(ListOptions, total=False):
    """:class:`ListOptions` of a page-numbered list: resume from ``start_page``."""

    start_page: int | None


class _AnyListOptions(TokenListOptions, PageListOptions, total=False):
    pass


_PAGING = frozenset(
    ("page_size", "max_items", "start_token", "start_page", "prefetch", "max_pages")
)


class Listing:
    """How one list endpoint pages, in the API's own names, and the largest page it serves
    (``max_page_size``, checked before any request).

    Made with :meth:`token` (the fields of :class:`TokenPagination`) or :meth:`numbered`
    (those of :class:`PageNumberPagination`); the strategy is built on first use.
    """

    __slots__ = ("_facts", "_kind", "_strategy", "max_page_size")

    def __init__(self, kind: str, max_page_size: int, facts: dict[str, Any]) -> None:
        self._kind = kind
        self._facts = facts
        self._strategy: Strategy | None = None
        self.max_page_size = max_page_size

    @classmethod
    def token(cls, *, max_page_size: int, **facts: Any) -> Listing:
        """A token-paged list; ``facts`` are :class:`TokenPagination`'s fields."""
        return cls("token", max_page_size, facts)

    @classmethod
    def numbered(cls, *, max_page_size: int, **facts: Any) -> Listing:
        """A page-numbered list; ``facts`` are :class:`PageNumberPagination`'s fields."""
        return cls("numbered", max_page_size, facts)

    def __repr__(self) -> str:
        return f"Listing.{self._kind}(max_page_size={self.max_page_size}, {self._facts!r})"

    @property
    def strategy(self) -> Strategy:
        if self._strategy is None:
            from ._pagination import PageNumberPagination, TokenPagination

            kind = TokenPagination if self._kind == "token" else PageNumberPagination
            self._strategy = kind(**self._facts)
        return self._strategy

    def pager(
        self,
        send: Callable[..., Awaitable[httpx.Response]],
        request: Any,
        parse_item: Callable[[Any], T],
        **options: Unpack[_AnyListOptions],
    ) -> AsyncPager[T]:
        """The pager over ``request`` (a generated endpoint's request) sent with ``send``
        (which takes the request options), each item read by ``parse_item``."""
        pager_class, page_fetcher = _TOOLS or _load_tools()
        paging: Mapping[str, Any] = options
        if not _PAGING.issuperset(options):  # request options too: they go to every send
            # Now, not at the first page: the method called would be long gone by then.
            check_options(options, *_PAGING)
            per_call: dict[str, Any] = dict(options)
            paging = {name: per_call.pop(name) for name in _PAGING if name in per_call}
            send = partial(send, **per_call)
        check_range(paging.get("page_size"), "page_size", 1, self.max_page_size)
        fetch = page_fetcher(send, request)
        pager: AsyncPager[T] = pager_class(fetch, self.strategy, parse_item, **paging)
        return pager


# AsyncPager and page_fetcher, imported with the first pager (the resources that make
# pagers load them as they are built; an import statement in pager() would cost each call
# a few microseconds).
_TOOLS: tuple[type[AsyncPager[Any]], Callable[[Any, Any], Fetch]] | None = None


def _load_tools() -> tuple[type[AsyncPager[Any]], Callable[[Any, Any], Fetch]]:
    global _TOOLS
    from ._pagination import AsyncPager, page_fetcher

    _TOOLS = AsyncPager, page_fetcher
    return _TOOLS

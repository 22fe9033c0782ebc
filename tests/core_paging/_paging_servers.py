"""In-memory paginated servers for the pager tests."""

from __future__ import annotations

from typing import Any

import anyio

from awaitops import PageNumberPagination, TokenPagination


def token_pagination(**overrides: Any) -> TokenPagination:
    """How :class:`TokenServer` pages (as Pinecone does): the core has no default of its own."""
    names: dict[str, Any] = {
        "token_param": "pagination_token",
        "size_param": "limit",
        "items_path": ("operations",),
        "next_path": ("pagination", "next"),
    }
    return TokenPagination(**{**names, **overrides})


def page_pagination(**overrides: Any) -> PageNumberPagination:
    """How :class:`PageServer` pages (as Chainloop does)."""
    names: dict[str, Any] = {
        "page_param": "pagination.page",
        "size_param": "pagination.page_size",
        "items_path": ("operations",),
        "page_path": ("pagination", "page"),
        "total_pages_path": ("pagination", "total_pages"),
        "total_count_path": ("pagination", "total_count"),
    }
    return PageNumberPagination(**{**names, **overrides})


class TokenServer:
    """Serves ``items`` in pages of ``limit`` with opaque tokens; records each request."""

    def __init__(
        self,
        items: list[Any],
        *,
        token_param: str = "pagination_token",
        items_key: str = "operations",
        last: str = "null-next",
    ) -> None:
        self.items = items
        self.token_param = token_param
        self.items_key = items_key
        self.last = last
        self.requests: list[dict[str, Any]] = []

    async def fetch(self, params: dict[str, Any]) -> Any:
        self.requests.append(dict(params))
        await anyio.lowlevel.checkpoint()
        token = params.get(self.token_param)
        offset = int(token.removeprefix("tok-")) if token else 0
        limit = params.get("limit", 3)
        chunk = self.items[offset : offset + limit]
        end = offset + limit
        body: dict[str, Any] = {self.items_key: chunk}
        if end < len(self.items):
            body["pagination"] = {"next": f"tok-{end}"}
        elif self.last == "null-next":
            body["pagination"] = {"next": None}
        elif self.last == "null-pagination":
            body["pagination"] = None
        return body


class PageServer:
    """Chainloop-like page-number server counting pages from ``base``."""

    def __init__(
        self,
        items: list[Any],
        *,
        base: int,
        report_page: bool = True,
        totals: bool = True,
        clamp_low: bool = False,
    ) -> None:
        self.items = items
        self.base = base
        self.report_page = report_page
        self.totals = totals
        self.clamp_low = clamp_low
        self.requests: list[dict[str, Any]] = []

    async def fetch(self, params: dict[str, Any]) -> Any:
        self.requests.append(dict(params))
        await anyio.lowlevel.checkpoint()
        size = params.get("pagination.page_size", 3)
        page = params.get("pagination.page", self.base)
        if page < self.base:
            if not self.clamp_low:
                raise AssertionError(f"page {page} is below the server's first page")
            page = self.base
        index = page - self.base
        pagination: dict[str, Any] = {"page_size": size}
        if self.report_page:
            pagination["page"] = page
        if self.totals:
            pagination["total_count"] = str(len(self.items))  # int64 as protobuf JSON does
            pagination["total_pages"] = -(-len(self.items) // size)
        return {
            "operations": self.items[index * size : (index + 1) * size],
            "pagination": pagination,
        }

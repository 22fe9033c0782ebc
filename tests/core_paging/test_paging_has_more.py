"""A token walk whose end the server states in a flag (``has_more: false``) while it still
fills its cursor: the pager stops there, with no request past the last page."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from awaitops import AsyncPager, Listing, TokenPagination
from awaitops.errors import ResponseValidationError

CURSOR = TokenPagination(
    token_param="after",
    size_param="limit",
    items_path=("data",),
    next_path=("last_id",),
    has_more_path=("has_more",),
)


class CursorServer:
    """``{"data", "first_id", "last_id", "has_more"}`` pages over ``items``, as batch APIs
    answer: ``last_id`` is filled on every page, the last one included."""

    def __init__(self, items: list[str], *, more: Any = None) -> None:
        self.items = items
        self.more = more
        self.requests: list[dict[str, Any]] = []

    async def fetch(self, params: dict[str, Any]) -> Any:
        self.requests.append(dict(params))
        await anyio.lowlevel.checkpoint()
        start = self.items.index(params["after"]) + 1 if "after" in params else 0
        page = self.items[start : start + params["limit"]]
        has_more = start + len(page) < len(self.items)
        return {
            "object": "list",
            "data": page,
            "first_id": page[0] if page else None,
            "last_id": page[-1] if page else None,
            "has_more": has_more if self.more is None else self.more,
        }


@pytest.mark.anyio
async def test_a_false_flag_ends_the_walk_without_another_request() -> None:
    server = CursorServer([f"batch_{n}" for n in range(5)])
    pager = AsyncPager(server.fetch, CURSOR, str, page_size=2)
    with anyio.fail_after(5):
        items = await pager.collect()
    assert items == [f"batch_{n}" for n in range(5)]
    # Three pages, three requests: the last page's filled last_id is not followed.
    assert server.requests == [
        {"limit": 2},
        {"limit": 2, "after": "batch_1"},
        {"limit": 2, "after": "batch_3"},
    ]
    assert pager.exhausted
    assert pager.next_token is None


@pytest.mark.anyio
async def test_a_listing_states_the_flag_and_exact_pages_cost_no_extra_request() -> None:
    listing = Listing.token(
        max_page_size=100,
        token_param="after",
        size_param="limit",
        items_path=("data",),
        next_path=("last_id",),
        has_more_path=("has_more",),
    )
    server = CursorServer([f"b{n}" for n in range(4)])
    pager = AsyncPager(server.fetch, listing.strategy, str, page_size=2)
    with anyio.fail_after(5):
        pages = [page async for page in pager.pages()]
    assert [list(page.items) for page in pages] == [["b0", "b1"], ["b2", "b3"]]
    assert [page.next_token for page in pages] == ["b1", None]
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_without_the_flag_a_missing_token_still_ends_the_walk() -> None:
    server = CursorServer(["a", "b", "c"])

    async def no_flag(params: dict[str, Any]) -> Any:
        body = await server.fetch(params)
        del body["has_more"]
        if body["data"][-1:] == ["c"]:
            body["last_id"] = None
        return body

    pager = AsyncPager(no_flag, CURSOR, str, page_size=2)
    with anyio.fail_after(5):
        assert await pager.collect() == ["a", "b", "c"]
    assert len(server.requests) == 2


@pytest.mark.anyio
@pytest.mark.parametrize("flag", ["false", 0, [], {"more": False}])
async def test_a_flag_that_is_not_a_boolean_is_a_malformed_answer(flag: Any) -> None:
    server = CursorServer(["a", "b"], more=flag)
    pager = AsyncPager(server.fetch, CURSOR, str, page_size=1)
    with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="has_more"):
        await pager.collect()


def test_the_flag_path_is_a_sequence_of_keys() -> None:
    with pytest.raises(TypeError, match="sequence of keys"):
        TokenPagination(
            token_param="after",
            size_param="limit",
            items_path=("data",),
            next_path=("last_id",),
            has_more_path="has_more",
        )

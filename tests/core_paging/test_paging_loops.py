"""A server that loops its pages is caught, and catching it keeps no memory per page: a
walk's memory stays flat however long it is (BENCHMARKS.md section 4's memory row)."""

from __future__ import annotations

import tracemalloc
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from awaitops import AsyncPager
from awaitops.errors import PaginationLoopError

from ._paging_servers import page_pagination, token_pagination


def _tokens(prefix: int, cycle: int) -> Any:
    """A fetch whose tokens run ``t0 .. t{prefix-1}`` and then go round a cycle of
    ``cycle`` tokens for ever; it counts the pages asked for."""
    asked = [0]

    async def fetch(params: dict[str, Any]) -> Any:
        n = asked[0]
        asked[0] += 1
        following = n + 1 if n + 1 < prefix + cycle else prefix + (n + 1 - prefix) % cycle
        return {"operations": [n], "pagination": {"next": f"t{following}"}}

    return fetch, asked


@given(prefix=st.integers(0, 400), cycle=st.integers(1, 400))
def test_a_token_loop_of_any_length_is_caught_soon_after_it_starts(prefix: int, cycle: int) -> None:
    fetch, asked = _tokens(prefix, cycle)

    async def walk() -> None:
        with anyio.fail_after(30), pytest.raises(PaginationLoopError, match="page token"):
            await AsyncPager(fetch, token_pagination(), lambda item: item).collect()

    anyio.run(walk)
    # A loop of up to 128 tokens is caught at its first repeat; a longer one within about
    # twice its length more.
    # (The page answering the first repeated token is page prefix + cycle + 1.)
    first_repeat = prefix + cycle + 1
    assert asked[0] <= (first_repeat if cycle <= 128 else 2 * first_repeat + cycle)


@pytest.mark.anyio
async def test_distinct_tokens_are_never_taken_for_a_loop_and_memory_stays_flat() -> None:
    async def fetch(params: dict[str, Any]) -> Any:
        # Tokens as long as the service's: remembering each would show.
        n = int(params.get("pagination_token", "0-").split("-")[0])
        after = {"next": f"{n + 1}-{'x' * 60}"} if n < 19_999 else {}
        return {"operations": [n], "pagination": after}

    async def pages(total_pages: int) -> int:
        """Peak bytes of walking ``total_pages`` pages, beyond what was live before."""
        tracemalloc.start()
        try:
            before, _ = tracemalloc.get_traced_memory()
            count = 0
            pager = AsyncPager(fetch, token_pagination(), lambda item: item, max_pages=None)
            async for _ in pager.pages():
                count += 1
                if count == total_pages:
                    break
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert count == total_pages
        return peak - before

    with anyio.fail_after(60):
        short, long = await pages(500), await pages(20_000)
    # Remembering every token would add some 100 bytes a page: about 2 MB here.
    assert long < short + 200_000


@pytest.mark.anyio
async def test_a_page_number_going_back_is_a_loop() -> None:
    bodies = [{"operations": [n], "pagination": {"page": page}} for n, page in enumerate((1, 2, 1))]

    async def fetch(params: dict[str, Any]) -> Any:
        return bodies.pop(0)

    with anyio.fail_after(5), pytest.raises(PaginationLoopError, match="page 1 after page 2"):
        await AsyncPager(fetch, page_pagination(), lambda item: item).collect()

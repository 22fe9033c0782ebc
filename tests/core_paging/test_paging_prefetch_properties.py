"""Prefetching, cancellation, and the exactly-once / requests = pages-needed properties."""

from __future__ import annotations

import math
from typing import Any

import anyio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awaitops import AsyncPager, PageNumberPagination, TokenPagination
from awaitops.errors import ResponseValidationError

from ._paging_servers import PageServer, TokenServer, page_pagination, token_pagination


def ident(item: Any) -> Any:
    return item


class GatedServer(TokenServer):
    """A token server whose fetch of ``gated_offset`` blocks until cancelled."""

    def __init__(self, items: list[Any], gated_offset: int) -> None:
        super().__init__(items)
        self.gated = f"tok-{gated_offset}"
        self.gate_reached = anyio.Event()
        self.gate_cancelled = False

    async def fetch(self, params: dict[str, Any]) -> Any:
        if params.get("pagination_token") == self.gated:
            self.gate_reached.set()
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                self.gate_cancelled = True
                raise
        return await super().fetch(params)


@pytest.mark.anyio
async def test_prefetch_fetches_the_next_page_while_the_caller_works() -> None:
    server = GatedServer(list(range(9)), gated_offset=3)
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=3, prefetch=1)
    with anyio.fail_after(5):
        async with pager:
            async for page in pager.pages():
                # The caller has not asked for page 2, yet its request is already out.
                await server.gate_reached.wait()
                assert list(page.items) == [0, 1, 2]
                break
    assert server.gate_cancelled


@pytest.mark.anyio
@pytest.mark.parametrize("prefetch", [1, 2])
async def test_prefetch_stays_bounded(prefetch: int) -> None:
    server = TokenServer(list(range(30)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=3, prefetch=prefetch)
    with anyio.fail_after(5):
        async with pager:
            pages = pager.pages()
            await pages.__anext__()
            for _ in range(50):
                await anyio.lowlevel.checkpoint()
            # One page in the caller's hands, `prefetch` fetched ahead, none beyond.
            assert len(server.requests) == 1 + prefetch
    assert pager.next_token == "tok-3"


@pytest.mark.anyio
async def test_prefetch_early_break_cancels_the_request_in_flight() -> None:
    server = GatedServer(list(range(30)), gated_offset=6)
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=3, prefetch=2)
    seen: list[int] = []
    with anyio.fail_after(5):
        async with pager:
            async for item in pager:
                seen.append(item)
                if item == 1:
                    await server.gate_reached.wait()
                    break
    assert seen == [0, 1]
    assert server.gate_cancelled
    # Resuming repeats the page the loop left early rather than skip its rest.
    assert pager.next_token is None
    assert not pager.exhausted


@pytest.mark.anyio
async def test_cancelling_the_caller_stops_the_prefetch() -> None:
    server = GatedServer(list(range(30)), gated_offset=0)
    pager = AsyncPager(
        server.fetch, token_pagination(), ident, page_size=3, prefetch=1, start_token="tok-0"
    )
    with anyio.fail_after(5):
        with anyio.move_on_after(0.05) as scope:
            async with pager:
                await pager.collect()
        assert scope.cancelled_caught
    assert server.gate_cancelled


@pytest.mark.anyio
async def test_prefetch_hands_errors_to_the_caller_after_the_good_pages() -> None:
    bodies = [
        {"operations": [1, 2], "pagination": {"next": "a"}},
        {"operations": "oops", "pagination": None},
    ]

    async def fetch(params: dict[str, Any]) -> Any:
        return bodies.pop(0)

    pager = AsyncPager(fetch, token_pagination(), ident, prefetch=1)
    seen: list[int] = []

    async def consume() -> None:
        async with pager:
            async for item in pager:
                seen.append(item)

    with anyio.fail_after(5), pytest.raises(ResponseValidationError):
        await consume()
    assert seen == [1, 2]


@pytest.mark.anyio
async def test_prefetch_needs_the_async_with_scope_except_for_collect() -> None:
    server = TokenServer(list(range(7)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=2, prefetch=1)
    with pytest.raises(RuntimeError, match="async with pager"):
        pager.pages()
    with anyio.fail_after(5):
        assert await pager.collect() == list(range(7))
        async with pager:
            with pytest.raises(RuntimeError, match="already open"):
                await pager.__aenter__()


stops = st.one_of(
    st.none(),
    st.tuples(st.just("max_items"), st.integers(1, 45)),
    st.tuples(st.just("break"), st.integers(1, 45)),
)


@pytest.mark.anyio
@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(0, 40),
    page_size=st.integers(1, 7),
    base=st.sampled_from([0, 1]),
    kind=st.sampled_from(["token", "page"]),
    stop=stops,
    prefetch=st.sampled_from([0, 1]),
)
async def test_every_item_once_in_order_and_requests_equal_pages_needed(
    count: int,
    page_size: int,
    base: int,
    kind: str,
    stop: tuple[str, int] | None,
    prefetch: int,
) -> None:
    items = [f"item-{i}" for i in range(count)]
    server: TokenServer | PageServer
    if kind == "token":
        server = TokenServer(items)
        strategy: TokenPagination | PageNumberPagination = token_pagination()
    else:
        server = PageServer(items, base=base)
        strategy = page_pagination()
    max_items = stop[1] if stop is not None and stop[0] == "max_items" else None
    break_after = stop[1] if stop is not None and stop[0] == "break" else None
    pager = AsyncPager(
        server.fetch,
        strategy,
        ident,
        page_size=page_size,
        max_items=max_items,
        prefetch=prefetch,
    )

    seen: list[str] = []
    with anyio.fail_after(5):
        async with pager:
            async for item in pager:
                seen.append(item)
                if len(seen) == break_after:
                    break

    wanted = min(count, max_items or count, break_after or count)
    assert seen == items[:wanted]
    pages_needed = max(1, math.ceil(wanted / page_size))
    if prefetch and break_after is not None and break_after < count:
        # Pages fetched ahead for a caller that then stopped: at most `prefetch` more.
        total_pages = max(1, math.ceil(count / page_size))
        assert pages_needed <= len(server.requests) <= min(pages_needed + 1, total_pages)
    else:
        assert len(server.requests) == pages_needed
    assert all(request.get("limit", page_size) == page_size for request in server.requests)


@pytest.mark.anyio
@settings(max_examples=60, deadline=None)
@given(count=st.integers(1, 30), page_size=st.integers(1, 7), data=st.data())
async def test_a_walk_left_mid_page_resumes_at_that_page_and_skips_nothing(
    count: int, page_size: int, data: st.DataObject
) -> None:
    items = [f"item-{i}" for i in range(count)]
    server = TokenServer(items)
    taken = data.draw(st.integers(1, count), label="taken")
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=page_size)
    seen: list[str] = []
    with anyio.fail_after(5):
        async for item in pager:
            seen.append(item)
            if len(seen) == taken:
                break
    assert seen == items[:taken]
    # Past a page only once its last item was handed out: else that page is read again.
    page_start = (taken - 1) // page_size * page_size
    resume_at = taken if taken == min(page_start + page_size, count) else page_start
    assert pager.exhausted == (resume_at >= count)
    if resume_at < count:
        assert pager.next_token == (f"tok-{resume_at}" if resume_at else None)
        again = AsyncPager(
            server.fetch,
            token_pagination(),
            ident,
            page_size=page_size,
            start_token=pager.next_token,
        )
        with anyio.fail_after(5):
            assert await again.collect() == items[resume_at:]

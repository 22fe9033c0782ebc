"""AsyncPager with both strategies against scripted in-memory servers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
import pytest

from awaitops import AsyncPager, Page
from awaitops.errors import PaginationLoopError, ResponseValidationError

from ._paging_servers import PageServer, TokenServer, page_pagination, token_pagination


def scripted(*bodies: Any) -> tuple[Callable[[dict[str, Any]], Any], list[dict[str, Any]]]:
    """A fetch answering ``bodies`` in order, and the list of params it was called with."""
    answers = list(bodies)
    calls: list[dict[str, Any]] = []

    async def fetch(params: dict[str, Any]) -> Any:
        calls.append(dict(params))
        return answers.pop(0)

    return fetch, calls


def ident(item: Any) -> Any:
    return item


@pytest.mark.anyio
@pytest.mark.parametrize("last", ["null-next", "null-pagination", "missing-pagination"])
async def test_token_pager_yields_all_items_and_sends_page_size(last: str) -> None:
    server = TokenServer(list(range(10)), last=last)
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=4)
    with anyio.fail_after(5):
        items = [item async for item in pager]
    assert items == list(range(10))
    assert server.requests == [
        {"limit": 4},
        {"limit": 4, "pagination_token": "tok-4"},
        {"limit": 4, "pagination_token": "tok-8"},
    ]
    assert pager.exhausted
    assert pager.next_token is None


@pytest.mark.anyio
async def test_token_pager_camel_case_param_and_custom_items_path() -> None:
    server = TokenServer(list(range(5)), token_param="paginationToken", items_key="data")
    strategy = token_pagination(token_param="paginationToken", items_path=("data",))
    pager = AsyncPager(server.fetch, strategy, ident, page_size=2)
    with anyio.fail_after(5):
        assert await pager.collect() == [0, 1, 2, 3, 4]
    assert server.requests[1] == {"limit": 2, "paginationToken": "tok-2"}


@pytest.mark.anyio
async def test_empty_page_with_next_token_keeps_going() -> None:
    fetch, calls = scripted(
        {"operations": [], "pagination": {"next": "a"}},
        {"operations": [], "pagination": {"next": "b"}},
        {"operations": [1], "pagination": None},
    )
    with anyio.fail_after(5):
        assert await AsyncPager(fetch, token_pagination(), ident).collect() == [1]
    assert len(calls) == 3


@pytest.mark.anyio
async def test_size_on_first_request_only_sends_the_size_once() -> None:
    server = TokenServer(list(range(10)))
    strategy = token_pagination(size_on_first_request_only=True)
    pager = AsyncPager(server.fetch, strategy, ident, page_size=4)
    with anyio.fail_after(5):
        assert await pager.collect(max_items=6) == list(range(6))
    # The server's tokens keep the size: without a limit it pages by its default of 3.
    assert server.requests == [{"limit": 4}, {"pagination_token": "tok-4"}]


@pytest.mark.anyio
async def test_size_on_first_request_only_resumed_walk_sends_no_size() -> None:
    server = TokenServer(list(range(10)))
    strategy = token_pagination(size_on_first_request_only=True)
    pager = AsyncPager(server.fetch, strategy, ident, page_size=4, start_token="tok-4")
    with anyio.fail_after(5):
        assert await pager.collect() == list(range(4, 10))
    assert server.requests == [{"pagination_token": "tok-4"}, {"pagination_token": "tok-7"}]


@pytest.mark.anyio
@pytest.mark.parametrize("max_items", [None, 5])
async def test_endless_empty_pages_with_fresh_tokens_are_bounded(max_items: int | None) -> None:
    calls = 0

    async def fetch(params: dict[str, Any]) -> Any:
        nonlocal calls
        calls += 1
        await anyio.lowlevel.checkpoint()
        return {"operations": [], "pagination": {"next": f"fresh-{calls}"}}

    pager = AsyncPager(fetch, token_pagination(max_empty_pages=20), ident, max_items=max_items)
    with anyio.fail_after(10), pytest.raises(PaginationLoopError, match="21 empty pages"):
        await pager.collect()
    assert calls == 21
    assert token_pagination().max_empty_pages == 100
    with pytest.raises(ValueError, match="max_empty_pages"):
        token_pagination(max_empty_pages=0)


@pytest.mark.anyio
async def test_a_page_with_items_resets_the_empty_page_count() -> None:
    bodies: list[Any] = [{"operations": [], "pagination": {"next": f"e{i}"}} for i in range(3)]
    bodies.append({"operations": [1], "pagination": {"next": "full"}})
    bodies += [{"operations": [], "pagination": {"next": f"f{i}"}} for i in range(3)]
    bodies.append({"operations": [2], "pagination": None})
    fetch, calls = scripted(*bodies)
    with anyio.fail_after(5):
        items = await AsyncPager(fetch, token_pagination(max_empty_pages=3), ident).collect()
    assert items == [1, 2]
    assert len(calls) == 8


@pytest.mark.anyio
async def test_empty_string_token_is_the_last_page() -> None:
    fetch, calls = scripted({"operations": [1], "pagination": {"next": ""}})
    with anyio.fail_after(5):
        assert await AsyncPager(fetch, token_pagination(), ident).collect() == [1]
    assert len(calls) == 1


@pytest.mark.anyio
async def test_repeated_token_raises_loop_error() -> None:
    fetch, _ = scripted(
        {"operations": [1], "pagination": {"next": "a"}},
        {"operations": [2], "pagination": {"next": "b"}},
        {"operations": [3], "pagination": {"next": "a"}},
    )
    seen: list[int] = []

    async def consume() -> None:
        async for item in AsyncPager(fetch, token_pagination(), ident):
            seen.append(item)

    with anyio.fail_after(5), pytest.raises(PaginationLoopError, match="page token") as caught:
        await consume()
    assert seen == [1, 2]
    # The server's token is opaque text that may hold anything: it is not quoted.
    assert "'a'" not in str(caught.value)


@pytest.mark.anyio
async def test_token_equal_to_start_token_raises_loop_error() -> None:
    fetch, _ = scripted({"operations": [1], "pagination": {"next": "start"}})
    pager = AsyncPager(fetch, token_pagination(), ident, start_token="start")
    with anyio.fail_after(5), pytest.raises(PaginationLoopError):
        await pager.collect()


@pytest.mark.anyio
async def test_same_items_under_a_fresh_token_raises_loop_error() -> None:
    fetch, _ = scripted(
        {"operations": [1, 2], "pagination": {"next": "a"}},
        {"operations": [1, 2], "pagination": {"next": "b"}},
    )
    with anyio.fail_after(5), pytest.raises(PaginationLoopError, match="same page"):
        await AsyncPager(fetch, token_pagination(), ident).collect()


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("body", "match"),
    [
        ({"pagination": None}, "list of items at operations"),
        ({"operations": {"a": 1}}, "list of items"),
        ({"operations": [1], "pagination": {"next": 42}}, "string token"),
        ({"operations": [1], "pagination": []}, "JSON object at pagination"),
        ([1, 2], "JSON object at the top level"),
    ],
)
async def test_malformed_token_bodies_raise_with_raw_body(body: Any, match: str) -> None:
    fetch, _ = scripted(body)
    with anyio.fail_after(5), pytest.raises(ResponseValidationError, match=match) as caught:
        await AsyncPager(fetch, token_pagination(), ident).collect()
    assert json.loads(caught.value.body) == body


@pytest.mark.anyio
async def test_missing_items_allowed_when_configured() -> None:
    fetch, _ = scripted({"pagination": None})
    pager = AsyncPager(fetch, token_pagination(allow_missing_items=True), ident)
    with anyio.fail_after(5):
        assert await pager.collect() == []


@pytest.mark.anyio
async def test_item_parser_error_becomes_response_validation_error() -> None:
    fetch, _ = scripted({"operations": [{"id": "a"}, {"name": "no id"}], "pagination": None})

    def parse(item: Any) -> str:
        return str(item["id"])

    with anyio.fail_after(5), pytest.raises(ResponseValidationError) as caught:
        await AsyncPager(fetch, token_pagination(), parse).collect()
    assert isinstance(caught.value.__cause__, KeyError)
    assert "no id" in caught.value.body


@pytest.mark.anyio
async def test_max_items_caps_without_an_extra_request() -> None:
    server = TokenServer(list(range(20)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=5, max_items=10)
    with anyio.fail_after(5):
        assert [item async for item in pager] == list(range(10))
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_collect_max_items_combines_with_pager_cap() -> None:
    server = TokenServer(list(range(20)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=5, max_items=12)
    with anyio.fail_after(5):
        assert await pager.collect(max_items=7) == list(range(7))
        assert await pager.collect(max_items=50) == list(range(12))
    assert len(server.requests) == 2 + 3


@pytest.mark.anyio
async def test_pages_cut_the_last_page_at_max_items_and_resume_rereads_it() -> None:
    server = TokenServer(list(range(10)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=4, max_items=6)
    with anyio.fail_after(5):
        pages = [page async for page in pager.pages()]
    assert [list(page.items) for page in pages] == [[0, 1, 2, 3], [4, 5]]
    assert pages[1].next_token == "tok-8"
    # The cut page is where a resumed walk starts, so items 6 and 7 are not lost.
    assert pager.next_token == "tok-4"
    assert not pager.exhausted
    resumed = AsyncPager(server.fetch, token_pagination(), ident, page_size=4, start_token="tok-4")
    with anyio.fail_after(5):
        assert await resumed.collect() == list(range(4, 10))


@pytest.mark.anyio
async def test_first_page_fetches_one_page_and_resume_continues() -> None:
    server = TokenServer(list(range(7)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=3)
    with anyio.fail_after(5):
        page = await pager.first_page()
    assert page == Page(items=[0, 1, 2], next_token="tok-3")
    assert page.raw == {"operations": [0, 1, 2], "pagination": {"next": "tok-3"}}
    assert len(server.requests) == 1
    assert pager.next_token == "tok-3"
    rest = AsyncPager(
        server.fetch, token_pagination(), ident, page_size=3, start_token=pager.next_token
    )
    with anyio.fail_after(5):
        assert await rest.collect() == [3, 4, 5, 6]


@pytest.mark.anyio
async def test_next_token_follows_iteration_when_stopping_early() -> None:
    server = TokenServer(list(range(9)))
    pager = AsyncPager(server.fetch, token_pagination(), ident, page_size=3)
    with anyio.fail_after(5):
        async for page in pager.pages():
            if page.items[0] == 3:
                break
    assert pager.next_token == "tok-6"
    assert len(server.requests) == 2


def test_argument_checks_raise_value_error_before_any_request() -> None:
    async def fetch(params: dict[str, Any]) -> Any:
        raise AssertionError("no request expected")

    with pytest.raises(ValueError, match="page_size"):
        AsyncPager(fetch, token_pagination(), ident, page_size=0)
    with pytest.raises(ValueError, match="max_items"):
        AsyncPager(fetch, token_pagination(), ident, max_items=0)
    with pytest.raises(ValueError, match="prefetch"):
        AsyncPager(fetch, token_pagination(), ident, prefetch=-1)
    with pytest.raises(ValueError, match="start_page"):
        AsyncPager(fetch, token_pagination(), ident, start_page=2)
    with pytest.raises(ValueError, match="start_token"):
        AsyncPager(fetch, page_pagination(), ident, start_token="x")
    with pytest.raises(TypeError, match="sequence of keys"):
        token_pagination(items_path="data")


@pytest.mark.anyio
@pytest.mark.parametrize("base", [0, 1])
@pytest.mark.parametrize("count", [0, 1, 6, 7])
async def test_page_numbers_work_from_either_base(base: int, count: int) -> None:
    server = PageServer(list(range(count)), base=base)
    pager = AsyncPager(server.fetch, page_pagination(), ident, page_size=3)
    with anyio.fail_after(5):
        assert await pager.collect() == list(range(count))
    needed = max(1, -(-count // 3))
    assert len(server.requests) == needed
    assert server.requests[0] == {"pagination.page_size": 3}
    assert [r.get("pagination.page") for r in server.requests[1:]] == [
        base + i for i in range(1, needed)
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("base", [0, 1])
async def test_without_totals_the_walk_stops_on_an_empty_page(base: int) -> None:
    server = PageServer(list(range(6)), base=base, totals=False)
    pager = AsyncPager(server.fetch, page_pagination(), ident, page_size=3)
    with anyio.fail_after(5):
        assert await pager.collect() == list(range(6))
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_unreported_first_page_number_counts_as_zero() -> None:
    server = PageServer(list(range(5)), base=0, report_page=False)
    pager = AsyncPager(server.fetch, page_pagination(), ident, page_size=2)
    with anyio.fail_after(5):
        assert await pager.collect() == list(range(5))
    assert [r.get("pagination.page") for r in server.requests] == [None, 1, 2]


@pytest.mark.anyio
async def test_explicit_first_page_is_sent_and_server_clamping_is_followed() -> None:
    server = PageServer(list(range(7)), base=1, clamp_low=True)
    pager = AsyncPager(server.fetch, page_pagination(first_page=0), ident, page_size=3)
    with anyio.fail_after(5):
        pages = [page async for page in pager.pages()]
    assert [page.page for page in pages] == [1, 2, 3]
    assert [list(page.items) for page in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert pages[0].total_count == 7
    assert pages[0].total_pages == 3
    assert server.requests[0] == {"pagination.page_size": 3, "pagination.page": 0}


@pytest.mark.anyio
@pytest.mark.parametrize("base", [0, 1])
async def test_resume_from_next_page(base: int) -> None:
    server = PageServer(list(range(8)), base=base)
    pager = AsyncPager(server.fetch, page_pagination(), ident, page_size=3)
    with anyio.fail_after(5):
        await pager.first_page()
    assert pager.next_page == base + 1
    assert pager.next_token is None
    rest = AsyncPager(
        server.fetch, page_pagination(), ident, page_size=3, start_page=pager.next_page
    )
    with anyio.fail_after(5):
        assert await rest.collect() == list(range(3, 8))
    assert rest.exhausted


@pytest.mark.anyio
async def test_server_ignoring_the_page_number_raises_loop_error() -> None:
    page = {"operations": [1, 2], "pagination": {"page": 1}}
    fetch, _ = scripted(page, page)
    with anyio.fail_after(5), pytest.raises(PaginationLoopError, match="page 1 again"):
        await AsyncPager(fetch, page_pagination(), ident).collect()


@pytest.mark.anyio
async def test_same_items_under_a_new_page_number_raise_loop_error() -> None:
    fetch, _ = scripted(
        {"operations": [1, 2], "pagination": {"page": 1}},
        {"operations": [1, 2], "pagination": {"page": 2}},
    )
    with anyio.fail_after(5), pytest.raises(PaginationLoopError, match="same page"):
        await AsyncPager(fetch, page_pagination(), ident).collect()


@pytest.mark.anyio
@pytest.mark.parametrize(
    "value",
    ["\u00b2", "1\u00b2", "\u0663", "9" * 5000, "-" + "9" * 30, 2**64, "+1", " 1", 1.5, True],
)
async def test_page_numbers_that_are_no_64_bit_integer_are_malformed(value: Any) -> None:
    # "²" passes str.isdigit and "9" * 5000 exceeds int()'s digit limit: both used to escape
    # as a bare ValueError.
    fetch, _ = scripted({"operations": [1], "pagination": {"page": 1, "total_count": value}})
    with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="64-bit integer") as e:
        await AsyncPager(fetch, page_pagination(), ident).collect()
    assert len(str(e.value)) < 200


@pytest.mark.anyio
async def test_non_integer_page_field_is_malformed() -> None:
    fetch, _ = scripted({"operations": [1], "pagination": {"page": "one"}})
    with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="integer"):
        await AsyncPager(fetch, page_pagination(), ident).collect()

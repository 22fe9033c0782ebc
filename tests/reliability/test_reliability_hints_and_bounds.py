"""Small items of #25: a 5xx keeps the server's Retry-After; only digits make a
Retry-After; an answer that cannot be retried because its body was streamed says so; a
single id is not a list of ids; a list whose server never stops is bounded."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

from awaitops import AsyncApiClient, RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.core import AsyncPager, PageNumberPagination, TokenPagination
from awaitops.core._error_mapping import retry_after_seconds
from awaitops.core._pagination import DEFAULT_MAX_PAGES
from awaitops.errors import (
    PaginationLimitError,
    PaginationLoopError,
    RateLimitError,
    ServerError,
)
from awaitops.pinecone import Pinecone

URL = "https://api.example.test"
KEY = "pcsk_hints_and_bounds"
RETRY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02, retry_after_cap=2.0)


def _mock(answer: Any, sent: list[httpx.Request]) -> httpx.AsyncClient:
    def reply(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        result: httpx.Response = answer(request)
        return result

    return httpx.AsyncClient(transport=httpx.MockTransport(reply))


@pytest.mark.anyio
async def test_a_503_asking_for_more_than_the_cap_keeps_its_retry_after() -> None:
    sent: list[httpx.Request] = []
    answer = lambda r: httpx.Response(503, headers={"Retry-After": "3600"})  # noqa: E731
    async with (
        _mock(answer, sent) as http,
        AsyncApiClient(base_url=URL, http_client=http, retry=RETRY) as client,
    ):
        with anyio.fail_after(10), pytest.raises(ServerError) as info:
            await client.request("GET", "/x")
    assert info.value.retry_after == 3600
    assert len(sent) == 1


@pytest.mark.parametrize("value", ["1_0", "1e1", "nan", "inf", "+5", "- 5", "0x10", "10s", ""])
def test_only_digits_make_a_retry_after(value: str) -> None:
    assert retry_after_seconds(httpx.Headers({"Retry-After": value})) is None
    assert retry_after_seconds(httpx.Headers({"retry-after-ms": value})) is None


@pytest.mark.parametrize(("value", "seconds"), [("10", 10.0), (" 7 ", 7.0), ("1.5", 1.5)])
def test_a_number_of_seconds_is_read(value: str, seconds: float) -> None:
    assert retry_after_seconds(httpx.Headers({"Retry-After": value})) == seconds


async def _streamed() -> AsyncIterator[bytes]:
    yield b"part one, "
    yield b"part two"


@pytest.mark.anyio
@pytest.mark.parametrize("retry_after", ["3600", "0"])
async def test_a_429_on_a_streamed_body_says_it_could_not_be_re_sent(retry_after: str) -> None:
    sent: list[httpx.Request] = []
    answer = lambda r: httpx.Response(429, headers={"Retry-After": retry_after})  # noqa: E731
    async with (
        _mock(answer, sent) as http,
        AsyncApiClient(base_url=URL, http_client=http, retry=RETRY, rate_limit=None) as client,
    ):
        with anyio.fail_after(10), pytest.raises(RateLimitError) as info:
            await client.request("POST", "/upload", content=_streamed())
    assert any("cannot be re-sent" in note for note in getattr(info.value, "__notes__", []))
    assert len(sent) == 1


@pytest.mark.anyio
async def test_a_single_id_is_refused_before_sending() -> None:
    sent: list[httpx.Request] = []
    answer = lambda r: httpx.Response(500)  # noqa: E731
    async with (
        _mock(answer, sent) as http,
        Pinecone(KEY, control_url=URL, http_client=http) as pc,
        Chainloop("cl-token", base_url=URL, http_client=http) as cl,
    ):
        for ops in (pc.assistant("a1", host="https://data.example.test").operations, cl.operations):
            with pytest.raises(TypeError, match="not a single str"):
                ops.wait_all("op1")
            with pytest.raises(TypeError, match="not a single bytes"):
                ops.wait_all(b"op1")  # type: ignore[arg-type]
    assert sent == []


def _fresh_tokens(params: dict[str, Any]) -> Any:
    token = int(params.get("token") or 0)
    return {"items": [{"n": token}], "next": str(token + 1)}


def _fresh_pages(params: dict[str, Any]) -> Any:
    page = int(params.get("page") or 1)
    return {"items": [{"n": page}], "page": page, "total_pages": page + 1}


TOKENS = TokenPagination(
    token_param="token", size_param="size", items_path=("items",), next_path=("next",)
)
PAGES = PageNumberPagination(
    page_param="page",
    size_param="size",
    items_path=("items",),
    page_path=("page",),
    total_pages_path=("total_pages",),
    total_count_path=("total_count",),
)


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["token", "page"])
async def test_a_server_that_never_stops_is_bounded_by_max_pages(kind: str) -> None:
    fetched: list[dict[str, Any]] = []
    source = _fresh_tokens if kind == "token" else _fresh_pages

    async def fetch(params: dict[str, Any]) -> Any:
        fetched.append(params)
        return source(params)

    strategy = TOKENS if kind == "token" else PAGES
    assert AsyncPager(fetch, strategy, dict)._max_pages == DEFAULT_MAX_PAGES
    with anyio.fail_after(20), pytest.raises(PaginationLimitError) as info:
        await AsyncPager(fetch, strategy, dict, max_pages=50).collect()
    assert isinstance(info.value, PaginationLoopError)
    assert info.value.max_pages == 50
    assert "max_pages=50" in str(info.value)
    assert len(fetched) == 50
    # A caller whose list is that long reads on.
    fetched.clear()
    items = await AsyncPager(fetch, strategy, dict, max_pages=None, max_items=120).collect()
    assert len(items) == 120


@pytest.mark.anyio
async def test_a_list_method_takes_max_pages() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        token = int(request.url.params.get("pagination_token") or 0)
        body = {
            "assistants": [{"name": f"a{token}", "status": "Ready"}],
            "pagination": {"next": str(token + 1)},
        }
        return httpx.Response(200, content=json.dumps(body).encode())

    async with _mock(answer, sent) as http, Pinecone(KEY, control_url=URL, http_client=http) as pc:
        with anyio.fail_after(20), pytest.raises(PaginationLimitError):
            await pc.assistants.list(max_pages=3).collect()
    assert len(sent) == 3


def test_bad_max_pages_are_refused() -> None:
    async def fetch(params: dict[str, Any]) -> Any:
        return {}

    for bad in (0, -1, 2.5):
        with pytest.raises(ValueError, match="max_pages"):
            AsyncPager(fetch, TOKENS, dict, max_pages=bad)  # type: ignore[arg-type]

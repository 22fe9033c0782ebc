"""Small hostile cases, each a typed error, a bound or a check: wrong progress types, keys no
HTTP header can carry, endless empty pages, page numbers no integer parser should take."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest

from awaitops import RetryPolicy
from awaitops.chainloop import Chainloop
from awaitops.errors import PaginationLoopError, ResponseValidationError
from awaitops.pinecone import Pinecone

URL = "https://api.example.test"
KEY = "pcsk_small_items"
OPERATION = {
    "id": "op-1",
    "operation_type": "upload_file",
    "status": "Processing",
    "created_on": "2026-11-22T10:00:00Z",
    "file_id": "file-1",
}


def _answering(body: Any) -> httpx.AsyncClient:
    """Every request answered with ``body``; a list of operations gets it as its one item."""

    def reply(request: httpx.Request) -> httpx.Response:
        listed = request.url.path.endswith("/operations/a1")
        answer = {"operations": [body]} if listed else body
        return httpx.Response(200, content=json.dumps(answer).encode())

    return httpx.AsyncClient(transport=httpx.MockTransport(reply))


@pytest.mark.anyio
@pytest.mark.parametrize("percent", ["fifty", "50", [50], {"v": 50}, True, 101, -1, 1e300])
async def test_percent_complete_of_the_wrong_type_or_range_is_malformed(percent: Any) -> None:
    body = {**OPERATION, "percent_complete": percent}
    async with _answering(body) as http, Pinecone(KEY, control_url=URL, http_client=http) as pc:
        ops = pc.assistant("a1", host=URL).operations
        with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="percent") as one:
            await ops.get("op-1")
        with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="percent") as lst:
            await ops.list().collect()
    assert json.loads(one.value.body) == body
    assert json.loads(lst.value.body) == {"operations": [body]}


@pytest.mark.anyio
@pytest.mark.parametrize("percent", [0, 42, 42.5, 100, None])
async def test_percent_complete_in_range_is_kept(percent: Any) -> None:
    body = {**OPERATION, "percent_complete": percent}
    async with _answering(body) as http, Pinecone(KEY, control_url=URL, http_client=http) as pc:
        with anyio.fail_after(5):
            op = await pc.assistant("a1", host=URL).operations.get("op-1")
    assert op.percent_complete == percent


@pytest.mark.parametrize("key", ["pcsk_clé", "pcsk_\u2028x", "pcsk_\x7f", "pcsk_a\tb"])
def test_a_key_no_http_header_can_carry_is_refused_at_construction(key: str) -> None:
    for make in (
        lambda: Pinecone(key, control_url=URL),
        lambda: Chainloop(key, base_url=URL),
    ):
        with pytest.raises(ValueError, match="printable ASCII") as caught:
            make()
        assert key not in str(caught.value)


@pytest.mark.anyio
async def test_endless_empty_pages_with_fresh_tokens_end_in_a_loop_error() -> None:
    sent = 0

    def reply(request: httpx.Request) -> httpx.Response:
        nonlocal sent
        sent += 1
        if sent > 1000:  # the walk should have ended long ago: end it with another error
            return httpx.Response(400, json={"error": {"code": "STOP", "message": "stop"}})
        body = {"operations": [], "pagination": {"next": f"fresh-{sent}"}}
        return httpx.Response(200, content=json.dumps(body).encode())

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(reply)) as http,
        Pinecone(KEY, control_url=URL, http_client=http) as pc,
    ):
        pager = pc.assistant("a1", host=URL).operations.list(max_items=5)
        with anyio.fail_after(10), pytest.raises(PaginationLoopError, match="empty pages"):
            await pager.collect()
    assert sent == 101  # the documented default: 100 empty pages in a row, then the error


@pytest.mark.anyio
@pytest.mark.parametrize("page", ["\u00b2", "9" * 5000, "\u0661"])
async def test_a_page_number_no_integer_parser_should_take_is_malformed(page: str) -> None:
    body = {
        "operations": [],
        "pagination": {"page": page, "page_size": 50, "total_pages": 1, "total_count": 0},
    }
    retry = RetryPolicy(max_attempts=1)
    async with (
        _answering(body) as http,
        Chainloop("cl_token", base_url=URL, http_client=http, retry=retry) as cl,
    ):
        with anyio.fail_after(5), pytest.raises(ResponseValidationError, match="64-bit"):
            await cl.operations.list().collect()
